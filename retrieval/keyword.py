"""The keyword side of hybrid search: BM25 (bm25s) over content words and numbers.

Each word is a term twice, as its stem and as written: any form of a word matches, and the
form asked for matches best ("fires" finds "a fire", and "39 fires" before it).
"""

from __future__ import annotations

import logging
import re
from array import array
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from retrieval.ingest import meaning_words
from retrieval.text.stems import stem, written

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
AS_WRITTEN = "="  # marks the term of a word as written, apart from the stems
EMPTY = "\u2205"  # the term of a passage without any


def tokenize(text: str) -> list[str]:
    words = [t for w in meaning_words(text) for t in (stem(w), AS_WRITTEN + written(w))]
    numbers = [m.group(0).replace(",", "").rstrip(".") for m in NUMBER.finditer(text)]
    return words + numbers


class KeywordIndex:
    def __init__(self, retriever: object, size: int) -> None:
        self.retriever = retriever
        self.size = size

    @classmethod
    def build(cls, texts: Iterable[str]) -> KeywordIndex:
        """The index of ``texts`` (one row each), tokenized one at a time.

        bm25s given lists of words holds every passage's words, then every passage's word
        numbers as lists of ints, at once: several KB a passage. Here each passage's words
        become numbers as it is read (4 bytes a word), and bm25s is given those with the
        vocabulary it would have made itself: the same set of words, filled in the same
        order, numbered in its order, so the index it writes is the same.
        """
        import bm25s

        # bm25s sets its own logger to DEBUG on import; its chatter is not ours to show.
        logging.getLogger("bm25s").setLevel(logging.WARNING)
        retriever = bm25s.BM25()
        words: set[str] = set()  # as bm25s.get_unique_tokens fills it
        first_seen: dict[str, int] = {}
        rows: list[array[int]] = []
        for text in texts:
            # An empty token list breaks bm25s; a placeholder keeps row numbers aligned.
            tokens = tokenize(text) or [EMPTY]
            words.update(tokens)
            rows.append(array("i", [first_seen.setdefault(t, len(first_seen)) for t in tokens]))
        if not rows:
            retriever.index([], show_progress=False)
            return cls(retriever, 0)
        vocabulary = {word: i for i, word in enumerate(words)}
        renumber = np.empty(len(first_seen), dtype=np.int32)
        for word, seen in first_seen.items():
            renumber[seen] = vocabulary[word]
        del first_seen, words
        for n, row in enumerate(rows):
            rows[n] = array("i", renumber[np.frombuffer(row, dtype=np.int32)].tobytes())
        retriever.index((rows, vocabulary), show_progress=False)
        return cls(retriever, len(rows))

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
