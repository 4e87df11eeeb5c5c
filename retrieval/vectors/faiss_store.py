"""The FAISS vector store: vectors in a folder on this machine, searched through
``retrieval.vectors.faiss_index``."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from retrieval.embedding import canonical_model_name
from retrieval.errors import IndexLoadError
from retrieval.vectors.faiss_index import FaissIndex, build_index, load_index
from retrieval.vectors.interface import (
    BUILD_HINT,
    FULL_REBUILD_HINT,
    TIE_MARGIN,
    StoreInfo,
    check_compatible,
    finish_results,
    validate_queries,
    validate_rows,
)
from retrieval.vectors.rowfile import RowFile

STORE_FILE = "store.json"
STORE_FORMAT = 1


class FaissVectorStore:
    """Vectors in memory, saved to a folder; searched through ``faiss_index``.

    The folder holds ``store.json`` (model, dimension, generation, document ids, and the
    names of the data files) and versioned ``ids-N.npy``, ``docs-N.npy``, ``vectors-N.npy``
    and ``index-N.faiss``. A save writes the next version's files, then replaces
    ``store.json`` atomically, then removes the old files: a reader sees one version whole.

    The ANN index is rebuilt from the vectors after a change (FAISS graph indexes cannot
    delete). Approximate kinds re-score their candidates exactly from the float vectors,
    which a loaded store reads from disk per question (``retrieval.vectors.rowfile.RowFile``), not from
    memory: at a million passages they would not fit the memory a bot is given.
    """

    backend = "faiss"

    def __init__(
        self,
        folder: Path,
        info: StoreInfo,
        kind: str = "flat",
        params: dict[str, Any] | None = None,
    ) -> None:
        self.folder = folder
        self.kind = kind
        self._params = dict(params or {})  # build and search settings (ann.default_params)
        self._info = info
        self._lock = threading.RLock()
        self._version = 0  # version of the files the data came from (0: never saved)
        self._files: dict[str, str] = {}  # that version's data files
        self._dirty = False
        self._ids = np.zeros(0, dtype=np.int64)
        self._docs = np.zeros(0, dtype=np.int32)  # position → number in ``_doc_names``
        self._doc_names: list[str] = []
        self._doc_number: dict[str, int] = {}
        self._vectors: np.ndarray | RowFile = np.zeros((0, info.dimension), dtype=np.float32)
        self._index: FaissIndex | None = None
        self._sorted: tuple[np.ndarray, np.ndarray] | None = None  # (order, sorted ids)

    # --- opening -----------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        folder: Path,
        *,
        model: str | None = None,
        dimension: int | None = None,
        kind: str = "flat",
        params: dict[str, Any] | None = None,
    ) -> FaissVectorStore:
        """The store in ``folder``; an empty one for ``model``/``dimension`` when none is there."""
        folder = Path(folder)
        if (folder / STORE_FILE).exists():
            store = cls(folder, StoreInfo("faiss", str(folder), "", 0), kind, params)
            store._load()
            return store
        if model is None or dimension is None:
            raise IndexLoadError(f"no vector store at {folder}: {BUILD_HINT}")
        info = StoreInfo("faiss", str(folder), canonical_model_name(model), int(dimension))
        store = cls(folder, info, kind, params)
        store._dirty = True
        return store

    def _read_meta(self) -> dict[str, Any]:
        path = self.folder / STORE_FILE
        try:
            meta = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise IndexLoadError(f"vector store {path} is damaged ({exc}): {BUILD_HINT}") from exc
        if not isinstance(meta, dict) or meta.get("format") != STORE_FORMAT:
            raise IndexLoadError(f"vector store {path} has an unknown format: {FULL_REBUILD_HINT}")
        return meta

    def _load(self) -> None:
        # A writer may replace the files between reading store.json and opening them: retry.
        for attempt in range(3):
            meta = self._read_meta()
            try:
                self._load_version(meta)
                return
            except FileNotFoundError:
                if attempt == 2:
                    raise IndexLoadError(
                        f"vector store {self.folder} is missing files: {BUILD_HINT}"
                    ) from None

    def _load_version(self, meta: dict[str, Any]) -> None:
        files: dict[str, str] = meta["files"]
        try:
            ids = np.load(self.folder / files["ids"])
            docs = np.load(self.folder / files["docs"])
            vectors = RowFile(self.folder / files["vectors"])
            index = None
            if files.get("index") and meta.get("kind") == self.kind:
                params = dict(meta.get("params") or {})
                index = load_index(
                    self.folder / files["index"],
                    self.kind,
                    params=params,
                    refine=vectors if self.kind != "flat" else None,
                )
                self._params = params
        except FileNotFoundError:
            raise
        except Exception as exc:  # any parse failure means a damaged file
            raise IndexLoadError(
                f"vector store {self.folder} is damaged ({exc}): {BUILD_HINT}"
            ) from exc
        dimension = int(meta["dimension"])
        if not (len(ids) == len(docs) == len(vectors) == int(meta["count"])) or (
            vectors.shape[1] != dimension
        ):
            raise IndexLoadError(f"vector store {self.folder} is inconsistent: {FULL_REBUILD_HINT}")
        if index is not None and index.size != len(ids):
            index = None
        names = [str(d) for d in meta["documents"]]
        with self._lock:
            self._info = StoreInfo(
                "faiss",
                str(self.folder),
                str(meta["model"]),
                dimension,
                int(meta.get("generation", 0)),
                dict(meta.get("properties", {})),
            )
            self._version = int(meta["version"])
            self._files = dict(files)
            self._ids, self._docs, self._vectors = ids.astype(np.int64), docs, vectors
            self._doc_names = names
            self._doc_number = {name: i for i, name in enumerate(names)}
            self._index, self._sorted = index, None
            self._dirty = False

    # --- reading -----------------------------------------------------------------------------
    @property
    def info(self) -> StoreInfo:
        return self._info

    def check_compatible(self, model: str, dimension: int) -> None:
        check_compatible(self._info, model, dimension)

    def count(self) -> int:
        return len(self._ids)

    def _ann(self) -> tuple[FaissIndex, np.ndarray, np.ndarray | RowFile]:
        """The index with the ids and vectors it was built from (one consistent version)."""
        with self._lock:
            if self._index is None:
                vectors = np.asarray(self._vectors, dtype=np.float32)
                self._index = build_index(
                    vectors,
                    self.kind,
                    params=self._params,
                    refine=vectors if self.kind != "flat" else None,
                )
                self._params = dict(self._index.params)
            return self._index, self._ids, self._vectors

    @property
    def index(self) -> FaissIndex:
        """The ANN index searched (built from the vectors if the saved one is not of this kind)."""
        return self._ann()[0]

    @property
    def params(self) -> dict[str, Any]:
        """The index's build and search settings (after a build or a load)."""
        return dict(self._params)

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        queries = validate_queries(queries, k, self._info.dimension)
        index, ids, _ = self._ann()
        if len(ids) == 0:
            return finish_results(
                np.zeros((len(queries), 0), np.float32), np.zeros((len(queries), 0), np.int64), k
            )
        # Approximate kinds re-score their candidates exactly (the index's ``refine``).
        scores, positions = index.search(queries, min(k + TIE_MARGIN, len(ids)))
        found = np.where(positions >= 0, ids[np.clip(positions, 0, None)], -1)
        return finish_results(scores, found, k)

    def vectors_for(self, ids: np.ndarray) -> np.ndarray:
        wanted = np.asarray(ids, dtype=np.int64).reshape(-1)
        with self._lock:
            if self._sorted is None:
                order = np.argsort(self._ids, kind="stable")
                self._sorted = (order, self._ids[order])
            order, sorted_ids = self._sorted
            vectors = self._vectors
        out = np.zeros((len(wanted), self._info.dimension), dtype=np.float32)
        if len(sorted_ids) == 0 or len(wanted) == 0:
            return out
        at = np.clip(np.searchsorted(sorted_ids, wanted), 0, len(sorted_ids) - 1)
        hit = sorted_ids[at] == wanted
        out[hit] = vectors[order[at[hit]]]
        return out

    # --- writing -----------------------------------------------------------------------------
    def add(self, ids: np.ndarray, vectors: np.ndarray, doc_ids: Sequence[str]) -> None:
        ids, vectors = validate_rows(ids, vectors, doc_ids, self._info.dimension)
        if not len(ids):
            return
        with self._lock:
            numbers = np.empty(len(ids), dtype=np.int32)
            for n, doc in enumerate(doc_ids):
                number = self._doc_number.get(doc)
                if number is None:
                    number = self._doc_number[doc] = len(self._doc_names)
                    self._doc_names.append(doc)
                numbers[n] = number
            if not len(self._ids) and not vectors.flags.writeable:
                # The first rows of an empty store, read-only: kept as they are, not copied
                # (a build's embeddings, which would otherwise be held twice).
                self._ids, self._docs, self._vectors = ids.copy(), numbers, vectors
                self._changed()
                return
            keep = ~np.isin(self._ids, ids)
            self._ids = np.concatenate([self._ids[keep], ids])
            self._docs = np.concatenate([self._docs[keep], numbers])
            self._vectors = np.concatenate([np.asarray(self._vectors)[keep], vectors])
            self._changed()

    def delete_documents(self, doc_ids: Iterable[str]) -> None:
        with self._lock:
            numbers = [self._doc_number[d] for d in set(doc_ids) if d in self._doc_number]
            if not numbers:
                return
            keep = ~np.isin(self._docs, np.array(numbers, dtype=np.int32))
            if keep.all():
                return
            self._ids = self._ids[keep]
            self._docs = self._docs[keep]
            self._vectors = np.asarray(self._vectors)[keep]
            self._changed()

    def _changed(self) -> None:
        self._index = None
        self._sorted = None
        self._dirty = True

    def reset(self, model: str, dimension: int) -> None:
        with self._lock:
            self._info = replace(
                self._info,
                model=canonical_model_name(model),
                dimension=int(dimension),
                generation=0,
                properties={},
            )
            self._ids = np.zeros(0, dtype=np.int64)
            self._docs = np.zeros(0, dtype=np.int32)
            self._doc_names, self._doc_number = [], {}
            self._vectors = np.zeros((0, int(dimension)), dtype=np.float32)
            self._changed()

    def publish(self, generation: int, properties: Mapping[str, str] | None = None) -> None:
        with self._lock:
            self._info = replace(
                self._info, generation=int(generation), properties=dict(properties or {})
            )
            self._dirty = True
            self.flush()

    def refresh(self) -> StoreInfo:
        """Reload from the folder when another process saved a newer version."""
        with self._lock:
            if self._dirty or not (self.folder / STORE_FILE).exists():
                return self._info
            if int(self._read_meta().get("version", 0)) != self._version:
                self._load()
            return self._info

    def flush(self) -> None:
        with self._lock:
            if self._dirty:
                self._save()

    def close(self) -> None:
        self.flush()

    def _save(self) -> None:
        index, _, _ = self._ann()
        # Renumber documents so that deleted ones do not accumulate in store.json.
        used = np.unique(self._docs)
        renumber = np.zeros(len(self._doc_names) + 1, dtype=np.int32)
        renumber[used] = np.arange(len(used), dtype=np.int32)
        docs = renumber[self._docs] if len(self._docs) else self._docs
        names = [self._doc_names[int(i)] for i in used]

        self.folder.mkdir(parents=True, exist_ok=True)
        old = self._read_meta() if (self.folder / STORE_FILE).exists() else None
        version = max(self._version, int(old["version"]) if old else 0) + 1
        files = {
            "ids": f"ids-{version}.npy",
            "docs": f"docs-{version}.npy",
            "vectors": f"vectors-{version}.npy",
            "index": f"index-{version}.faiss",
        }
        _write_atomic(self.folder / files["ids"], _npy(self._ids))
        _write_atomic(self.folder / files["docs"], _npy(docs))
        _write_atomic(self.folder / files["vectors"], _npy(np.asarray(self._vectors)))
        _write_atomic(self.folder / files["index"], index.save)
        meta = {
            "format": STORE_FORMAT,
            "backend": "faiss",
            "model": self._info.model,
            "dimension": self._info.dimension,
            "generation": self._info.generation,
            "properties": dict(self._info.properties),
            "kind": self.kind,
            "params": self._params,
            "version": version,
            "count": len(self._ids),
            "files": files,
            "documents": names,
        }
        _write_atomic(
            self.folder / STORE_FILE,
            lambda p: p.write_text(json.dumps(meta, ensure_ascii=False), "utf-8"),
        )
        if old is not None:
            for name in old.get("files", {}).values():
                if name not in files.values():
                    (self.folder / name).unlink(missing_ok=True)
        self._docs, self._doc_names = docs, names
        self._doc_number = {name: i for i, name in enumerate(names)}
        self._version = version
        self._files = files
        self._dirty = False

    @property
    def vectors_path(self) -> Path | None:
        """The saved file of the vectors (rows in the order they were added); None unsaved."""
        name = self._files.get("vectors")
        return self.folder / name if name else None


def _npy(array: np.ndarray) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        with path.open("wb") as fh:  # a file object: np.save would append .npy to a name
            np.save(fh, array)

    return write


def _write_atomic(path: Path, write: Callable[[Path], object]) -> None:
    """Write through ``write(tmp_path)``, fsync, then rename over ``path``."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        write(tmp)
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
