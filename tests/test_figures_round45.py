"""Those who "made it to" a gathering, "showed up", neighbours as residents, what a thing
had before an event ("before the work started"), and hundredths spoken after a currency
("two pounds fifty"). Sentences written for these tests."""

from __future__ import annotations

import pytest

from retrieval.figures import asked_doer
from retrieval.figures import lexicon as lx
from retrieval.figures.measures import question_measure
from retrieval.figures.numbers import find_quantities
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
    ("sentence", "figure"),
    [
        ("Twenty-two made it to the first rehearsal in the chapel last week.", "Twenty-two"),
        ("Only 31 made it to the consultation meeting on Tuesday.", "31"),
    ],
)
def test_made_it_to_a_gathering_attended_it(sentence: str, figure: str) -> None:
    measure = _mentions(sentence)[figure].measure
    assert measure.events == frozenset({"attendance"})
    assert measure.entity is None  # "made" is the verb, not what is counted


def test_made_it_to_a_place_attended_nothing() -> None:
    mentions = _mentions("Four of the swimmers made it to the shore before the boat arrived.")
    assert "attendance" not in mentions["Four"].measure.events


def test_showed_up_asks_who_attended() -> None:
    measure = question_measure(tokenize("How many volunteers actually showed up to the session?"))
    assert measure is not None
    assert measure.events == frozenset({"attendance"})


def test_those_who_made_it_to_the_practice_answer_who_showed_up() -> None:
    texts = (
        "The choir now has 40 members on its books.",
        "Seventeen made it to the first practice in the new hall, despite the snow.",
    )
    assert _lead("How many singers showed up to the first practice?", *texts) == ["Seventeen"]


@pytest.mark.parametrize("word", ["neighbours", "neighbors"])
def test_neighbours_are_residents(word: str) -> None:
    assert lx.entity_class(word) == lx.entity_class("residents")


def test_neighbours_asked_are_counted_as_residents() -> None:
    texts = (
        "A letter signed by 23 residents of Mill Street asked the club to turn the music down.",
        "The club says 300 of its members signed a petition for the late licence.",
        "Neighbours have complained about the noise for years.",
    )
    question = "How many Mill Street neighbours signed the letter about the music?"
    assert _lead(question, *texts) == ["23"]


@pytest.mark.parametrize(
    "question",
    [
        "How many players did the club have before the new season started?",
        "How many pupils did the school have after the extension opened?",
    ],
)
def test_what_a_thing_had_is_not_the_event_that_places_it(question: str) -> None:
    measure = question_measure(tokenize(question))
    assert measure is not None
    assert not measure.events  # the start or the opening says when, not what is counted


def test_the_event_of_a_pair_in_a_placing_phrase_is_not_asked() -> None:
    # "the doors open" names a reopening, but only to say when the cost is asked of
    question = "What will it cost to get the hall ready before the doors open again?"
    measure = question_measure(tokenize(question))
    assert measure is not None
    assert "reopening" not in measure.events


def test_the_players_a_club_had_lead_over_the_start() -> None:
    texts = (
        "Before the rebuild the club had 48 players; it now has 75.",
        "Work on the new stand started with 12 builders on site in March.",
    )
    question = "How many players did the club have before all the building work started?"
    assert _lead(question, *texts) == ["48"]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("A single fare is two pounds fifty.", 2.5, "pounds"),
        ("It is one pound fifty with a bus pass.", 1.5, "pounds"),
        ("A coffee there costs three dollars twenty-five.", 3.25, "dollars"),
        ("The fund had forty thousand pounds five years ago.", 40000, "pounds"),
        ("He paid two pounds for fifty stamps.", 2, "pounds"),
    ],
)
def test_hundredths_spoken_after_a_currency(text: str, value: float, unit: str) -> None:
    money = [q for q in find_quantities(tokenize(text)) if q.dimension == "money"]
    assert [(q.value, q.unit) for q in money] == [(value, unit)]


@pytest.mark.parametrize(
    ("question", "doer"),
    [
        ("How much did the county council put in towards the van?", {"county", "council"}),
        ("How big a sum did the heritage charity hand over?", {"heritage", "charity"}),
        ("How many people died in the fire?", set()),
        ("How many volunteer repairers does the group have?", set()),
        ("How much did the firm make after tax?", set()),
    ],
)
def test_the_doer_a_question_names(question: str, doer: set[str]) -> None:
    assert asked_doer(tokenize(question)) == {lx.lemma(w) for w in doer}


def test_the_sum_of_the_body_the_question_names_leads() -> None:
    texts = (
        "The county council's £20,000 grant covered 40 per cent of the cost.",
        "The final bill for the van came to £50,000, the trust said.",
        "Donations from the public reached £8,000 by the summer.",
    )
    question = "How much did the county council put in towards the van?"
    assert _lead(question, *texts) == ["£20,000"]


def test_a_share_answers_how_much_only_of_a_change() -> None:
    texts = (
        "Rents in the city went up by 12 per cent last year.",
        "The council spent £40,000 on a survey of rents.",
    )
    assert _lead("How much did rents in the city go up last year?", *texts) == ["12 per cent"]


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        ("We'll reopen the gates on Monday, the director said.", 20260316),
        ("The board is due to decide on Friday whether the café stays.", 20260313),
        ("The park reopened on Monday after the escape.", 20260309),
        ("It will stay shut, as it did on Monday.", 20260309),
        ("The relay team set a club record on Monday.", 20260309),
        ("The club is set to vote on Monday.", 20260316),
    ],
)
def test_a_weekday_of_what_is_to_come_is_the_next_one(sentence: str, day: int) -> None:
    from retrieval.figures.extract import extract

    # published on Thursday 12 March 2026
    dates = [m for m in extract(_hits((sentence, "2026-03-12"))) if m.kind == "date"]
    assert [m.value.low for m in dates] == [day]


@pytest.mark.parametrize(
    "question",
    [
        "When were visitors allowed back into the museum?",
        "When were people finally let back into the hall after the repairs?",
    ],
)
def test_let_back_in_asks_a_reopening(question: str) -> None:
    measure = question_measure(tokenize(question))
    assert measure is not None
    assert measure.events == frozenset({"reopening"})


def test_a_first_opening_does_not_answer_when_a_place_reopened() -> None:
    texts = (
        "Hallbrook Wildlife Park opened in 1987 and is home to 90 species.",
        "The wildlife park reopened its gates to visitors on 16 March.",
    )
    question = "On which day were visitors allowed back into the wildlife park?"
    assert _lead(question, *texts) == ["16 March"]


@pytest.mark.parametrize(
    ("question", "event"),
    [
        ("What date did the goats first get out of their field?", "escape"),
        ("When does the choir set off on its autumn tour?", "start"),
        ("On what date did the trial scheme come to a close?", "end"),
    ],
)
def test_phrases_of_getting_out_setting_off_and_coming_to_a_close(
    question: str, event: str
) -> None:
    measure = question_measure(tokenize(question))
    assert measure is not None
    assert measure.events == frozenset({event})


@pytest.mark.parametrize(
    "question",
    [
        "When did the old cap on rent rises stop applying?",
        "On what date did the council stop taking comments on the plan?",
    ],
)
def test_when_something_stopped_doing_asks_an_end(question: str) -> None:
    measure = question_measure(tokenize(question))
    assert measure is not None
    assert measure.events == frozenset({"end"})


def test_how_many_stopped_doing_is_no_end() -> None:
    measure = question_measure(tokenize("How many shops stopped trading last year?"))
    assert measure is not None
    assert "end" not in measure.events
