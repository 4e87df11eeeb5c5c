"""A fake Discord on 127.0.0.1: REST API and gateway, enough for a real ``discord.Client``.

REST answers ``/users/@me``, ``/oauth2/applications/@me``, ``/gateway/bot``, command sync,
message posts, typing, interaction callbacks and webhooks (follow-ups); everything the client
sends is recorded, and multipart posts (attachments) are read into their JSON payload and
their files (``Call.files``). Message posts are checked against Discord's documented limits and refused
with 400 (code 50035) like Discord would. The gateway speaks HELLO, heartbeat ACK,
IDENTIFY → READY → GUILD_CREATE, then dispatches whatever a test sends.

It runs in the test's event loop: ``async with FakeDiscord() as fake: ...``.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from aiohttp import WSMsgType, web

TOKEN = "fake-bot-token.abc.xyz"
BOT_ID = 900000000000000001
APP_ID = BOT_ID
GUILD_ID = 900000000000000100
CHANNEL_ID = 900000000000000200  # #general
OTHER_CHANNEL_ID = 900000000000000201  # #random
THREAD_ID = 900000000000000202  # a thread in #general
DM_CHANNEL_ID = 900000000000000300
BOT_ROLE_ID = 900000000000000400
USER_ID = 900000000000000500
OTHER_BOT_ID = 900000000000000600
TIMESTAMP = "2024-05-01T12:00:00.000000+00:00"

# Discord's documented message limits.
LIMITS = {
    "content": 2000,
    "embeds": 10,
    "title": 256,
    "description": 4096,
    "fields": 25,
    "field.name": 256,
    "field.value": 1024,
    "footer.text": 2048,
    "author.name": 256,
    "total": 6000,
}

_MESSAGE_POST = re.compile(r"^/channels/(\d+)/messages$")
_MESSAGE_EDIT = re.compile(r"^/channels/(\d+)/messages/(\d+)$")
_TYPING = re.compile(r"^/channels/(\d+)/typing$")
_CALLBACK = re.compile(r"^/interactions/(\d+)/([^/]+)/callback$")
_WEBHOOK = re.compile(r"^/webhooks/(\d+)/([^/]+)$")
_WEBHOOK_EDIT = re.compile(r"^/webhooks/(\d+)/([^/]+)/messages/([^/]+)$")
_GLOBAL_COMMANDS = re.compile(r"^/applications/(\d+)/commands$")
_GUILD_COMMANDS = re.compile(r"^/applications/(\d+)/guilds/(\d+)/commands$")


def embed_limit_errors(payload: dict[str, Any]) -> list[str]:
    """What Discord would refuse in a message payload (content, embeds), per its limits."""
    errors: list[str] = []
    content = payload.get("content") or ""
    embeds = payload.get("embeds") or []
    extras = payload.get("attachments") or payload.get("components")
    if not content and not embeds and not extras:
        errors.append("empty message: no content, embeds, attachments or components")
    if len(content) > LIMITS["content"]:
        errors.append(f"content {len(content)} > {LIMITS['content']}")
    if len(embeds) > LIMITS["embeds"]:
        errors.append(f"{len(embeds)} embeds > {LIMITS['embeds']}")
    total = 0
    for i, embed in enumerate(embeds):
        for key in ("title", "description"):
            text = embed.get(key) or ""
            total += len(text)
            if len(text) > LIMITS[key]:
                errors.append(f"embed {i} {key} {len(text)} > {LIMITS[key]}")
        url = embed.get("url")
        if url is not None and urlparse(url).scheme not in ("http", "https"):
            errors.append(f"embed {i} url scheme not http(s): {url!r}")
        fields = embed.get("fields") or []
        if len(fields) > LIMITS["fields"]:
            errors.append(f"embed {i} has {len(fields)} fields > {LIMITS['fields']}")
        for j, f in enumerate(fields):
            name, value = f.get("name") or "", f.get("value") or ""
            total += len(name) + len(value)
            if not name.strip() or not value.strip():
                errors.append(f"embed {i} field {j} has an empty name or value")
            if len(name) > LIMITS["field.name"]:
                errors.append(f"embed {i} field {j} name {len(name)} > {LIMITS['field.name']}")
            if len(value) > LIMITS["field.value"]:
                errors.append(f"embed {i} field {j} value {len(value)} > {LIMITS['field.value']}")
        footer = (embed.get("footer") or {}).get("text") or ""
        author = (embed.get("author") or {}).get("name") or ""
        total += len(footer) + len(author)
        if len(footer) > LIMITS["footer.text"]:
            errors.append(f"embed {i} footer {len(footer)} > {LIMITS['footer.text']}")
        if len(author) > LIMITS["author.name"]:
            errors.append(f"embed {i} author {len(author)} > {LIMITS['author.name']}")
    if total > LIMITS["total"]:
        errors.append(f"embeds total {total} > {LIMITS['total']}")
    return errors


def user(ident: int, name: str, *, bot: bool = False) -> dict[str, Any]:
    return {
        "id": str(ident),
        "username": name,
        "global_name": name,
        "discriminator": "0",
        "avatar": None,
        "bot": bot,
    }


BOT_USER = user(BOT_ID, "corpusbot", bot=True)
ASKER = user(USER_ID, "alice")
OTHER_BOT = user(OTHER_BOT_ID, "otherbot", bot=True)


def _channel(ident: int, name: str, position: int) -> dict[str, Any]:
    return {
        "id": str(ident),
        "type": 0,
        "name": name,
        "position": position,
        "guild_id": str(GUILD_ID),
        "permission_overwrites": [],
        "nsfw": False,
        "topic": None,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "parent_id": None,
    }


def _thread(ident: int, name: str, parent_id: int) -> dict[str, Any]:
    return {
        "id": str(ident),
        "type": 11,
        "name": name,
        "guild_id": str(GUILD_ID),
        "parent_id": str(parent_id),
        "owner_id": str(USER_ID),
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "message_count": 1,
        "member_count": 1,
        "flags": 0,
        "thread_metadata": {
            "archived": False,
            "auto_archive_duration": 1440,
            "archive_timestamp": TIMESTAMP,
            "locked": False,
        },
    }


def _role(ident: int, name: str, *, tags: dict[str, Any] | None = None) -> dict[str, Any]:
    role: dict[str, Any] = {
        "id": str(ident),
        "name": name,
        "color": 0,
        "hoist": False,
        "position": 0 if ident == GUILD_ID else 1,
        "permissions": "2248473465835073",
        "managed": tags is not None,
        "mentionable": False,
        "flags": 0,
    }
    if tags is not None:
        role["tags"] = tags
    return role


def _member(u: dict[str, Any], roles: list[int] | None = None) -> dict[str, Any]:
    return {
        "user": u,
        "roles": [str(r) for r in roles or []],
        "joined_at": TIMESTAMP,
        "deaf": False,
        "mute": False,
        "flags": 0,
        "nick": None,
        "permissions": "2248473465835073",
    }


def guild_payload() -> dict[str, Any]:
    return {
        "id": str(GUILD_ID),
        "name": "Newsroom",
        "icon": None,
        "owner_id": str(USER_ID),
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "mfa_level": 0,
        "nsfw_level": 0,
        "premium_tier": 0,
        "preferred_locale": "en-US",
        "features": [],
        "emojis": [],
        "stickers": [],
        "roles": [
            _role(GUILD_ID, "@everyone"),
            _role(BOT_ROLE_ID, "corpusbot", tags={"bot_id": str(BOT_ID)}),
        ],
        "channels": [_channel(CHANNEL_ID, "general", 0), _channel(OTHER_CHANNEL_ID, "random", 1)],
        "threads": [_thread(THREAD_ID, "casualty figures", CHANNEL_ID)],
        "members": [_member(BOT_USER, [BOT_ROLE_ID])],
        "member_count": 2,
        "voice_states": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "large": False,
        "unavailable": False,
        "joined_at": TIMESTAMP,
        "system_channel_flags": 0,
    }


def message_payload(
    ident: int,
    channel_id: int,
    author: dict[str, Any],
    content: str,
    *,
    embeds: list[dict[str, Any]] | None = None,
    mentions: list[dict[str, Any]] | None = None,
    mention_roles: list[int] | None = None,
    message_type: int = 0,
    flags: int = 0,
) -> dict[str, Any]:
    """A message object as Discord sends it (gateway events, REST responses)."""
    return {
        "id": str(ident),
        "channel_id": str(channel_id),
        "author": author,
        "content": content,
        "timestamp": TIMESTAMP,
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": mentions or [],
        "mention_roles": [str(r) for r in mention_roles or []],
        "attachments": [],
        "embeds": embeds or [],
        "pinned": False,
        "type": message_type,
        "flags": flags,
    }


@dataclass
class Call:
    """One REST request the client made."""

    method: str
    path: str
    query: dict[str, str]
    body: Any
    authorization: str | None
    status: int = 0
    errors: list[str] = field(default_factory=list)
    files: list[tuple[str, bytes]] = field(default_factory=list)  # (file name, bytes)
    message_id: str | None = None  # the message a post created or an edit changed
    created_id: int | None = None  # the id of the message a post created

    @property
    def is_message_post(self) -> bool:
        """A request that creates or edits a message (channel post, follow-up, edit)."""
        return bool(
            (self.method == "POST" and _MESSAGE_POST.match(self.path))
            or (self.method == "POST" and _WEBHOOK.match(self.path))
            or (self.method == "PATCH" and _WEBHOOK_EDIT.match(self.path))
        )


def _json_response(data: Any, status: int = 200) -> web.Response:
    # discord.py parses a body as JSON only when Content-Type is exactly application/json;
    # content_type= would make aiohttp append "; charset=utf-8".
    return web.Response(
        body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json"}
    )


class FakeDiscord:
    def __init__(
        self,
        *,
        token: str = TOKEN,
        heartbeat_interval_ms: int = 41_250,
        post_delay: float = 0.0,
    ) -> None:
        self.token = token
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.post_delay = post_delay  # seconds each message post takes, as over a network
        self.calls: list[Call] = []
        self.heartbeats: list[float] = []
        self.identify: dict[str, Any] | None = None
        self.guild_sent = False
        self.resumes: list[dict[str, Any]] = []  # RESUME payloads, one per reconnection
        self.commands: dict[str, list[dict[str, Any]]] = {}  # "global" or guild id → commands
        self._ids = itertools.count(910000000000000000)
        self._seq = 0
        self._sockets: list[web.WebSocketResponse] = []
        self._ws: web.WebSocketResponse | None = None
        self._runner: web.AppRunner | None = None
        self.port = 0

    # --- life cycle ---------------------------------------------------------------------

    async def start(self) -> FakeDiscord:
        app = web.Application()
        app.router.add_get("/ws", self._gateway)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def close(self) -> None:
        for ws in list(self._sockets):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def __aenter__(self) -> FakeDiscord:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws"

    def next_id(self) -> int:
        return next(self._ids)

    # --- waiting ------------------------------------------------------------------------

    async def wait_until(
        self, predicate: Callable[[], object], *, timeout: float = 10.0, what: str = "condition"
    ) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}")
            await asyncio.sleep(0.01)

    async def wait_connected(self, timeout: float = 10.0) -> None:
        await self.wait_until(lambda: self.guild_sent, timeout=timeout, what="IDENTIFY and READY")

    def message_posts(self, channel_id: int | None = None) -> list[Call]:
        posts = [c for c in self.calls if c.is_message_post]
        if channel_id is not None:
            posts = [c for c in posts if c.path == f"/channels/{channel_id}/messages"]
        return posts

    def replies_to(self, message_id: int) -> list[Call]:
        """Posts that reply to the message ``message_id``."""
        return [
            c
            for c in self.message_posts()
            if isinstance(c.body, dict)
            and str((c.body.get("message_reference") or {}).get("message_id")) == str(message_id)
        ]

    def followups(self, interaction_token: str) -> list[Call]:
        return [
            c
            for c in self.message_posts()
            if c.path.startswith(f"/webhooks/{APP_ID}/{interaction_token}")
        ]

    def attachments(self) -> list[tuple[Call, list[tuple[str, bytes]]]]:
        """Every request that carried files, with the files."""
        return [(c, c.files) for c in self.calls if c.files]

    def calls_to(self, method: str, pattern: str) -> list[Call]:
        return [c for c in self.calls if c.method == method and re.fullmatch(pattern, c.path)]

    # --- REST ---------------------------------------------------------------------------

    async def _rest(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["tail"]
        body: Any = None
        files: list[tuple[str, bytes]] = []
        if request.content_type == "multipart/form-data":
            # discord.py's attachments: "payload_json" and one "files[n]" part per file.
            reader = await request.multipart()
            async for part in reader:
                data = await part.read()  # type: ignore[union-attr]
                if part.name == "payload_json":
                    body = json.loads(data)
                else:
                    files.append((part.filename or "", bytes(data)))  # type: ignore[union-attr]
        elif raw := await request.read():
            try:
                body = json.loads(raw)
            except ValueError:
                body = raw.decode("utf-8", "replace")
        call = Call(
            method=request.method,
            path=path,
            query=dict(request.query),
            body=body,
            authorization=request.headers.get("Authorization"),
            files=files,
        )
        self.calls.append(call)
        response = await self._route(call)
        call.status = response.status
        return response

    async def _route(self, call: Call) -> web.Response:
        method, path = call.method, call.path
        # Interaction callbacks and webhooks are authorised by the token in their path.
        by_path = _CALLBACK.match(path) or path.startswith("/webhooks/")
        if not by_path and call.authorization != f"Bot {self.token}":
            return _json_response({"message": "401: Unauthorized", "code": 0}, 401)
        if method == "GET" and path == "/users/@me":
            return _json_response(BOT_USER)
        if method == "GET" and path == "/oauth2/applications/@me":
            return _json_response(self._application())
        if method == "GET" and path in ("/gateway", "/gateway/bot"):
            return _json_response(
                {
                    "url": self.gateway_url,
                    "shards": 1,
                    "session_start_limit": {
                        "total": 1000,
                        "remaining": 999,
                        "reset_after": 0,
                        "max_concurrency": 1,
                    },
                }
            )
        if method == "PUT" and (m := _GLOBAL_COMMANDS.match(path)):
            return _json_response(self._sync("global", call.body))
        if method == "PUT" and (m := _GUILD_COMMANDS.match(path)):
            return _json_response(self._sync(m.group(2), call.body))
        if method == "POST" and _TYPING.match(path):
            return web.Response(status=204)
        if method == "POST" and (m := _CALLBACK.match(path)):
            body = call.body or {}
            return _json_response(
                {
                    "interaction": {
                        "id": m.group(1),
                        "type": 2,
                        "response_message_loading": body.get("type") == 5,
                        "response_message_ephemeral": bool(
                            (body.get("data") or {}).get("flags", 0) & 64
                        ),
                    }
                }
            )
        if call.is_message_post or (method == "PATCH" and _MESSAGE_EDIT.match(path)):
            return await self._message_post(call)
        return _json_response({"message": "404: Not Found", "code": 0}, 404)

    def _application(self) -> dict[str, Any]:
        return {
            "id": str(APP_ID),
            "name": "corpusbot",
            "description": "",
            "icon": None,
            "bot_public": False,
            "bot_require_code_grant": False,
            "owner": ASKER,
            "team": None,
            "verify_key": "0" * 64,
            "flags": 0,
            "bot": BOT_USER,
        }

    def _sync(self, scope: str, payload: Any) -> list[dict[str, Any]]:
        commands = []
        for command in payload or []:
            synced = dict(command)
            synced.update(id=str(self.next_id()), application_id=str(APP_ID), version="1")
            if scope != "global":
                synced["guild_id"] = scope
            commands.append(synced)
        self.commands[scope] = commands
        return commands

    async def _message_post(self, call: Call) -> web.Response:
        if self.post_delay:
            await asyncio.sleep(self.post_delay)
        payload = call.body if isinstance(call.body, dict) else {}
        call.errors = embed_limit_errors(payload)
        if call.errors:
            return _json_response(
                {"code": 50035, "message": "Invalid Form Body", "errors": call.errors}, 400
            )
        m = _MESSAGE_POST.match(call.path) or _MESSAGE_EDIT.match(call.path)
        channel_id = m.group(1) if m else str(CHANNEL_ID)
        message = message_payload(
            self.next_id(),
            int(channel_id),
            BOT_USER,
            payload.get("content") or "",
            embeds=payload.get("embeds") or [],
            message_type=19 if payload.get("message_reference") else 0,
            flags=payload.get("flags", 0),
        )
        if m is not None and m.re is _MESSAGE_EDIT:
            message["id"] = m.group(2)
        call.message_id = message["id"]
        message["components"] = payload.get("components") or []
        message["attachments"] = [
            {
                "id": str(self.next_id()),
                "filename": name,
                "size": len(data),
                "url": f"http://127.0.0.1:{self.port}/attachments/{name}",
                "proxy_url": f"http://127.0.0.1:{self.port}/attachments/{name}",
            }
            for name, data in call.files
        ]
        if call.path.startswith("/webhooks/"):
            message["webhook_id"] = str(APP_ID)
        call.created_id = int(message["id"])
        return _json_response(message)

    # --- gateway ------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets.append(ws)
        await ws.send_str(
            json.dumps({"op": 10, "d": {"heartbeat_interval": self.heartbeat_interval_ms}})
        )
        async for msg in ws:
            if msg.type != WSMsgType.TEXT:
                continue
            data = json.loads(msg.data)
            op = data.get("op")
            if op == 1:
                self.heartbeats.append(time.monotonic())
                await ws.send_str(json.dumps({"op": 11}))
            elif op == 2:
                self.identify = data["d"]
                if data["d"].get("token") != self.token:
                    await ws.close(code=4004, message=b"Authentication failed.")
                    break
                self._ws = ws
                await self.dispatch("READY", self._ready())
                await self.dispatch("GUILD_CREATE", guild_payload())
                self.guild_sent = True
            elif op == 6:
                self.resumes.append(data["d"])
                self._ws = ws
                await self.dispatch("RESUMED", {})
        self._sockets.remove(ws)
        return ws

    def _ready(self) -> dict[str, Any]:
        return {
            "v": 10,
            "user": BOT_USER,
            "guilds": [{"id": str(GUILD_ID), "unavailable": True}],
            "session_id": "fake-session",
            "resume_gateway_url": self.gateway_url,
            "shard": [0, 1],
            "application": {"id": str(APP_ID), "flags": 0},
            "private_channels": [],
            "relationships": [],
            "user_settings": {},
        }

    async def drop_connection(self, *, code: int | None = None) -> None:
        """Ask the client to reconnect (op 7 RECONNECT), or close its socket with ``code``."""
        ws = self._ws
        if ws is None or ws.closed:
            raise AssertionError("no client is connected to the fake gateway")
        self._ws = None
        if code is None:
            await ws.send_str(json.dumps({"op": 7, "d": None}))
        else:
            await ws.close(code=code, message=b"dropped by the fake")

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        if self._ws is None or self._ws.closed:
            raise AssertionError("no client is connected to the fake gateway")
        self._seq += 1
        await self._ws.send_str(json.dumps({"op": 0, "t": event, "s": self._seq, "d": data}))

    # --- events a test sends ------------------------------------------------------------

    def message(
        self,
        content: str,
        *,
        author: dict[str, Any] = ASKER,
        channel_id: int = CHANNEL_ID,
        dm: bool = False,
        mentions: list[dict[str, Any]] | None = None,
        mention_roles: list[int] | None = None,
        message_type: int = 0,
    ) -> dict[str, Any]:
        """A MESSAGE_CREATE payload; in a server channel unless ``dm``."""
        payload = message_payload(
            self.next_id(),
            DM_CHANNEL_ID if dm else channel_id,
            author,
            content,
            mentions=mentions,
            mention_roles=mention_roles,
            message_type=message_type,
        )
        if not dm:
            payload["guild_id"] = str(GUILD_ID)
            payload["member"] = {k: v for k, v in _member(author).items() if k != "user"}
        return payload

    async def send_message(self, content: str, **options: Any) -> dict[str, Any]:
        payload = self.message(content, **options)
        await self.dispatch("MESSAGE_CREATE", payload)
        return payload

    async def send_mention(self, question: str, **options: Any) -> dict[str, Any]:
        """``@corpusbot question`` as Discord delivers it: the token in content and mentions."""
        return await self.send_message(f"<@{BOT_ID}> {question}", mentions=[BOT_USER], **options)

    def interaction(
        self,
        question: str,
        *,
        asker: dict[str, Any] = ASKER,
        dm: bool = False,
        channel_id: int = CHANNEL_ID,
    ) -> dict[str, Any]:
        """An INTERACTION_CREATE payload for ``/ask question:<question>``."""
        scope = "global" if dm or "global" in self.commands else str(GUILD_ID)
        command = next(c for c in self.commands.get(scope, []) if c["name"] == "ask")
        data: dict[str, Any] = {
            "id": command["id"],
            "name": "ask",
            "type": 1,
            "options": [{"name": "question", "type": 3, "value": question}],
        }
        if "guild_id" in command:
            data["guild_id"] = command["guild_id"]
        payload: dict[str, Any] = {
            "id": str(self.next_id()),
            "application_id": str(APP_ID),
            "type": 2,
            "token": f"interaction-token-{self.next_id()}",
            "version": 1,
            "data": data,
            "locale": "en-US",
            "app_permissions": "2248473465835073",
            "entitlements": [],
            "attachment_size_limit": 8 * 1024 * 1024,
        }
        if dm:
            payload["user"] = asker
            payload["channel_id"] = str(DM_CHANNEL_ID)
            payload["channel"] = {"id": str(DM_CHANNEL_ID), "type": 1, "recipients": [asker]}
            payload["context"] = 1
            payload["authorizing_integration_owners"] = {"0": str(GUILD_ID)}
        else:
            channel = next(c for c in guild_payload()["channels"] if c["id"] == str(channel_id))
            payload["guild_id"] = str(GUILD_ID)
            payload["guild_locale"] = "en-US"
            payload["channel_id"] = str(channel_id)
            payload["channel"] = channel
            payload["member"] = _member(asker)
            payload["context"] = 0
            payload["authorizing_integration_owners"] = {"0": str(GUILD_ID)}
        return payload

    async def send_interaction(self, question: str, **options: Any) -> dict[str, Any]:
        payload = self.interaction(question, **options)
        await self.dispatch("INTERACTION_CREATE", payload)
        return payload

    def _interaction_base(self, kind: int, data: dict[str, Any], asker: dict[str, Any]) -> dict:
        channel = next(c for c in guild_payload()["channels"] if c["id"] == str(CHANNEL_ID))
        return {
            "id": str(self.next_id()),
            "application_id": str(APP_ID),
            "type": kind,
            "token": f"interaction-token-{self.next_id()}",
            "version": 1,
            "data": data,
            "locale": "en-US",
            "guild_locale": "en-US",
            "app_permissions": "2248473465835073",
            "entitlements": [],
            "attachment_size_limit": 8 * 1024 * 1024,
            "guild_id": str(GUILD_ID),
            "channel_id": str(CHANNEL_ID),
            "channel": channel,
            "member": _member(asker),
            "context": 0,
            "authorizing_integration_owners": {"0": str(GUILD_ID)},
        }

    async def click(
        self, custom_id: str, message: dict[str, Any], *, asker: dict[str, Any] = ASKER
    ) -> dict[str, Any]:
        """A button click (INTERACTION_CREATE of type 3) on ``message``, a message object."""
        payload = self._interaction_base(3, {"custom_id": custom_id, "component_type": 2}, asker)
        payload["message"] = message
        await self.dispatch("INTERACTION_CREATE", payload)
        return payload

    async def submit_modal(
        self, custom_id: str, values: dict[str, str], *, asker: dict[str, Any] = ASKER
    ) -> dict[str, Any]:
        """A modal's submission (INTERACTION_CREATE of type 5) with its text inputs' values."""
        rows = [
            {"type": 1, "components": [{"type": 4, "custom_id": k, "value": v}]}
            for k, v in values.items()
        ]
        payload = self._interaction_base(5, {"custom_id": custom_id, "components": rows}, asker)
        await self.dispatch("INTERACTION_CREATE", payload)
        return payload

    def callbacks(self, interaction: dict[str, Any]) -> list[Call]:
        """The responses (callbacks) to one interaction."""
        return self.calls_to("POST", f"/interactions/{interaction['id']}/[^/]+/callback")


# --- a fake core: realistic answers, no model ------------------------------------------


def _answer_types() -> Any:
    # Imported late so that the fake Discord itself needs nothing from corpusbot.
    from bot.answer import Answer, Snippet
    from retrieval.figures.model import Claim, FigureGroup, FigureValue

    return Answer, Snippet, Claim, FigureGroup, FigureValue


REUTERS_QUOTE = (
    "At least 612 people died in the earthquake, the ministry said on Tuesday. "
    "Officials warned @everyone in the region, and <@123456789012345678> of the relief "
    "agency, that the toll would rise."
)
BBC_QUOTE = "The death toll has risen to about 600, according to the interior ministry."


def quake_answer(question: str = "how many died?") -> Any:
    """Two sources, verbatim quotes (one with ping text), deaths that differ."""
    Answer, Snippet, Claim, FigureGroup, FigureValue = _answer_types()
    reuters = Snippet(
        doc_id="reuters-quake",
        title="Quake toll passes 600",
        quote=REUTERS_QUOTE,
        start=0,
        end=len(REUTERS_QUOTE),
        score=0.81,
        publisher="Reuters",
        url="https://example.com/reuters/quake (update)",
        published="2024-04-02",
    )
    bbc = Snippet(
        doc_id="bbc-quake",
        title="Earthquake: what we know",
        quote=BBC_QUOTE,
        start=10,
        end=10 + len(BBC_QUOTE),
        score=0.74,
        publisher="BBC News",
        url=None,
    )
    deaths = FigureGroup(
        measure="deaths",
        status="differ",
        claims=[
            Claim(
                label="at least 612",
                low=612,
                high=None,
                unit="people",
                as_of="on Tuesday",
                mentions=[
                    FigureValue(
                        text="At least 612",
                        low=612,
                        high=None,
                        unit="people",
                        doc_id="reuters-quake",
                        quote=REUTERS_QUOTE,
                        title="Quake toll passes 600",
                        publisher="Reuters",
                        url="https://example.com/reuters/quake (update)",
                    )
                ],
            ),
            Claim(
                label="about 600",
                low=600,
                high=600,
                unit="people",
                as_of=None,
                mentions=[
                    FigureValue(
                        text="about 600",
                        low=600,
                        high=600,
                        unit="people",
                        doc_id="bbc-quake",
                        quote=BBC_QUOTE,
                        title="Earthquake: what we know",
                        publisher="BBC News",
                    )
                ],
            ),
        ],
        note="reports differ: at least 612 (Reuters) vs about 600 (BBC News)",
    )
    return Answer(
        question=question,
        answered=True,
        snippets=[reuters, bbc],
        figures=[deaths],
        summary="Reports differ on deaths: at least 612 vs about 600.",
    )


def nothing_answer(question: str) -> Any:
    Answer = _answer_types()[0]
    return Answer(question=question, answered=False, summary="")


def huge_answer(question: str = "tell me everything", *, quotes: int = 40) -> Any:
    """Far beyond every Discord limit: long titles, quotes, notes, many groups and claims."""
    Answer, Snippet, Claim, FigureGroup, FigureValue = _answer_types()
    long_words = " ".join(["casualties"] * 2000) + " @here <@&123456789012345678>"
    snippets = [
        Snippet(
            doc_id=f"doc-{i}",
            title=f"Report {i} " + "very long title " * 40,
            quote=f"Quote {i}: " + long_words,
            start=0,
            end=100,
            score=1.0 - i / 100,
            publisher="Publisher " * 100,
            url=f"https://example.com/{'x' * 3000}" if i % 3 == 0 else f"https://example.com/{i}",
            published="2024-05-01",
        )
        for i in range(quotes)
    ]

    def claim(g: int, c: int) -> Any:
        mentions = [
            FigureValue(
                text=str(c),
                low=c,
                high=c,
                unit="people",
                doc_id=f"doc-{g}-{c}-{k}",
                quote="…",
                title=f"Source {k} " + "with a long name " * 10,
                url=f"https://example.com/{g}/{c}/{k}",
            )
            for k in range(30)
        ]
        return Claim(
            label=f"{c} " + "people " * 60,
            low=c,
            high=c,
            unit="people",
            as_of="as of " + "mid-March " * 40,
            mentions=mentions,
        )

    figures = [
        FigureGroup(
            measure=f"measure {g} " + "x" * 300,
            status="differ" if g % 2 else "agree",
            claims=[claim(g, c) for c in range(40)],
            note="note " * 400,
        )
        for g in range(15)
    ]
    return Answer(
        question=question,
        answered=True,
        snippets=snippets,
        figures=figures,
        summary="Summary " * 1000,
    )
