"""Lengths, depths, distances and ages of things: "How long is the ridge they mapped?" asks
a length, "How old is …?" an age said as "4,300 years old", a size "west of" a named place is
a distance, "690 metres down" a depth, a question's "square kilometres" an area; and lights
switched, turned or shut off, counted "of our" lamps. Sentences written for these tests."""

from __future__ import annotations

import pytest

from retrieval.embedding import Embedder
from retrieval.figures import analyze
from retrieval.figures.durations import asks_duration
from retrieval.figures.measures import question_measure
from retrieval.figures.tokens import tokenize

try:
    from tests.conftest import count_keys as _keys
    from tests.conftest import lead_texts as _lead
    from tests.conftest import made_up_hits as _made_up
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import count_keys as _keys  # type: ignore[no-redef]
    from conftest import lead_texts as _lead  # type: ignore[no-redef]
    from conftest import made_up_hits as _made_up  # type: ignore[no-redef]


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("How long is the ridge the surveyors mapped?", "either"),
        ("How long is the ridge they mapped last year?", "either"),
        ("How long is the wall we walked along?", "either"),
        ("How long were they stranded?", "span"),
        ("How long was the road shut for?", "span"),
        ("How old is the oldest timber they have dated?", "span"),
        ("How old is the chapel?", "span"),
    ],
)
def test_a_clause_about_the_thing_asks_no_state_of_it(question: str, asked: str) -> None:
    assert asks_duration(question) == asked


def test_how_long_is_a_thing_they_found_is_its_length() -> None:
    lead = _lead(
        "How long is the ridge they found off the coast?",
        "The ridge runs for at least 9 kilometres, roughly 80 kilometres west of Port Ellery.",
        "A later survey traced the ridge for 12.4 kilometres.",
    )
    assert "at least 9 kilometres" in lead and "12.4 kilometres" in lead
    assert "roughly 80 kilometres" not in lead


@pytest.mark.parametrize(
    ("sentence", "text", "key"),
    [
        (
            "The wreck lies roughly 80 kilometres west of Port Ellery.",
            "roughly 80 kilometres",
            ("size", "distance", "length"),
        ),
        (
            "The buoy was moored 3 miles north-east of the harbour.",
            "3 miles",
            ("size", "distance from harbour", "length"),
        ),
        (
            "The sponges grow between 300 and 540 metres down, where no light reaches.",
            "between 300 and 540 metres",
            ("size", "depth", "length"),
        ),
        (
            "The sponges were filmed at depths of 300 to 540 metres.",
            "300 to 540 metres",
            ("size", "depth", "length"),
        ),
    ],
)
def test_where_a_size_lies_names_it(sentence: str, text: str, key: tuple[str, ...]) -> None:
    assert _keys(sentence)[text] == key


def test_a_length_down_a_road_is_no_depth() -> None:
    assert _keys("The crew walked 2 kilometres down the road.")["2 kilometres"][1] != "depth"


def test_a_depth_said_two_ways_is_one_measure() -> None:
    lead = _lead(
        "How deep do the sponges grow?",
        "The sponges grow between 300 and 540 metres down, where no light reaches.",
        "The sponges were filmed at depths of 300 to 540 metres.",
    )
    assert sorted(lead) == ["300 to 540 metres", "between 300 and 540 metres"]


def test_square_units_a_question_names_are_an_area() -> None:
    lead = _lead(
        "How big is the protected zone in square kilometres?",
        "The ridge runs for 12.4 kilometres.",
        "The order covers an area of 48 square kilometres.",
    )
    assert lead == ["48 square kilometres"]


def test_an_age_said_of_a_thing_answers_how_old(real_embedder: Embedder) -> None:
    hits = _made_up(
        "Tree-ring dating shows the oldest beam in the barn is around 640 years old. "
        "The roof was replaced 85 years ago.",
        "The barn took 3 years to restore.",
    )
    report = analyze("How old is the oldest beam in the barn?", hits, real_embedder.encode)
    assert report.groups
    lead = report.groups[0]
    assert lead.measure.startswith("how old")
    assert [m.text for c in lead.claims for m in c.mentions] == ["around 640 years"]


def test_a_persons_age_is_still_no_figure() -> None:
    assert "34" not in " ".join(_keys("A 34-year-old man and a woman aged 52 were arrested."))


@pytest.mark.parametrize(
    "sentence",
    [
        "The council will switch off 1,480 street lights at midnight.",
        "About 1,480 lamps are to be turned off at midnight.",
        "The plan is to shut off nearly 1,480 of our street lamps at midnight.",
    ],
)
def test_lights_switched_turned_or_shut_off_are_one_measure(sentence: str) -> None:
    [key] = [k for t, k in _keys(sentence).items() if "1,480" in t]
    assert key == ("event", "switch-off", "lights", "", "count")


def test_a_question_of_lamps_turned_off_asks_lights_switched_off() -> None:
    measure = question_measure(tokenize("How many street lamps are being turned off at night?"))
    assert measure is not None and measure.key[:3] == ("event", "switch-off", "lights")


def test_members_of_ours_are_still_read_by_their_verb() -> None:
    keys = _keys("About 1,200 of our members were balloted in May.")
    assert all(k[2] != "members" for k in keys.values() if len(k) > 2)


def test_things_reported_after_an_event_are_counted_by_their_noun() -> None:
    measure = question_measure(
        tokenize("How many crimes were reported in the first month after the switch-off?")
    )
    assert measure is not None and "switch-off" not in measure.events


def test_a_count_placed_by_an_event_alone_still_takes_its_event() -> None:
    measure = question_measure(tokenize("How many were there after the switch-off?"))
    assert measure is not None and "switch-off" in measure.events


