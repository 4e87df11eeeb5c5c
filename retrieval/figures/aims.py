"""Figures aimed at, not reached: "with the aim of training 500 residents", "the appeal hopes
to raise £25,000", "just short of the 500 the council had hoped for". A target is a measure of
its own ("a target of £25,000" reads so by its noun), kept apart from the count or sum it
aims at, which a question asks unless it names an aim."""

from __future__ import annotations

from retrieval.figures.measures import Measure
from retrieval.figures.numbers import Quantity
from retrieval.figures.tokens import Token

TARGET = "target"
# Words before a figure, in its clause, that make it one aimed at: "aims to train 500",
# "with the aim of training 500", "hopes to raise £25,000", "our ambition is to connect 6,000
# homes" (not a plan: "wants to install some 110,000 panels" is how many the plan would
# install).
_AIMING = frozenset(
    """aim aims aiming aimed hope hopes hoping hoped target targets targeting goal
    objective ambition ambitions""".split()
)
# Words after a figure that make it one aimed at: "the 500 the council had hoped for", "the
# 40 it aimed for".
_AIMED_FOR = frozenset({"hoped", "aimed", "targeted"})
_BEFORE = 6  # words back from the figure, within its clause
_AFTER = 6  # tokens after the figure to its "hoped for"
_BREAKS = frozenset({",", ";", ":", "(", ")", "—", "."})
# What joins an aim to its figure: "to raise", "of training", "for 500", "at 40", "is 500".
_LINKS = frozenset({"to", "of", "for", "at", "is", "was", "be"})


def aim_of(tokens: list[Token], q: Quantity, measure: Measure | None) -> Measure | None:
    """``measure`` as a target when its clause aims at the figure; other measures as they
    are. A share, a date or a measure already of an attribute keeps its own."""
    if measure is None or measure.key[0] in {"attr", "share", "date"} or q.is_share:
        return measure
    if not (_aimed_before(tokens, q.i) or _aimed_after(tokens, q.j)):
        return measure
    return Measure(
        ("attr", TARGET, q.dimension),
        TARGET,
        measure.events,
        measure.entity,
        (*measure.words, TARGET),
    )


def _aimed_before(tokens: list[Token], i: int) -> bool:
    """Whether an aiming word opens the figure's phrase: "aims to train", "the aim of
    training", "hoping for" (not "he hoped the 300 people who came …")."""
    words, linked = 0, False
    for t in reversed(tokens[:i]):
        if t.text in _BREAKS or words >= _BEFORE:
            return False
        if t.kind == "word":
            words += 1
            if t.lower in _AIMING:
                return linked
            linked = linked or t.lower in _LINKS
    return False


def _aimed_after(tokens: list[Token], j: int) -> bool:
    """Whether "hoped for" or "aimed for" follows the figure in its clause: "the 500 the
    council had hoped for"."""
    after = tokens[j : j + _AFTER]
    for n, t in enumerate(after[:-1]):
        if t.text in _BREAKS:
            return False
        if t.lower in _AIMED_FOR and after[n + 1].lower == "for":
            return True
    return False
