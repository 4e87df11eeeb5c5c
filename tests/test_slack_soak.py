"""Soak: 500 genuine Slack events over HTTP with hostile requests mixed in, to the real core.

Every genuine event is answered exactly once; nothing forged, replayed, oversized or
malformed is; the process's resident memory grows less than 50 MB. Bounded: 500 events,
about 150 hostile requests, one server on 127.0.0.1, a fake Slack, the fake embedder.
"""

from __future__ import annotations

import json
import random
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from bot.core import AnswerService
from retrieval.embedding import load_embedder

try:
    from tests.conftest import FAKE_MODEL, SEEDS, make_settings
    from tests.fakes import fake_slack as fs
    from tests.test_slack_http import MB, FakeCore, http_post, raw_post, running
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import FAKE_MODEL, SEEDS, make_settings  # type: ignore[no-redef]
    from fakes import fake_slack as fs  # type: ignore[no-redef]
    from test_slack_http import MB, FakeCore, http_post, raw_post, running  # type: ignore[no-redef]

pytestmark = pytest.mark.timeout(300)

GENUINE = 500
HOSTILE_EVERY = 4  # one hostile request after every fourth genuine one
RSS_GROWTH_LIMIT = 50 * MB
QUESTIONS = ("how many died?", "how many were injured?", "what was the river level?", "when?")


def rss_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS in /proc/self/status")


@pytest.fixture(scope="module")
def core(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AnswerService]:
    """The real core over the seeds, with the fake embedder so 500 questions stay quick."""
    settings = make_settings(
        corpus_dir=SEEDS,
        index_dir=tmp_path_factory.mktemp("soak") / "index",
        model=FAKE_MODEL,
        reload_interval=0,
    )
    service = AnswerService(settings, embedder=load_embedder(FAKE_MODEL, "cpu"))
    service.build(full=True)
    service.ensure_ready(build_if_needed=False)
    yield service
    service.close()


def signed(payload: dict[str, Any], secret: str = fs.SIGNING_SECRET) -> tuple[bytes, dict]:
    body = json.dumps(payload).encode()
    return body, {"Content-Type": "application/json", **fs.sign(body, secret=secret)}


class Traffic:
    """The requests to send, in order, and what each one may lead to."""

    def __init__(self, seed: int = 16) -> None:
        self.rng = random.Random(seed)
        self.genuine_ts: list[str] = []
        self.forged_ts: list[str] = []
        self.sent: list[tuple[bytes, dict]] = []  # genuine requests, for replays
        self.statuses: Counter[str] = Counter()
        self._lock = threading.Lock()

    def genuine(self, i: int) -> Callable[[str], None]:
        event = fs.mention(self.rng.choice(QUESTIONS), user=f"U{i:05d}", channel=f"C{i % 7}0")
        body, headers = signed(fs.event_callback(event))
        self.genuine_ts.append(event["ts"])
        self.sent.append((body, headers))
        return lambda url: self._post("genuine", url, body, headers, 200)

    def hostile(self, i: int) -> Callable[[str], None]:
        kind = ("forged", "replayed", "oversized", "malformed")[i % 4]
        if kind == "forged":
            event = fs.mention("forged question", user=f"UF{i:05d}")
            body, headers = signed(fs.event_callback(event), secret="not-the-secret")
            self.forged_ts.append(event["ts"])
            return lambda url: self._post(kind, url, body, headers, 401)
        if kind == "replayed":
            body, headers = self.rng.choice(self.sent)
            return lambda url: self._post(kind, url, body, headers, 200)
        if kind == "oversized":
            return self._oversized
        bad = self.rng.choice(
            (b'{"type": "event_callback", "event": {', b"[1, 2, 3]", b'{"text": "\xff\xfe"}')
        )
        headers = {"Content-Type": "application/json", **fs.sign(bad)}
        return lambda url: self._post(kind, url, bad, headers, 400)

    def _oversized(self, url: str) -> None:
        head = {"Content-Type": "application/json", "Content-Length": str(300 * MB)}
        reply = raw_post(url, head, (b"x" * 65536 for _ in range(64)), pause=0.01)
        self._record("oversized", reply.status, 413)

    def _post(self, kind: str, url: str, body: bytes, headers: dict, expected: int) -> None:
        status, _ = http_post(url, body, headers, timeout=30)
        self._record(kind, status, expected)

    def _record(self, kind: str, status: int | None, expected: int) -> None:
        with self._lock:
            self.statuses[f"{kind} {status}" + ("" if status == expected else " UNEXPECTED")] += 1


def test_soak_genuine_answered_once_hostile_never_memory_flat(
    fake: fs.FakeSlack, core: AnswerService
) -> None:
    traffic = Traffic()
    jobs: list[Callable[[str], None]] = []
    for i in range(GENUINE):
        jobs.append(traffic.genuine(i))
        if i % HOSTILE_EVERY == HOSTILE_EVERY - 1:
            jobs.append(traffic.hostile(i // HOSTILE_EVERY))
    warm_up, rest = jobs[:40], jobs[40:]
    asked = FakeCore(lambda question: core.ask(question))
    with running(fake, asked, workers=4) as r:
        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(lambda job: job(r.url), warm_up))
            fake.wait_for("chat.postMessage", 32, timeout=60)
            before = rss_bytes()
            list(pool.map(lambda job: job(r.url), rest))
        posts = fake.wait_for("chat.postMessage", GENUINE, timeout=180)
        after = rss_bytes()
        # Anything late (a second answer) would show up now.
        fake.wait_for("reactions.remove", GENUINE, timeout=60)

    unexpected = {k: n for k, n in traffic.statuses.items() if k.endswith("UNEXPECTED")}
    assert unexpected == {}, traffic.statuses
    kinds = Counter(k.split()[0] for k in traffic.statuses.elements())
    assert kinds == {"genuine": 500, "forged": 32, "replayed": 31, "oversized": 31, "malformed": 31}
    answered = Counter(p.params["thread_ts"] for p in fake.calls_to("chat.postMessage"))
    assert len(posts) == GENUINE
    assert answered == Counter(traffic.genuine_ts)  # each genuine event once, nothing else
    assert not set(traffic.forged_ts) & set(answered)
    assert "forged question" not in asked.questions
    assert len(asked.questions) == GENUINE
    growth = after - before
    assert growth < RSS_GROWTH_LIMIT, f"RSS grew {growth / MB:.1f} MB over the soak"


@pytest.fixture
def fake() -> Iterator[fs.FakeSlack]:
    server = fs.FakeSlack().start()
    yield server
    server.stop()
