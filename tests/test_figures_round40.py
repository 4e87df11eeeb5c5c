"""Prices that go up, approvals given as a go-ahead, a price tag, marks and the people who
left them, one party's own part, the agent of a participle, a ground that fell in, dates in
the early hours, metres written "320m long", and relative clauses after "how long".
Sentences written for these tests."""

from __future__ import annotations

import pytest

from retrieval.embedding import Embedder
from retrieval.figures import analyze
from retrieval.figures import lexicon as lx
from retrieval.figures.durations import asks_duration
from retrieval.figures.measures import question_measure
from retrieval.figures.numbers import parse_quantity
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
    "text",
    [
        "The swimming fee will go up from £4.10 to £4.60 in April.",
        "The swimming fee went up from £4.10 to £4.60 in April.",
    ],
)
def test_a_price_that_goes_up_from_one_level_to_another_is_read_at_both(text: str) -> None:
    found = _mentions(text)
    assert found["£4.10"].measure.key == ("attr", "swimming fee", "money")
    assert found["£4.60"].measure.key == ("attr", "swimming fee", "money")
    assert found["£4.10"].value.before_change


def test_going_up_to_a_price_is_where_it_goes_not_a_most() -> None:
    mention = _mentions("The swimming fee will go up to £4.60 in April.")["£4.60"]
    assert mention.measure.key == ("attr", "swimming fee", "money")
    assert mention.qualifier is None
    # "up to" with no verb of going before it is still a most
    assert _mentions("Fines of up to £500 can be issued.")["up to £500"].qualifier == "atmost"


@pytest.mark.parametrize(
    "question",
    [
        "When did the planners give the bypass the go-ahead?",
        "On what date did the bypass get the go-ahead?",
        "When did councillors give the green light to the bypass?",
    ],
)
def test_a_go_ahead_or_a_green_light_is_a_decision(question: str) -> None:
    measure = question_measure(tokenize(question))
    assert measure is not None
    assert measure.events == frozenset({"decision"})


def test_a_vote_answers_when_a_decision_was_made() -> None:
    hits = _hits(
        ("Members of the planning board voted on 9 June to back the bypass.", "2026-06-12"),
        ("Work on the bypass is due to start on 1 September.", "2026-06-12"),
    )
    groups = analyze("When did the planning board give the bypass the go-ahead?", hits).groups
    assert groups
    assert [v.text for v in groups[0].values] == ["9 June"]


@pytest.mark.parametrize(
    "question",
    [
        "What's the price tag on the new benches going into the town parks?",
        "What's the price of the new benches going into the town parks?",
    ],
)
def test_a_question_naming_a_sum_without_how_many_is_not_answered_by_a_count(
    question: str,
) -> None:
    hits = _hits(
        ("The council runs nine town parks across the borough.", None),
        ("The new benches in the parks will cost £48,000, the council said.", None),
    )
    shown = [v.text for g in analyze(question, hits).groups for v in g.values]
    assert shown == ["£48,000"]


def test_a_price_tag_is_a_cost() -> None:
    measure = question_measure(tokenize("What's the price tag on the new benches?"))
    assert measure is not None
    assert measure.events == frozenset({"cost"})


def test_a_petition_signed_by_people_counts_the_people_who_signed() -> None:
    mention = _mentions("She started a petition signed by more than 3,000 people.")[
        "more than 3,000"
    ]
    assert mention.measure.key == ("event", "~sign", "people", "", "count")
    attended = _mentions("The vigil was attended by 800 people.")["800"]
    assert attended.measure.events == frozenset({"attendance"})


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Three people were killed by two gunmen.", "two"),
        ("The budget was increased by 200 people, the report says.", "200"),
    ],
)
def test_a_harm_or_a_change_by_a_count_is_no_act_of_that_count(text: str, figure: str) -> None:
    measure = _mentions(text)[figure].measure
    assert measure.key[0] != "event" or not measure.key[1].startswith("~")
    assert "death" not in measure.events


