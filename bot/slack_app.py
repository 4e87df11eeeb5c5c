"""Slack adapter: a Slack event → the core's question → ``Answer`` → Block Kit.

slack-bolt does the protocol work (signatures, acks, url_verification, Socket Mode); this
module only decides who gets answered, where, and how the answer looks.

Entry points: ``serve(settings, ask)`` (blocks), ``build_app(settings, ask)`` and
``check_slack_settings(settings)``.
"""

from __future__ import annotations

import logging
import re
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.error import URLError
from urllib.parse import urlparse

from slack_bolt import App, BoltContext, BoltRequest, BoltResponse
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.error import BoltError
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import RetryHandler
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.webhook import WebhookClient

from bot.answer import Answer
from bot.conversation import Ask
from bot.feedback import FeedbackStore, default_path
from bot.gate import Gate, Notice
from bot.messages import EXPIRED_MESSAGE, NOT_HERE_MESSAGE
from bot.messages import SLACK_HELP_MESSAGE as HELP_MESSAGE
from bot.render_slack import (
    MAX_BUTTON_VALUE,
    SHARED_PREFIX,
    SlackMessage,
    escape_mrkdwn,
    question_context,
    render_answer,
    render_notice,
    share_button,
    shared_question,
)
from bot.settings import Settings
from bot.slack_feedback import SlackFeedback
from bot.slack_http import EVENTS_PATH, HttpServer, make_http_server
from bot.slack_logging import LIBRARY_LOGGER
from retrieval.errors import BackendUnavailableError, BadInputError, CorpusbotError

logger = logging.getLogger(__name__)


# Seconds a request's signature is remembered to refuse replays of it.
SIGNATURE_MEMORY_S = 600.0
# Replies read to learn whether the bot answered in a thread before it (re)started.
THREAD_REPLIES_READ = 200
ASK_COMMAND = "/ask"
SHARE_ACTION = "share_answer"
WORKING_REACTION = "eyes"
# Message subtypes that still carry a person's question.
_QUESTION_SUBTYPES = {None, "file_share", "thread_broadcast"}
# Errors Slack gives for a message it will not take as rendered; the plain text is sent instead.
_REJECTED_MESSAGE_ERRORS = {"invalid_blocks", "invalid_blocks_format", "msg_too_long"}
_REJECTED_MESSAGE_ERRORS |= {"msg_blocks_too_long", "too_many_attachments"}


# --- settings ---------------------------------------------------------------------------


