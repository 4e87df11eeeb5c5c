"""👍/👎 on Discord answers and the chart of their figures; ``CorpusbotClient`` hooks this in.

The buttons are message components whose custom ids carry the answer's id, so a click is
understood after a restart too: clicks are read in ``on_interaction``, not by a stored view.
A click is acknowledged at once (a deferred update), the vote stored, the buttons redrawn
with the choice and the tally; after 👎 the voter alone gets an ephemeral follow-up whose
button opens a modal for an optional one-line reason.
"""

from __future__ import annotations

import asyncio
import functools
import io
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import discord

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
from bot.messages import DISCORD_REASON_PROMPT as REASON_PROMPT
from bot.messages import DISCORD_REASON_TITLE, THANKS_MESSAGE
from bot.render_discord import DiscordMessage

log = logging.getLogger(__name__)

PLATFORM = "discord"
PREFIX = "corpusbot:"
VOTE_PREFIX = PREFIX + "vote:"  # corpusbot:vote:up:<answer id>
REASON_PREFIX = PREFIX + "reason:"  # the follow-up's button that opens the modal
MODAL_PREFIX = PREFIX + "why:"  # the modal
REASON_INPUT = "reason"
# Seconds a chart may take before the answer is sent without it.
CHART_TIMEOUT = 10.0

T = TypeVar("T")


def _finished(view: discord.ui.View | discord.ui.Modal) -> Any:
    # Stopped at once: discord.py then keeps no copy of it; clicks come to on_interaction.
    view.stop()
    return view


def vote_view(answer_id: str, tally: Tally | None = None, chosen: int | None = None) -> Any:
    """The 👍/👎 buttons; the chosen one coloured, the tally counted."""
    view = discord.ui.View(timeout=None)
    for vote, emoji, word, style in (
        (1, "👍", "up", discord.ButtonStyle.success),
        (-1, "👎", "down", discord.ButtonStyle.danger),
    ):
        count = (tally.up if vote > 0 else tally.down) if tally else 0
        view.add_item(
            discord.ui.Button(
                style=style if chosen == vote else discord.ButtonStyle.secondary,
                emoji=emoji,
                label=str(count) if count else None,
                custom_id=f"{VOTE_PREFIX}{word}:{answer_id}",
            )
        )
    return _finished(view)


def reason_view(answer_id: str) -> Any:
    view = discord.ui.View(timeout=None)
    view.add_item(
        discord.ui.Button(
            style=discord.ButtonStyle.secondary,
            label="Say why",
            custom_id=f"{REASON_PREFIX}{answer_id}",
        )
    )
    return _finished(view)


def reason_modal(answer_id: str) -> Any:
    modal = discord.ui.Modal(
        title=DISCORD_REASON_TITLE,
        custom_id=f"{MODAL_PREFIX}{answer_id}",
        timeout=None,
    )
    modal.add_item(
        discord.ui.TextInput(
            label="Reason (optional, one line)",
            style=discord.TextStyle.short,
            custom_id=REASON_INPUT,
            required=False,
            max_length=MAX_REASON_CHARS,
        )
    )
    return _finished(modal)


def _modal_value(data: dict[str, Any], custom_id: str) -> str:
    for row in data.get("components") or []:
        for component in row.get("components") or [row.get("component") or {}]:
            if component.get("custom_id") == custom_id:
                return str(component.get("value") or "")
    return ""


