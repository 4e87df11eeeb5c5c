"""Where passage vectors live: one small interface, two implementations.

``FaissVectorStore`` (the default) keeps the vectors in a folder on this machine;
``MilvusVectorStore`` (``retrieval.milvus_store``) keeps them in a Milvus collection that several
bot replicas can share. Both hold L2-normalized vectors and search by inner product (= cosine),
keyed by stable passage ids (``passage_id``) and tagged with the id of the document each
passage comes from, so that an incremental build can delete a changed document's rows and add
its new ones without touching the rest.

Every store records the embedding model and dimension it was built with (``StoreInfo``) and a
build generation that the one writer bumps after each build (``publish``); readers poll
``refresh`` and reload when it changes.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from retrieval.ann import FaissIndex, RowFile, build_index, load_index
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


# --- FAISS -------------------------------------------------------------------------------------------

STORE_FILE = "store.json"
STORE_FORMAT = 1


class FaissVectorStore:
    """Vectors in memory, saved to a folder; searched through ``retrieval.ann``.

    The folder holds ``store.json`` (model, dimension, generation, document ids, and the
    names of the data files) and versioned ``ids-N.npy``, ``docs-N.npy``, ``vectors-N.npy``
    and ``index-N.faiss``. A save writes the next version's files, then replaces
    ``store.json`` atomically, then removes the old files: a reader sees one version whole.

    The ANN index is rebuilt from the vectors after a change (FAISS graph indexes cannot
    delete). Approximate kinds re-score their candidates exactly from the float vectors,
    which a loaded store reads from disk per question (``retrieval.ann.RowFile``), not from
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


# --- choosing a store ------------------------------------------------------------------------------


def open_vector_store(
    backend: str,
    *,
    folder: Path | None = None,
    uri: str = "",
    token: str = "",
    collection: str = "corpusbot",
    model: str | None = None,
    dimension: int | None = None,
    kind: str = "flat",
    timeout: float = 10.0,
) -> VectorStore:
    """The configured store, created empty for ``model``/``dimension`` when missing.

    ``backend`` is ``faiss`` (``folder``) or ``milvus`` (``uri``: a local ``….db`` path for
    Milvus Lite, or ``http://host:19530`` for a server; ``token``, ``collection``).
    """
    if backend == "faiss":
        if folder is None:
            raise ValueError("the FAISS vector store needs a folder")
        return FaissVectorStore.open(folder, model=model, dimension=dimension, kind=kind)
    if backend == "milvus":
        from retrieval.milvus_store import MilvusVectorStore

        return MilvusVectorStore.connect(
            uri, collection, token=token, model=model, dimension=dimension, timeout=timeout
        )
    raise ValueError(f"unknown vector store {backend!r}: choose faiss or milvus")


# --- the index folder's dense side in a store --------------------------------------------------


def document_key(doc_id: str, sha256: str) -> str:
    """What a store files a document's passages under: one version of one document.

    The content hash is part of the key so that a build can add a changed document's new
    passages before the new index folder is swapped in, and delete the old version's after,
    without one delete touching the other.
    """
    return f"{sha256}:{doc_id}"


class StoreRows:
    """A vector store behind the ``retrieval.ann.VectorIndex`` interface of one index folder.

    Searches return row numbers of the folder's passage table (``ids[row]`` is the passage id
    stored for that row). An id the folder does not know (from a newer build whose folder
    this process has not loaded yet) comes back as -1, which search skips.
    """

    kind = "store"

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

    def save(self, path: Path) -> None:
        raise NotImplementedError("the vectors live in the vector store, not in a file")


@dataclass
class StoreSync:
    """One build's changes to a vector store, applied around the index folder's swap.

    ``before_swap``: mark the store as being built, (on a full sync) empty it, add the new
    documents' passages, flush. ``after_swap``: delete the passages of document versions the
    new folder no longer has, then publish the next generation; replicas reload on seeing it.
    A build that stops half way leaves the ``building`` mark, and the next build then syncs
    the whole store again (from the folder's embeddings, without re-embedding).
    """

    store: VectorStore
    model: str
    dimension: int
    full: bool  # empty the store first
    ids: np.ndarray  # every passage's id, one per row of the new index
    vectors: np.ndarray  # every passage's vector
    keys: list[str]  # every passage's document key (``document_key``)
    add: np.ndarray  # rows to add (the store holds the others already)
    stale: list[str]  # document keys to delete after the swap
    generation: int  # the generation to publish

    def before_swap(self) -> None:
        if self.full:
            self.store.reset(self.model, self.dimension)
        self.store.publish(self.generation - 1, {STATE: BUILDING})
        batch = 50_000
        for first in range(0, len(self.add), batch):
            rows = self.add[first : first + batch]
            self.store.add(
                self.ids[rows],
                np.asarray(self.vectors[rows], dtype=np.float32),
                [self.keys[int(r)] for r in rows],
            )
        self.store.flush()

    def after_swap(self) -> None:
        if self.stale:
            self.store.delete_documents(self.stale)
        self.store.publish(self.generation, {STATE: PUBLISHED})

    def record(self) -> dict[str, Any]:
        """The index manifest's record of the store it was built into."""
        info = self.store.info
        return {"backend": info.backend, "location": info.location, "generation": self.generation}


STATE = "state"  # a published property: BUILDING while a build writes, then PUBLISHED
BUILDING = "building"
PUBLISHED = "published"


def store_matches(store: VectorStore, record: Mapping[str, Any] | None, model: str) -> bool:
    """Whether ``store`` holds exactly what the index manifest's ``record`` says was written:
    same place, same model, the recorded generation, and no build left half done."""
    if not record:
        return False
    info = store.info
    return (
        record.get("backend") == info.backend
        and record.get("location") == info.location
        and int(record.get("generation", -1)) == info.generation
        and info.model == canonical_model_name(model)
        and info.properties.get(STATE) != BUILDING
    )


def check_generation(store: VectorStore, record: Mapping[str, Any], index_dir: Path) -> None:
    """``IndexLoadError`` when the store is not the one the index was built into, or is older
    than the index folder says (emptied or rebuilt by someone else); a store one generation
    behind is a build between its swap and its publish, which serves fine."""
    info = store.info
    if record.get("location") != info.location:
        raise IndexLoadError(
            f"index at {index_dir} was built into {record.get('location')}, but the settings "
            f"name {info.location}: {BUILD_HINT}"
        )
    wanted = int(record.get("generation", 0))
    if info.generation < wanted - 1:
        raise IndexLoadError(
            f"vector store {info.location} is at build generation {info.generation}, but the "
            f"index at {index_dir} expects {wanted}: {BUILD_HINT}"
        )
