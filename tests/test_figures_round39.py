"""Values confirmed for a noun, passive verbs of saying, the least someone may do, spans of
an earlier year or of another unit than asked, and shares that open their sentence with a
verb. Sentences written for these tests."""

from __future__ import annotations

import pytest

from retrieval.embedding import Embedder
from retrieval.figures import analyze
from retrieval.figures.asks import asks_for_figures
from retrieval.figures.extract import read_mentions
from retrieval.types import DocumentMeta, Hit, Passage

try:
    from tests.conftest import lead_texts as _lead
    from tests.conftest import mentions_by_text as _mentions
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import lead_texts as _lead  # type: ignore[no-redef]
    from conftest import mentions_by_text as _mentions  # type: ignore[no-redef]


def _dated(*reports: tuple[str, str]) -> list[Hit]:
    """Each (text, publication date) a one-passage report of its own."""
    out = []
    for n, (text, published) in enumerate(reports):
        meta = DocumentMeta(f"doc{n}", f"doc{n}.txt", f"Report {n}", published=published)
        out.append(Hit(Passage(meta.doc_id, 0, len(text), text), meta, 1.0, 0.5))
    return out


def test_a_value_confirmed_for_a_noun_is_that_noun_s() -> None:
    mention = _mentions("The lottery grant was confirmed at £680,000 last week.")["£680,000"]
    assert mention.measure.key == ("attr", "grant", "money")


@pytest.mark.parametrize(
    ("text", "figure", "claimant"),
    [
        ("The lottery grant was confirmed at £680,000.", "£680,000", None),
        ("The repair bill was estimated at £43,000.", "£43,000", None),
        ("The ministry has confirmed 41 deaths.", "41", "The ministry"),
        ("Officials were quoted as saying 41 people died.", "41", "Officials"),
    ],
)
def test_a_passive_verb_of_saying_names_no_claimant(
    text: str, figure: str, claimant: str | None
) -> None:
    assert _mentions(text)[figure].value.claimed_by == claimant


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("What's the least I'm allowed to invest?", True),
        ("What is the most anyone can borrow from the scheme?", True),
        ("What is the least popular route?", False),
        ("What is the most common complaint?", False),
    ],
)
def test_the_least_or_most_someone_may_do_asks_an_amount(question: str, asks: bool) -> None:
    assert asks_for_figures(question) is asks


def test_the_least_someone_may_do_is_answered_by_the_minimum() -> None:
    terms = "The minimum stake is £250 and the maximum is £10,000 per member."
    again = "The minimum is £250, whatever your age."
    assert _lead("What's the least I'm allowed to put in as a member?", terms, again) == [
        "£250",
        "£250",
    ]


def _spans(question: str, hits: list[Hit], embedder: Embedder) -> list[str]:
    groups = analyze(question, hits, embed=embedder.encode).groups
    return [v.text for v in groups[0].values] if groups else []


def test_a_span_of_an_earlier_year_does_not_answer_for_this_one(real_embedder: Embedder) -> None:
    hits = _dated(
        ("The resurfacing of the bypass will take nine weeks.", "2026-05-01"),
        ("For comparison, the 2018 resurfacing of the bypass took four weeks.", "2026-05-03"),
    )
    now = _spans("How many weeks will the resurfacing of the bypass take?", hits, real_embedder)
    assert now == ["nine weeks"]
    then = _spans("How long did the 2018 resurfacing of the bypass take?", hits, real_embedder)
    assert "four weeks" in then  # asked about 2018, its span answers


def test_a_span_up_to_an_event_is_not_dated_by_a_year_beside_it() -> None:
    text = "A gauge fitted in 2022 logged rising water over the nine days before the breach."
    (hit,) = _dated((text, "2026-05-01"))
    (span,) = [m for m in read_mentions(hit.passage, hit.document) if m.kind == "duration"]
    assert span.measure.key[0] != "past"


def test_a_span_in_the_unit_asked_answers_before_others(real_embedder: Embedder) -> None:
    hits = _dated(
        ("The swing bridge will be shut to traffic for eleven weeks.", "2026-05-01"),
        ("The swing bridge has been shut to traffic at night for thirty years.", "2026-05-02"),
    )
    question = "How many weeks will the swing bridge be shut to traffic?"
    assert _spans(question, hits, real_embedder) == ["eleven weeks"]


@pytest.mark.parametrize(
    "text",
    [
        "Forty-one per cent live outside the town, the club says.",
        "41 per cent live outside the town.",
    ],
)
def test_a_share_opening_its_sentence_is_of_those_who_do_what_its_verb_says(text: str) -> None:
    (mention,) = [m for m in _mentions(text).values() if m.kind == "count"]
    assert mention.measure.key[0] == "share"
    assert mention.measure.name == "share of live"


def test_a_share_before_a_verb_of_saying_still_needs_its_things_named() -> None:
    assert not [m for m in _mentions("55 per cent said they had none.").values()]
