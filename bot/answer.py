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
