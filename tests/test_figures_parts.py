"""Figures of a part or a share whose whole is said around them: "12,000 of the valley's
residents", "a third of the valley's 3,000 farms", "Dovan's share of the vote stayed at 53.8%",
and past verbs that look like nouns ("4,141,236 cast a ballot"). Sentences written for these
tests."""

from __future__ import annotations

import pytest

from retrieval.figures.extract import extract

try:
    from tests.conftest import made_up_hits as _hits
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import made_up_hits as _hits  # type: ignore[no-redef]


def _measures(*texts: str) -> dict[str, tuple[str, ...]]:
    return {m.value.text: m.measure.key for m in extract(_hits(*texts)) if m.kind == "count"}


@pytest.mark.parametrize(
    ("part", "plain"),
    [
        (
            "About 12,000 of the valley's residents remain displaced.",
            "About 12,000 residents remain displaced.",
        ),
        (
            "Some 450 of the town's teachers joined the strike on Monday.",
            "Some 450 teachers joined the strike on Monday.",
        ),
        ("About 80 of the workers were injured.", "About 80 workers were injured."),
    ],
)
def test_a_part_of_a_named_group_counts_as_the_group_would(part: str, plain: str) -> None:
    (got,) = _measures(part).values()
    (expected,) = _measures(plain).values()
    assert got == expected


def test_a_share_of_an_owned_count_is_a_share_of_the_thing_counted() -> None:
    measures = _measures("Nearly a third of the valley's 3,000 farms reported losses.")
    assert measures["Nearly a third"] == ("share", "farms")  # farms' class: holdings too


def test_a_share_as_the_subject_of_a_linking_verb() -> None:
    """ "Dovan's share of the vote stayed at 53.8%" is the same share as "won 54.2% of the
    vote"; "stayed at" links like "stood at"."""
    linked = _measures("Dovan's share of the vote stayed at 53.8%.")
    won = _measures("The commission said he had won 54.2% of the vote.")
    assert linked["53.8%"] == won["54.2%"] == ("share", "vot")
    assert _measures("Unemployment stayed at 5.2% in May.")["5.2%"] == (
        "attr",
        "unemployment",
        "percent",
    )


@pytest.mark.parametrize("verb", ["cast a ballot", "voted"])
def test_a_past_verb_that_looks_like_a_noun_is_read_as_the_verb(verb: str) -> None:
    measures = _measures(f"Of the registered voters, 4,141,236 {verb}, the commission said.")
    assert measures["4,141,236"][:2] == ("event", "vote")


def test_the_noun_cast_stays_a_noun() -> None:
    """No determiner after it: "the 40 cast members" counts members."""
    assert _measures("The 40 cast members were paid.")["40"] == (
        "event",
        "payment",
        "members",
        "",
        "count",
    )
