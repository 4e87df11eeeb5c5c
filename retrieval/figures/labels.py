"""Figures given after a label, as fact sheets, press releases and lists give them: "- Potholes
repaired: 11,250", "Late charges written off: £41,200", "Third prize (five numbers): 3,870
winning tickets". The label says what the figure counts, as the words after a number would:
the figure is read as if it stood before its label ("11,250 potholes repaired"). A label
with a number or a time in it ("Tickets sold for the 7 March draw: 32.6 million") is left to
the sentence reading.

A part of the line before ("- Of which books: 4,812" under "- Total items returned: 5,120")
counts the things it names, by the event of the line before ("4,812 books returned").
"""

from __future__ import annotations

from dataclasses import replace

from retrieval.figures import lexicon as lx
from retrieval.figures.measures import Measure, measure_of, noun_phrase, with_entity
from retrieval.figures.numbers import Quantity
from retrieval.figures.tokens import Token

# Marks that open a list item: "- ", "* ", "• ", "1." is a number and not read as a mark.
_BULLETS = frozenset({"-", "*", "•", "–", "—", "|"})
# Words that make a label a part of the item before: "Of which books", "Including DVDs".
_PART_OPENERS = (("of", "which"), ("of", "whom"), ("of", "these"), ("of", "those"), ("including",))
# At most this many words after the figure, its unit or counted noun ("nine working days",
# "14 per cent", "3,870 winning tickets"); more is a sentence, read as one.
_TAIL_WORDS = 4
# What a percentage names rather than is a share of: "Unemployment rate: 5.2%".
_RATE_NOUNS = frozenset({"rate", "ratio", "level", "growth", "change", "increase", "fall"})
_COUNT_WORDS = frozenset({"total", "overall", "number", "amount", "count", "of"})
_LABEL_WORDS = 16


def labelled(tokens: list[Token], q: Quantity) -> tuple[list[Token], bool] | None:
    """The label of ``q`` when its sentence is "[mark] label: figure [unit]", as words in the
    order a sentence would have them: the figure first. The flag says the label is a part of
    the line before ("Of which …")."""
    colon = q.i - 1
    if colon < 1 or tokens[colon].text != ":" or len(tokens) - q.j > _TAIL_WORDS:
        return None
    if any(not t.is_word for t in tokens[q.j :]):
        return None
    first = 1 if tokens[0].text in _BULLETS else 0
    label = _without_brackets(tokens[first:colon])
    if not label or len(label) > _LABEL_WORDS or not label[0].is_word:
        return None
    if any(t.is_num or t.text in (":", ".", "!", "?") for t in label):
        return None  # "At 16:12 …", "Published: 15 June": a time, a date or a sentence
    words = [t.lower for t in label[:2]]
    opener = next((o for o in _PART_OPENERS if tuple(words[: len(o)]) == o), None)
    label = label[len(opener) :] if opener is not None else _without_total(label)
    if q.dimension == "percent":
        label = _without_share(label)  # "Proportion of the network in poor condition"
    if not label:
        return None
    # The colon stays before the figure, as a sentence's words would: nothing says more there.
    # A sum is "of" what its label names ("£41,200 of late charges written off"), and so is a
    # percentage ("14 per cent of the county's road network"), unless it names one ("Turnout").
    named = q.dimension == "percent" and (
        len(label) == 1 or label[-1].lower in _RATE_NOUNS or lx.attribute_class(label[-1].text)
    )
    of = (
        [Token("of", tokens[colon].start, tokens[colon].end, "word")]
        if q.dimension in ("money", "percent") and not named
        else []
    )
    head = [tokens[colon], *tokens[q.i :], *of, _lowered(label[0]), *label[1:]]
    return head, opener is not None


def _without_brackets(label: list[Token]) -> list[Token]:
    """A label without what it says in brackets: "Third prize (five numbers)"."""
    out: list[Token] = []
    depth = 0
    for t in label:
        depth += t.text == "("
        if depth == 0:
            out.append(t)
        depth -= t.text == ")" and depth > 0
    return out


def _without_share(label: list[Token]) -> list[Token]:
    """A percentage's label without the word that says it is one: "Share of homes with …"."""
    if len(label) > 2 and label[0].lower in lx.SHARE_WORDS and label[1].lower == "of":
        return label[2:]
    return label


def _without_total(label: list[Token]) -> list[Token]:
    """A label without the words that say it is a count: "Total number of claims"."""
    k = 0
    while k < len(label) and label[k].lower in _COUNT_WORDS:
        k += 1
    return label[k:]


def _lowered(t: Token) -> Token:
    """A label's capital is its line's, not a name's: "Potholes repaired"."""
    if not t.is_capitalized or t.text.isupper():
        return t
    return Token(t.text[:1].lower() + t.text[1:], t.start, t.end, t.kind, t.glued)


def label_measure(tokens: list[Token], q: Quantity, before: Measure | None) -> Measure | None:
    """The measure a label gives ``q`` ("- Potholes repaired: 11,250"); None when its sentence
    is no label and figure. ``before``: the measure of the line before, for a part of it."""
    found = labelled(tokens, q)
    if found is None:
        return None
    words, part = found
    m = measure_of(words, _moved(q, q.i - 1))  # the colon is the first word
    if not part or before is None:
        return m
    if m is None:
        return None  # "Of which other media: 308": no counted noun of its own
    if m.key[0] == "entity" and m.entity is not None and before.key[0] == "event":
        # "Of which books: 4,812" under "Total items returned: 5,120": books returned
        return with_entity(before, m.entity)
    return m


def _moved(q: Quantity, shift: int) -> Quantity:
    """``q`` with its token spans ``shift`` tokens earlier, in words made for reading it."""
    core = (q.core[0] - shift, q.core[1] - shift)
    return replace(q, i=q.i - shift, j=q.j - shift, core=core, base_index=None)


_COPULAS = frozenset({"was", "were", "is", "are"})


def named_part(tokens: list[Token], q: Quantity, before: Measure | None) -> Measure | None:
    """A part of the sentence before's count, named after its number: "Of those, 5,093 were
    books" after "5,467 items were returned" counts books returned."""
    if before is None or before.key[0] != "event" or q.dimension != "count":
        return None
    if q.j + 1 >= len(tokens) or tokens[q.j].lower not in _COPULAS:
        return None
    if not any(t.lower == "of" for t in tokens[: q.i]):
        return None  # "5,093 were books" alone says what they are, not what they are part of
    words, _ = noun_phrase(tokens, q.j + 1)
    if not words:
        return None
    m = measure_of([tokens[q.i - 1], *tokens[q.i : q.j], *words], _moved(q, q.i - 1))
    if m is None or m.key[0] != "entity" or m.entity is None:
        return None
    return with_entity(before, m.entity)
