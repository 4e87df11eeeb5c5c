"""Whether a question's subject is in the passages: a modifier before a general counted noun,
a word for any undertaking, and the kind a "which" question asks. Sentences written for these
tests."""

from __future__ import annotations

import pytest

from retrieval.topic import uncovered


def test_a_modifier_before_people_is_no_counted_thing() -> None:
    question = "How many separate people signed up for the litter pick?"
    assert not uncovered(question, ["Some 212 volunteers signed up for the litter pick."])


@pytest.mark.parametrize(
    "question",
    [
        "What did the whole bridge project cost altogether?",
        "What did the bridge works end up costing?",
    ],
)
def test_a_word_for_any_undertaking_needs_no_word_of_its_own(question: str) -> None:
    assert not uncovered(question, ["The bridge scheme cost £4.2m in the end."])


def test_the_thing_an_undertaking_is_of_must_still_be_named() -> None:
    question = "What did the whole lighthouse project cost altogether?"
    assert uncovered(question, ["The bridge scheme cost £4.2m in the end."])


@pytest.mark.parametrize(
    "question",
    [
        "Which manufacturer makes the new defibrillators?",
        "Which insurance company covers the new defibrillators?",
    ],
)
def test_a_kind_asked_by_which_that_no_passage_names_is_not_covered(question: str) -> None:
    texts = ["The council installed 37 defibrillators, and the repairs cost £12,000."]
    assert uncovered(question, texts)


@pytest.mark.parametrize(
    "question",
    [
        "Which firm was hired to repair the roof?",
        "Which body is in charge of the repairs?",
        "Which roofing company carried out the repairs?",
        "Which day did the repairs start?",
        "Which village suffered the most from the storm?",
    ],
)
def test_a_kind_any_passage_may_answer_or_one_named_is_covered(question: str) -> None:
    texts = ["Pellow & Hart Roofing began the repairs on 30 March, and roofing took ten weeks."]
    assert not uncovered(question, texts)
