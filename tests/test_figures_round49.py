"""A run of days "between 9 March and 28 May" read as its start and its end, a date moved
"from 2 March to 9 March", work "wrapped up" or that "got going", and a thing counted under
another noun that shares the question's modifier ("microplastic bits" of "microplastic
particles"). Sentences written for these tests."""

from __future__ import annotations

import pytest

from retrieval.figures import analyze
from retrieval.figures.dates import find_dates
from retrieval.figures.measures import question_measure
from retrieval.figures.tokens import tokenize

try:
    from tests.conftest import dated_hits
    from tests.conftest import lead_texts as _lead
    from tests.conftest import made_up_hits as _made_up
    from tests.conftest import mentions_by_text as _mentions
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import dated_hits  # type: ignore[no-redef]
    from conftest import lead_texts as _lead  # type: ignore[no-redef]
    from conftest import made_up_hits as _made_up  # type: ignore[no-redef]
    from conftest import mentions_by_text as _mentions  # type: ignore[no-redef]


def test_a_run_between_two_days_is_its_start_and_its_end() -> None:
    found = _mentions("The dig took place between 4 June and 19 August 2025.")
    assert found["4 June"].measure.key == ("date", "start")
    assert found["19 August 2025"].measure.key == ("date", "end")
    assert found["4 June"].value.low == 20250604


def test_the_first_day_of_a_run_takes_the_year_before_when_it_comes_later() -> None:
    (span,) = find_dates(tokenize("It was open from 1 November to 31 January 2026."))
    assert span.ends is not None
    assert span.ends[0].low == 20251101
    assert span.low == 20251101 and span.high == 20260131


def test_a_run_between_months_has_no_ends() -> None:
    (span,) = find_dates(tokenize("Sales rose between January and March 2025."))
    assert span.ends is None


def test_a_moved_date_is_the_new_date_of_the_event_named_before() -> None:
    found = _mentions("The opening of the bridge was pushed back from 3 May to 17 May.")
    assert found["17 May"].measure.key == ("date", "opening")
    assert found["3 May"].measure.key == ("date", "*other")


@pytest.mark.parametrize(
    ("question", "event"),
    [
        ("When was the repair work wrapped up?", "end"),
        ("What day did the crews get going in the park?", "start"),
        ("When did the pumps get going again?", "reopening"),
    ],
)
def test_wrapped_up_ends_and_got_going_starts(question: str, event: str) -> None:
    measure = question_measure(tokenize(question))
    assert measure is not None and event in measure.events


def test_when_a_run_ended_leads_with_its_last_day() -> None:
    texts = (
        "The dig took place between 2 March and 14 April 2026.",
        "The team published its findings on 30 June 2026.",
    )
    assert _lead("When did the dig finish?", *texts) == ["14 April 2026"]


def test_a_thing_counted_under_another_noun_with_the_questions_modifier_is_answered() -> None:
    hits = _made_up(
        "A single bag released 11 billion plastic particles into the cup.",
        "Bits of plastic were seen under the microscope.",
    )
    report = analyze("How many plastic bits does one bag shed?", hits)
    assert report.uncounted is None
    texts = [m.text for c in report.groups[0].claims for m in c.mentions]
    assert texts == ["11 billion"]


def test_a_thing_named_and_counted_by_nothing_like_it_is_still_not_counted() -> None:
    hits = _made_up(
        "The squares on the old market floor were painted blue.",
        "Between them the teams sampled 1,850 quadrats.",
    )
    assert analyze("How many blue squares were painted?", hits).uncounted == "squares"


def test_a_run_of_an_event_of_its_own_stays_its_date_and_gives_its_ends() -> None:
    from retrieval.figures.extract import extract

    hits = _made_up("The strike took place between 3 May and 9 May 2025.")
    keys = {m.value.text: m.measure.key for m in extract(hits)}
    assert keys["3 May and 9 May 2025"] == ("date", "strike")
    assert keys["3 May"] == ("date", "start")
    assert keys["9 May 2025"] == ("date", "end")


