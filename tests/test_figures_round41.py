"""The last day to do something, a consultation on a thing (not the thing), a place open until
a day, first use as an opening, the sides of a vote, names on a petition, complaints by any
name, targets, a level or rate asked of its reachers, a point in time named by an end, rates
named without their head, fractions a thing changed by, spans that say how often, a span whose
unit is left out, costs by tender or quotation, and sums linked by "is expected to be".
Sentences written for these tests."""

from __future__ import annotations

import pytest

from retrieval.embedding import Embedder
from retrieval.figures import analyze, is_when_question
from retrieval.figures.asks import asks_for_figures
from retrieval.figures.measures import question_measure
from retrieval.figures.tokens import tokenize
from retrieval.topic import uncovered

try:
    from tests.conftest import dated_hits as _hits
    from tests.conftest import lead_texts as _lead
    from tests.conftest import mentions_by_text as _mentions
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import dated_hits as _hits  # type: ignore[no-redef]
    from conftest import lead_texts as _lead  # type: ignore[no-redef]
    from conftest import mentions_by_text as _mentions  # type: ignore[no-redef]


@pytest.mark.parametrize(
    ("question", "when"),
    [
        ("What was the last day for entries to the poetry prize?", True),
        ("What's the closing date for bids on the old library?", True),
        ("What is the final day of the book festival?", True),
        ("What was the attendance on the first day?", False),
    ],
)
def test_a_question_for_the_last_or_first_day_asks_a_date(question: str, when: bool) -> None:
    assert is_when_question(question) is when


def test_the_last_day_to_do_something_is_when_it_closes() -> None:
    measure = question_measure(tokenize("What was the last day to comment on the bus plan?"))
    assert measure is not None
    assert "closure" in measure.events


def test_a_consultation_on_a_thing_is_dated_as_the_consultation() -> None:
    mention = _mentions("The council's consultation on a new skate park closed on 4 March.")[
        "4 March"
    ]
    assert mention.measure.key == ("date", "consultation")
    # "a section of the culvert": no phrase of what it is about, the date's own reading stays
    kept = _mentions("A section of the old culvert collapsed on 6 September.")["6 September"]
    assert kept.measure.key != ("date", "section")


def test_open_until_a_day_is_when_it_closes() -> None:
    mention = _mentions("The survey, which asks about bus routes, remains open until 9 May.")[
        "9 May"
    ]
    assert mention.measure.events == frozenset({"closure"})


def test_a_closing_date_does_not_join_the_opening_it_shares_a_word_with(
    real_embedder: Embedder,
) -> None:
    hits = _hits(
        ("The gates will open to the public at 9am on Saturday 30 May.", "2026-05-12"),
        ("We have pencilled in an opening for Saturday 23 May, a bank holiday.", "2026-03-17"),
        (
            "The consultation, which proposes fencing off the north-east corner near the Mill"
            " Lane gate, remains open until Monday 2 March.",
            "2026-02-14",
        ),
    )
    groups = analyze(
        "When will the new dog enclosure open?", hits, embed=real_embedder.encode
    ).groups
    assert groups
    assert sorted(v.text for v in groups[0].values) == ["Saturday 23 May", "Saturday 30 May"]


def test_when_people_can_first_use_a_place_asks_its_opening() -> None:
    measure = question_measure(tokenize("When can cyclists first use the new bridge?"))
    assert measure is not None
    assert measure.events == frozenset({"opening"})


@pytest.mark.parametrize(
    ("text", "won", "lost"),
    [
        ("The motion was carried by eleven votes to four.", "eleven", "four"),
        ("The bill passed by 312 votes to 290.", "312", "290"),
        ("The board voted 7-2 to sell the site.", "7", "2"),
        ("The plan was backed with 9 votes in favour and 3 against.", "9", "3"),
        ("The committee voted six to three to approve the fee.", "six", "three"),
    ],
)
def test_the_second_side_of_a_vote_is_the_votes_against(text: str, won: str, lost: str) -> None:
    found = _mentions(text)
    assert found[lost].measure.key[-1] == "against"
    assert found[won].measure.key[-1] != "against"
    assert "vote" in found[won].measure.events


