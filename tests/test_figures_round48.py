"""Levels named by a noun no word list knows ("gross margin of 81.4%"), levels that "came in
at" a figure, a period's level ("revenue for the quarter"), a level's change set after it by a
comma, a short name in brackets, clauses of their own subject, worth "valued at" a sum, units
of length, weight and energy, whole sums asked, sizes asked by "how big", and people counted
by what they do. Sentences written for these tests."""

from __future__ import annotations

import pytest

from retrieval.figures import _asked, _asked_dimensions, _score, _set_aside, analyze
from retrieval.figures.asks import asks_for_figures
from retrieval.figures.measures import question_measure
from retrieval.figures.tokens import tokenize

try:
    from tests.conftest import lead_texts as _lead
    from tests.conftest import made_up_hits as _made_up
    from tests.conftest import mentions_by_text as _mentions
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import lead_texts as _lead  # type: ignore[no-redef]
    from conftest import made_up_hits as _made_up  # type: ignore[no-redef]
    from conftest import mentions_by_text as _mentions  # type: ignore[no-redef]


def _key(sentence: str, figure: str) -> tuple[str, ...]:
    return _mentions(sentence)[figure].measure.key


@pytest.mark.parametrize(
    ("sentence", "figure", "name"),
    [
        ("Gross margin of 81.4%.", "81.4%", "gross margin"),
        (
            "- Adjusted EBITDA of £7.9 million, helped by lower costs",
            "£7.9 million",
            "adjusted ebitda",
        ),
        (
            "Annual recurring revenue (ARR) of £151.2 million at year end",
            "£151.2 million",
            "recurring revenue",
        ),
    ],
)
def test_a_noun_no_list_knows_names_the_level_of_its_of(
    sentence: str, figure: str, name: str
) -> None:
    assert _key(sentence, figure)[:2] == ("attr", name)


def test_a_noun_read_as_an_act_stays_an_act() -> None:
    key = _key("The trust has set up a repair fund of £25,000.", "£25,000")
    assert key[:2] == ("event", "~fund")


def test_a_change_of_nothing_named_is_no_level() -> None:
    assert "14%" not in _mentions("An increase of 14% was seen.")


@pytest.mark.parametrize(
    ("sentence", "figure", "name"),
    [
        ("Revenue came in at £38.6 million.", "£38.6 million", "revenue"),
        ("Gross margin came in at 81.4%, up from 79.8%.", "81.4%", "gross margin"),
    ],
)
def test_a_level_that_came_in_at_a_figure_is_that_level(
    sentence: str, figure: str, name: str
) -> None:
    assert _key(sentence, figure)[:2] == ("attr", name)


def test_a_job_that_came_in_at_a_sum_still_cost_it() -> None:
    key = _key("The fit-out came in at £31,400.", "£31,400")
    assert key[:2] == ("event", "cost")


@pytest.mark.parametrize(
    "sentence",
    [
        "Revenue for the quarter was £38.6 million.",
        "Revenue for the October to December quarter reached £38.6 million.",
    ],
)
def test_the_level_for_a_period_is_the_level_not_the_period(sentence: str) -> None:
    assert _key(sentence, "£38.6 million")[:2] == ("attr", "revenue")


@pytest.mark.parametrize(
    "sentence",
    [
        "Revenue of £38.6 million, up 14% on the same quarter last year",
        "Revenue for the quarter reached £38.6m, up 14% on a year earlier.",
    ],
)
def test_a_change_after_a_level_and_a_comma_is_that_levels_change(sentence: str) -> None:
    assert _key(sentence, "14%")[:2] == ("attr", "revenu rise")


def test_a_clause_of_its_own_subject_keeps_its_own_count() -> None:
    mentions = _mentions(
        "It now has 300 paying members, and its network of practices has grown to 4,100."
    )
    assert "payment" in mentions["300"].measure.events
    assert "payment" not in mentions["4,100"].measure.events


def test_a_comparing_verb_counts_no_act() -> None:
    key = _key("Adjusted EBITDA of £7.9m compares with our £7.2m estimate.", "£7.9m")
    assert key[:2] == ("attr", "adjusted ebitda")


@pytest.mark.parametrize(
    ("sentence", "figure", "name"),
    [
        ("The land has been valued at around £1.2 million.", "around £1.2 million", "value"),
        ("The tickets are priced at £45.", "£45", "price"),
    ],
)
def test_a_worth_valued_at_a_sum(sentence: str, figure: str, name: str) -> None:
    assert _key(sentence, figure)[:2] == ("attr", name)


def test_a_capacity_rated_at_is_no_price() -> None:
    assert _key("The plant is rated at 2 megawatts.", "2 megawatts")[-1] == "power"


