"""Sentences with character spans: one splitter and one abbreviation list for the whole
project (passages are cut along these sentences; figures are read one sentence at a time)."""

from __future__ import annotations

import re

# Abbreviations after which a period does not end a sentence.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof rep sen gov gen col lt capt sgt st jr sr inc ltd co corp vs etc
    e.g i.e a.m p.m u.s u.k u.n no nos jan feb mar apr jun jul aug sep sept oct nov dec fig
    approx est dept univ ave blvd mt ft c ca al op vol pp""".split()
)

# A run of sentence-ending marks, then closing quotes or brackets, then a space or the end. It
# starts only where a run starts and never gives back what it took, so a long run of dots
# not followed by a space costs one pass, not one pass per dot.
SENTENCE_END = re.compile(r"(?<![.!?])[.!?]++[\"'”’)\]]*+(?=\s|$)")
_NON_SPACE = re.compile(r"\S")
# With ``line_breaks``: a blank line ends a sentence, and so does a line break before a line
# that starts like one (a list item, a capital, a digit, a quote): headlines, bullet lists.
_LINE_BREAK = re.compile(r"\n\s*\n|\n(?=\s*[-*•–—]\s)|\n(?=\s*[A-Z0-9\"“])")


# The name that opens a turn of a transcript or an interview, up to the words said: "MARIT
# HALVORSEN: …", "Q: …", "Dr Patel: …", "**PRIYA SANDHU (host):** …".
SPEAKER = re.compile(
    r"\s*(?:\*\*|__)?[A-Z][\w.'’ ()&-]{0,40}(?::(?:\*\*|__)?|(?:\*\*|__):)\s+(?=\S)"
)


def sentence_spans(
    text: str, start: int = 0, end: int | None = None, *, line_breaks: bool = False
) -> list[tuple[int, int]]:
    """(start, end) of each sentence inside ``text[start:end]``, as offsets into ``text``,
    surrounding space trimmed.

    A sentence ends at . ! ? (and closing quotes or brackets) before a space, unless the word
    before is an abbreviation or an initial, or what follows does not start a sentence (a
    capital, a digit, an opening quote or bracket). ``line_breaks``: line breaks end
    sentences too (see ``_LINE_BREAK``), for text whose lines were not split before.
    """
    end = len(text) if end is None else end
    if not line_breaks:
        return _split(text, start, end)
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _LINE_BREAK.finditer(text, start, end):
        spans.extend(_split(text, cursor, match.end()))
        cursor = match.end()
    spans.extend(_split(text, cursor, end))
    return spans


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    segment = text[start:end]
    cursor = 0
    for match in SENTENCE_END.finditer(segment):
        stop = match.end()
        last = _token_before(segment, cursor, match.start()).lower().strip("(\"'“‘")
        if last in ABBREVIATIONS or last.rstrip(".") in ABBREVIATIONS:
            continue
        if len(last) == 1 and "a" <= last <= "z":  # an initial: "J. Smith"
            continue
        following = _NON_SPACE.search(segment, stop)
        nxt = following.group(0) if following else ""
        if nxt and not (nxt.isupper() or nxt.isdigit() or nxt in "\"'“‘(["):
            continue
        spans.append((cursor, stop))
        cursor = stop
    if cursor < len(segment):
        spans.append((cursor, len(segment)))
    return trimmed_spans(segment, start, spans)


def trimmed_spans(segment: str, start: int, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` of ``segment`` without their surrounding space, as absolute offsets (``start``
    is the segment's); spans of nothing but space are left out."""
    result = []
    for s, e in spans:
        piece = segment[s:e]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        if piece.strip():
            result.append((start + s + lead, start + e - trail))
    return result


def _token_before(segment: str, lo: int, hi: int) -> str:
    """The word that ends at ``hi`` (or just before a newline there), no further back than
    ``lo``; empty after a space. Read backwards in small steps, so each word is read once."""
    if hi > lo and segment[hi - 1] == "\n":
        hi -= 1
    start = hi
    while start > lo and not segment[start - 1].isspace():
        start -= len(segment[max(lo, start - 64) : start].split()[-1])
    return segment[start:hi]
