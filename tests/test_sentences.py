"""One sentence splitter: passages are cut, and figures read, along the same sentences."""

from __future__ import annotations

from retrieval import ingest
from retrieval.figures import tokens
from retrieval.text.sentences import sentence_spans


def _split(text: str, **options: bool) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text, **options)]


def test_ingest_and_figures_agree_on_the_sentences_of_a_line() -> None:
    line = (
        "HARWICK, Mich. — Kestrel Motors recalled about 212,000 cars, ca. 1,200 of them "
        "sold abroad (pp. 4-5 of the notice). Dr. Lee said 3 fires were reported."
    )
    expected = [
        "HARWICK, Mich. — Kestrel Motors recalled about 212,000 cars, ca. 1,200 of them "
        "sold abroad (pp. 4-5 of the notice).",
        "Dr. Lee said 3 fires were reported.",
    ]
    assert _split(line) == expected
    assert [line[s:e] for s, e in ingest.sentence_spans(line, 0, len(line))] == expected
    assert [line[s:e] for s, e in tokens.sentence_spans(line)] == expected


def test_line_breaks_end_sentences_only_when_asked() -> None:
    text = "Flood toll rises to 19\nThe toll rose to 19 on Wednesday.\n- 3 missing\nand more"
    assert _split(text, line_breaks=True) == [
        "Flood toll rises to 19",
        "The toll rose to 19 on Wednesday.",
        "- 3 missing\nand more",
    ]
    assert _split(text) == [text]  # "-" does not start a sentence within a line


def test_spans_are_offsets_into_the_whole_text() -> None:
    text = "Skip this. Then one. Then two."
    start = text.index("Then")
    assert sentence_spans(text, start, len(text)) == [(11, 20), (21, 30)]
