"""What a job ended up costing, a clause that places the asked event, replies, names put to a
petition, a month's first or last weekday, a weekday before "the twentieth of April", a level
a change started from, a yearly noun, a sentence's opening clause of time, a comparison's
time, odds, adverbs before a verb, turning up, folk and locals, and a fine years earlier.
Sentences written for these tests."""

from __future__ import annotations

import pytest

from retrieval.figures import analyze, latest_asked
from retrieval.figures import lexicon as lx
from retrieval.figures.asks import asks_for_figures
from retrieval.figures.dates import find_dates, published_date, resolve
from retrieval.figures.measures import placing_phrase, question_measure
from retrieval.figures.peaks import PEAK
from retrieval.figures.tokens import tokenize

try:
    from tests.conftest import dated_hits as _hits
    from tests.conftest import lead_texts as _lead
    from tests.conftest import mentions_by_text as _mentions
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import dated_hits as _hits  # type: ignore[no-redef]
    from conftest import lead_texts as _lead  # type: ignore[no-redef]
    from conftest import mentions_by_text as _mentions  # type: ignore[no-redef]


@pytest.mark.parametrize(
    "question",
    ["What did the new footbridge end up costing?", "What has the whole refit ended up costing?"],
)
def test_what_a_job_ended_up_costing_asks_a_sum(question: str) -> None:
    assert asks_for_figures(question)


def test_what_something_ended_up_doing_asks_no_sum() -> None:
    assert not asks_for_figures("What did the storm end up doing to the pier?")


def test_a_when_clause_places_the_asked_event() -> None:
    question = "How many people replied when the council asked for views on closing the library?"
    measure = question_measure(tokenize(question))
    assert measure is not None
    assert measure.events == frozenset({"response"})


def test_once_before_a_period_places_nothing() -> None:
    question = "From what date are the green bins emptied only once every two weeks?"
    assert placing_phrase(tokenize(question)) == (0, 0)


def test_replies_are_responses() -> None:
    assert lx.event_class("replied") == frozenset({"response"})
    assert lx.event_class("replies") == frozenset({"response"})


def test_names_put_to_a_petition_are_signatures() -> None:
    texts = (
        "The petition to keep the ward open now carries 3,400 signatures.",
        "The hospital trust employs 1,250 staff at the site.",
    )
    assert _lead("How many people put their names to the petition to save the ward?", *texts) == [
        "3,400"
    ]


@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        ("The fair returns on the first Saturday in July.", "2026-03-10", 20260704),
        ("Judging takes place on the last Friday of March.", "2026-02-02", 20260327),
        ("The ferry resumes on the second Monday in May.", "2026-01-20", 20260511),
    ],
)
def test_a_months_first_or_last_weekday_is_one_day(text: str, published: str, day: int) -> None:
    spans = find_dates(tokenize(text))
    assert len(spans) == 1
    assert resolve(spans[0], published_date(published)) == (day, day)


def test_a_weekday_before_the_day_in_words_is_one_date() -> None:
    tokens = tokenize("Contractors will be on site from Monday the twentieth of April.")
    spans = find_dates(tokens)
    assert len(spans) == 1
    assert (spans[0].day_low, spans[0].day_high) == (420, 420)


def test_the_level_a_change_started_from_is_of_the_same_measure() -> None:
    found = _mentions("The parish council's own share rose from the agreed £12,000 to £15,500.")
    before, after = found["£12,000"], found["£15,500"]
    assert before.value.before_change and not after.value.before_change
    assert before.measure.key == after.measure.key


def test_a_yearly_noun_makes_its_sum_per_year() -> None:
    found = _mentions("The trust now puts its annual saving at £41,200.")
    assert "per year" in found["£41,200"].measure.name
    found = _mentions("The annual cost of the scheme is £5,000.")
    assert "per year" in found["£5,000"].measure.name


def test_an_opening_clause_of_time_names_no_event_of_the_count() -> None:
    found = _mentions(
        "When the organisers closed the petition in May, the final count stood at 2,210 names."
    )
    mention = found["2,210"]
    assert "closure" not in mention.measure.events
    assert mention.measure.entity == lx.entity_class("signatures")
    assert (
        mention.measure.key == _mentions("The petition has 1,980 signatures.")["1,980"].measure.key
    )


