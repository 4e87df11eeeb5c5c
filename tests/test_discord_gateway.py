"""The Discord adapter end to end: a real ``discord.Client`` against a fake Discord on 127.0.0.1.

The fake speaks the gateway (HELLO, heartbeats, IDENTIFY → READY → GUILD_CREATE, then the
events each test sends) and the REST API; every post the client makes is recorded and
checked against Discord's limits.
"""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import threading
import time
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from typing import Any

import discord
import pytest
import yarl

from bot.answer import Answer
from bot.discord_app import CorpusbotClient, serve
from bot.discord_endpoints import discord_endpoints
from bot.feedback import FeedbackStore
from bot.messages import APOLOGY_MESSAGE, NOT_HERE_MESSAGE, NOTHING_FOUND_MESSAGE
from bot.messages import DISCORD_HELP_MESSAGE as HELP_MESSAGE
from bot.settings import Settings
from retrieval.errors import (
    BackendUnavailableError,
    BadInputError,
    CorpusbotError,
    IndexLoadError,
)

try:
    from tests.fakes import fake_discord as fd
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from fakes import fake_discord as fd  # type: ignore[no-redef]

pytestmark = pytest.mark.timeout(60)


# --- harness ----------------------------------------------------------------------------


class FakeCore:
    """A blocking ``ask`` like the real core's, with canned answers; records its calls."""

    def __init__(
        self,
        answers: dict[str, Callable[[str], Answer]] | None = None,
        *,
        delay: float = 0.0,
        gate: threading.Event | None = None,
    ) -> None:
        self.answers = answers or {}
        self.delay = delay
        # When given, each call waits (at most 30 s) until the test sets it.
        self.gate = gate
        self.questions: list[str] = []
        self.conversations: list[str | None] = []
        self.finished = 0
        self.threads: set[str] = set()
        # When set, each call checks that this event loop still runs while it works.
        self.loop: asyncio.AbstractEventLoop | None = None
        self.loop_responsive = 0
        self._lock = threading.Lock()

    def __call__(self, question: str, *, conversation: str | None = None, **_: Any) -> Answer:
        self.conversations.append(conversation)
        with self._lock:
            self.questions.append(question)
            self.threads.add(threading.current_thread().name)
        if self.loop is not None:
            # Called on the loop's own thread this would wait forever (here: time out).
            asyncio.run_coroutine_threadsafe(asyncio.sleep(0), self.loop).result(timeout=10)
            with self._lock:
                self.loop_responsive += 1
        if self.delay:
            time.sleep(self.delay)  # blocking, like embedding and search
        if self.gate is not None:
            self.gate.wait(timeout=30)
        make = self.answers.get(question, fd.quake_answer)
        answer: Answer = make(question)
        with self._lock:
            self.finished += 1
        return answer


