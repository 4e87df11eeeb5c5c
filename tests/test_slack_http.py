"""The Slack app in HTTP mode: signed requests over real HTTP to waitress, a fake Web API."""

from __future__ import annotations

import io
import json
import logging
import re
import resource
import select
import socket
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

import pytest
from pydantic import ValidationError
from slack_bolt import BoltRequest, BoltResponse

from bot.answer import Answer, Snippet
from bot.feedback import FeedbackStore
from bot.messages import APOLOGY_MESSAGE, NOTHING_FOUND_MESSAGE
from bot.settings import Settings
from bot.slack_app import SHARE_ACTION, SlackBot, make_bot_server, serve
from bot.slack_http import MAX_BODY_BYTES, SlackHttpFront, connection_limit
from bot.slack_logging import BODY_NOT_LOGGED
from retrieval.errors import BadInputError
from retrieval.figures.model import Claim, FigureGroup, FigureValue

try:
    from tests.fakes import fake_slack as fs
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from fakes import fake_slack as fs  # type: ignore[no-redef]

pytestmark = pytest.mark.timeout(60)

PINGS = ("<!channel>", "<!here>", "<!everyone>", "<@U")


# --- a fake core ------------------------------------------------------------------------

DOC_REUTERS = (
    "flood-reuters",
    "Floods kill hundreds",
    "Reuters",
    "https://example.org/news/floods?id=1&lang=en",
)
DOC_MINISTRY = ("flood-ministry", "Ministry briefing", "Ministry of Health", None)


def mention_of(doc: tuple[str, str, str, str | None], text: str, measure: str) -> FigureValue:
    doc_id, title, publisher, url = doc
    return FigureValue(
        text=text,
        low=None,
        high=None,
        unit="people",
        doc_id=doc_id,
        quote=f"{text} people died.",
        measure=measure,
        title=title,
        publisher=publisher,
        url=url,
    )


def snippet(doc: tuple[str, str, str, str | None], quote: str, score: float = 0.8) -> Snippet:
    doc_id, title, publisher, url = doc
    return Snippet(doc_id, title, quote, 0, len(quote), score, publisher, url, "2024-04-02")


def flood_answer(question: str) -> Answer:
    deaths = FigureGroup(
        measure="deaths",
        status="differ",
        claims=[
            Claim(
                "about 600",
                600,
                600,
                "people",
                "in April",
                [mention_of(DOC_REUTERS, "about 600", "deaths")],
            ),
            Claim(
                "300", 300, 300, "people", "in January", [mention_of(DOC_MINISTRY, "300", "deaths")]
            ),
        ],
        note="300 in January → about 600 by April",
    )
    return Answer(
        question=question,
        answered=True,
        snippets=[
            snippet(DOC_REUTERS, "About 600 people died in the floods, officials said on Tuesday."),
            snippet(DOC_MINISTRY, "The ministry counted 300 deaths by the end of January.", 0.7),
        ],
        figures=[deaths],
        summary="Reports differ on deaths: about 600 (Reuters) vs 300 (Ministry of Health).",
    )


class FakeCore:
    """Stands in for ``AnswerService.ask``: thread-safe, records questions, optional delay."""

    def __init__(
        self,
        answer: Callable[..., Answer] = flood_answer,
        delay: float = 0.0,
        *,
        forward: bool = False,
    ):
        self.answer = answer
        self.delay = delay
        self.forward = forward  # pass the conversation on to ``answer`` (the real core)
        self.questions: list[str] = []
        self.contexts: list[dict[str, Any]] = []  # the conversation and earlier questions
        self._lock = threading.Lock()

    def __call__(self, question: str, **context: Any) -> Answer:
        with self._lock:
            self.questions.append(question)
            self.contexts.append(context)
        time.sleep(self.delay)
        if self.forward and context:
            return self.answer(question, **context)
        return self.answer(question)


# --- the running app ------------------------------------------------------------------


@dataclass
class Running:
    bot: SlackBot
    url: str
    core: FakeCore
    fake: fs.FakeSlack


