"""The index manifest (``config.json``): one typed record of how an index was built.

Read and checked once (``read``): a damaged or foreign file is an ``IndexLoadError`` naming
what is wrong. Written as JSON with its fields in a fixed order (``to_json``), the same bytes
for the same build whatever wrote it, so that an index stays valid across versions.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from retrieval.errors import IndexLoadError
from retrieval.index.folder import MANIFEST, MANIFEST_KIND

FORMAT_VERSION = 1
REBUILD_HINT = "run `corpusbot index build`"
# How the dense side of a FAISS index is kept: 2 = a FaissVectorStore in its own folder (1 was
# a bare vectors.faiss file; such an index is stale and rebuilt without embedding anything).
DENSE_LAYOUT = 2

# A manifest's signature: the identity of the file (a rebuild writes a new one).
Signature = tuple[int, ...]

# Fields every manifest has (an index without one is damaged).
_REQUIRED = ("model", "dimension", "files", "checksums")
# Fields that, when present, must be of this type (else a crash wherever one is first used).
_TYPES: dict[str, type] = {
    "model": str,
    "dimension": int,
    "files": dict,
    "file_stats": dict,
    "skipped": dict,
    "checksums": dict,
    "index_params": dict,
    "query_encoder": dict,
}
# Optional fields written only by one kind of index: absent from the JSON when None.
_OMITTED_WHEN_NONE = frozenset({"vector_store", "index_params", "dense_layout"})


@dataclass
class Manifest:
    """How an index was built and what it holds. Fields are in the order they are written."""

    model: str
    dimension: int
    files: dict[str, str]  # corpus file → content hash (or ``UNREADABLE`` and why)
    checksums: dict[str, str]  # index file → sha256
    kind: str | None = MANIFEST_KIND
    format_version: int = FORMAT_VERSION
    normalized: bool = True
    index_type: str | None = None
    index_type_setting: str | None = None
    ann_threshold: int | None = None
    ingest_version: int | None = None
    figures_version: int | str | None = None  # older indexes: a hash of the source (a string)
    passage_chars: int | None = None
    max_file_bytes: int | None = None
    file_stats: dict[str, list[int]] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)  # corpus file → why it was skipped
    documents: int = 0
    passages: int = 0
    built_at: str | None = None
    passage_encoder: dict[str, Any] = field(default_factory=dict)
    vector_store: dict[str, Any] | None = None  # the external store it was built into
    index_params: dict[str, Any] | None = None  # the FAISS index's settings
    dense_layout: int | None = None
    query_encoder: dict[str, Any] = field(default_factory=dict)
    # The keys of the file it was read from, in order, and any this code does not know:
    # ``to_dict`` gives back what was read.
    read_keys: tuple[str, ...] = field(default=(), repr=False, compare=False)
    extra: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    _WRITTEN_ORDER = (
        "kind",
        "format_version",
        "model",
        "dimension",
        "normalized",
        "index_type",
        "index_type_setting",
        "ann_threshold",
        "ingest_version",
        "figures_version",
        "passage_chars",
        "max_file_bytes",
        "files",
        "file_stats",
        "skipped",
        "documents",
        "passages",
        "built_at",
        "passage_encoder",
        "vector_store",
        "index_params",
        "dense_layout",
        "query_encoder",
        "checksums",
    )

    @property
    def dense_layout_current(self) -> bool:
        """Whether a FAISS index keeps its vectors the way this code reads them (always true
        of an index in an external vector store)."""
        return self.vector_store is not None or self.dense_layout == DENSE_LAYOUT

    def to_dict(self) -> dict[str, Any]:
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        if self.read_keys:
            return {k: values[k] if k in values else self.extra[k] for k in self.read_keys}
        return {
            k: values[k]
            for k in self._WRITTEN_ORDER
            if not (k in _OMITTED_WHEN_NONE and values[k] is None)
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: Path) -> Manifest:
        """The manifest in ``data`` (read from ``where``); ``IndexLoadError`` when damaged."""
        if "kind" in data and data["kind"] != MANIFEST_KIND:
            raise IndexLoadError(f"{where} is not a corpusbot index manifest: {REBUILD_HINT}")
        if data.get("format_version") != FORMAT_VERSION:
            raise IndexLoadError(
                f"index at {where.parent} has an unknown format: run `corpusbot index build --full`"
            )
        for key, kind in _TYPES.items():
            if key in data and not isinstance(data[key], kind):
                raise IndexLoadError(
                    f"index manifest {where} is damaged ({key!r} is not a {kind.__name__}): "
                    f"{REBUILD_HINT}"
                )
        for key in _REQUIRED:
            if key not in data:
                raise IndexLoadError(
                    f"index manifest {where} is damaged (no {key!r}): {REBUILD_HINT}"
                )
        known = {f.name for f in fields(cls)} - {"read_keys", "extra"}
        values = {k: v for k, v in data.items() if k in known}
        return cls(
            **values,
            read_keys=tuple(data),
            extra={k: v for k, v in data.items() if k not in known},
        )


def read(index_dir: Path) -> Manifest:
    """The manifest of the index at ``index_dir``; ``IndexLoadError`` when there is none, or
    it is damaged or of an unknown format."""
    path = index_dir / MANIFEST
    if not index_dir.exists() or not path.exists():
        raise IndexLoadError(f"no index at {index_dir}: {REBUILD_HINT}")
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexLoadError(f"index manifest {path} is damaged ({exc}): {REBUILD_HINT}") from exc
    if not isinstance(data, dict):
        raise IndexLoadError(
            f"index at {index_dir} has an unknown format: run `corpusbot index build --full`"
        )
    return Manifest.from_dict(data, path)


def signature(index_dir: Path) -> Signature | None:
    """Identifies the manifest now at ``index_dir`` (a rebuild writes a new file); None if none."""
    try:
        st = (index_dir / MANIFEST).stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify_checksums(index_dir: Path, checksums: dict[str, str]) -> None:
    """``IndexLoadError`` unless every file ``checksums`` lists is there, unchanged."""
    for name, expected in checksums.items():
        path = index_dir / name
        if not path.exists():
            raise IndexLoadError(f"index file {path} is missing: {REBUILD_HINT}")
        if sha256_file(path) != expected:
            raise IndexLoadError(
                f"index file {path} is damaged (checksum mismatch): {REBUILD_HINT}"
            )
