"""The votes database: one vote per user per answer, hashed users, migrations, WAL, threads."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot import feedback
from bot.answer import Answer, Snippet
from bot.evaluation import load_questions
from bot.feedback import FeedbackStore, FeedbackUnavailableError, eval_cases
from tests.conftest import make_settings


def answer(question: str = "How many died?") -> Answer:
    return Answer(
        question=question,
        answered=True,
        snippets=[
            Snippet("doc-a", "A", "About 600 died.", 10, 25, 0.8),
            Snippet("doc-b", "B", "300 died by January.", 0, 20, 0.7),
        ],
        summary="Reports differ on deaths: about 600 vs 300",
    )


@pytest.fixture
def store(tmp_path: Path) -> FeedbackStore:
    return FeedbackStore(tmp_path / "feedback.sqlite3")


def test_default_path_is_beside_the_index_folder(tmp_path: Path) -> None:
    settings = make_settings(index_dir=tmp_path / "data" / "index")
    assert feedback.default_path(settings) == tmp_path / "data" / "feedback.sqlite3"
    chosen = make_settings(feedback_db=tmp_path / "votes.db")
    assert feedback.default_path(chosen) == tmp_path / "votes.db"


def test_a_vote_is_kept_with_its_answer_and_a_hashed_user(store: FeedbackStore) -> None:
    store.record_answer("a1", answer(), platform="slack", channel="C0001")
    tally = store.vote("a1", platform="slack", user_id="U12345", vote=-1)
    assert (tally.up, tally.down) == (0, 1)
    assert store.set_reason("a1", platform="slack", user_id="U12345", reason="wrong\n doc ")
    [record] = store.votes()
    assert record.question == "How many died?"
    assert record.summary.startswith("Reports differ")
    assert [(s.doc_id, s.start, s.end) for s in record.sources] == [
        ("doc-a", 10, 25),
        ("doc-b", 0, 20),
    ]
    assert (record.platform, record.channel, record.vote) == ("slack", "C0001", -1)
    assert record.reason == "wrong doc"
    assert "U12345" not in record.user_hash and len(record.user_hash) == 64
    raw = store.path.read_bytes() + Path(f"{store.path}-wal").read_bytes()
    assert b"U12345" not in raw


def test_one_vote_per_user_and_answer_which_can_change(store: FeedbackStore) -> None:
    store.record_answer("a1", answer(), platform="discord", channel="42")
    store.vote("a1", platform="discord", user_id="1", vote=1)
    store.vote("a1", platform="discord", user_id="2", vote=1)
    tally = store.vote("a1", platform="discord", user_id="1", vote=-1)
    assert (tally.up, tally.down) == (1, 1)
    assert len(store.votes()) == 2
    assert [r.vote for r in store.votes(down_only=True)] == [-1]
    # The same id on another platform is another person.
    tally = store.vote("a1", platform="slack", user_id="1", vote=1)
    assert (tally.up, tally.down) == (2, 1)
    # Changing to 👍 drops the 👎's reason; a reason needs a 👎.
    store.set_reason("a1", platform="discord", user_id="1", reason="stale")
    store.vote("a1", platform="discord", user_id="1", vote=1)
    assert all(r.reason is None for r in store.votes())
    assert not store.set_reason("a1", platform="discord", user_id="1", reason="x")


def test_a_vote_on_an_unknown_answer_is_refused(store: FeedbackStore) -> None:
    with pytest.raises(KeyError):
        store.vote("nope", platform="slack", user_id="U1", vote=1)


def test_since_filters_by_the_time_of_the_vote(store: FeedbackStore) -> None:
    store.record_answer("a1", answer(), platform="slack", channel="C1")
    store.vote("a1", platform="slack", user_id="U1", vote=1)
    assert len(store.votes(since=datetime.now(UTC) - timedelta(minutes=1))) == 1
    assert store.votes(since=datetime.now(UTC) + timedelta(minutes=1)) == []


def test_wal_mode_and_schema_version(store: FeedbackStore) -> None:
    store.record_answer("a1", answer(), platform="slack", channel="C1")
    with sqlite3.connect(store.path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA user_version").fetchone()[0] == feedback.SCHEMA_VERSION


def test_a_database_of_the_first_schema_is_migrated_without_losing_votes(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(feedback.MIGRATIONS[0])
        db.execute(f"PRAGMA application_id = {feedback.APPLICATION_ID}")
        db.execute("PRAGMA user_version = 1")
        db.execute(
            "INSERT INTO answers VALUES ('a1', 'q?', 's', ?, 'slack', 'C1', '2026-01-01T00:00:00')",
            (json.dumps([{"doc_id": "d", "start": 0, "end": 3}]),),
        )
        db.execute("INSERT INTO votes VALUES ('a1', 'h', -1, '2026-01-01T00:00:00')")
    store = FeedbackStore(path)
    [record] = store.votes()
    assert (record.question, record.vote, record.updated_at) == ("q?", -1, "2026-01-01T00:00:00")
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == feedback.SCHEMA_VERSION


def test_a_newer_schema_and_a_foreign_database_are_refused_untouched(tmp_path: Path) -> None:
    newer = tmp_path / "newer.sqlite3"
    with sqlite3.connect(newer) as db:
        db.execute(f"PRAGMA application_id = {feedback.APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {feedback.SCHEMA_VERSION + 1}")
    with pytest.raises(FeedbackUnavailableError, match="newer"):
        FeedbackStore(newer).votes()

    foreign = tmp_path / "theirs.sqlite3"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE accounts (id INTEGER)")
        db.execute("INSERT INTO accounts VALUES (7)")
    before = foreign.read_bytes()
    with pytest.raises(FeedbackUnavailableError, match="something else"):
        FeedbackStore(foreign).record_answer("a1", answer(), platform="slack", channel="C1")
    assert foreign.read_bytes() == before


NOBODY = 65534  # the unprivileged user and group of most Unix systems


def as_unprivileged(check: Callable[[], str]) -> str:
    """``check()`` run in a forked copy of this (root) process that has dropped to the
    unprivileged user, so that file permissions hold; its outcome, or the error it raised."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the copy: whatever happens, it reports and exits here
        try:
            os.close(read)
            try:
                os.setgroups([])
                os.setgid(NOBODY)
                os.setuid(NOBODY)
                outcome = check()
            except BaseException as exc:
                outcome = f"{type(exc).__name__}: {exc}"
            os.write(write, outcome.encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        outcome = pipe.read().decode()
    os.waitpid(pid, 0)
    return outcome


def test_missing_folder_read_only_and_locked_databases_are_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(FeedbackUnavailableError):
        FeedbackStore(tmp_path / "absent" / "f.sqlite3").record_answer(
            "a1", answer(), platform="slack", channel="C1"
        )

    # A database its user may read and not write. Root may write anything: as root, the vote
    # is tried in a forked copy of this process that has become an unprivileged user.
    folder = Path(tempfile.mkdtemp(prefix="corpusbot-ro-"))  # a place that user can reach
    path = folder / "f.sqlite3"
    try:
        FeedbackStore(path).record_answer("a1", answer(), platform="slack", channel="C1")
        for p in folder.iterdir():
            p.unlink() if p.name.endswith(("-wal", "-shm")) else None
        before = path.read_bytes()
        path.chmod(0o444)
        folder.chmod(0o555)

        def try_to_vote() -> str:
            if os.access(path, os.W_OK) or os.access(folder, os.W_OK):
                return "the database is writable"
            if not path.read_bytes().startswith(b"SQLite format 3\0"):
                return "the database is unreadable"
            try:
                FeedbackStore(path).vote("a1", platform="slack", user_id="U1", vote=1)
            except FeedbackUnavailableError:
                return "refused"
            return "the vote was taken"

        outcome = as_unprivileged(try_to_vote) if os.geteuid() == 0 else try_to_vote()
        assert outcome == "refused"
        assert path.read_bytes() == before
        assert sorted(p.name for p in folder.iterdir()) == ["f.sqlite3"]
    finally:
        folder.chmod(0o700)
        shutil.rmtree(folder)

    monkeypatch.setattr(feedback, "BUSY_TIMEOUT", 0.1)
    locked = FeedbackStore(tmp_path / "locked.sqlite3")
    locked.record_answer("a1", answer(), platform="slack", channel="C1")
    other = FeedbackStore(locked.path)
    holder = sqlite3.connect(locked.path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(FeedbackUnavailableError, match="locked"):
            other.vote("a1", platform="slack", user_id="U1", vote=1)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    # Usable again once the lock is gone.
    assert other.vote("a1", platform="slack", user_id="U1", vote=1).up == 1


def test_a_database_removed_while_open_is_made_again_not_written_into_the_void(
    store: FeedbackStore,
) -> None:
    store.record_answer("a1", answer(), platform="slack", channel="C1")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{store.path}{suffix}").unlink(missing_ok=True)
    # The answer went with the file: the vote is refused, and the new file is kept.
    with pytest.raises(KeyError):
        store.vote("a1", platform="slack", user_id="U1", vote=1)
    store.record_answer("a2", answer(), platform="slack", channel="C1")
    store.vote("a2", platform="slack", user_id="U1", vote=1)
    assert [r.answer_id for r in FeedbackStore(store.path).votes()] == ["a2"]


def test_concurrent_votes_from_many_threads_are_all_kept(store: FeedbackStore) -> None:
    answers = [f"a{i}" for i in range(4)]
    for a in answers:
        store.record_answer(a, answer(), platform="slack", channel="C1")
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def worker(n: int) -> None:
        try:
            start.wait()
            for i in range(25):
                for a in answers:
                    store.vote(a, platform="slack", user_id=f"U{n}-{i}", vote=1 if i % 2 else -1)
            # Each thread then changes its first user's votes: still one vote per user.
            for a in answers:
                store.vote(a, platform="slack", user_id=f"U{n}-0", vote=1)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(store.votes()) == 8 * 25 * 4
    for a in answers:
        tally = store.tally(a)
        assert (tally.up, tally.down) == (8 * 13, 8 * 12)


def test_export_eval_cases_load_as_an_eval_file(store: FeedbackStore, tmp_path: Path) -> None:
    store.record_answer("a1", answer("How many died?"), platform="slack", channel="C1")
    store.record_answer("a2", answer("how many  died?"), platform="slack", channel="C1")
    store.record_answer("a3", answer("Who won?"), platform="slack", channel="C1")
    store.vote("a1", platform="slack", user_id="U1", vote=-1)
    store.vote("a2", platform="slack", user_id="U2", vote=-1)
    store.vote("a3", platform="slack", user_id="U1", vote=1)
    cases = eval_cases(store.votes())
    assert [c["question"] for c in cases] == ["How many died?"]
    path = tmp_path / "cases.jsonl"
    path.write_text("".join(json.dumps(c) + "\n" for c in cases))
    [(_, spec)] = load_questions(path)
    assert spec.question == "How many died?" and spec.answerable
