"""Hybrid search: dense (FAISS) and keyword (BM25) rankings fused by reciprocal rank."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from retrieval.index.reader import LoadedIndex
from retrieval.types import Hit

RRF_K = 60  # the usual reciprocal-rank-fusion constant: damps the weight of the very top ranks

QueryEncoder = Callable[[list[str]], np.ndarray]


@dataclass(frozen=True)
class SearchResult:
    """The passages found, best first, and the question's vector they were found with (None
    when the index is empty and nothing was embedded)."""

    hits: list[Hit] = field(default_factory=list)
    vector: np.ndarray | None = None


def _normalized(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


class Searcher:
    """Searches one loaded index; safe to share between threads (reads only)."""

    def __init__(self, index: LoadedIndex, encode: QueryEncoder) -> None:
        self.index = index
        self.encode = encode

    def search(self, question: str, k: int, *, pool: int | None = None) -> SearchResult:
        """The best ``k`` distinct passages, best first, and the question's vector.

        ``pool`` is how many candidates each side contributes before fusion.
        """
        index = self.index
        if index.size == 0:
            return SearchResult()
        pool = min(index.size, pool or max(50, 5 * k))
        query = self.encode([question])
        query = np.asarray(query, dtype=np.float32).reshape(1, -1)
        _, dense_ids = index.vectors.search(query, pool)
        kw_ids, kw_scores = index.keywords.search(question, pool)

        fused: dict[int, float] = {}
        for rank, pid in enumerate(int(i) for i in dense_ids[0] if i >= 0):
            fused[pid] = fused.get(pid, 0.0) + 1.0 / (RRF_K + rank + 1)
        keyword_of: dict[int, float] = {}
        for rank, (pid, score) in enumerate(zip(kw_ids.tolist(), kw_scores.tolist(), strict=True)):
            fused[pid] = fused.get(pid, 0.0) + 1.0 / (RRF_K + rank + 1)
            keyword_of[pid] = float(score)

        candidates = sorted(fused, key=lambda pid: fused[pid], reverse=True)
        # Exact cosine for every candidate, also those only the keyword side found.
        rows = np.asarray(index.embeddings[np.array(candidates, dtype=np.int64)], dtype=np.float32)
        cosines = rows @ query[0]

        hits: list[Hit] = []
        seen: set[str] = set()
        for pid, cosine in zip(candidates, cosines.tolist(), strict=True):
            passage = index.passage(pid)
            key = _normalized(passage.text)
            if key in seen:  # the same passage in two documents: keep the better-ranked one
                continue
            seen.add(key)
            hits.append(
                Hit(
                    passage=passage,
                    document=index.document_of(pid),
                    score=fused[pid],
                    dense=float(cosine),
                    keyword=keyword_of.get(pid, 0.0),
                    row=pid,
                )
            )
            if len(hits) >= k:
                break
        return SearchResult(hits, query[0])
