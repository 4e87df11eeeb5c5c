"""A part of a whole that has a clause of its own ("Thirteen of the 15 macaques that broke out
have been caught"): the whole is what its clause says befell it, the part what the main clause
says. A percentage with no "of" is a share of the things its sentence named before it, and a
share of a class of things is one measure by any of its words. Sentences written for these
tests."""

from __future__ import annotations

import pytest

from retrieval.figures import analyze
from retrieval.figures.extract import extract

try:
    from tests.conftest import made_up_hits as _hits
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import made_up_hits as _hits  # type: ignore[no-redef]


def _keys(*texts: str) -> dict[str, tuple[str, ...]]:
    """Each figure's text → its measure's key."""
    return {m.value.text: m.measure.key for m in extract(_hits(*texts))}


@pytest.mark.parametrize(
    ("sentence", "part", "part_event", "whole", "whole_event"),
    [
        (
            "Thirteen of the 15 Barbary macaques that broke out of the park last Saturday "
            "have now been caught, officials said.",
            "Thirteen",
            "capture",
            "15",
            "escape",
        ),
        (
            "Twelve of the 40 workers who were trapped have been rescued.",
            "Twelve",
            "rescue",
            "40",
            "trapped",
        ),
        (
            "Six of the 30 homes that were flooded have been demolished.",
            "Six",
            "destruction",
            "30",
            "~flood",
        ),
    ],
)
def test_a_whole_with_its_own_clause_keeps_it(
    sentence: str, part: str, part_event: str, whole: str, whole_event: str
) -> None:
    keys = _keys(sentence)
    assert keys[part][:2] == ("event", part_event), keys
    assert keys[whole][:2] == ("event", whole_event), keys


def test_the_whole_clause_is_not_read_past_its_end() -> None:
    keys = _keys("Nine of the 20 patients who were admitted have died.")
    assert keys["Nine"][:2] == ("harm", "death")
    assert "death" not in keys["20"], keys  # the 20 were admitted; nine of them died


@pytest.mark.parametrize(
    "sentence",
    [
        "Twelve of the 40 passengers died.",
        # "said" is the main verb: no auxiliary opens a main clause after "who survived"
        "Twelve of the 40 passengers who survived said the crew had helped.",
    ],
)
def test_a_whole_without_a_clause_of_its_own_counts_only_what_it_is(sentence: str) -> None:
    assert _keys(sentence)["40"] == ("entity", "passengers", "")


@pytest.mark.parametrize(
    ("sentence", "figure", "key"),
    [
        (
            "When we rang round pharmacies across the county this week, 55 per cent said "
            "they had none of the medicine on their shelves.",
            "55 per cent",
            ("share", "outlets"),
        ),
        ("Of the farms surveyed, 30% said they had losses.", "30%", ("share", "farms")),
    ],
)
def test_a_bare_percentage_is_a_share_of_the_things_named_before_it(
    sentence: str, figure: str, key: tuple[str, ...]
) -> None:
    assert _keys(sentence)[figure] == key


@pytest.mark.parametrize(
    "sentence",
    [
        "In the poll, 48% said they would vote yes.",  # nothing counted is named before it
        "About 61 percent of us had empty shelves.",  # "of us": no things named
    ],
)
def test_a_bare_percentage_with_nothing_named_stays_unread(sentence: str) -> None:
    assert not [k for k in _keys(sentence).values() if k[0] == "share"]


def test_shares_of_one_class_of_things_are_one_measure() -> None:
    report = analyze(
        "What proportion of chemists had run out?",
        _hits(
            "More than half of the county's chemists have no supplies of the medicine.",
            "In a survey, 42 percent of the region's 310 pharmacies reported no stock at all.",
        ),
    )
    first = report.groups[0]
    assert {m.text for c in first.claims for m in c.mentions} >= {"More than half", "42 percent"}, (
        first
    )


def test_guests_and_visitors_are_one_class() -> None:
    report = analyze(
        "How many visitors were evacuated?",
        _hits(
            "Around 1,200 guests were evacuated from the grounds.",
            "Some 1,900 visitors were evacuated from the grounds.",
        ),
    )
    first = report.groups[0]
    assert {m.text for c in first.claims for m in c.mentions} == {"Around 1,200", "Some 1,900"}
    assert first.status == "differ"
