"""A fake Slack for tests: the Web API, response_urls, and a Socket Mode websocket server.

Everything binds 127.0.0.1 on an ephemeral port. The Web API records each call, checks the
bot token, answers like Slack (``{"ok": …}``), can be told to fail a method with 429 (and a
Retry-After) or 5xx, and refuses messages that break Block Kit's limits the way Slack does.
File uploads follow ``files_upload_v2``: files.getUploadURLExternal hands out an upload URL
here, the bytes are POSTed to it, and files.completeUploadExternal shares them (``shared``).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import itertools
import json
import queue
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

BOT_TOKEN = "xoxb-test-token"
APP_TOKEN = "xapp-1-test-token"
SIGNING_SECRET = "test-signing-secret"
BOT_USER_ID = "UBOT0001"
BOT_ID = "BBOT0001"
TEAM_ID = "T0001"
API_APP_ID = "A0001"

MESSAGE_METHODS = {"chat.postMessage", "chat.postEphemeral", "chat.update"}


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    headers: dict[str, str]
    at: float = field(default_factory=time.monotonic)


def block_kit_errors(payload: dict[str, Any]) -> list[str]:
    """What Slack would refuse in ``payload`` (empty when it is acceptable)."""
    errors: list[str] = []
    text = payload.get("text") or ""
    blocks = payload.get("blocks") or []
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    if len(text) > 40_000:
        errors.append("text over 40000")
    if not text and not blocks and not payload.get("delete_original"):
        errors.append("no text")
    if len(blocks) > 50:
        errors.append(f"{len(blocks)} blocks")
    for i, block in enumerate(blocks):
        kind = block.get("type")
        if kind == "section":
            body = (block.get("text") or {}).get("text", "")
            fields = block.get("fields") or []
            if "text" in block and not 1 <= len(body) <= 3000:
                errors.append(f"block {i}: section text of {len(body)}")
            if "text" not in block and not fields:
                errors.append(f"block {i}: empty section")
            if len(fields) > 10:
                errors.append(f"block {i}: {len(fields)} fields")
            errors += [
                f"block {i}: field of {len(f.get('text', ''))}"
                for f in fields
                if not 1 <= len(f.get("text", "")) <= 2000
            ]
        elif kind == "context":
            elements = block.get("elements") or []
            if not 1 <= len(elements) <= 10:
                errors.append(f"block {i}: {len(elements)} context elements")
            errors += [
                f"block {i}: context text of {len(e.get('text', ''))}"
                for e in elements
                if not 1 <= len(e.get("text", "")) <= 3000
            ]
        elif kind == "actions":
            for e in block.get("elements") or []:
                if len(e.get("value", "")) > 2000:
                    errors.append(f"block {i}: button value over 2000")
                if len((e.get("text") or {}).get("text", "")) > 75:
                    errors.append(f"block {i}: button text over 75")
                if len(e.get("action_id", "")) > 255:
                    errors.append(f"block {i}: action_id over 255")
                if e.get("style") not in (None, "primary", "danger"):
                    errors.append(f"block {i}: button style {e.get('style')!r}")
            ids = [e.get("action_id") for e in block.get("elements") or []]
            if len(ids) != len(set(ids)):
                errors.append(f"block {i}: repeated action_id")
        elif kind == "input":
            element = block.get("element") or {}
            label = (block.get("label") or {}).get("text", "")
            if not 1 <= len(label) <= 2000:
                errors.append(f"block {i}: input label of {len(label)}")
            if element.get("type") not in ("plain_text_input",):
                errors.append(f"block {i}: input element {element.get('type')!r}")
            if len(element.get("action_id", "")) > 255 or len(block.get("block_id", "")) > 255:
                errors.append(f"block {i}: input id over 255")
        elif kind not in ("divider", "header", "rich_text", "image"):
            errors.append(f"block {i}: unknown type {kind!r}")
    return errors


class FakeSlack:
    """The fake Web API (``url``) and response_urls (``response_url(name)``)."""

    def __init__(self, *, bot_token: str = BOT_TOKEN, app_token: str = APP_TOKEN) -> None:
        self.bot_token = bot_token
        self.app_token = app_token
        self.ws_url: str | None = None
        self.calls: list[Call] = []
        # Messages of each thread, (channel, thread ts) → messages, for conversations.replies.
        self.threads: dict[tuple[str, str], list[dict[str, Any]]] = {}
        # Files: id → bytes POSTed to its upload URL; the completeUploadExternal calls that shared them.
        self.uploads: dict[str, bytes] = {}
        self._file_ids = itertools.count(1)
        # The message that opened a thread, when a test gives it (its text, its user).
        self.parents: dict[tuple[str, str], dict[str, Any]] = {}
        self._failures: dict[str, list[tuple[int, dict[str, str]]]] = {}
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._ts = itertools.count(1)
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                fake._handle(self)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    # --- lifecycle --------------------------------------------------------------------

    def start(self) -> FakeSlack:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def url(self) -> str:
        """The Web API base URL, for ``SLACK_API_URL``."""
        return self.base + "/api/"

    def response_url(self, name: str) -> str:
        return f"{self.base}/respond/{name}"

    # --- control and inspection -------------------------------------------------------

    def fail(self, method: str, status: int = 429, *, times: int = 1, retry_after: int = 0) -> None:
        """The next ``times`` calls of ``method`` get HTTP ``status`` (429 carries Retry-After)."""
        headers = {"Retry-After": str(retry_after)} if status == 429 else {}
        with self._lock:
            self._failures.setdefault(method, []).extend([(status, headers)] * times)

    def add_thread(self, channel: str, thread_ts: str, *messages: dict[str, Any]) -> None:
        """A thread that exists in the workspace already (say, from before the bot started)."""
        self.threads[(channel, thread_ts)] = list(messages)

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def wait_for(
        self, method: str, count: int = 1, timeout: float = 10.0, *, accepted: bool = True
    ) -> list[Call]:
        """Wait for ``count`` calls of ``method`` (only accepted ones unless told otherwise)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = [
                    c
                    for c in self.calls
                    if c.method == method and not (accepted and c.params.get("_refused"))
                ]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"{method}: {len(found)} calls, wanted {count}; "
                        f"saw {[c.method for c in self.calls]}"
                    )
                self._changed.wait(left)

    def posted(self, method: str = "chat.postMessage") -> list[dict[str, Any]]:
        """Parameters of the accepted calls of ``method``."""
        return [c.params for c in self.calls_to(method) if not c.params.get("_refused")]

    # --- serving ----------------------------------------------------------------------

    def shared(self) -> list[tuple[dict[str, Any], list[bytes]]]:
        """Each accepted files.completeUploadExternal: its parameters and the files' bytes."""
        out = []
        for params in self.posted("files.completeUploadExternal"):
            files = params["files"]
            out.append((params, [self.uploads[f["id"]] for f in files]))
        return out

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        length = int(request.headers.get("Content-Length") or 0)
        data = request.rfile.read(length)
        path = request.path.split("?", 1)[0]
        if path.startswith("/upload/"):
            # An upload URL: raw bytes, answered with plain "OK" like files.slack.com.
            file_id = path[len("/upload/") :]
            with self._changed:
                self.uploads[file_id] = data
                self.calls.append(Call("upload", {"file_id": file_id, "length": len(data)}, {}))
                self._changed.notify_all()
            request.send_response(200)
            request.send_header("Content-Type", "text/plain; charset=utf-8")
            request.send_header("Content-Length", "2")
            request.end_headers()
            request.wfile.write(b"OK")
            return
        raw = data.decode("utf-8")
        params = _parse_body(raw, request.headers.get("Content-Type", ""))
        headers = {k.lower(): v for k, v in request.headers.items()}
        if path.startswith("/api/"):
            method = path[len("/api/") :]
        elif path.startswith("/respond/"):
            method = "response_url"
            params["_name"] = path[len("/respond/") :]
        else:
            _reply(request, 404, {"ok": False, "error": "not_found"})
            return

        with self._lock:
            pending = self._failures.get(method)
            failure = pending.pop(0) if pending else None
        extra: dict[str, str] = {}
        if failure is not None:
            status, extra = failure
            body: dict[str, Any] = {
                "ok": False,
                "error": "ratelimited" if status == 429 else "fatal",
            }
        else:
            status, body = self._answer(method, params, headers)
        if status != 200 or not body.get("ok", True):
            params["_refused"] = body.get("error") or f"http {status}"
        # Recorded before the reply goes out, so a waiting test sees the finished call.
        with self._changed:
            self.calls.append(Call(method, params, headers))
            self._changed.notify_all()
        _reply(request, status, body, extra)

    def _answer(
        self, method: str, params: dict[str, Any], headers: dict[str, str]
    ) -> tuple[int, dict[str, Any]]:
        if method == "response_url":
            errors = block_kit_errors(params)
            if errors:
                return 400, {"ok": False, "error": "invalid_blocks", "detail": errors}
            return 200, {"ok": True}
        token = headers.get("authorization", "").removeprefix("Bearer ").strip()
        token = token or str(params.get("token", ""))
        wanted = self.app_token if method == "apps.connections.open" else self.bot_token
        if token != wanted:
            return 200, {"ok": False, "error": "invalid_auth"}
        if method == "auth.test":
            return 200, {
                "ok": True,
                "url": "https://fake.slack.test/",
                "team": "Fake",
                "user": "corpusbot",
                "team_id": TEAM_ID,
                "user_id": BOT_USER_ID,
                "bot_id": BOT_ID,
            }
        if method == "apps.connections.open":
            if not self.ws_url:
                return 200, {"ok": False, "error": "no_websocket"}
            return 200, {"ok": True, "url": self.ws_url}
        if method in MESSAGE_METHODS:
            errors = block_kit_errors(params)
            if errors:
                return 200, {"ok": False, "error": "invalid_blocks", "errors": errors}
            ts = f"{int(time.time())}.{next(self._ts):06d}"
            if method == "chat.postMessage" and params.get("thread_ts"):
                key = (str(params.get("channel")), str(params["thread_ts"]))
                posted = {"ts": ts, "user": BOT_USER_ID, "bot_id": BOT_ID, "type": "message"}
                self.threads.setdefault(key, []).append(posted)
            return 200, {"ok": True, "channel": params.get("channel"), "ts": ts}
        if method == "conversations.replies":
            key = (str(params.get("channel")), str(params.get("ts")))
            if key not in self.threads:
                return 200, {"ok": False, "error": "thread_not_found"}
            parent = self.parents.get(key) or {"ts": key[1], "user": "UASKER1", "type": "message"}
            return 200, {"ok": True, "messages": [parent, *self.threads[key]], "has_more": False}
        if method in ("reactions.add", "reactions.remove"):
            return 200, {"ok": True}
        if method == "files.getUploadURLExternal":
            if not params.get("filename") or int(params.get("length") or 0) <= 0:
                return 200, {"ok": False, "error": "invalid_arguments"}
            file_id = f"F{next(self._file_ids):07d}"
            return 200, {
                "ok": True,
                "file_id": file_id,
                "upload_url": f"{self.base}/upload/{file_id}",
            }
        if method == "files.completeUploadExternal":
            files = params.get("files")
            if isinstance(files, str):
                files = json.loads(files)
                params["files"] = files
            if not files or any(f.get("id") not in self.uploads for f in files):
                return 200, {"ok": False, "error": "file_not_found"}
            shared = [
                {"id": f["id"], "title": f.get("title") or "", "name": f.get("title")}
                for f in files
            ]
            return 200, {"ok": True, "files": shared}
        return 200, {"ok": False, "error": "unknown_method"}


