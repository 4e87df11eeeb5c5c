"""Days written in numbers, "a week tomorrow", a state kept until a day, the hours a thing
holds at, people named by what they do, items by any name, a unit the question names, and
a year the question names. Sentences written for these tests."""

from __future__ import annotations

import pytest

from retrieval.embedding import Embedder
from retrieval.figures import analyze
from retrieval.figures import lexicon as lx
from retrieval.figures.dates import find_dates, published_date, resolve
from retrieval.figures.measures import question_measure
from retrieval.figures.tokens import tokenize
from retrieval.ingest import dateline_date, parse_document
from retrieval.topic import uncovered

try:
    from tests.conftest import dated_hits as _hits
    from tests.conftest import mentions_by_text as _mentions
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import dated_hits as _hits  # type: ignore[no-redef]
    from conftest import mentions_by_text as _mentions  # type: ignore[no-redef]


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("14/03/2026", "2026-03-14"),
        ("03/14/2026", "2026-03-14"),
        ("*22.09.2025*", "2025-09-22"),
        ("10/02/2026", "2026-02-10"),  # both readings possible: the day first
    ],
)
def test_a_day_in_numbers_under_the_headline_dates_the_report(line: str, iso: str) -> None:
    assert dateline_date(line) == iso


@pytest.mark.parametrize("line", ["31/02/2026", "14/14/2026", "3/4/26"])
def test_numbers_that_are_no_day_date_nothing(line: str) -> None:
    assert dateline_date(line) is None


def test_a_report_that_writes_its_days_month_first_reads_its_dateline_so() -> None:
    text = (
        "# Pool to reopen\n\n10/02/2026\n\nThe pool reopens on March 14, and the cafe on April 2.\n"
    )
    assert parse_document(text, "a", "a.md", "", 100_000).meta.published == "2026-10-02"
    text = "# Pool to reopen\n\n10/02/2026\n\nThe pool reopens on 14 March.\n"
    assert parse_document(text, "a", "a.md", "", 100_000).meta.published == "2026-02-10"


@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        ("The lane stays shut until a week tomorrow.", "2026-03-30", 20260407),
        ("The road will be shut from a week on Monday.", "2026-02-20", 20260302),
        ("Entries close a fortnight on Friday.", "2026-02-20", 20260313),
    ],
)
def test_weeks_on_from_a_named_day(text: str, published: str, day: int) -> None:
    spans = find_dates(tokenize(text))
    assert len(spans) == 1
    assert resolve(spans[0], published_date(published)) == (day, day)


def test_closed_until_a_day_is_when_it_opens_again() -> None:
    mention = _mentions("The footpath will now be closed until Friday 9 May.")["Friday 9 May"]
    assert mention.measure.events == frozenset({"opening"})


def test_the_hours_a_thing_holds_at_leave_the_date_to_its_verb() -> None:
    mention = _mentions("The car park will stay closed at night until 12 June.")["12 June"]
    assert mention.measure.events == frozenset({"opening"})
    mention = _mentions("The bridge will be shut every evening from 3 May.")["3 May"]
    assert mention.measure.events == frozenset({"closure"})


@pytest.mark.parametrize(
    ("question", "event"),
    [
        ("Up to what date is the footpath shut?", "opening"),
        ("Until when is the pool closed?", "opening"),
        ("When is the museum closed until?", "opening"),
        ("Until when will the consultation stay open?", "closure"),
        ("When does the pool close?", "closure"),
    ],
)
def test_a_state_asked_until_when_asks_its_end(question: str, event: str) -> None:
    measure = question_measure(tokenize(question))
    assert measure is not None
    assert event in measure.events


def test_a_state_until_a_day_answers_up_to_when_it_holds(real_embedder: Embedder) -> None:
    hits = _hits(
        ("The footpath will now be closed until Friday 8 May.", "2026-04-02"),
        ("The footpath was closed on 6 April for resurfacing.", "2026-04-10"),
    )
    groups = analyze("Up to what date is the footpath shut?", hits, embed=real_embedder.encode)
    assert groups.groups
    assert [v.text for v in groups.groups[0].values] == ["Friday 8 May"]


