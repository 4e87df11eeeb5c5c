"""Values confirmed for a noun, passive verbs of saying, the least someone may do, spans of
an earlier year or of another unit than asked, and shares that open their sentence with a
verb. Sentences written for these tests."""

from __future__ import annotations

import pytest

from retrieval.embedding import Embedder
from retrieval.figures import analyze
from retrieval.figures.asks import asks_for_figures
from retrieval.figures.extract import read_mentions
from retrieval.figures.measures import question_measure
from retrieval.figures.tokens import tokenize
from retrieval.types import Hit

try:
    from tests.conftest import dated_hits as _hits
    from tests.conftest import lead_texts as _lead
    from tests.conftest import mentions_by_text as _mentions
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import dated_hits as _hits  # type: ignore[no-redef]
    from conftest import lead_texts as _lead  # type: ignore[no-redef]
    from conftest import mentions_by_text as _mentions  # type: ignore[no-redef]


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
    hits = _hits(
        ("The resurfacing of the bypass will take nine weeks.", "2026-05-01"),
        ("For comparison, the 2018 resurfacing of the bypass took four weeks.", "2026-05-03"),
    )
    now = _spans("How many weeks will the resurfacing of the bypass take?", hits, real_embedder)
    assert now == ["nine weeks"]
    then = _spans("How long did the 2018 resurfacing of the bypass take?", hits, real_embedder)
    assert "four weeks" in then  # asked about 2018, its span answers


def test_a_span_up_to_an_event_is_not_dated_by_a_year_beside_it() -> None:
    text = "A gauge fitted in 2022 logged rising water over the nine days before the breach."
    (hit,) = _hits((text, "2026-05-01"))
    (span,) = [m for m in read_mentions(hit.passage, hit.document) if m.kind == "duration"]
    assert span.measure.key[0] != "past"


def test_a_span_in_the_unit_asked_answers_before_others(real_embedder: Embedder) -> None:
    hits = _hits(
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


@pytest.mark.parametrize(
    "text",
    [
        "One resident, who asked not to be named, told the paper that the cafe was doomed.",
        "Two shopkeepers said trade had halved since the closure.",
        "Three local traders have warned that the car park is too small.",
    ],
)
def test_a_count_of_the_people_who_said_something_is_no_figure(text: str) -> None:
    assert not [m for m in _mentions(text).values() if m.kind == "count"]


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Two regulars were injured in the fall, police said.", "Two"),
        ("Forty residents told the council they opposed the plan.", "Forty"),
    ],
)
def test_a_count_of_people_something_befell_or_of_many_stays(text: str, figure: str) -> None:
    assert figure in _mentions(text)


def test_getting_work_is_being_hired() -> None:
    job = "When it reopens the cafe will employ eleven people."
    resident = "One resident, who asked not to be named, told the paper the cafe was doomed."
    question = "How many people would get work at the cafe if it reopens?"
    assert _lead(question, resident, job) == ["eleven"]


def test_getting_to_work_is_starting() -> None:
    started = "Crews will get to work on Monday 4 May 2026, weather permitting."
    assert _mentions(started)["Monday 4 May 2026"].measure.key == ("date", "start")
    (event,) = question_measure(tokenize("When did the crews get to work on the wall?")).events
    assert event == "start"


def test_a_thing_s_opening_and_closing_days_are_two_facts() -> None:
    opened = "The consultation opened on Monday 2 March 2026."
    closes = "The consultation closes on Thursday 30 April 2026."
    assert _lead("When does the consultation close?", opened, closes) == ["Thursday 30 April 2026"]
    # one end alone, reported two ways, stays one disputed fact
    again = "The consultation closes on Friday 1 May 2026, the council says."
    assert sorted(_lead("When does the consultation close?", closes, again)) == [
        "Friday 1 May 2026",
        "Thursday 30 April 2026",
    ]


def test_a_volume_dated_years_before_is_an_earlier_event_s() -> None:
    (hit,) = _hits(
        (
            "The basin was last cleared in 2018, when 9,000 cubic metres of silt was removed.",
            "2026-01-10",
        )
    )
    (size,) = [m for m in read_mentions(hit.passage, hit.document) if m.kind == "count"]
    assert size.measure.key[0] == "past"


def test_a_bare_volume_joins_the_one_volume_that_names_its_stuff() -> None:
    notice = "Contractors will remove about 12,000 cubic metres of silt from the basin."
    survey = "A new survey puts the amount to come out at 14,500 cubic metres."
    question = "How much silt is being taken out of the basin?"
    assert sorted(_lead(question, notice, survey)) == [
        "14,500 cubic metres",
        "about 12,000 cubic metres",
    ]


def test_an_asking_price_and_a_sale_are_one_price() -> None:
    asking = "The brewery is sticking to its asking price of £475,000."
    agreed = "The brewery has agreed to sell the building for £440,000."
    question = "How much is the building being sold for?"
    assert sorted(_lead(question, asking, agreed)) == ["£440,000", "£475,000"]


@pytest.mark.parametrize(
    ("text", "resolved"),
    [
        ("The crews start work a fortnight today.", "2 February 2026"),
        ("The offer will now close three weeks today.", "9 February 2026"),
        ("It is two years today since the fire.", "2024"),
        ("It was meant to start a week ago today.", "12 January 2026"),
    ],
)
def test_a_span_today_counts_on_from_the_report(text: str, resolved: str) -> None:
    (hit,) = _hits((text, "2026-01-19"))
    (day,) = [m for m in read_mentions(hit.passage, hit.document) if m.kind == "date"]
    assert day.value.resolved == resolved


def test_a_date_s_thing_is_found_past_an_adverb() -> None:
    later = "The consultation will now close on Friday 8 May 2026."
    first = "The consultation closes on Thursday 30 April 2026."
    keys = {text: m.measure.key for text, m in _mentions(later, first).items()}
    assert keys["Friday 8 May 2026"] == keys["Thursday 30 April 2026"]


def test_work_started_is_a_start() -> None:
    started = "The crews start work on Monday 4 May 2026."
    assert _mentions(started)["Monday 4 May 2026"].measure.events == frozenset({"start"})
