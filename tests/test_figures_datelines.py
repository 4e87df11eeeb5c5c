"""Dates in a report's own frame: a wire report's dateline dates the report, not what its
first sentence tells; a date that opens a sentence dates its event past a phrase set off by
commas that describes the subject; a range of days in one month ("on 14 and 15 August") is one
date, not a count and a day. A sum before an undertaking ("a $120 million plan") is its cost,
one measure with "the project will cost $120 million". Sentences written for these tests."""

from __future__ import annotations

import pytest

from retrieval.figures.extract import OTHER, extract

try:
    from tests.conftest import made_up_hits as _hits
    from tests.conftest import mentions_by_text as _mentions
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import made_up_hits as _hits  # type: ignore[no-redef]
    from conftest import mentions_by_text as _mentions  # type: ignore[no-redef]


@pytest.mark.parametrize(
    "text",
    [
        "GLENMOOR, 4 May 2026 (Valley Wire) - Two footbridges collapsed on Sunday after heavy "
        "rain, officials said.",
        "GLENMOOR, May 4 (VW) — Two footbridges collapsed on Sunday after heavy rain.",
        "NORTH GLENMOOR, 4 May – Two footbridges collapsed on Sunday after heavy rain.",
    ],
)
def test_a_dateline_dates_the_report_not_its_first_sentence(text: str) -> None:
    found = _mentions(text)
    assert not any("May" in t for t in found)
    assert found["Sunday"].measure.key[:2] == ("date", "footbridg")
    assert found["Two"].measure.events == {"collapse"}


@pytest.mark.parametrize(
    "text",
    [
        "On 4 May 2026, two footbridges collapsed after heavy rain.",
        "In Glenmoor on 4 May 2026 two footbridges collapsed after heavy rain.",
        "Glenmoor's footbridges collapsed on 4 May 2026 - the council said so on Monday.",
    ],
)
def test_a_date_that_is_no_dateline_dates_its_event(text: str) -> None:
    date = _mentions(text)["4 May 2026"]
    assert date.measure.key[-1] != OTHER


@pytest.mark.parametrize(
    ("text", "event"),
    [
        (
            "On 2 May 2025 the trawler Mary Ann, on passage from Ullapool to Stornoway with "
            "nine crew, ran aground off the Shiant Isles.",
            "grounding",
        ),
        (
            "At 09:10 on 5 April, the barge Kestrel, carrying 300 tonnes of grain, collided "
            "with a pleasure boat near the lock.",
            "collision",
        ),
    ],
)
def test_an_opening_date_reaches_its_event_past_a_describing_phrase(text: str, event: str) -> None:
    date = next(m for m in extract(_hits(text)) if m.kind == "date")
    assert date.measure.key == ("date", event)


def test_a_describing_phrase_does_not_reach_past_a_clause_of_its_own() -> None:
    # the comma after "lock" ends the sentence's own clause: what follows is not the date's
    text = (
        "At 09:10 on 5 April the barge Kestrel moored at the lock, and days later, carrying "
        "grain again, it collided with a pleasure boat."
    )
    date = next(m for m in extract(_hits(text)) if m.kind == "date")
    assert date.measure.key != ("date", "collision")


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("The fair on 14 and 15 August drew 9,000 visitors.", "14 and 15 August"),
        ("The fair, held 14-15 August 2025, drew 9,000 visitors.", "14-15 August 2025"),
        ("The fair ran from 14 to 16 August and drew 9,000 visitors.", "14 to 16 August"),
    ],
)
def test_a_range_of_days_is_one_date_and_no_count(text: str, span: str) -> None:
    found = _mentions(text)
    assert span in found and found[span].kind == "date"
    assert [m.value.text for m in found.values() if m.kind == "count"] == ["9,000"]


def test_a_range_of_days_spans_them() -> None:
    date = _mentions("The fair, held 14-15 August 2025, drew 9,000 visitors.")["14-15 August 2025"]
    assert (date.tol_low, date.tol_high) == (20250814, 20250815)


def test_two_days_in_separate_months_stay_two_dates() -> None:
    found = _mentions("The fair was held on 14 July, and again on 15 August.")
    assert {"14 July", "15 August"} <= set(found)


@pytest.mark.parametrize(
    ("text", "project"),
    [
        ("The board approved a $120 million plan to rebuild the pier.", True),
        ("The $120 million scheme will take three years.", True),
        ("Work on the $120 million project starts in May.", True),
        ("The project will cost $120 million.", True),
        # restorations and refits are undertakings too, also as a verb's subject
        ("The $4 million restoration has rebuilt the bandstand.", True),
        ("A $300,000 refit of the sea wall starts next week.", True),
        ("The town received a $12 million grant for the pier.", False),
        ("The firm paid a $5 million fine.", False),
        ("The cladding cost $2.6 million.", False),
    ],
)
def test_a_sum_before_an_undertaking_is_its_cost(text: str, project: bool) -> None:
    money = next(m for m in extract(_hits(text)) if "$" in m.value.text)
    if project:
        assert money.measure.key == ("event", "cost", "dollars", "", "money", "project")
    else:  # a grant, a fine, or what another thing cost
        assert money.measure.key[-1] != "project"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("A full refit of the jetty will cost $1.3 million.", "refit cost"),
        ("The $4 million restoration has rebuilt the bandstand.", "restoration cost"),
        ("The plan will cost $120 million.", "plan cost"),
    ],
)
def test_a_project_cost_is_called_by_its_own_word(text: str, name: str) -> None:
    money = next(m for m in extract(_hits(text)) if "$" in m.value.text)
    assert money.measure.key[-1] == "project" and money.measure.name == name
