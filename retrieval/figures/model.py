"""Data shapes of figures: one mention, a claim merged across documents, a group per measure."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal


@dataclass
class FigureValue:
    """One figure as one document states it."""

    text: str  # verbatim, qualifier included ("about 600", "more than 4,000")
    low: float | None
    high: float | None
    unit: str | None  # people, dollars, percent, magnitude, date …
    doc_id: str
    quote: str  # the sentence that holds it, verbatim
    as_of: str | None = None  # "in January", "as of mid-March"
    claimed_by: str | None = None  # "the NIS", "the ministry"
    measure: str = ""
    title: str = ""
    publisher: str | None = None
    url: str | None = None
    start: int | None = None  # offsets of ``quote`` in the document's text
    end: int | None = None
    base: str | None = None  # for a share, the total it is a share of ("the 11,000 soldiers")
    page: int | None = None  # the page of ``quote`` (1-based) in a document with pages (PDF)
    # A date relative to the report ("last fall") read with its publication date: "fall 2024"
    resolved: str | None = None
    # The level a change started from: the 3.2 of "cut from 3.2 to 2.1", not a rival figure
    before_change: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "low": self.low,
            "high": self.high,
            "unit": self.unit,
            "doc_id": self.doc_id,
            "quote": self.quote,
            "as_of": self.as_of,
            "claimed_by": self.claimed_by,
            "title": self.title,
            "publisher": self.publisher,
            "url": self.url,
            "base": self.base,
            "page": self.page,
            "resolved": self.resolved,
            "before_change": self.before_change,
        }


@dataclass
class Claim:
    """One value of a measure, merged across the documents that state it."""

    label: str  # how to show the value: "about 600"
    low: float | None
    high: float | None
    unit: str | None
    as_of: str | None
    mentions: list[FigureValue] = field(default_factory=list)
    qualifier: str | None = None  # lower, atleast, upper, atmost, approx (None: exact)
    time_key: float | None = None  # orders claims in time (month or YYYYMMDD); None: undated
    # Every report gives it as the level a change started from ("cut from 3.2 to 2.1"):
    # shown as the earlier level, not compared with the others
    before_change: bool = False

    @property
    def doc_ids(self) -> list[str]:
        return list(dict.fromkeys(m.doc_id for m in self.mentions))

    @property
    def sources(self) -> list[str]:
        """Titles (or doc ids) of the documents that state this value, once each."""
        seen: dict[str, str] = {}
        for m in self.mentions:
            seen.setdefault(m.doc_id, m.title or m.doc_id)
        return list(seen.values())


@dataclass
class FigureGroup:
    """All the figures for one measure across documents, and whether they agree."""

    measure: str
    status: Literal["agree", "differ"]
    claims: list[Claim] = field(default_factory=list)
    note: str = ""  # "300 in January → 600 by the April briefing"; "reports disagree: …"
    kind: Literal["count", "date"] = "count"
    # The values differ because they are of different times, in that order (oldest first):
    # the latest is the answer, the others earlier estimates.
    in_time_order: bool = False
    # False for a catch-all ("other dates", "other durations"): its values are of different
    # events, so neither agree nor differ says anything.
    compared: bool = True

    @property
    def values(self) -> list[FigureValue]:
        return [m for c in self.claims for m in c.mentions]

    def to_dict(self) -> dict[str, Any]:
        return {
            "measure": self.measure,
            "status": self.status,
            "kind": self.kind,
            "note": self.note,
            "values": [v.to_dict() for v in self.values],
            "claims": [
                {
                    "label": c.label,
                    "low": c.low,
                    "high": c.high,
                    "unit": c.unit,
                    "as_of": c.as_of,
                    "doc_ids": c.doc_ids,
                    "before_change": c.before_change,
                }
                for c in self.claims
            ],
        }
