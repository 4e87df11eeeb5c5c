"""A small nearest-neighbour interface over FAISS, with interchangeable index types.

Vectors are L2-normalized, so inner product is cosine similarity.

- ``flat``: exact search; every query reads every vector. The default while the corpus is
  small (below ``ANN_THRESHOLD`` passages), where it costs a few milliseconds.
- ``hnsw``: a navigable small-world graph over 8-bit scalar-quantized vectors (a quarter of
  the memory of float32), re-scored exactly when the float vectors are at hand.
- ``ivf``: an inverted file (k-means cells) over 8-bit scalar-quantized vectors; builds much
  faster than ``hnsw`` on few cores, so it is the choice for the largest corpora.
- ``ivfpq``: an inverted file over product-quantized vectors (48 bytes each), for corpora
  whose 8-bit codes would not fit in memory; needs the float vectors for exact re-scoring.

``choose_kind`` picks one from the corpus size; the choice is recorded in the index manifest.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np

from retrieval.vectors.rowfile import RowFile

KINDS = ("flat", "hnsw", "ivf", "ivfpq")
# Below this many passages exact search is cheap (a few milliseconds on two cores) and
# exact; above it its cost grows linearly while the approximate kinds stay near 1 ms.
ANN_THRESHOLD = 50_000
# Above this many passages ``hnsw`` takes too long to build on a few cores: use ``ivf``.
IVF_THRESHOLD = 400_000

# Search-time settings, chosen for recall@10 >= 0.95 against exact search (see benchmarks/).
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 96
IVF_NPROBE_FRACTION = 1 / 32  # cells probed per query, as a share of all cells
IVF_MIN_NPROBE = 16
PQ_BYTES = 48
REFINE_FACTOR = 4  # candidates re-scored exactly per result asked for


def choose_kind(
    passages: int,
    setting: str = "auto",
    *,
    threshold: int = ANN_THRESHOLD,
    ivf_threshold: int = IVF_THRESHOLD,
) -> str:
    """The index type for ``passages`` vectors: ``setting`` unless it is ``auto``."""
    if setting != "auto":
        if setting not in KINDS:
            raise ValueError(
                f"unknown index type: {setting} (choose from auto, {', '.join(KINDS)})"
            )
        return setting
    if passages < threshold:
        return "flat"
    return "hnsw" if passages < ivf_threshold else "ivf"


def default_params(kind: str, passages: int) -> dict[str, Any]:
    """Build and search settings of ``kind`` for ``passages`` vectors."""
    if kind == "hnsw":
        return {"m": HNSW_M, "ef_construction": HNSW_EF_CONSTRUCTION, "ef_search": HNSW_EF_SEARCH}
    if kind in ("ivf", "ivfpq"):
        # About 4·√n cells, at least 39 training points each (FAISS's own lower bound).
        nlist = max(1, min(int(4 * math.sqrt(max(passages, 1))), max(1, passages // 39)))
        nlist = 1 << max(0, round(math.log2(nlist)))
        nprobe = min(nlist, max(IVF_MIN_NPROBE, int(nlist * IVF_NPROBE_FRACTION)))
        params: dict[str, Any] = {"nlist": nlist, "nprobe": nprobe}
        if kind == "ivfpq":
            params["pq_bytes"] = PQ_BYTES
        return params
    return {}


class FaissIndex:
    """A FAISS index of one kind (``KINDS``), searched by inner product.

    ``refine`` (the float vectors, row i for id i; may be memory-mapped) makes an approximate
    index re-score ``REFINE_FACTOR`` times more candidates exactly before keeping ``k``.
    """

    def __init__(
        self,
        index: Any,
        kind: str,
        *,
        params: dict[str, Any] | None = None,
        refine: np.ndarray | RowFile | None = None,
    ) -> None:
        self.index = index
        self.kind = kind
        self.params = dict(params or {})
        self.refine = refine if kind != "flat" else None
        _apply_search_params(index, kind, self.params)

    @property
    def size(self) -> int:
        return int(self.index.ntotal)

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        k = max(1, min(k, self.size)) if self.size else 1
        queries = np.ascontiguousarray(queries, dtype=np.float32)
        if queries.ndim == 1:
            queries = queries.reshape(1, -1)
        if self.size == 0:
            n = len(queries)
            return np.zeros((n, k), dtype=np.float32), np.full((n, k), -1, dtype=np.int64)
        if self.refine is None:
            scores, ids = self.index.search(queries, k)
            return scores, ids
        wide = min(self.size, k * REFINE_FACTOR)
        _, candidates = self.index.search(queries, wide)
        return _rescore(queries, candidates, self.refine, k)

    def save(self, path: Path) -> None:
        import faiss

        faiss.write_index(self.index, str(path))

    def memory_bytes(self) -> int:
        """About what the index holds in memory (codes, graph, lists), not counting ``refine``."""
        import faiss

        return int(faiss.serialize_index(self.index).nbytes)


def _rescore(
    queries: np.ndarray, candidates: np.ndarray, vectors: np.ndarray | RowFile, k: int
) -> tuple[np.ndarray, np.ndarray]:
    n = len(queries)
    scores_out = np.full((n, k), -np.inf, dtype=np.float32)
    ids_out = np.full((n, k), -1, dtype=np.int64)
    for row in range(n):
        ids = candidates[row]
        ids = ids[ids >= 0]
        if not len(ids):
            continue
        # Sorted: neighbouring rows are read together.
        ids = np.unique(ids)
        exact = np.asarray(vectors[ids], dtype=np.float32) @ queries[row]
        top = np.argsort(-exact, kind="stable")[:k]
        scores_out[row, : len(top)] = exact[top]
        ids_out[row, : len(top)] = ids[top]
    return scores_out, ids_out


def _apply_search_params(index: Any, kind: str, params: dict[str, Any]) -> None:
    import faiss

    if kind == "hnsw" and "ef_search" in params:
        hnsw: Any = faiss.downcast_index(index)
        hnsw.hnsw.efSearch = int(params["ef_search"])
    elif kind in ("ivf", "ivfpq") and "nprobe" in params:
        faiss.extract_index_ivf(index).nprobe = int(params["nprobe"])


def build_index(
    vectors: np.ndarray,
    kind: str = "flat",
    *,
    params: dict[str, Any] | None = None,
    refine: np.ndarray | RowFile | None = None,
    train_sample: int = 100_000,
    seed: int = 1234,
) -> FaissIndex:
    """An index of ``kind`` over ``vectors`` (row i gets id i)."""
    import faiss

    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    n, dim = vectors.shape
    if kind not in KINDS:
        raise ValueError(f"unknown index type: {kind}")
    params = {**default_params(kind, n), **(params or {})}
    metric = faiss.METRIC_INNER_PRODUCT
    index: Any  # the faiss stubs type each class apart
    qt_8bit: Any = faiss.ScalarQuantizer.QT_8bit
    if kind == "flat":
        index = faiss.IndexFlatIP(dim)
    elif kind == "hnsw":
        index = faiss.IndexHNSWSQ(dim, qt_8bit, int(params["m"]), metric)
        index.hnsw.efConstruction = int(params["ef_construction"])
    else:
        quantizer: Any = faiss.IndexFlatIP(dim)
        nlist = int(params["nlist"])
        if kind == "ivf":
            index = faiss.IndexIVFScalarQuantizer(quantizer, dim, nlist, qt_8bit, metric)
        else:
            m = _pq_subquantizers(dim, int(params.get("pq_bytes", PQ_BYTES)))
            params["pq_bytes"] = m
            index = faiss.IndexIVFPQ(quantizer, dim, nlist, m, 8, metric)
    if n and not index.is_trained:
        index.train(_sample(vectors, train_sample, seed))
    if n:
        index.add(vectors)
    return FaissIndex(index, kind, params=params, refine=refine)


def _pq_subquantizers(dim: int, wanted: int) -> int:
    """The largest divisor of ``dim`` not above ``wanted`` (PQ splits vectors evenly)."""
    for m in range(min(wanted, dim), 0, -1):
        if dim % m == 0:
            return m
    return 1


def _sample(vectors: np.ndarray, size: int, seed: int) -> np.ndarray:
    if len(vectors) <= size:
        return vectors
    rng = np.random.default_rng(seed)
    rows = np.sort(rng.choice(len(vectors), size=size, replace=False))
    return np.ascontiguousarray(vectors[rows])


def load_index(
    path: Path,
    kind: str,
    *,
    params: dict[str, Any] | None = None,
    refine: np.ndarray | RowFile | None = None,
    mmap: bool = False,
) -> FaissIndex:
    """A saved index; ``mmap`` maps the file instead of reading it (large flat indexes)."""
    import faiss

    flags = faiss.IO_FLAG_MMAP | faiss.IO_FLAG_READ_ONLY if mmap else 0
    return FaissIndex(faiss.read_index(str(path), flags), kind, params=params, refine=refine)