def settings_for(fake: fd.FakeDiscord, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "discord_token": fake.token,
        "discord_api_url": fake.api_url,
        "discord_gateway_url": fake.gateway_url,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@asynccontextmanager
async def running(
    core: Callable[[str], Answer],
    *,
    fake: fd.FakeDiscord | None = None,
    feedback: FeedbackStore | None = None,
    **overrides: Any,
) -> AsyncIterator[tuple[CorpusbotClient, fd.FakeDiscord]]:
    """A fake Discord and a connected client; both closed afterwards, whatever happens."""
    fake = fake or fd.FakeDiscord()
    async with fake:
        with discord_endpoints(fake.api_url, fake.gateway_url):
            client = CorpusbotClient(
                settings_for(fake, **overrides), core, feedback=feedback, guild_ready_timeout=0.05
            )
            task = asyncio.create_task(client.start(fake.token))
            try:
                await fake.wait_connected()
                await fake.wait_until(client.is_ready, what="the client to be ready")
                yield client, fake
            finally:
                await client.close()
                await asyncio.wait_for(task, timeout=10)


def run(scenario: Callable[[], Coroutine[Any, Any, None]]) -> None:
    asyncio.run(scenario())


def embeds_of(call: fd.Call) -> list[dict[str, Any]]:
    embeds: list[dict[str, Any]] = call.body.get("embeds") or []
    return embeds


def all_text(calls: list[fd.Call]) -> str:
    return json.dumps([c.body for c in calls], ensure_ascii=False)


def assert_no_pings(calls: list[fd.Call]) -> None:
    for call in calls:
        mentions = call.body.get("allowed_mentions")
        assert mentions is not None, f"no allowed_mentions on {call.method} {call.path}"
        assert mentions.get("parse") == [], mentions
        assert not mentions.get("users") and not mentions.get("roles"), mentions
        assert mentions.get("replied_user") in (None, False), mentions


# --- mentions -----------------------------------------------------------------------------


def test_mention_is_answered_with_quote_and_source() -> None:
    core = FakeCore()

    async def scenario() -> None:
        async with running(core) as (_client, fake):
            question = await fake.send_mention("how many died?")
            await fake.wait_until(lambda: fake.replies_to(question["id"]), what="a reply")
            replies = fake.replies_to(question["id"])
            assert core.questions == ["how many died?"]
            assert all(c.status in (200, 204) and not c.errors for c in fake.calls)
            assert all(c.path == f"/channels/{fd.CHANNEL_ID}/messages" for c in replies)
            embeds = [e for c in replies for e in embeds_of(c)]
            summary = embeds[0]
            assert "Reports differ on deaths" in summary["description"]
            # Figures side by side: a header per group, then one inline field per value.
            fields = summary["fields"]
            assert fields[0]["name"].startswith("Deaths — reports differ")
            inline = [f for f in fields if f.get("inline")]
            assert [f["name"] for f in inline] == ["at least 612 · deaths", "about 600 · deaths"]
            assert "Quake toll passes 600" in inline[0]["value"]
            assert "on Tuesday" in inline[0]["value"]
            assert "Earthquake: what we know" in inline[1]["value"]
            # Quotes under their document title (a link when there is a url) and publisher.
            quotes = embeds[1:]
            assert quotes[0]["title"] == "Quake toll passes 600"
            assert quotes[0]["url"] == "https://example.com/reuters/quake%20%28update%29"
            assert "At least 612 people died in the earthquake" in quotes[0]["description"]
            assert quotes[0]["footer"]["text"] == "Reuters · 2024-04-02"
            assert quotes[1]["title"] == "Earthquake: what we know"
            assert "url" not in quotes[1]
            assert quotes[1]["footer"]["text"] == "BBC News"
            # The reply does not ping the asker, nor anyone named in the corpus.
            assert_no_pings(replies)
            assert "@everyone" not in all_text(replies)
            assert "<@123456789012345678>" not in all_text(replies)
            # The typing indicator ran in that channel.
            assert fake.calls_to("POST", f"/channels/{fd.CHANNEL_ID}/typing")

    run(scenario)


def test_messages_without_a_mention_are_ignored() -> None:
    core = FakeCore()

    async def scenario() -> None:
        async with running(core) as (_client, fake):
            await fake.send_message("how many died?")
            await fake.send_message("@corpusbot how many died?")  # text, not a mention
            await fake.send_message(f"<@{fd.USER_ID}> how many died?", mentions=[fd.ASKER])
            # A mention afterwards is answered: the ones before were seen and skipped.
            last = await fake.send_mention("and now?")
            await fake.wait_until(lambda: fake.replies_to(last["id"]), what="a reply")
            assert core.questions == ["and now?"]
            assert (
                len({c.body["message_reference"]["message_id"] for c in fake.message_posts()}) == 1
            )

    run(scenario)


def test_other_bots_and_itself_are_ignored() -> None:
    core = FakeCore()

    async def scenario() -> None:
        async with running(core) as (_client, fake):
            await fake.send_mention("how many died?", author=fd.OTHER_BOT)
            await fake.send_mention("how many died?", author=fd.BOT_USER)
            await fake.send_message("a question", author=fd.OTHER_BOT, dm=True)
            # A system message (here: a member joined) is not a question, mention or not.
            await fake.send_mention("welcome!", message_type=7)
            last = await fake.send_mention("and now?")
            await fake.wait_until(lambda: fake.replies_to(last["id"]), what="a reply")
            assert core.questions == ["and now?"]

    run(scenario)


def test_mention_by_the_bot_role_is_answered() -> None:
    core = FakeCore()

    async def scenario() -> None:
        async with running(core) as (_client, fake):
            asked = await fake.send_message(
                f"<@&{fd.BOT_ROLE_ID}> how many died?", mention_roles=[fd.BOT_ROLE_ID]
            )
            await fake.wait_until(lambda: fake.replies_to(asked["id"]), what="a reply")
            assert core.questions == ["how many died?"]

    run(scenario)


def test_direct_message_is_answered_in_the_dm() -> None:
    core = FakeCore()

    async def scenario() -> None:
        async with running(core) as (_client, fake):
            asked = await fake.send_message("how many died?", dm=True)
            await fake.wait_until(lambda: fake.replies_to(asked["id"]), what="a reply")
            posts = fake.replies_to(asked["id"])
            assert all(c.path == f"/channels/{fd.DM_CHANNEL_ID}/messages" for c in posts)
            assert core.questions == ["how many died?"]
            assert "Quake toll passes 600" in all_text(posts)
            assert_no_pings(posts)

    run(scenario)


def test_empty_mention_gets_help_and_nothing_found_is_short() -> None:
    core = FakeCore({"what about mars?": fd.nothing_answer})

    async def scenario() -> None:
        async with running(core) as (_client, fake):
            empty = await fake.send_mention("")
            mars = await fake.send_mention("what about mars?")
            await fake.wait_until(
                lambda: fake.replies_to(empty["id"]) and fake.replies_to(mars["id"]),
                what="two replies",
            )
            assert fake.replies_to(empty["id"])[0].body["content"] == HELP_MESSAGE
            nothing = fake.replies_to(mars["id"])
            assert len(nothing) == 1
            assert nothing[0].body["content"] == NOTHING_FOUND_MESSAGE
            assert not nothing[0].body.get("embeds")
            assert core.questions == ["what about mars?"]

    run(scenario)


# --- channels, rate limit, errors ---------------------------------------------------------


def test_channel_allow_list() -> None:
    core = FakeCore()

    async def scenario() -> None:
        async with running(core, discord_channels=[str(fd.CHANNEL_ID)]) as (_client, fake):
            await fake.send_mention("elsewhere?", channel_id=fd.OTHER_CHANNEL_ID)
            dm = await fake.send_message("in a dm?", dm=True)
            here = await fake.send_mention("here?")
            await fake.wait_until(
                lambda: fake.replies_to(here["id"]) and fake.replies_to(dm["id"]),
                what="replies",
            )
            assert sorted(core.questions) == ["here?", "in a dm?"]
            assert not fake.message_posts(fd.OTHER_CHANNEL_ID)

    run(scenario)


def test_channel_allow_list_by_name_covers_threads() -> None:
    core = FakeCore()

    async def scenario() -> None:
        async with running(core, discord_channels=["#general"]) as (_client, fake):
            await fake.send_mention("elsewhere?", channel_id=fd.OTHER_CHANNEL_ID)
            in_thread = await fake.send_mention("in the thread?", channel_id=fd.THREAD_ID)
            await fake.wait_until(lambda: fake.replies_to(in_thread["id"]), what="a reply")
            assert core.questions == ["in the thread?"]
            assert fake.replies_to(in_thread["id"])[0].path == f"/channels/{fd.THREAD_ID}/messages"

    run(scenario)


def test_rate_limit_is_per_user_and_polite() -> None:
    core = FakeCore()
    other = fd.user(fd.USER_ID + 1, "bob")

    async def scenario() -> None:
        async with running(core, rate_limit_per_minute=2) as (_client, fake):
            asked = [await fake.send_mention(f"question {i}") for i in range(4)]
            bob = await fake.send_mention("bob's question", author=other)
            await fake.wait_until(
                lambda: (
                    all(fake.replies_to(m["id"]) for m in asked[:3]) and fake.replies_to(bob["id"])
                ),
                what="replies",
            )
            await asyncio.sleep(0.2)
            assert sorted(core.questions) == ["bob's question", "question 0", "question 1"]
            notice = fake.replies_to(asked[2]["id"])[0].body["content"]
            assert "please wait about" in notice and "seconds" in notice
            # Told once per wait, not once per message.
            assert not fake.replies_to(asked[3]["id"])

    run(scenario)


def test_errors_are_answered_with_an_apology_and_the_bot_stays_connected(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(question: str) -> Answer:
        raise IndexLoadError("the index is damaged")

    def bad(question: str) -> Answer:
        raise BadInputError("The question is too long (2,345 characters; the limit is 2,000).")

    def crash(question: str) -> Answer:
        raise RuntimeError("boom")

    core = FakeCore({"broken": broken, "bad": bad, "crash": crash})

    async def scenario() -> None:
        async with running(core) as (client, fake):
            sent = {q: await fake.send_mention(q) for q in ("broken", "bad", "crash")}
            await fake.wait_until(
                lambda: all(fake.replies_to(m["id"]) for m in sent.values()), what="replies"
            )
            content = {q: fake.replies_to(m["id"])[0].body["content"] for q, m in sent.items()}
            assert content["broken"] == APOLOGY_MESSAGE
            assert content["crash"] == APOLOGY_MESSAGE
            assert content["bad"].startswith("The question is too long")
            # /ask, too: deferred, then the apology instead of an answer.
            interaction = await fake.send_interaction("crash")
            await fake.wait_until(lambda: fake.followups(interaction["token"]), what="a reply")
            assert fake.followups(interaction["token"])[0].body["content"] == APOLOGY_MESSAGE
            after = await fake.send_mention("how many died?")
            await fake.wait_until(lambda: fake.replies_to(after["id"]), what="a reply")
            assert not client.is_closed()

    with caplog.at_level("ERROR", logger="bot.discord_app"):
        run(scenario)
    assert "boom" in caplog.text


def test_reconnects_and_resumes_after_the_gateway_drops_it() -> None:
    core = FakeCore()

    async def scenario() -> None:
        async with running(core) as (client, fake):

            async def drop_then_ask(code: int | None) -> None:
                resumed = len(fake.resumes)
                await fake.drop_connection(code=code)
                await fake.wait_until(lambda: len(fake.resumes) > resumed, what="a RESUME")
                assert fake.resumes[-1]["session_id"] == "fake-session"
                asked = await fake.send_mention("still there?")
                await fake.wait_until(lambda: fake.replies_to(asked["id"]), what="a reply")

            await drop_then_ask(None)  # op 7 RECONNECT
            await drop_then_ask(4000)  # the socket closed with a resumable error code
            assert core.questions == ["still there?", "still there?"]
            assert not client.is_closed()

    run(scenario)


# --- /ask ---------------------------------------------------------------------------------


def test_ask_command_synced_to_the_dev_guild_deferred_then_answered() -> None:
    gate = threading.Event()
    core = FakeCore(gate=gate)  # the answer takes until the test says so

    async def scenario() -> None:
        async with running(core, discord_guild_id=fd.GUILD_ID) as (_client, fake):
            assert [c["name"] for c in fake.commands[str(fd.GUILD_ID)]] == ["ask"]
            assert "global" not in fake.commands
            option = fake.commands[str(fd.GUILD_ID)][0]["options"][0]
            assert option["name"] == "question" and option["type"] == 3 and option["required"]
            interaction = await fake.send_interaction("how many died?")
            token = interaction["token"]
            callback = rf"/interactions/{interaction['id']}/[^/]+/callback"
            try:
                # Deferred at once, while the core is still working on the answer.
                await fake.wait_until(lambda: fake.calls_to("POST", callback), what="a deferral")
                assert core.finished == 0
                assert fake.followups(token) == []
            finally:
                gate.set()
            await fake.wait_until(lambda: fake.followups(token), what="a follow-up")
            assert core.finished == 1
            callbacks = fake.calls_to("POST", callback)
            assert len(callbacks) == 1
            assert callbacks[0].body["type"] == 5  # deferred: "corpusbot is thinking…"
            # The deferral came before the (slow) answer, and the answer after it.
            assert fake.calls.index(callbacks[0]) < fake.calls.index(fake.followups(token)[0])
            followups = fake.followups(token)
            assert "Quake toll passes 600" in all_text(followups)
            assert all(c.status == 200 for c in followups)
            assert_no_pings(followups)
            assert core.questions == ["how many died?"]

    run(scenario)


def test_ask_command_synced_globally_without_a_guild_and_answered_in_a_dm() -> None:
    core = FakeCore()

    async def scenario() -> None:
        async with running(core) as (_client, fake):
            assert [c["name"] for c in fake.commands["global"]] == ["ask"]
            interaction = await fake.send_interaction("how many died?", dm=True)
            await fake.wait_until(lambda: fake.followups(interaction["token"]), what="a reply")
            assert "Quake toll passes 600" in all_text(fake.followups(interaction["token"]))

    run(scenario)


def test_ask_command_outside_the_allow_list_and_rate_limited_is_ephemeral() -> None:
    core = FakeCore()

    async def scenario() -> None:
        async with running(
            core, discord_channels=[str(fd.CHANNEL_ID)], rate_limit_per_minute=1
        ) as (_client, fake):
            outside = await fake.send_interaction("x", channel_id=fd.OTHER_CHANNEL_ID)
            first = await fake.send_interaction("first")
            second = await fake.send_interaction("second")
            dm = await fake.send_interaction(
                "in a dm", dm=True, asker=fd.user(fd.USER_ID + 1, "bob")
            )
            await fake.wait_until(lambda: fake.followups(first["token"]), what="an answer")
            await fake.wait_until(lambda: fake.followups(dm["token"]), what="the DM's answer")
            await fake.wait_until(
                lambda: len(fake.calls_to("POST", r"/interactions/\d+/[^/]+/callback")) == 4,
                what="four callbacks",
            )
            by_id = {
                c.path.split("/")[2]: c.body
                for c in fake.calls_to("POST", r"/interactions/\d+/[^/]+/callback")
            }
            assert by_id[outside["id"]]["type"] == 4
            assert by_id[outside["id"]]["data"]["content"] == NOT_HERE_MESSAGE
            assert by_id[outside["id"]]["data"]["flags"] & 64  # only the asker sees it
            assert by_id[second["id"]]["type"] == 4
            assert "please wait" in by_id[second["id"]]["data"]["content"]
            assert by_id[second["id"]]["data"]["flags"] & 64
            assert by_id[first["id"]]["type"] == 5
            # Replies sent in the callback itself carry allowed_mentions too.
            for body in (by_id[outside["id"]], by_id[second["id"]]):
                assert body["data"]["allowed_mentions"] == {"parse": []}
            assert by_id[dm["id"]]["type"] == 5  # direct messages are never outside the list
            assert sorted(core.questions) == ["first", "in a dm"]

    run(scenario)


# --- limits, safety, load -------------------------------------------------------------------


def test_over_long_answer_is_split_within_every_limit() -> None:
    core = FakeCore({"everything": fd.huge_answer})

    async def scenario() -> None:
        async with running(core, discord_guild_id=fd.GUILD_ID) as (_client, fake):
            asked = await fake.send_mention("everything")
            interaction = await fake.send_interaction("everything")
            await fake.wait_until(
                lambda: fake.followups(interaction["token"]) and fake.replies_to(asked["id"]),
                what="answers",
            )
            await asyncio.sleep(0.3)  # the rest of a split answer
            posts = fake.message_posts()
            assert len(fake.replies_to(asked["id"])) > 1  # split, not one oversize message
            assert len(fake.followups(interaction["token"])) > 1
            for call in posts:
                assert call.errors == [] and call.status == 200, call.errors
                assert fd.embed_limit_errors(call.body) == []
            # What did not fit is counted in the last message, not silently lost.
            last = fake.replies_to(asked["id"])[-1]
            assert "more quotes not shown" in last.body["content"]
            assert_no_pings(posts)

    run(scenario)


def test_allowed_mentions_is_on_every_post() -> None:
    core = FakeCore({"nothing": fd.nothing_answer, "crash": lambda q: 1 / 0})  # type: ignore

    async def scenario() -> None:
        async with running(core, discord_guild_id=fd.GUILD_ID) as (client, fake):
            for question in ("how many died?", "nothing", "crash", ""):
                await fake.send_mention(question)
            await fake.send_message("@everyone ping? <@&1>", dm=True)
            interaction = await fake.send_interaction("@everyone how many?")
            await fake.wait_until(
                lambda: len(fake.message_posts()) >= 6 and fake.followups(interaction["token"]),
                what="six answers",
            )
            assert_no_pings(fake.message_posts())
            assert client.allowed_mentions is not None
            assert client.allowed_mentions.to_dict()["parse"] == []

    run(scenario)


def test_burst_of_twenty_mentions_all_answered_heartbeat_kept() -> None:
    # Each answer blocks its thread for 0.3 s: run on the event loop, the 20 would hold it
    # for 6 s and heartbeats (every 0.1 s here) would stall.
    core = FakeCore(delay=0.3)
    quick_beats = fd.FakeDiscord(heartbeat_interval_ms=100)

    async def scenario() -> None:
        core.loop = asyncio.get_running_loop()
        async with running(core, fake=quick_beats, workers=4) as (_client, fake):
            askers = [fd.user(fd.USER_ID + i, f"user{i}") for i in range(20)]
            sent = [
                await fake.send_mention(f"question {i}", author=a) for i, a in enumerate(askers)
            ]
            start = len(fake.heartbeats)
            await fake.wait_until(
                lambda: all(fake.replies_to(m["id"]) for m in sent), timeout=20, what="20 replies"
            )
            assert sorted(core.questions) == sorted(f"question {i}" for i in range(20))
            assert all(name.startswith("discord-answer") for name in core.threads)
            assert len(core.threads) > 1  # answered in parallel
            # The event loop kept running while every answer was worked out, and the gateway
            # kept beating through the burst.
            assert core.loop_responsive == 20
            assert len(fake.heartbeats) - start >= 3

    run(scenario)


# --- serve() --------------------------------------------------------------------------------


def test_serve_without_a_token_is_a_one_line_error() -> None:
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    with pytest.raises(BadInputError) as info:
        serve(settings, FakeCore())
    assert "DISCORD_TOKEN" in str(info.value) and "\n" not in str(info.value)


def test_serve_with_a_refused_token_is_a_one_line_error() -> None:
    async def scenario() -> None:
        async with fd.FakeDiscord() as fake:
            settings = settings_for(fake, discord_token="not-the-token")
            with pytest.raises(CorpusbotError) as info:
                await asyncio.to_thread(serve, settings, FakeCore())
            message = str(info.value)
            assert "DISCORD_TOKEN" in message and "refused" in message and "\n" not in message
            assert not isinstance(info.value, BadInputError)

    run(scenario)


def test_serve_with_discord_unreachable_is_a_one_line_error() -> None:
    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        discord_token=fd.TOKEN,
        discord_api_url=f"http://127.0.0.1:{port}/api/v10",
        discord_gateway_url=f"ws://127.0.0.1:{port}/ws",
    )
    with pytest.raises(BackendUnavailableError) as info:
        serve(settings, FakeCore())
    assert "DISCORD_API_URL" in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("setting", "value", "named"),
    [
        ("discord_token", "two words", "DISCORD_TOKEN"),
        ("discord_api_url", "discord.com/api", "DISCORD_API_URL"),
        ("discord_gateway_url", "https://gateway.discord.gg", "DISCORD_GATEWAY_URL"),
    ],
)
def test_malformed_settings_are_named_in_one_line(setting: str, value: str, named: str) -> None:
    values = {"discord_token": fd.TOKEN, setting: value}
    settings = Settings(_env_file=None, **values)  # type: ignore[call-arg]
    with pytest.raises(BadInputError) as info:
        serve(settings, FakeCore())
    assert named in str(info.value) and "\n" not in str(info.value)


