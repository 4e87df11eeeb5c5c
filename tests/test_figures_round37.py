"""Charges that apply from a day, schedules agreed on one, pots of money named after their
sum, petitions' names, and dimension words that ask nothing: a date keyed by "speeds" is no
speed, and "speeding" in a how-many question asks no speed. Sentences written for these
tests."""

from __future__ import annotations

import pytest

from retrieval.figures.extract import extract

try:
    from tests.conftest import lead_texts as _lead
    from tests.conftest import made_up_hits as _hits
    from tests.conftest import mentions_by_text as _mentions
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import lead_texts as _lead  # type: ignore[no-redef]
    from conftest import made_up_hits as _hits  # type: ignore[no-redef]
    from conftest import mentions_by_text as _mentions  # type: ignore[no-redef]


@pytest.mark.parametrize(
    "text",
    [
        "The revised parking charges will apply from 1 June 2026.",
        "Under the new schedule, the charges will now apply from 1 June 2026.",
    ],
)
def test_a_charge_that_applies_from_a_day_starts_then(text: str) -> None:
    assert _mentions(text)["1 June 2026"].measure.events == {"start"}


def test_a_schedule_agreed_at_a_meeting_was_decided_then() -> None:
    text = "At its meeting on 5 February 2026, the board agreed a new table of fees for the pier."
    assert _mentions(text)["5 February 2026"].measure.events == {"decision"}


@pytest.mark.parametrize(
    "text",
    [
        "The trust's £25,000 repair fund opens for bids next month.",
        "Bids to the £25,000 Pier Repair Fund will open on 1 May 2026.",
    ],
)
def test_a_sum_before_a_fund_is_the_funds_size(text: str) -> None:
    named = "The trust has set up a repair fund of £25,000 for the pier's stallholders."
    found = _mentions(text, named)
    assert found["£25,000"].measure.key == ("event", "~fund", "pounds", "", "money")
    assert {m.measure.key for m in extract(_hits(text, named)) if m.value.text == "£25,000"} == {
        ("event", "~fund", "pounds", "", "money")
    }


def test_a_petitions_names_are_its_signatures() -> None:
    signed = "The clerk's office says the petition carries 1,650 valid signatures."
    pier = "The pier itself has 40 kiosks and 12 staff."
    question = "How many names did the petition against the pier fees gather?"
    assert _lead(question, pier, signed) == ["1,650"]


def test_a_date_keyed_by_a_speed_word_is_no_speed() -> None:
    said = "The trust issued a note last week saying speeds on the coast road are lower."
    began = "Enforcement by the new cameras began on 10 November 2025."
    question = "When did the average speed cameras on the coast road begin working?"
    assert _lead(question, said, began) == ["10 November 2025"]


def test_speeding_in_a_how_many_question_asks_no_speed() -> None:
    limit = "The coast road's limit was cut from 60mph to 50mph in July."
    appeals = "Drivers have lodged 41 formal appeals against their fines so far."
    fined = "Since then 212 drivers have been fined for speeding on the road."
    question = "How many drivers have been fined for speeding on the coast road?"
    assert _lead(question, limit, appeals, fined) == ["212"]
