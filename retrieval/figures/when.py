"""Each report's date of the asked event, in one group whatever its words.

Reports date one event in words of their own ("was released on", "will arrive in theaters
on", "In 1793, … founded"), which the lexicon reads as different events or as none. For a
when-question, a report with no date in the leading group adds its date whose own clause
(the date masked) comes closest to the question, when that clause is about as close as the
leading group's closest one: the reports that disagree then stand side by side. One date per
report, so a report's other dates (of other events) stay where they are; a date of a later
event ("additional troops dispatched in 2023") or of an event the question tells apart
("died" for "when was … born?") never joins, nor one whose clause names another event than
the question's ("opened an investigation into the recall" for "when was the recall
expanded?"). A report that says the question's own distinctive word by one of its dates
("expanded it on September 22") offers that date, not a closer one of another event
("announced the recall on September 9").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from retrieval.figures import lexicon as lx
from retrieval.figures.clauses import clause
from retrieval.figures.extract import OTHER, Mention
from retrieval.figures.measures import Measure, placed_only
from retrieval.figures.tokens import tokenize

# How much further from the question than the leading group's closest clause a report's date
# may be, and how close it must be at least (cosine).
MARGIN = 0.15
FLOOR = 0.5
# Dates compared one by one, at most (the rest keep their groups).
MAX_DATES = 60

Similarities = Callable[[list[str]], list[float]]


def _later(measure: Measure) -> bool:
    return measure.key[-1] == "+"


def may_join(
    lead: Measure,
    other: Measure,
    asked: Measure | None,
    named: frozenset[str] = frozenset(),
    lead_named: frozenset[str] = frozenset(),
) -> bool:
    """Whether a date read as of ``other`` may date the leading group's event: not a later
    event against a first one (or the other way round), and not an event the question names
    another ("born" against "died"; "launched" for "started" is a related one).

    ``named``: the events the date's own clause names; ``lead_named``: those the leading
    group's clauses name. When the question names no event of its own ("expanded"), the
    leading group's clauses stand for it: a date whose clause names an event they do not
    ("opened an investigation") dates that other event."""
    if _later(lead) != _later(other):
        return False
    events = set(asked.events) if asked is not None else set()
    theirs = other.events | named
    if not events:
        if not named:
            return True
        events = set(lead_named)
        if not events:
            return False
    if not theirs:
        return True
    related = events | {r for e in events for r in lx.RELATED_EVENTS.get(e, ())}
    opposite = {o for e in events for o in lx.OPPOSITE_EVENTS.get(e, ())}
    if other.events & opposite and not other.events & related:
        return False  # "remains open until 2 March" read as a closing, whatever its words
    return bool(related & theirs)


# Words by which a clause gives a date as planned or expected, not as what happened.
_PLANNED = frozenset("will would due scheduled planned expected supposed originally".split())


def planned(m: Mention) -> bool:
    """Whether a report gives a date as planned: "will be put to the council on …", "was due
    to open on …"; by the words before it in its part of the sentence, not those of a clause
    after it ("today announced that it will build …")."""
    quote, text = m.value.quote, m.value.text
    at = quote.find(text)
    if at < 0:
        return False
    before = tokenize(quote[:at])
    cut = max((n for n, t in enumerate(before) if t.text in _BOUNDARIES), default=-1)
    return any(t.lower in _PLANNED for t in before[cut + 1 :])


_BOUNDARIES = frozenset({",", ";", ":", "—", "–", "(", ")"})


def _lemmas(text: str) -> frozenset[str]:
    return frozenset(
        t.lemma for t in tokenize(text) if t.kind == "word" and t.lower not in lx.FUNCTION_WORDS
    )


def _events(lemmas: frozenset[str]) -> frozenset[str]:
    """The events the words name, making a thing known among them ("today announced that
    …" dates the announcing)."""
    return frozenset(e for w in lemmas for e in lx.date_event_class(w) or ())


def _telling(asked: Measure | None, lead: set[str], others: list[frozenset[str]]) -> set[str]:
    """The question's words in the leading group's clauses that the fewest other dated clauses
    hold (one at least): what tells the asked date from the rest ("expand" where many say
    "recall")."""
    words = [w for w in (asked.words if asked is not None else ()) if w in lead]
    count = {w: n for w in words if (n := sum(w in c for c in others))}
    return {w for w, n in count.items() if n == min(count.values())}


def join_reports(
    lead_key: tuple[str, ...],
    by_key: dict[tuple[str, ...], list[Mention]],
    asked: Measure | None,
    similarities: Similarities,
    placed: frozenset[str] = frozenset(),
) -> set[tuple[str, ...]]:
    """Moves into ``by_key[lead_key]`` each other report's date that dates the same event;
    returns the keys left without dates. ``placed``: the words of the question's phrase that
    places the asked event by another ("after the break-in"); a date read as of those words
    only dates that other event."""
    if lead_key[-1] == OTHER:
        return set()
    lead = by_key[lead_key]
    rest = [
        m
        for key, ms in by_key.items()
        if key != lead_key
        for m in ms
        if not placed_only(m.measure, placed)
    ][:MAX_DATES]
    if not rest:
        return set()
    clauses = {id(m): clause(m.value.quote, m.value.text) for m in [*lead, *rest]}
    texts = list(dict.fromkeys(clauses.values()))
    near = dict(zip(texts, similarities(texts), strict=True))
    words = {t: _lemmas(t) for t in texts}

    def text(m: Mention) -> str:
        return clauses[id(m)]

    def closeness(m: Mention) -> float:
        return near[text(m)]

    lead_words = {w for m in lead for w in words[text(m)]}
    lead_named = _events(frozenset(lead_words))
    telling = _telling(asked, lead_words, [words[text(m)] for m in rest])

    def says(m: Mention) -> bool:
        return bool(telling & words[text(m)])

    bar = max(FLOOR, max(closeness(m) for m in lead) - MARGIN)
    dated = {m.value.doc_id for m in lead}
    # A date a report gives as planned ("will be put to the council on 26 February") does not
    # join dates of the event as it happened, unless those are planned too.
    lead_planned = any(planned(m) for m in lead)
    best: dict[str, Mention] = {}
    for m in sorted(rest, key=lambda m: (says(m), closeness(m)), reverse=True):
        best.setdefault(m.value.doc_id, m)
    moved = [
        m
        for doc, m in best.items()
        if doc not in dated
        and closeness(m) >= bar
        and (lead_planned or not planned(m))
        and may_join(lead[0].measure, m.measure, asked, _events(words[text(m)]), lead_named)
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
