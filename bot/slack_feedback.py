"""👍/👎 on Slack answers and the chart of their figures; ``SlackBot`` hooks this in.

Each answer carries an actions block with two buttons whose value is the answer's id. A click
is acknowledged at once; the vote is then stored, the message redrawn with the choice and the
tally (through the click's ``response_url``), and after 👎 the voter alone is asked for an
optional one-line reason (an ephemeral message with a text input).
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.answer import Answer
from bot.feedback import (
    MAX_REASON_CHARS,
    FeedbackStore,
    FeedbackUnavailableError,
    Tally,
    Vote,
    cast_vote,
    give_reason,
    new_answer_id,
)
from bot.messages import SLACK_REASON_PROMPT as REASON_PROMPT
from bot.render_slack import Block, SlackMessage, render_notice

log = logging.getLogger(__name__)

PLATFORM = "slack"
UP_ACTION = "feedback_up"
DOWN_ACTION = "feedback_down"
REASON_ACTION = "feedback_reason"
BLOCK_ID = "corpusbot_feedback"
REASON_BLOCK_PREFIX = "feedback_reason:"

Respond = Callable[..., bool]
Submit = Callable[..., None]
PostEphemeral = Callable[[str, str, str | None, SlackMessage], None]


def feedback_block(answer_id: str, tally: Tally | None = None, chosen: int | None = None) -> Block:
    """The 👍/👎 buttons; with ``chosen`` the clicked one is highlighted, with ``tally`` counted."""

    def button(action: str, emoji: str, words: str, vote: int, count: int | None) -> Block:
        text = f"{emoji} {words}" + (f" · {count}" if count else "")
        element: Block = {
            "type": "button",
            "action_id": action,
            "text": {"type": "plain_text", "text": text, "emoji": True},
            "value": answer_id,
        }
        if chosen == vote:
            element["style"] = "primary" if vote > 0 else "danger"
        return element

    return {
        "type": "actions",
        "block_id": BLOCK_ID,
        "elements": [
            button(UP_ACTION, "👍", "Helpful", 1, tally.up if tally else None),
            button(DOWN_ACTION, "👎", "Not helpful", -1, tally.down if tally else None),
        ],
    }


def with_choice(blocks: list[Block], answer_id: str, tally: Tally, chosen: int) -> list[Block]:
    """``blocks`` with their feedback buttons redrawn (other blocks untouched)."""
    return [
        feedback_block(answer_id, tally, chosen) if b.get("block_id") == BLOCK_ID else b
        for b in blocks
    ]


def reason_prompt(answer_id: str) -> SlackMessage:
    return SlackMessage(
        text=REASON_PROMPT,
        blocks=[
            {
                "type": "input",
                "block_id": REASON_BLOCK_PREFIX + answer_id,
                "dispatch_action": True,
                "label": {"type": "plain_text", "text": REASON_PROMPT, "emoji": True},
                "element": {
                    "type": "plain_text_input",
                    "action_id": REASON_ACTION,
                    "max_length": MAX_REASON_CHARS,
                    "dispatch_action_config": {"trigger_actions_on": ["on_enter_pressed"]},
                },
                "optional": True,
            }
        ],
    )


@dataclass
class SlackFeedback:
    """Feedback buttons, votes and charts for one ``SlackBot``; talks to Slack through it."""

    store: FeedbackStore | None
    client: WebClient
    respond: Respond  # (url, message, **options) → posted
    submit: Submit  # runs work off bolt's listener threads
    post_ephemeral: PostEphemeral
    charts: bool = True
    remembered: int = 512  # ephemeral answers kept to redraw (Slack does not send them back)

    def __post_init__(self) -> None:
        self._private: OrderedDict[str, SlackMessage] = OrderedDict()
        self._lock = threading.Lock()
        # Charts are drawn one at a time, apart from the answers: they never delay one.
        self._charts = ThreadPoolExecutor(max_workers=1, thread_name_prefix="slack-chart")

    def close(self) -> None:
        self._charts.shutdown(wait=False, cancel_futures=True)

    def register(self, app: App) -> None:
        app.action(UP_ACTION)(self._on_vote)
        app.action(DOWN_ACTION)(self._on_vote)
        app.action(REASON_ACTION)(self._on_reason)

    # --- answers ---------------------------------------------------------------------------

    def footer(self, answer: Answer, channel: str | None) -> list[Block]:
        """The feedback buttons for ``answer`` (none when it did not answer), the answer
        recorded for the votes to come; a database that cannot take it is only logged."""
        if self.store is None or not answer.answered:
            return []
        answer_id = new_answer_id()
        try:
            self.store.record_answer(answer_id, answer, platform=PLATFORM, channel=channel or "")
        except FeedbackUnavailableError as exc:
            log.warning("feedback: the answer was not recorded (%s)", exc)
        return [feedback_block(answer_id)]

    def remember_private(self, message: SlackMessage) -> None:
        """An ephemeral answer, to redraw it when its buttons are clicked."""
        for block in message.blocks:
            if block.get("block_id") == BLOCK_ID:
                self._keep(block["elements"][0]["value"], message)

    def _keep(self, answer_id: str, message: SlackMessage) -> None:
        with self._lock:
            self._private[answer_id] = message
            while len(self._private) > self.remembered:
                self._private.popitem(last=False)

    def send_chart(self, answer: Answer, channel: str, thread_ts: str | None) -> None:
        """Upload the chart of ``answer``'s figures into its thread (when it has one to draw),
        on the chart thread."""
        if not self.charts:
            return
        try:
            self._charts.submit(self._send_chart, answer, channel, thread_ts)
        except RuntimeError:  # shut down: the app is stopping
            log.debug("no chart: shutting down")

    def _send_chart(self, answer: Answer, channel: str, thread_ts: str | None) -> None:
        from bot.chart import FILE_NAME, draw

        chart = draw(answer)
        if chart is None:
            return
        title = "Figures side by side: " + ", ".join(p.measure for p in chart.panels)
        try:
            self.client.files_upload_v2(
                channel=channel,
                thread_ts=thread_ts,
                content=chart.png,
                filename=FILE_NAME,
                title=title[:250],
                alt_txt=title[:1000],
            )
        except Exception as exc:  # a missing files:write scope must not stop anything
            log.error("uploading the chart to %s failed: %s", channel, exc)

    # --- clicks ----------------------------------------------------------------------------

    def _on_vote(
        self, ack: Callable[..., None], body: dict[str, Any], action: dict[str, Any]
    ) -> None:
        ack()  # at once; the database is written after
        self.submit(self._vote, body, dict(action))

    def _vote(self, body: dict[str, Any], action: dict[str, Any]) -> None:
        url = body.get("response_url") or ""
        answer_id = str(action.get("value", ""))
        user = str((body.get("user") or {}).get("id", ""))
        vote: Vote = 1 if action.get("action_id") == UP_ACTION else -1
        channel = str((body.get("channel") or {}).get("id") or "")
        message = body.get("message") or {}
        tally = cast_vote(self.store, answer_id, platform=PLATFORM, user_id=user, vote=vote)
        if isinstance(tally, str):
            self._tell(body, channel, user, message, render_notice(tally))
            return
        shown = self._shown(message, answer_id)
        if shown is not None and url:
            redrawn = SlackMessage(shown.text, with_choice(shown.blocks, answer_id, tally, vote))
            if not message:
                self._keep(answer_id, redrawn)
            self.respond(url, redrawn, replace_original=True)
        if vote < 0:
            self._tell(body, channel, user, message, reason_prompt(answer_id))

    def _shown(self, message: dict[str, Any], answer_id: str) -> SlackMessage | None:
        """The message the buttons are on: sent with the click, or remembered (ephemeral)."""
        if message.get("blocks"):
            return SlackMessage(str(message.get("text") or ""), list(message["blocks"]))
        with self._lock:
            return self._private.get(answer_id)

    def _tell(
        self,
        body: dict[str, Any],
        channel: str,
        user: str,
        message: dict[str, Any],
        reply: SlackMessage,
    ) -> None:
        """Only to the clicking user: in the answer's thread, or beside a private answer."""
        url = body.get("response_url")
        private = (body.get("container") or {}).get("is_ephemeral") or not message
        if private or not channel:
            if url:
                self.respond(url, reply, response_type="ephemeral", replace_original=False)
            return
        thread_ts = message.get("thread_ts") or message.get("ts")
        self.post_ephemeral(channel, user, thread_ts, reply)

    def _on_reason(
        self, ack: Callable[..., None], body: dict[str, Any], action: dict[str, Any]
    ) -> None:
        ack()
        self.submit(self._reason, body, dict(action))

    def _reason(self, body: dict[str, Any], action: dict[str, Any]) -> None:
        answer_id = str(action.get("block_id", "")).removeprefix(REASON_BLOCK_PREFIX)
        user = str((body.get("user") or {}).get("id", ""))
        text = str(action.get("value") or "")
        reply = give_reason(self.store, answer_id, platform=PLATFORM, user_id=user, reason=text)
        url = body.get("response_url")
        if url:
            self.respond(url, render_notice(reply), replace_original=True)
