"""``corpusbot serve slack`` and ``corpusbot run`` as a user starts them, against a fake Slack."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.core import AnswerService
from bot.settings import Settings

try:
    from tests.fakes import fake_slack as fs
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from fakes import fake_slack as fs  # type: ignore[no-redef]

pytestmark = pytest.mark.timeout(240)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
FAKE_MODEL = "fake-hash:64"


@pytest.fixture
def indexed(tmp_path: Path) -> Path:
    """A copy of the seeds in ``tmp_path``, already indexed: no build line on stderr."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        model=FAKE_MODEL,
        corpus_dir=corpus,
        index_dir=tmp_path / "index",
    )
    AnswerService(settings).build(full=True)
    return tmp_path


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    """No developer setting leaks in; the quick fake embedder, corpus and index in tmp_path."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("CORPUSBOT_", "SLACK_", "DISCORD_"))
    }
    env.update(
        HF_HUB_OFFLINE="1",
        CORPUSBOT_MODEL=FAKE_MODEL,
        CORPUSBOT_CORPUS_DIR=str(tmp_path / "corpus"),
        CORPUSBOT_INDEX_DIR=str(tmp_path / "index"),
        **extra,
    )
    return env


def start(tmp_path: Path, *args: str, **env: str) -> subprocess.Popen[str]:
    # Run from tmp_path, which holds no .env file.
    return subprocess.Popen(
        [sys.executable, "-m", "bot", *args],
        env=environment(tmp_path, **env),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen[str], timeout: float = 180) -> tuple[int, str]:
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        _, stderr = process.communicate()
        raise AssertionError(f"corpusbot did not exit; stderr:\n{stderr}") from None
    return process.returncode, stderr


def serve_slack(tmp_path: Path, **env: str) -> tuple[int, str]:
    return finish(start(tmp_path, "serve", "slack", **env))


def test_serve_slack_without_a_bot_token_exits_2_with_one_line(tmp_path: Path) -> None:
    code, stderr = serve_slack(tmp_path, SLACK_SIGNING_SECRET=fs.SIGNING_SECRET)
    assert code == 2
    assert stderr == "Error: SLACK_BOT_TOKEN is not set (the bot token, xoxb-…)\n"


def test_serve_slack_with_a_malformed_token_exits_2_with_one_line(tmp_path: Path) -> None:
    code, stderr = serve_slack(
        tmp_path, SLACK_BOT_TOKEN="xapp-1-pasted-the-wrong-one", SLACK_APP_TOKEN=fs.APP_TOKEN
    )
    assert code == 2
    assert stderr == "Error: SLACK_BOT_TOKEN is malformed: a bot token starts with xoxb-\n"

    code, stderr = serve_slack(tmp_path, SLACK_BOT_TOKEN=fs.BOT_TOKEN, SLACK_APP_TOKEN="xoxb-1")
    assert code == 2
    assert stderr == "Error: SLACK_APP_TOKEN is malformed: an app-level token starts with xapp-\n"


@pytest.mark.parametrize(
    ("tokens", "setting", "calls"),
    [
        (  # HTTP mode: auth.test refuses the bot token
            {"SLACK_BOT_TOKEN": "xoxb-not-the-token", "SLACK_SIGNING_SECRET": fs.SIGNING_SECRET},
            "SLACK_BOT_TOKEN",
            [("auth.test", "invalid_auth")],
        ),
        (  # Socket Mode: apps.connections.open refuses the app-level token
            {"SLACK_BOT_TOKEN": fs.BOT_TOKEN, "SLACK_APP_TOKEN": "xapp-1-not-the-token"},
            "SLACK_APP_TOKEN",
            [("auth.test", None), ("apps.connections.open", "invalid_auth")],
        ),
    ],
)
def test_serve_slack_with_a_rejected_token_exits_1_with_one_line(
    indexed: Path,
    slack_socket_mode: tuple[fs.FakeSlack, fs.FakeSocketModeServer],
    tokens: dict[str, str],
    setting: str,
    calls: list[tuple[str, str | None]],
) -> None:
    api, _ = slack_socket_mode
    code, stderr = serve_slack(indexed, **tokens, SLACK_API_URL=api.url, CORPUSBOT_SLACK_PORT="0")
    assert code == 1, stderr
    assert stderr == f"Error: {setting} was rejected by Slack (invalid_auth)\n"
    # The fake really was asked, and said no.
    assert [(c.method, c.params.get("_refused")) for c in api.calls] == calls


def run_in_socket_mode(
    tmp_path: Path, slack: tuple[fs.FakeSlack, fs.FakeSocketModeServer]
) -> subprocess.Popen[str]:
    """``corpusbot run`` with a bot and an app-level token, once connected over Socket Mode."""
    api, ws = slack
    process = start(
        tmp_path,
        "run",
        SLACK_BOT_TOKEN=fs.BOT_TOKEN,
        SLACK_APP_TOKEN=fs.APP_TOKEN,
        SLACK_API_URL=api.url,
    )
    try:
        ws.wait_connected(timeout=180)
    except BaseException:
        process.kill()
        process.communicate()
        raise
    return process


def test_run_with_slack_tokens_answers_a_dm_over_socket_mode_until_interrupted(
    indexed: Path, slack_socket_mode: tuple[fs.FakeSlack, fs.FakeSocketModeServer]
) -> None:
    api, ws = slack_socket_mode
    process = run_in_socket_mode(indexed, slack_socket_mode)
    try:
        event = fs.message("how many people died?", channel="D0001", channel_type="im")
        envelope = {"envelope_id": "env-cli-1", "type": "events_api", "retry_attempt": 0}
        ws.send({**envelope, "payload": fs.event_callback(event)})
        assert ws.wait_ack("env-cli-1", timeout=30) == {"envelope_id": "env-cli-1"}
        post = api.wait_for("chat.postMessage", timeout=60)[0].params
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
    code, stderr = finish(process, timeout=120)  # a hang detector: generous on a loaded machine
    assert code == 0, stderr
    assert post["channel"] == "D0001" and "thread_ts" not in post
    assert post["text"] and fs.block_kit_errors(post) == []
    assert "Traceback" not in stderr
    # Quiet start: what corpusbot says, and no warning or error from slack-bolt or slack_sdk.
    assert "Slack: connected in Socket Mode" in stderr and "Slack: stopped" in stderr
    assert [line for line in stderr.splitlines() if line.startswith(("WARNING", "ERROR"))] == []
    assert "`token` will be unused" not in stderr
    assert "session id" not in stderr  # slack_sdk's INFO chatter about its websocket


def interrupt_another_thread(pid: int) -> None:
    """Ctrl-C as the kernel may deliver it: to one of the process's threads, not the main one."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    threads = sorted(int(t) for t in os.listdir(f"/proc/{pid}/task") if int(t) != pid)
    assert threads, "corpusbot runs Socket Mode on threads of its own"
    if libc.tgkill(pid, threads[0], signal.SIGINT) != 0:
        raise OSError(ctypes.get_errno(), "tgkill failed")


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux's /proc")
def test_run_in_socket_mode_stops_when_ctrl_c_lands_on_another_thread(
    indexed: Path, slack_socket_mode: tuple[fs.FakeSlack, fs.FakeSocketModeServer]
) -> None:
    process = run_in_socket_mode(indexed, slack_socket_mode)
    try:
        assert process.stderr is not None
        said = process.stderr.readline()
        assert "Slack: connected in Socket Mode" in said, said
        time.sleep(1)  # the main thread is now waiting for the stop, not running Python code
        interrupt_another_thread(process.pid)
        code, stderr = finish(process, timeout=60)  # a hang detector: a missed Ctrl-C never ends
    finally:
        if process.poll() is None:
            process.kill()
    assert code == 0, stderr
    assert "Slack: stopped" in stderr and "Traceback" not in stderr