def test_a_fine_dated_years_before_its_report_is_another_fines() -> None:
    from retrieval.figures.extract import extract

    hits = _hits(
        (
            "When 9,000 trout escaped from the pens on 3 May 2021, the firm was fined £80,000.",
            "2026-01-19",
        ),
        ("The regulator has fined the firm £450,000 over this year's escape.", "2026-01-19"),
    )
    keys = {m.value.text: m.measure.key for m in extract(hits) if m.kind == "count"}
    assert keys["£80,000"][0] == "past"
    assert keys["£450,000"][0] != "past"


def test_the_time_of_a_comparison_dates_no_figure() -> None:
    found = _mentions("The final tally was 1,402 entries, 210 more than in March.")
    assert found["1,402"].value.as_of is None
    assert found["210"].value.as_of is None


def test_odds_are_no_count() -> None:
    found = _mentions("Members backed the merger by more than three to one.")
    assert not any(m.kind == "count" for m in found.values())
    found = _mentions("The number of open branches fell from three to one.")
    assert "three" in found


def test_an_adverb_between_subject_and_verb_keeps_the_subjects_date() -> None:
    a = _mentions("The two kiosks finally closed on 15 June.")["15 June"]
    b = _mentions("The two kiosks closed on 1 June.")["1 June"]
    assert a.measure.key == b.measure.key
    assert a.measure.events == frozenset({"closure"})


def test_people_who_turned_up_attended_and_what_a_search_turned_up_was_found() -> None:
    found = _mentions("About 350 people had turned up by lunchtime.")
    assert found["About 350"].measure.events == frozenset({"attendance"})
    found = _mentions("The search turned up 40 coins.")
    assert "attendance" not in found["40"].measure.events
    measure = question_measure(tokenize("On what date did the detectorist turn up the coins?"))
    assert measure is None or "attendance" not in measure.events


@pytest.mark.parametrize(("word", "cls"), [("folk", "people"), ("locals", "residents")])
def test_folk_are_people_and_locals_residents(word: str, cls: str) -> None:
    assert lx.entity_class(word) == cls


def test_a_cost_dated_by_the_job_it_paid_for_years_earlier_is_that_jobs() -> None:
    from retrieval.figures.extract import extract

    hits = _hits(
        ("The old pavilion was built in 1998 at a cost of £61,000.", "2026-01-19"),
        ("The architects put the likely cost of the new pavilion at £240,000.", "2026-01-19"),
        ("In 2019 the roof repairs were estimated to cost £40,000.", "2026-01-19"),
    )
    keys = {m.value.text: m.measure.key for m in extract(hits) if m.kind == "count"}
    assert keys["£61,000"][0] == "past"
    assert keys["£240,000"][0] != "past"
    assert keys["£40,000"][0] != "past"  # an earlier estimate of this job


@pytest.mark.parametrize(
    ("text", "share", "side"),
    [
        ("Of those, 64 per cent supported the proposal.", "64 per cent", "support"),
        ("Some 58% of the replies backed the plan.", "Some 58%", "support"),
        (
            "Fewer than seven in ten residents backed the scheme.",
            "Fewer than seven in ten",
            "support",
        ),
        ("In all, 61 per cent were in favour.", "61 per cent", "support"),
        ("Thirty-eight per cent back the new cameras.", "Thirty-eight per cent", "support"),
        ("About 81 per cent of them disagreed with the plans.", "About 81 per cent", "opposition"),
        ("Their report says 77% of responses opposed the changes.", "77%", "opposition"),
        (
            "Count them all and it is more than 80 per cent against.",
            "more than 80 per cent",
            "opposition",
        ),
    ],
)
def test_a_share_that_took_a_side_is_that_sides_share(text: str, share: str, side: str) -> None:
    assert _mentions(text)[share].measure.key == ("attr", side, "percent")


def test_a_share_that_took_no_side_is_not_one() -> None:
    assert _mentions("About 40% of residents live alone.")["About 40%"].measure.key[0] != "attr"


def test_shares_for_and_against_answer_their_own_questions() -> None:
    texts = (
        "Of the 640 replies, 68 per cent supported the scheme and 22 per cent opposed it.",
        "Fewer than seven in ten respondents backed the scheme.",
    )
    assert set(_lead("What proportion of those who replied were in favour?", *texts)) == {
        "68 per cent",
        "Fewer than seven in ten",
    }
    assert _lead("What percentage of people who responded were against it?", *texts) == [
        "22 per cent"
    ]


