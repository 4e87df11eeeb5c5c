"""The keyword side of hybrid search: BM25 (bm25s) over stemmed content words and numbers."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import numpy as np

from retrieval.ingest import content_words

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def tokenize(text: str) -> list[str]:
    words = content_words(text)
    numbers = [m.group(0).replace(",", "").rstrip(".") for m in NUMBER.finditer(text)]
    return words + numbers


class KeywordIndex:
    def __init__(self, retriever: object, size: int) -> None:
        self.retriever = retriever
        self.size = size

    @classmethod
    def build(cls, texts: list[str]) -> KeywordIndex:
        import bm25s

        # bm25s sets its own logger to DEBUG on import; its chatter is not ours to show.
        logging.getLogger("bm25s").setLevel(logging.WARNING)
        retriever = bm25s.BM25()
        # An empty token list breaks bm25s; a placeholder keeps row numbers aligned.
        tokens = [tokenize(t) or ["\u2205"] for t in texts]
        retriever.index(tokens, show_progress=False)
        return cls(retriever, len(texts))

    def save(self, path: Path) -> None:
        self.retriever.save(str(path), show_progress=False)  # type: ignore[attr-defined]

    @classmethod
    def load(cls, path: Path, size: int) -> KeywordIndex:
        import bm25s

        retriever = bm25s.BM25.load(str(path), show_progress=False)
        return cls(retriever, size)

    def search(self, query: str, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(ids, scores) of the best ``k`` passages with a positive score."""
        tokens = tokenize(query)
        vocab = getattr(self.retriever, "vocab_dict", None) or {}
        tokens = [t for t in tokens if t in vocab]
        if not tokens or self.size == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        # Scored directly: ``retrieve`` starts a thread pool on every call, which costs a
        # hundred times the scoring itself.
        scores = np.asarray(self.retriever.get_scores(tokens), dtype=np.float32)  # type: ignore[attr-defined]
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
        top = top[np.lexsort((top, -scores[top]))]  # best first; ties by passage number
        top = top[scores[top] > 0]
        return top.astype(np.int64), scores[top]
