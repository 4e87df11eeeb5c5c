"""Clubs and groups, things put up or fitted, a count in a typical week, figures aimed at, a
sum that must still be raised, a time placed by an event ("on the day the park opened"), and
"made up of". Sentences written for these tests."""

from __future__ import annotations

import pytest

from retrieval.figures import lexicon as lx
from retrieval.figures.measures import placing_phrase, question_measure
from retrieval.figures.rates import asked_period
from retrieval.figures.tokens import tokenize

try:
    from tests.conftest import lead_texts as _lead
    from tests.conftest import mentions_by_text as _mentions
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import lead_texts as _lead  # type: ignore[no-redef]
    from conftest import mentions_by_text as _mentions  # type: ignore[no-redef]


@pytest.mark.parametrize("word", ["clubs", "societies", "associations"])
def test_clubs_and_societies_are_groups(word: str) -> None:
    assert lx.entity_class(word) == lx.entity_class("groups")


def test_clubs_asked_are_counted_as_groups() -> None:
    texts = (
        "The community centre is used by 14 groups, from a choir to a chess circle.",
        "About 400 people visit the centre in an ordinary month.",
    )
    assert _lead("How many clubs and societies meet at the community centre?", *texts) == ["14"]


@pytest.mark.parametrize("word", ["installed", "fitted", "mounted", "bolted"])
def test_put_in_place_is_installed(word: str) -> None:
    assert lx.event_class(word) == frozenset({"installation"})


@pytest.mark.parametrize(
    "question",
    [
        "How many speed cameras were put up along the coast road?",
        "On what day was the last camera fixed in place?",
    ],
)
def test_put_up_and_fixed_in_place_ask_what_was_installed(question: str) -> None:
    measure = question_measure(tokenize(question))
    assert measure is not None
    assert "installation" in measure.events


def test_the_noun_installation_names_no_event_of_a_cost() -> None:
    mention = _mentions("The total cost, including installation and card readers, is £118,000.")
    assert "installation" not in mention["£118,000"].measure.events


def test_the_last_one_installed_answers_when_the_last_was_put_up() -> None:
    texts = (
        "The first of the new cabinets went up outside the post office on 26 February 2026.",
        "The last of the new cabinets was bolted to the wall of the chapel on 8 July 2026.",
    )
    assert _lead("On what date was the final cabinet fixed in place?", *texts) == ["8 July 2026"]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("About 300 people pass through the hall in a typical week.", "About 300"),
        ("On a good week we are seeing nearer 7,000 real shoppers.", "nearer 7,000"),
        ("Around 1,200 swimmers use the pool on an average day.", "Around 1,200"),
    ],
)
def test_a_count_in_a_typical_period_is_a_rate(text: str, count: str) -> None:
    assert any(" per " in part for part in _mentions(text)[count].measure.key)


def test_a_count_in_a_week_is_no_rate() -> None:
    key = _mentions("Some 300 people fell ill in a week.")["Some 300"].measure.key
    assert not any(" per " in part for part in key)


def test_a_question_in_a_typical_year_asks_per_year() -> None:
    assert asked_period(tokenize("How many visitors does the museum get in a typical year?")) == (
        "year"
    )


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Sessions run in every village, with the aim of training 500 residents.", "500"),
        ("The appeal hopes to raise £25,000 by the summer.", "£25,000"),
        ("By June, 486 residents had been trained, just short of the 500 it had hoped for.", "500"),
        ("Its goal is 40 new volunteers.", "40"),
    ],
)
def test_a_figure_aimed_at_is_a_target(text: str, figure: str) -> None:
    assert _mentions(text)[figure].measure.key[:2] == ("attr", "target")


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("He hoped the 300 people who came would return.", "300"),
        ("The developer wants to install some 110,000 panels.", "some 110,000"),
        ("By June, 486 residents had been trained.", "486"),
    ],
)
def test_a_figure_not_aimed_at_is_no_target(text: str, figure: str) -> None:
    assert _mentions(text)[figure].measure.key[:2] != ("attr", "target")


