"""Slack's HTTP mode: which requests reach bolt, and the waitress server that listens.

A request to ``/slack/events`` is checked in this order, each refusal one line in the log
(never the body, never a traceback) and an HTTP status:

1. the body's size, from ``Content-Length`` and while it arrives: over ``MAX_BODY_BYTES``
   is 413 and the connection is closed, before the body is read (waitress's
   ``max_request_body_size``, and again here for any other server);
2. the signature headers: missing, or a timestamp that is not a number, is 401;
3. UTF-8: a body that is not is 400;
4. the signature (HMAC of the signing secret, at most five minutes old): 401;
5. the body's shape: not a JSON object, nor a form whose ``payload`` is one, is 400.

Only then does bolt see it. Idle connections are closed after ``IDLE_TIMEOUT_S`` seconds,
and there is room for many of them, so a crowd of silent clients cannot lock Slack out.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.adapter.wsgi.http_request import WsgiHttpRequest
from slack_bolt.adapter.wsgi.http_response import WsgiHttpResponse
from slack_sdk.signature import SignatureVerifier

logger = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
# Slack's own payloads are a few kilobytes; a megabyte is plenty.
MAX_BODY_BYTES = 1_048_576
# Seconds a connection may sit without sending anything before it is closed.
IDLE_TIMEOUT_S = 30
# How often idle connections are looked for, in seconds.
IDLE_CHECK_S = 2
# Open connections at most (more wait in the listen backlog); capped by the process's
# file-descriptor limit.
MAX_CONNECTIONS = 1000

StartResponse = Callable[[str, list[tuple[str, str]]], Any]


@dataclass(frozen=True)
class Refusal:
    status: int
    reason: str


def _plain(status: int, **headers: str) -> WsgiHttpResponse:
    """A short text response: the status's own phrase."""
    fields: dict[str, Sequence[str]] = {"content-type": ["text/plain; charset=utf-8"]}
    fields.update({name.replace("_", "-"): [value] for name, value in headers.items()})
    return WsgiHttpResponse(status, fields, HTTPStatus(status).phrase)


class SlackHttpFront:
    """The WSGI application: checks a request (see the module) and hands it to bolt."""

    def __init__(
        self,
        app: App,
        *,
        signing_secret: str,
        path: str = EVENTS_PATH,
        max_body: int = MAX_BODY_BYTES,
    ) -> None:
        self.app = app
        self.path = path
        self.max_body = max_body
        self._verifier = SignatureVerifier(signing_secret)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        response = self._response(environ)
        start_response(response.status, response.get_headers())
        return response.get_body()

    def _response(self, environ: dict[str, Any]) -> WsgiHttpResponse:
        if environ.get("PATH_INFO", "") != self.path:
            return _plain(404)
        if environ.get("REQUEST_METHOD") != "POST":
            return _plain(405, allow="POST")
        checked = self._check(environ)
        if isinstance(checked, Refusal):
            logger.info(
                "refused a request from %s: %s (%s)",
                environ.get("REMOTE_ADDR") or "?",
                checked.reason,
                checked.status,
            )
            return _plain(checked.status)
        try:
            answer: BoltResponse = self.app.dispatch(checked)
        except Exception as exc:  # a payload bolt could not take: one line, traceback at DEBUG
            logger.error("Slack request failed in slack-bolt: %s: %s", type(exc).__name__, exc)
            logger.debug("where slack-bolt failed", exc_info=True)
            return _plain(500)
        return WsgiHttpResponse(answer.status, answer.headers, answer.body)

    def _check(self, environ: dict[str, Any]) -> BoltRequest | Refusal:
        declared = str(environ.get("CONTENT_LENGTH") or "0").strip()
        if not _is_number(declared):
            return Refusal(400, "Content-Length is not a number")
        length = int(declared)
        if length > self.max_body:
            return Refusal(413, f"a body of {length} bytes (at most {self.max_body})")
        headers = WsgiHttpRequest(environ).get_headers()
        timestamp = str(headers.get("x-slack-request-timestamp") or "")
        signature = str(headers.get("x-slack-signature") or "")
        if not timestamp or not signature:
            return Refusal(401, "no signature headers")
        if not _is_number(timestamp):
            return Refusal(401, "the signature timestamp is not a number")
        stream = environ.get("wsgi.input")
        # Never more than Content-Length, which is at most ``max_body`` here.
        raw: bytes = stream.read(length) if stream is not None and length else b""
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return Refusal(400, "the body is not UTF-8")
        if not self._verifier.is_valid(text, timestamp, signature):
            return Refusal(401, "the signature does not match or is over five minutes old")
        try:
            request = BoltRequest(body=text, query=environ.get("QUERY_STRING", ""), headers=headers)
        except (ValueError, TypeError, AttributeError, KeyError, IndexError):
            return Refusal(400, "the body is not a Slack payload")
        if not isinstance(request.body, dict):
            return Refusal(400, "the body is not a JSON object")
        return request


