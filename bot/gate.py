"""The chat gate both adapters share: which channels are answered, who must wait, and what a
person is told instead of an answer when asking fails."""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from bot.answer import Answer
from bot.messages import APOLOGY_MESSAGE, RATE_LIMITED_MESSAGE
from retrieval.errors import BadInputError

logger = logging.getLogger(__name__)

WINDOW_S = 60.0


@dataclass(frozen=True)
class AllowList:
    """Channel ids or names (``#`` optional); empty means every channel."""

    entries: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, entries: Iterable[str]) -> AllowList:
        cleaned = (e.strip().lstrip("#").strip() for e in entries if e)
        return cls(frozenset(e for e in cleaned if e))

    def allows(self, *candidates: str | None) -> bool:
        """True when the list is empty or names any of ``candidates`` (a channel's id, its
        name, its parent's…); blank candidates never match."""
        if not self.entries:
            return True
        return any(c and c in self.entries for c in candidates)


@dataclass
class _User:
    asked: deque[float] = field(default_factory=deque)  # times of allowed questions, oldest first
    told_until: float = 0.0  # told to wait until then: not told again before it


class RateLimiter:
    """At most ``per_minute`` questions per user in any 60-second window (0 = no limit).

    A user is forgotten once their last question is a full window old, so memory holds only
    the users who asked in the last minute however many have ever asked.
    """

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        # Least recently allowed first, so the idle are found at the front.
        self._users: OrderedDict[str, _User] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._users)

    def _forget_idle(self, now: float) -> None:
        while self._users:
            oldest = next(iter(self._users.values()))
            if oldest.asked and now - oldest.asked[-1] < WINDOW_S:
                break
            self._users.popitem(last=False)

    def allow(self, user: str) -> bool:
        if self.per_minute <= 0:
            return True
        now = self._clock()
        with self._lock:
            self._forget_idle(now)
            record = self._users.get(user) or _User()
            while record.asked and now - record.asked[0] >= WINDOW_S:
                record.asked.popleft()
            if len(record.asked) >= self.per_minute:
                self._users[user] = record
                return False
            record.asked.append(now)
            self._users[user] = record
            self._users.move_to_end(user)
            return True

    def retry_after(self, user: str) -> float:
        """Seconds until ``user`` may ask again (0 when allowed now)."""
        with self._lock:
            record = self._users.get(user)
            if record is None or len(record.asked) < self.per_minute:
                return 0.0
            return max(0.0, WINDOW_S - (self._clock() - record.asked[0]))

    def first_telling(self, user: str) -> bool:
        """True once per wait: whether a limited ``user`` should be told (again) to wait."""
        now = self._clock()
        wait = self.retry_after(user)
        with self._lock:
            record = self._users.get(user)
            if record is None or record.told_until > now:
                return False
            record.told_until = now + wait
            return True


@dataclass(frozen=True)
class Notice:
    """What a person is told instead of an answer."""

    text: str


@dataclass(frozen=True)
class Waiting:
    """A rate-limited question: the notice, and whether to show it in the conversation.

    A notice only the asker sees (Slack's ephemeral messages, Discord's ephemeral replies) is
    shown every time; one posted in the conversation is shown once per wait.
    """

    notice: Notice
    first: bool


class Gate:
    """Allow-list, per-user rate limit and ask-or-notice, set up once from the settings."""

    def __init__(
        self, channels: Iterable[str], per_minute: int, *, limiter: RateLimiter | None = None
    ):
        self.channels = AllowList.parse(channels)
        self.limiter = RateLimiter(per_minute) if limiter is None else limiter

    def channel_allowed(self, *candidates: str | None, private: bool = False) -> bool:
        """Private conversations (direct messages) always; channels per the allow-list."""
        return private or self.channels.allows(*candidates)

    def admit(self, user: str) -> Waiting | None:
        """None when ``user`` may ask now (the question is counted); else how to tell them."""
        if self.limiter.allow(user):
            return None
        seconds = max(1, math.ceil(self.limiter.retry_after(user)))
        notice = Notice(RATE_LIMITED_MESSAGE.format(seconds=seconds))
        return Waiting(notice, self.limiter.first_telling(user))

    def ask(self, call: Callable[[], Answer], question: str = "") -> Answer | Notice:
        """``call()``'s answer, or the notice to show instead: bad input says what was wrong,
        anything else is logged and the person gets an apology."""
        try:
            return call()
        except BadInputError as exc:
            return Notice(str(exc))
        except Exception:
            logger.exception("answering %r failed", question[:200])
            return Notice(APOLOGY_MESSAGE)
