"""A figure of the opposite event answers the other question: riders who started are not
riders who finished, a closing date is not an opening date. And "how many" never asks a
percentage. Sentences written for these tests."""

from __future__ import annotations

try:
    from tests.conftest import lead_texts as _lead
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import lead_texts as _lead  # type: ignore[no-redef]

STARTED = "Some 2,400 cyclists started the Kelby sportive at dawn on Sunday."
FINISHERS = "The official results of the sportive list 2,150 finishers."


def test_those_who_started_do_not_answer_how_many_completed() -> None:
    question = "How many cyclists completed the sportive?"
    assert _lead(question, STARTED, FINISHERS) == ["2,150"]


def test_those_who_finished_do_not_answer_how_many_started() -> None:
    assert _lead("How many cyclists set off in the sportive?", STARTED, FINISHERS) == ["Some 2,400"]


def test_a_closing_date_does_not_answer_when_it_opened() -> None:
    lead = _lead(
        "When did the new sports hall open?",
        "The old sports hall on Mill Lane closed on 2 June after forty years.",
        "Its replacement, the new sports hall, opened on 16 June.",
    )
    assert lead == ["16 June"]


def test_how_many_is_not_answered_by_a_percentage() -> None:
    lead = _lead(
        "How many cyclists finished the sportive?",
        "Some 38 per cent of those who finished were riding it for the first time.",
        FINISHERS,
    )
    assert lead == ["2,150"]
