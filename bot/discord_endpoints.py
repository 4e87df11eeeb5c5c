"""Where discord.py connects: ``DISCORD_API_URL`` and ``DISCORD_GATEWAY_URL``.

discord.py has no public option for either: REST routes and webhooks (interaction replies)
build their URLs from the class attribute ``discord.http.Route.BASE``, and a non-sharded client
connects to ``discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY`` (and resumes at the URL that
READY names). Both are shared by every client in the process. This is the one place that sets
them, for as long as a bot runs, and puts the previous values back afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import discord
import yarl


@contextmanager
def discord_endpoints(api_url: str, gateway_url: str) -> Iterator[None]:
    """discord.py pointed at ``api_url`` and ``gateway_url`` inside the block."""
    route, socket = discord.http.Route, discord.gateway.DiscordWebSocket
    before = route.BASE, socket.DEFAULT_GATEWAY
    route.BASE = api_url.strip().rstrip("/")
    socket.DEFAULT_GATEWAY = yarl.URL(gateway_url.strip())
    try:
        yield
    finally:
        route.BASE, socket.DEFAULT_GATEWAY = before
