"""Those who "made it to" a gathering, "showed up", neighbours as residents, and hundredths
spoken after a currency ("two pounds fifty"). Sentences written for these tests."""

from __future__ import annotations

import pytest

from retrieval.figures import lexicon as lx
from retrieval.figures.measures import question_measure
from retrieval.figures.numbers import find_quantities
from retrieval.figures.tokens import tokenize

try:
    from tests.conftest import lead_texts as _lead
    from tests.conftest import mentions_by_text as _mentions
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import lead_texts as _lead  # type: ignore[no-redef]
    from conftest import mentions_by_text as _mentions  # type: ignore[no-redef]


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        ("Twenty-two made it to the first rehearsal in the chapel last week.", "Twenty-two"),
        ("Only 31 made it to the consultation meeting on Tuesday.", "31"),
    ],
)
def test_made_it_to_a_gathering_attended_it(sentence: str, figure: str) -> None:
    measure = _mentions(sentence)[figure].measure
    assert measure.events == frozenset({"attendance"})
    assert measure.entity is None  # "made" is the verb, not what is counted


def test_made_it_to_a_place_attended_nothing() -> None:
    mentions = _mentions("Four of the swimmers made it to the shore before the boat arrived.")
    assert "attendance" not in mentions["Four"].measure.events


def test_showed_up_asks_who_attended() -> None:
    measure = question_measure(tokenize("How many volunteers actually showed up to the session?"))
    assert measure is not None
    assert measure.events == frozenset({"attendance"})


def test_those_who_made_it_to_the_practice_answer_who_showed_up() -> None:
    texts = (
        "The choir now has 40 members on its books.",
        "Seventeen made it to the first practice in the new hall, despite the snow.",
    )
    assert _lead("How many singers showed up to the first practice?", *texts) == ["Seventeen"]


@pytest.mark.parametrize("word", ["neighbours", "neighbors"])
def test_neighbours_are_residents(word: str) -> None:
    assert lx.entity_class(word) == lx.entity_class("residents")


def test_neighbours_asked_are_counted_as_residents() -> None:
    texts = (
        "A letter signed by 23 residents of Mill Street asked the club to turn the music down.",
        "The club says 300 of its members signed a petition for the late licence.",
        "Neighbours have complained about the noise for years.",
    )
    question = "How many Mill Street neighbours signed the letter about the music?"
    assert _lead(question, *texts) == ["23"]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("A single fare is two pounds fifty.", 2.5, "pounds"),
        ("It is one pound fifty with a bus pass.", 1.5, "pounds"),
        ("A coffee there costs three dollars twenty-five.", 3.25, "dollars"),
        ("The fund had forty thousand pounds five years ago.", 40000, "pounds"),
        ("He paid two pounds for fifty stamps.", 2, "pounds"),
    ],
)
def test_hundredths_spoken_after_a_currency(text: str, value: float, unit: str) -> None:
    money = [q for q in find_quantities(tokenize(text)) if q.dimension == "money"]
    assert [(q.value, q.unit) for q in money] == [(value, unit)]
