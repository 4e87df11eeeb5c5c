"""A question that counts a thing the passages name but never count is not answered with
another count: "how many lynx does the park keep?" of a report that only says the park keeps
lynx gets no figure of wolves or homes."""

from __future__ import annotations

import pytest

from bot.core import AnswerService
from bot.messages import no_count
from retrieval.figures import analyze
from retrieval.figures.extract import read_mentions
from retrieval.topic import counted_noun, counts_noun

try:
    from tests.conftest import made_up_hits
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import made_up_hits  # type: ignore[no-redef]


@pytest.mark.parametrize(
    ("question", "noun"),
    [
        ("How many lynx does the Marrowfield park keep?", "lynx"),
        ("How many schools shut early because of the heat?", "schools"),
        ("How many visitors does the gallery get each year?", "visitors"),
        ("How many teachers went on strike?", "teachers"),
        ("How many website accounts had their passwords copied?", "accounts"),
        # "more" and a modifier say nothing of what is counted
        ("How many more soldiers did the country send?", None),
        # people in general, a class of people any report may call "people", an event
        ("How many people were evacuated?", None),
        ("How many troops did the country send?", None),
        ("How many workers went on strike?", None),
        ("How many deaths were there?", None),
        ("How many times has the dam burst?", None),
        ("How many of the faulty packs were recalled?", None),  # "of": a part, not a noun
        ("What share of homes lost power?", None),
        # a unit of an amount: the amount is asked, not a thing
        ("How many barrels of oil poured out?", None),
        ("How many dollars of help were offered?", None),
    ],
)
def test_the_counted_noun_is_the_questions_own_thing(question: str, noun: str | None) -> None:
    found = counted_noun(question)
    assert (found.text if found else None) == noun


def _counts(question: str, sentence: str) -> bool:
    noun = counted_noun(question)
    assert noun is not None
    hit = made_up_hits(sentence)[0]
    mentions = read_mentions(hit.passage, hit.document)
    assert mentions, sentence
    return any(counts_noun(noun, m.measure.entity, m.measure.words) for m in mentions)


def test_a_figure_counts_the_noun_by_its_word_or_its_class() -> None:
    assert _counts("How many lynx are there?", "The park keeps four lynx.")
    assert _counts("How many schools closed?", "Nine schools closed early on Friday.")
    # a word of the noun's class: tourists are visitors, households are homes
    assert _counts("How many visitors came?", "Some 40,000 tourists came in July.")
    assert _counts("How many dwellings were flooded?", "About 3,200 households were flooded.")
    assert not _counts("How many lynx are there?", "Nine wolves escaped on Sunday.")
    assert not _counts("How many schools closed?", "About 3,200 households were cut off.")


PARK = (
    "Marrowfield wildlife park keeps wolves, bears and lynx in its woodland enclosures.",
    "Nine wolves escaped from the park on Sunday after a storm brought down a fence.",
    "About 350 homes near the park were told to keep their doors shut.",
)


def test_a_noun_named_but_never_counted_gets_no_other_count() -> None:
    report = analyze("How many lynx does the park keep?", made_up_hits(*PARK))
    assert report.uncounted == "lynx"
    assert report.groups == []
    # a counted noun the passages do count is answered as before
    wolves = analyze("How many wolves got out of the park?", made_up_hits(*PARK))
    assert wolves.uncounted is None
    assert wolves.groups[0].values[0].text == "Nine"
    # a question of people, or of an event, asks no thing of its own
    homes = analyze("How many people near the park were told to stay indoors?", made_up_hits(*PARK))
    assert homes.uncounted is None
    # a thing the passages do not name may be counted under another name: the lead stands
    shoppers = analyze(
        "How many shoppers had their details stolen?",
        made_up_hits("Details of 1.2 million customers were stolen in the attack."),
    )
    assert shoppers.uncounted is None
    assert shoppers.groups[0].values[0].text == "1.2 million"
    # people named by what they do, even named in the passages, may be counted by their role
    named = made_up_hits(
        "Many shoppers are still waiting to hear whether they are among the victims.",
        "Details of 1.2 million customers were stolen in the attack.",
    )
    assert analyze("How many shoppers had their details stolen?", named).uncounted is None


def test_the_answer_says_the_corpus_gives_no_number(seed_service: AnswerService) -> None:
    # The seeds name the missiles Pyongyang sent, by their value, never by a number.
    answer = seed_service.ask("How many missiles did North Korea send to Russia?")
    assert answer.answered is False
    assert answer.summary == no_count("missiles")
    assert answer.figures == []
    assert seed_service.ask("How many troops did North Korea send?").answered
