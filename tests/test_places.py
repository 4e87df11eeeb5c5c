"""Where-questions: the places a sentence names, the place the documents agree on, and the
quotes and lead sentence chosen for it (``retrieval.places``, ``bot.core``)."""

from __future__ import annotations

import re

import pytest

from bot.core import AnswerService
from retrieval.places import asks_where, common_places, favour_places, places


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("Troops fought in the Kursk region in western Russia.", ["kursk", "russia"]),
        ("The first case came from the Harrow Quay neighbourhood.", ["harrow quay"]),
        ("A cholera outbreak was declared in the coastal city of Port Averne.", ["port averne"]),
        ("Water is handed out at Thornwick Leisure Centre from 2pm.", ["thornwick leisure centre"]),
        ("It began in a pine plantation beside Tallon Creek.", ["tallon creek"]),
        ("Evacuees are staying in shelters.", [""]),
        ("North Korean troops fighting in Kursk Oblast could move.", ["kursk oblast"]),
        # no place: a month, a weekday, "at least", a name that is an adjective, an idiom
        ("The dam burst in March and was repaired on Monday.", []),
        ("At least 300 people were hurt at least twice.", []),
        ("He is held in Russian custody.", []),
        ("She spoke in favour of Russia.", []),
        ("It raises questions about the war with Ukraine.", []),
    ],
)
def test_the_places_a_sentence_names(sentence: str, names: list[str]) -> None:
    found = places(sentence)
    assert [p.name for p in found] == names
    for place in found:  # the text is the sentence's own
        assert sentence[place.start : place.end] == place.text


@pytest.mark.parametrize(
    ("question", "where"),
    [
        ("Where are the soldiers fighting?", True),
        ("In which region are the troops deployed?", True),
        ("Which countries are affected by the recall?", True),
        ("From where did the fire spread?", True),
        ("What location was chosen for the plant?", True),
        ("Which companies were hired to build the bridge?", False),
        ("where does 4,700 come from?", False),  # a source, not a place
        ("Who reported the figures?", False),
        ("How many people died?", False),
        ("What happened to the school?", False),
    ],
)
def test_which_questions_ask_where(question: str, where: bool) -> None:
    assert asks_where(question) is where


def test_the_place_most_documents_name_for_what_is_asked_leads() -> None:
    question = "Where did the fire begin?"
    texts = [
        "The fire began in a plantation beside Tallon Creek on Sunday.",
        "Smoke reached Marrowby by the evening.",  # shares no word with the question
        "Investigators said the fire started near Tallon Creek.",  # "started" is "begin"
        "The fire began, residents of Fenby said.",  # no place named in the sentence
        "A second fire began in Fenby later.",
    ]
    docs = ["a", "b", "c", "d", "e"]
    assert common_places(question, texts, docs) == ["tallon creek", "fenby"]
    # how close each passage is to the question weighs in
    assert common_places(question, texts, docs, [0.1, 0.1, 0.1, 0.1, 1.0]) == ["fenby"]


def test_quotes_name_the_leading_place_and_a_rival_one() -> None:
    question = "Where did the fire begin?"
    texts = [
        "The fire destroyed 340 homes.",  # 0: no place
        "Firefighters said the fire began beside Tallon Creek.",  # 1
        "The cost of the fire is not known.",  # 2: no place
        "The fire began near Tallon Creek, the report says.",  # 3
        "Residents insist the fire began in Fenby.",  # 4
    ]
    order, named = favour_places(question, texts, ["a", "b", "c", "d", "e"], [0, 1, 2])
    assert named == ["tallon creek", "fenby"]
    # two passages naming the first place, one naming the second, first; the rest after
    assert order == [1, 3, 4]


def test_quotes_that_name_no_place_keep_their_order() -> None:
    texts = ["The fire destroyed 340 homes.", "It began on Sunday.", "Crews are still there."]
    assert favour_places("Where did the fire begin?", texts, ["a", "b", "c"], [0, 2]) == (
        [0, 2],
        [],
    )


def test_where_the_soldiers_are_fighting_is_quoted(seed_service: AnswerService) -> None:
    answer = seed_service.ask("Where are the North Korean soldiers fighting?")
    assert answer.answered
    assert answer.figures == []
    assert any("Kursk" in s.quote for s in answer.snippets), [s.quote for s in answer.snippets]
    lead, _, source = answer.summary.rpartition(" (")
    assert re.search(r"\b(Kursk|Ukraine)\b", lead), answer.summary
    assert any(" ".join(lead.split()) in " ".join(s.quote.split()) for s in answer.snippets)
    assert source.endswith(")")
