"""The keyword side of hybrid search: BM25 (bm25s) over content words and numbers.

Each word is a term twice, as its stem and as written: any form of a word matches, and the
form asked for matches best ("fires" finds "a fire", and "39 fires" before it).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import numpy as np

from retrieval.ingest import meaning_words
from retrieval.text.stems import stem, written

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
AS_WRITTEN = "="  # marks the term of a word as written, apart from the stems


def tokenize(text: str) -> list[str]:
    words = [t for w in meaning_words(text) for t in (stem(w), AS_WRITTEN + written(w))]
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
