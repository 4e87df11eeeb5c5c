""" "In the end" as finally, money brought in, things switched on or hooked up, ambitions as
aims, a change restated after a comma ("an increase of 25 per cent"), the size of a change
asked ("By what percentage did … go up?"), the unit a rate is per, and a day without a year
said of what is done. Sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.embedding import Embedder
from retrieval.figures.measures import question_measure
from retrieval.figures.tokens import tokenize
from retrieval.topic import uncovered

try:
    from tests.conftest import ask_one_report as _ask_one
    from tests.conftest import dated_hits as _hits
    from tests.conftest import lead_texts as _lead
    from tests.conftest import made_up_hits as _made_up
    from tests.conftest import mentions_by_text as _mentions
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import ask_one_report as _ask_one  # type: ignore[no-redef]
    from conftest import dated_hits as _hits  # type: ignore[no-redef]
    from conftest import lead_texts as _lead  # type: ignore[no-redef]
    from conftest import made_up_hits as _made_up  # type: ignore[no-redef]
    from conftest import mentions_by_text as _mentions  # type: ignore[no-redef]


def _asked(question: str) -> frozenset[str]:
    measure = question_measure(tokenize(question))
    assert measure is not None
    return measure.events


@pytest.mark.parametrize(
    ("question", "events"),
    [
        ("How many raffle tickets did the club sell in the end?", {"sale"}),
        ("How long was the towpath closed for in the end?", {"closure"}),
        ("In the end, how many ponies were rehomed?", set()),
    ],
)
def test_in_the_end_asks_no_end(question: str, events: set[str]) -> None:
    assert _asked(question) == events


def test_the_end_of_something_is_still_read() -> None:
    assert "end" in _asked("When is the end of the consultation?")


def test_a_count_said_in_the_end_is_no_end() -> None:
    measure = _mentions("In the end we counted 312 swifts over the mill.")["312"].measure
    assert "end" not in measure.events


def test_in_the_end_places_the_count_in_no_event() -> None:
    texts = ["The jumble sale raised £1,240 for the scout hut roof."]
    assert not uncovered("How much did the jumble sale bring in in the end?", texts)


@pytest.mark.parametrize(
    "question",
    [
        "How much did the jumble sale bring in?",
        "How much did the crowdfunder make for the pavilion?",
        "What did the online fundraiser end up with?",
    ],
)
def test_money_brought_in_or_a_fundraiser_asks_what_was_raised(question: str) -> None:
    assert "raise" in _asked(question)


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        ("By Friday, 240 flats had been switched on to the new network.", "240"),
        ("Engineers have hooked up 96 farms since the spring.", "96"),
        ("The supplier has connected 1,310 homes so far.", "1,310"),
    ],
)
def test_switched_on_and_hooked_up_are_connected(sentence: str, figure: str) -> None:
    assert _mentions(sentence)[figure].measure.events == frozenset({"connection"})


def test_went_to_live_is_no_connection() -> None:
    measure = _mentions("After the fire, 35 families went to live with relatives.")["35"].measure
    assert "connection" not in measure.events


def test_the_homes_switched_on_answer_how_many_were_hooked_up() -> None:
    texts = (
        "The network passes 410 homes in the valley.",
        "By the end of the build, 275 homes had been switched on.",
    )
    assert _lead("How many homes have been hooked up?", *texts) == ["275"]


def test_an_ambition_is_an_aim() -> None:
    measure = _mentions("Our ambition is to plant 5,000 trees by 2030.")["5,000"].measure
    assert measure.key[:2] == ("attr", "target")


def test_a_change_restated_after_a_comma_is_the_change_of_the_clause_before() -> None:
    mentions = _mentions(
        "Visitor numbers rose from 12,000 to 15,000, an increase of 25 per cent.",
        "Visitor numbers rose by 20 per cent.",
    )
    assert mentions["25 per cent"].measure.key == mentions["20 per cent"].measure.key


def test_a_level_changed_from_a_figure_with_its_noun_and_year() -> None:
    mentions = _mentions(
        "Mean litter density fell from 61 items per square metre in 2024 to 38 this year."
    )
    assert mentions["38"].measure.key == mentions["61"].measure.key


def test_by_what_percentage_asks_the_size_of_the_change() -> None:
    texts = (
        "Footfall in the arcade rose from 8,000 to 10,000 visits a week, an increase of 25 "
        "per cent.",
        "About 40 per cent of the arcade's shop units are now empty.",
    )
    question = "By what percentage did the number of visits to the arcade go up?"
    assert _lead(question, *texts) == ["25 per cent"]


def test_what_percentage_of_still_asks_a_share() -> None:
    texts = (
        "Footfall in the arcade rose by 25 per cent.",
        "About 40 per cent of the arcade's shop units are now empty.",
    )
    assert _lead("What percentage of the shop units are empty?", *texts) == ["About 40 per cent"]


def test_the_unit_a_rate_is_per_asks_no_size() -> None:
    texts = (
        "The volunteers laid 600 metres of fencing around the plots.",
        "The June survey found 48 seedlings per square metre.",
    )
    question = "How many seedlings per square metre did the June survey find?"
    assert _lead(question, *texts) == ["48"]


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        ("The lights on the green were switched on on 3 November.", 20251103),
        ("Wardens began issuing fines on 10 November.", 20251110),
        ("The lights on the green will be switched on on 3 November.", 20261103),
        ("The lido is expected to reopen on 3 November.", 20261103),
        ("The lido reopened on 1 February.", 20260201),
    ],
)
def test_a_day_after_the_report_said_of_what_was_done_is_last_year(sentence: str, day: int) -> None:
    from retrieval.figures.extract import extract

    # published on Tuesday 3 March 2026
    dates = [m for m in extract(_hits((sentence, "2026-03-03"))) if m.kind == "date"]
    assert [m.value.low for m in dates] == [day]


def test_a_time_of_day_in_words_is_no_count() -> None:
    mentions = _mentions("The last boat came in at about four o'clock on Friday.")
    assert not [m for m in mentions.values() if m.kind != "date"]


def test_a_time_after_a_later_figure_is_that_figures() -> None:
    mentions = _mentions("Divers recorded 58 scars in the meadows, against 91 last year.")
    assert mentions["58"].value.as_of is None


@pytest.mark.parametrize(
    ("sentence", "figure", "entity"),
    [
        ("Divers recorded 58 anchor and mooring scars in the meadows.", "58", "scars"),
        ("The scheme now reaches 400 homes and businesses.", "400", "homes"),
    ],
)
def test_modifiers_joined_by_and_count_their_shared_noun(
    sentence: str, figure: str, entity: str
) -> None:
    assert _mentions(sentence)[figure].measure.entity == entity


def test_a_further_count_is_more_of_the_count_before_it() -> None:
    mentions = _mentions(
        "Fourteen moorings were laid over the summer and a further two in October."
    )
    first, further = mentions["Fourteen"].measure, mentions["two"].measure
    assert further.key[3] == "+"
    assert (further.events, further.entity) == (first.events, first.entity)


@pytest.mark.parametrize(
    ("sentence", "figure", "event"),
    [
        ("Of the 60 members who signed up, 45 took an active part.", "45", "participation"),
        ("Only 30 gave a statement to the inquiry.", "30", None),
    ],
)
def test_an_irregular_past_before_its_object_is_the_verb(
    sentence: str, figure: str, event: str | None
) -> None:
    measure = _mentions(sentence)[figure].measure
    assert measure.entity not in {"took", "gave"}
    if event is not None:
        assert event in measure.events


def test_a_plural_asked_is_uncounted_only_where_the_plural_is_named() -> None:
    from retrieval.figures import analyze

    squares = (
        "Each quadrat is a square frame, a metre by a metre.",
        "Between them the teams sampled 1,850 quadrats.",
    )
    report = analyze("How many sample squares did the teams record?", _made_up(*squares))
    assert report.uncounted is None
    # named in the plural and never counted: still said so
    painted = ("The squares on the old market floor were painted blue.", *squares[1:])
    assert analyze("How many squares were painted?", _made_up(*painted)).uncounted == "squares"


def test_a_rate_asked_that_no_figure_gives_is_said_to_be_missing() -> None:
    from retrieval.figures import analyze

    texts = (
        "The whole build cost £486,000, of which the company met £58,000.",
        "Some 187 homes have ordered a service so far.",
    )
    report = analyze("How much per month do residents pay for the broadband?", _made_up(*texts))
    assert report.unrated == "month"
    assert report.groups == []
    # a figure per that period answers it
    priced = (*texts, "The basic package costs £25 a month.")
    answered = analyze("How much per month do residents pay for the broadband?", _made_up(*priced))
    assert answered.unrated is None
    assert answered.groups[0].values[0].text == "£25"
    # a sentence that names the period, though its figure is not read as per it, may answer
    annual = _made_up("The annual fee for a plot is £120.", "Some 60 plots are let.")
    assert analyze("How much is the plot fee per year?", annual).unrated is None


def test_the_answer_to_a_rate_no_figure_gives_says_so(
    tmp_path: Path, real_embedder: Embedder
) -> None:
    body = (
        "The whole fibre build cost £486,000, of which the company met £58,000. Some 187 "
        "homes have ordered a fibre service so far, and the lane was shut for eleven days."
    )
    question = "How much per month do residents pay for the fibre?"
    answer = _ask_one(tmp_path, real_embedder, body, question)
    assert not answer.answered
    assert answer.summary == "The corpus gives no figure per month for that."
    assert answer.figures == []


@pytest.mark.parametrize(
    ("text", "figure", "unit"),
    [
        ("The dig was meant to take eight weeks. It took 13.", "13", "weeks"),
        ("The closure, planned to last four days, ran for nine.", "nine", "days"),
        ("Repairs should take two hours; in the end they lasted just five.", "five", "hours"),
    ],
)
def test_a_bare_number_after_took_is_a_span_in_the_unit_just_said(
    text: str, figure: str, unit: str
) -> None:
    mention = _mentions(text)[figure]
    assert mention.kind == "duration"
    assert mention.value.unit == unit


def test_a_count_after_took_stays_a_count() -> None:
    mentions = _mentions("The first trip took three hours. The second took 40 people.")
    assert mentions["40"].kind == "count"
