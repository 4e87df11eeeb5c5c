"""What is left of a stock: "just 48 unreserved grave spaces remain", "only 12 tickets left",
"31 spare beds".

A count of what is left is a part of the count of those things, keyed by the whole's key and
``LEFT``: it answers "How many grave plots are still available?" and neither answers nor
joins "How many plots will the extension provide?". A question asks it by the same words
("left", "remaining", "still available", "spare", "empty").
"""

from __future__ import annotations

from collections.abc import Sequence

from retrieval.figures import lexicon as lx
from retrieval.figures.measures import Measure, noun_phrase, part_measure
from retrieval.figures.numbers import Quantity
from retrieval.figures.tokens import Token

LEFT = "left"
_LEFT_LEMMA = lx.lemma(LEFT)
# Words before a thing counted that say it is not taken: "48 unreserved grave spaces".
_UNTAKEN = frozenset(
    """unused unreserved unallocated unoccupied unsold unclaimed unfilled unbooked spare
    vacant empty remaining available""".split()
)
# Verbs after a thing counted that say it is left: "48 spaces remain", "12 tickets left".
_REMAIN = frozenset({"remain", "remains", "remained", "remaining"})
_REMAIN_LEMMA = lx.lemma("remain")
_BE = frozenset({"is", "are", "was", "were", "be", "been", "still"})
# What may follow "remain" when it says no more than that they are left: the clause's end
# or a word of being free ("remain unsold"); not "41 remain in custody", a state of people.
_FREE_AFTER = _UNTAKEN | {"open"}
# Words after "left" that say where or for what things are left ("12 tickets left for
# Saturday", "left in the cemetery"); others say what befell ("left without water").
_LEFT_WHERE = frozenset({"in", "at", "on", "over", "for", "to", "after", "by"})
# A question's words for what is left.
_ASKING = _UNTAKEN | _REMAIN


def left_part(tokens: list[Token], q: Quantity, measure: Measure | None) -> Measure | None:
    """``measure`` as what is left of it when the words of ``q``'s noun phrase say so ("48
    unreserved grave spaces remain", "only 12 tickets left"); other measures as they are."""
    if measure is None or q.dimension != "count" or measure.key[0] in {"share", "part", "attr"}:
        return measure
    words, end = noun_phrase(tokens, q.j)
    if len(words) > 1 and words[-1].lower in _REMAIN:
        words, end = words[:-1], end - 1  # "40 pitches remain": the verb ends the phrase
    if any(t.lower in _UNTAKEN for t in words[:-1]) or _left_after(tokens, end, measure):
        return part_measure(_unleft(measure, words), LEFT, (_LEFT_LEMMA,))
    return measure


def _unleft(measure: Measure, words: Sequence[Token]) -> Measure:
    """A count of things, not of a leaving nor of "remain", when the verb was read as what is
    counted: "only 12 tickets are left" and "40 pitches remain" count tickets and pitches."""
    if measure.key[:2] == ("event", f"~{_LEFT_LEMMA}"):
        what = measure.key[2]
        kept = tuple(w for w in measure.words if w != _LEFT_LEMMA)
        return Measure(("entity", what, ""), what, entity=measure.entity, words=kept)
    if measure.key[:2] == ("entity", _REMAIN_LEMMA) and words:
        head = words[-1]
        what = lx.entity_class(head.text)
        what = what if lx.is_entity_class(what) else head.lower
        return Measure(("entity", what, ""), what, entity=what, words=(head.lemma,))
    return measure


def _left_after(tokens: Sequence[Token], k: int, measure: Measure) -> bool:
    """Whether the words at ``k``, after the noun phrase, say the things are left: "remain",
    "are left", "left" after things (people who "left" went away)."""
    if k < len(tokens) and tokens[k].lower in _BE:
        k += 1
    if k >= len(tokens):
        return False
    word = tokens[k].lower
    after = tokens[k + 1] if k + 1 < len(tokens) else None
    ends = after is None or after.kind != "word" or after.lower in _FREE_AFTER
    if word in _REMAIN:
        return ends
    if word != LEFT:
        return False
    if not (ends or after is None or after.lower in _LEFT_WHERE):
        return False  # "4,000 households were left without water": made to go without
    went = measure.entity in lx.PERSON_CLASSES or (measure.entity is None and bool(measure.events))
    return tokens[k - 1].lower in _BE or not went


def left_asked(tokens: Sequence[Token]) -> bool:
    """Whether a question asks what is left: "How many plots are still available?", "How
    many tickets are left?", "How many spare beds?"; not "How many people left the town?"."""
    words = [t.lower for t in tokens if t.kind == "word"]
    for n, w in enumerate(words):
        if w in _ASKING:
            return True
        if w == LEFT and n and words[n - 1] in _BE:
            return True
    return False


def left_wanted(tokens: Sequence[Token], wanted: Measure | None) -> Measure | None:
    """The question's count as what is left of it when it asks that (``left_asked``)."""
    if wanted is None or wanted.key[0] in {"share", "part", "attr"} or not left_asked(tokens):
        return wanted
    return part_measure(wanted, LEFT, (_LEFT_LEMMA,))