def test_signatures_and_the_people_who_signed_answer_one_question() -> None:
    lead = _lead(
        "How many signatures did the petition to save the library gather?",
        "The petition to save the library has 4,100 signatures.",
        "Nearly 4,500 people signed the petition to save the library.",
        "A petition signed by more than 4,000 people was handed in on Friday.",
    )
    assert sorted(lead) == ["4,100", "Nearly 4,500", "more than 4,000"]


@pytest.mark.parametrize(
    ("text", "figure", "phrase"),
    [
        ("Thanks to Priya, who collected 250 signatures on her own.", "250", "on her own"),
        ("He raised £2,000 by himself for the appeal.", "£2,000", "by himself"),
        ("Our treasurer sold 90 tickets single-handedly.", "90", "single-handedly"),
    ],
)
def test_a_count_done_alone_is_one_party_s_part(text: str, figure: str, phrase: str) -> None:
    key = _mentions(text)[figure].measure.key
    assert key[0] == "part"
    assert key[-1] == phrase


def test_one_party_s_part_does_not_lead_the_whole() -> None:
    lead = _lead(
        "How many signatures did the petition to save the library collect?",
        "The petition to save the library collected 4,100 signatures in total.",
        "Thanks to Priya, who collected 250 signatures on her own.",
    )
    assert lead == ["4,100"]


@pytest.mark.parametrize(
    "question",
    [
        "On what day did the road fall in?",
        "When did the old mine shaft cave in?",
    ],
)
def test_falling_in_or_caving_in_is_a_collapse(question: str) -> None:
    measure = question_measure(tokenize(question))
    assert measure is not None
    assert measure.events == frozenset({"collapse"})


def test_a_date_in_the_early_hours_dates_the_verb_of_its_sentence() -> None:
    text = (
        "In the early hours of Tuesday 3 March a length of the old sewer that runs under "
        "Mill Street collapsed."
    )
    mention = _mentions(text)["Tuesday 3 March"]
    assert mention.measure.key == ("date", "collapse")


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("320m long", 320.0, "metres"),
        ("a 6m wide hole", 6.0, "metres"),
        ("it is now 4m across", 4.0, "metres"),
        ("a £320m long-term loan", 320_000_000.0, "pounds"),
        ("a 25m tower", 25_000_000.0, None),
        ("20m long-term jobs", 20_000_000.0, None),
    ],
)
def test_a_glued_m_before_a_word_of_extent_is_metres(
    text: str, value: float, unit: str | None
) -> None:
    q = parse_quantity(text)
    assert q is not None
    assert (q.value, q.unit) == (value, unit)


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("How long is the old tunnel that takes the stream under the road?", "either"),
        ("How long is the pipe which carries water to the town?", "either"),
        ("How long did the repairs take?", "span"),
        ("How long were the ticket machines out of action?", "span"),
        ("How long is the stretch of road out of town?", "either"),
        ("How long will it take to mend the tunnel?", "span"),
    ],
)
def test_a_verb_of_a_relative_clause_asks_no_time(question: str, asks: str) -> None:
    assert asks_duration(question) == asks


@pytest.mark.parametrize(
    ("text", "figure", "name"),
    [
        (
            "The study suggests a fall in short-stay visits of no more than 6 per cent.",
            "no more than 6 per cent",
            "short-stay visits fall",
        ),
        ("There was a rise in ferry fares of 9% last year.", "9%", "ferry fares rise"),
    ],
)
def test_a_change_in_something_of_a_size_is_that_thing_s_change(
    text: str, figure: str, name: str
) -> None:
    assert _mentions(text)[figure].measure.name == name


def test_what_people_expect_to_change_is_named_without_their_expecting() -> None:
    text = "Shop owners expect trade in the high street to fall by around 20 per cent."
    assert _mentions(text)["around 20 per cent"].measure.name == "trade fall"


def test_a_length_across_is_a_width() -> None:
    mention = _mentions("Engineers now put it at about eight metres across.")["about eight metres"]
    assert mention.measure.key == ("attr", "width", "length")
    crater = _mentions("The crater is eight metres across.")["eight metres"]
    # keyed as "the crater is eight metres wide" is
    wide = _mentions("The crater is eight metres wide.")["eight metres"]
    assert crater.measure.key == wide.measure.key == ("size", "of crater", "length")
    walked = _mentions("They walked six miles across the moor.")["six miles"]
    assert walked.measure.key != ("attr", "width", "length")


