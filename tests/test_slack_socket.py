"""Socket Mode: slack_sdk's client against a fake websocket server, one event end to end."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from slack_bolt.adapter.socket_mode import SocketModeHandler

from bot.answer import Answer, Snippet
from bot.settings import Settings
from bot.slack_app import SlackBot

try:
    from tests.fakes import fake_slack as fs
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from fakes import fake_slack as fs  # type: ignore[no-redef]

pytestmark = pytest.mark.timeout(60)


def ask(question: str) -> Answer:
    quote = "About 600 people died in the floods, officials said."
    return Answer(
        question=question,
        answered=True,
        snippets=[Snippet("flood", "Floods kill hundreds", quote, 0, len(quote), 0.9, "Reuters")],
        summary="About 600 people died (Reuters).",
    )


@pytest.fixture
def fakes() -> Iterator[tuple[fs.FakeSlack, fs.FakeSocketModeServer]]:
    api = fs.FakeSlack().start()
    ws = fs.FakeSocketModeServer().start()
    api.ws_url = ws.url
    yield api, ws
    ws.stop()
    api.stop()


def test_an_event_over_socket_mode_is_acked_and_answered(
    fakes: tuple[fs.FakeSlack, fs.FakeSocketModeServer],
) -> None:
    api, ws = fakes
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
    handler = SocketModeHandler(bot.app, settings.slack_app_token)
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
