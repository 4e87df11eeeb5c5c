"""Deadlines asked as dates, "and a half" in worded numbers, Markdown's emphasis, units of
power a question names, bounds named after their figure, people counted by their
signatures, and "-ing" forms that say what a noun is about. Sentences written for these
tests."""

from __future__ import annotations

import pytest

from retrieval.figures import is_when_question
from retrieval.figures.asks import asks_for_figures
from retrieval.figures.measures import question_measure
from retrieval.figures.tokens import tokenize

try:
    from tests.conftest import lead_texts as _lead
    from tests.conftest import mentions_by_text as _mentions
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import lead_texts as _lead  # type: ignore[no-redef]
    from conftest import mentions_by_text as _mentions  # type: ignore[no-redef]


@pytest.mark.parametrize(
    "question",
    [
        "What is the deadline for objections to the ferry timetable?",
        "What's the deadline to apply for a parking permit?",
    ],
)
def test_a_deadline_is_asked_as_a_date(question: str) -> None:
    assert asks_for_figures(question)
    assert is_when_question(question)


def test_a_deadline_is_answered_by_the_day_something_closes() -> None:
    closes = "Bids for the kiosk lease close at noon on Monday 8 June 2026."
    opened = "The harbour office opened the tender on 4 May 2026 and expects twelve bids."
    assert _lead("What is the deadline for kiosk bids?", opened, closes) == ["Monday 8 June 2026"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The pool could serve six and a half thousand swimmers a year.", 6500),
        ("Officials say two and a half million tickets were sold.", 2_500_000),
        ("The three-and-a-half-acre meadow will be fenced.", 3.5),
    ],
)
def test_and_a_half_is_part_of_a_worded_number(text: str, value: float) -> None:
    (mention,) = [m for m in _mentions(text).values() if m.kind == "count"]
    assert (mention.value.low, mention.value.high) == (value, value)


def test_and_a_half_is_part_of_a_worded_number_with_its_unit() -> None:
    text = "The three-and-a-half-acre meadow will be fenced."
    (mention,) = _mentions(text).values()
    assert mention.value.text == "three-and-a-half-acre"
    assert mention.measure.key[-1] == "area"


def test_markdown_emphasis_does_not_hide_a_dates_event() -> None:
    plain = "Join the open meeting on Tuesday 2 June 2026 in the chapel hall."
    bold = "Join the open meeting on **Tuesday 2 June 2026** in the chapel hall."
    assert _mentions(bold)["Tuesday 2 June 2026"].measure.key == (
        _mentions(plain)["Tuesday 2 June 2026"].measure.key
    )
    assert _mentions(plain)["Tuesday 2 June 2026"].measure.key != ("date", "*other")


def test_a_unit_of_power_the_question_names_asks_for_power() -> None:
    panels = "The site will hold some 80,000 panels on steel frames."
    power = "The array is rated at 32 megawatts."
    assert _lead("What is the capacity of the array in megawatts?", panels, power) == [
        "32 megawatts"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "At 32 megawatts the array sits below the 50MW threshold for a national decision.",
        "The council set a £2,000 cap on fees for the kiosk.",
    ],
)
def test_a_figure_named_a_bound_by_the_noun_after_it_is_a_limit(text: str) -> None:
    limits = [m for m in _mentions(text).values() if m.measure.key[0] == "limit"]
    assert [m.value.text for m in limits] in (["50MW"], ["£2,000"])


def test_people_who_signed_are_counted_by_the_signatures() -> None:
    signed = "By Friday the petition to save the chapel had gathered 2,310 signatures."
    hall = "About 140 people attended the last service at the chapel."
    assert _lead("How many people signed the petition to save the chapel?", hall, signed) == [
        "2,310"
    ]


def test_an_ing_form_after_a_noun_and_its_preposition_is_no_asked_event() -> None:
    measure = question_measure(
        tokenize("How many people signed the petition against closing the chapel?")
    )
    assert measure is not None and measure.events == frozenset()
    protest = question_measure(tokenize("How many people protested against closing the chapel?"))
    assert protest is not None and "protest" in protest.events
