"""👍/👎 and charts in Slack: real bolt over HTTP, a fake Web API, a real SQLite store."""

from __future__ import annotations

import io
import json
import logging
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot import chart as chart_module
from bot import slack_feedback as sf
from bot.feedback import FeedbackStore
from bot.messages import REFUSED_MESSAGE, THANKS_MESSAGE
from tests.test_slack_http import (
    Running,
    command_form,
    running,
    send_event,
    send_form,
)

try:
    from tests.fakes import fake_slack as fs
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from fakes import fake_slack as fs  # type: ignore[no-redef]

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def fake() -> Iterator[fs.FakeSlack]:
    server = fs.FakeSlack().start()
    yield server
    server.stop()


def feedback_buttons(params: dict[str, Any]) -> list[dict[str, Any]]:
    [block] = [b for b in params["blocks"] if b.get("block_id") == sf.BLOCK_ID]
    return list(block["elements"])


def click(
    r: Running,
    action_id: str,
    value: str,
    *,
    user: str = "UASKER1",
    message: dict[str, Any] | None = None,
    name: str = "vote",
    **extra: Any,
) -> float:
    payload = {
        "type": "block_actions",
        "team": {"id": fs.TEAM_ID},
        "user": {"id": user, "username": "asker"},
        "api_app_id": fs.API_APP_ID,
        "channel": {"id": "C0001", "name": "general"},
        "container": {"type": "message", "is_ephemeral": message is None},
        "response_url": r.fake.response_url(name),
        "trigger_id": "1.2.3",
        "actions": [{"type": "button", "action_id": action_id, "value": value, "block_id": "x"}],
        **extra,
    }
    if message is not None:
        payload["message"] = message
    started = time.monotonic()
    status, _ = send_form(r.url, {"payload": json.dumps(payload)})
    assert status == 200
    return time.monotonic() - started


def responses(fake: fs.FakeSlack, name: str, count: int) -> list[dict[str, Any]]:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        found = [c.params for c in fake.calls_to("response_url") if c.params["_name"] == name]
        if len(found) >= count:
            return found
        time.sleep(0.02)
    raise AssertionError(f"{name}: fewer than {count} responses")


def is_png(data: bytes) -> bool:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        image.load()
        return image.format == "PNG" and image.size[0] > 100


def test_a_mention_gets_buttons_and_its_chart_in_the_thread(
    fake: fs.FakeSlack, tmp_path: Path
) -> None:
    store = FeedbackStore(tmp_path / "f.sqlite3")
    with running(fake, feedback=store) as r:
        event = fs.mention("how many died?")
        send_event(r, event)
        [posted] = [c.params for c in fake.wait_for("chat.postMessage")]
        up, down = feedback_buttons(posted)
        assert (up["action_id"], down["action_id"]) == (sf.UP_ACTION, sf.DOWN_ACTION)
        assert up["value"] == down["value"] and "style" not in up
        fake.wait_for("files.completeUploadExternal")
        [(shared, files)] = fake.shared()
    assert shared["channel_id"] == "C0001"
    assert shared["thread_ts"] == event["ts"]  # in the answer's thread
    assert is_png(files[0])


