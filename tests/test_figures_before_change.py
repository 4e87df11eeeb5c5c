"""The level a change started from ("cut its grant from £3.2m to £2.1m": the £3.2m) is an
earlier level of the same measure, not a figure that disagrees with the level it reached or
with another report's. It is kept in the group, marked, and shown as what it was before the
change. Sentences written for these tests."""

from __future__ import annotations

import pytest

from bot.present import BEFORE_CHANGE, value_view
from retrieval.figures import analyze
from retrieval.figures.extract import extract

try:
    from tests.conftest import made_up_hits as _hits
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import made_up_hits as _hits  # type: ignore[no-redef]


def _before(*texts: str) -> dict[str, bool]:
    """Each count's text → whether it is the level a change started from."""
    return {
        m.value.text: m.value.before_change for m in extract(_hits(*texts)) if m.kind == "count"
    }


@pytest.mark.parametrize(
    ("sentence", "first", "second"),
    [
        ("Attendance rose from 4,100 to 5,300 over the season.", "4,100", "5,300"),
        ("Attendance fell from 5,300 to 4,100 over the season.", "5,300", "4,100"),
        ("The trust cut the hospice's yearly grant from £1.4m to £0.9m.", "£1.4m", "£0.9m"),
        ("Officials revised the number of injured from 35 to 52 on Monday.", "35", "52"),
        (
            "The bill was increased in March from €60 million to €75 million.",
            "€60 million",
            "€75 million",
        ),
    ],
)
def test_the_level_a_change_started_from_is_marked(sentence: str, first: str, second: str) -> None:
    assert _before(sentence) == {first: True, second: False}


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        ("Organisers expect from 40 to 50 thousand visitors a day.", "from 40 to 50 thousand"),
        ("The clinic sees from 30 to 45 patients an hour.", "from 30 to 45"),
    ],
)
def test_a_range_from_one_figure_to_another_is_no_change(sentence: str, figure: str) -> None:
    assert _before(sentence) == {figure: False}


def test_a_toll_that_rose_is_still_deaths() -> None:
    keys = {
        m.value.text: m.measure.key
        for m in extract(_hits("The death toll rose from 31 to 44 overnight.", "44 people died."))
    }
    assert keys["31"] == keys["44"] == ("harm", "death", "count")


def test_the_earlier_level_neither_leads_nor_disagrees() -> None:
    report = analyze(
        "How big is the hospice's yearly grant now?",
        _hits(
            "The trust cut the hospice's yearly grant from £1.4m to £0.9m in its budget.",
            "The hospice's yearly grant is now £0.9m, its director said.",
        ),
    )
    group = report.groups[0]
    assert group.status == "agree"
    first, *rest = group.claims
    assert first.low == 1_400_000 and first.before_change
    assert [c.low for c in rest] == [900_000] and not rest[0].before_change
    assert f"before the change: {first.label}" in group.note
    lead = report.summary.split(";")[0]
    assert rest[0].label in lead and first.label not in lead
    assert f"{first.label} as the level before the change" in report.summary
    assert "which agree" not in report.summary  # the earlier level agrees with nothing
    claims = group.to_dict()["claims"]
    assert [c["before_change"] for c in claims] == [True] + [False] * (len(claims) - 1)
    assert group.to_dict()["values"][0]["before_change"] is True
    assert value_view(group.claims[0]).as_of == BEFORE_CHANGE


def test_two_reports_that_differ_on_the_new_level_still_differ() -> None:
    report = analyze(
        "How big is the hospice's yearly grant now?",
        _hits(
            "The trust cut the hospice's yearly grant from £1.4m to £0.9m in its budget.",
            "The hospice's yearly grant is now £0.7m, its director said.",
        ),
    )
    group = report.groups[0]
    assert group.status == "differ"
    before = [c for c in group.claims if c.before_change]
    assert [c.low for c in before] == [1_400_000]
    assert before[0].label not in report.summary.split(";")[0]


@pytest.mark.parametrize(
    ("sentence", "reached", "left"),
    [
        ("Unemployment rose to 6.1% from 5.8% in March.", "6.1%", "5.8%"),
        (
            "Average weekday riders were revised down to 41,200, from the 43,900 first reported.",
            "41,200",
            "43,900",
        ),
        ("Membership climbed to 3,400 households, from 2,900 a year earlier.", "3,400", "2,900"),
        ("Turnout rose to 61% in 2024 from 58% in 2019.", "61%", "58%"),
    ],
)
def test_the_level_left_said_after_the_level_reached(
    sentence: str, reached: str, left: str
) -> None:
    read = {m.value.text: m for m in extract(_hits(sentence)) if m.kind == "count"}
    assert read[left].value.before_change and not read[reached].value.before_change
    assert read[left].measure.key == read[reached].measure.key


def test_a_from_that_follows_no_change_marks_nothing() -> None:
    read = _before("The charity sent 30 parcels to 12 homes from 3 depots.")
    assert not any(read.values())


@pytest.mark.parametrize(
    ("sentence", "said", "corrected"),
    [
        (
            "Re-measuring found the haul totalled 9,300 litres, not the 9,800 litres announced.",
            "9,300 litres",
            "9,800 litres",
        ),
        (
            "The span is 410 metres long, not the 450 metres the council claimed.",
            "410 metres",
            "450 metres",
        ),
    ],
)
def test_a_figure_set_against_the_one_before_is_of_its_measure(
    sentence: str, said: str, corrected: str
) -> None:
    keys = {m.value.text: m.measure.key for m in extract(_hits(sentence)) if m.kind == "count"}
    assert keys[said] == keys[corrected]


@pytest.mark.parametrize(
    "sentence",
    [
        "The trust cut the hospice's grant from £1.4m to £0.9m a year.",
        "Ridership on the line rose to 80,000 a day, from 61,000.",
    ],
)
def test_the_level_left_is_per_the_period_of_the_level_reached(sentence: str) -> None:
    read = [m for m in extract(_hits(sentence)) if m.kind == "count"]
    assert len(read) == 2 and read[0].measure.key == read[1].measure.key
    assert " per " in read[0].measure.name
