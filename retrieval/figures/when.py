"""Each report's date of the asked event, in one group whatever its words.

Reports date one event in words of their own ("was released on", "will arrive in theaters
on", "In 1793, … founded"), which the lexicon reads as different events or as none. For a
when-question, a report with no date in the leading group adds its date whose own clause
(the date masked) comes closest to the question, when that clause is about as close as the
leading group's closest one: the reports that disagree then stand side by side. One date per
report, so a report's other dates (of other events) stay where they are; a date of a later
event ("additional troops dispatched in 2023") or of an event the question tells apart
("died" for "when was … born?") never joins.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from retrieval.figures import lexicon as lx
from retrieval.figures.clauses import clause
from retrieval.figures.extract import OTHER, Mention
from retrieval.figures.measures import Measure

# How much further from the question than the leading group's closest clause a report's date
# may be, and how close it must be at least (cosine).
MARGIN = 0.15
FLOOR = 0.5
# Dates compared one by one, at most (the rest keep their groups).
MAX_DATES = 60

Similarities = Callable[[list[str]], list[float]]


def _later(measure: Measure) -> bool:
    return measure.key[-1] == "+"


def may_join(lead: Measure, other: Measure, asked: Measure | None) -> bool:
    """Whether a date read as of ``other`` may date the leading group's event: not a later
    event against a first one (or the other way round), and not an event the question names
    another ("born" against "died"; "launched" for "started" is a related one)."""
    if _later(lead) != _later(other):
        return False
    events = set(asked.events) if asked is not None else set()
    if not events or not other.events:
        return True
    related = events | {r for e in events for r in lx.RELATED_EVENTS.get(e, ())}
    return bool(related & other.events)


def join_reports(
    lead_key: tuple[str, ...],
    by_key: dict[tuple[str, ...], list[Mention]],
    asked: Measure | None,
    similarities: Similarities,
) -> set[tuple[str, ...]]:
    """Moves into ``by_key[lead_key]`` each other report's date that dates the same event;
    returns the keys left without dates."""
    if lead_key[-1] == OTHER:
        return set()
    lead = by_key[lead_key]
    rest = [m for key, ms in by_key.items() if key != lead_key for m in ms][:MAX_DATES]
    if not rest:
        return set()
    texts = list(dict.fromkeys(clause(m.value.quote, m.value.text) for m in [*lead, *rest]))
    near = dict(zip(texts, similarities(texts), strict=True))

    def closeness(m: Mention) -> float:
        return near[clause(m.value.quote, m.value.text)]

    bar = max(FLOOR, max(closeness(m) for m in lead) - MARGIN)
    dated = {m.value.doc_id for m in lead}
    best: dict[str, Mention] = {}
    for m in sorted(rest, key=closeness, reverse=True):
        best.setdefault(m.value.doc_id, m)
    moved = [
        m
        for doc, m in best.items()
        if doc not in dated and closeness(m) >= bar and may_join(lead[0].measure, m.measure, asked)
    ]
    return _move(moved, lead_key, by_key)


def _move(
    moved: Sequence[Mention],
    lead_key: tuple[str, ...],
    by_key: dict[tuple[str, ...], list[Mention]],
) -> set[tuple[str, ...]]:
    emptied: set[tuple[str, ...]] = set()
    for m in moved:
        key = m.measure.key
        by_key[key] = [x for x in by_key[key] if x is not m]
        by_key[lead_key].append(m)
        if not by_key[key]:
            emptied.add(key)
    return emptied
