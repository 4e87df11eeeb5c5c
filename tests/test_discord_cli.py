"""``corpusbot serve discord`` and ``corpusbot run`` as a user starts them, against a fake Discord."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import sys
from pathlib import Path

import pytest

try:
    from tests.fakes import fake_discord as fd
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from fakes import fake_discord as fd  # type: ignore[no-redef]

pytestmark = pytest.mark.timeout(240)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    """No developer setting leaks in; the quick fake embedder and a copy of the seeds."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("CORPUSBOT_", "SLACK_", "DISCORD_"))
    }
    corpus = tmp_path / "corpus"
    if not corpus.exists():
        shutil.copytree(SEEDS, corpus)
    env.update(
        HF_HUB_OFFLINE="1",
        CORPUSBOT_MODEL="fake-hash:64",
        CORPUSBOT_CORPUS_DIR=str(corpus),
        CORPUSBOT_INDEX_DIR=str(tmp_path / "index"),
        **extra,
    )
    return env


async def start(tmp_path: Path, *args: str, **env: str) -> asyncio.subprocess.Process:
    # Run from an empty folder so that no .env file is read.
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        env=environment(tmp_path, **env),
        cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def finish(process: asyncio.subprocess.Process, timeout: float = 180) -> tuple[int, str]:
    try:
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=timeout)
    except TimeoutError:
        process.kill()  # a hung bot is not left running after its test
        _, stderr = await process.communicate()
        raise AssertionError(f"corpusbot did not exit; stderr:\n{stderr.decode()}") from None
    assert process.returncode is not None
    return process.returncode, stderr.decode()


def fake_urls(fake: fd.FakeDiscord) -> dict[str, str]:
    return {"DISCORD_API_URL": fake.api_url, "DISCORD_GATEWAY_URL": fake.gateway_url}


def test_serve_discord_without_a_token_exits_2_with_one_line(tmp_path: Path) -> None:
    async def scenario() -> tuple[int, str]:
        return await finish(await start(tmp_path, "serve", "discord"))

    code, stderr = asyncio.run(scenario())
    assert code == 2
    assert stderr == "Error: DISCORD_TOKEN is not set (the bot token from the Developer Portal)\n"


def test_serve_discord_with_a_refused_token_exits_1_with_one_line(tmp_path: Path) -> None:
    async def scenario() -> tuple[int, str, list[fd.Call]]:
        async with fd.FakeDiscord() as fake:
            process = await start(
                tmp_path, "serve", "discord", DISCORD_TOKEN="not-the-token", **fake_urls(fake)
            )
            code, stderr = await finish(process)
            return code, stderr, fake.calls

    code, stderr, calls = asyncio.run(scenario())
    assert code == 1, stderr
    errors = [line for line in stderr.splitlines() if line.startswith("Error:")]
    assert errors == ["Error: DISCORD_TOKEN was refused by Discord (401 Unauthorized)"]
    assert "Traceback" not in stderr
    # The fake really was asked, and said no.
    assert [(c.path, c.status) for c in calls] == [("/users/@me", 401)]


def test_run_with_a_discord_token_serves_discord_until_interrupted(tmp_path: Path) -> None:
    async def scenario() -> tuple[int, str, list[fd.Call]]:
        async with fd.FakeDiscord() as fake:
            process = await start(tmp_path, "run", DISCORD_TOKEN=fake.token, **fake_urls(fake))
            try:
                await fake.wait_connected(timeout=180)
                # A mention is answered once the client has processed the guild.
                asked = await fake.send_mention("how many soldiers?")
                await fake.wait_until(lambda: fake.replies_to(asked["id"]), what="a reply")
            finally:
                if process.returncode is None:
                    process.send_signal(signal.SIGINT)
            code, stderr = await finish(
                process, timeout=120
            )  # a hang detector: generous on a loaded machine
            return code, stderr, fake.replies_to(asked["id"])

    code, stderr, replies = asyncio.run(scenario())
    assert code == 0, stderr
    assert "Traceback" not in stderr
    assert "Discord: /ask synced globally" in stderr and "Discord: stopped" in stderr
    assert replies and all(c.status == 200 for c in replies)
    assert all(c.body["allowed_mentions"] == {"parse": [], "replied_user": False} for c in replies)