def test_votes_for_and_against_answer_their_own_questions() -> None:
    texts = (
        "Councillors approved the library move by eleven votes to four.",
        "The library move was carried, eleven votes to four, on Tuesday.",
    )
    assert _lead("How many councillors voted in favour of the library move?", *texts) == [
        "eleven",
        "eleven",
    ]
    assert _lead("How many councillors voted against the library move?", *texts) == [
        "four",
        "four",
    ]


def test_names_on_a_petition_are_its_signatures() -> None:
    lead = _lead(
        "How many names did the campaign to keep the ferry collect?",
        "The petition to keep the ferry has passed 1,240 signatures.",
        "The ferry campaign says its petition has been signed by 1,180 people.",
        "There is a limit of six bikes per sailing on the ferry.",
    )
    assert sorted(lead) == ["1,180", "1,240"]


def test_a_question_in_another_word_for_complaints_is_covered() -> None:
    texts = ["The council received 212 complaints about the new bins in the first month."]
    assert not uncovered("How many grumbles did the council get about the new bins?", texts)


def test_grumbles_are_complaints() -> None:
    lead = _lead(
        "How many grumbles did the council receive about the new bins?",
        "The council received 212 complaints about the new bins in the first month.",
        "The new bins hold 240 litres each.",
    )
    assert lead == ["212"]


@pytest.mark.parametrize(
    "question",
    [
        "What recycling rate is the county council aiming to hit?",
        "What recycling rate is the county council targeting?",
        "What is the county council's goal for recycling?",
    ],
)
def test_a_target_is_asked_by_aim_goal_or_target(question: str) -> None:
    lead = _lead(
        question,
        "The county's recycling rate rose to 48 per cent last year.",
        "The county council's target is to reach 60% by 2030.",
    )
    assert lead == ["60%"]


def test_a_rate_reached_is_not_the_target() -> None:
    lead = _lead(
        "What recycling rate did the county reach last year?",
        "The county's recycling rate rose to 48 per cent last year.",
        "The county council's target is to reach 60% by 2030.",
    )
    assert lead == ["48 per cent"]


def test_a_level_asked_of_those_who_reached_it_is_no_count_of_them() -> None:
    lead = _lead(
        "What recycling level did the streets taking part in the pilot reach?",
        "Some 1,800 homes have taken part in the pilot since June.",
        "The recycling rate among pilot homes rose to 57 per cent.",
    )
    assert lead == ["57 per cent"]


def test_a_point_in_time_named_by_an_end_is_no_event() -> None:
    mention = _mentions("By the end of the pilot in May, recycling had reached 57 per cent.")[
        "57 per cent"
    ]
    assert "end" not in mention.measure.events


def test_a_rate_and_the_same_thing_without_its_head_join() -> None:
    lead = _lead(
        "What was the recycling rate among the pilot homes?",
        "The recycling rate among pilot homes rose to 57 per cent.",
        "By the end of the pilot, recycling among those homes had reached 59 per cent.",
    )
    assert sorted(lead) == ["57 per cent", "59 per cent"]


@pytest.mark.parametrize(
    ("text", "figure", "value"),
    [
        ("Landfill waste fell by about a quarter in the pilot.", "about a quarter", 25.0),
        ("Ticket sales rose by a third last year.", "a third", 100 / 3),
    ],
)
def test_a_fraction_a_thing_changed_by_is_a_percentage_change(
    text: str, figure: str, value: float
) -> None:
    mention = _mentions(text)[figure]
    assert mention.measure.key[1].endswith(("fall", "rise"))
    assert mention.bare == pytest.approx((value,))


def test_a_fraction_without_a_change_is_read_as_before() -> None:
    assert not _mentions("The bus arrived at a quarter past nine.")


def test_a_span_that_says_how_often_does_not_answer_how_long(real_embedder: Embedder) -> None:
    hits = _hits(
        (
            "- Grey bins (household rubbish) will be emptied every three weeks instead of every"
            " two weeks.",
            None,
        ),
        (
            "Food caddies will be delivered to all 52,000 households on the kerbside round over"
            " four weeks, starting on Monday 2 March.",
            None,
        ),
    )
    question = "How many weeks does it take to get the food bins out to every household?"
    groups = analyze(question, hits, embed=real_embedder.encode).groups
    assert groups
    assert [v.text for v in groups[0].values] == ["over four weeks"]