class DiscordFeedback:
    """Feedback buttons, votes and charts for one client; blocking work runs on its threads."""

    def __init__(self, store: FeedbackStore | None, *, charts: bool = True) -> None:
        self.store = store
        self.charts = charts
        self._db = ThreadPoolExecutor(max_workers=2, thread_name_prefix="discord-feedback")
        self._draw = ThreadPoolExecutor(max_workers=1, thread_name_prefix="discord-chart")

    def close(self) -> None:
        self._db.shutdown(wait=False, cancel_futures=True)
        self._draw.shutdown(wait=False, cancel_futures=True)

    async def _run(
        self, pool: ThreadPoolExecutor, fn: Callable[..., T], *args: Any, **kw: Any
    ) -> T:
        call = functools.partial(fn, *args, **kw)
        return await asyncio.get_running_loop().run_in_executor(pool, call)

    # --- answers ---------------------------------------------------------------------------

    async def decorate(self, answer: Answer, parts: list[DiscordMessage], channel: str) -> None:
        """The buttons on the last message of ``answer``; its chart, drawn once the text is
        sent, added to the first."""
        if not answer.answered or not parts:
            return
        if self.charts:
            parts[0].after = functools.partial(self.attach_chart, answer)
        store = self.store
        if store is not None:
            answer_id = new_answer_id()
            try:
                await self._run(
                    self._db,
                    store.record_answer,
                    answer_id,
                    answer,
                    platform=PLATFORM,
                    channel=channel,
                )
            except FeedbackUnavailableError as exc:
                log.warning("feedback: the answer was not recorded (%s)", exc)
            parts[-1].view = vote_view(answer_id)

    async def attach_chart(self, answer: Answer, sent: Any) -> None:
        """Attach the chart of ``answer`` to ``sent`` (a message or webhook message)."""
        chart = await self._chart(answer)
        if chart is None or sent is None:
            return
        try:
            await sent.edit(attachments=[chart])
        except discord.HTTPException as exc:
            log.error("Discord refused the chart: %s %s", exc.status, exc.text)

    async def _chart(self, answer: Answer) -> discord.File | None:
        from bot.chart import FILE_NAME, draw

        try:
            chart = await asyncio.wait_for(self._run(self._draw, draw, answer), CHART_TIMEOUT)
        except Exception as exc:  # too slow, or the pool is shut down: the text goes alone
            log.warning("no chart for %r: %s", answer.question[:200], exc or type(exc).__name__)
            return None
        if chart is None:
            return None
        return discord.File(io.BytesIO(chart.png), filename=FILE_NAME)

    # --- clicks ----------------------------------------------------------------------------

    async def on_interaction(self, interaction: discord.Interaction) -> bool:
        """Handle a click or modal of the feedback; False for any other interaction."""
        data: dict[str, Any] = dict(interaction.data or {})
        custom_id = str(data.get("custom_id", ""))
        if not custom_id.startswith(PREFIX):
            return False
        try:
            if interaction.type is discord.InteractionType.component:
                if custom_id.startswith(VOTE_PREFIX):
                    word, _, answer_id = custom_id[len(VOTE_PREFIX) :].partition(":")
                    await self._vote(interaction, answer_id, 1 if word == "up" else -1)
                    return True
                if custom_id.startswith(REASON_PREFIX):
                    answer_id = custom_id[len(REASON_PREFIX) :]
                    await interaction.response.send_modal(reason_modal(answer_id))
                    return True
            if interaction.type is discord.InteractionType.modal_submit and custom_id.startswith(
                MODAL_PREFIX
            ):
                await self._reason(interaction, custom_id[len(MODAL_PREFIX) :], data)
                return True
        except discord.HTTPException as exc:
            log.error("Discord refused a feedback reply: %s %s", exc.status, exc.text)
            return True
        return False

    async def _vote(self, interaction: discord.Interaction, answer_id: str, vote: Vote) -> None:
        await interaction.response.defer()  # acknowledged at once; the message is edited below
        tally = await self._run(
            self._db,
            cast_vote,
            self.store,
            answer_id,
            platform=PLATFORM,
            user_id=str(interaction.user.id),
            vote=vote,
        )
        if isinstance(tally, str):
            await interaction.followup.send(tally, ephemeral=True)
            return
        await interaction.edit_original_response(view=vote_view(answer_id, tally, vote))
        if vote < 0:
            await interaction.followup.send(
                REASON_PROMPT, ephemeral=True, view=reason_view(answer_id)
            )

    async def _reason(
        self, interaction: discord.Interaction, answer_id: str, data: dict[str, Any]
    ) -> None:
        await interaction.response.send_message(THANKS_MESSAGE, ephemeral=True)
        reply = await self._run(
            self._db,
            give_reason,
            self.store,
            answer_id,
            platform=PLATFORM,
            user_id=str(interaction.user.id),
            reason=_modal_value(data, REASON_INPUT),
        )
        if reply != THANKS_MESSAGE:
            await interaction.followup.send(reply, ephemeral=True)
