"""Discord adapter: a message or ``/ask`` interaction → the core's question → ``Answer`` → embeds.

discord.py does the protocol work (gateway, heartbeats, REST, interactions); this module only
decides who gets answered, where, and how the answer looks (``bot.render_discord``).

Entry points: ``serve(settings, ask)`` (blocks) and ``CorpusbotClient(settings, ask)``.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import re
import threading
from collections.abc import AsyncIterator, Collection, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlparse

import aiohttp
import discord
from discord import app_commands

from bot.answer import Answer
from bot.conversation import Ask, ReplyChains
from bot.discord_endpoints import discord_endpoints
from bot.discord_feedback import DiscordFeedback
from bot.feedback import FeedbackStore, default_path
from bot.gate import Gate, Notice
from bot.messages import (
    APOLOGY_MESSAGE,
    ASK_DESCRIPTION,
    NOT_HERE_MESSAGE,
    ROLE_MENTION_MESSAGE,
)
from bot.messages import DISCORD_HELP_MESSAGE as HELP_MESSAGE
from bot.render_discord import DiscordMessage, render_answer, render_notice
from bot.settings import Settings
from retrieval.errors import BackendUnavailableError, BadInputError, CorpusbotError

logger = logging.getLogger(__name__)


# Every message the bot sends: text from the corpus or a question can never notify anyone.
NO_MENTIONS = discord.AllowedMentions.none()

ASK_COMMAND = "ask"
# Message types that carry a person's text; joins, pins, boosts and the like do not.
_QUESTION_TYPES = frozenset({discord.MessageType.default, discord.MessageType.reply})


# --- settings ---------------------------------------------------------------------------


def check_discord_settings(settings: Settings) -> str:
    """The token to log in with; ``BadInputError`` naming the setting when one is unusable."""
    token = settings.discord_token.get_secret_value().strip()
    # discord.py adds the "Bot " prefix itself; a copied header value would double it.
    token = token.removeprefix("Bot ").strip()
    if not token:
        raise BadInputError("DISCORD_TOKEN is not set (the bot token from the Developer Portal)")
    if any(ch.isspace() for ch in token):
        raise BadInputError("DISCORD_TOKEN is malformed: it contains whitespace")
    api = urlparse(settings.discord_api_url.strip())
    if api.scheme not in ("http", "https") or not api.netloc:
        raise BadInputError(f"DISCORD_API_URL is not an http(s) URL: {settings.discord_api_url!r}")
    gateway = urlparse(settings.discord_gateway_url.strip())
    if gateway.scheme not in ("ws", "wss") or not gateway.netloc:
        raise BadInputError(
            f"DISCORD_GATEWAY_URL is not a ws(s) URL: {settings.discord_gateway_url!r}"
        )
    return token


def default_intents() -> discord.Intents:
    """Only what answering needs, and no privileged intent.

    Discord delivers a message's content to a bot without the privileged Message Content
    intent when the message mentions the bot or is a direct message to it: exactly the
    messages answered here. ``guilds`` keeps channels and the bot's role known.
    """
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_messages = True
    intents.dm_messages = True
    return intents


# --- reading questions ------------------------------------------------------------------

_CUSTOM_EMOJI = re.compile(r"<a?(:\w+:)\d+>")


def clean_question(content: str, remove: Collection[str], names: Mapping[str, str]) -> str:
    """The plain question: ``remove`` tokens (the bot's own mention) dropped, other mention
    tokens (``<@id>``, ``<@&id>``, ``<#id>``) replaced by ``names``, whitespace collapsed."""
    text = content
    for token in remove:
        text = text.replace(token, " ")
    for token, name in names.items():
        text = text.replace(token, name)
    text = _CUSTOM_EMOJI.sub(r"\1", text)
    return " ".join(text.split())


def _mention_tokens(ident: int, *, role: bool = False) -> list[str]:
    return [f"<@&{ident}>"] if role else [f"<@{ident}>", f"<@!{ident}>"]


# --- the client -------------------------------------------------------------------------


class CorpusbotClient(discord.Client):
    """The bot: answers @mentions, direct messages and ``/ask`` with ``ask(question)``.

    ``ask`` is blocking (embedding and search) and runs on a pool of ``settings.workers``
    threads of its own, so the event loop (and with it the gateway heartbeat) never waits on
    it, and the loop's default executor stays free for aiohttp's DNS lookups.
    """

    def __init__(
        self,
        settings: Settings,
        ask: Ask,
        *,
        feedback: FeedbackStore | None = None,
        **options: Any,
    ) -> None:
        options.setdefault("intents", default_intents())
        options.setdefault("allowed_mentions", NO_MENTIONS)
        # The bot never joins voice: discord.py's warnings about missing voice libraries
        # would only mislead whoever reads the log.
        discord.VoiceClient.warn_nacl = False
        discord.VoiceClient.warn_dave = False
        super().__init__(**options)
        self.settings = settings
        self._ask = ask
        self.chains = ReplyChains()  # reply chains outside threads: one conversation each
        self.gate = Gate(settings.discord_channels, settings.rate_limit_per_minute)
        self._pool = ThreadPoolExecutor(
            max_workers=settings.workers, thread_name_prefix="discord-answer"
        )
        # 👍/👎 buttons when there is a votes database; charts per CORPUSBOT_CHARTS.
        self.feedback = DiscordFeedback(feedback, charts=settings.charts)
        self.tree = app_commands.CommandTree(self)
        self._add_commands()

    # --- life cycle ---------------------------------------------------------------------

    async def setup_hook(self) -> None:
        guild_id = self.settings.discord_guild_id
        try:
            if guild_id:
                # A guild's commands update at once; global ones can take a while to appear.
                guild = discord.Object(id=guild_id)
                self.tree.copy_global_to(guild=guild)
                synced = await self.tree.sync(guild=guild)
                logger.info(
                    "Discord: /ask synced to server %s (%d commands)", guild_id, len(synced)
                )
            else:
                synced = await self.tree.sync()
                logger.info("Discord: /ask synced globally (%d commands)", len(synced))
        except discord.HTTPException as exc:
            # Mentions and DMs still work; only the slash command is missing.
            logger.error(
                "Discord: could not register /ask (%s %s); was the bot invited with the "
                "applications.commands scope?",
                exc.status,
                exc.text or exc,
            )

    async def on_ready(self) -> None:
        user = self.user
        logger.info(
            "Discord: connected as %s (id %s) in %d servers",
            user,
            user.id if user else "?",
            len(self.guilds),
        )

    async def close(self) -> None:
        try:
            await super().close()
        finally:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self.feedback.close()

    # --- answering ----------------------------------------------------------------------

    async def ask(self, question: str, conversation: str | None = None) -> Answer | Notice:
        """The core's answer, computed off the event loop, or the notice to show instead."""
        loop = asyncio.get_running_loop()
        if conversation is None:
            call = functools.partial(self._ask, question)
        else:
            call = functools.partial(self._ask, question, conversation=conversation)
        return await loop.run_in_executor(self._pool, self.gate.ask, call, question)

    def conversation_of(self, message: discord.Message) -> str:
        """A thread, a direct-message channel, or else the reply chain the message is in."""
        channel = message.channel
        if isinstance(channel, discord.Thread):
            return f"discord:thread:{channel.id}"
        if isinstance(channel, discord.DMChannel):
            return f"discord:dm:{channel.id}"
        replied = message.reference.message_id if message.reference else None
        return self.chains.key_of(message.id, replied, prefix="discord:chain")

    async def compose(
        self, question: str, channel: str = "", conversation: str | None = None
    ) -> list[DiscordMessage]:
        """The messages that answer ``question`` (in ``channel``, an id), with the feedback
        buttons and chart; errors become a short notice, never raise."""
        answer = await self.ask(question, conversation)
        if isinstance(answer, Notice):
            return [render_notice(answer.text)]
        try:
            parts = render_answer(answer)
        except Exception:
            logger.exception("rendering an answer for Discord failed")
            return [render_notice(APOLOGY_MESSAGE)]
        await self.feedback.decorate(answer, parts, channel)
        return parts

    def channel_allowed(self, channel: Any) -> bool:
        """Direct messages always; server channels (and their threads) per the allow-list."""
        if channel is None:
            return True
        # A DM known only by id (``PartialMessageable``) has the type but not the class.
        private = isinstance(channel, discord.DMChannel | discord.GroupChannel) or getattr(
            channel, "type", None
        ) in (discord.ChannelType.private, discord.ChannelType.group)
        parent = getattr(channel, "parent", None)
        return self.gate.channel_allowed(
            str(getattr(channel, "id", "") or ""),
            str(getattr(channel, "name", "") or ""),
            str(getattr(channel, "parent_id", "") or ""),
            str(getattr(parent, "name", "") or ""),
            private=private,
        )

    # --- messages -----------------------------------------------------------------------

    def is_addressed(self, message: discord.Message) -> bool:
        """A direct message, or one that mentions the bot (by name or by its managed role)."""
        me = self.user
        if me is None or message.author.id == me.id:
            return False
        if message.author.bot or message.webhook_id is not None:
            return False  # other bots and webhooks: never a loop of bots answering bots
        if message.type not in _QUESTION_TYPES:
            return False
        if isinstance(message.channel, discord.DMChannel):
            return True
        if any(u.id == me.id for u in message.mentions):
            return True
        role = message.guild.self_role if message.guild else None
        return role is not None and role.id in message.raw_role_mentions

    def question_of(self, message: discord.Message) -> str:
        me = self.user
        remove = _mention_tokens(me.id) if me else []
        role = message.guild.self_role if message.guild else None
        if role is not None:
            remove += _mention_tokens(role.id, role=True)
        names: dict[str, str] = {}
        for user in message.mentions:
            for token in _mention_tokens(user.id):
                names[token] = "@" + user.display_name
        for r in message.role_mentions:
            names[f"<@&{r.id}>"] = "@" + r.name
        for ch in message.channel_mentions:
            names[f"<#{ch.id}>"] = "#" + ch.name
        return clean_question(message.content, remove, names)

    async def on_message(self, message: discord.Message) -> None:
        if not self.is_addressed(message):
            return
        if not self.channel_allowed(message.channel):
            logger.debug(
                "ignoring a message in %s: not in CORPUSBOT_DISCORD_CHANNELS", message.channel
            )
            return
        try:
            await self._answer_message(message)
        except Exception:
            logger.exception("answering Discord message %s failed", message.id)
            with contextlib.suppress(Exception):
                await self._reply(message, [render_notice(APOLOGY_MESSAGE)])

    async def _answer_message(self, message: discord.Message) -> None:
        question = self.question_of(message)
        if not question:
            role = message.guild.self_role if message.guild else None
            by_role = role is not None and role.id in message.raw_role_mentions
            await self._reply(
                message, [render_notice(ROLE_MENTION_MESSAGE if by_role else HELP_MESSAGE)]
            )
            return
        waiting = self.gate.admit(str(message.author.id))
        if waiting is not None:
            if waiting.first:  # a reply stays in the conversation: told once per wait
                await self._reply(message, [render_notice(waiting.notice.text)])
            return
        key = self.conversation_of(message)
        self.chains.link(key, message.id)
        async with self._typing(message.channel):
            parts = await self.compose(question, str(message.channel.id), key)
            await self._reply(message, parts, key)

    async def _reply(
        self, message: discord.Message, parts: list[DiscordMessage], conversation: str = ""
    ) -> None:
        """Post ``parts`` as replies to ``message``; a reply to one continues ``conversation``."""
        # Still posted when the question was deleted meanwhile.
        reference = message.to_reference(fail_if_not_exists=False)
        sent = []
        for part in parts:
            try:
                posted = await message.channel.send(
                    **part.as_kwargs(),
                    reference=reference,
                    mention_author=False,
                    allowed_mentions=NO_MENTIONS,
                )
            except discord.HTTPException as exc:
                logger.error(
                    "Discord refused a reply in %s: %s %s", message.channel, exc.status, exc.text
                )
                break
            sent.append(posted)
            if conversation:
                self.chains.link(conversation, posted.id)
        await _after_sending(parts, sent)

    @contextlib.asynccontextmanager
    async def _typing(self, channel: discord.abc.Messageable) -> AsyncIterator[None]:
        """The typing indicator while it works; one Discord refuses does not stop the answer."""
        typing = channel.typing()
        try:
            await typing.__aenter__()
        except (discord.HTTPException, aiohttp.ClientError, OSError) as exc:
            logger.debug("no typing indicator in %s: %s", channel, exc)
            yield
            return
        try:
            yield
        finally:
            await typing.__aexit__(None, None, None)

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        # Slash commands go to the command tree; the feedback buttons and modal come here.
        await self.feedback.on_interaction(interaction)

    # --- /ask ---------------------------------------------------------------------------

    def _add_commands(self) -> None:
        @self.tree.command(name=ASK_COMMAND, description=ASK_DESCRIPTION)
        @app_commands.describe(question="What do you want to know?")
        async def ask_command(interaction: discord.Interaction, question: str) -> None:
            await self.on_ask(interaction, question)

    async def on_ask(self, interaction: discord.Interaction, question: str) -> None:
        """``/ask question:…``: deferred at once (Discord allows 3 s), then answered."""
        try:
            if not self.channel_allowed(interaction.channel):
                await interaction.response.send_message(
                    NOT_HERE_MESSAGE, ephemeral=True, allowed_mentions=NO_MENTIONS
                )
                return
            waiting = self.gate.admit(str(interaction.user.id))
            if waiting is not None:
                # Only the asker sees it, so it is sent every time.
                await interaction.response.send_message(
                    waiting.notice.text, ephemeral=True, allowed_mentions=NO_MENTIONS
                )
                return
            await interaction.response.defer(thinking=True)
        except discord.HTTPException as exc:
            # Usually an interaction that expired before it could be acknowledged.
            logger.error("Discord refused to acknowledge /ask: %s %s", exc.status, exc.text)
            return
        parts = await self.compose(question, str(interaction.channel_id or ""))
        sent = []
        for part in parts:
            try:
                sent.append(
                    await interaction.followup.send(
                        **part.as_kwargs(), allowed_mentions=NO_MENTIONS, wait=True
                    )
                )
            except discord.HTTPException as exc:
                logger.error("Discord refused an /ask answer: %s %s", exc.status, exc.text)
                break
        await _after_sending(parts, sent)


async def _after_sending(parts: list[DiscordMessage], sent: list[Any]) -> None:
    """What comes once an answer is sent (its chart), for each part that was sent."""
    for part, message in zip(parts, sent, strict=False):
        if part.after is not None:
            try:
                await part.after(message)
            except Exception:  # the answer is out; what follows it is never worth a crash
                logger.exception("finishing a Discord answer failed")


# --- serving ----------------------------------------------------------------------------


async def _stop_when(stop: threading.Event, client: discord.Client) -> None:
    while not stop.is_set():
        await asyncio.sleep(0.2)
    # Shielded: this watcher is cancelled once ``start`` returns, and cancelling the close
    # half-way would leave the client's closing task cancelled for ``async with`` to trip on.
    await asyncio.shield(client.close())


async def _run(settings: Settings, ask: Ask, token: str, stop: threading.Event | None) -> None:
    client = CorpusbotClient(settings, ask, feedback=FeedbackStore(default_path(settings)))
    async with client:
        watcher = asyncio.create_task(_stop_when(stop, client)) if stop else None
        try:
            await client.start(token)
        except discord.LoginFailure as exc:
            raise CorpusbotError("DISCORD_TOKEN was refused by Discord (401 Unauthorized)") from exc
        except discord.PrivilegedIntentsRequired as exc:
            raise CorpusbotError(
                "Discord refused an intent the bot asked for; check the Bot page's intents"
            ) from exc
        except discord.ConnectionClosed as exc:
            if exc.code == 4004:
                raise CorpusbotError(
                    "DISCORD_TOKEN was refused by the Discord gateway (4004 authentication failed)"
                ) from exc
            raise CorpusbotError(f"the Discord gateway closed the connection ({exc.code})") from exc
        except discord.HTTPException as exc:
            raise CorpusbotError(
                f"Discord refused the login ({exc.status} {exc.text or exc.response.reason})"
            ) from exc
        except (aiohttp.ClientError, OSError, discord.GatewayNotFound) as exc:
            raise BackendUnavailableError(
                f"cannot reach Discord at DISCORD_API_URL={settings.discord_api_url}: {exc}"
            ) from exc
        finally:
            if watcher is not None:
                watcher.cancel()


def serve(settings: Settings, ask: Ask, *, stop: threading.Event | None = None) -> None:
    """Run the Discord bot until interrupted, or until ``stop`` is set.

    A missing or malformed setting raises ``BadInputError``; a token Discord refuses raises
    ``CorpusbotError``, both with a one-line message.
    """
    token = check_discord_settings(settings)
    try:
        with discord_endpoints(settings.discord_api_url, settings.discord_gateway_url):
            asyncio.run(_run(settings, ask, token, stop))
    except KeyboardInterrupt:
        logger.info("Discord: stopped")
