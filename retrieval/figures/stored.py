"""Figures read once, at build time, and kept in the index folder beside the passages.

Reading a passage's figures is the costly part of an answer, and it depends on the passage
and its document alone. A build reads every passage once and writes the result as one JSON
record per passage (``figures.bin``, with row offsets in ``figures.npy``); questions decode
the few records they need. The records name the version of the code that read them (a hash
of this package's sources): after an upgrade they are not used until the next build, and the
figures are read from the text as before.

The names of the measures read (``deaths``, ``people evacuated``) and the clause of each
figure ("including deaths", the figure masked) are embedded at build time too
(``figure-names.json``, ``figure-names.npy``): a question compares itself with the names and
clauses of the groups it finds, and embedding them anew costs more than the search.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import threading
from array import array
from collections.abc import Sequence
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path
from typing import Any, overload

import numpy as np

from retrieval.errors import IndexLoadError
from retrieval.figures.clauses import clause
from retrieval.figures.extract import Mention, read_mentions
from retrieval.figures.measures import Measure
from retrieval.figures.model import FigureValue
from retrieval.types import DocumentMeta, Passage

FIGURES_FILE = "figures.bin"
OFFSETS_FILE = "figures.npy"
NAMES_FILE = "figure-names.json"
NAME_VECTORS_FILE = "figure-names.npy"
# Fields of a value that come from its document, filled in again when it is read back.
_DOCUMENT_FIELDS = ("doc_id", "title", "publisher", "url", "page")
# Records decoded and kept per loaded index (a few KB each).
RECORDS_REMEMBERED = 50_000


# The records an index's build wrote are used only when this matches. Bump it by hand when a
# change alters what is read from a passage or how a record is written (the figures of the
# reference corpus in tests/test_figures_version.py change); a comment or a refactor that
# reads the same figures leaves it alone, and every index keeps its records.
FIGURES_VERSION = 163


def encode(mentions: Sequence[Mention]) -> bytes:
    records = []
    for m in mentions:
        value = {k: v for k, v in asdict(m.value).items() if k not in _DOCUMENT_FIELDS}
        measure = m.measure
        records.append(
            [
                value,
                [list(measure.key), measure.name, sorted(measure.events), measure.entity],
                list(measure.words),
                m.kind,
                m.qualifier,
                list(m.bare),
                m.tol_low,
                m.tol_high,
                m.time_key,
                m.earlier,
                m.relative,
            ]
        )
    return json.dumps(records, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode(blob: bytes, document: DocumentMeta) -> tuple[Mention, ...]:
    out = []
    for value, (key, name, events, entity), words, kind, *rest in json.loads(blob):
        qualifier, bare, tol_low, tol_high, time_key, earlier, relative = rest
        figure = FigureValue(
            **value,
            doc_id=document.doc_id,
            title=document.title,
            publisher=document.publisher,
            url=document.url,
            page=None if value.get("start") is None else document.page_at(value["start"]),
        )
        measure = Measure(tuple(key), name, frozenset(events), entity, tuple(words))
        out.append(
            Mention(
                figure,
                measure,
                kind,
                qualifier,
                tuple(bare),
                tol_low,
                tol_high,
                time_key,
                earlier,
                relative,
            )
        )
    return tuple(out)


def read_passage(passage: Passage, document: DocumentMeta) -> bytes:
    """The record of one passage, as a build writes it. The mentions are not remembered
    (``passage_mentions`` would keep every passage's, up to its limit, for the whole build)."""
    return encode(read_mentions(passage, document))


def measure_names(records: Sequence[bytes]) -> list[str]:
    """The texts a question is compared with, distinct and sorted: the measure names in
    ``records`` and the clause of each figure (``retrieval.figures.clauses``)."""
    texts: set[str] = set()
    for r in records:
        for value, measure, *_ in json.loads(r):
            texts.add(measure[1])
            texts.add(clause(value["quote"], value["text"]))
    return sorted(texts)


class RecordSpool(Sequence[bytes]):
    """A build's figure records, written to an unnamed temporary file as they are read and
    read back in order when the index is written: a record is about 1.5 KB, and a large
    corpus's would otherwise all be held in memory until then.

    The file is made in ``folder`` (beside the index, not in a ``/tmp`` that may be memory)
    and is gone once closed, or if the build is killed.
    """

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self._file = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115 (closed by close)
        self._offsets = array("q", [0])
        self._unflushed = False

    def append(self, record: bytes) -> None:
        self._file.write(record)
        self._offsets.append(self._offsets[-1] + len(record))
        self._unflushed = True

    def __len__(self) -> int:
        return len(self._offsets) - 1

    @overload
    def __getitem__(self, n: int) -> bytes: ...

    @overload
    def __getitem__(self, n: slice) -> list[bytes]: ...

    def __getitem__(self, n: int | slice) -> bytes | list[bytes]:
        if isinstance(n, slice):
            return [self[i] for i in range(*n.indices(len(self)))]
        if n < 0:
            n += len(self)
        if not 0 <= n < len(self):
            raise IndexError("record out of range")
        if self._unflushed:
            self._file.flush()
            self._unflushed = False
        start, end = self._offsets[n], self._offsets[n + 1]
        return os.pread(self._file.fileno(), end - start, start)

    def close(self) -> None:
        self._file.close()


def write(
    folder: Path, records: Sequence[bytes], names: Sequence[str], name_vectors: np.ndarray
) -> None:
    offsets = np.zeros(len(records) + 1, dtype=np.int64)
    with (folder / FIGURES_FILE).open("wb") as fh:
        for n, record in enumerate(records):
            fh.write(record)
            offsets[n + 1] = offsets[n] + len(record)
    np.save(folder / OFFSETS_FILE, offsets)
    (folder / NAMES_FILE).write_text(json.dumps(list(names), ensure_ascii=False), "utf-8")
    np.save(folder / NAME_VECTORS_FILE, np.asarray(name_vectors, dtype=np.float32))


def read_names(folder: Path) -> dict[str, np.ndarray]:
    """The measure names of an index and their vectors (read from disk as they are used)."""
    names = json.loads((folder / NAMES_FILE).read_text("utf-8"))
    vectors = np.load(folder / NAME_VECTORS_FILE, mmap_mode="r")
    if not isinstance(names, list) or vectors.shape[0] != len(names):
        raise IndexLoadError(f"index figure names in {folder} do not match their vectors")
    return {str(name): vectors[n] for n, name in enumerate(names)}


class StoredFigures:
    """The figure records of one index folder, read on demand (not held in memory)."""

    def __init__(self, folder: Path, passages: int) -> None:
        self.offsets = np.load(folder / OFFSETS_FILE)
        if self.offsets.shape != (passages + 1,) or self.offsets[0] != 0:
            raise IndexLoadError(f"index figures in {folder} do not match its passages")
        self.names = read_names(folder)
        self._fd = os.open(folder / FIGURES_FILE, os.O_RDONLY)
        if os.fstat(self._fd).st_size != int(self.offsets[-1]):
            os.close(self._fd)
            raise IndexLoadError(f"index figures in {folder} are truncated")
        self._lock = threading.Lock()
        self._closed = False
        self.mentions = lru_cache(maxsize=RECORDS_REMEMBERED)(self._mentions)

    def name_vector(self, name: str) -> np.ndarray | None:
        """The build's embedding of a measure name, when a passage of this index has it."""
        vector = self.names.get(name)
        return None if vector is None else np.asarray(vector, dtype=np.float32)

    @classmethod
    def open(cls, folder: Path, manifest: dict[str, Any], passages: int) -> StoredFigures | None:
        """The folder's records when this code wrote them, else None (read from the text)."""
        if manifest.get("figures_version") != FIGURES_VERSION:
            return None
        if not (folder / FIGURES_FILE).exists():
            return None
        return cls(folder, passages)

    def record(self, row: int) -> bytes:
        start, end = int(self.offsets[row]), int(self.offsets[row + 1])
        return os.pread(self._fd, end - start, start)

    def _mentions(self, row: int, document: DocumentMeta) -> tuple[Mention, ...]:
        return decode(self.record(row), document)

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                os.close(self._fd)

    def __del__(self) -> None:
        with contextlib.suppress(Exception):  # at interpreter shutdown
            self.close()
