"""A figure given to a noun as its value ("put turnout at 61.4%", "revised its forecast down
to 3%", "Unemployment stood at 5.2%") is a figure of that noun, and a verb read past a
parenthesis after the number ("310 (34%) required …") still names the measure. Sentences
written for these tests."""

from __future__ import annotations

from retrieval.figures import analyze
from retrieval.figures.model import FigureGroup

try:
    from tests.conftest import made_up_hits as _hits
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import made_up_hits as _hits  # type: ignore[no-redef]


def _texts(group: FigureGroup) -> set[str]:
    return {v.text for v in group.values}


def test_a_verb_s_object_valued_at_a_figure_names_its_measure() -> None:
    hits = _hits(
        "The election board put turnout at 61.4%, a record.",
        "Independent monitors put turnout in the runoff at 49.3%, far below that.",
        "On Friday the board revised turnout down to 60.9%.",
        "The incumbent won 53.8% of the vote.",
    )
    report = analyze("What was the turnout?", hits)
    lead = report.groups[0]
    assert lead.measure == "turnout"
    assert _texts(lead) == {"61.4%", "49.3%", "60.9%"}
    assert lead.status == "differ"


def test_an_offer_raised_to_a_price_is_a_figure_of_the_offer() -> None:
    hits = _hits(
        "The buyer raised its offer to $41 a share on Monday.",
        "Its first offer was $38 a share.",
        "The target's shares closed at $40.60.",
    )
    report = analyze("How much did the buyer offer per share?", hits)
    assert {"$41", "$38"} <= _texts(report.groups[0])
    assert "$40.60" not in _texts(report.groups[0])


def test_a_measure_that_opens_its_sentence_is_read_though_capitalized() -> None:
    hits = _hits("Unemployment stood at 5.2% in March.", "Inflation rose to 3.1% in April.")
    unemployment = analyze("What was the unemployment rate?", hits)
    assert _texts(unemployment.groups[0]) == {"5.2%"}
    inflation = analyze("How high was inflation?", hits)
    assert _texts(inflation.groups[0]) == {"3.1%"}


def test_a_rate_keeps_the_word_that_says_which_rate() -> None:
    hits = _hits(
        "The central bank left the interest rate at 4.25% on Thursday.",
        "The bank set its growth forecast at 1.5% for the year.",
    )
    report = analyze("What is the interest rate?", hits)
    assert report.groups[0].measure == "interest rate"
    assert _texts(report.groups[0]) == {"4.25%"}


def test_a_figure_of_an_event_given_as_a_value_stays_with_the_event() -> None:
    hits = _hits("The agency put the death toll at 600.", "About 2,000 people were injured.")
    report = analyze("How many people died?", hits)
    assert report.groups[0].measure == "deaths"
    assert _texts(report.groups[0]) == {"600"}


def test_a_verb_after_a_parenthesis_still_names_the_measure() -> None:
    hits = _hits(
        "Of the 900 suspected cases, 310 (34%) required hospitalisation.",
        "Doctors said 12 people had died.",
    )
    report = analyze("How many people were hospitalised?", hits)
    assert _texts(report.groups[0]) == {"310"}


def test_a_bare_attribute_joins_the_one_qualified_attribute_of_its_noun() -> None:
    hits = _hits(
        "The town has a city population of 559,300, the census office says.",
        "The population of the town is 42,300.",
    )
    report = analyze("What is the population of the town?", hits)
    lead = report.groups[0]
    assert _texts(lead) == {"559,300", "42,300"}
    assert lead.status == "differ"


def test_a_bare_attribute_stays_apart_when_two_qualified_ones_could_claim_it() -> None:
    hits = _hits(
        "The interest rate was 4.25% in May.",
        "The growth rate was 1.5% in May.",
        "The rate was 3% in May.",
    )
    report = analyze("What was the interest rate?", hits)
    assert _texts(report.groups[0]) == {"4.25%"}


def test_a_noun_s_value_and_the_act_the_noun_names_are_one_measure() -> None:
    hits = _hits(
        "The board tabled an improved pay offer of 6.5% on Monday.",
        "Management later raised its offer to 7% to end the dispute.",
        "Inflation ran at 4% over the year.",
    )
    report = analyze("How big was the pay offer?", hits)
    lead = report.groups[0]
    assert _texts(lead) == {"6.5%", "7%"}
    assert lead.status == "differ"


def test_a_figure_asked_or_bid_for_is_keyed_by_the_act() -> None:
    hits = _hits(
        "The union is asking for 9%, its leader said.",
        "Management offered 4% in March.",
        "The rival made a bid for $4.6 billion.",
    )
    asked = analyze("How much is the union asking for?", hits)
    assert _texts(asked.groups[0]) == {"9%"}
    assert asked.groups[0].measure == "asking"
    bid = analyze("How much did the rival bid?", hits)
    assert _texts(bid.groups[0]) == {"$4.6 billion"}
