"""A small nearest-neighbour interface over FAISS, with interchangeable index types.

Vectors are L2-normalized, so inner product is cosine similarity.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

import numpy as np


class VectorIndex(Protocol):
    kind: str

    @property
    def size(self) -> int: ...

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(scores, ids), each of shape (len(queries), k); missing results have id -1."""
        ...

    def save(self, path: Path) -> None: ...


class FaissIndex:
    """Any FAISS index behind the ``VectorIndex`` interface."""

    def __init__(self, index: Any, kind: str) -> None:
        self.index = index
        self.kind = kind

    @property
    def size(self) -> int:
        return int(self.index.ntotal)

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        k = max(1, min(k, self.size)) if self.size else 1
        queries = np.ascontiguousarray(queries, dtype=np.float32)
        if self.size == 0:
            n = len(queries)
            return np.zeros((n, k), dtype=np.float32), np.full((n, k), -1, dtype=np.int64)
        scores, ids = self.index.search(queries, k)
        return scores, ids

    def save(self, path: Path) -> None:
        import faiss

        faiss.write_index(self.index, str(path))


def build_index(vectors: np.ndarray, kind: str = "flat") -> FaissIndex:
    """An index of ``kind`` over ``vectors`` (row i gets id i)."""
    import faiss

    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    dim = vectors.shape[1]
    if kind != "flat":
        raise ValueError(f"unknown index type: {kind}")
    index = faiss.IndexFlatIP(dim)
    if len(vectors):
        index.add(vectors)
    return FaissIndex(index, kind)


def load_index(path: Path, kind: str) -> FaissIndex:
    import faiss

    return FaissIndex(faiss.read_index(str(path)), kind)
