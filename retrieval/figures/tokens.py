"""Tokens with character offsets, and sentence spans, for the figure grammar."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from retrieval.figures.lexicon import lemma

# Dotted abbreviations ("a.m.", "U.S.", "B.C.") stay one token; digits, words and single
# punctuation marks are the rest. Digits glued to letters ("21st", "25m", "1970s") split, and
# the second token records that it was glued.
_TOKEN = re.compile(
    r"(?P<abbr>(?:[A-Za-z]\.){2,})"
    r"|(?P<num>\d+(?:[.,:/]\d+)*)"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)"
    r"|(?P<punct>[^\w\s])",
)


@dataclass
class Token:
    text: str
    start: int
    end: int
    kind: str  # "num", "word", "abbr" or "punct"
    glued: bool = False  # no space between this token and the one before

    @cached_property
    def lower(self) -> str:
        return self.text.lower().replace("’", "'")

    @cached_property
    def lemma(self) -> str:
        return lemma(self.text) if self.kind == "word" else self.lower

    @property
    def is_word(self) -> bool:
        return self.kind in ("word", "abbr")

    @property
    def is_num(self) -> bool:
        return self.kind == "num"

    @property
    def is_capitalized(self) -> bool:
        return self.kind == "word" and self.text[:1].isupper()

    def __repr__(self) -> str:  # short, for debugging and test failures
        return f"{self.text!r}@{self.start}"


def tokenize(text: str, offset: int = 0) -> list[Token]:
    tokens: list[Token] = []
    previous_end = -1
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "punct"
        start = m.start() + offset
        tokens.append(Token(m.group(0), start, m.end() + offset, kind, start == previous_end))
        previous_end = m.end() + offset
    return tokens


# A sentence ends at . ! ? (and closing quotes or brackets), unless the period follows an
# abbreviation, an initial or a number's decimal point, or a lower-case word follows.
# A line break ends a sentence when the next line starts like one (headlines, list items).
_SENTENCE_END = re.compile(
    r"[.!?]+[\"'”’)\]]*(?=\s+|$)|\n\s*\n|\n(?=\s*[-*•–—]\s)|\n(?=\s*[A-Z0-9\"“])"
)
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof rep sen gov gen col lt capt sgt st jr sr inc ltd co corp vs etc
    e.g i.e a.m p.m u.s u.k u.n no nos jan feb mar apr jun jul aug sep sept oct nov dec fig
    approx est dept univ ave blvd mt ft c ca al op vol pp""".split()
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, whitespace trimmed; lines end sentences too
    when the next line starts a list item or after a blank line."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for m in _SENTENCE_END.finditer(text):
        stop = m.end()
        if m.group(0)[0] in ".":
            before = text[cursor : m.start()]
            word = re.search(r"(\S+)$", before)
            last = word.group(1).lower().strip("(\"'“‘") if word else ""
            if last.rstrip(".") in _ABBREVIATIONS or re.fullmatch(r"[a-z]", last):
                continue
            after = text[stop:].lstrip()
            if after and after[0].islower():
                continue
        spans.append((cursor, stop))
        cursor = stop
    if cursor < len(text):
        spans.append((cursor, len(text)))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        piece = text[s:e]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        if piece.strip():
            out.append((s + lead, e - trail))
    return out
