"""👍/👎 and charts in Discord: a real discord.py client, the fake gateway and REST API."""

from __future__ import annotations

import io
import logging
import time
from pathlib import Path
from typing import Any

import pytest

from bot import discord_feedback as dfb
from bot.feedback import FeedbackStore
from bot.messages import REFUSED_MESSAGE, THANKS_MESSAGE
from tests.test_discord_gateway import FakeCore, run, running

try:
    from tests.fakes import fake_discord as fd
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from fakes import fake_discord as fd  # type: ignore[no-redef]

pytestmark = pytest.mark.timeout(90)

COMPONENT_ACK = 6  # DEFERRED_UPDATE_MESSAGE
MODAL = 9
EPHEMERAL = 64


def buttons(call: fd.Call) -> list[dict[str, Any]]:
    return [c for row in call.body.get("components") or [] for c in row["components"]]


def is_png(data: bytes) -> bool:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        image.load()
        return image.format == "PNG" and image.size[0] > 100


def answered_message(call: fd.Call) -> dict[str, Any]:
    """The bot's message as Discord would send it back inside a click."""
    message = fd.message_payload(
        int(call.message_id or 0),
        fd.CHANNEL_ID,
        fd.BOT_USER,
        call.body.get("content") or "",
        embeds=call.body.get("embeds"),
    )
    message["components"] = call.body.get("components") or []
    return message


def test_a_mention_gets_buttons_and_the_chart_on_the_answer_message(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "f.sqlite3")

    async def scenario() -> None:
        async with running(FakeCore(), feedback=store) as (_client, fake):
            asked = await fake.send_mention("how many died?")
            await fake.wait_until(lambda: fake.attachments(), what="the chart")
            [reply] = fake.replies_to(asked["id"])
            up, down = buttons(reply)
            assert up["custom_id"].startswith(dfb.VOTE_PREFIX + "up:")
            assert down["custom_id"].startswith(dfb.VOTE_PREFIX + "down:")
            [(edit, files)] = fake.attachments()
            # The chart is added to the answer's own message, in its channel.
            assert edit.method == "PATCH"
            assert edit.path == f"/channels/{fd.CHANNEL_ID}/messages/{reply.message_id}"
            [(name, data)] = files
            assert name == "figures.png" and is_png(data)

    run(scenario)


def test_votes_are_acked_at_once_shown_changed_and_a_reason_asked(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "f.sqlite3")

    async def scenario() -> None:
        async with running(FakeCore(), feedback=store, charts=False) as (_client, fake):
            asked = await fake.send_mention("how many died?")
            await fake.wait_until(lambda: fake.replies_to(asked["id"]), what="the answer")
            [reply] = fake.replies_to(asked["id"])
            up, down = buttons(reply)
            message = answered_message(reply)

            clicked = await fake.click(up["custom_id"], message)
            started = time.monotonic()
            await fake.wait_until(lambda: fake.callbacks(clicked), what="the ack")
            assert time.monotonic() - started < 2.5
            assert fake.callbacks(clicked)[0].body["type"] == COMPONENT_ACK
            token = clicked["token"]
            await fake.wait_until(lambda: fake.followups(token), what="the redrawn buttons")
            [edit] = fake.followups(token)
            assert edit.method == "PATCH" and edit.path.endswith("/messages/@original")
            shown_up, shown_down = buttons(edit)
            assert shown_up["style"] == 3 and shown_up["label"] == "1"  # success, one vote
            assert shown_down["style"] == 2  # secondary

            changed = await fake.click(down["custom_id"], message)
            token = changed["token"]
            await fake.wait_until(lambda: len(fake.followups(token)) == 2, what="the prompt")
            edit, prompt = fake.followups(token)
            shown_up, shown_down = buttons(edit)
            assert shown_down["style"] == 4 and shown_down["label"] == "1"
            assert "label" not in shown_up or not shown_up["label"]
            assert prompt.body["flags"] & EPHEMERAL  # only the voter sees it
            [say_why] = buttons(prompt)

            opened = await fake.click(say_why["custom_id"], message)
            await fake.wait_until(lambda: fake.callbacks(opened), what="the modal")
            modal = fake.callbacks(opened)[0].body
            assert modal["type"] == MODAL
            text_input = modal["data"]["components"][0]["components"][0]
            submitted = await fake.submit_modal(
                modal["data"]["custom_id"], {text_input["custom_id"]: "figures  are\nold"}
            )
            await fake.wait_until(lambda: fake.callbacks(submitted), what="the thanks")
            thanks = fake.callbacks(submitted)[0].body
            assert thanks["data"]["content"] == THANKS_MESSAGE
            assert thanks["data"]["flags"] & EPHEMERAL
            # the thanks goes out first (Discord waits 3 s at most); the reason is stored after
            await fake.wait_until(
                lambda: any(v.reason for v in store.votes()), what="the reason stored"
            )

    run(scenario)
    [vote] = store.votes()
    assert (vote.vote, vote.reason, vote.platform) == (-1, "figures are old", "discord")
    assert vote.channel == str(fd.CHANNEL_ID)
    assert str(fd.USER_ID) not in vote.user_hash


def test_ask_answers_carry_buttons_and_the_chart(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "f.sqlite3")

    async def scenario() -> None:
        async with running(FakeCore(), feedback=store, discord_guild_id=fd.GUILD_ID) as (
            _client,
            fake,
        ):
            interaction = await fake.send_interaction("how many died?")
            token = interaction["token"]
            await fake.wait_until(lambda: len(fake.followups(token)) == 2, what="answer, chart")
            answer, edit = fake.followups(token)
            assert len(buttons(answer)) == 2
            assert edit.method == "PATCH" and edit.path.endswith(f"/messages/{answer.message_id}")
            assert is_png(edit.files[0][1])

    run(scenario)


def test_a_database_that_cannot_be_written_refuses_votes_not_answers(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="bot.feedback")
    store = FeedbackStore(tmp_path / "missing" / "f.sqlite3")

    async def scenario() -> None:
        async with running(FakeCore(), feedback=store, charts=False) as (_client, fake):
            asked = await fake.send_mention("how many died?")
            await fake.wait_until(lambda: fake.replies_to(asked["id"]), what="the answer")
            [reply] = fake.replies_to(asked["id"])
            assert reply.body["embeds"]  # the answer itself
            clicked = await fake.click(buttons(reply)[0]["custom_id"], answered_message(reply))
            token = clicked["token"]
            await fake.wait_until(lambda: fake.followups(token), what="the notice")
            [notice] = fake.followups(token)
            assert notice.body["content"] == REFUSED_MESSAGE
            assert notice.body["flags"] & EPHEMERAL
            await fake.wait_until(lambda: True)
            assert fake.attachments() == []  # charts off

    run(scenario)
    assert "vote was refused" in caplog.text
