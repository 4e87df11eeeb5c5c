"""The most in one stretch of a series: "the busiest night … brought 418 toads", "the highest
daily total was 512", "406 toads onto the lane in a single evening".

A count at a peak is a measure of its own: it answers "What was the biggest number of toads
carried over in a single evening?", and neither answers nor joins the season's total, which
answers "How many toads were carried this season?". Its key marks the peak where a later
event's key marks "+": ("event", "~carry", "toads", "peak", "count").
"""

from __future__ import annotations

from collections.abc import Sequence

from retrieval.figures.measures import Measure
from retrieval.figures.numbers import Quantity
from retrieval.figures.rates import count_period
from retrieval.figures.tokens import Token

PEAK = "peak"
# Stretches of a series: "the busiest night", "in a single day", "in one evening".
_PERIODS = frozenset("day night evening morning afternoon week weekend month session shift".split())
# Words that name a peak on their own: "the busiest night", "at its peak", "peaked at".
_PEAK_WORDS = frozenset({"busiest", "peak", "peaked"})
# Words that rank, before what they rank: "the biggest number", "the highest daily total".
_RANKS = frozenset({"biggest", "highest", "largest", "greatest"})
_TALLIES = frozenset("number total tally count crowd haul daily nightly single".split()) | _PERIODS
# How far after a count its "in a single evening" may stand.
_AFTER_REACH = 8


def _single_period(words: Sequence[str], n: int) -> bool:
    """Whether ``words[n]`` opens "a single evening", "one night" after "in" or "on"."""
    if n < 1 or words[n - 1] not in {"in", "on", "a"}:
        return False
    k = n + 1 if words[n] == "a" else n
    return (
        k + 1 < len(words)
        and words[k] in {"single", "one"}
        and words[k + 1] in _PERIODS
        and (words[n] == "a" or words[k] == "one")
    )


def _cue_at(words: Sequence[str], n: int) -> bool:
    """Whether a peak is named at ``words[n]``: a peak word, a rank before a tally or a
    stretch ("the biggest number", "the highest daily total"), or "a single day". ("a record
    9,000 season-ticket holders" is no peak: the count now, the most it has been.)"""
    w = words[n]
    if w in _PEAK_WORDS or _single_period(words, n):
        return True
    return w in _RANKS and any(x in _TALLIES for x in words[n + 1 : n + 3])


def _named(words: Sequence[str], start: int, end: int) -> bool:
    return any(_cue_at(words, n) for n in range(max(0, start), min(end, len(words))))


def marked(measure: Measure) -> Measure:
    """``measure`` at its peak: the same count, keyed and named apart."""
    key = measure.key
    if key[0] == "event" and len(key) >= 5 and key[3] == "":
        key = (*key[:3], PEAK, *key[4:])
    elif key[0] == "entity" and len(key) == 3 and key[2] == "":
        key = (*key[:2], PEAK)
    else:
        return measure
    return Measure(
        key, f"{measure.name} at the peak", measure.events, measure.entity, measure.words
    )


def at_peak(measure: Measure) -> bool:
    """Whether ``measure`` is a count at a peak (``marked``)."""
    key = measure.key
    return (key[0] == "event" and len(key) >= 5 and key[3] == PEAK) or (
        key[0] == "entity" and len(key) == 3 and key[2] == PEAK
    )


def countable(measure: Measure | None) -> bool:
    """Whether a measure counts people or things by what they did or had (a peak's kind)."""
    return (
        measure is not None
        and measure.key[0] in {"event", "entity"}
        and (measure.key[0] == "entity" or measure.key[-1] == "count")
    )


def peak_of(
    tokens: list[Token], quantities: Sequence[Quantity], idx: int, measure: Measure | None
) -> Measure | None:
    """A count's measure at its peak when its sentence names one before it, with no other
    figure between ("The busiest night came on 11 March, when drizzle brought 418 toads"), or
    right after it ("406 toads onto the lane in a single evening")."""
    if not countable(measure):
        return measure
    assert measure is not None
    q = quantities[idx]
    if count_period(tokens, q) is not None:
        return measure  # "demand peaked at 412 megalitres a day": a rate, its level the peak
    words = [t.lower for t in tokens]
    before = quantities[idx - 1].j if idx >= 1 else 0
    after = quantities[idx + 1].i if idx + 1 < len(quantities) else len(tokens)
    if _named(words, before, q.i) or _named(words, q.j, min(after, q.j + _AFTER_REACH)):
        return marked(measure)
    return measure


# "the previous record of 17,200 MW", "its former high of 41", "short of its 2007 high of
# 4.6 metres": a most reached before, a measure of its own beside the one reached now.
PREVIOUS_RECORD = "previous record"
_RECORD_WORDS = frozenset({"record", "high", "best", "peak", "highest"})
_EARLIER_WORDS = frozenset({"previous", "former", "old", "earlier", "prior", "last"})
_RECORD_REACH = 4  # tokens back from the figure to its "record"


def earlier_record(tokens: list[Token], q: Quantity, measure: Measure | None) -> Measure | None:
    """``measure`` as a previous record when the words right before ``q`` name one ("well
    above the previous record of 17,200 MW set in 2024"); other measures as they are."""
    if measure is None or measure.key[0] == "share":
        return measure
    window = tokens[max(0, q.i - _RECORD_REACH) : q.i]
    for n, t in enumerate(window):
        if t.lower not in _RECORD_WORDS or n == 0:
            continue
        rest = [w.lower for w in window[n + 1 :]]
        if rest and rest != ["of"]:
            continue  # "the previous record of" ends right at the figure
        earlier = window[n - 1]
        if earlier.lower in _EARLIER_WORDS or (earlier.is_num and len(earlier.text) == 4):
            words = ("previous", "record", *measure.words[:2])
            return Measure(("attr", PREVIOUS_RECORD, q.dimension), PREVIOUS_RECORD, words=words)
    return measure


def asks_peak(tokens: Sequence[Token]) -> bool:
    """Whether a question asks a count at a peak: "What was the biggest number of toads …
    in a single evening?", "How many visitors came on the busiest day?"."""
    words = [t.lower for t in tokens]
    return _named(words, 0, len(words))


def peak_asked(tokens: Sequence[Token], measure: Measure | None) -> Measure | None:
    """The question's count at its peak when it asks one (``asks_peak``)."""
    if not countable(measure) or not asks_peak(tokens):
        return measure
    assert measure is not None
    return marked(measure)
