"""Readings of a season that spans two years ("the winter of 2022-23"), of a figure set
against the one before it ("compared with 3,980"), of a toll put at a count of things, of how
many a place holds ("the 1,800-seat theatre"), of jobs that "will go", of a date parted from
its verb by a comparison ("earlier than planned, on 14 May"), of a plan approved on a day, of
a level an object is changed from and to ("cut its grant from £4.1m to £3.3m"), and of a
question that counts pounds. Sentences written for these tests."""

from __future__ import annotations

from retrieval.figures import analyze
from retrieval.figures.extract import extract
from retrieval.topic import uncovered

try:
    from tests.conftest import count_keys as _keys
    from tests.conftest import made_up_hits as _hits
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import count_keys as _keys  # type: ignore[no-redef]
    from conftest import made_up_hits as _hits  # type: ignore[no-redef]


def _dates(*texts: str) -> dict[str, tuple[str, ...]]:
    return {m.value.text: m.measure.key for m in extract(_hits(*texts)) if m.kind == "date"}


def _events(*texts: str) -> dict[str, frozenset[str]]:
    return {m.value.text: m.measure.events for m in extract(_hits(*texts)) if m.kind == "date"}


def _amounts(*texts: str) -> dict[str, tuple[str, ...]]:
    return {m.value.text: m.measure.key for m in extract(_hits(*texts)) if m.kind != "date"}


def test_a_season_spanning_two_years_is_one_date_and_no_count() -> None:
    sentence = "Some 3,200 ewes died over the winter of 2022-23, the survey found."
    assert set(_keys(sentence)) == {"Some 3,200"}
    assert "the winter of 2022-23" in _dates(sentence)


def test_a_figure_compared_with_another_is_the_same_measure() -> None:
    keys = _keys(
        "The agency said 4,410 registered hives perished over the summer, compared with 3,980"
        " in its release of 2 June."
    )
    assert keys["4,410"] == keys["3,980"] == ("harm", "death", "count")


def test_a_toll_put_at_a_count_of_things_is_of_the_toll() -> None:
    keys = _keys("Inspectors put the death toll at roughly 5,000 hives after the storm.")
    assert keys["roughly 5,000"] == ("harm", "death", "count")


def test_a_compound_of_seats_or_beds_is_how_many_a_place_holds() -> None:
    keys = _keys(
        "The 1,800-seat theatre sold 1,650 tickets on the opening night.",
        "The hospital will open a 40-bed ward in May.",
        "The theatre has a capacity of 1,750, its manager said.",
    )
    assert keys["1,800-seat"] == keys["40-bed"] == keys["1,750"]
    assert keys["1,650"] != keys["1,800-seat"]


def test_seating_capacity_asked_leads_with_the_seats_by_either_wording() -> None:
    hits = _hits(
        "The 1,800-seat theatre sold 1,650 tickets on the opening night.",
        "The theatre has a capacity of 1,620, its manager said.",
    )
    report = analyze("What is the seating capacity of the theatre?", hits)
    assert report.groups
    first = report.groups[0]
    assert sorted(v.text for v in first.values) == ["1,620", "1,800-seat"]
    assert first.status == "differ"


def test_jobs_that_will_go_are_jobs_cut() -> None:
    keys = _keys(
        "About 240 jobs will go at the depot, the firm said.",
        "The firm will cut 260 jobs at the depot.",
        "Up to a dozen posts could go under the plan.",
    )
    assert keys["About 240"] == keys["260"] == keys["Up to a dozen"]
    assert keys["260"][:2] == ("event", "layoff")


def test_jobs_at_risk_are_not_jobs_cut() -> None:
    keys = _keys("About 300 jobs could be at risk, the union warned.")
    assert keys["About 300"][:2] != ("event", "layoff")


def test_a_date_after_a_comparison_dates_the_verb_before_it() -> None:
    events = _events("The new ferry service will start earlier than planned, on 14 May.")
    assert events["14 May"] == {"start"}
    assert _dates("The ferry will start earlier than planned, on 14 May.")["14 May"] != (
        "date",
        "*other",
    )


def test_a_plan_approved_on_a_day_is_dated_as_a_decision() -> None:
    hits = _hits(
        "Sixty staff will lose their jobs under a plan approved by the trustees on 3 March.",
        "The museum reopened on 12 April after its refit.",
    )
    dates = _dates(hits[0].passage.text)
    assert dates["3 March"] == ("date", "decision")
    report = analyze("When did the trustees sign off the plan?", hits)
    assert report.groups and report.groups[0].values[0].text == "3 March"


def test_an_objects_level_changed_from_and_to_is_read() -> None:
    keys = _amounts(
        "The ministry cut the trust's annual grant from £4.1m to £3.3m.",
        "The council reduced the budget from £10m to £8m last year.",
    )
    assert keys["£4.1m"] == keys["£3.3m"] == ("attr", "annual grant", "money")
    assert keys["£10m"] == keys["£8m"] == ("attr", "budget", "money")


def test_slashed_by_is_a_fall() -> None:
    keys = _amounts("The board slashed the grant by £1.1m in January.")
    assert keys["£1.1m"] == ("attr", "grant fall", "money")


def test_a_question_counting_pounds_is_not_taken_for_a_thing_the_corpus_lacks() -> None:
    texts = ["The ministry slashed the trust's grant by £1.1m a year."]
    assert not uncovered("By how many pounds a year was the trust's grant reduced?", texts)
    assert uncovered("How many teachers lost their jobs at the trust?", texts)


def test_performances_asked_are_answered_by_the_concerts_counted() -> None:
    hits = _hits(
        "The choir will give 12 concerts in eight towns on its spring tour.",
        "The tour now includes 15 concerts, the choir said on Friday.",
    )
    for question in (
        "How many performances will the choir give on its tour?",
        "How many gigs are planned for the spring tour?",
    ):
        report = analyze(question, hits)
        assert report.uncounted is None
        assert report.groups
        first = report.groups[0]
        assert sorted(v.text for v in first.values) == ["12", "15"]
        assert first.status == "differ"
