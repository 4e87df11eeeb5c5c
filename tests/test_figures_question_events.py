"""Which event a question asks about, and which dates answer it. A word that only describes a
noun ("the damaged tanker", "its complete timetable") names no event; work halted or resumed
is shut or started again, as closed or reopened; a date no event was read for answers an
event's question after a date of that event; a whole read as the same count as its part is no
second value of it. Sentences written for these tests."""

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


def _events(question: str) -> frozenset[str]:
    measure = question_measure(tokenize(question))
    return measure.events if measure is not None else frozenset()


@pytest.mark.parametrize(
    ("question", "not_asked"),
    [
        ("On what date was the carrier flying its complete timetable again?", "completion"),
        ("How many barrels poured out of the damaged tanker?", "damage"),
    ],
)
def test_a_word_that_describes_a_noun_names_no_event(question: str, not_asked: str) -> None:
    assert not_asked not in _events(question)


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("How many of the escaped animals were caught?", "capture"),
        ("How many runners set off from the start line?", "start"),  # a noun's own compound
        ("What fraction of the deployed soldiers were killed or wounded?", "send"),  # a share
        ("How many of the injured were taken to hospital?", "injury"),  # no noun after it
    ],
)
def test_event_words_that_still_name_the_event(question: str, asked: str) -> None:
    assert asked in _events(question)


def _dates(text: str) -> dict[str, tuple[str, ...]]:
    return {m.value.text: m.measure.key for m in extract(_hits(text)) if m.kind == "date"}


@pytest.mark.parametrize(
    ("sentence", "date", "event"),
    [
        ("Production there was halted on 19 January after an inspection.", "19 January", "closure"),
        ("Production resumed at the plant on Monday.", "Monday", "reopening"),
    ],
)
def test_work_halted_or_resumed_is_shut_or_reopened(sentence: str, date: str, event: str) -> None:
    assert _dates(sentence)[date] == ("date", event)


def test_a_rider_suspended_is_not_a_closure() -> None:
    assert ("date", "closure") not in _dates(
        "The federation suspended the team on 19 June."
    ).values()


def test_a_date_of_the_event_asked_leads_a_date_of_no_event() -> None:
    report = analyze(
        "On what date did the manufacturer shut down making the liquid medicine?",
        _hits(
            "A fifth of pharmacies were still without the liquid medicine on Wednesday.",
            "Production of the medicine was halted on 19 January after an inspection.",
        ),
    )
    first = report.groups[0]
    assert {m.text for c in first.claims for m in c.mentions} == {"19 January"}, report.groups


def test_a_whole_read_as_its_part_is_no_second_value() -> None:
    texts = {
        m.value.text
        for m in extract(
            _hits("The agency said that 27 of the country's 40 health regions were reporting gaps.")
        )
        if m.kind == "count"
    }
    assert texts == {"27"}
