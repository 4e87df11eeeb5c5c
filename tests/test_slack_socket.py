"""Socket Mode: slack_sdk's client against a fake websocket server, one event end to end."""

from __future__ import annotations

import logging
import threading
import time

import pytest
from slack_bolt.adapter.socket_mode import SocketModeHandler

from bot.answer import Answer, Snippet
from bot.settings import Settings
from bot.slack_app import SlackBot, serve
from retrieval.errors import BadInputError, CorpusbotError

try:
    from tests.fakes import fake_slack as fs
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from fakes import fake_slack as fs  # type: ignore[no-redef]

pytestmark = pytest.mark.timeout(60)
logger = logging.getLogger(__name__)


def ask(question: str, **_: object) -> Answer:
    quote = "About 600 people died in the floods, officials said."
    return Answer(
        question=question,
        answered=True,
        snippets=[Snippet("flood", "Floods kill hundreds", quote, 0, len(quote), 0.9, "Reuters")],
        summary="About 600 people died (Reuters).",
    )


def test_an_event_over_socket_mode_is_acked_and_answered(
    slack_socket_mode: tuple[fs.FakeSlack, fs.FakeSocketModeServer],
) -> None:
    api, ws = slack_socket_mode
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        slack_bot_token=fs.BOT_TOKEN,
        slack_app_token=fs.APP_TOKEN,
        slack_signing_secret="",  # not needed in Socket Mode
        slack_api_url=api.url,
        slack_channels=[],
        rate_limit_per_minute=0,
    )
    bot = SlackBot(settings, ask)
    handler = SocketModeHandler(bot.app, settings.slack_app_token.get_secret_value())
    try:
        handler.connect()
        ws.wait_connected()
        opened = api.wait_for("apps.connections.open")[0]
        assert opened.headers["authorization"] == f"Bearer {fs.APP_TOKEN}"

        event = fs.mention("how many died?")
        payload = fs.event_callback(event)
        ws.send(
            {
                "envelope_id": "env-1",
                "type": "events_api",
                "accepts_response_payload": False,
                "retry_attempt": 0,
                "retry_reason": "",
                "payload": payload,
            }
        )
        assert ws.wait_ack("env-1") == {"envelope_id": "env-1"}
        post = api.wait_for("chat.postMessage")[0].params
        assert post["channel"] == event["channel"]
        assert post["thread_ts"] == event["ts"]
        assert "About 600 people died" in str(post["blocks"])

        # Socket Mode re-delivers with retry_attempt > 0; it is acked and not answered again.
        ws.send(
            {
                "envelope_id": "env-2",
                "type": "events_api",
                "accepts_response_payload": False,
                "retry_attempt": 1,
                "retry_reason": "timeout",
                "payload": payload,
            }
        )
        ws.wait_ack("env-2")
        time.sleep(0.5)
    finally:
        handler.close()
        bot.close()
    assert len(api.posted()) == 1


def socket_settings(api: fs.FakeSlack, **values: object) -> Settings:
    base: dict[str, object] = {
        "slack_bot_token": fs.BOT_TOKEN,
        "slack_app_token": fs.APP_TOKEN,
        "slack_signing_secret": "",
        "slack_api_url": api.url,
        "slack_channels": [],
        "rate_limit_per_minute": 0,
    }
    base.update(values)
    return Settings(_env_file=None, **base)  # type: ignore[call-arg]


def test_serve_runs_socket_mode_until_stopped(
    slack_socket_mode: tuple[fs.FakeSlack, fs.FakeSocketModeServer],
) -> None:
    api, ws = slack_socket_mode
    stop = threading.Event()
    errors: list[BaseException] = []

    def run() -> None:
        try:
            serve(socket_settings(api), ask, stop=stop)
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        ws.wait_connected()
        event = fs.message("how many died?", channel="D0001", channel_type="im")
        envelope = {"envelope_id": "env-9", "type": "events_api", "retry_attempt": 0}
        ws.send({**envelope, "payload": fs.event_callback(event)})
        ws.wait_ack("env-9")
        assert api.wait_for("chat.postMessage")[0].params["channel"] == "D0001"
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()
    assert errors == []


def test_serve_names_a_rejected_app_token(
    slack_socket_mode: tuple[fs.FakeSlack, fs.FakeSocketModeServer],
) -> None:
    api, _ = slack_socket_mode
    # A runtime failure (exit 1), like a token Discord refuses; not a malformed setting.
    with pytest.raises(CorpusbotError, match="SLACK_APP_TOKEN was rejected by Slack") as info:
        serve(socket_settings(api, slack_app_token="xapp-1-wrong"), ask)
    assert not isinstance(info.value, BadInputError)


def test_serve_names_a_rejected_bot_token(
    slack_socket_mode: tuple[fs.FakeSlack, fs.FakeSocketModeServer],
) -> None:
    api, _ = slack_socket_mode
    with pytest.raises(
        CorpusbotError, match=r"SLACK_BOT_TOKEN was rejected by Slack \(invalid_auth\)"
    ) as info:
        serve(socket_settings(api, slack_bot_token="xoxb-wrong"), ask)
    assert not isinstance(info.value, BadInputError)


def test_serve_names_a_malformed_token_before_connecting(
    slack_socket_mode: tuple[fs.FakeSlack, fs.FakeSocketModeServer],
) -> None:
    api, _ = slack_socket_mode
    with pytest.raises(BadInputError, match="SLACK_APP_TOKEN is malformed"):
        serve(socket_settings(api, slack_app_token="xoxb-1"), ask)
    assert api.calls == []


def test_a_start_logs_no_token(
    slack_socket_mode: tuple[fs.FakeSlack, fs.FakeSocketModeServer],
    caplog: pytest.LogCaptureFixture,
) -> None:
    api, ws = slack_socket_mode
    stop = threading.Event()
    settings = socket_settings(api)
    caplog.set_level(logging.DEBUG)
    thread = threading.Thread(target=serve, args=(settings, ask), kwargs={"stop": stop})
    thread.start()
    try:
        ws.wait_connected()
        event = fs.message("how many died?", channel="D0001", channel_type="im")
        ws.send({"envelope_id": "env-7", "type": "events_api", "payload": fs.event_callback(event)})
        ws.wait_ack("env-7")
        api.wait_for("chat.postMessage")
        logger.debug("settings: %r", settings)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert "settings: Settings(" in caplog.text  # the log was captured
    for token in (fs.BOT_TOKEN, fs.APP_TOKEN):
        assert token not in caplog.text