def test_a_vote_is_acked_at_once_stored_shown_and_can_change(
    fake: fs.FakeSlack, tmp_path: Path
) -> None:
    store = FeedbackStore(tmp_path / "f.sqlite3")
    with running(fake, feedback=store, charts=False) as r:
        event = fs.mention("how many died?")
        send_event(r, event)
        posted = fake.wait_for("chat.postMessage")[0].params
        answer_id = feedback_buttons(posted)[0]["value"]
        message = {
            "type": "message",
            "ts": "1700000000.000100",
            "thread_ts": event["ts"],
            "text": posted["text"],
            "blocks": posted["blocks"],
        }
        took = click(r, sf.UP_ACTION, answer_id, message=message, name="v1")
        assert took < 1.0
        [redrawn] = responses(fake, "v1", 1)
        assert redrawn["replace_original"] is True
        up, down = feedback_buttons(redrawn)
        assert up["style"] == "primary" and "· 1" in up["text"]["text"]
        assert "style" not in down
        # The rest of the answer is untouched.
        assert redrawn["blocks"][0] == posted["blocks"][0]

        click(r, sf.DOWN_ACTION, answer_id, message=message, name="v2")
        [redrawn] = responses(fake, "v2", 1)
        up, down = feedback_buttons(redrawn)
        assert down["style"] == "danger" and "· 1" in down["text"]["text"]
        assert "· 1" not in up["text"]["text"]
        # After 👎, only the voter is asked why, in the answer's thread.
        prompt = fake.wait_for("chat.postEphemeral")[0].params
        assert (prompt["user"], prompt["thread_ts"]) == ("UASKER1", event["ts"])
        [input_block] = prompt["blocks"]
        assert input_block["element"]["action_id"] == sf.REASON_ACTION

        reason = {
            "type": "plain_text_input",
            "action_id": sf.REASON_ACTION,
            "block_id": input_block["block_id"],
            "value": "the toll is from another flood",
        }
        payload = {
            "type": "block_actions",
            "team": {"id": fs.TEAM_ID},
            "user": {"id": "UASKER1"},
            "api_app_id": fs.API_APP_ID,
            "channel": {"id": "C0001"},
            "container": {"type": "message", "is_ephemeral": True},
            "response_url": fake.response_url("why"),
            "actions": [reason],
        }
        send_form(r.url, {"payload": json.dumps(payload)})
        [thanks] = responses(fake, "why", 1)
        assert thanks["text"] == THANKS_MESSAGE

    [vote] = store.votes()
    assert (vote.vote, vote.reason, vote.platform, vote.channel) == (
        -1,
        "the toll is from another flood",
        "slack",
        "C0001",
    )
    assert vote.question == "how many died?" and "UASKER1" not in vote.user_hash


def test_ask_answers_carry_buttons_redrawn_privately(fake: fs.FakeSlack, tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "f.sqlite3")
    with running(fake, feedback=store) as r:
        send_form(r.url, command_form(fake, "how many died?"))
        reply = responses(fake, "cmd-1", 1)[0]
        answer_id = feedback_buttons(reply)[0]["value"]
        # An ephemeral message is not sent back with the click: the bot redraws it.
        click(r, sf.DOWN_ACTION, answer_id, name="private")
        redrawn, prompt = responses(fake, "private", 2)
        assert redrawn["replace_original"] is True
        assert feedback_buttons(redrawn)[1]["style"] == "danger"
        assert "/ask how many died?" in json.dumps(redrawn["blocks"])
        assert prompt["response_type"] == "ephemeral" and prompt["replace_original"] is False
        assert prompt["blocks"][0]["type"] == "input"
        # /ask answers are private: no chart is uploaded for them.
        time.sleep(0.3)
        assert fake.calls_to("files.getUploadURLExternal") == []
    assert [v.vote for v in store.votes()] == [-1]


def test_a_database_that_cannot_be_written_refuses_the_vote_but_not_the_answer(
    fake: fs.FakeSlack, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="bot.feedback")
    store = FeedbackStore(tmp_path / "no-such-folder" / "f.sqlite3")
    with running(fake, feedback=store, charts=False) as r:
        send_event(r, fs.mention("how many died?"))
        posted = fake.wait_for("chat.postMessage")[0].params
        assert "About 600 people died" in json.dumps(posted)
        answer_id = feedback_buttons(posted)[0]["value"]
        message = {"ts": "1.1", "text": posted["text"], "blocks": posted["blocks"]}
        click(r, sf.UP_ACTION, answer_id, message=message, name="refused")
        notice = fake.wait_for("chat.postEphemeral")[0].params
        assert notice["text"] == REFUSED_MESSAGE
        assert responses(fake, "refused", 0) == []
    assert "vote was refused" in caplog.text


def test_charts_off_and_a_failed_drawing_leave_the_text_answer(
    fake: fs.FakeSlack, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    with running(fake, charts=False) as r:
        send_event(r, fs.mention("how many died?"))
        fake.wait_for("chat.postMessage")
        time.sleep(0.3)
        assert fake.calls_to("files.getUploadURLExternal") == []

    def broken(panels: Any, **_: Any) -> Any:
        raise RuntimeError("no fonts")

    monkeypatch.setattr(chart_module, "render", broken)
    with running(fake) as r:
        send_event(r, fs.mention("how many died now?"))
        posted = fake.wait_for("chat.postMessage", 2)[1].params
        assert "About 600 people died" in json.dumps(posted)
        assert not any(b.get("block_id") == sf.BLOCK_ID for b in posted["blocks"])
        time.sleep(0.3)
        assert fake.calls_to("files.getUploadURLExternal") == []
    assert "drawing the chart" in caplog.text
