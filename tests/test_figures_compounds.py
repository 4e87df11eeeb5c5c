"""Words that name a thing, not the count's act: a noun's first part ("the hire scooters",
"spot checks"), an adverb before a participle ("apparently occupied burrows"), "rather than"
after the counted noun; a kind after "of them" ("11 of them pedestrians"); a frame of
finding out ("checks found that …"); a change said after a comma (", down 26 percent");
"whether" after a date. Sentences written for these tests."""

from __future__ import annotations

import pytest

from retrieval.figures.extract import extract
from retrieval.figures.measures import question_measure
from retrieval.figures.tokens import tokenize

try:
    from tests.conftest import made_up_hits as _hits
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import made_up_hits as _hits  # type: ignore[no-redef]


def _keys(*texts: str) -> dict[str, tuple[str, ...]]:
    """Each figure's text → its measure's key."""
    return {m.value.text: m.measure.key for m in extract(_hits(*texts))}


def _asked(question: str) -> tuple[str, ...]:
    measure = question_measure(tokenize(question))
    assert measure is not None, question
    return measure.key


@pytest.mark.parametrize(
    "question",
    [
        "How many people got hurt in accidents involving the hire scooters during the trial?",
        "How many people were injured riding the rental bikes?",
        "How many riders were hurt on the hire bikes last summer?",
    ],
)
def test_a_noun_s_first_part_is_not_the_asked_act(question: str) -> None:
    assert _asked(question)[:2] == ("harm", "injury")


@pytest.mark.parametrize(
    ("question", "event"),
    [
        ("How many hire scooters were there?", "hire"),  # nothing else to ask: it stays
        ("How many runners set off from the start line?", "start"),
        ("How many people were hired by the firm?", "hire"),
    ],
)
def test_a_first_part_stays_when_the_question_names_no_other_act(question: str, event: str) -> None:
    assert _asked(question)[1] == event


def test_a_kind_after_of_them_is_a_part_of_the_count() -> None:
    keys = _keys(
        "By our count, at least 31 people were hurt in incidents involving the hire scooters "
        "during the trial, 11 of them pedestrians."
    )
    assert keys["at least 31"][:2] == ("harm", "injury")
    assert keys["11"][0] == "part" and keys["11"][1:3] == ("harm", "injury"), keys
    keys = _keys("Police arrested 40 people on Saturday, four of them children.")
    assert keys["40"][:2] == ("event", "arrest")
    assert keys["four"][0] == "part", keys


def test_of_them_before_a_verb_is_no_part_phrase() -> None:
    keys = _keys("The fleet has 400 vessels, and 311 of them carry cargo.")
    assert keys.get("311", ("",))[0] != "part", keys


def test_a_finding_frame_is_not_the_count_s_act() -> None:
    keys = _keys("Council spot checks found that the number deployed on the streets peaked at 550.")
    assert keys["550"][:2] == ("event", "send"), keys
    keys = _keys("Inspectors discovered that 40 homes had been damaged.")
    assert keys["40"][:3] == ("event", "damage", "homes"), keys


@pytest.mark.parametrize(
    ("sentence", "figure", "entity"),
    [
        ("The team recorded 18,420 apparently occupied burrows.", "18,420", "burrows"),
        ("There are now 40 newly built homes on the estate.", "40", "homes"),
        (
            "The island held 17,960 occupied burrows rather than the total announced.",
            "17,960",
            "burrows",
        ),
    ],
)
def test_an_adverb_is_never_the_counted_thing(sentence: str, figure: str, entity: str) -> None:
    key = _keys(sentence)[figure]
    assert entity in key and not any(k.endswith(("ly", "rather")) for k in key), key


def test_a_change_after_a_comma_is_of_the_count_before() -> None:
    keys = _keys(
        "A census counted about 18,400 occupied burrows on the island this spring, down 26 "
        "percent from the last survey."
    )
    assert keys["26 percent"] == ("attr", "burrow fall", "percent"), keys
    keys = _keys("The town has 4,100 hotel beds, up 5% on 2019.")
    assert keys["5%"][0] == "attr" and keys["5%"][1].endswith("rise"), keys


def test_a_change_after_a_comma_of_an_act_is_read_as_the_act() -> None:
    keys = _keys("Dealers sold 4,000 cars in May, down 12 percent on April.")
    assert keys["12 percent"][:2] == ("event", "sale"), keys


def test_whether_after_a_date_names_nothing_it_dates() -> None:
    keys = _keys("Councillors on the cabinet will decide later this month whether it continues.")
    assert keys["later this month"] != ("date", "whether"), keys
    assert "whether" not in keys["later this month"], keys


def test_a_clause_opened_by_whether_names_no_claimant() -> None:
    (mention,) = [
        m
        for m in extract(
            _hits(
                "The commission today opened an inquiry to examine whether the company "
                "reported a defect in its 4,000 vans in time."
            )
        )
        if m.value.text == "4,000"
    ]
    assert mention.value.claimed_by is None
