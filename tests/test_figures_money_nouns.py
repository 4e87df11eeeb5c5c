"""A reward, a grant, a fee or a fare is a sum: "How big is the reward …?" asks for money,
whatever else the question names. People named by what they did count that event:
"2,150 finishers" finished, "900 entrants" entered. Sentences written for these tests."""

from __future__ import annotations

import pytest

try:
    from tests.conftest import count_keys
    from tests.conftest import lead_texts as _lead
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import count_keys  # type: ignore[no-redef]
    from conftest import lead_texts as _lead  # type: ignore[no-redef]


@pytest.mark.parametrize(
    ("question", "sum_text", "answer"),
    [
        (
            "How big is the reward for information about the stolen bikes?",
            "The insurer has put up a £5,000 reward for information.",
            "£5,000",
        ),
        (
            "How large a grant did the club get for the stolen bikes?",
            "The club has since received a grant of £12,000 from the council.",
            "£12,000",
        ),
    ],
)
def test_a_sum_named_by_its_kind_answers_before_a_count(
    question: str, sum_text: str, answer: str
) -> None:
    counts = "Thieves took 43 stolen bikes and 12 helmets from the Kelby depot overnight."
    assert _lead(question, counts, sum_text) == [answer]


def test_people_named_by_what_they_did_count_that_event() -> None:
    keys = count_keys("The results list 2,150 finishers.", "The ride drew 2,900 entrants.")
    assert keys["2,150"][:2] == ("event", "end")
    assert keys["2,900"][:2] == ("event", "registration")