def test_serve_connects_with_the_configured_urls_answers_and_stops(
    caplog: pytest.LogCaptureFixture,
) -> None:
    core = FakeCore()
    caplog.set_level(logging.DEBUG)

    async def scenario() -> None:
        async with fd.FakeDiscord() as fake:
            stop = threading.Event()
            settings = settings_for(fake, discord_api_url=fake.api_url + "/")
            errors: list[BaseException] = []

            def serving() -> None:
                try:
                    serve(settings, core, stop=stop)
                except BaseException as exc:  # the thread's failure is this test's failure
                    errors.append(exc)

            thread = threading.Thread(target=serving)
            thread.start()
            try:
                await fake.wait_connected()
                assert fake.identify is not None
                intents = discord.Intents._from_value(fake.identify["intents"])
                assert intents.guild_messages and intents.dm_messages and intents.guilds
                # No privileged intent: content of mentions and DMs arrives without one.
                assert not (intents.message_content or intents.members or intents.presences)
                asked = await fake.send_mention("how many died?")
                await fake.wait_until(lambda: fake.replies_to(asked["id"]), what="a reply")
            finally:
                stop.set()
                await asyncio.to_thread(thread.join, 10)
            assert not thread.is_alive()
            assert errors == []
            logging.getLogger(__name__).debug("settings: %r", settings)
            assert "settings: Settings(" in caplog.text and fake.token not in caplog.text
            assert fake.api_url != discord.http.Route.BASE  # discord.py's own, once it stopped
            assert yarl.URL(fake.gateway_url) != discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY

    run(scenario)


def test_a_client_leaves_discord_py_endpoints_alone() -> None:
    """Only ``discord_endpoints`` (used by ``serve`` with the settings) moves them."""
    base = discord.http.Route.BASE
    gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    settings = settings_for(fd.FakeDiscord())

    async def construct() -> None:
        client = CorpusbotClient(settings, FakeCore())
        await client.close()

    run(construct)
    assert (
        base,
        gateway,
    ) == (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)
    with discord_endpoints("http://127.0.0.1:9/api/", "ws://127.0.0.1:9/"):
        assert discord.http.Route.BASE == "http://127.0.0.1:9/api"
        assert yarl.URL("ws://127.0.0.1:9/") == discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    assert base == discord.http.Route.BASE
    assert gateway == discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