def test_two_reports_of_a_length_join_in_metres_however_written() -> None:
    lead = _lead(
        "How long is the old sewer under the square?",
        "A survey of the old sewer, which is 210m long, found cracks along it.",
        "Old plans show the sewer running for nearly 250 metres under the square.",
    )
    assert sorted(lead) == ["210m", "nearly 250 metres"]


def test_fixing_something_is_a_repair_and_a_fixed_price_is_none() -> None:
    measure = question_measure(tokenize("How much will fixing the sea wall cost?"))
    assert measure is not None
    assert "repair" in measure.events
    fixed = _mentions("The fare is fixed at £3 until 2028.")
    assert all("repair" not in m.measure.events for m in fixed.values())


def test_parking_spots_and_spaces_are_one_class_of_thing() -> None:
    lead = _lead(
        "How many parking spots are there across the town's four car parks?",
        "There are 860 spaces across the town's four car parks.",
    )
    assert lead == ["860"]


def test_where_a_count_is_taken_does_not_answer_how_many() -> None:
    hits = _hits(
        ("The estate takes in five villages along the valley.", None),
        ("The estate rents out 240 homes in its villages.", None),
    )
    groups = analyze("How many houses are there across the estate's villages?", hits).groups
    assert groups
    assert [v.text for v in groups[0].values] == ["240"]


def test_house_numbers_are_labels_not_counts() -> None:
    found = _mentions("Residents reported cracks outside numbers 18 to 24 at least five times.")
    assert list(found) == ["at least five"]


def test_how_many_times_is_answered_by_a_count_of_times(real_embedder: Embedder) -> None:
    hits = _hits(
        ("Residents say they reported cracks in the road at least five times since spring.", None),
        ("The council's figure is 14, but they forgot the two flats above the shop.", None),
    )
    question = "How many times had people warned the council about the road before it gave way?"
    groups = analyze(question, hits, embed=real_embedder.encode).groups
    assert groups
    assert [v.text for v in groups[0].values] == ["at least five"]


def test_knowing_more_is_no_second_event() -> None:
    text = "We aim to reopen the bridge by Friday 16 October, though this may change once we know more."
    mention = _mentions(text)["Friday 16 October"]
    assert mention.measure.key == ("date", "reopening")


def test_what_a_report_says_is_read_past_its_name() -> None:
    found = _mentions("The council's press release says the new tariff will bring in £2m a year.")
    assert "release" not in found["£2m"].measure.events
    assert found["£2m"].value.claimed_by == "The council's press release"


@pytest.mark.parametrize(
    "text",
    [
        "Officials said the scheme cost £40m. The real figure will be barely £30m, say critics.",
        "Officials said the scheme cost £40m. The true figure is nearer £30m, say critics.",
    ],
)
def test_the_real_figure_restates_the_one_before(text: str) -> None:
    found = _mentions(text)
    assert found["£40m"].measure.key == next(m for t, m in found.items() if "30m" in t).measure.key


def test_a_figure_that_changes_is_not_restated() -> None:
    text = "The survey says 12 villages would lose their bus. With new routes, that number falls to seven."
    found = _mentions(text)
    assert found["seven"].measure.key != found["12"].measure.key


def test_a_part_of_the_count_before_narrowed_by_its_verb_is_apart() -> None:
    text = (
        "In all, 64 people have been treated for injuries after the blast. "
        "Of them, 23 have been admitted to hospital."
    )
    found = _mentions(text)
    assert found["23"].measure.key == ("part", *found["64"].measure.key, lx.lemma("admitted"))
    # "Of those, 93 were books" still names what the part is
    books = _mentions("Some 5,467 items were returned. Of those, 5,093 were books.")
    assert books["5,093"].measure.entity == "books"


def test_an_investigation_opened_was_started() -> None:
    mention = _mentions("The regulator opened a formal investigation on 12 March.")["12 March"]
    assert mention.measure.events == frozenset({"start"})
    opened = _mentions("The new museum opened on 12 March.")["12 March"]
    assert opened.measure.events == frozenset({"opening"})