def check_slack_settings(settings: Settings) -> None:
    """Raise ``BadInputError`` with one line naming the setting when a token is unusable."""
    bot_token = settings.slack_bot_token.get_secret_value()
    if not bot_token:
        raise BadInputError("SLACK_BOT_TOKEN is not set (the bot token, xoxb-…)")
    if not bot_token.startswith("xoxb-") or _has_space(bot_token):
        raise BadInputError("SLACK_BOT_TOKEN is malformed: a bot token starts with xoxb-")
    app_token = settings.slack_app_token.get_secret_value()
    if app_token and (not app_token.startswith("xapp-") or _has_space(app_token)):
        raise BadInputError("SLACK_APP_TOKEN is malformed: an app-level token starts with xapp-")
    if not app_token and not settings.slack_signing_secret.get_secret_value().strip():
        raise BadInputError(
            "SLACK_SIGNING_SECRET is not set (required in HTTP mode; "
            "or set SLACK_APP_TOKEN for Socket Mode)"
        )
    parsed = urlparse(settings.slack_api_url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise BadInputError(f"SLACK_API_URL is not an http(s) URL: {settings.slack_api_url!r}")


def _has_space(token: str) -> bool:
    return any(ch.isspace() for ch in token)


def _api_base_url(settings: Settings) -> str:
    # WebClient joins base_url and the method name, so the base must end with a slash.
    url = settings.slack_api_url.strip()
    return url if url.endswith("/") else url + "/"


def retry_handlers() -> list[RetryHandler]:
    """Connection errors, 429 (honouring Retry-After) and 5xx are retried a few times."""
    return [
        ConnectionErrorRetryHandler(max_retry_count=2),
        RateLimitErrorRetryHandler(max_retry_count=3),
        ServerErrorRetryHandler(max_retry_count=2),
    ]


def make_client(settings: Settings) -> WebClient:
    return WebClient(
        token=settings.slack_bot_token.get_secret_value(),
        base_url=_api_base_url(settings),
        timeout=30,
        retry_handlers=retry_handlers(),
        logger=LIBRARY_LOGGER,
    )


# Channel ids: C… (public), G… (private), D… (direct message); names are lower case.
_CHANNEL_ID = re.compile(r"[CGD][A-Z0-9]*[0-9][A-Z0-9]*")


def _warn_about_channel_names(channels: frozenset[str]) -> None:
    # Events carry only the channel's id; only /ask also says the channel's name.
    names = sorted(c for c in channels if not _CHANNEL_ID.fullmatch(c))
    if names:
        listed = ", ".join(repr(n) for n in names)
        what = (
            f"entry {listed} is a channel name, not an id"
            if len(names) == 1
            else f"entries {listed} are channel names, not ids"
        )
        logger.warning(
            "CORPUSBOT_SLACK_CHANNELS %s (like C0123ABCD): /ask works there but mentions "
            "and replies are ignored; use channel ids instead",
            what,
        )


# --- reading questions ----------------------------------------------------------------

_SLACK_TOKEN = re.compile(r"<([^<>]*)>")


def clean_question(text: str, bot_user_id: str | None = None) -> str:
    """Turn Slack message markup into the plain question the user typed.

    The bot's own mention is dropped; other mentions, channel links and special
    ``<!here>``-style tokens become inert text (``@here``), links become their label,
    and Slack's ``&amp;``/``&lt;``/``&gt;`` escapes are undone.
    """

    def replace(match: re.Match[str]) -> str:
        target, _, label = match.group(1).partition("|")
        if target.startswith("@"):
            if bot_user_id and target[1:] == bot_user_id:
                return " "
            return "@" + (label or target[1:])
        if target.startswith("#"):
            return "#" + (label or target[1:])
        if target.startswith("!"):
            command = target[1:]
            if command in ("channel", "here", "everyone"):
                return "@" + command
            return label or ""
        return label or target.removeprefix("mailto:")

    plain = _SLACK_TOKEN.sub(replace, text or "")
    plain = plain.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return " ".join(plain.split())


# --- bounded memories -------------------------------------------------------------------


class _Recent:
    """A bounded, thread-safe set of keys that forgets them after ``ttl`` seconds."""

    def __init__(self, maxsize: int, ttl: float, clock: Callable[[], float] = time.monotonic):
        self._items: OrderedDict[Hashable, float] = OrderedDict()
        self._maxsize = maxsize
        self._ttl = ttl
        self._clock = clock
        self._lock = threading.Lock()

    def _expire(self, now: float) -> None:
        while self._items:
            added = next(iter(self._items.values()))
            if now - added < self._ttl and len(self._items) <= self._maxsize:
                break
            self._items.popitem(last=False)

    def add(self, key: Hashable) -> bool:
        """Remember ``key``; True if it was not already known."""
        now = self._clock()
        with self._lock:
            self._expire(now)
            if key in self._items:
                return False
            self._items[key] = now
            self._expire(now)
            return True

    def __contains__(self, key: object) -> bool:
        with self._lock:
            self._expire(self._clock())
            return key in self._items


class _AnswerCache:
    """The last answers given through /ask, so "Share" posts exactly what the asker saw."""

    def __init__(self, maxsize: int = 512) -> None:
        self._items: OrderedDict[str, Answer] = OrderedDict()
        self._maxsize = maxsize
        self._lock = threading.Lock()

    def put(self, answer: Answer) -> str:
        key = uuid.uuid4().hex[:16]
        with self._lock:
            self._items[key] = answer
            while len(self._items) > self._maxsize:
                self._items.popitem(last=False)
        return key

    def get(self, key: str) -> Answer | None:
        with self._lock:
            return self._items.get(key)


# --- the bot ----------------------------------------------------------------------------


class SlackBot:
    """The bolt ``App`` plus what it needs to answer: the core's ``ask``, limits, memory.

    Listeners only acknowledge and hand the question to ``self._pool``: bolt runs acks and
    listeners on one executor, so slow answers kept there would delay the 3-second acks of
    commands arriving behind them.
    """

    def __init__(
        self,
        settings: Settings,
        ask: Ask,
        *,
        client: WebClient | None = None,
        feedback: FeedbackStore | None = None,
    ) -> None:
        self.settings = settings
        self._ask = ask
        self.socket_mode = bool(settings.slack_app_token.get_secret_value())
        self.gate = Gate(settings.slack_channels, settings.rate_limit_per_minute)
        _warn_about_channel_names(self.gate.channels.entries)
        self._events = _Recent(maxsize=20_000, ttl=3600.0)
        self._messages = _Recent(maxsize=20_000, ttl=3600.0)
        # A signature is valid for five minutes (clocks may differ a little): kept for ten.
        self._signatures = _Recent(maxsize=20_000, ttl=SIGNATURE_MEMORY_S)
        self._threads = _Recent(maxsize=20_000, ttl=7 * 24 * 3600.0)
        # Threads looked up and found without an answer of the bot's (looked up again later).
        self._not_ours = _Recent(maxsize=20_000, ttl=600.0)
        self._answers = _AnswerCache()
        self._pool = ThreadPoolExecutor(
            max_workers=max(2, settings.workers), thread_name_prefix="slack-answer"
        )
        self._listener_pool = ThreadPoolExecutor(max_workers=8, thread_name_prefix="slack-bolt")
        self.client = client or make_client(settings)
        # 👍/👎 buttons when there is a votes database; charts per CORPUSBOT_CHARTS.
        self.feedback = SlackFeedback(
            feedback,
            self.client,
            respond=self._respond,
            submit=self._submit,
            post_ephemeral=self._post_ephemeral,
            charts=settings.charts,
        )
        try:
            self.app = App(
                name="corpusbot",
                logger=LIBRARY_LOGGER,
                client=self.client,
                signing_secret=settings.slack_signing_secret.get_secret_value() or None,
                # Socket Mode requests arrive over an authenticated websocket, unsigned.
                request_verification_enabled=not self.socket_mode,
                # Ack first, answer after: required for HTTP mode's 3-second deadline.
                process_before_response=False,
                listener_executor=self._listener_pool,
            )
        except BoltError as exc:
            self.close()
            code = re.search(r"'error': '([\w.-]+)'", str(exc))
            reason = code.group(1) if code else "auth.test failed"
            # Like a token Discord refuses: a runtime failure (exit 1), not a malformed setting.
            raise CorpusbotError(f"SLACK_BOT_TOKEN was rejected by Slack ({reason})") from exc
        except (URLError, OSError) as exc:
            self.close()
            raise BackendUnavailableError(
                f"cannot reach the Slack Web API at SLACK_API_URL={self.client.base_url}: {exc}"
            ) from exc
        self._register()

    def close(self) -> None:
        self.feedback.close()
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._listener_pool.shutdown(wait=False, cancel_futures=True)

    # --- wiring -------------------------------------------------------------------------

    def _register(self) -> None:
        app = self.app
        app.middleware(self._drop_repeats)
        app.event("app_mention")(self._on_mention)
        app.event("message")(self._on_message)
        app.command(ASK_COMMAND)(self._on_command)
        app.action(SHARE_ACTION)(self._on_share)
        self.feedback.register(app)
        app.error(self._on_error)

    def _drop_repeats(
        self, body: dict[str, Any], request: BoltRequest, next: Callable[[], BoltResponse]
    ) -> BoltResponse:
        # Slack re-delivers an event (X-Slack-Retry-Num) when it thinks the first delivery
        # failed; one that was already accepted is acknowledged and not answered again.
        event_id = body.get("event_id")
        if isinstance(event_id, str):
            if not self._events.add(event_id):
                retry = request.headers.get("x-slack-retry-num", [""])[0]
                logger.info("ignoring repeated event %s (retry %s)", event_id, retry or "-")
                return BoltResponse(status=200, body="")
            return next()
        # Commands and button clicks have no id: a signature (the body and its timestamp)
        # seen before is the same request sent again, acknowledged and not answered again.
        signature = request.headers.get("x-slack-signature", [""])[0]
        if signature and not self._signatures.add(signature):
            logger.info("ignoring a repeated request (same signature and timestamp)")
            return BoltResponse(status=200, body="")
        return next()

    def _on_error(self, error: Exception, body: dict[str, Any]) -> None:
        logger.error("Slack listener failed: %s", error, exc_info=error)

    def _submit(self, fn: Callable[..., None], *args: Any) -> None:
        def run() -> None:
            try:
                fn(*args)
            except Exception:
                logger.exception("answering a Slack question failed")

        try:
            self._pool.submit(run)
        except RuntimeError:  # the pool is shut down: the app is stopping
            logger.warning("dropping a Slack question: shutting down")

    # --- events -------------------------------------------------------------------------

    def _on_mention(self, event: dict[str, Any], context: BoltContext) -> None:
        dm = event.get("channel_type") == "im" or str(event.get("channel", "")).startswith("D")
        self._take_message(event, context, dm=dm)

    def _on_message(self, event: dict[str, Any], context: BoltContext) -> None:
        if event.get("subtype") not in _QUESTION_SUBTYPES:
            return
        channel, thread_ts = event.get("channel"), event.get("thread_ts")
        if event.get("channel_type") == "im":
            self._take_message(event, context, dm=True)
        elif thread_ts and not self.settings.slack_require_mention:
            # A reply in a thread the bot answered is a follow-up, mention or not.
            if (channel, thread_ts) in self._threads:
                self._take_message(event, context, dm=False)
            elif (
                (channel, thread_ts) not in self._not_ours
                and not event.get("bot_id")
                and event.get("user") != context.bot_user_id
                and self.gate.channel_allowed(channel)
            ):
                # Not answered since the bot started: it may have answered before a restart.
                self._submit(self._follow_up_if_answered, event, context)

    def _follow_up_if_answered(self, event: dict[str, Any], context: BoltContext) -> None:
        channel, thread_ts = event["channel"], event["thread_ts"]
        earlier = self._answered_in(channel, thread_ts, context, before=event.get("ts"))
        if earlier is not None:
            self._threads.add((channel, thread_ts))
            self._take_message(event, context, dm=False, earlier=earlier)
        else:
            self._not_ours.add((channel, thread_ts))

    def _answered_in(
        self, channel: str, thread_ts: str, context: BoltContext, *, before: str | None = None
    ) -> list[str] | None:
        """None unless a message of this bot is among the thread's replies (one Web API
        call); else the questions people asked there before ``before``, oldest first."""
        try:
            replies = self.client.conversations_replies(
                channel=channel, ts=thread_ts, limit=THREAD_REPLIES_READ
            )
        except Exception as exc:  # no history scope, a deleted thread, Slack down
            logger.debug("cannot read the thread %s in %s: %s", thread_ts, channel, exc)
            return None
        messages = replies.get("messages") or []
        ours = [
            (context.bot_user_id and m.get("user") == context.bot_user_id)
            or (context.bot_id and m.get("bot_id") == context.bot_id)
            for m in messages
        ]
        if not any(ours):
            return None
        asked: list[str] = []
        for m, mine in zip(messages, ours, strict=True):
            if before is not None and m.get("ts") == before:
                continue
            if not mine and not m.get("bot_id"):
                asked.append(clean_question(m.get("text", ""), context.bot_user_id))
            elif mine and m.get("ts") == thread_ts:
                asked.append(shared_question(m) or "")  # a shared /ask answer opened it
        return [q for q in asked if q]

    def _take_message(
        self,
        event: dict[str, Any],
        context: BoltContext,
        *,
        dm: bool,
        earlier: list[str] | None = None,
    ) -> None:
        channel, ts, user = event.get("channel"), event.get("ts"), event.get("user")
        if not (channel and ts and user) or event.get("bot_id"):
            return  # other bots and system messages
        if user == context.bot_user_id:
            return
        if not self.gate.channel_allowed(channel, private=dm):
            logger.debug("ignoring a message in %s: not in CORPUSBOT_SLACK_CHANNELS", channel)
            return
        # A mention in a channel the bot reads arrives twice (app_mention and message).
        if not self._messages.add((channel, ts)):
            return
        question = clean_question(event.get("text", ""), context.bot_user_id)
        thread_ts = event.get("thread_ts") or (None if dm else ts)
        self._submit(
            self._answer_message, channel, ts, thread_ts, user, question, dm, earlier or []
        )

    def _answer_message(
        self,
        channel: str,
        ts: str,
        thread_ts: str | None,
        user: str,
        question: str,
        dm: bool,
        earlier: list[str] | None = None,
    ) -> None:
        if not question:
            self._post(channel, thread_ts, render_notice(HELP_MESSAGE))
            return
        waiting = self.gate.admit(user)
        if waiting is not None:
            notice = render_notice(waiting.notice.text)
            if not dm:
                self._post_ephemeral(channel, user, thread_ts, notice)
            elif waiting.first:  # a direct message stays in the conversation: told once
                self._post(channel, thread_ts, notice)
            return
        reacted = self._react("reactions_add", channel, ts)
        try:
            # One conversation per thread (a direct message without one: per channel).
            key = f"slack:{channel}:{thread_ts or ''}"
            result = self._compose(question, key, earlier or [])
            if isinstance(result, Answer):
                message = render_answer(result, footer=self.feedback.footer(result, channel))
            else:
                message = result
            posted = self._post(channel, thread_ts, message)
            if posted and thread_ts and not dm:
                self._threads.add((channel, thread_ts))
            if posted and isinstance(result, Answer):
                self.feedback.send_chart(result, channel, thread_ts)
        finally:
            if reacted:
                self._react("reactions_remove", channel, ts)

    # --- /ask and Share ---------------------------------------------------------------

    def _on_command(self, ack: Callable[..., None], command: dict[str, Any]) -> None:
        ack()  # at once: Slack shows an error after 3 seconds
        self._submit(self._answer_command, dict(command))

    def _answer_command(self, command: dict[str, Any]) -> None:
        url = command.get("response_url")
        if not url:
            logger.error("/ask without a response_url")
            return
        question = clean_question(command.get("text", ""))
        channel_id, channel_name = command.get("channel_id"), command.get("channel_name")
        user = command.get("user_id") or ""
        if not question:
            self._respond(url, render_notice(HELP_MESSAGE), response_type="ephemeral")
            return
        dm = channel_name == "directmessage" or (channel_id or "").startswith("D")
        if not self.gate.channel_allowed(channel_id, channel_name, private=dm):
            self._respond(url, render_notice(NOT_HERE_MESSAGE), response_type="ephemeral")
            return
        waiting = self.gate.admit(user)
        if waiting is not None:
            self._respond(url, render_notice(waiting.notice.text), response_type="ephemeral")
            return
        result = self._compose(question)
        if not isinstance(result, Answer):
            self._respond(url, result, response_type="ephemeral")
            return
        footer = []
        if result.answered:
            key = self._answers.put(result)
            # The question rides along so Share still works after the cache forgot the answer.
            value = f"{key}:{question}"
            footer.append(
                share_button(value if len(value) <= MAX_BUTTON_VALUE else key, SHARE_ACTION)
            )
        footer += self.feedback.footer(result, channel_id)
        header = [question_context(question, prefix=f"{ASK_COMMAND} ")]
        message = render_answer(result, header=header, footer=footer)
        self.feedback.remember_private(message)
        self._respond(url, message, response_type="ephemeral")

    def _on_share(
        self, ack: Callable[..., None], body: dict[str, Any], action: dict[str, Any]
    ) -> None:
        ack()
        self._submit(self._share, body, dict(action))

    def _share(self, body: dict[str, Any], action: dict[str, Any]) -> None:
        url = body.get("response_url")
        if not url:
            logger.error("share button without a response_url")
            return
        key, _, question = str(action.get("value", "")).partition(":")
        person = body.get("user") or {}
        answer = self._answers.get(key)
        if answer is None:
            if not question:
                self._respond(url, render_notice(EXPIRED_MESSAGE), replace_original=False)
                return
            waiting = self.gate.admit(person.get("id", ""))
            if waiting is not None:
                notice = render_notice(waiting.notice.text)
                self._respond(url, notice, replace_original=False)
                return
            result = self._compose(question)
            if not isinstance(result, Answer):
                self._respond(url, result, replace_original=False)
                return
            answer = result
        name = person.get("username") or person.get("name") or "someone"
        asked = question or answer.question
        header = [question_context(asked, prefix=f"{escape_mrkdwn(name)}{SHARED_PREFIX}")]
        channel = (body.get("channel") or {}).get("id")
        message = render_answer(answer, header=header, footer=self.feedback.footer(answer, channel))
        if self._respond(url, message, response_type="in_channel", replace_original=False):
            # The private copy is no longer needed once everyone can see it.
            self._respond(url, None, delete_original=True)

    # --- talking to Slack -------------------------------------------------------------

    def _compose(
        self, question: str, conversation: str | None = None, earlier: Sequence[str] = ()
    ) -> Answer | SlackMessage:
        """The core's answer, or the notice to show instead when asking failed."""

        def call() -> Answer:
            if conversation is None:
                return self._ask(question)
            return self._ask(question, conversation=conversation, earlier=earlier)

        result = self.gate.ask(call, question)
        return render_notice(result.text) if isinstance(result, Notice) else result

    def _post(self, channel: str, thread_ts: str | None, message: SlackMessage) -> bool:
        try:
            self.client.chat_postMessage(
                channel=channel,
                thread_ts=thread_ts,
                unfurl_links=False,
                unfurl_media=False,
                **message.as_kwargs(),
            )
            return True
        except SlackApiError as exc:
            error = exc.response.get("error")
            logger.error("chat.postMessage to %s failed: %s", channel, error)
            if error in _REJECTED_MESSAGE_ERRORS and message.blocks:
                return self._post(channel, thread_ts, SlackMessage(text=message.text))
        except Exception as exc:
            logger.error("chat.postMessage to %s failed: %s", channel, exc)
        return False

    def _post_ephemeral(
        self, channel: str, user: str, thread_ts: str | None, message: SlackMessage
    ) -> None:
        try:
            self.client.chat_postEphemeral(
                channel=channel, user=user, thread_ts=thread_ts, **message.as_kwargs()
            )
        except Exception as exc:
            logger.error("chat.postEphemeral to %s failed: %s", channel, exc)

    def _react(self, method: str, channel: str, ts: str) -> bool:
        # Best effort: a missing reactions:write scope must not stop the answer.
        try:
            getattr(self.client, method)(channel=channel, timestamp=ts, name=WORKING_REACTION)
            return True
        except Exception as exc:
            logger.debug("%s on %s failed: %s", method, channel, exc)
            return False

    def _respond(self, url: str, message: SlackMessage | None, **options: Any) -> bool:
        """Post to a ``response_url`` (what bolt's ``respond`` does), with retries."""
        payload = {**(message.as_kwargs() if message else {}), **options}
        hook = WebhookClient(
            url=url,
            timeout=30,
            proxy=self.client.proxy,
            ssl=self.client.ssl,
            retry_handlers=retry_handlers(),
            logger=LIBRARY_LOGGER,
        )
        try:
            response = hook.send_dict(payload)
        except Exception as exc:
            logger.error("posting to the response_url failed: %s", exc)
            return False
        if response.status_code != 200:
            logger.error(
                "response_url refused the message: %s %s", response.status_code, response.body
            )
            return False
        return True


def build_app(settings: Settings, ask: Ask, *, client: WebClient | None = None) -> App:
    """The bolt ``App`` with corpusbot's listeners; Slack's ``auth.test`` is called now."""
    return SlackBot(settings, ask, client=client).app


def make_bot_server(bot: SlackBot, *, host: str, port: int, **options: Any) -> HttpServer:
    """The HTTP server ``serve`` runs for ``bot``: threads enough that acks do not queue.

    Each request is acked on one of these threads; the answers are worked out elsewhere.
    ``options`` are further waitress settings (see ``make_http_server``).
    """
    threads = max(8, bot.settings.workers * 2)
    return make_http_server(
        bot.app,
        signing_secret=bot.settings.slack_signing_secret.get_secret_value(),
        host=host,
        port=port,
        threads=threads,
        **options,
    )


def serve(
    settings: Settings,
    ask: Ask,
    *,
    host: str | None = None,
    stop: threading.Event | None = None,
) -> None:
    """Run the Slack bot until interrupted or until ``stop`` is set.

    Socket Mode when ``SLACK_APP_TOKEN`` is set, else HTTP at ``/slack/events`` on ``host``
    (default ``CORPUSBOT_SLACK_HOST``) and ``CORPUSBOT_SLACK_PORT``. Unusable settings raise ``BadInputError`` naming the setting; a
    token Slack rejects raises ``CorpusbotError``, both with a one-line message.
    """
    check_slack_settings(settings)
    stop = stop or threading.Event()
    bot = SlackBot(settings, ask, feedback=FeedbackStore(default_path(settings)))
    try:
        if bot.socket_mode:
            _serve_socket_mode(bot, settings.slack_app_token.get_secret_value(), stop)
        else:
            _serve_http(bot, settings, host or settings.slack_host, stop)
    except KeyboardInterrupt:
        logger.info("Slack: stopped")
    finally:
        bot.close()


def _serve_socket_mode(bot: SlackBot, app_token: str, stop: threading.Event) -> None:
    handler = SocketModeHandler(bot.app, app_token, logger=LIBRARY_LOGGER)
    try:
        handler.connect()
    except SlackApiError as exc:
        handler.close()
        error = exc.response.get("error") or "refused"
        raise CorpusbotError(f"SLACK_APP_TOKEN was rejected by Slack ({error})") from exc
    except (URLError, OSError) as exc:
        handler.close()
        raise BackendUnavailableError(f"cannot open a Slack Socket Mode connection: {exc}") from exc
    logger.info("Slack: connected in Socket Mode")
    try:
        # Wake now and then: a Ctrl-C that the kernel hands to another thread only sets a flag,
        # and a wait with no timeout would never return to the main thread to raise it.
        while not stop.wait(0.5):
            pass
    finally:
        handler.close()


def _serve_http(bot: SlackBot, settings: Settings, host: str, stop: threading.Event) -> None:
    try:
        server = make_bot_server(bot, host=host, port=settings.slack_port)
    except OSError as exc:
        raise BadInputError(
            f"cannot listen on CORPUSBOT_SLACK_HOST={host} CORPUSBOT_SLACK_PORT="
            f"{settings.slack_port}: {exc.strerror or exc}"
        ) from exc
    stopped = threading.Event()

    def watch() -> None:
        stop.wait()
        if not stopped.is_set():
            server.stop()

    watcher = threading.Thread(target=watch, name="slack-http-stop", daemon=True)
    watcher.start()
    logger.info("Slack: listening on http://%s:%s%s", server.host, server.port, EVENTS_PATH)
    try:
        server.run()  # returns on Ctrl-C (waitress catches it) or once ``stop`` is set
    finally:
        stopped.set()
        stop.set()
        watcher.join(timeout=5)