def test_a_span_whose_unit_is_left_out_takes_the_unit_before_it() -> None:
    found = _mentions("The repairs were meant to take four weeks but ended up taking seven.")
    assert found["seven"].kind == "duration"
    assert found["seven"].value.unit == "weeks"
    assert found["four weeks"].kind == "duration"


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("The lowest tender for the new roof is £212,000.", "£212,000"),
        ("An early quotation for the roof came in at around £190,000.", "around £190,000"),
    ],
)
def test_a_tender_or_a_quotation_is_a_cost(text: str, figure: str) -> None:
    assert _mentions(text)[figure].measure.events == frozenset({"cost"})


def test_a_public_notice_is_no_discovery() -> None:
    text = "The public notice put the price at £40,000, but a builder's quote came to £46,000."
    measure = _mentions(text)["£46,000"].measure
    assert "discovery" not in measure.events


def test_a_sum_expected_to_be_is_its_subject_s() -> None:
    mention = _mentions("The final bill is expected to be £231,500.")["£231,500"]
    assert mention.measure.key == ("attr", "bill", "money")


def test_whereabouts_asks_for_no_figures() -> None:
    assert not asks_for_figures("Whereabouts in the park is the new skate ramp?")
    assert asks_for_figures("What area does the new skate ramp cover?")


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("The council says the new rounds will save around £410,000 a year.", "around £410,000"),
        ("Finance officers now estimate the annual saving at £380,000.", "£380,000"),
    ],
)
def test_money_saved_is_a_saving_and_an_annual_one_is_per_year(text: str, figure: str) -> None:
    measure = _mentions(text)[figure].measure
    assert measure.events == frozenset({"saving"})
    assert measure.key[2].endswith("per year")


def test_savings_of_one_scheme_join_across_reports() -> None:
    lead = _lead(
        "How much will the council save each year from the new bin rounds?",
        "The council says the new bin rounds will save around £410,000 a year.",
        "Finance officers now estimate the annual saving from the new bin rounds at £380,000.",
    )
    assert sorted(lead) == ["around £410,000", "£380,000"]


def test_a_sum_put_on_an_ing_noun_is_that_noun_s() -> None:
    measure = _mentions("Officers put the annual spending at £2m.")["£2m"].measure
    assert measure.events == frozenset({"spending"})
    # an "annual" attribute is no event: its name keeps it as it is
    assert _mentions("The annual budget is £3m.")["£3m"].measure.key == (
        "attr",
        "annual budget",
        "money",
    )


def test_an_area_given_by_its_dimension_alone_joins_the_named_one() -> None:
    lead = _lead(
        "How big will the new dog enclosure be?",
        "The enclosure has been reduced to 0.45 hectares.",
        "The council proposes to enclose an area of approximately 0.6 hectares.",
    )
    assert sorted(lead) == ["0.45 hectares", "approximately 0.6 hectares"]


def test_a_noun_s_purpose_is_not_the_count_s_event() -> None:
    measure = _mentions("The petition to close the road has 1,200 signatures.")["1,200"].measure
    assert measure.key == ("entity", "signatures", "")
    saved = _mentions("The campaign to save the old lido has 3,200 signatures.")["3,200"].measure
    assert "saving" not in saved.events
    # a count that is the verb's own object keeps its event
    built = _mentions("The council plans to build 500 homes.")["500"].measure
    assert built.events == frozenset({"construction"})


def test_saving_something_is_asked_only_as_a_sum() -> None:
    question = question_measure(tokenize("How many names did the petition to save the pier get?"))
    assert question is not None
    assert "saving" not in question.events
    asked = question_measure(tokenize("How much will the council save each year?"))
    assert asked is not None
    assert asked.events == frozenset({"saving"})


def test_sums_from_two_sources_are_two_parts_not_a_dispute() -> None:
    found = _mentions(
        "Of this, £40,000 would be met from lottery grants awarded to the club.",
        "The remaining £12,500 would come from the council's general reserves.",
        "£40,000 came from lottery grants; the rest comes from the reserves.",
    )
    assert found["£12,500"].measure.key == ("part", "from", "money", "reserv")
    assert found["£40,000"].measure.key == ("part", "from", "money", "grant")
    lead = _lead(
        "How much of the money comes from the council's reserves?",
        "The remaining £12,500 would come from the council's general reserves.",
        "As before, £40,000 of that would come from lottery grants.",
    )
    assert lead == ["£12,500"]
