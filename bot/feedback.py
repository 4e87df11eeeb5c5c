"""Votes on answers (👍/👎), kept in SQLite: one vote per user per answer, with a reason.

An answer is recorded when it is posted (question, summary, the quoted documents and their
offsets, platform, channel); a vote refers to it by id. Users are kept only as a salted hash
of the platform's user id; the salt is made once and stays in the database.

The database is opened in WAL mode with a busy timeout, and every write is one short
transaction, so several worker threads (and processes) can vote at once. A database that is
missing, locked, read-only or not ours raises ``FeedbackUnavailableError``: the caller refuses
the vote with a short notice, and answering goes on.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
import sqlite3
import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from bot.answer import Answer
from bot.messages import REFUSED_MESSAGE, THANKS_MESSAGE, UNKNOWN_ANSWER_MESSAGE
from bot.settings import Settings
from retrieval.errors import CorpusbotError

log = logging.getLogger(__name__)

FILE_NAME = "feedback.sqlite3"
# Seconds a write waits for another writer before the vote is refused.
BUSY_TIMEOUT = 2.0
MAX_REASON_CHARS = 300
APPLICATION_ID = 0x43425442  # "CBTB": marks a database as corpusbot's feedback store

Vote = Literal[1, -1]

# Each step brings the schema from version n to n + 1; a database records its version in
# PRAGMA user_version. Steps are only ever appended.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE answers (
        id TEXT PRIMARY KEY,
        question TEXT NOT NULL,
        summary TEXT NOT NULL,
        sources TEXT NOT NULL,
        platform TEXT NOT NULL,
        channel TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TABLE votes (
        answer_id TEXT NOT NULL REFERENCES answers(id),
        user_hash TEXT NOT NULL,
        vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
        created_at TEXT NOT NULL,
        PRIMARY KEY (answer_id, user_hash)
    );
    """,
    """
    ALTER TABLE votes ADD COLUMN reason TEXT;
    ALTER TABLE votes ADD COLUMN updated_at TEXT;
    UPDATE votes SET updated_at = created_at;
    CREATE INDEX votes_by_time ON votes (updated_at);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


class FeedbackUnavailableError(CorpusbotError):
    """The feedback database cannot take or give votes now (missing, locked, read-only)."""


@dataclass(frozen=True)
class Source:
    """A quoted passage: the document and the quote's offsets in its text."""

    doc_id: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class VoteRecord:
    answer_id: str
    question: str
    summary: str
    sources: tuple[Source, ...]
    platform: str
    channel: str
    user_hash: str
    vote: int
    reason: str | None
    created_at: str
    updated_at: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "answer_id": self.answer_id,
            "question": self.question,
            "summary": self.summary,
            "sources": [s.to_dict() for s in self.sources],
            "platform": self.platform,
            "channel": self.channel,
            "user_hash": self.user_hash,
            "vote": "up" if self.vote > 0 else "down",
            "reason": self.reason,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }


@dataclass(frozen=True)
class Tally:
    up: int
    down: int


def default_path(settings: Settings) -> Path:
    """``CORPUSBOT_FEEDBACK_DB``, else ``feedback.sqlite3`` beside the index folder."""
    if settings.feedback_db is not None:
        return settings.feedback_db
    return settings.index_dir.absolute().parent / FILE_NAME


def new_answer_id() -> str:
    return uuid.uuid4().hex


