"""The ``Answer``: what the core returns and every renderer shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from retrieval.figures.model import FigureGroup


@dataclass
class Snippet:
    """A verbatim quote: ``quote == document_text[start:end]``."""

    doc_id: str
    title: str
    quote: str
    start: int
    end: int
    score: float
    publisher: str | None = None
    url: str | None = None
    published: str | None = None
    page: int | None = None  # 1-based, in a document with pages (PDF); None otherwise

    @property
    def page_label(self) -> str | None:
        """ "p. 3" for a quote from page 3; None without pages."""
        return None if self.page is None else f"p. {self.page}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "publisher": self.publisher,
            "url": self.url,
            "published": self.published,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "page": self.page,
            "score": round(float(self.score), 6),
        }


@dataclass
class Answer:
    question: str
    answered: bool
    snippets: list[Snippet] = field(default_factory=list)
    figures: list[FigureGroup] = field(default_factory=list)
    # One line that leads every rendering ("Reports differ on deaths: …").
    summary: str = ""
    # The question as read when the conversation was used ("Deaths, in January"), else None.
    interpreted_as: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answered": self.answered,
            "summary": self.summary,
            "interpreted_as": self.interpreted_as,
            "snippets": [s.to_dict() for s in self.snippets],
            "figures": [g.to_dict() for g in self.figures],
        }