def make_settings(fake: fs.FakeSlack, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "slack_bot_token": fs.BOT_TOKEN,
        "slack_signing_secret": fs.SIGNING_SECRET,
        "slack_app_token": "",
        "slack_api_url": fake.url,
        "slack_port": 0,
        "slack_channels": [],
        "slack_require_mention": False,
        "rate_limit_per_minute": 0,
        "workers": 4,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
def fake() -> Iterator[fs.FakeSlack]:
    server = fs.FakeSlack().start()
    yield server
    server.stop()


@contextmanager
def running(
    fake: fs.FakeSlack,
    core: FakeCore | None = None,
    *,
    middleware: Callable[..., BoltResponse] | None = None,
    server_options: dict[str, Any] | None = None,
    feedback: FeedbackStore | None = None,
    **overrides: Any,
) -> Iterator[Running]:
    core = core or FakeCore()
    bot = SlackBot(make_settings(fake, **overrides), core, feedback=feedback)
    if middleware is not None:
        bot.app.middleware(middleware)
    # The server serve() runs, with its thread count; a short loop timeout lets it notice
    # close() quickly.
    options = {"asyncore_loop_timeout": 0.05, **(server_options or {})}
    server = make_bot_server(bot, host="127.0.0.1", port=0, **options)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield Running(bot, f"http://127.0.0.1:{server.port}/slack/events", core, fake)
    finally:
        server.stop()
        thread.join(timeout=5)
        assert not thread.is_alive()
        bot.close()


@pytest.fixture
def app(fake: fs.FakeSlack) -> Iterator[Running]:
    with running(fake) as r:
        yield r


def http_post(
    url: str, body: bytes, headers: dict[str, str], timeout: float = 10.0
) -> tuple[int, bytes]:
    request = Request(url, data=body, headers=headers, method="POST")
    try:
        with urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except HTTPError as err:
        return err.code, err.read()


def send_json(
    url: str,
    payload: dict[str, Any],
    *,
    secret: str = fs.SIGNING_SECRET,
    timestamp: int | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 10.0,
) -> tuple[int, bytes]:
    body = json.dumps(payload).encode()
    signed = fs.sign(body, secret=secret, timestamp=timestamp)
    headers = {"Content-Type": "application/json", **signed, **(headers or {})}
    return http_post(url, body, headers, timeout=timeout)


def send_form(url: str, form: dict[str, str]) -> tuple[int, bytes]:
    body = urlencode(form).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", **fs.sign(body)}
    return http_post(url, body, headers)


def send_event(r: Running, event: dict[str, Any], **kwargs: Any) -> tuple[int, bytes]:
    event_id = kwargs.pop("event_id", None)
    return send_json(r.url, fs.event_callback(event, event_id=event_id), **kwargs)


def dump(params: dict[str, Any]) -> str:
    return json.dumps({k: params.get(k) for k in ("text", "blocks")}, ensure_ascii=False)


def assert_no_pings(params: dict[str, Any]) -> None:
    text = dump(params)
    for ping in PINGS:
        assert ping not in text, f"{ping!r} would notify: {text[:500]}"


def assert_quiet(fake: fs.FakeSlack, seconds: float = 0.5) -> None:
    time.sleep(seconds)
    assert fake.posted("chat.postMessage") == []
    assert fake.posted("chat.postEphemeral") == []


# --- protocol -------------------------------------------------------------------------


def test_url_verification_echoes_the_challenge(app: Running) -> None:
    status, body = send_json(
        app.url, {"type": "url_verification", "challenge": "abc123", "token": "t"}
    )
    assert status == 200
    assert b"abc123" in body


def test_forged_signature_is_refused(app: Running) -> None:
    status, _ = send_event(app, fs.mention("how many died?"), secret="not-the-secret")
    assert status == 401
    assert_quiet(app.fake)
    assert app.core.questions == []


def test_stale_timestamp_is_refused(app: Running) -> None:
    status, _ = send_event(app, fs.mention("how many died?"), timestamp=int(time.time()) - 600)
    assert status == 401
    assert_quiet(app.fake)


def test_unknown_path_is_not_found(app: Running) -> None:
    body = b"{}"
    status, _ = http_post(app.url.replace("/slack/events", "/other"), body, fs.sign(body))
    assert status == 404


# --- answering ------------------------------------------------------------------------


def test_mention_is_answered_in_the_thread_with_quote_and_source(app: Running) -> None:
    event = fs.mention("how many died?")
    started = time.monotonic()
    status, _ = send_event(app, event)
    assert status == 200
    assert time.monotonic() - started < 3

    post = app.fake.wait_for("chat.postMessage")[0].params
    assert post["channel"] == "C0001"
    assert post["thread_ts"] == event["ts"]
    assert app.core.questions == ["how many died?"]
    assert post["text"].startswith("Reports differ on deaths")
    blocks = post["blocks"]
    text = dump(post)
    # The quote as a block quote, its title linked to its url, and its publisher.
    assert ">About 600 people died in the floods" in text
    assert "<https://example.org/news/floods?id=1&amp;lang=en|Floods kill hundreds>" in text
    assert "Reuters" in text and "Ministry of Health" in text
    # The figure group side by side: a header line and one field per claim.
    group = next(b for b in blocks if b.get("fields"))
    assert group["text"]["text"].startswith("*Deaths — reports differ*")
    fields = [f["text"] for f in group["fields"]]
    assert fields[0].startswith("*about 600* · ") and fields[0].endswith(" · in April")
    assert "Ministry briefing" in fields[1] and fields[1].endswith("in January")
    # 👀 while working, removed when done.
    added = app.fake.wait_for("reactions.add")[0].params
    removed = app.fake.wait_for("reactions.remove")[0].params
    assert added["name"] == removed["name"] == "eyes"
    assert added["timestamp"] == removed["timestamp"] == event["ts"]
    # In that order: 👀 on, the answer, 👀 off (the fake records each call as it answers it).
    order = ("reactions.add", "chat.postMessage", "reactions.remove")
    calls = [c for c in app.fake.calls if c.method in order]
    assert [c.method for c in calls] == list(order)
    assert calls[0].at <= calls[1].at <= calls[2].at


def test_direct_message_is_answered_in_the_dm(app: Running) -> None:
    status, _ = send_event(app, fs.message("how many died?", channel="D0001", channel_type="im"))
    assert status == 200
    post = app.fake.wait_for("chat.postMessage")[0].params
    assert post["channel"] == "D0001"
    assert "thread_ts" not in post
    assert "About 600 people died" in dump(post)


def test_follow_up_in_an_answered_thread_needs_no_mention(app: Running) -> None:
    first = fs.mention("how many died?")
    send_event(app, first)
    app.fake.wait_for("chat.postMessage")
    send_event(app, fs.message("and how many were injured?", thread_ts=first["ts"]))
    posts = app.fake.wait_for("chat.postMessage", 2)
    assert posts[1].params["thread_ts"] == first["ts"]
    assert app.core.questions == ["how many died?", "and how many were injured?"]
    # A reply in some other thread, or a plain channel message, is not for the bot.
    send_event(app, fs.message("unrelated", thread_ts=fs.new_ts()))
    send_event(app, fs.message("how many died?"))
    time.sleep(0.5)
    assert len(app.fake.posted()) == 2


def test_follow_up_in_a_thread_answered_before_a_restart_needs_no_mention(
    app: Running,
) -> None:
    answered, other = fs.new_ts(), fs.new_ts()
    # What the workspace holds from an earlier run: one thread the bot answered, one not.
    app.fake.add_thread("C0001", answered, {"ts": fs.new_ts(), "user": fs.BOT_USER_ID})
    app.fake.add_thread("C0001", other, {"ts": fs.new_ts(), "user": "USOMEONE"})
    send_event(app, fs.message("and how many were injured?", thread_ts=answered))
    post = app.fake.wait_for("chat.postMessage")[0].params
    assert post["thread_ts"] == answered
    assert app.core.questions == ["and how many were injured?"]
    send_event(app, fs.message("lunch at noon?", thread_ts=other))
    app.fake.wait_for("conversations.replies", 2)
    time.sleep(0.3)  # the lookup's answer is remembered once it is back
    send_event(app, fs.message("anyone?", thread_ts=other))
    send_event(app, fs.message("and missing?", thread_ts=answered))
    app.fake.wait_for("chat.postMessage", 2)
    time.sleep(0.5)
    assert app.core.questions == ["and how many were injured?", "and missing?"]
    # Each thread is looked up once: the answer is remembered either way.
    looked_up = [c.params["ts"] for c in app.fake.calls_to("conversations.replies")]
    assert sorted(looked_up) == sorted([answered, other])


def test_follow_up_needs_the_mention_when_the_setting_says_so(fake: fs.FakeSlack) -> None:
    with running(fake, slack_require_mention=True) as r:
        first = fs.mention("how many died?")
        send_event(r, first)
        fake.wait_for("chat.postMessage")
        send_event(r, fs.message("and injured?", thread_ts=first["ts"]))
        time.sleep(0.5)
        assert len(fake.posted()) == 1


def test_a_mention_that_is_also_a_message_event_is_answered_once(app: Running) -> None:
    first = fs.mention("how many died?")
    send_event(app, first)
    app.fake.wait_for("chat.postMessage")
    # In a thread the bot answered, Slack sends both an app_mention and a message event.
    reply = fs.mention("what about injuries?", thread_ts=first["ts"])
    send_event(app, reply)
    send_event(app, {**reply, "type": "message", "channel_type": "channel"})
    app.fake.wait_for("chat.postMessage", 2)
    time.sleep(0.5)
    assert len(app.fake.posted()) == 2
    assert app.core.questions.count("what about injuries?") == 1


def test_nothing_relevant_gets_a_short_reply_without_quotes(fake: fs.FakeSlack) -> None:
    core = FakeCore(lambda q: Answer(question=q, answered=False, summary=NOTHING_FOUND_MESSAGE))
    with running(fake, core) as r:
        send_event(r, fs.mention("what is the capital of Mars?"))
        post = fake.wait_for("chat.postMessage")[0].params
        assert post["text"] == NOTHING_FOUND_MESSAGE
        assert len(post["blocks"]) == 1
        assert ">" not in post["blocks"][0]["text"]["text"]


def test_bad_input_is_explained_and_failures_get_an_apology(fake: fs.FakeSlack) -> None:
    def ask(question: str) -> Answer:
        if "long" in question:
            raise BadInputError("The question is too long (2000 characters at most).")
        raise RuntimeError("index exploded")

    with running(fake, FakeCore(ask)) as r:
        send_event(r, fs.mention("a long question"))
        assert "too long" in fake.wait_for("chat.postMessage")[0].params["text"]
        send_event(r, fs.mention("anything"))
        assert fake.wait_for("chat.postMessage", 2)[1].params["text"] == APOLOGY_MESSAGE


def test_a_bare_mention_gets_help(app: Running) -> None:
    send_event(app, fs.mention(""))
    post = app.fake.wait_for("chat.postMessage")[0].params
    assert "/ask" in post["text"]
    assert app.core.questions == []


# --- /ask and Share -------------------------------------------------------------------


def command_form(fake: fs.FakeSlack, text: str, **extra: str) -> dict[str, str]:
    return {
        "token": "legacy",
        "team_id": fs.TEAM_ID,
        "channel_id": "C0001",
        "channel_name": "general",
        "user_id": "UASKER1",
        "user_name": "asker",
        "command": "/ask",
        "text": text,
        "api_app_id": fs.API_APP_ID,
        "response_url": fake.response_url("cmd-1"),
        "trigger_id": "1.2.3",
        **extra,
    }


def test_slash_command_is_acked_at_once_and_answered_privately(fake: fs.FakeSlack) -> None:
    core = FakeCore(delay=1.5)  # slower than the ack may take
    with running(fake, core) as r:
        started = time.monotonic()
        status, _ = send_form(r.url, command_form(fake, "how many died?"))
        acked_after = time.monotonic() - started
        assert status == 200
        assert acked_after < 1.0  # well inside Slack's 3 seconds, before the answer exists
        assert fake.calls_to("response_url") == []

        reply = fake.wait_for("response_url")[0].params
        assert reply["_name"] == "cmd-1"
        assert reply["response_type"] == "ephemeral"
        assert "About 600 people died" in dump(reply)
        assert "/ask how many died?" in dump(reply)
        button = reply["blocks"][-1]["elements"][0]
        assert button["action_id"] == SHARE_ACTION

        # "Share in channel" posts the same answer for everyone and drops the private copy.
        action = {
            "type": "block_actions",
            "team": {"id": fs.TEAM_ID},
            "user": {"id": "UASKER1", "username": "asker", "name": "asker"},
            "api_app_id": fs.API_APP_ID,
            "channel": {"id": "C0001", "name": "general"},
            "container": {"type": "message", "is_ephemeral": True},
            "response_url": fake.response_url("share-1"),
            "trigger_id": "4.5.6",
            "actions": [
                {
                    "type": "button",
                    "action_id": SHARE_ACTION,
                    "block_id": "b1",
                    "value": button["value"],
                    "action_ts": "1.0",
                }
            ],
        }
        status, _ = send_form(r.url, {"payload": json.dumps(action)})
        assert status == 200
        shared, deleted = (c.params for c in fake.wait_for("response_url", 3)[1:])
        assert shared["_name"] == "share-1"
        assert shared["response_type"] == "in_channel"
        assert shared["replace_original"] is False
        assert "About 600 people died" in dump(shared)
        assert "asker asked: how many died?" in dump(shared)
        assert deleted["delete_original"] is True
        # The shared answer is the one the asker saw: not asked again.
        assert core.questions == ["how many died?"]


def test_slash_command_without_text_gets_usage(app: Running) -> None:
    send_form(app.url, command_form(app.fake, "  "))
    reply = app.fake.wait_for("response_url")[0].params
    assert "/ask" in reply["text"]
    assert app.core.questions == []


def share_click(fake: fs.FakeSlack, value: str, name: str) -> dict[str, Any]:
    """A click on "Share in channel" whose answer the bot no longer holds."""
    return {
        "type": "block_actions",
        "user": {"id": "UASKER1", "username": "asker"},
        "api_app_id": fs.API_APP_ID,
        "team": {"id": fs.TEAM_ID},
        "channel": {"id": "C0001", "name": "general"},
        "response_url": fake.response_url(name),
        "actions": [{"type": "button", "action_id": SHARE_ACTION, "value": value}],
    }


def test_share_after_the_answer_was_forgotten_asks_again(app: Running) -> None:
    action = share_click(app.fake, "gone:how many died?", "share-2")
    send_form(app.url, {"payload": json.dumps(action)})
    shared = app.fake.wait_for("response_url")[0].params
    assert shared["response_type"] == "in_channel"
    assert app.core.questions == ["how many died?"]


# --- safety ---------------------------------------------------------------------------


def test_retries_and_repeated_event_ids_are_answered_once(app: Running) -> None:
    event = fs.mention("how many died?")
    assert send_event(app, event, event_id="EvSAME")[0] == 200
    app.fake.wait_for("chat.postMessage")
    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    assert send_event(app, event, event_id="EvSAME", headers=retry)[0] == 200
    assert send_event(app, event, event_id="EvSAME")[0] == 200
    # The event_id alone decides, whatever the payload.
    assert send_event(app, fs.mention("other?"), event_id="EvSAME", headers=retry)[0] == 200
    time.sleep(0.5)
    assert len(app.fake.posted()) == 1
    assert app.core.questions == ["how many died?"]


def test_a_retry_of_an_event_never_received_is_answered(app: Running) -> None:
    headers = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_error"}
    send_event(app, fs.mention("how many died?"), event_id="EvLOST", headers=headers)
    assert len(app.fake.wait_for("chat.postMessage")) == 1


def test_own_messages_and_other_bots_are_ignored(app: Running) -> None:
    dm = {"channel": "D0001", "channel_type": "im"}
    send_event(app, fs.message("I am the bot", user=fs.BOT_USER_ID, bot_id=fs.BOT_ID, **dm))
    send_event(app, fs.message("I am the bot", user=fs.BOT_USER_ID, **dm))
    send_event(app, fs.message("other bot", user="UOTHERBOT", bot_id="BOTHER", **dm))
    send_event(
        app, fs.message("legacy bot", user=None, subtype="bot_message", bot_id="BOTHER", **dm)
    )
    send_event(app, {**fs.mention("how many died?", user="UOTHERBOT"), "bot_id": "BOTHER"})
    send_event(app, fs.message("edited", subtype="message_changed", **dm))
    assert_quiet(app.fake)
    assert app.core.questions == []


def ping_answer(question: str) -> Answer:
    doc = (
        "doc-<!here>",
        "Memo <!here> to <@U0123ABC>",
        "<!everyone> Weekly",
        "https://example.org/a|b>c",
    )
    quote = "Attention <!channel>: <@U0123ABC> said 600 & more died <script>."
    figures = [
        FigureGroup(
            measure="deaths <!channel>",
            status="agree",
            claims=[
                Claim(
                    "600 <!here>", 600, 600, None, "<!everyone>", [mention_of(doc, "600", "deaths")]
                )
            ],
            note="note <@U0123ABC>",
        )
    ]
    return Answer(
        question=question,
        answered=True,
        snippets=[snippet(doc, quote)],
        figures=figures,
        summary=f"You asked: {question} <!channel>",
    )


def test_ping_text_in_a_question_notifies_nobody(fake: fs.FakeSlack) -> None:
    core = FakeCore(ping_answer)
    with running(fake, core) as r:
        text = "<!channel> <!here|here> <!everyone> <@U0123ABC> how many died &amp; why?"
        send_event(r, fs.mention(text))
        post = fake.wait_for("chat.postMessage")[0].params
        assert core.questions == ["@channel @here @everyone @U0123ABC how many died & why?"]
        assert_no_pings(post)
        assert "how many died &amp; why?" in post["text"]


def test_ping_text_in_a_document_notifies_nobody(fake: fs.FakeSlack) -> None:
    with running(fake, FakeCore(ping_answer)) as r:
        send_event(r, fs.message("who was told?", channel="D0001", channel_type="im"))
        post = fake.wait_for("chat.postMessage")[0].params
        assert_no_pings(post)
        text = dump(post)
        assert "Attention &lt;!channel&gt;: &lt;@U0123ABC&gt; said 600 &amp; more died" in text
        # The url cannot end the link early; the title cannot add a second label.
        assert "<https://example.org/a%7Cb%3Ec|Memo &lt;!here&gt; to &lt;@U0123ABC&gt;>" in text

        send_form(r.url, command_form(fake, "who was told?"))
        assert_no_pings(fake.wait_for("response_url")[0].params)


def long_answer(question: str) -> Answer:
    docs = [
        (f"doc-{i}", f"Title {i} " + "&" * 300, "Publisher " * 30, f"https://e.org/{i}")
        for i in range(60)
    ]
    snippets = [snippet(d, ("Casualty figures <& revised> " * 300).strip()) for d in docs]
    groups = [
        FigureGroup(
            measure=f"measure {g}",
            status="differ",
            claims=[
                Claim(
                    f"{c * 100}",
                    c,
                    c,
                    None,
                    "as of " + "long ago " * 40,
                    [mention_of(d, str(c), "m") for d in docs],
                )
                for c in range(14)
            ],
            note="reports disagree " * 300,
        )
        for g in range(15)
    ]
    return Answer(question, True, snippets, groups, "A very long answer. " * 400)


def test_an_over_long_answer_fits_block_kit(fake: fs.FakeSlack) -> None:
    with running(fake, FakeCore(long_answer)) as r:
        send_event(r, fs.mention("tell me everything"))
        post = fake.wait_for("chat.postMessage")[0].params  # accepted by the fake's limit checks
        assert fs.block_kit_errors(post) == []
        assert len(post["blocks"]) <= 50
        assert len(post["text"]) <= 3000
        assert "more quotes not shown" in dump(post)
        assert [c.params.get("_refused") for c in fake.calls_to("chat.postMessage")] == [None]

        send_form(r.url, command_form(fake, "tell me everything"))
        reply = fake.wait_for("response_url")[0].params
        assert fs.block_kit_errors(reply) == []


class SlowAck:
    """A bolt middleware that holds every request ``delay`` seconds before its ack.

    Answering happens after the ack on other threads, so a slow core cannot slow acks;
    this makes the ack path itself slow, so only a server that acks requests side by side
    gets a burst through in time. It counts how many requests it holds at once.
    """

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.peak = 0
        self._inside = 0
        self._lock = threading.Lock()

    def __call__(self, next: Callable[[], BoltResponse]) -> BoltResponse:
        with self._lock:
            self._inside += 1
            self.peak = max(self.peak, self._inside)
        try:
            time.sleep(self.delay)
        finally:
            with self._lock:
                self._inside -= 1
        return next()


def test_a_burst_of_30_mentions_is_acked_side_by_side_and_all_answered(
    fake: fs.FakeSlack,
) -> None:
    core = FakeCore(delay=0.2)
    slow = SlowAck(0.5)
    with running(fake, core, middleware=slow) as r:
        events = [fs.mention(f"question {i}?", user=f"U{i:04d}") for i in range(30)]
        barrier = threading.Barrier(30)

        def send(event: dict[str, Any]) -> int:
            barrier.wait()
            status, _ = send_event(r, event, timeout=30)  # time enough to fail on ``took``
            return status

        with ThreadPoolExecutor(max_workers=30) as pool:
            started = time.monotonic()
            statuses = list(pool.map(send, events))
            took = time.monotonic() - started
        assert statuses == [200] * 30
        # One at a time would take 30 × 0.5 s = 15 s; serve()'s 8 threads need about 2 s.
        assert slow.peak > 1
        assert took < 7, f"30 acks took {took:.1f} s: requests were not acked side by side"
        posts = fake.wait_for("chat.postMessage", 30, timeout=20)
        assert sorted(p.params["thread_ts"] for p in posts) == sorted(e["ts"] for e in events)
        assert sorted(core.questions) == sorted(f"question {i}?" for i in range(30))


def test_web_api_429_and_server_errors_are_retried(app: Running) -> None:
    app.fake.fail("chat.postMessage", 429, retry_after=1)
    app.fake.fail("chat.postMessage", 503)
    send_event(app, fs.mention("how many died?"))
    app.fake.wait_for("chat.postMessage", timeout=15)
    calls = app.fake.calls_to("chat.postMessage")
    assert [c.params.get("_refused") for c in calls] == ["ratelimited", "fatal", None]
    # Retry-After: 1 was honoured: the retry came at least a second after the 429.
    assert calls[1].at - calls[0].at >= 0.9


def test_a_failed_post_is_logged_and_the_app_keeps_serving(
    app: Running, caplog: pytest.LogCaptureFixture
) -> None:
    app.fake.fail("chat.postMessage", 500, times=3)  # more than the retries
    with caplog.at_level(logging.ERROR, logger="bot.slack_app"):
        send_event(app, fs.mention("how many died?"))
        app.fake.wait_for("chat.postMessage", 3, accepted=False, timeout=15)
        deadline = time.monotonic() + 5
        while "chat.postMessage to C0001 failed" not in caplog.text and time.monotonic() < deadline:
            time.sleep(0.05)
    assert "chat.postMessage to C0001 failed" in caplog.text
    send_event(app, fs.mention("and now?"))
    assert app.fake.wait_for("chat.postMessage", 1, timeout=10)


def test_per_user_rate_limit_replies_politely(fake: fs.FakeSlack) -> None:
    with running(fake, rate_limit_per_minute=1) as r:
        send_event(r, fs.mention("how many died?"))
        fake.wait_for("chat.postMessage")
        send_event(r, fs.mention("and injured?"))
        notice = fake.wait_for("chat.postEphemeral")[0].params
        assert notice["user"] == "UASKER1"
        assert "please wait about" in notice["text"]
        # Someone else is not limited.
        send_event(r, fs.mention("how many died?", user="UOTHER"))
        fake.wait_for("chat.postMessage", 2)
        assert r.core.questions == ["how many died?", "how many died?"]


def test_rate_limit_in_a_direct_message_is_told_once_per_wait(fake: fs.FakeSlack) -> None:
    with running(fake, rate_limit_per_minute=1) as r:
        dm = {"channel": "D0001", "channel_type": "im"}
        send_event(r, fs.message("how many died?", **dm))
        fake.wait_for("chat.postMessage")
        send_event(r, fs.message("and injured?", **dm))
        notice = fake.wait_for("chat.postMessage", 2)[1].params
        assert "please wait about" in notice["text"]
        # The notice stays in the conversation: a second message in the wait gets none.
        send_event(r, fs.message("and now?", **dm))
        time.sleep(0.5)
        assert len(fake.posted("chat.postMessage")) == 2
        assert r.core.questions == ["how many died?"]


def test_channel_allow_list(fake: fs.FakeSlack, caplog: pytest.LogCaptureFixture) -> None:
    with (
        caplog.at_level(logging.WARNING, logger="bot.slack_app"),
        running(fake, slack_channels=["C0ALLOWED"]) as r,
    ):
        send_event(r, fs.mention("how many died?", channel="C0OTHER"))
        send_form(r.url, command_form(fake, "how many died?", channel_id="C0OTHER"))
        assert "not enabled" in fake.wait_for("response_url")[0].params["text"]
        assert_quiet(fake)
        send_event(r, fs.mention("how many died?", channel="C0ALLOWED"))
        assert fake.wait_for("chat.postMessage")[0].params["channel"] == "C0ALLOWED"
        # Direct messages are private to the asker and always answered.
        send_event(r, fs.message("how many died?", channel="D0001", channel_type="im"))
        assert fake.wait_for("chat.postMessage", 2)[1].params["channel"] == "D0001"
    # Ids only: nothing to warn about.
    assert [r for r in caplog.records if "CORPUSBOT_SLACK_CHANNELS" in r.getMessage()] == []


def test_channel_names_in_the_allow_list_are_warned_about_at_start(
    fake: fs.FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    # Events carry only channel ids, so a name can only match /ask (which also has the name).
    channels = ["C0ALLOWED", "#general", "G0PRIVATE1", "random"]
    with (
        caplog.at_level(logging.WARNING, logger="bot.slack_app"),
        running(fake, slack_channels=channels) as r,
    ):
        [record] = [r for r in caplog.records if "CORPUSBOT_SLACK_CHANNELS" in r.getMessage()]
        assert record.levelno == logging.WARNING
        line = record.getMessage()
        assert "\n" not in line
        assert line.startswith("CORPUSBOT_SLACK_CHANNELS entries 'general', 'random' are")
        assert "C0ALLOWED" not in line and "G0PRIVATE1" not in line
        assert "/ask" in line and "channel ids" in line
        # What the warning says: /ask in #general is answered, a mention there is not.
        send_form(r.url, command_form(fake, "how many died?", channel_id="C0GENERAL"))
        assert "About 600 people died" in dump(fake.wait_for("response_url")[0].params)
        send_event(r, fs.mention("how many died?", channel="C0GENERAL"))
        assert_quiet(fake)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_runs_http_mode_until_stopped(fake: fs.FakeSlack) -> None:
    port = free_port()
    stop = threading.Event()
    core = FakeCore()
    thread = threading.Thread(
        target=serve,
        args=(make_settings(fake, slack_port=port), core),
        kwargs={"host": "127.0.0.1", "stop": stop},
        daemon=True,
    )
    thread.start()
    url = f"http://127.0.0.1:{port}/slack/events"
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "the HTTP server never started"
                time.sleep(0.05)
        status, _ = send_json(url, fs.event_callback(fs.mention("how many died?")))
        assert status == 200
        assert fake.wait_for("chat.postMessage")[0].params["channel"] == "C0001"
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


def test_serve_names_a_port_in_use(fake: fs.FakeSlack) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(BadInputError, match=f"CORPUSBOT_SLACK_PORT={port}"):
            serve(make_settings(fake, slack_port=port), FakeCore(), host="127.0.0.1")


# --- hostile requests -------------------------------------------------------------------

MB = 1024 * 1024


@dataclass
class RawReply:
    status: int | None  # None: no status line came back
    sent: int  # body bytes the client got out before the server answered or closed
    closed: bool  # the server closed the connection after its answer


def raw_post(
    url: str,
    head: dict[str, str],
    chunks: Iterator[bytes],
    *,
    pause: float = 0.0,
    wait: float = 5.0,
) -> RawReply:
    """POST with a hand-made head, sending ``chunks`` one by one (``pause`` s apart) until
    the server answers, as a client streaming a large body would."""
    port = int(url.split(":")[2].split("/")[0])
    lines = [f"POST {EVENTS} HTTP/1.1", "Host: 127.0.0.1", *(f"{k}: {v}" for k, v in head.items())]
    sent = 0
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as conn:
        conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        for chunk in chunks:
            readable, _, _ = select.select([conn], [], [], pause)
            if readable:
                break  # the server answered before the body was all sent
            try:
                conn.sendall(chunk)
            except OSError:  # the server closed the connection
                break
            sent += len(chunk)
        data, closed = b"", False
        try:
            while True:
                part = conn.recv(65536)
                if not part:
                    closed = True
                    break
                data += part
        except TimeoutError:
            pass
        except ConnectionResetError:
            closed = True
    match = re.match(rb"HTTP/1\.[01] (\d{3})", data)
    return RawReply(int(match.group(1)) if match else None, sent, closed)


EVENTS = "/slack/events"


def test_a_huge_unsigned_body_is_refused_from_its_content_length(app: Running) -> None:
    # 300 MB announced; the server answers before the body comes, and hangs up.
    head = {"Content-Type": "application/json", "Content-Length": str(300 * MB)}
    reply = raw_post(app.url, head, (b"x" * 65536 for _ in range(256)), pause=0.02)
    assert reply.status == 413
    assert reply.closed
    assert reply.sent < 2 * MB
    assert app.core.questions == []


def test_a_body_streamed_without_a_length_is_cut_off_past_the_limit(app: Running) -> None:
    # Chunked, so only counting while reading can tell: answered long before 64 MB are sent.
    piece = b"x" * 65536
    chunk = b"%x\r\n%s\r\n" % (len(piece), piece)
    head = {"Content-Type": "application/json", "Transfer-Encoding": "chunked"}
    reply = raw_post(app.url, head, (chunk for _ in range(1024)), pause=0.005)
    assert reply.status in (413, None)  # a reset may overtake the 413 while the client sends
    assert reply.closed
    assert reply.sent < 8 * MB


def test_a_body_of_the_limit_is_read_and_one_byte_more_is_not(fake: fs.FakeSlack) -> None:
    with running(fake) as r:
        front = SlackHttpFront(r.bot.app, signing_secret=fs.SIGNING_SECRET)

        class Unreadable(io.BytesIO):
            def read(self, size: int | None = -1) -> bytes:
                raise AssertionError("the body was read")

        def call(length: int, stream: io.BytesIO, headers: dict[str, str]) -> str:
            statuses: list[str] = []
            environ = {
                "REQUEST_METHOD": "POST",
                "PATH_INFO": EVENTS,
                "CONTENT_LENGTH": str(length),
                "CONTENT_TYPE": "application/json",
                "wsgi.input": stream,
                **{"HTTP_" + k.upper().replace("-", "_"): v for k, v in headers.items()},
            }
            front(environ, lambda status, headers: statuses.append(status))
            return statuses[0]

        start = b'{"type": "url_verification", "challenge": "c1", "pad": "'
        body = start + b"x" * (MAX_BODY_BYTES - len(start) - 2) + b'"}'
        assert len(body) == MAX_BODY_BYTES
        assert call(len(body), io.BytesIO(body), fs.sign(body)).startswith("200")
        longer = body[:-2] + b'x"}'
        assert call(len(longer), Unreadable(), fs.sign(longer)).startswith("413")


def signed_raw(body: bytes, content_type: str = "application/json") -> dict[str, str]:
    return {"Content-Type": content_type, **fs.sign(body)}


MALFORMED = {
    "truncated JSON": (b'{"type": "event_callback", "event": {"type": "app_m', None, 400),
    "a JSON list": (b'[{"type": "event_callback"}]', None, 400),
    "a JSON string": (b'"event_callback"', None, 400),
    "bad UTF-8": (b'{"type": "event_callback", "text": "\xff\xfe\xc3"}', None, 400),
    "a form payload that is not JSON": (b"payload=%7Bnot-json", "form", 400),
    "a form payload that is a list": (b"payload=%5B1%2C2%5D", "form", 400),
    "no signature headers": (b'{"type": "event_callback"}', "unsigned", 401),
    "a timestamp that is not a number": (b'{"type": "event_callback"}', "ts:soon", 401),
    "a timestamp of other digits": (b'{"type": "event_callback"}', "ts:\u00b9\u00b2\u00b3", 401),
    "unsigned truncated JSON": (b'{"type": "event_callb', "forged", 401),
}


@pytest.mark.parametrize("case", list(MALFORMED))
def test_malformed_requests_get_4xx_and_no_traceback(
    app: Running, caplog: pytest.LogCaptureFixture, case: str
) -> None:
    body, how, expected = MALFORMED[case]
    if how == "form":
        headers = signed_raw(body, "application/x-www-form-urlencoded")
    elif how == "unsigned":
        headers = {"Content-Type": "application/json"}
    elif how and how.startswith("ts:"):  # signed, then the timestamp replaced
        headers = {**signed_raw(body), "X-Slack-Request-Timestamp": how[3:]}
    elif how == "forged":
        headers = {"Content-Type": "application/json", **fs.sign(body, secret="wrong")}
    else:
        headers = signed_raw(body)
    with caplog.at_level(logging.DEBUG):
        status, _ = http_post(app.url, body, headers)
        # The app still answers the next, genuine request.
        assert send_event(app, fs.mention("how many died?"))[0] == 200
        app.fake.wait_for("chat.postMessage")
    assert status == expected
    assert [r for r in caplog.records if r.exc_info] == []
    assert "Traceback" not in caplog.text
    refusals = [r.getMessage() for r in caplog.records if r.name == "bot.slack_http"]
    assert len(refusals) == 1 and "\n" not in refusals[0]


def test_a_content_length_that_is_not_a_number_is_refused(app: Running) -> None:
    reply = raw_post(app.url, {"Content-Length": "lots"}, iter([b"{}"]))
    assert reply.status == 400


def test_wrong_methods_and_paths_are_refused(app: Running) -> None:
    with pytest.raises(HTTPError) as err:
        urlopen(app.url, timeout=10)
    assert err.value.code == 405


def test_idle_and_half_open_connections_do_not_lock_slack_out(app: Running) -> None:
    # More than waitress's default connection limit (100): silent ones and ones that stopped
    # in the middle of their headers.
    idle: list[socket.socket] = []
    try:
        for i in range(160):
            conn = socket.create_connection(("127.0.0.1", int(app.url.split(":")[2][:5])), 5)
            if i % 2:
                conn.sendall(b"POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le")
            idle.append(conn)
        time.sleep(0.3)  # the server has accepted what it will accept
        status, _ = send_event(app, fs.mention("how many died?"), timeout=10)
        assert status == 200
        assert app.fake.wait_for("chat.postMessage")[0].params["channel"] == "C0001"
    finally:
        for conn in idle:
            conn.close()


def test_idle_connections_are_closed_so_a_full_server_recovers(fake: fs.FakeSlack) -> None:
    # The idle timeout shortened from 30 s to 1 s, the room from 1000 connections to 20.
    limits = {"channel_timeout": 1, "cleanup_interval": 1, "connection_limit": 20}
    with running(fake, server_options=limits) as r:
        port = int(r.url.split(":")[2][:5])
        idle = [socket.create_connection(("127.0.0.1", port), 5) for _ in range(20)]
        try:
            idle[0].sendall(b"POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            status, _ = send_event(r, fs.mention("how many died?"), timeout=15)
            assert status == 200
            for conn in idle:  # each was closed by the server: end of file
                conn.settimeout(5)
                assert conn.recv(1024) == b""
        finally:
            for conn in idle:
                conn.close()


@pytest.mark.parametrize(
    ("soft", "expected"), [(256, 128), (1024, 512), (65536, 1000), (resource.RLIM_INFINITY, 1000)]
)
def test_the_connection_room_fits_the_file_descriptor_limit(
    monkeypatch: pytest.MonkeyPatch, soft: int, expected: int
) -> None:
    monkeypatch.setattr(resource, "getrlimit", lambda which: (soft, resource.RLIM_INFINITY))
    assert connection_limit() == expected


def test_a_replayed_slash_command_is_answered_once(app: Running) -> None:
    body = urlencode(command_form(app.fake, "how many died?")).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", **fs.sign(body)}
    assert http_post(app.url, body, headers)[0] == 200
    app.fake.wait_for("response_url")
    # The same signed request again, as someone who recorded it would send it.
    assert http_post(app.url, body, headers)[0] == 200
    assert http_post(app.url, body, headers)[0] == 200
    # A new /ask with the same words is a new request (new trigger and timestamp).
    again = command_form(app.fake, "how many died?", trigger_id="9.9.9")
    assert send_form(app.url, again)[0] == 200
    app.fake.wait_for("response_url", 2)
    time.sleep(0.5)
    assert len(app.fake.calls_to("response_url")) == 2
    assert app.core.questions == ["how many died?", "how many died?"]


def test_a_replayed_share_click_posts_once(app: Running) -> None:
    action = share_click(app.fake, "gone:how many?", "share-3")
    body = urlencode({"payload": json.dumps(action)}).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", **fs.sign(body)}
    assert http_post(app.url, body, headers)[0] == 200
    assert http_post(app.url, body, headers)[0] == 200
    app.fake.wait_for("response_url", 2)  # the shared answer, then the private copy deleted
    time.sleep(0.5)
    shared = [c for c in app.fake.calls_to("response_url") if "response_type" in c.params]
    assert [c.params["response_type"] for c in shared] == ["in_channel"]
    assert app.core.questions == ["how many?"]


SECRET_WORDS = "zebra-quokka-7731"


def test_request_bodies_and_tokens_never_reach_the_log(
    app: Running, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        # Answered: an event and a command (whose reply repeats the question).
        send_event(app, fs.mention(f"how many died? {SECRET_WORDS}"))
        send_form(app.url, command_form(app.fake, f"how many died? {SECRET_WORDS}"))
        app.fake.wait_for("chat.postMessage")
        app.fake.wait_for("response_url")
        # Refused or unhandled: forged, malformed, an event with no listener.
        send_event(app, fs.mention(SECRET_WORDS), secret="wrong")
        http_post(app.url, f'{{"x": "{SECRET_WORDS}'.encode(), signed_raw(b"other"))
        send_event(app, {"type": "reaction_added", "user": "U1", "reaction": SECRET_WORDS})
        # bolt's own signature check, reached directly, logs the body it refuses.
        request = BoltRequest(
            body=json.dumps({"type": "event_callback", "event": {"text": SECRET_WORDS}}),
            headers={"x-slack-signature": "v0=00", "x-slack-request-timestamp": "1"},
        )
        assert app.bot.app.dispatch(request).status == 401
        time.sleep(0.3)
    logged = caplog.text + "".join(r.getMessage() for r in caplog.records)
    # The libraries did log (so the test can see them), without the bodies.
    assert f"Invalid request signature detected {BODY_NOT_LOGGED}" in logged
    assert SECRET_WORDS not in logged
    assert fs.BOT_TOKEN not in logged
    assert fs.SIGNING_SECRET not in logged


def test_serve_listens_on_loopback_unless_told_otherwise(
    fake: fs.FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    assert Settings(_env_file=None).slack_host == "127.0.0.1"  # type: ignore[call-arg]
    port = free_port()
    stop = threading.Event()
    settings = make_settings(fake, slack_port=port)
    with caplog.at_level(logging.INFO, logger="bot.slack_app"):
        thread = threading.Thread(target=serve, args=(settings, FakeCore()), kwargs={"stop": stop})
        thread.start()
        try:
            wait_listening("127.0.0.1", port)
        finally:
            stop.set()
            thread.join(timeout=10)
    assert f"listening on http://127.0.0.1:{port}/slack/events" in caplog.text


def test_serve_listens_on_the_host_setting(
    fake: fs.FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = "127.0.0.2"  # loopback too, but not the default
    try:
        socket.create_server((other, 0)).close()
    except OSError:
        pytest.skip(f"{other} is not a loopback address here")
    port = free_port()
    monkeypatch.setenv("CORPUSBOT_SLACK_HOST", other)
    settings = make_settings(fake, slack_port=port)
    assert settings.slack_host == other
    stop = threading.Event()
    thread = threading.Thread(target=serve, args=(settings, FakeCore()), kwargs={"stop": stop})
    thread.start()
    try:
        wait_listening(other, port)
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        url = f"http://{other}:{port}/slack/events"
        assert send_json(url, fs.event_callback(fs.mention("how many died?")))[0] == 200
    finally:
        stop.set()
        thread.join(timeout=10)


@pytest.mark.parametrize("host", ["", "127.0.0.1 ", "a host"])
def test_a_malformed_host_setting_is_refused(fake: fs.FakeSlack, host: str) -> None:
    with pytest.raises(ValidationError, match="slack_host"):
        make_settings(fake, slack_host=host)


def test_serve_names_a_host_it_cannot_listen_on(fake: fs.FakeSlack) -> None:
    # 192.0.2.1 is reserved for documentation: never an address of this machine.
    settings = make_settings(fake, slack_host="192.0.2.1", slack_port=free_port())
    with pytest.raises(BadInputError, match=re.escape("CORPUSBOT_SLACK_HOST=192.0.2.1")):
        serve(settings, FakeCore())


def wait_listening(host: str, port: int) -> None:
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection((host, port), timeout=1).close()
            return
        except OSError:
            assert time.monotonic() < deadline, "the HTTP server never started"
            time.sleep(0.05)