@pytest.mark.parametrize(
    ("a", "b"),
    [("fixers", "repairers"), ("menders", "fixer"), ("demonstrators", "protesters")],
)
def test_people_named_by_what_they_do_are_of_one_class_when_their_verbs_are(a: str, b: str) -> None:
    assert lx.entity_class(a) == lx.entity_class(b)
    assert lx.is_entity_class(lx.entity_class(a))


@pytest.mark.parametrize("word", ["volunteers", "water", "teachers", "winners", "meters"])
def test_other_words_ending_like_agents_keep_their_own_class(word: str) -> None:
    assert not lx.entity_class(word).endswith("ers") or lx.entity_class(word) in {
        "workers",
        "members",
    }


def test_repairers_are_covered_by_a_corpus_of_fixers() -> None:
    texts = ["The café now has 27 volunteer fixers, five more than at Christmas."]
    assert not uncovered("How many volunteer repairers does the group have?", texts)
    assert uncovered("How many volunteer drivers does the group have?", texts)


def test_objects_are_items() -> None:
    texts = ["Volunteers repaired 1,140 items in 2025."]
    assert not uncovered("How many objects did the volunteers mend?", texts)
    assert lx.entity_class("objects") == lx.entity_class("items")


def test_a_unit_the_question_names_leads_with_figures_in_it(real_embedder: Embedder) -> None:
    hits = _hits(
        (
            "The order stops through traffic on the lane between the farms, a distance of"
            " approximately 600 metres.",
            "2026-02-16",
        ),
        (
            "The signed diversion adds approximately 3.2 miles to a journey between the farms.",
            "2026-02-16",
        ),
    )
    groups = analyze(
        "How many miles longer is the detour motorists have to use?",
        hits,
        embed=real_embedder.encode,
    ).groups
    assert groups
    assert [v.text for v in groups[0].values] == ["approximately 3.2 miles"]


def test_a_year_the_question_names_keeps_that_years_figures(real_embedder: Embedder) -> None:
    hits = _hits(
        ("In 2025, when 612 toads died on the lane, the rate was 16 per cent.", "2026-04-18"),
        ("A total of 187 toads were found dead on the lane this spring.", "2026-04-18"),
        ("Volunteers found 141 toads dead on the lane.", "2026-03-14"),
    )
    question = "How many toads were found dead on the lane during the 2025 migration?"
    groups = analyze(question, hits, embed=real_embedder.encode).groups
    assert groups
    assert [v.text for v in groups[0].values] == ["612"]
    # Without a year asked, every report's figure stays side by side.
    groups = analyze(
        "How many toads were found dead on the lane?", hits, embed=real_embedder.encode
    ).groups
    assert {"612", "187", "141"} <= {v.text for v in groups[0].values}


@pytest.mark.parametrize(
    ("text", "day", "event"),
    [
        (
            "The stretch will be shut to through traffic every night from 2 March.",
            "2 March",
            "closure",
        ),
        ("The gardens reopened to the public on 4 May.", "4 May", "reopening"),
        ("The road was closed to all vehicles on 3 June.", "3 June", "closure"),
    ],
)
def test_a_place_shut_or_opened_to_someone_keeps_that_verbs_event(
    text: str, day: str, event: str
) -> None:
    assert _mentions(text)[day].measure.events == frozenset({event})


def test_closed_to_someone_until_a_day_opens_then() -> None:
    mention = _mentions("The footbridge will stay closed to cyclists until 9 May.")["9 May"]
    assert mention.measure.events == frozenset({"opening"})


def test_moving_to_a_place_is_no_opening() -> None:
    assert not _mentions("He moved to Leeds on 3 June.")["3 June"].measure.events


@pytest.mark.parametrize(
    ("text", "sum_", "name"),
    [
        ("The fit-out came in at £31,400, as forecast.", "£31,400", "fit-out cost"),
        ("The new roof came in at £31,400.", "£31,400", "roof cost"),
        ("The scheme finally came in under budget at £2.1m.", "£2.1m", "scheme cost"),
    ],
)
def test_a_sum_something_came_in_at_is_its_cost(text: str, sum_: str, name: str) -> None:
    mention = _mentions(text)[sum_]
    assert mention.measure.key[:2] == ("event", "cost")
    assert mention.measure.name == name