@pytest.mark.parametrize(
    ("sentence", "figure", "dimension"),
    [
        (
            "Hailstones up to 4 centimetres across fell on the town.",
            "up to 4 centimetres",
            "length",
        ),
        ("The filter traps fibres of 20 micrometres.", "20 micrometres", "length"),
        ("The parcel weighed 3 ounces.", "3 ounces", "weight"),
        ("Each tea bag shed 2.3 micrograms of plastic.", "2.3 micrograms", "weight"),
        ("The array generated 4.2 GWh in its first year.", "4.2 GWh", "energy"),
        (
            "The turbines produced 3,100 megawatt-hours last winter.",
            "3,100 megawatt-hours",
            "energy",
        ),
    ],
)
def test_units_of_length_weight_and_energy(sentence: str, figure: str, dimension: str) -> None:
    assert _key(sentence, figure)[-1] == dimension


def test_a_question_asks_electricity_in_units_of_energy() -> None:
    texts = (
        "The array generated 4.2 GWh in its first year.",
        "The array's capacity is 2 MW.",
    )
    assert _lead("How much electricity did the array generate?", *texts) == ["4.2 GWh"]


@pytest.mark.parametrize(
    "question",
    [
        "What was the revenue run-rate at the end of December?",
        "What was the debt at the start of the year?",
    ],
)
def test_the_end_of_a_period_in_a_question_is_a_time_not_an_end(question: str) -> None:
    measure = question_measure(tokenize(question))
    assert measure is None or not measure.events & {"end", "start"}


def test_a_when_question_still_asks_an_end() -> None:
    measure = question_measure(tokenize("When did the strike end?"))
    assert measure is not None and "end" in measure.events


@pytest.mark.parametrize(
    "question",
    [
        "What did the orchard end up costing altogether?",
        "What was the total cost of the orchard?",
        "How much did the orchard cost in all?",
    ],
)
def test_a_whole_sum_asked_ranks_a_yearly_sum_lower(question: str) -> None:
    yearly = _mentions("Insurance for the orchard will cost £210 a year.")["£210"].measure

    def score(asked: str) -> float:
        _, tokens = _set_aside(tokenize(asked))
        wanted = question_measure(tokens)
        return _score(wanted, yearly, 0.0, {}, frozenset(), _asked(tokens, wanted))

    assert score(question) < score("What did the orchard end up costing?")


def test_a_whole_year_asks_a_yearly_sum() -> None:
    _, tokens = _set_aside(tokenize("How much does the orchard cost over the whole year?"))
    assert not _asked(tokens, question_measure(tokens)).total


def test_how_big_asks_a_size() -> None:
    texts = (
        "The 1.2-acre field lies behind the church.",
        "There are 21 varieties of apple in the orchard.",
    )
    assert _lead("How big is the field?", *texts) == ["1.2-acre"]


@pytest.mark.parametrize(
    ("question", "sized"),
    [
        ("How big is the field?", True),
        ("How large is the new reservoir?", True),
        ("How big was the crowd on the field?", False),
        ("How large is the herd now?", False),
        ("How big was the grant?", False),
    ],
)
def test_how_big_asks_a_size_unless_of_a_body_or_a_sum(question: str, sized: bool) -> None:
    measure = question_measure(tokenize(question))
    assert measure is not None
    assert bool(_asked_dimensions(measure) & {"length", "area", "volume"}) == sized


def test_how_many_paying_customers_counts_customers_not_money() -> None:
    texts = (
        "Revenue of £38.6 million was reported for the quarter.",
        "It now has over 210,000 paying customers.",
    )
    assert _lead("How many paying customers has the firm got?", *texts) == ["over 210,000"]


def test_people_in_general_join_the_people_named_by_what_they_do() -> None:
    texts = (
        "On the day 63 volunteers turned up with spades.",
        "About sixty of us turned up, plus several dogs.",
    )
    assert sorted(_lead("How many volunteers turned up?", *texts)) == ["63", "About sixty"]


def test_what_noun_asks_a_figure_when_the_reports_give_that_level() -> None:
    question = "What gross margin did they make in the quarter?"
    assert not asks_for_figures(question)
    report = analyze(question, _made_up("Gross margin of 81.4%, up from 79.8%."))
    assert report.groups and report.groups[0].measure == "gross margin"


def test_what_noun_of_no_level_asks_no_figure() -> None:
    question = "What reason did they give for the delay?"
    report = analyze(question, _made_up("The delay of 14 days cost £3,000."))
    assert not report.groups


def test_a_named_contribution_joins_the_money_put_in() -> None:
    texts = (
        "The Parish Council has agreed to put in up to £1,500 from its reserves.",
        "The Council's contribution was increased from £1,500 to £1,730.",
    )
    question = "How much did the parish council put in?"
    assert set(_lead(question, *texts)) == {"up to £1,500", "£1,500", "£1,730"}


def test_a_bare_level_stays_apart_from_a_qualified_one_that_one_report_also_gives() -> None:
    hits = _made_up(
        "Revenue of £38.6 million. Annual recurring revenue of £151.2 million.",
    )
    report = analyze("How much recurring revenue does the firm have?", hits)
    texts = [m.text for c in report.groups[0].claims for m in c.mentions]
    assert texts == ["£151.2 million"]


@pytest.mark.parametrize(
    "question",
    [
        "How much did the parish council put in from its own pocket?",
        "How much money did the district council hand over?",
    ],
)
def test_money_put_in_or_handed_over_is_given(question: str) -> None:
    measure = question_measure(tokenize(question))
    assert measure is not None and "pledge" in measure.events


