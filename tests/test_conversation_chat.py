"""Follow-ups where people ask them: Slack threads, Discord threads and reply chains, the
terminal (``ask --context``, ``chat``); the real core answers on the seeds."""

from __future__ import annotations

import json
from pathlib import Path

from bot.core import AnswerService

try:
    from tests.fakes import fake_discord as fd
    from tests.fakes import fake_slack as fs
    from tests.test_cli import SEEDS
    from tests.test_cli import run as run_cli
    from tests.test_discord_gateway import embeds_of, run, running
    from tests.test_slack_http import FakeCore, dump, send_event
    from tests.test_slack_http import running as slack_running
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from fakes import fake_discord as fd  # type: ignore[no-redef]
    from fakes import fake_slack as fs  # type: ignore[no-redef]
    from test_cli import SEEDS  # type: ignore[no-redef]
    from test_cli import run as run_cli  # type: ignore[no-redef]
    from test_discord_gateway import embeds_of, run, running  # type: ignore[no-redef]
    from test_slack_http import FakeCore, dump, send_event  # type: ignore[no-redef]
    from test_slack_http import running as slack_running  # type: ignore[no-redef]

IN_CONTEXT = "Deaths, in January:"


def test_slack_threads_keep_their_own_context(seed_service: AnswerService) -> None:
    fake = fs.FakeSlack().start()
    try:
        with slack_running(fake, FakeCore(seed_service.ask, forward=True)) as app:
            first = fs.mention("How many died?")
            send_event(app, first)
            fake.wait_for("chat.postMessage", timeout=60)
            # A reply in the answered thread, without a mention: read in context.
            send_event(app, fs.message("and in January?", thread_ts=first["ts"]))
            in_thread = fake.wait_for("chat.postMessage", 2, timeout=60)[1].params
            assert in_thread["thread_ts"] == first["ts"]
            assert IN_CONTEXT in dump(in_thread)
            # Another thread: the same words, no context (it asked nothing before).
            other = fs.mention("How many troops did North Korea send?")
            send_event(app, other)
            fake.wait_for("chat.postMessage", 3, timeout=60)
            send_event(app, fs.mention("and in January?", thread_ts=other["ts"]))
            elsewhere = fake.wait_for("chat.postMessage", 4, timeout=60)[3].params
            assert elsewhere["thread_ts"] == other["ts"]
            assert IN_CONTEXT not in dump(elsewhere)
            # A thread the bot never saw: the follow-up is answered on its own.
            unseen = fs.new_ts()
            send_event(app, fs.mention("and in January?", thread_ts=unseen))
            alone = fake.wait_for("chat.postMessage", 5, timeout=60)[4].params
            assert alone["thread_ts"] == unseen
            assert "Deaths, in January" not in dump(alone)
    finally:
        fake.stop()


def test_slack_thread_context_is_rebuilt_after_a_restart(seed_service: AnswerService) -> None:
    fake = fs.FakeSlack().start()
    root = fs.new_ts()
    # From an earlier run: the question that opened the thread and the bot's answer.
    fake.parents[("C0001", root)] = {
        "ts": root,
        "user": "UASKER1",
        "type": "message",
        "text": f"<@{fs.BOT_USER_ID}> How many died?",
    }
    fake.add_thread("C0001", root, {"ts": fs.new_ts(), "user": fs.BOT_USER_ID, "text": "…"})
    try:
        core = FakeCore(seed_service.ask, forward=True)
        with slack_running(fake, core) as app:
            send_event(app, fs.message("and in January?", thread_ts=root))
            post = fake.wait_for("chat.postMessage", timeout=60)[0].params
    finally:
        fake.stop()
    assert post["thread_ts"] == root
    assert IN_CONTEXT in dump(post)
    assert core.contexts[0]["earlier"] == ["How many died?"]
    assert len(fake.calls_to("conversations.replies")) == 1  # the one read, reused