def one_line(text: str, limit: int = MAX_REASON_CHARS) -> str:
    """``text`` on one line, whitespace collapsed, at most ``limit`` characters."""
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class FeedbackStore:
    """The votes database at ``path``; safe to share between threads.

    Nothing is opened until first use, and the file is created then (its folder is not):
    a store whose database cannot be opened raises ``FeedbackUnavailableError`` on each call
    and can succeed later, once the database is usable again.
    """

    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.path = Path(path)
        self._create = create
        self._local = threading.local()
        self._ready = False
        self._ready_lock = threading.Lock()
        self._salt: bytes | None = None
        # Threads of this process write one at a time; the busy timeout is for other processes
        # (SQLite's own waiting backs off in sleeps and can starve a thread under contention).
        self._write_lock = threading.Lock()

    # --- connection ------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is not None and self.path.exists():
            return connection
        if connection is not None:
            # The file was removed while open: what is written now would be lost with it.
            self._forget_connection()
            with self._ready_lock:
                self._ready, self._salt = False, None
        if not self._create and not self.path.exists():
            raise FeedbackUnavailableError(f"no feedback database at {self.path}")
        try:
            connection = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=True
            )
        except sqlite3.Error as exc:
            raise FeedbackUnavailableError(
                f"cannot open the feedback database {self.path}: {exc}"
            ) from exc
        connection.row_factory = sqlite3.Row
        self._local.connection = connection
        return connection

    @contextmanager
    def _db(self, *, write: bool) -> Iterator[sqlite3.Connection]:
        """A connection, ready and (with ``write``) inside one immediate transaction."""
        try:
            connection = self._connect()
            self._prepare(connection)
            if not write:
                yield connection
                return
            with self._write_lock:
                connection.execute("BEGIN IMMEDIATE")
                try:
                    yield connection
                except BaseException:
                    connection.execute("ROLLBACK")
                    raise
                connection.execute("COMMIT")
        except sqlite3.Error as exc:
            self._forget_connection()
            raise FeedbackUnavailableError(f"feedback database {self.path}: {exc}") from exc

    def _forget_connection(self) -> None:
        connection = getattr(self._local, "connection", None)
        self._local.connection = None
        if connection is not None:
            with suppress(sqlite3.Error):
                connection.close()

    def _prepare(self, connection: sqlite3.Connection) -> None:
        if self._ready:
            return
        with self._ready_lock:
            if self._ready:
                return
            self._migrate(connection)
            self._ready = True

    def _migrate(self, connection: sqlite3.Connection) -> None:
        application = connection.execute("PRAGMA application_id").fetchone()[0]
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if application != APPLICATION_ID and (tables or version):
            raise FeedbackUnavailableError(
                f"{self.path} is a database of something else; set CORPUSBOT_FEEDBACK_DB "
                "to another file"
            )
        if version > SCHEMA_VERSION:
            raise FeedbackUnavailableError(
                f"{self.path} has feedback schema version {version}, newer than this "
                f"corpusbot knows ({SCHEMA_VERSION}): upgrade corpusbot"
            )
        if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            mode = connection.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if mode != "wal":
                log.warning("feedback database %s is not in WAL mode (%s)", self.path, mode)
        if version == SCHEMA_VERSION:
            return
        connection.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated meanwhile: read the version again, locked.
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            for step in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[step].split(";"):
                    if statement.strip():
                        connection.execute(statement)
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        if version < SCHEMA_VERSION:
            log.info("feedback database %s: schema %d → %d", self.path, version, SCHEMA_VERSION)

    def close(self) -> None:
        """Close this thread's connection (others close when their threads end)."""
        self._forget_connection()

    # --- users -------------------------------------------------------------------------

    def _salt_of(self, connection: sqlite3.Connection) -> bytes:
        if self._salt is None:
            row = connection.execute("SELECT value FROM meta WHERE key = 'salt'").fetchone()
            if row is None:
                connection.execute(
                    "INSERT OR IGNORE INTO meta (key, value) VALUES ('salt', ?)",
                    (secrets.token_hex(32),),
                )
                row = connection.execute("SELECT value FROM meta WHERE key = 'salt'").fetchone()
            self._salt = bytes.fromhex(row[0])
        return self._salt

    def _user_hash(self, connection: sqlite3.Connection, platform: str, user_id: str) -> str:
        salt = self._salt_of(connection)
        return hmac.new(salt, f"{platform}:{user_id}".encode(), hashlib.sha256).hexdigest()

    # --- writing -----------------------------------------------------------------------

    def record_answer(self, answer_id: str, answer: Answer, *, platform: str, channel: str) -> None:
        """Keep what a vote on ``answer_id`` refers to: question, summary, quoted passages."""
        sources = [Source(s.doc_id, s.start, s.end).to_dict() for s in answer.snippets]
        with self._db(write=True) as db:
            db.execute(
                "INSERT OR IGNORE INTO answers "
                "(id, question, summary, sources, platform, channel, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    answer_id,
                    answer.question,
                    answer.summary,
                    json.dumps(sources),
                    platform,
                    channel,
                    _now(),
                ),
            )

    def vote(self, answer_id: str, *, platform: str, user_id: str, vote: Vote) -> Tally:
        """Record (or change) ``user_id``'s vote on the answer; the answer's tally after it.

        ``KeyError`` when no answer of that id was recorded.
        """
        if vote not in (1, -1):
            raise ValueError(f"a vote is 1 or -1, not {vote!r}")
        with self._db(write=True) as db:
            if db.execute("SELECT 1 FROM answers WHERE id = ?", (answer_id,)).fetchone() is None:
                raise KeyError(answer_id)
            user = self._user_hash(db, platform, user_id)
            now = _now()
            db.execute(
                "INSERT INTO votes (answer_id, user_hash, vote, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (answer_id, user_hash) DO UPDATE SET vote = excluded.vote, "
                "updated_at = excluded.updated_at, "
                "reason = CASE WHEN excluded.vote = 1 THEN NULL ELSE reason END",
                (answer_id, user, vote, now, now),
            )
            return self._tally(db, answer_id)

    def set_reason(self, answer_id: str, *, platform: str, user_id: str, reason: str) -> bool:
        """Store the user's one-line reason with their 👎; False when they have none."""
        text = one_line(reason)
        with self._db(write=True) as db:
            user = self._user_hash(db, platform, user_id)
            changed = db.execute(
                "UPDATE votes SET reason = ?, updated_at = ? "
                "WHERE answer_id = ? AND user_hash = ? AND vote = -1",
                (text or None, _now(), answer_id, user),
            ).rowcount
        return changed > 0

    # --- reading -----------------------------------------------------------------------

    def _tally(self, db: sqlite3.Connection, answer_id: str) -> Tally:
        row = db.execute(
            "SELECT coalesce(sum(vote = 1), 0), coalesce(sum(vote = -1), 0) "
            "FROM votes WHERE answer_id = ?",
            (answer_id,),
        ).fetchone()
        return Tally(int(row[0]), int(row[1]))

    def tally(self, answer_id: str) -> Tally:
        with self._db(write=False) as db:
            return self._tally(db, answer_id)

    def votes(self, *, since: datetime | None = None, down_only: bool = False) -> list[VoteRecord]:
        """Votes, oldest first; ``since``: cast or changed at or after it."""
        query = (
            "SELECT v.answer_id, a.question, a.summary, a.sources, a.platform, a.channel, "
            "v.user_hash, v.vote, v.reason, v.created_at, v.updated_at "
            "FROM votes v JOIN answers a ON a.id = v.answer_id WHERE 1 = 1"
        )
        params: list[Any] = []
        if since is not None:
            query += " AND v.updated_at >= ?"
            params.append(since.astimezone(UTC).isoformat(timespec="seconds"))
        if down_only:
            query += " AND v.vote = -1"
        query += " ORDER BY v.updated_at, v.answer_id, v.user_hash"
        with self._db(write=False) as db:
            rows = db.execute(query, params).fetchall()
        return [_record(row) for row in rows]