def test_a_thing_put_in_a_place_is_not_given() -> None:
    sentence = "Households put 27 per cent less rubbish in their grey bins during the trial."
    mention = _mentions(sentence).get("27 per cent")
    assert mention is None or "pledge" not in mention.measure.events


def test_a_claim_set_against_the_figure_before_is_another_value_of_it() -> None:
    mentions = _mentions(
        "Police put the number of protesters at 5,000, while the organisers claimed 20,000."
    )
    assert mentions["20,000"].measure.key == mentions["5,000"].measure.key


def test_a_claim_that_says_what_it_counts_keeps_its_own_measure() -> None:
    mentions = _mentions("Police arrested 40 people, while hospitals said 300 were treated.")
    assert mentions["300"].measure.key != mentions["40"].measure.key


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        (
            "The Board is raising its revenue guidance for the full year ending 31 March 2026 "
            "to between £149 million and £152 million.",
            "between £149 million and £152 million",
        ),
        (
            "We are lifting full-year revenue guidance to £149 to £152 million.",
            "£149 to £152 million",
        ),
    ],
)
def test_a_forecast_raised_to_a_sum_is_the_forecast(sentence: str, figure: str) -> None:
    assert _key(sentence, figure)[:2] == ("attr", "guidance")


def test_a_year_ending_on_a_day_is_a_period_not_an_end() -> None:
    key = _key("Revenue for the year ended 31 March was £38.6 million.", "£38.6 million")
    assert "end" not in key


def test_a_correction_gives_the_right_value_of_its_level() -> None:
    mentions = _mentions("Revenue should have read £38.2 million, not £38.6 million as stated.")
    assert mentions["£38.2 million"].measure.key[:2] == ("attr", "revenue")


def test_a_level_restated_to_a_figure_is_that_level() -> None:
    assert _key("Gross margin is restated to 81.2%, from 81.4%.", "81.2%")[:2] == (
        "attr",
        "gross margin",
    )


@pytest.mark.parametrize(
    ("sentence", "figure", "thing"),
    [
        ("The 1.2-acre paddock lies between the lane and the brook.", "1.2-acre", "of paddock"),
        ("They live behind a 340-metre fence taller than a man.", "340-metre", "of fenc"),
    ],
)
def test_a_size_before_a_noun_is_that_nouns(sentence: str, figure: str, thing: str) -> None:
    assert _key(sentence, figure)[1] == thing


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        ("The array was switched on in Q2 2025.", "Q2 2025"),
        ("The array was switched on in the second quarter of 2025.", "the second quarter of 2025"),
    ],
)
def test_a_quarter_of_a_year_is_its_three_months(sentence: str, figure: str) -> None:
    from retrieval.figures.dates import find_dates

    mention = _mentions(sentence)[figure]
    assert mention.kind == "date"
    spans = find_dates(tokenize(sentence))
    assert [(s.low, s.high) for s in spans] == [(20250401.0, 20250631.0)]


def test_a_level_in_a_quarter_of_a_year_is_the_level() -> None:
    key = _key("Revenue in the third quarter of 2025 was £38.6m.", "£38.6m")
    assert key[:2] == ("attr", "revenue")


def test_a_glued_pc_is_per_cent() -> None:
    assert _key("Sales fell 3pc in March.", "3pc")[-1] == "percent"


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("By how much did quarterly sales grow on a year before, in percent?", True),
        ("How much did prices rise as a percentage?", True),
        ("What share of the vote did she win, in percent?", False),
        ("What percentage of homes lost power?", False),
    ],
)
def test_a_change_asked_in_percent_is_its_size(question: str, asked: bool) -> None:
    from retrieval.figures.asks import change_size_asked, question_words

    assert change_size_asked(question_words(question)) == asked


def test_a_growth_asked_in_percent_leads_with_the_change_not_the_level() -> None:
    texts = (
        "Revenue of £38.6 million, up 14% on the same quarter last year.",
        "Revenue for the quarter was £38.6 million.",
    )
    question = "By how much did quarterly revenue grow on a year before, in percent?"
    assert _lead(question, *texts) == ["14%"]


@pytest.mark.parametrize(
    ("question", "period"),
    [
        ("How much did sales grow on a year before?", None),
        ("How much did sales grow compared with a year earlier?", None),
        ("How much do they earn a year on average?", "year"),
        ("How many trains run a day?", "day"),
    ],
)
def test_a_year_before_is_a_time_to_compare_with_not_a_rate(
    question: str, period: str | None
) -> None:
    from retrieval.figures.rates import asked_period

    assert asked_period(tokenize(question)) == period


def test_a_bare_level_close_in_size_to_a_qualified_one_joins_it() -> None:
    hits = _made_up(
        "The city population of Albuquerque was 559,277 in the census.",
        "The population of Albuquerque was 42,300.",
    )
    report = analyze("What is the population of Albuquerque?", hits)
    texts = {m.text for g in report.groups[:1] for c in g.claims for m in c.mentions}
    assert texts == {"559,277", "42,300"}
