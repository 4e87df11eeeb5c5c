"""Readings of speeds written as a length per time ("19 kilometres per second", "km/h"), of a
size named by its own dimension ("a mass of 4 kg"), of harm done to things ("farms were
hurt"), of a value a verb raises an object to ("raised the death toll to 50"), and questions
that ask a weight, a date by part of a day, or a share of "this year's" crop. Sentences
written for these tests."""

from __future__ import annotations

import pytest

from retrieval.figures import analyze, is_when_question
from retrieval.figures import lexicon as lx
from retrieval.figures.asks import asks_for_figures
from retrieval.figures.measures import question_measure
from retrieval.figures.tokens import tokenize

try:
    from tests.conftest import count_keys as _keys
    from tests.conftest import made_up_hits as _hits
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import count_keys as _keys  # type: ignore[no-redef]
    from conftest import made_up_hits as _hits  # type: ignore[no-redef]


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        ("The probe hit the surface at 6 kilometres per second, engineers said.", "6"),
        ("Gusts reached 130 km/h on the ridge overnight.", "130 km/h"),
        ("The lorry was doing 58 miles an hour when it left the road.", "58 miles an hour"),
    ],
)
def test_a_length_per_unit_of_time_is_a_speed(sentence: str, figure: str) -> None:
    keys = _keys(sentence)
    found = next(k for text, k in keys.items() if text.startswith(figure))
    assert found[-1] == "speed"
    assert "strike" not in found  # "hit … at 6 km/s" is how fast, no count of an event


def test_a_distance_a_day_stays_a_length() -> None:
    assert _keys("The herd walked 14 km a day across the plain.")["14 km"][-1] == "length"


def test_a_speed_named_by_its_noun_joins_one_that_is_not() -> None:
    keys = _keys(
        "The capsule entered the atmosphere at a speed of about 11 kilometres per second.",
        "Tracking stations put it at 12 kilometres per second as it entered the atmosphere.",
    )
    assert keys["about 11 kilometres per second"] == keys["12 kilometres per second"]


def test_a_mass_of_a_weight_is_a_weight() -> None:
    keys = _keys("The stones found so far have a combined mass of 4.2 kilograms.")
    assert keys["4.2 kilograms"] == ("dim", "weight")


def test_a_verb_of_weighing_asks_a_weight_not_a_count() -> None:
    question = "What do all the collected stones weigh together?"
    assert asks_for_figures(question)
    hits = _hits(
        "Volunteers have now collected 57 stones from the moor.",
        "Together the collected stones weigh about 4.2 kilograms.",
    )
    report = analyze(question, hits)
    assert report.groups and report.groups[0].measure.startswith("weight")


@pytest.mark.parametrize(
    "question",
    ["On which night did the flare light up the sky?", "What evening was the gala held?"],
)
def test_a_part_of_a_day_after_which_asks_a_date(question: str) -> None:
    assert is_when_question(question)
    assert asks_for_figures(question)


def test_what_happened_that_night_asks_no_date() -> None:
    assert not asks_for_figures("What happened that night at the harbour?")


@pytest.mark.parametrize(
    "question",
    [
        "What proportion of this year's barley has been lost?",
        "What share of last year's budget went on roads?",
    ],
)
def test_this_years_places_a_share_and_asks_no_year(question: str) -> None:
    assert not is_when_question(question)


def test_which_year_still_asks_a_year() -> None:
    assert is_when_question("In which year was the bridge opened?")
    assert is_when_question("What was the year the bridge opened?")


def test_pieces_by_any_name_are_one_class() -> None:
    assert lx.entity_class("shards") == lx.entity_class("fragments") == lx.entity_class("bits")
    keys = _keys("Divers raised 18 fragments of the hull.", "Divers raised 25 pieces of the hull.")
    assert keys["18"] == keys["25"]


def test_farm_holdings_are_farms_and_holding_is_no_farm() -> None:
    assert lx.entity_class("holdings") == lx.entity_class("farms")
    assert lx.entity_class("holding") != lx.entity_class("farms")
    assert lx.entity_class("held") != lx.entity_class("farms")


def test_a_thing_hurt_or_harmed_is_damaged() -> None:
    wanted = question_measure(tokenize("How many farms were hurt by the frost?"))
    assert wanted is not None and wanted.events == frozenset({"damage"})
    keys = _keys("The frost damaged 210 farms in the district.")
    assert keys["210"][:2] == ("event", "damage")
    # people hurt are still injured
    wanted = question_measure(tokenize("How many walkers were hurt by the frost?"))
    assert wanted is not None and wanted.events == frozenset({"injury"})


@pytest.mark.parametrize(
    ("sentence", "figure", "key"),
    [
        ("Officials raised the death toll to 31 on Friday.", "31", ("harm", "death", "count")),
        (
            "The board will increase its hardship fund for tenants to £2.6 million.",
            "£2.6 million",
            ("attr", "fund", "money"),
        ),
        (
            "The council increased the parks and libraries budget to £9 million.",
            "£9 million",
            ("attr", "budget", "money"),
        ),
    ],
)
def test_a_value_an_object_is_raised_to_is_the_objects(
    sentence: str, figure: str, key: tuple[str, ...]
) -> None:
    assert _keys(sentence)[figure] == key


def test_a_word_of_a_name_counts_nothing() -> None:
    keys = _keys("The museum bought the stone from Hallow Farm for £18,000.")
    assert "farms" not in keys["£18,000"]