def cast_vote(
    store: FeedbackStore | None, answer_id: str, *, platform: str, user_id: str, vote: Vote
) -> Tally | str:
    """The answer's tally after the vote, or the notice to show instead (a refusal is logged)."""
    if store is None:
        return REFUSED_MESSAGE
    try:
        return store.vote(answer_id, platform=platform, user_id=user_id, vote=vote)
    except FeedbackUnavailableError as exc:
        log.warning("feedback: a vote was refused (%s)", exc)
        return REFUSED_MESSAGE
    except KeyError:
        return UNKNOWN_ANSWER_MESSAGE


def give_reason(
    store: FeedbackStore | None, answer_id: str, *, platform: str, user_id: str, reason: str
) -> str:
    """Store the reason of a 👎; what to tell the voter (a refusal is logged)."""
    if store is None:
        return REFUSED_MESSAGE
    try:
        store.set_reason(answer_id, platform=platform, user_id=user_id, reason=reason)
    except FeedbackUnavailableError as exc:
        log.warning("feedback: a reason was refused (%s)", exc)
        return REFUSED_MESSAGE
    return THANKS_MESSAGE


def _record(row: sqlite3.Row) -> VoteRecord:
    sources = tuple(
        Source(str(s["doc_id"]), int(s["start"]), int(s["end"])) for s in json.loads(row[3])
    )
    return VoteRecord(
        answer_id=row[0],
        question=row[1],
        summary=row[2],
        sources=sources,
        platform=row[4],
        channel=row[5],
        user_hash=row[6],
        vote=int(row[7]),
        reason=row[8],
        created_at=row[9],
        updated_at=row[10],
    )


def eval_cases(records: Sequence[VoteRecord]) -> list[dict[str, Any]]:
    """The 👎 questions as eval cases (tests/eval/*.jsonl, docs/evaluation.md), once each.

    Only what is known is filled in; the expected documents and figures are left to complete
    by hand.
    """
    cases: dict[str, dict[str, Any]] = {}
    for record in records:
        if record.vote >= 0:
            continue
        key = " ".join(record.question.split()).lower()
        cases.setdefault(
            key,
            {
                "id": f"feedback-{record.answer_id[:12]}",
                "question": record.question,
                "expected_docs": [],
                "expected_figures": [],
            },
        )
    return list(cases.values())
