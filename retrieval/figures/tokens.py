"""Tokens with character offsets, and sentence spans (``retrieval.text.sentences``), for the
figure grammar."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from retrieval.text.sentences import sentence_spans as split_sentences
from retrieval.text.stems import lemma

# Dotted abbreviations ("a.m.", "U.S.", "B.C.") stay one token; digits, words and single
# punctuation marks are the rest. Digits glued to letters ("21st", "25m", "1970s") split, and
# the second token records that it was glued.
_TOKEN = re.compile(
    r"(?P<abbr>(?:[A-Za-z]\.){2,})"
    r"|(?P<num>\d+(?:[.,:/]\d+)*)"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)"
    r"|(?P<punct>[^\w\s])",
)


# Markdown's marks of emphasis.
_EMPHASIS = frozenset({"*"})


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
        if kind == "punct" and m.group(0) in _EMPHASIS:
            continue  # "on **Thursday 19 March**": Markdown's emphasis is no word of the text
        start = m.start() + offset
        tokens.append(Token(m.group(0), start, m.end() + offset, kind, start == previous_end))
        previous_end = m.end() + offset
    return tokens


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a passage, whitespace trimmed; line breaks end
    sentences too when the next line starts a list item or after a blank line."""
    return split_sentences(text, line_breaks=True)
