"""Readings of counts, sums and questions in words no earlier test used: a place adverb after
the counted noun, a two-letter currency sign, "so far", a harm suffered, a cause clause in
the question, "put down to", a fine one may face, things found again. Sentences written for
these tests."""

from __future__ import annotations

import pytest

from retrieval.figures import analyze
from retrieval.figures.measures import question_measure
from retrieval.figures.tokens import tokenize
from retrieval.topic import uncovered

try:
    from tests.conftest import count_keys as _keys
    from tests.conftest import made_up_hits as _hits
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import count_keys as _keys  # type: ignore[no-redef]
    from conftest import made_up_hits as _hits  # type: ignore[no-redef]


@pytest.mark.parametrize(
    ("sentence", "figure", "entity"),
    [
        (
            "The freighter lost at least 60 containers overboard in the storm.",
            "at least 60",
            "containers",
        ),
        ("The airline flew 300 tourists abroad on Sunday.", "300", "visitors"),
        ("The lifeboat brought 12 fishermen ashore before dawn.", "12", "fishermen"),
    ],
)
def test_a_place_adverb_after_the_counted_noun_is_not_what_is_counted(
    sentence: str, figure: str, entity: str
) -> None:
    key = _keys(sentence)[figure]
    assert entity in key and "overboard" not in key and "abroad" not in key


def test_a_two_letter_sign_before_a_sum_is_its_currency() -> None:
    keys = _keys(
        "The trust has committed fl 12m to extra clinics.",
        "Now the trust says it has thrown twelve million florins at the problem.",
    )
    assert keys["fl 12m"][-1] == "money" and "florins" in keys["fl 12m"]
    assert keys["twelve million florins"][-1] == "money"


@pytest.mark.parametrize(
    "sentence",
    [
        "In 2023 the museum had 12,000 visitors, vs 10,000 a year before.",
        "The hall seats ca 12,000 people.",
    ],
)
def test_a_short_word_before_a_number_is_no_currency(sentence: str) -> None:
    assert all(key[-1] != "money" for key in _keys(sentence).values())


def test_so_far_asks_no_distance() -> None:
    hits = _hits(
        "Debris from the wreck reached 31 kilometres of coastline.",
        "Salvors have so far recovered 49 of the lost containers.",
    )
    answer = analyze("How many of the lost containers have been pulled back up so far?", hits)
    assert answer.groups and answer.groups[0].measure == "containers recovered"


@pytest.mark.parametrize(
    "question",
    ["How many of the lost crates have been located so far?", "How many crates were tracked down?"],
)
def test_things_found_again_are_recovered(question: str) -> None:
    hits = _hits(
        "The barge lost 74 crates in the gale, and another 41 crates were damaged.",
        "By Friday, divers had located 36 of the missing crates on the seabed.",
    )
    answer = analyze(question, hits)
    assert answer.groups and [v.text for v in answer.groups[0].values] == ["36"]


def test_a_harm_suffered_is_an_injury() -> None:
    keys = _keys("The review said 37 patients suffered serious harm while they waited.")
    assert keys["37"][:2] == ("harm", "injury")


def test_what_a_cause_clause_names_is_not_the_asked_act() -> None:
    hits = _hits(
        "By the end of January, 1,050 patients were still waiting longer than 18 weeks.",
        "At least 19 patients suffered harm that was probably caused by their delay.",
    )
    answer = analyze(
        "How many patients had their health damaged because they were left waiting?", hits
    )
    assert answer.groups and [v.text for v in answer.groups[0].values] == ["At least 19"]


@pytest.mark.parametrize(
    ("question", "event"),
    [
        ("How many patients' deaths have been put down to the delays?", "death"),
        ("How many sheep were put down after the outbreak?", "cull"),
    ],
)
def test_put_down_to_a_cause_is_no_culling(question: str, event: str) -> None:
    asked = question_measure(tokenize(question))
    assert asked is not None and asked.events == {event}


def test_a_fine_one_may_face_is_a_most_allowed() -> None:
    key = _keys("The shipping line could face a fine of up to 5 million marks, a lawyer said.")
    assert key["up to 5 million marks"][0] == "limit"


def test_sailors_are_crew() -> None:
    assert not uncovered(
        "How many sailors on board got hurt?",
        ["Two crew members were hurt when a stack collapsed, the coastguard said."],
    )


@pytest.mark.parametrize(
    ("sentence", "figure", "verb"),
    [
        ("Forty of the homes damaged in the storm have been repaired.", "Forty", "repair"),
        ("Three of the crates lost overboard were declared dangerous.", "Three", "~declar"),
    ],
)
def test_a_part_of_a_group_a_participle_names_is_of_the_sentences_verb(
    sentence: str, figure: str, verb: str
) -> None:
    assert _keys(sentence)[figure][1] == verb


def test_a_part_with_no_verb_after_keeps_its_participle() -> None:
    assert _keys("About 200 of the homes flooded in March.")["About 200"][1] == "~flood"
