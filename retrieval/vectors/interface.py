"""Where passage vectors live: the one interface every backend implements.

A ``VectorStore`` holds L2-normalized vectors and searches by inner product (= cosine),
keyed by stable passage ids (``passage_id``) and tagged with the id of the document each
passage comes from, so that an incremental build can delete a changed document's rows and add
its new ones without touching the rest. The backends: ``retrieval.vectors.faiss_store`` (the
default; a folder on this machine) and ``retrieval.vectors.milvus`` (a Milvus collection that
several bot replicas can share); ``retrieval.vectors.factory`` opens the configured one.

Every store records the embedding model and dimension it was built with (``StoreInfo``) and a
build generation that the one writer bumps after each build (``publish``); readers poll
``refresh`` and reload when it changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import numpy as np

from retrieval.embedding import canonical_model_name
from retrieval.errors import IndexLoadError

FULL_REBUILD_HINT = "run `corpusbot index build --full`"
BUILD_HINT = "run `corpusbot index build`"

# --- passage ids ------------------------------------------------------------------------------

ID_BITS = 63  # Milvus and FAISS ids are signed int64; -1 means "no result"
_ID_MASK = (1 << ID_BITS) - 1


def passage_id(doc_id: str, doc_sha256: str, start: int, end: int, salt: int = 0) -> int:
    """The stable id of the passage ``[start, end)`` of one version of one document.

    A 63-bit BLAKE2b hash of (document id, document content hash, offsets, salt). The same
    passage of an unchanged file keeps its id across builds; any change to the file changes
    the ids of all its passages, so a reader holding an older passage table never pairs a new
    vector with old text. The document id is part of the key because two files with the same
    bytes are two documents. ``salt`` is non-zero only after a collision (``assign_ids``).
    """
    key = "\x00".join((doc_id, doc_sha256, str(start), str(end), str(salt))).encode("utf-8")
    digest = hashlib.blake2b(key, digest_size=8).digest()
    return int.from_bytes(digest, "big") & _ID_MASK


def assign_ids(keys: Sequence[tuple[str, str, int, int]], taken: Iterable[int] = ()) -> np.ndarray:
    """Ids for passages ``(doc_id, doc_sha256, start, end)``, distinct from ``taken`` and each other.

    Collisions are rare (about n²/2⁶⁴ for n passages: 1 in 2,000 at 10⁸) but would merge two
    passages, so a colliding key is re-hashed with the next salt. The result depends on
    ``taken``; the index stores the ids it assigned and reuses them for unchanged documents
    rather than recomputing them.
    """
    used = set(int(i) for i in taken)
    out = np.empty(len(keys), dtype=np.int64)
    for n, (doc_id, sha, start, end) in enumerate(keys):
        salt = 0
        pid = passage_id(doc_id, sha, start, end, salt)
        while pid in used:
            salt += 1
            pid = passage_id(doc_id, sha, start, end, salt)
        used.add(pid)
        out[n] = pid
    return out


# --- metadata -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoreInfo:
    """What a vector store says about itself."""

    backend: str  # "faiss" or "milvus"
    location: str  # folder, or Milvus URI (without credentials) and collection
    model: str  # canonical embedding model name
    dimension: int
    generation: int = 0  # bumped by ``publish`` after each build
    properties: Mapping[str, str] = field(default_factory=dict)  # published with the generation


def check_compatible(info: StoreInfo, model: str, dimension: int) -> None:
    """Raise ``IndexLoadError`` unless ``info`` was built with ``model`` at ``dimension``."""
    model = canonical_model_name(model)
    if info.model != model or info.dimension != dimension:
        raise IndexLoadError(
            f"vector store {info.location} was built with model {info.model!r} "
            f"(dimension {info.dimension}), but the configured model is {model!r} "
            f"(dimension {dimension}): {FULL_REBUILD_HINT}"
        )


@runtime_checkable
class VectorStore(Protocol):
    """Passage vectors keyed by stable ids, searchable by inner product.

    Thread safety: searches may run concurrently with each other; writes come from one
    writer (``corpusbot index build``).
    """

    @property
    def info(self) -> StoreInfo: ...

    def check_compatible(self, model: str, dimension: int) -> None:
        """``IndexLoadError`` naming both models and dimensions when they differ."""
        ...

    def add(self, ids: np.ndarray, vectors: np.ndarray, doc_ids: Sequence[str]) -> None:
        """Store ``vectors[i]`` under ``ids[i]`` for document ``doc_ids[i]``; an existing id is
        replaced, so repeating an interrupted add is harmless."""
        ...

    def delete_documents(self, doc_ids: Iterable[str]) -> None:
        """Remove every passage of these documents (unknown ones are ignored)."""
        ...

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(scores, ids), each ``(len(queries), k)``, best first, equal scores (within
        ``TIE_EPSILON``) by ascending id; past the last result ids are -1 and scores -inf."""
        ...

    def count(self) -> int: ...

    def vectors_for(self, ids: np.ndarray) -> np.ndarray:
        """The stored vectors of ``ids`` as ``(len(ids), dimension)`` float32; a row of zeros
        for an id that is not (or no longer) stored."""
        ...

    def publish(self, generation: int, properties: Mapping[str, str] | None = None) -> None:
        """Make the writes so far durable, then record ``generation`` for readers to see."""
        ...

    def refresh(self) -> StoreInfo:
        """Re-read the metadata (and, for a local store, the data) another process published."""
        ...

    def reset(self, model: str, dimension: int) -> None:
        """Empty the store and record a new model and dimension (a full rebuild)."""
        ...

    def flush(self) -> None: ...

    def close(self) -> None: ...


