"""Answers that arrive after the operator changed are dropped.

A page asks a worker for something (the staff list, a test SMS) and the answer
comes back later; if another person logged in meanwhile, that answer belongs to
the previous person and must not reach the screen of the next one. A page keeps
one :class:`SessionGuard`, calls :meth:`SessionGuard.next_session` whenever the
operator changes, and wraps each callback in :meth:`SessionGuard.still`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class SessionGuard:
    def __init__(self) -> None:
        self._session = 0  # counts operator changes

    def next_session(self) -> None:
        """The operator changed: whatever was asked before is no longer theirs to see."""
        self._session += 1

    def still(self, callback: Callable[[Any], None]) -> Callable[[Any], None]:
        """``callback`` if the operator who started the work is still the one logged in;
        otherwise the answer is dropped."""
        session = self._session

        def deliver(value: Any) -> None:
            if session == self._session:
                callback(value)

        return deliver