def _is_number(text: str) -> bool:
    return text.isascii() and text.isdigit()


# --- the server --------------------------------------------------------------------------


def connection_limit(wanted: int = MAX_CONNECTIONS) -> int:
    """``wanted``, or fewer where the file-descriptor limit leaves no room for them."""
    try:
        import resource
    except ImportError:  # Windows: no such limit to read
        return wanted
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return wanted
    return max(50, min(wanted, soft // 2))


@dataclass
class HttpServer:
    """A waitress server on its own socket map: ``run()`` serves until ``stop()``."""

    server: Any
    socket_map: dict[int, Any] = field(repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _done: bool = field(default=False, repr=False)

    @property
    def host(self) -> str:
        return str(self.server.effective_host)

    @property
    def port(self) -> int:
        return int(self.server.effective_port)

    def run(self) -> None:
        """Serve until ``stop()`` (or Ctrl-C, which waitress catches), then close everything."""
        try:
            self.server.run()
        finally:
            self._finish(in_loop=False)

    def stop(self) -> None:
        """Stop from another thread; ``run()`` then returns."""
        self._finish(in_loop=True)

    def _finish(self, *, in_loop: bool) -> None:
        from waitress import wasyncore

        with self._lock:
            if self._done:
                return
            self._done = True
            socket_map = self.socket_map
            if in_loop:
                # Closed inside the server's own loop: closing sockets from another thread
                # while it waits in ``poll`` fails with EBADF.
                try:
                    self.server.trigger.pull_trigger(
                        lambda: wasyncore.close_all(socket_map, ignore_all=True)
                    )
                except OSError:  # the loop already closed its trigger: nothing waits in poll
                    in_loop = False
            self.server.task_dispatcher.shutdown(timeout=5)
            if not in_loop:
                wasyncore.close_all(socket_map, ignore_all=True)


def make_http_server(
    app: App,
    *,
    signing_secret: str,
    host: str = "127.0.0.1",
    port: int = 3000,
    threads: int = 8,
    **options: Any,
) -> HttpServer:
    """A waitress server for ``app`` on ``/slack/events`` behind ``SlackHttpFront``.

    ``options`` are further waitress settings (``asyncore_loop_timeout``…); they override
    the limits set here.
    """
    import waitress

    settings: dict[str, Any] = {
        # waitress refuses a body of this size or more: one byte over the limit.
        "max_request_body_size": MAX_BODY_BYTES + 1,
        "channel_timeout": IDLE_TIMEOUT_S,
        "cleanup_interval": IDLE_CHECK_S,
        "connection_limit": connection_limit(),
        # select() cannot watch more than 1024 sockets; poll() can.
        "asyncore_use_poll": True,
        **options,
    }
    front = SlackHttpFront(app, signing_secret=signing_secret, path=EVENTS_PATH)
    socket_map: dict[int, Any] = {}
    server = waitress.create_server(
        front, map=socket_map, host=host, port=port, threads=threads, ident="corpusbot", **settings
    )
    return HttpServer(server, socket_map)