def test_a_shared_ask_answer_opens_a_conversation(seed_service: AnswerService) -> None:
    from bot.render_slack import SHARED_PREFIX, question_context, render_answer

    fake = fs.FakeSlack().start()
    root = fs.new_ts()
    header = [question_context("How many died?", prefix=f"Ana{SHARED_PREFIX}")]
    shared = render_answer(seed_service.ask("How many died?"), header=header)
    fake.parents[("C0001", root)] = {
        "ts": root,
        "user": fs.BOT_USER_ID,
        "bot_id": fs.BOT_ID,
        "type": "message",
        **shared.as_kwargs(),
    }
    fake.add_thread("C0001", root)
    try:
        core = FakeCore(seed_service.ask, forward=True)
        with slack_running(fake, core) as app:
            send_event(app, fs.message("and in January?", thread_ts=root))
            post = fake.wait_for("chat.postMessage", timeout=60)[0].params
    finally:
        fake.stop()
    assert core.contexts[0]["earlier"] == ["How many died?"]
    assert IN_CONTEXT in dump(post)


def _text(calls: list[fd.Call]) -> str:
    return json.dumps([embeds_of(c) for c in calls] + [c.body for c in calls], ensure_ascii=False)


def test_discord_reply_chains_and_threads_keep_their_own_context(
    seed_service: AnswerService,
) -> None:
    async def scenario() -> None:
        async with running(seed_service.ask) as (client, fake):
            asked = await fake.send_mention("How many died?")
            await fake.wait_until(lambda: fake.replies_to(asked["id"]), timeout=60, what="answer")
            answer_id = fake.replies_to(asked["id"])[0].created_id
            assert answer_id is not None
            await fake.wait_until(  # the client has read the response to its post
                lambda: client.chains.key_of(0, answer_id).endswith(str(asked["id"])), timeout=10
            )
            # A reply to the bot's answer continues the conversation.
            reply = fake.message(
                f"<@{fd.BOT_ID}> and in January?", mentions=[fd.BOT_USER], message_type=19
            )
            reply["message_reference"] = {
                "message_id": str(answer_id),
                "channel_id": str(fd.CHANNEL_ID),
                "guild_id": str(fd.GUILD_ID),
            }
            await fake.dispatch("MESSAGE_CREATE", reply)
            await fake.wait_until(lambda: fake.replies_to(reply["id"]), timeout=60, what="reply")
            assert IN_CONTEXT in _text(fake.replies_to(reply["id"]))
            # The same words in a new message, and in a thread never asked in: on their own.
            for options in ({}, {"channel_id": fd.THREAD_ID}):
                alone = await fake.send_mention("and in January?", **options)
                await fake.wait_until(lambda a=alone: fake.replies_to(a["id"]), timeout=60)
                assert "Deaths, in January" not in _text(fake.replies_to(alone["id"]))
            # A thread is one conversation.
            opened = await fake.send_mention("How many died?", channel_id=fd.THREAD_ID)
            await fake.wait_until(lambda: fake.replies_to(opened["id"]), timeout=60)
            more = await fake.send_mention("and in January?", channel_id=fd.THREAD_ID)
            await fake.wait_until(lambda: fake.replies_to(more["id"]), timeout=60)
            assert IN_CONTEXT in _text(fake.replies_to(more["id"]))

    run(scenario)


def test_ask_with_context_prints_the_question_as_read(seed_index: Path) -> None:
    where = ("--corpus", str(SEEDS), "--index", str(seed_index))
    out = run_cli("ask", "--json", "--context", "How many died?", "and in January?", *where)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["interpreted_as"] == "Deaths, in January"
    assert data["summary"].startswith(IN_CONTEXT)
    plain = run_cli("ask", "--json", "How many died?", *where)
    assert json.loads(plain.stdout)["interpreted_as"] is None
    bad = run_cli("ask", "--context", "How many died?", *where)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1


def test_chat_keeps_context_until_a_new_conversation(seed_index: Path) -> None:
    lines = [
        "How many died?",
        "and in January?",
        "/new",
        "and in January?",
        "How many died?",
        "",
        "",
        "and in January?",
        "exit",
    ]
    where = ("--corpus", str(SEEDS), "--index", str(seed_index))
    out = run_cli("chat", *where, stdin="\n".join(lines) + "\n")
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("Deaths, in January") == 1, out.stdout
    assert out.stdout.count("New conversation") == 2