def _parse_body(raw: str, content_type: str) -> dict[str, Any]:
    if not raw:
        return {}
    if "json" in content_type:
        data = json.loads(raw)
        return dict(data) if isinstance(data, dict) else {"_body": data}
    params: dict[str, Any] = {k: v[-1] for k, v in parse_qs(raw).items()}
    if isinstance(params.get("blocks"), str):
        params["blocks"] = json.loads(params["blocks"])
    return params


def _reply(
    request: BaseHTTPRequestHandler,
    status: int,
    body: dict[str, Any],
    headers: dict[str, str] | None = None,
) -> None:
    data = json.dumps(body).encode("utf-8")
    request.send_response(status)
    request.send_header("Content-Type", "application/json; charset=utf-8")
    request.send_header("Content-Length", str(len(data)))
    for k, v in (headers or {}).items():
        request.send_header(k, v)
    request.end_headers()
    request.wfile.write(data)


# --- signed requests ------------------------------------------------------------------


def sign(body: bytes, *, secret: str = SIGNING_SECRET, timestamp: int | None = None) -> dict:
    """Headers Slack would send with ``body``: v0 HMAC-SHA256 of ``v0:{ts}:{body}``."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    base = b"v0:" + ts.encode() + b":" + body
    digest = hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


_event_ids = itertools.count(1)


def event_callback(event: dict[str, Any], *, event_id: str | None = None) -> dict[str, Any]:
    """An Events API ``event_callback`` envelope around ``event``."""
    return {
        "token": "legacy-verification-token",
        "team_id": TEAM_ID,
        "api_app_id": API_APP_ID,
        "event": event,
        "type": "event_callback",
        "event_id": event_id or f"Ev{next(_event_ids):08d}",
        "event_time": int(time.time()),
        "authorizations": [
            {"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True, "enterprise_id": None}
        ],
    }


_message_ts = itertools.count(1)


def new_ts() -> str:
    return f"{int(time.time())}.{next(_message_ts) + 500000:06d}"


def mention(
    text: str,
    *,
    channel: str = "C0001",
    user: str = "UASKER1",
    ts: str | None = None,
    thread_ts: str | None = None,
) -> dict[str, Any]:
    ts = ts or new_ts()
    event: dict[str, Any] = {
        "type": "app_mention",
        "user": user,
        "text": f"<@{BOT_USER_ID}> {text}",
        "ts": ts,
        "channel": channel,
        "event_ts": ts,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def message(
    text: str,
    *,
    channel: str = "C0001",
    channel_type: str = "channel",
    user: str | None = "UASKER1",
    ts: str | None = None,
    thread_ts: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    event: dict[str, Any] = {
        "type": "message",
        "text": text,
        "ts": ts or new_ts(),
        "channel": channel,
        "channel_type": channel_type,
        **extra,
    }
    if user:
        event["user"] = user
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


# --- Socket Mode ----------------------------------------------------------------------


class FakeSocketModeServer:
    """A websocket server that plays Slack's Socket Mode side: it sends envelopes, reads acks."""

    def __init__(self) -> None:
        from websockets.sync.server import serve

        self.received: queue.Queue[dict[str, Any]] = queue.Queue()
        self._connections: list[Any] = []
        self._connected = threading.Event()
        self._server = serve(self._session, "127.0.0.1", 0)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.socket.getsockname()[:2]
        return f"ws://{host}:{port}/"

    def start(self) -> FakeSocketModeServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        for connection in list(self._connections):
            with contextlib.suppress(Exception):
                connection.close()
        self._server.shutdown()
        self._thread.join(timeout=5)

    def _session(self, connection: Any) -> None:
        self._connections.append(connection)
        connection.send(json.dumps({"type": "hello", "num_connections": 1}))
        self._connected.set()
        try:
            for raw in connection:
                self.received.put(json.loads(raw))
        except Exception:
            pass

    def wait_connected(self, timeout: float = 10.0) -> None:
        if not self._connected.wait(timeout):
            raise AssertionError("the Socket Mode client never connected")

    def send(self, envelope: dict[str, Any]) -> None:
        self._connections[-1].send(json.dumps(envelope))

    def wait_ack(self, envelope_id: str, timeout: float = 10.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no ack for envelope {envelope_id}")
            try:
                msg = self.received.get(timeout=left)
            except queue.Empty:
                continue
            if msg.get("envelope_id") == envelope_id:
                return msg
