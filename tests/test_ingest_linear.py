"""Ingest takes time in proportion to the file, whatever its lines look like, and gives the
same lines, sentences and exact quotes as the plain (slower) way of reading it."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retrieval import ingest
from retrieval.ingest import (
    BULLET,
    TERMINAL,
    Line,
    _headline_then,
    _stands_alone,
    is_heading,
    iter_lines,
    join_wrapped,
    parse_document,
    wrap_width,
)
from retrieval.text.sentences import ABBREVIATIONS, sentence_spans, trimmed_spans

# --- the plain way: each step reads the whole joined line again ------------------------------


def reference_join(text: str, lines: list[Line]) -> list[Line]:
    width = wrap_width(lines)
    if width is None:
        return lines
    out: list[Line] = []
    last_piece = ""
    for line in lines:
        prev = out[-1] if out else None
        first_word = line.stripped.split(maxsplit=1)[0] if line.stripped else ""
        if (
            prev is not None
            and last_piece.strip()
            and first_word
            and len(last_piece.rstrip()) + 1 + len(first_word) > width
            and not BULLET.match(line.text)
            and not _stands_alone(line.text)
            and not (last_piece.rstrip().endswith(TERMINAL) and is_heading(line.text))
            and not (_stands_alone(prev.text) and line.stripped[:1].isupper())
            and not (
                len(out) == 1
                and "\n" not in prev.text
                and _headline_then(prev.text, (0, len(prev.text)), line, width)
            )
        ):
            out[-1] = Line(prev.start, line.end, text[prev.start : line.end])
        else:
            out.append(line)
        last_piece = line.text
    return out


def reference_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    segment = text[start:end]
    cursor = 0
    for match in re.finditer(r"[.!?]+[\"'”’)\]]*(?=\s+|$)", segment):
        stop = match.end()
        token = re.search(r"(\S+)$", segment[cursor : match.start()])
        last = token.group(1).lower().strip("(\"'“‘") if token else ""
        after = segment[stop:].lstrip()
        if last in ABBREVIATIONS or last.rstrip(".") in ABBREVIATIONS:
            continue
        if re.fullmatch(r"[a-z]", last):
            continue
        if after and not (after[0].isupper() or after[0].isdigit() or after[0] in "\"'“‘(["):
            continue
        spans.append((cursor, stop))
        cursor = stop
    if cursor < len(segment):
        spans.append((cursor, len(segment)))
    return trimmed_spans(segment, start, spans)


# --- generated files: short and long lines, blank lines, wrapped paragraphs ---------------------

WORDS = st.sampled_from(
    "the river rose flood town said officials homes Dr. Mr. J. U.S. 1,400 212 about "
    'water, banks; reported: (estimate) "quoted" ‘single’ e.g. etc. no. a i x '
    "Tuesday Rescue Teams The A Read Sign Source: More".split()
)
ENDINGS = st.sampled_from(["", ".", ".", "!", "?", ":", "...", '."', ".)", " ."])


@st.composite
def sentence(draw: st.DrawFn) -> str:
    words = draw(st.lists(WORDS, min_size=1, max_size=14))
    if draw(st.booleans()):
        words[0] = words[0].capitalize()
    return " ".join(words) + draw(ENDINGS)


@st.composite
def block(draw: st.DrawFn) -> str:
    kind = draw(
        st.sampled_from(
            ["blank", "heading", "bullet", "credit", "cta", "short", "long", "wrapped", "tiny"]
        )
    )
    if kind == "blank":
        return draw(st.sampled_from(["", "  ", "\t"]))
    if kind == "heading":
        return " ".join(draw(st.lists(WORDS, min_size=1, max_size=6))).title()
    if kind == "bullet":
        return draw(st.sampled_from(["- ", "* ", "1. ", "• "])) + draw(sentence())
    if kind == "credit":
        return draw(st.sampled_from(["Source: example.com", "Originally published by The Post"]))
    if kind == "cta":
        return draw(st.sampled_from(["Read more: the river", "Sign up for our newsletter here"]))
    if kind == "tiny":
        return draw(st.sampled_from(["a", "x", ".", "-", "I", "1"]))
    paragraph = " ".join(draw(st.lists(sentence(), min_size=1, max_size=12)))
    if kind == "wrapped":
        return "\n".join(textwrap.wrap(paragraph, draw(st.integers(20, 100)))) or paragraph
    return paragraph  # "short" or "long": one line


FILES = st.lists(block(), min_size=1, max_size=40).map(
    lambda blocks: "\n".join(blocks) + "\n"
) | st.lists(st.sampled_from(["a", "a.", "A", "", "The river rose 4 metres."]), max_size=200).map(
    "\n".join
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FILES)
def test_joining_and_sentences_match_the_plain_way_and_quotes_are_exact(text: str) -> None:
    lines = list(iter_lines(text, 0))
    joined = join_wrapped(text, lines)
    assert joined == reference_join(text, lines)
    for line in joined:
        assert text[line.start : line.end] == line.text
        assert sentence_spans(text, line.start, line.end) == reference_sentences(
            text, line.start, line.end
        )
    doc = parse_document(text, "d", "d.txt", "", 450)
    previous_end = 0
    for passage in doc.passages:
        assert doc.text[passage.start : passage.end] == passage.text
        assert passage.start >= previous_end
        previous_end = passage.end


@pytest.mark.parametrize(
    ("line", "count"),
    [
        ("a", 100_000),  # one-character lines: all one wrapped paragraph
        ("The river rose 4 metres.", 20_000),
        ("- item", 20_000),
        ("x. " * 40, 2_000),  # a sentence end every three characters, none of them a real one
        ("Mr. " * 300, 500),
        ("." * 3000 + "x", 500),  # a run of dots that never ends a sentence
    ],
)
@pytest.mark.timeout(300)
def test_many_short_lines_are_read(tmp_path: Path, line: str, count: int) -> None:
    (tmp_path / "many.txt").write_text((line + "\n") * count, "utf-8")
    (tmp_path / "other.txt").write_text("Other\nA short report about the bridge.\n", "utf-8")
    documents, _ = ingest.load_corpus(tmp_path)
    for doc in documents:
        assert all(doc.text[p.start : p.end] == p.text for p in doc.passages)
