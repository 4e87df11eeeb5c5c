"""Two figures in one sentence from two parties are two values, each with its own claimant."""

from __future__ import annotations

import pytest

from retrieval.figures import analyze

try:
    from tests.conftest import made_up_hits
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import made_up_hits  # type: ignore[no-redef]


@pytest.mark.parametrize(
    ("question", "sentence", "first", "second"),
    [
        (
            "How many workers were injured?",
            "The ministry's count of 40 injured workers was disputed by the union, which "
            "counted 75.",
            "The ministry",
            "the union",
        ),
        (
            "How many workers were injured?",
            "The ministry said 40 workers were injured, but the union said 75 were hurt.",
            "The ministry",
            "the union",
        ),
        (
            "How many protesters were there?",
            "Police put the number of protesters at 5,000, while the organisers claimed 20,000.",
            "Police",
            "the organisers",
        ),
        (
            "How many died?",
            "The ministry put the death toll at 40; the union counted 75 dead.",
            "The ministry",
            "the union",
        ),
        # "it" restates the figure before, another party's value of the same measure
        (
            "How much was the transfer fee?",
            "The selling club put the fee at £60m, while the buyers said it was £64m.",
            "The selling club",
            "the buyers",
        ),
        (
            "How many died?",
            "The ministry counted 40 deaths; the union put it at 75.",
            "The ministry",
            "the union",
        ),
        # so does "the figure" or "the number", also with a bound of its own
        (
            "How many were arrested?",
            "The ministry counted 1,200 arrests, while the union put the figure closer to 2,000.",
            "The ministry",
            "the union",
        ),
        (
            "How many people were hurt?",
            "Police said 40 people were hurt; organisers put the number nearer 60.",
            "Police",
            "organisers",
        ),
    ],
)
def test_each_figure_has_its_own_claimant(
    question: str, sentence: str, first: str, second: str
) -> None:
    group = analyze(question, made_up_hits(sentence)).groups[0]
    assert group.status == "differ"
    by_value = sorted(group.values, key=lambda v: v.low or 0)
    assert [v.claimed_by for v in by_value] == [first, second]


def test_one_claimant_still_claims_every_figure_of_its_sentence() -> None:
    sentence = (
        "More than 4,000 soldiers have been killed or injured, including 600 deaths, "
        "according to the NIS."
    )
    report = analyze("How many died?", made_up_hits(sentence))
    assert {v.claimed_by for g in report.groups for v in g.values} == {"the NIS"}


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        ("At least 40 people were hurt, emergency officials said.", "emergency officials"),
        ("Organisers said 40 people were hurt.", "Organisers"),
        ("Local residents said 40 people were hurt.", "Local residents"),
        # people a number counts are no party, nor are things
        ("About 40 residents said they were hurt.", None),
        ("In all, hospital records show 40 people were hurt.", None),
    ],
)
def test_a_party_named_in_the_plural_without_an_article_claims(
    sentence: str, claimant: str | None
) -> None:
    group = analyze("How many people were hurt?", made_up_hits(sentence)).groups[0]
    assert [v.claimed_by for v in group.values] == [claimant]
