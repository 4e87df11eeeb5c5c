"""What an answer shows, decided once for every platform.

``present(answer, limits)`` picks the figure groups and values shown, trims text to the
platform's limits, counts what was left out, and words the summary, statuses and source
lines. The Slack, Discord and terminal renderers only format the resulting ``AnswerView``;
the few limits that depend on the formatted size (Slack's blocks, Discord's embeds) are
applied there, and counted with the same words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answer import Answer, Snippet
from bot.messages import (
    NOT_COMPARED,
    NOTHING_FOUND_MESSAGE,
    STATUS_WORDS,
    default_summary,
    not_shown,
)
from retrieval.figures.model import Claim, FigureGroup

ELLIPSIS = "…"


@dataclass(frozen=True)
class Limits:
    """A platform's limits on what an answer shows; None: no limit."""

    max_groups: int | None = None  # figure groups shown; the rest are counted
    max_values: int | None = None  # lines per group, the "… and N more values" line included
    max_summary: int | None = None  # characters of the summary line
    max_quote: int | None = None  # characters of one quote


@dataclass(frozen=True)
class SourceRef:
    """A document that states a value."""

    doc_id: str
    title: str  # the document's title, or its id when it has none
    url: str | None


@dataclass
class ValueView:
    label: str
    as_of: str
    sources: list[SourceRef]


@dataclass
class GroupView:
    measure: str  # one line; "figures" when the group names none
    status: str  # "agree" or "differ"
    status_words: str  # "reports differ"
    note: str  # one line; "" without a note
    values: list[ValueView]
    hidden_values: int  # values left out by ``Limits.max_values``
    compared: bool = True  # False for a catch-all of different events ("other dates")

    @property
    def heading(self) -> str:
        """ "Deaths — reports differ"."""
        return f"{self.measure[:1].upper()}{self.measure[1:]} — {self.status_words}"


@dataclass
class QuoteView:
    doc_id: str
    title: str  # the document's title, or its id when it has none
    url: str | None
    text: str  # hard-wrapped lines joined, one line per paragraph
    credit: list[str]  # page, publisher, publication date: those known
    score: float


@dataclass
class AnswerView:
    answered: bool
    summary: str
    groups: list[GroupView]
    hidden_groups: int  # groups left out by ``Limits.max_groups``
    quotes: list[QuoteView]

    def not_shown(self, groups: int = 0, quotes: int = 0) -> str:
        """The "… and N more … not shown." line, counting what the renderer also left out."""
        return not_shown(self.hidden_groups + groups, quotes)


def one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def trim(text: str, limit: int | None, *, escaped: bool = False) -> str:
    """Cut ``text`` to at most ``limit`` characters, at a word boundary when one is near.

    With ``escaped``, a backslash escape is never cut in half (it would escape the "…").
    """
    if limit is None or len(text) <= limit:
        return text
    if limit <= len(ELLIPSIS):
        return ELLIPSIS[: max(limit, 0)]
    cut = text[: limit - len(ELLIPSIS)]
    space = cut.rfind(" ")
    if space > len(cut) * 0.8:
        cut = cut[:space]
    cut = cut.rstrip()
    if escaped and (len(cut) - len(cut.rstrip("\\"))) % 2:
        cut = cut[:-1]
    return cut + ELLIPSIS


def summary_line(answer: Answer, limit: int | None = None) -> str:
    """The line that leads the answer: the core's summary, or a default."""
    if not answer.answered:
        default = NOTHING_FOUND_MESSAGE
    else:
        default = default_summary(len(answer.snippets))
    return trim(one_line(answer.summary) or default, limit)


def value_view(claim: Claim) -> ValueView:
    sources: dict[str, SourceRef] = {}
    for m in claim.mentions:
        sources.setdefault(m.doc_id, SourceRef(m.doc_id, one_line(m.title) or m.doc_id, m.url))
    as_of = one_line(claim.as_of)
    if claim.before_change:
        as_of = ", ".join(filter(None, [as_of, BEFORE_CHANGE]))
    return ValueView(one_line(claim.label) or "?", as_of, list(sources.values()))


# How a value that a change started from is marked ("cut from £3.2m to £2.1m": the £3.2m).
BEFORE_CHANGE = "before the change"


def group_view(group: FigureGroup, max_values: int | None = None) -> GroupView:
    claims = group.claims
    hidden = 0
    if max_values is not None and len(claims) > max_values:
        shown = max(max_values - 1, 0)  # one line is kept for "… and N more values"
        claims, hidden = claims[:shown], len(claims) - shown
    return GroupView(
        measure=one_line(group.measure) or "figures",
        status=group.status,
        status_words=(
            STATUS_WORDS.get(group.status, STATUS_WORDS["agree"])
            if group.compared
            else NOT_COMPARED
        ),
        note=one_line(group.note),
        values=[value_view(c) for c in claims],
        hidden_values=hidden,
        compared=group.compared,
    )


def quote_view(snippet: Snippet, limit: int | None = None) -> QuoteView:
    paragraphs = [one_line(p) for p in re.split(r"\n\s*\n", snippet.quote)]
    text = "\n".join(p for p in paragraphs if p)
    credit = [one_line(p) for p in (snippet.page_label, snippet.publisher, snippet.published)]
    return QuoteView(
        doc_id=snippet.doc_id,
        title=one_line(snippet.title) or snippet.doc_id,
        url=snippet.url,
        text=trim(text, limit),
        credit=[c for c in credit if c],
        score=snippet.score,
    )


def present(answer: Answer, limits: Limits = Limits()) -> AnswerView:
    """What ``answer`` shows within ``limits``: summary, figure groups, quotes, and counts of
    what was left out. An answer that found nothing shows its summary alone."""
    summary = summary_line(answer, limits.max_summary)
    if not answer.answered:
        return AnswerView(False, summary, [], 0, [])
    groups = answer.figures
    if limits.max_groups is not None:
        groups = groups[: limits.max_groups]
    return AnswerView(
        answered=True,
        summary=summary,
        groups=[group_view(g, limits.max_values) for g in groups],
        hidden_groups=len(answer.figures) - len(groups),
        quotes=[quote_view(s, limits.max_quote) for s in answer.snippets],
    )
