"""Figures as fact sheets give them, after a label ("- Claims received: 1,590"), and parts of
the count before ("Of which vans: 120", "Of those, 12 were children"); rates said with
"every" or "each"; things "coming back"; repairs; and questions that ask what came "back" or
went "home". Sentences written for these tests."""

from __future__ import annotations

import pytest

from retrieval.figures import analyze
from retrieval.figures.extract import extract
from retrieval.figures.measures import question_measure
from retrieval.figures.tokens import tokenize

try:
    from tests.conftest import made_up_hits as _hits
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import made_up_hits as _hits  # type: ignore[no-redef]


def _keys(*texts: str) -> dict[str, tuple[str, ...]]:
    """Each figure's text → its measure's key."""
    return {m.value.text: m.measure.key for m in extract(_hits(*texts))}


FACT_SHEET = """Key figures for the year

- Total vehicles inspected: 4,300
- Of which vans: 1,120
- Fines issued to operators: £86,500
- Share of vehicles found unsafe: 12 per cent
- Inspection rate: 4.5%
- Drivers stopped by officers: 640"""


def test_a_label_says_what_its_figure_counts() -> None:
    keys = _keys(FACT_SHEET)
    assert keys["4,300"][:3] == ("event", "~inspect", "vehicles"), keys
    assert keys["640"][:2] == ("event", "~stop"), keys


def test_a_part_under_a_label_counts_its_own_things_by_the_same_event() -> None:
    keys = _keys(FACT_SHEET)
    assert keys["1,120"][:3] == ("event", "~inspect", "vans"), keys
    assert keys["1,120"] != keys["4,300"]


def test_a_labelled_sum_and_share() -> None:
    keys = _keys(FACT_SHEET)
    assert keys["£86,500"][0] == "event" and keys["£86,500"][-1] == "money", keys
    assert keys["12 per cent"][0] == "share", keys
    assert keys["4.5%"] == ("attr", "rate", "percent"), keys  # a rate, no share of one


@pytest.mark.parametrize(
    "line",
    [
        "Published: 14 March 2026",
        "At 16:12: the first line tripped",
        "- Jackpot: 9,400,000 marks, the largest in the lottery's history",
    ],
)
def test_lines_that_are_no_label_and_figure(line: str) -> None:
    from retrieval.figures.labels import labelled
    from retrieval.figures.numbers import find_quantities

    tokens = tokenize(line)
    assert all(labelled(tokens, q) is None for q in find_quantities(tokens, set()))


def test_a_part_of_the_sentence_before_named_after_its_number() -> None:
    keys = _keys("Police arrested 40 people after the match. Of those, 12 were children.")
    assert keys["40"][:3] == ("event", "arrest", "people"), keys
    assert keys["12"][:2] == ("event", "arrest") and keys["12"] != keys["40"], keys


@pytest.mark.parametrize(
    ("sentence", "figure", "event", "per"),
    [
        (
            "Staff counted roughly 115 parcels coming back every day.",
            "roughly 115",
            "return",
            "day",
        ),
        ("Some 40 people were evacuated each night.", "Some 40", "evacuation", "night"),
    ],
)
def test_every_day_and_each_night_make_a_rate(
    sentence: str, figure: str, event: str, per: str
) -> None:
    key = _keys(sentence)[figure]
    assert key[1] == event and key[2].endswith(f"per {per}"), key


def test_every_day_of_another_clause_is_no_rate() -> None:
    key = _keys("The storm killed 12 people and every day brings more damage.")["12"]
    assert not any("per" in part for part in key), key


def test_repaired_and_mended_are_one_measure() -> None:
    keys = _keys("Crews have repaired 2,100 streetlights.", "Engineers mended 2,300 streetlights.")
    assert keys["2,100"] == keys["2,300"] and keys["2,100"][1] == "repair", keys


@pytest.mark.parametrize(
    "question",
    [
        "How many soldiers were sent home?",
        "How many soldiers were flown back?",
        "How many parcels did customers bring back?",
        "How many residents went home?",
    ],
)
def test_back_and_home_ask_for_the_count_returned(question: str) -> None:
    measure = question_measure(tokenize(question))
    assert measure is not None and measure.events == frozenset({"return"}), measure


@pytest.mark.parametrize(
    "question",
    ["How many care home residents died?", "How many members had their cards switched back on?"],
)
def test_back_and_home_that_ask_no_return(question: str) -> None:
    measure = question_measure(tokenize(question))
    assert measure is None or "return" not in measure.events, measure


def test_a_question_of_things_brought_back_leads_with_them() -> None:
    report = analyze(
        "How many parcels did customers bring back during the sale?",
        _hits(
            "During the sale, 2,400 parcels were sent out to customers.",
            "The depot said 310 parcels were returned by customers during the sale.",
        ),
    )
    first = report.groups[0]
    assert {m.text for c in first.claims for m in c.mentions} == {"310"}, report.groups