# --- shared checks ------------------------------------------------------------------------------


TIE_EPSILON = 1e-6
TIE_MARGIN = 8


def validate_rows(
    ids: np.ndarray, vectors: np.ndarray, doc_ids: Sequence[str], dimension: int
) -> tuple[np.ndarray, np.ndarray]:
    """``ids`` as int64 and ``vectors`` as float32, or ``ValueError`` saying what is wrong."""
    ids = np.asarray(ids)
    if ids.ndim != 1 or not (np.issubdtype(ids.dtype, np.integer) or ids.size == 0):
        raise ValueError(f"ids must be a 1-D integer array, not {ids.dtype} {ids.shape}")
    ids = ids.astype(np.int64, copy=False)
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    if vectors.ndim != 2 or vectors.shape != (len(ids), dimension):
        raise ValueError(f"vectors must have shape ({len(ids)}, {dimension}), not {vectors.shape}")
    if len(doc_ids) != len(ids):
        raise ValueError(f"{len(doc_ids)} document ids for {len(ids)} passages")
    if len(ids) and int(ids.min()) < 0:
        raise ValueError("passage ids must be non-negative (-1 means no result)")
    if len(np.unique(ids)) != len(ids):
        raise ValueError("passage ids must be distinct")
    if not np.isfinite(vectors).all():
        raise ValueError("vectors must be finite")
    return ids, vectors


def validate_queries(queries: np.ndarray, k: int, dimension: int) -> np.ndarray:
    queries = np.ascontiguousarray(queries, dtype=np.float32)
    if queries.ndim == 1:
        queries = queries.reshape(1, -1)
    if queries.ndim != 2 or queries.shape[1] != dimension:
        raise ValueError(f"queries must have shape (n, {dimension}), not {queries.shape}")
    if k < 1:
        raise ValueError(f"k must be at least 1, not {k}")
    return queries


def finish_results(scores: np.ndarray, ids: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Order each row best first, equal scores by ascending id, and pad or cut to ``k`` columns.

    Scores within ``TIE_EPSILON`` of each other count as equal: engines differ in the last bits
    of a float32 dot product (Milvus Lite scores three copies of one vector 1.0000001, 1.0000001
    and 1.0). Ordering ties by id makes duplicate passages come back in the same order from
    every backend; stores fetch ``TIE_MARGIN`` extra results so that ties at the k-th place
    are settled here too.
    """
    n = len(ids)
    out_scores = np.full((n, k), -np.inf, dtype=np.float32)
    out_ids = np.full((n, k), -1, dtype=np.int64)
    for row in range(n):
        valid = ids[row] >= 0
        row_ids = ids[row][valid].astype(np.int64)
        row_scores = scores[row][valid].astype(np.float32)
        if not len(row_ids):
            continue
        order = np.lexsort((row_ids, -row_scores))
        row_ids, row_scores = row_ids[order], row_scores[order]
        ties = np.concatenate([[0], np.cumsum(np.diff(row_scores) < -TIE_EPSILON)])
        order = np.lexsort((row_ids, ties))[:k]
        out_ids[row, : len(order)] = row_ids[order]
        out_scores[row, : len(order)] = row_scores[order]
    return out_scores, out_ids


# --- the index folder's dense side in a store --------------------------------------------------


def document_key(doc_id: str, sha256: str) -> str:
    """What a store files a document's passages under: one version of one document.

    The content hash is part of the key so that a build can add a changed document's new
    passages before the new index folder is swapped in, and delete the old version's after,
    without one delete touching the other.
    """
    return f"{sha256}:{doc_id}"


class StoreRows:
    """A vector store as one index folder's dense side.

    Searches return row numbers of the folder's passage table (``ids[row]`` is the passage id
    stored for that row). An id the folder does not know (from a newer build whose folder
    this process has not loaded yet) comes back as -1, which search skips.
    """

    def __init__(self, store: VectorStore | None, ids: np.ndarray) -> None:
        self.store = store  # None: rows only (a build reading the previous index)
        self.ids = np.asarray(ids, dtype=np.int64)
        self._order = np.argsort(self.ids, kind="stable")
        self._sorted = self.ids[self._order]

    @property
    def size(self) -> int:
        return len(self.ids)

    def rows_of(self, ids: np.ndarray) -> np.ndarray:
        wanted = np.asarray(ids, dtype=np.int64)
        if not len(self._sorted):
            return np.full(wanted.shape, -1, dtype=np.int64)
        at = np.clip(np.searchsorted(self._sorted, wanted), 0, len(self._sorted) - 1)
        hit = (self._sorted[at] == wanted) & (wanted >= 0)
        return np.where(hit, self._order[at], -1).astype(np.int64)

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        if self.store is None:
            raise IndexLoadError("this index was loaded without its vector store")
        scores, ids = self.store.search(queries, max(1, k))
        return scores, self.rows_of(ids)