def test_a_run_that_is_a_closure_is_not_split() -> None:
    found = _mentions("The road was closed between 3 May and 9 May 2025.")
    assert found["3 May and 9 May 2025"].measure.key[:1] == ("date",)
    assert "3 May" not in found


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        ("The contractor's schedule records 163 ash trees felled.", "163"),
        ("Crews felled 163 ash trees along the lane.", "163"),
    ],
)
def test_trees_felled_are_a_felling(sentence: str, figure: str) -> None:
    assert "felling" in _mentions(sentence)[figure].measure.events


def test_prices_that_fell_are_no_felling() -> None:
    assert not _mentions("Prices fell by 12 per cent.")["12 per cent"].measure.events


def test_trees_cut_down_are_asked_as_felled() -> None:
    texts = (
        "Crews felled 163 ash trees along the lane.",
        "The survey counted 412 ash trees in the park.",
    )
    assert _lead("How many ash trees got cut down?", *texts) == ["163"]


def test_a_kind_of_the_questions_thing_counted_under_its_modifier_is_still_not_counted() -> None:
    hits = _made_up(
        "About 1,200 puffins were counted on the island.",
        "Puffin chicks were seen leaving the burrows.",
    )
    assert analyze("How many puffin chicks left their burrows?", hits).uncounted == "chicks"


def test_how_many_of_a_plain_noun_keys_that_noun_not_people() -> None:
    measure = question_measure(tokenize("How many flights got scrapped?"))
    assert measure is not None
    assert measure.key == ("event", "cancellation", "flights", "", "count")
    assert measure.entity is None


def test_a_figure_set_against_the_one_before_is_another_value_of_it() -> None:
    texts = (
        "Across the day, 437 flights were cancelled.",
        "The review found that 458 flights were cancelled, against the 437 the airline gave.",
    )
    assert sorted(_lead("How many flights got scrapped?", *texts)) == ["437", "437", "458"]


def test_jobs_lost_are_people_laid_off() -> None:
    texts = (
        "About 450 workers will be made redundant.",
        "The union says 620 jobs will go when the site shuts.",
        "Some 170 agency workers also work on the lines.",
    )
    lead = _lead("How many workers are being made redundant?", *texts)
    assert sorted(lead) == ["620", "About 450"]


def test_a_figure_in_a_when_clause_after_since_is_of_that_day() -> None:
    from retrieval.figures.extract import extract

    told = (
        "It was the worst day since 14 August 2023, when an outage forced it to cancel 90 flights."
    )
    running = "Since March 2019, when the road closed, 400 drivers have been fined."
    keys = {m.value.text: m.measure.key for m in extract(dated_hits((told, "2026-05-22")))}
    assert keys["90"][:2] == ("past", "2023")
    keys = {m.value.text: m.measure.key for m in extract(dated_hits((running, "2026-05-22")))}
    assert keys["400"][0] != "past"


def test_an_aside_opened_by_a_participle_names_no_event_nor_time_of_a_later_figure() -> None:
    found = _mentions(
        "The company, founded in Bristol in 2013, told investors that revenue for the quarter "
        "reached £38.6m."
    )
    assert found["£38.6m"].measure.key[:2] == ("attr", "revenue")
    assert found["£38.6m"].value.as_of is None
    assert found["2013"].measure.key == ("date", "founding")


def test_a_figure_before_an_aside_keeps_its_own_reading() -> None:
    found = _mentions("About 300 homes, flooded in March, are still empty.")
    assert found["About 300"].measure.entity == "homes"


def test_a_bare_count_with_who_and_a_verb_is_of_that_verb() -> None:
    found = _mentions("37 patients suffered serious harm, including the six who died.")
    assert found["six"].measure.key == ("harm", "death", "count")
    assert found["37"].measure.key == ("harm", "injury", "count")


def test_people_who_signed_up_are_not_those_who_took_part_however_close() -> None:
    texts = (
        "About 100 volunteers registered for the survey in spring.",
        "In the end 96 volunteers took part in the survey.",
    )
    assert _lead("How many volunteers took part in the survey?", *texts) == ["96"]
