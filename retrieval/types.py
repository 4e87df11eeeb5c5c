"""Plain data passed between ingestion, the index, search and the answer core."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentMeta:
    doc_id: str  # path relative to the corpus folder, without extension
    path: str  # path relative to the corpus folder, with extension
    title: str
    publisher: str | None = None
    url: str | None = None
    published: str | None = None
    sha256: str = ""
    author: str | None = None
    # Where each page's text starts in the document's text (PDF); empty: no pages.
    page_starts: tuple[int, ...] = ()

    def page_at(self, offset: int) -> int | None:
        """The 1-based page that holds ``offset`` in the text; None without pages."""
        if not self.page_starts:
            return None
        return max(1, bisect_right(self.page_starts, offset))


@dataclass(frozen=True)
class Passage:
    """A few consecutive sentences; ``text == document_text[start:end]``."""

    doc_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Hit:
    """A passage found for a question, with its document and scores."""

    passage: Passage
    document: DocumentMeta
    score: float  # fused rank score (higher is better)
    dense: float  # cosine similarity to the question
    keyword: float = 0.0  # BM25 score (0 when the keyword side did not find it)
    row: int = -1  # the passage's row in the index it was found in (-1: not from an index)
