"""The chat gate on its own: allow-list, per-user rate limit, ask-or-notice."""

from __future__ import annotations

import ast
import logging
from pathlib import Path

import pytest

from bot import messages
from bot.answer import Answer
from bot.gate import AllowList, Gate, Notice, RateLimiter
from retrieval.errors import BadInputError


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_allow_list_is_parsed_once_and_ignores_blanks() -> None:
    allow = AllowList.parse(["C0AB", " #general ", "", "  ", "#"])
    assert allow.entries == frozenset({"C0AB", "general"})
    assert allow.allows("C0AB") and allow.allows(None, "general")
    # A channel without a name never matches through its blank name.
    assert not allow.allows("C0OTHER", "", None)
    assert AllowList.parse([" ", ""]).allows("anything")  # nothing listed: every channel


def test_gate_lets_private_conversations_through_the_allow_list() -> None:
    gate = Gate(["C0AB"], 0)
    assert gate.channel_allowed("C0AB")
    assert not gate.channel_allowed("D0DM")
    assert gate.channel_allowed("D0DM", private=True)


def test_rate_limit_is_per_user_and_slides() -> None:
    clock = Clock()
    limiter = RateLimiter(2, clock=clock)
    assert limiter.allow("ana") and limiter.allow("ana")
    assert not limiter.allow("ana")
    assert limiter.allow("bob")
    assert limiter.retry_after("ana") == pytest.approx(60.0)
    clock.now += 30
    assert not limiter.allow("ana")
    assert limiter.retry_after("ana") == pytest.approx(30.0)
    clock.now += 30
    assert limiter.allow("ana")
    assert RateLimiter(0, clock=clock).allow("ana")  # 0: no limit


def test_rate_limit_forgets_idle_users_so_memory_stays_bounded() -> None:
    clock = Clock()
    limiter = RateLimiter(3, clock=clock)
    # 100,000 people, ten new ones a second: only the last minute's are remembered.
    for n in range(100_000):
        assert limiter.allow(f"user-{n}")
        clock.now += 0.1
        assert len(limiter) <= 601
    assert len(limiter) >= 590
    clock.now += 60
    limiter.allow("late")
    assert len(limiter) == 1


def test_a_limited_user_is_told_once_per_wait() -> None:
    clock = Clock()
    gate = Gate([], 1, limiter=RateLimiter(1, clock=clock))
    assert gate.admit("ana") is None
    first = gate.admit("ana")
    assert first is not None and first.first
    assert first.notice.text == messages.RATE_LIMITED_MESSAGE.format(seconds=60)
    clock.now += 20
    again = gate.admit("ana")
    assert again is not None and not again.first
    assert "about 40 seconds" in again.notice.text
    clock.now += 40  # the wait is over: allowed, and told again after the next burst
    assert gate.admit("ana") is None
    later = gate.admit("ana")
    assert later is not None and later.first


def test_ask_or_notice(caplog: pytest.LogCaptureFixture) -> None:
    gate = Gate([], 0)
    answer = Answer(question="q", answered=True)
    assert gate.ask(lambda: answer) is answer

    def bad() -> Answer:
        raise BadInputError("question is empty")

    def broken() -> Answer:
        raise RuntimeError("index went away")

    assert gate.ask(bad) == Notice("question is empty")
    with caplog.at_level(logging.ERROR, logger="bot.gate"):
        assert gate.ask(broken, "how many?") == Notice(messages.APOLOGY_MESSAGE)
    assert "index went away" in caplog.text  # the traceback is logged, not shown


def _user_sentences() -> set[str]:
    return {
        v
        for k, v in vars(messages).items()
        if k.isupper() and isinstance(v, str) and len(v.split()) > 1
    }


def test_user_facing_sentences_are_defined_only_in_messages() -> None:
    sentences = _user_sentences()
    assert messages.NOTHING_FOUND_MESSAGE in sentences
    bot_dir = Path(messages.__file__).parent
    found = []
    for path in sorted(bot_dir.rglob("*.py")):
        if path.name == "messages.py":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and node.value in sentences:
                found.append(f"{path.name}:{node.lineno}")
    assert found == []