def test_a_share_that_came_in_at_is_no_cost() -> None:
    assert not any(
        m.measure.key[:2] == ("event", "cost")
        for m in _mentions("Turnout came in at 61%.").values()
    )


@pytest.mark.parametrize(
    ("text", "figure", "name"),
    [
        ("Our estimate is now £31,400, once the rewiring is included.", "£31,400", "estimate"),
        ("The estimate is now £112,000.", "£112,000", "estimate"),
    ],
)
def test_a_noun_after_a_determiner_is_the_subject_a_sum_is_linked_to(
    text: str, figure: str, name: str
) -> None:
    mention = _mentions(text)[figure]
    assert mention.measure.name == name


def test_a_verb_that_links_still_links() -> None:
    mention = _mentions("The crowd was estimated at 5,000.")["5,000"]
    assert mention.measure.name == "crowd"


def test_a_sum_linked_to_an_undertaking_is_its_cost() -> None:
    mention = _mentions("The trust's estimate for the scheme now stands at £120,000.")["£120,000"]
    assert mention.measure.key[:2] == ("event", "cost")
    assert mention.measure.name == "scheme cost"


def test_an_undertakings_linked_sum_stands_beside_the_cost_before_it(
    real_embedder: Embedder,
) -> None:
    hits = _hits(
        ("The Fenland Newt Trust's early estimate puts the cost at about £90,000.", "2026-02-16"),
        ("The Fenland Newt Trust's estimate for the scheme now stands at £120,000.", "2026-04-18"),
    )
    question = "How much is it going to cost to build the culverts that would let the newts cross?"
    groups = analyze(question, hits, embed=real_embedder.encode).groups
    assert groups
    assert {v.text for v in groups[0].values} == {"about £90,000", "£120,000"}


def test_responses_and_people_who_responded_are_one_count(real_embedder: Embedder) -> None:
    hits = _hits(
        ("The parish council says 280 people had responded to its survey by Friday.", "2026-02-20"),
        ("In total, 598 responses were received before the survey closed.", "2026-03-14"),
    )
    question = "How many people sent in their views during the parish council's survey?"
    groups = analyze(question, hits, embed=real_embedder.encode).groups
    assert groups
    assert {v.text for v in groups[0].values} == {"280", "598"}


def test_views_sent_in_are_responses() -> None:
    measure = question_measure(tokenize("How many people sent in their views on the plan?"))
    assert measure is not None
    assert measure.events == frozenset({"response"})


@pytest.mark.parametrize(
    "text",
    [
        "Only 41.2% of registered voters took part in the vote at those polling stations.",
        "About 58% of the electorate turned out on Thursday.",
        "Some 61% of voters cast a ballot.",
    ],
)
def test_the_share_of_voters_who_voted_is_the_turnout(text: str) -> None:
    (mention,) = (m for m in _mentions(text).values() if m.kind == "count")
    assert mention.measure.key == ("attr", "turnout", "percent")


@pytest.mark.parametrize(
    "text",
    ["Some 54% of voters backed the mayor.", "Some 40% of voters took the view that she failed."],
)
def test_a_share_of_voters_who_did_something_else_is_no_turnout(text: str) -> None:
    (mention,) = (m for m in _mentions(text).values() if m.kind == "count")
    assert mention.measure.key != ("attr", "turnout", "percent")


def test_overnight_leaves_the_date_to_its_verb() -> None:
    mention = _mentions("The footbridge will be closed overnight until 9 May.")["9 May"]
    assert mention.measure.events == frozenset({"opening"})


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        (
            "Production workers walked out on Monday 9 February at the three plants.",
            "Monday 9 February",
        ),
        ("Dockers downed tools on 3 May.", "3 May"),
    ],
)
def test_walking_out_and_downing_tools_date_a_strike(text: str, figure: str) -> None:
    assert _mentions(text)[figure].measure.events == frozenset({"strike"})


def test_downing_tools_asks_the_strike() -> None:
    measure = question_measure(tokenize("What day did the workers down tools?"))
    assert measure is not None
    assert measure.events == frozenset({"strike"})


def test_the_first_since_a_year_dates_no_event() -> None:
    mention = _mentions("It is the first strike at the firm since 2004.")["2004"]
    assert mention.measure.key == ("date", "*other")
