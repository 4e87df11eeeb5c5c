"""One event, the words reports use for it: lives claimed are deaths, posts cut are jobs lost,
the stranded and the stuck are trapped, those brought out alive survived, those taken to
hospital were hurt. Sentences written
for these tests."""

from __future__ import annotations

import pytest

from retrieval.figures.extract import extract
from retrieval.figures.measures import question_measure
from retrieval.figures.tokens import tokenize

try:
    from tests.conftest import made_up_hits as _hits
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import made_up_hits as _hits  # type: ignore[no-redef]


def _events(sentence: str) -> set[str]:
    (mention,) = [m for m in extract(_hits(sentence)) if m.kind == "count"]
    return set(mention.measure.events)


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        ("The fire claimed two lives.", "death"),
        ("The council will cut 350 posts.", "layoff"),
        ("The council will cut 350 jobs.", "layoff"),
        ("44 workers were trapped by the collapse.", "trapped"),
        ("Some 2,000 passengers were stranded at the airport.", "trapped"),
        ("The remaining 12 men were pulled out alive.", "survival"),
        ("Only 12 of the crew survived.", "survival"),
        # The pair in the passive: the counted noun is the verb's object.
        ("A total of 600 lives were lost.", "death"),
        ("About 450 jobs will be cut.", "layoff"),
        ("Some 350 posts will be axed by April.", "layoff"),
        # Taken to hospital is hospitalised, which counts with the injured.
        ("Some 23 runners were taken to hospital.", "injury"),
        ("Nine people were rushed to hospital with burns.", "injury"),
        ("About 58 patients ended up in hospital.", "injury"),
    ],
)
def test_an_event_in_the_words_reports_use(sentence: str, event: str) -> None:
    assert event in _events(sentence)


def test_homes_lost_count_homes_not_the_people_displaced() -> None:
    assert "displacement" not in _events("Some 300 homes were lost.")
    assert "displacement" in _events("About 2,000 people lost their homes.")


@pytest.mark.parametrize(
    ("question", "event"),
    [
        ("How many lives did the fire claim?", "death"),
        ("How many survived?", "survival"),
        ("How many council jobs are being axed?", "layoff"),
        ("How many of the miners made it out alive?", "survival"),
        ("How many people were stuck underground?", "trapped"),
        ("How many of the runners had to be sent to hospital?", "injury"),
    ],
)
def test_a_question_in_those_words_asks_for_the_event(question: str, event: str) -> None:
    measure = question_measure(tokenize(question))
    assert measure is not None and event in measure.events


def test_households_and_properties_are_homes() -> None:
    keys = {
        m.measure.entity
        for m in extract(
            _hits("Some 1,200 households lost power.", "About 900 properties lost power.")
        )
        if m.kind == "count"
    }
    assert keys == {"homes"}