def test_a_things_age_before_its_noun_answers_how_old(real_embedder: Embedder) -> None:
    hits = _made_up(
        "Among the stolen pieces is a 2,400-year-old silver bowl found in 1962.",
        "The gallery spent 18 months cataloguing the collection.",
    )
    report = analyze("How old is the oldest piece that was stolen?", hits, real_embedder.encode)
    assert report.groups
    assert [m.text for c in report.groups[0].claims for m in c.mentions] == ["2,400-year"]


@pytest.mark.parametrize(
    "sentence",
    [
        "A 52-year-old lighthouse keeper was rescued.",
        "The colt, a two-year-old male, was caught.",
        "A 19-year-old student was arrested.",
    ],
)
def test_an_age_that_labels_one_is_still_no_figure(sentence: str) -> None:
    from retrieval.figures.extract import extract

    assert [m for m in extract(_made_up(sentence)) if m.kind == "duration"] == []


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("Load peaked at 9,100 MW on Monday, above the previous record of 8,700 MW.", "8,700 MW"),
        ("The river crested at 4.1 metres, short of its 2007 high of 4.6 metres.", "4.6 metres"),
        ("Attendance reached 61,000, beating the old record of 55,000.", "55,000"),
    ],
)
def test_a_previous_record_is_a_measure_of_its_own(sentence: str, text: str) -> None:
    keys = _keys(sentence)
    assert keys[text][:2] == ("attr", "previous record")
    assert [k for t, k in keys.items() if t != text and k[:2] == ("attr", "previous record")] == []


def test_a_peak_question_leads_without_the_previous_record(real_embedder: Embedder) -> None:
    hits = _made_up(
        "Load peaked at 9,100 MW on Monday, above the previous record of 8,700 MW.",
        "Demand reached a peak of 9,250 MW just before the fault.",
    )
    report = analyze("What was the peak power demand on the grid?", hits, real_embedder.encode)
    assert report.groups
    lead = [m.text for c in report.groups[0].claims for m in c.mentions]
    assert "8,700 MW" not in lead and "9,100 MW" in lead


_BUDGET = "The cost of the resurfacing is budgeted at £62,000."
_OUTTURN = "The cost of the resurfacing came to £67,400."


def test_a_question_of_what_came_about_sets_the_budget_apart() -> None:
    from retrieval.figures import analyze

    report = analyze("What did the resurfacing end up costing?", _made_up(_BUDGET, _OUTTURN))
    assert len(report.groups) >= 2
    first, second = report.groups[:2]
    assert [m.text for c in first.claims for m in c.mentions] == ["£67,400"]
    assert [m.text for c in second.claims for m in c.mentions] == ["£62,000"]
    assert second.measure.endswith("planned or estimated")


def test_a_question_of_the_plan_sets_what_came_about_apart() -> None:
    lead = _lead("What was the resurfacing budgeted to cost?", _BUDGET, _OUTTURN)
    assert lead == ["£62,000"]


def test_a_question_that_asks_neither_shows_both_side_by_side() -> None:
    lead = _lead("How much did the resurfacing cost?", _BUDGET, _OUTTURN)
    assert sorted(lead) == ["£62,000", "£67,400"]


@pytest.mark.parametrize(
    ("sentence", "text", "is_plan"),
    [
        ("The cost of the works is budgeted at £62,000.", "£62,000", True),
        ("The authority has estimated the cost of the clean-up at £85,000.", "£85,000", True),
        ("The report puts the net cost at €15.8m.", "€15.8m", False),
        ("The cost fell below the €16.2m the finance team estimated in March.", "€16.2m", True),
        ("Residents were told the job would cost £96,000.", "£96,000", True),
        ("The council says the changes will save £590,000 a year.", "£590,000", True),
        ("It compares with the £46,500 budgeted in March.", "£46,500", True),
        ("A revised quotation of £41,500 followed in March.", "£41,500", True),
        ("The bridge was due to reopen on 4 May.", "4 May", True),
        ("An estimated 4,700 people were evacuated.", "An estimated 4,700", False),
        ("Flights were cancelled due to fog on 3 March.", "3 March", False),
        ("The final cost came in £3,000 over budget at £51,200.", "£51,200", False),
        ("The cost was higher than expected at £620,000.", "£620,000", False),
        ("The job cost £51,200, a bit over what we had budgeted.", "£51,200", False),
    ],
)
def test_a_figure_planned_beforehand_is_marked_by_its_own_words(
    sentence: str, text: str, is_plan: bool
) -> None:
    from retrieval.figures.extract import extract
    from retrieval.figures.plans import planned

    [mention] = [m for m in extract(_made_up(sentence)) if m.value.text == text]
    assert planned(mention) is is_plan


@pytest.mark.parametrize(
    ("question", "texts", "declined"),
    [
        (
            "What is the festival director's annual salary?",
            ["The festival made £4m in ticket income.", "The director joined in 2019."],
            True,
        ),
        (
            "How much rent does the club pay the council for the ground?",
            ["The club has played at the ground since 1921, paying £40,000 for repairs."],
            True,
        ),
        (
            "How much rent does the club pay the council for the ground?",
            ["The club pays the council an annual rent of £12,000 for the ground."],
            False,
        ),
        (
            "How much compensation will the skippers get?",
            ["The skippers will share a payout of £300,000."],
            False,
        ),
        (
            "How much compensation will the skippers get?",
            ["The skippers say the closure will cost them £300,000 a year."],
            True,
        ),
        (
            "How much prize money was on offer?",
            ["The race drew 16,000 runners and cost £1.2m to stage."],
            True,
        ),
    ],
)
def test_a_sum_no_report_names_is_not_answered(
    question: str, texts: list[str], declined: bool
) -> None:
    from retrieval.topic import uncovered

    assert uncovered(question, texts) is declined
