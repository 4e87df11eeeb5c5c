"""A verb that says only that something happened ("took place", "was held", "occurred")
dates its subject: "the regatta took place on Saturday 14 June" and "the annual regatta,
held on 21 June" are two reports' dates of one regatta, and a question asking when it
"took place" or "will be held" asks for that date. Sentences written for these tests."""

from __future__ import annotations

try:
    from tests.conftest import lead_texts as _lead
    from tests.conftest import made_up_hits as _hits
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import lead_texts as _lead  # type: ignore[no-redef]
    from conftest import made_up_hits as _hits  # type: ignore[no-redef]


def _date_keys(*texts: str) -> dict[str, tuple[str, ...]]:
    from retrieval.figures.extract import extract

    return {m.value.text: m.measure.key for m in extract(_hits(*texts)) if m.kind == "date"}


def test_took_place_dates_its_subject_not_the_verb() -> None:
    keys = _date_keys("The regatta took place on Saturday 14 June in light winds.")
    assert keys["Saturday 14 June"] == ("date", "regatta")


def test_a_participle_after_a_comma_dates_the_noun_before_it() -> None:
    keys = _date_keys("Results from the annual regatta, held on 21 June, were posted online.")
    assert keys["21 June"] == ("date", "regatta")


def test_an_event_noun_keeps_its_class_with_a_verb_of_happening() -> None:
    keys = _date_keys("The walkout took place on 9 October at the depot.")
    assert keys["9 October"] == ("date", "strike")


def test_a_verb_of_its_own_keeps_its_event() -> None:
    from retrieval.figures.extract import extract

    hits = _hits("The spring regatta was cancelled on 3 June because of the storms.")
    (found,) = [m for m in extract(hits) if m.kind == "date"]
    assert found.measure.events == {"cancellation"}


def test_reports_dating_one_happening_differently_lead_side_by_side() -> None:
    lead = _lead(
        "On what date did the regatta take place?",
        "The regatta took place on Saturday 14 June in light winds.",
        "Results from the annual regatta, held on 21 June, were posted online. Entries "
        "for the dinghy class closed on 2 June.",
    )
    assert "Saturday 14 June" in lead
    assert "21 June" in lead
    assert "2 June" not in lead


def test_when_will_it_be_held_asks_the_subjects_date() -> None:
    lead = _lead(
        "When will the next regatta be held?",
        "The clubhouse reopened on 3 March after repairs. The next regatta will take place "
        "on Sunday 20 June.",
    )
    assert lead == ["Sunday 20 June"]
