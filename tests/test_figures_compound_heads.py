"""What a count counts when a noun phrase has two nouns: the last one, its head. "Nine bus
routes" count routes, not buses, though only "bus" is of a class the lexicon knows; "12 bus
stops" count stops. A question is read the same way. Sentences written for these tests."""

from __future__ import annotations

import pytest

from retrieval.figures.measures import question_measure
from retrieval.figures.tokens import tokenize

try:
    from tests.conftest import count_keys
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import count_keys  # type: ignore[no-redef]


@pytest.mark.parametrize(
    ("text", "figure", "counted", "modifier"),
    [
        ("The company will axe seven ferry crossings from May.", "seven", "crossings", "vessels"),
        ("Hightown council shut 14 bus shelters after the storm.", "14", "shelters", "vehicles"),
        ("Thieves stole 40 car batteries from the depot.", "40", "batteries", "vehicles"),
    ],
)
def test_a_compound_counts_its_head_not_its_first_noun(
    text: str, figure: str, counted: str, modifier: str
) -> None:
    key = count_keys(text)[figure]
    assert counted in key
    assert modifier not in key


@pytest.mark.parametrize(
    ("text", "figure", "counted"),
    [
        # a noun of a known class with a word of place after it stays that class
        ("The maker shipped 6,000 vans overseas in March.", "6,000", "vehicles"),
        # a class of people named by two words keeps its class
        ("About 30 crew members were rescued from the trawler.", "About 30", "workers"),
        # one known noun and no compound: as before
        ("The storm damaged 75 buses in the depot.", "75", "vehicles"),
    ],
)
def test_known_nouns_keep_their_class(text: str, figure: str, counted: str) -> None:
    assert counted in count_keys(text)[figure]


def test_a_question_counts_the_head_of_its_compound() -> None:
    asked = question_measure(tokenize("How many bus shelters did the council shut?"))
    assert asked is not None
    assert asked.entity == "shelters"
    assert "vehicles" not in asked.key