def test_a_cost_dated_later_than_it_is_of_the_job_it_names() -> None:
    from retrieval.figures.extract import extract

    hits = _hits(
        (
            "The glazing package, which cost £1.2m, was part of the refit completed in 2019.",
            "2026-01-19",
        ),
    )
    keys = {m.value.text: m.measure.key for m in extract(hits) if m.kind == "count"}
    assert keys["£1.2m"][0] != "past"


@pytest.mark.parametrize(
    ("question", "latest"),
    [
        ("What did the new pavilion end up costing?", True),
        ("In the end, how many names were on the petition?", True),
        ("What was the final bill for the refit?", True),
        ("How many weeks did the work actually take?", True),
        ("How much will the new pavilion cost?", False),
        ("How many had signed by the end of March?", False),
    ],
)
def test_a_question_for_the_value_things_came_to(question: str, latest: bool) -> None:
    assert latest_asked(tokenize(question)) is latest


PAVILION = (
    ("The architects put the cost of the new pavilion at £240,000.", "2026-01-10"),
    ("The cost of the new pavilion is now £262,000, the council says.", "2026-03-02"),
    ("The council confirmed the cost of the new pavilion at £281,500.", "2026-09-01"),
)


def test_the_latest_reports_value_answers_what_a_thing_ended_up_as() -> None:
    report = analyze("What did the new pavilion end up costing?", _hits(*PAVILION))
    assert report.groups and report.groups[0].in_time_order
    assert report.summary is not None and "281,500" in report.summary.split(";")[0]
    plain = analyze("How much is the new pavilion costing?", _hits(*PAVILION))
    assert plain.groups and not plain.groups[0].in_time_order


def test_two_values_in_the_latest_report_leave_the_order_as_it_was() -> None:
    hits = _hits(
        PAVILION[0],
        (
            "The council confirmed the cost of the new pavilion at £281,500, though the"
            " campaign puts the cost of the new pavilion at £300,000.",
            "2026-09-01",
        ),
    )
    report = analyze("What did the new pavilion end up costing?", hits)
    assert report.groups and not report.groups[0].in_time_order


@pytest.mark.parametrize(
    ("text", "count", "event"),
    [
        ("Around 900 people took part in the survey.", "Around 900", "participation"),
        ("About 300 people came along to the open day.", "About 300", "attendance"),
    ],
)
def test_taking_part_and_coming_along(text: str, count: str, event: str) -> None:
    assert _mentions(text)[count].measure.events == frozenset({event})


def test_participants_counted_by_what_they_did_keep_that_event() -> None:
    mention = _mentions("Some 4,000 participants finished the fun run.")["Some 4,000"]
    assert mention.measure.events == frozenset({"end"})


def test_taking_part_in_a_consultation_answers_how_many_responded() -> None:
    texts = (
        "Around 900 people took part in the consultation on the library.",
        "Some 1,500 people visited the library during the consultation.",
    )
    assert _lead("How many people responded to the consultation on the library?", *texts) == [
        "Around 900"
    ]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("The busiest day came on 4 May, when 2,310 visitors passed the gates.", "2,310"),
        ("Volunteers carried 406 newts across the road in a single evening.", "406"),
        ("At the peak, 640 walkers were on the hill.", "640"),
        ("The highest daily total was 512 swifts.", "512"),
    ],
)
def test_a_count_at_a_peak_is_keyed_apart(text: str, count: str) -> None:
    assert PEAK in _mentions(text)[count].measure.key


@pytest.mark.parametrize(
    "text",
    [
        "Over the season volunteers carried 3,420 newts across the road.",
        "The council's record shows 300 complaints.",
        "The club now has a record 28,400 season-ticket holders.",
        "The largest employer in the town has 400 staff.",
    ],
)
def test_a_count_at_no_peak_is_not(text: str) -> None:
    assert not any(PEAK in m.measure.key for m in _mentions(text).values())


def test_a_question_for_a_peak_leads_with_the_peak_and_a_total_question_with_the_total() -> None:
    texts = (
        "Over the season volunteers carried 3,420 newts across the road.",
        "The busiest night came on 11 March, when volunteers carried 418 newts across.",
    )
    peak = "What was the biggest number of newts carried across in a single evening?"
    assert _lead(peak, *texts) == ["418"]
    assert _lead("How many newts did volunteers carry across the road this season?", *texts) == [
        "3,420"
    ]


@pytest.mark.parametrize("word", ["pubs", "cafés", "businesses", "takeaways"])
def test_places_that_sell_and_businesses_are_outlets(word: str) -> None:
    assert lx.entity_class(word) == lx.entity_class("shops")
