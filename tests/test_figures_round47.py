"""Sums hoped for, money put towards or contributed, things going or running again, joined or
linked up, a connection completed, kinds of things counted, depths below a point, work carried
out on a day, what a sum asked takes in, sums per thing, and readings no figure gives.
Sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.embedding import Embedder
from retrieval.figures.measures import question_measure
from retrieval.figures.rates import asked_unit, singular
from retrieval.figures.tokens import tokenize
from retrieval.topic import uncovered

try:
    from tests.conftest import ask_one_report as _ask_one
    from tests.conftest import lead_texts as _lead
    from tests.conftest import made_up_hits as _made_up
    from tests.conftest import mentions_by_text as _mentions
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import ask_one_report as _ask_one  # type: ignore[no-redef]
    from conftest import lead_texts as _lead  # type: ignore[no-redef]
    from conftest import made_up_hits as _made_up  # type: ignore[no-redef]
    from conftest import mentions_by_text as _mentions  # type: ignore[no-redef]


def _asked(question: str) -> frozenset[str]:
    measure = question_measure(tokenize(question))
    assert measure is not None
    return measure.events


def _words(question: str) -> tuple[str, ...]:
    measure = question_measure(tokenize(question))
    assert measure is not None
    return measure.words


def test_a_sum_hoped_for_is_the_target() -> None:
    texts = (
        "The choir's appeal hopes to raise £8,000 for a new organ.",
        "By Easter the appeal had raised £5,200.",
    )
    assert _lead("How much was the choir hoping to collect?", *texts) == ["£8,000"]


def test_what_was_raised_is_not_the_target() -> None:
    texts = (
        "The choir's appeal hopes to raise £8,000 for a new organ.",
        "By Easter the appeal had raised £5,200.",
    )
    assert _lead("How much has the choir's appeal raised?", *texts) == ["£5,200"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The parish council contributes £2,500 towards the new benches.",
        "The parish council will contribute £2,500 to the benches.",
    ],
)
def test_money_contributed_is_given_to_help(sentence: str) -> None:
    assert _mentions(sentence)["£2,500"].measure.events == frozenset({"pledge"})


def test_money_put_towards_something_asks_what_was_given() -> None:
    texts = (
        "The new benches by the pond will cost £6,000 to install.",
        "The parish council contributes £2,500 towards the benches.",
    )
    question = "How much did the parish council put towards the benches?"
    assert "pledge" in _asked(question)
    assert _lead(question, *texts) == ["£2,500"]


@pytest.mark.parametrize(
    "question",
    [
        "When was the chairlift set going again?",
        "On what day was the chairlift running again?",
        "When did the chairlift start again?",
    ],
)
def test_going_or_running_again_asks_a_restart(question: str) -> None:
    assert _asked(question) == frozenset({"reopening"})


def test_running_again_is_a_restart_not_a_second_one() -> None:
    measure = _mentions("The chairlift should be running again by 14 May.")["14 May"].measure
    assert measure.events == frozenset({"reopening"})
    assert "+" not in measure.key


@pytest.mark.parametrize(
    "question",
    [
        "When were the two tunnels joined up?",
        "When did the crews link Upper Mill Lane up with the bypass?",
    ],
)
def test_joined_or_linked_up_asks_a_connection(question: str) -> None:
    assert _asked(question) == frozenset({"connection"})


def test_a_connection_completed_on_a_day_is_its_date() -> None:
    sentence = "On 3 June 2026, engineers completed a connection to the mains supply."
    assert _mentions(sentence)["3 June 2026"].measure.events == frozenset({"connection"})


def test_kinds_of_a_thing_counted_are_covered_by_species() -> None:
    texts = ["The survey team recorded 42 species of beetle in the wood."]
    assert not uncovered("How many different kinds of insects did the survey find?", texts)
    assert uncovered("How many badgers did the survey find?", texts)


def test_a_length_below_a_point_is_a_depth() -> None:
    key = _mentions("The old shaft reaches 240 metres below the surface.")["240 metres"].measure.key
    assert key == ("size", "depth", "length")


def test_how_far_down_asks_the_depth() -> None:
    texts = (
        "The old adit runs for 3 kilometres under the hill.",
        "The lowest gallery lies 240 metres below the surface.",
    )
    assert _lead("How far down does the lowest gallery go?", *texts) == ["240 metres"]


def test_work_carried_out_on_a_day_is_dated_by_the_work() -> None:
    key = _mentions("The last inspection was carried out in 2019.")["2019"].measure.key
    assert key == ("date", "inspection")


def test_a_particle_of_an_event_still_names_it() -> None:
    measure = _mentions("The blaze broke out on 3 May 2026.")["3 May 2026"].measure
    assert measure.events == frozenset({"start"})


@pytest.mark.parametrize(
    ("question", "left_out"),
    [
        ("What did the appeal raise in total, grant and council money included?", "grant"),
        ("How much did the appeal raise including the lottery grant?", "lottery"),
    ],
)
def test_what_a_sum_takes_in_names_no_measure(question: str, left_out: str) -> None:
    words = _words(question)
    assert "rais" in words or "raise" in words or "raise" in _asked(question)
    assert not any(w.startswith(left_out[:5]) for w in words)


def test_a_passive_put_back_is_no_event_of_its_verb() -> None:
    measure = _mentions("The vote was put back from 26 February.")["26 February"].measure
    assert measure.key != ("date", "vote")


@pytest.mark.parametrize(
    ("sentence", "figure", "unit"),
    [
        ("Each installation cost £2,800 including diver time.", "£2,800", "installation"),
        ("The fund paid £400 to each household that flooded.", "£400", "household"),
        (
            "The firm agreed to pay £150,000 to the family of each of its employees.",
            "£150,000",
            "employee",
        ),
        ("The trust will send £30 to every runner who did not finish.", "£30", "runner"),
    ],
)
def test_a_sum_for_each_thing_is_per_that_thing(sentence: str, figure: str, unit: str) -> None:
    assert _mentions(sentence)[figure].measure.name.endswith(f"per {unit}")


def test_the_cost_of_doing_every_thing_is_a_total() -> None:
    sentence = "The report put the cost of bringing every road up to standard at £148m."
    assert "per" not in _mentions(sentence)["£148m"].measure.name


def test_a_sum_every_year_stays_per_year() -> None:
    measure = _mentions("The council spends £2m every year on the roads.")["£2m"].measure
    assert measure.name.endswith("per year")


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        ("How much did each family get?", "family"),
        ("What payout does a keeper receive per dead hive?", "hive"),
        ("What did it cost to put in each of the new moorings?", "mooring"),
    ],
)
def test_the_thing_a_sum_is_asked_per(question: str, unit: str) -> None:
    assert asked_unit(tokenize(question)) == unit


def test_a_sum_per_thing_answers_what_each_got() -> None:
    texts = (
        "The relief fund has paid out £1.2m in total since the floods.",
        "The fund paid £400 to each household whose home flooded.",
    )
    assert _lead("How much did each family get from the relief fund?", *texts) == ["£400"]


@pytest.mark.parametrize(
    ("question", "reading"),
    [
        ("What was the water temperature in the lake during the survey?", "temperature"),
        ("How hot did the lake get during the survey?", "temperature"),
        ("How much does the new survey buoy weigh?", "weight"),
    ],
)
def test_a_reading_asked_that_no_figure_gives_is_said_to_be_missing(
    question: str, reading: str
) -> None:
    from retrieval.figures import analyze

    texts = (
        "The survey of the lake covered 44 hectares and cost £18,000.",
        "Some 96 volunteers took part in the survey.",
    )
    report = analyze(question, _made_up(*texts))
    assert report.unmeasured == reading
    assert report.groups == []


@pytest.mark.parametrize(
    "question",
    [
        "How heavy were the survey's losses of equipment?",
        "How many divers braved the cold months of the survey?",
    ],
)
def test_an_adjective_alone_asks_no_reading(question: str) -> None:
    from retrieval.figures import analyze

    texts = ("The survey lost 12 pieces of equipment and 96 divers took part.",)
    assert analyze(question, _made_up(*texts)).unmeasured is None


def test_a_reading_the_passages_give_answers_it() -> None:
    from retrieval.figures import analyze

    texts = (
        "The survey of the lake covered 44 hectares and cost £18,000.",
        "The water temperature reached 19C in August.",
    )
    report = analyze("What was the water temperature in the lake?", _made_up(*texts))
    assert report.unmeasured is None
    assert report.groups[0].values[0].text == "19C"


def test_the_answer_to_a_reading_no_figure_gives_says_so(
    tmp_path: Path, real_embedder: Embedder
) -> None:
    body = (
        "The survey of Hollin Mere covered 44 hectares and cost £18,000. Some 96 volunteers "
        "took part, and the divers logged 214 dives over nine weeks."
    )
    question = "What was the water temperature in Hollin Mere during the survey?"
    answer = _ask_one(tmp_path, real_embedder, body, question)
    assert not answer.answered
    assert answer.summary == "The corpus gives no temperature for that."
    assert answer.figures == []


@pytest.mark.parametrize(
    ("word", "one"),
    [("families", "family"), ("moorings", "mooring"), ("species", "species"), ("bus", "bus")],
)
def test_a_unit_in_the_singular(word: str, one: str) -> None:
    assert singular(word) == one


def test_a_company_named_inc_is_no_inclusion() -> None:
    assert any(w.startswith("raise") or w == "rais" for w in _words("How much did Acme Inc raise?"))
