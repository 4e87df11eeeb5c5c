"""Readings of a figure set against the one before it ("not 11 as first stated", "up from the
27 reported"), of "known to have died", of hyphenated modifiers ("long-finned pilot whales")
and of nouns the stemmer lists among irregular forms ("aircraft", "bodies"). Sentences written
for these tests."""

from __future__ import annotations

import pytest

from retrieval.figures import analyze
from retrieval.figures import lexicon as lx
from retrieval.figures.measures import placing_words, question_measure
from retrieval.figures.tokens import tokenize

try:
    from tests.conftest import count_keys as _keys
    from tests.conftest import made_up_hits as _hits
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import count_keys as _keys  # type: ignore[no-redef]
    from conftest import made_up_hits as _hits  # type: ignore[no-redef]


@pytest.mark.parametrize(
    ("sentence", "first", "second"),
    [
        ("The union said 52 nurses were injured, not 38 as the trust first claimed.", "52", "38"),
        ("The union said 52 nurses were injured, not the 38 reported by the trust.", "52", "38"),
        (
            "Officials say 64 people are now known to have been hurt, up from the 27 reported "
            "on Monday.",
            "64",
            "27",
        ),
        (
            "The repairs cost £4.1 million, well above the £2.5 million budgeted in March.",
            "£4.1 million",
            "£2.5 million",
        ),
    ],
)
def test_a_figure_set_against_the_one_before_is_another_value_of_its_measure(
    sentence: str, first: str, second: str
) -> None:
    keys = _keys(sentence)
    assert keys[second] == keys[first]


def test_a_sum_drawn_from_is_not_the_share_before_it() -> None:
    keys = _keys("Holders will get 35% of their money back, paid from the £4.2m fund.")
    assert keys["35%"][0] == "share"
    assert keys["£4.2m"][0] != "share"


def test_known_to_have_died_counts_deaths() -> None:
    keys = _keys("Of the 90 climbers who set out, 12 are now known to have died.")
    assert keys["12"] == ("harm", "death", "count")
    assert keys["90"] != keys["12"]


def test_a_hyphenated_modifier_is_neither_the_counted_noun_nor_an_event() -> None:
    # "finned" stems as "fined" would: no penalty of 163 "long"
    keys = _keys("In all, 163 long-finned pilot whales came ashore on the spit.")
    assert "penalty" not in keys["163"]
    assert "whales" in keys["163"]
    assert "cottages" in _keys("Some 40 storm-damaged cottages were rebuilt.")["Some 40"]


def test_a_compass_direction_stays_a_direction() -> None:
    # no "east" counted nor sized: how far from the town (figures 161: was the bare length)
    keys = _keys("The epicentre was about 18 km north-east of the town.")
    assert keys["about 18 km"] == ("size", "distance from town", "length")


@pytest.mark.parametrize(
    ("sentence", "figure", "noun"),
    [
        ("Some 30 enemy aircraft were shot down over the coast.", "Some 30", "aircraft"),
        ("The team recovered 9 charred bodies from the wreck.", "9", "bodies"),
        ("About 120 flood-hit families were moved to the school.", "About 120", "families"),
    ],
)
def test_a_plural_the_stemmer_lists_is_a_noun_not_a_verb(
    sentence: str, figure: str, noun: str
) -> None:
    assert noun in _keys(sentence)[figure]
    assert not lx.is_participle(noun)


def test_a_clause_subject_before_a_verb_of_saying_ends_the_counted_noun() -> None:
    keys = _keys("Investigators found the three paintings police say were stolen in May.")
    assert "paintings" in keys["three"]
    assert "police" not in keys["three"]


def test_the_placing_phrase_holds_a_hyphenated_event_as_a_text_reads_it() -> None:
    placed = placing_words(tokenize("When did the shop reopen after the break-in?"))
    assert lx.lemma("break-in") in placed


def test_another_partys_figure_of_a_number_is_of_the_measure_before() -> None:
    keys = _keys(
        "A survey found that 55,000 people joined the rally, well above the police figure of "
        "41,000."
    )
    assert keys["41,000"] == keys["55,000"]
    # "a total of" opens a figure of its own
    keys = _keys("Nine riders failed tests, from a total of 247 samples collected this season.")
    assert "samples" in keys["247"]


def test_police_and_officers_are_one_class_of_people() -> None:
    keys = _keys("Some 2,400 officers were deployed.", "About 2,400 police were deployed.")
    assert keys["Some 2,400"] == keys["About 2,400"]
    wanted = question_measure(tokenize("How many police were sent onto the streets?"))
    assert wanted is not None and wanted.entity == "police"


def test_custody_is_an_arrest() -> None:
    wanted = question_measure(tokenize("How many people were taken into custody?"))
    assert wanted is not None and "arrest" in wanted.events


def test_the_counted_noun_of_a_partitive_how_many_is_its_own() -> None:
    wanted = question_measure(tokenize("How many of the escaped goats did workers end up killing?"))
    assert wanted is not None and wanted.entity == "animals"


def test_how_much_towards_a_group_of_people_counts_no_people() -> None:
    wanted = question_measure(tokenize("How much is the county putting towards its workers?"))
    assert wanted is not None and wanted.entity is None


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        # a limit word in the phrase that places the asked change asks no limit
        ("By what percentage have rents gone up since the old limit ended?", "rents rise"),
        # "the value of" asks a sum, not the harm done
        ("What was the value of the harm done to the shops?", "pounds damaged"),
    ],
)
def test_what_the_question_asks_leads(question: str, lead: str) -> None:
    hits = _hits(
        "Rents have risen 19 per cent since the cap ended in March.",
        "The old limit allowed rises of at most 5 per cent a year.",
        "Rioters caused £340,000 of damage to shops, and 14 people were injured.",
    )
    report = analyze(question, hits)
    assert report.groups and report.groups[0].measure == lead


@pytest.mark.parametrize(
    "question",
    ["How many did police arrest?", "How many of them did workers get back to the water?"],
)
def test_the_subject_after_how_many_did_is_who_did_it_not_what_is_counted(question: str) -> None:
    wanted = question_measure(tokenize(question))
    assert wanted is not None and wanted.entity is None
