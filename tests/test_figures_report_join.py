"""Each report's own figure for the measure that leads, however the report words it: "a full
repair will cost £2.4m", "repairs are expected to come to around £2.6m" are one fact in
two reports, side by side. A report's figure of another kind, of another event, far
apart in size, or of another sum in the same report stays apart. Sentences written for these
tests."""

from __future__ import annotations

from retrieval.figures import analyze

try:
    from tests.conftest import lead_texts as _lead
    from tests.conftest import made_up_hits as _hits
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import lead_texts as _lead  # type: ignore[no-redef]
    from conftest import made_up_hits as _hits  # type: ignore[no-redef]

COST_QUESTION = "How much will it cost to repair the viaduct?"
FULL_REPAIR = "Engineers say a full repair of the Millbrook viaduct will cost £2.4m."


def _shown(question: str, *texts: str) -> list[str]:
    return [
        m.text
        for g in analyze(question, _hits(*texts)).groups
        for c in g.claims
        for m in c.mentions
    ]


def test_reports_wording_one_cost_differently_stand_side_by_side() -> None:
    lead = _lead(
        COST_QUESTION,
        FULL_REPAIR,
        "A spokesman said the repairs were expected to come to around £2.6m in total.",
    )
    assert "£2.4m" in lead
    assert "around £2.6m" in lead


def test_a_figure_far_apart_in_size_stays_apart() -> None:
    text = "A spokesman said the repairs were expected to come to around £26m in total."
    lead = _lead(COST_QUESTION, FULL_REPAIR, text)
    assert lead == ["£2.4m"]
    assert "around £26m" in _shown(COST_QUESTION, FULL_REPAIR, text)


def test_a_report_with_a_figure_in_the_lead_gives_no_second_one() -> None:
    lead = _lead(
        COST_QUESTION,
        FULL_REPAIR + " Repairs to the old footbridge were expected to come to £2.1m.",
        "A spokesman said the repairs were expected to come to around £2.6m in total.",
    )
    assert "£2.1m" not in lead
    assert "around £2.6m" in lead


def test_a_count_of_another_event_stays_apart() -> None:
    lead = _lead(
        "How many troops were sent?",
        "About 11,000 troops were sent to the border region last autumn, officials said.",
        "An estimated 4,700 soldiers were killed or wounded in the fighting.",
    )
    assert lead == ["About 11,000"]


def test_another_sum_of_a_report_stays_apart() -> None:
    lead = _lead(
        COST_QUESTION,
        FULL_REPAIR,
        "The county's yearly maintenance budget is £2.2m, a council report shows.",
    )
    assert lead == ["£2.4m"]