def test_a_count_reached_is_shown_apart_from_the_target() -> None:
    text = (
        "By the end of June, 486 residents had completed a first aid course, just short of "
        "the 500 the council had hoped for."
    )
    assert _lead("How many residents completed a first aid course?", text) == ["486"]


def test_a_sum_that_must_still_be_raised_is_the_target() -> None:
    texts = (
        "The share offer aims to raise £575,000 in total to buy the pub.",
        "Supporters have raised more than £200,000 in a fortnight.",
    )
    question = "How much does the group have to raise altogether to buy the pub?"
    assert _lead(question, *texts) == ["£575,000"]
    assert _lead("How much have supporters raised in the first fortnight?", *texts) == [
        "more than £200,000"
    ]


@pytest.mark.parametrize(
    "question",
    [
        "How many people came down on the day the skate park was opened?",
        "How many cars crossed in the week of the closure?",
    ],
)
def test_a_time_placed_by_an_event_is_a_placing_phrase(question: str) -> None:
    start, end = placing_phrase(tokenize(question))
    assert end > start


def test_on_the_last_day_places_nothing() -> None:
    assert placing_phrase(tokenize("How many people came on the day?")) == (0, 0)


def test_made_up_of_names_no_act() -> None:
    key = _mentions("The estate is made up of 16 homes.")["16"].measure.key
    assert key[0] == "entity"


@pytest.mark.parametrize(
    ("text", "figure", "event"),
    [
        ("In the end the final invoice came to £79,870.", "£79,870", "cost"),
        ("At the end of a long season, 300 members renewed.", "300", "~renew"),
    ],
)
def test_an_opening_in_the_end_is_a_time_not_the_figures_event(
    text: str, figure: str, event: str
) -> None:
    assert _mentions(text)[figure].measure.key[:2] == ("event", event)


def test_donors_gave_to_the_appeal() -> None:
    assert lx.event_class("donors") == frozenset({"raise"})
    texts = (
        "By Tuesday the appeal had reached £18,450, given by 212 donors.",
        "About 250 people came to the reopening of the hall.",
    )
    assert _lead("How many separate people chipped in to the roof collection?", *texts) == ["212"]


def test_the_amount_people_gave_is_a_sum_not_a_count_of_them() -> None:
    question = "Give me the amount that ordinary people have chipped in to the museum's appeal."
    measure = question_measure(tokenize(question))
    assert measure is not None
    assert measure.entity is None
    text = "The museum's public appeal has raised LRN 640,000 from 8,400 donors."
    assert _lead(question, text) == ["LRN 640,000"]


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("The arena fits 8,000 fans for a hockey match.", "8,000"),
        ("The hall can fit 300 people.", "300"),
        ("Some 1,200 roof bolts were checked.", "Some 1,200"),
    ],
)
def test_what_a_place_holds_or_a_bolt_is_nothing_installed(text: str, figure: str) -> None:
    assert "installation" not in _mentions(text)[figure].measure.events


def test_a_mountain_named_mount_is_nothing_installed() -> None:
    assert lx.event_class("Mount") is None
    assert lx.event_class("mounted") == frozenset({"installation"})


def test_runners_who_made_it_to_the_finish_finished() -> None:
    text = "By late afternoon an estimated 17,300 runners had made it to the finish."
    assert _mentions(text)["an estimated 17,300"].measure.key[:2] == ("event", "end")
    texts = (text, "The race director said 290 runners were treated by medics on the course.")
    assert _lead("How many runners completed the course?", *texts) == ["an estimated 17,300"]


def test_made_it_to_a_place_names_no_event() -> None:
    assert _mentions("About 40 swimmers made it to the shore.")["About 40"].measure.key[:2] != (
        "event",
        "end",
    )
