"""Per-user sliding-window rate limit shared by the chat adapters."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable


class RateLimiter:
    """Allows at most ``per_minute`` questions per user in any 60-second window (0 = no limit)."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._seen: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def allow(self, user: str) -> bool:
        if self.per_minute <= 0:
            return True
        now = self._clock()
        with self._lock:
            window = self._seen[user]
            while window and now - window[0] >= 60.0:
                window.popleft()
            if len(window) >= self.per_minute:
                return False
            window.append(now)
            return True

    def retry_after(self, user: str) -> float:
        """Seconds until ``user`` may ask again (0 when allowed now)."""
        with self._lock:
            window = self._seen.get(user)
            if not window or len(window) < self.per_minute:
                return 0.0
            return max(0.0, 60.0 - (self._clock() - window[0]))


RATE_LIMITED_MESSAGE = (
    "You're asking faster than I can keep up with — please wait about {seconds} seconds "
    "and ask again."
)
NOTHING_FOUND_MESSAGE = "Nothing in the corpus about that."
APOLOGY_MESSAGE = "Sorry — something went wrong while answering. Please try again in a moment."
