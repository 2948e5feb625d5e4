"""Slowing down guessing: how many failed log-ins one address may make.

A badge is 64 random bits and a password check is slow, but a phone page on the
studio's Wi-Fi is open to every device there, so failed log-ins from one address are
counted in a sliding window; past ``MAX_FAILURES`` that address waits. (The account
lock of :mod:`~yinglou_desk.services.staff.auth` still applies per operator.)
Kept in memory: a restart forgets, which is harmless at these numbers.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

MAX_FAILURES = 10
WINDOW_S = 300.0


class LoginLimiter:
    def __init__(
        self,
        max_failures: int = MAX_FAILURES,
        window_s: float = WINDOW_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._max = max_failures
        self._window = window_s
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def wait_s(self, address: str) -> int:
        """Seconds this address must wait before its next try (0: it may try now)."""
        with self._lock:
            recent = self._recent(address)
            if len(recent) < self._max:
                return 0
            return max(1, int(recent[0] + self._window - self._clock()) + 1)

    def failed(self, address: str) -> None:
        with self._lock:
            self._recent(address).append(self._clock())

    def succeeded(self, address: str) -> None:
        with self._lock:
            self._failures.pop(address, None)

    def _recent(self, address: str) -> deque[float]:
        recent = self._failures.setdefault(address, deque())
        horizon = self._clock() - self._window
        while recent and recent[0] <= horizon:
            recent.popleft()
        return recent
