"""Follow-up questions: the reading rules, the bounded store, and answers in context with the
real core on the seeds (figures, quotes and sources of earlier answers)."""

from __future__ import annotations

import pytest

from bot.answer import Answer
from bot.conversation import ConversationStore, ReplyChains, read, replay
from bot.core import AnswerService


def read_after(question: str, *earlier: str) -> tuple[str, str | None]:
    reading = read(question, replay(earlier))
    return reading.question, reading.interpreted_as


def test_a_follow_up_with_a_time_takes_the_measure_from_before() -> None:
    merged, shown = read_after("and in January?", "How many died?")
    assert "died" in merged and "January" in merged
    assert shown == "Deaths, in January"
    # A later time replaces the earlier one; the measure stays.
    merged, shown = read_after("and in March?", "How many died?", "and in January?")
    assert "March" in merged and "January" not in merged and "died" in merged


def test_a_follow_up_with_a_measure_keeps_the_subject() -> None:
    merged, shown = read_after("what about the wounded?", "How many North Korean soldiers died?")
    assert merged.startswith("How many North Korean soldiers") and "wounded" in merged
    assert "died" not in merged
    assert shown is not None


def test_a_follow_up_with_a_subject_keeps_the_measure() -> None:
    merged, shown = read_after("what about the houses?", "How many people were evacuated?")
    assert "evacuated" in merged and "houses" in merged and "people" not in merged
    assert shown is not None


def test_a_claimant_is_kept_in_the_reading() -> None:
    merged, shown = read_after("and according to the ministry?", "How many died?")
    assert "died" in merged and merged.endswith("according to the ministry?")
    assert shown == "Deaths, according to the ministry"


@pytest.mark.parametrize(
    "question",
    [
        "How many troops did North Korea send?",
        "How many houses were destroyed in the storm?",
        "When did the levee fail?",
    ],
)
def test_a_question_that_stands_on_its_own_is_read_on_its_own(question: str) -> None:
    assert read_after(question, "How many died?") == (question, None)


def test_without_a_conversation_nothing_is_merged() -> None:
    assert read_after("and in January?") == ("and in January?", None)


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("which report says 300?", 300.0),
        ("Where does 4,700 come from?", 4700.0),
        ("who gives 600?", 600.0),
    ],
)
def test_questions_about_a_value_of_the_last_answer(question: str, value: float) -> None:
    reading = read(question, replay(["How many died?"]))
    assert reading.value == value and reading.interpreted_as is None


def test_a_new_question_with_a_year_is_not_about_the_last_answer() -> None:
    reading = read("How many troops were sent from Russia in 2024?", replay(["How many died?"]))
    assert reading.value is None and reading.interpreted_as is None


def test_a_new_measure_keeps_its_own_topic_words() -> None:
    merged, _ = read_after("Deaths in the flood?", "How many people were injured?")
    assert "flood" in merged and "injured" not in merged


def test_why_they_differ_is_about_the_last_answer() -> None:
    assert read("why do they differ?", replay(["How many died?"])).differ
    assert read("Why the difference?", replay(["How many died?"])).differ
    assert not read("why do they differ?", []).differ


def fake_answer(calls: list[str]) -> object:
    def answer(question: str) -> Answer:
        calls.append(question)
        return Answer(question, True, summary="ok")

    return answer


def test_the_store_keeps_few_turns_for_a_while_and_few_conversations() -> None:
    now = [0.0]
    store = ConversationStore(max_turns=2, max_age=60, max_conversations=2, clock=lambda: now[0])
    calls: list[str] = []
    answer = fake_answer(calls)
    for q in ("How many died?", "and in January?", "and in March?"):
        store.answer(q, answer, "a")  # type: ignore[arg-type]
    assert [t.question for t in store.turns("a")] == ["and in January?", "and in March?"]
    store.answer("How many died?", answer, "b")  # type: ignore[arg-type]
    store.answer("How many died?", answer, "c")  # type: ignore[arg-type]
    assert store.turns("a") == [] and len(store) == 2  # the least recently used went
    now[0] = 61.0
    assert store.turns("b") == [] and len(store) == 0  # idle too long: forgotten
    store.answer("and in January?", answer, "b")  # type: ignore[arg-type]
    assert calls[-1] == "and in January?"  # nothing left to merge with


def test_two_conversations_never_share_turns() -> None:
    store = ConversationStore()
    calls: list[str] = []
    answer = fake_answer(calls)
    store.answer("How many died?", answer, "one")  # type: ignore[arg-type]
    store.answer("and in January?", answer, "two")  # type: ignore[arg-type]
    store.answer("and in January?", answer, "one")  # type: ignore[arg-type]
    assert calls == ["How many died?", "and in January?", "How many died in January?"]


def test_reply_chains_follow_replies_and_forget_the_oldest() -> None:
    chains = ReplyChains(max_links=3)
    key = chains.key_of(1, None)
    chains.link(key, 1, 2)
    assert chains.key_of(3, 2) == key  # a reply to the answer
    assert chains.key_of(4, 99) != key  # a reply to a message never seen
    chains.link("other", 5, 6, 7)
    assert chains.key_of(8, 2) == "chain:8"


# --- with the real core on the seeds -------------------------------------------------------


def test_follow_ups_answered_in_context_on_the_seeds(seed_service: AnswerService) -> None:
    key = "test:seeds"
    first = seed_service.ask("How many died?", conversation=key)
    assert first.interpreted_as is None
    january = seed_service.ask("and in January?", conversation=key)
    assert january.interpreted_as == "Deaths, in January"
    assert january.summary.startswith("Deaths, in January:")
    assert "300" in january.summary and "600" not in january.summary
    assert january.to_dict()["interpreted_as"] == "Deaths, in January"

    which = seed_service.ask("which report says 300?", conversation=key)
    assert which.snippets and all("300" in s.quote for s in which.snippets)
    assert {v.doc_id for g in which.figures for v in g.values} == {"002_2d5f8284cf6943aa"}

    why = seed_service.ask("why do they differ?", conversation=key)
    assert "300" in why.summary and "600" in why.summary and "January" in why.summary
    assert why.figures[0].measure == "deaths"

    where = seed_service.ask("where does 4,700 come from?", conversation=key)
    docs = {v.doc_id for g in where.figures for v in g.values}
    assert docs and docs <= {"002_2d5f8284cf6943aa", "003_97aab1e512df7213", "004_d408daa410daf2b5"}
    assert all("4,700" in s.quote for s in where.snippets)

    # A question that stands on its own is answered as if asked first.
    alone = seed_service.ask("How many troops did North Korea send?", conversation=key)
    fresh = seed_service.ask("How many troops did North Korea send?")
    assert alone.interpreted_as is None and alone.to_dict() == fresh.to_dict()


def test_earlier_questions_stand_in_for_a_conversation(seed_service: AnswerService) -> None:
    answer = seed_service.ask("which report says 300?", earlier=["How many died?"])
    assert answer.snippets and {s.doc_id for s in answer.snippets} == {"002_2d5f8284cf6943aa"}
    standalone = seed_service.ask("and in January?", conversation="test:fresh")
    assert standalone.interpreted_as is None
