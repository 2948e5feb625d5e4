"""Keeping the desk's input in order while answers are still on their way from a worker.

Database calls run off the GUI thread, so a key pressed right after a scan can
reach the window before that scan's answer does. Whatever acts on "what is on
screen" — the operator a badge just logged in, the item a check-in just showed
— goes through an :class:`AnswerGate`: it runs at once when nothing is in
flight, else after every pending answer has arrived, in the order it came.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable


class AnswerGate:
    """A count of answers in flight and the actions waiting for them."""

    def __init__(self) -> None:
        self._pending = 0
        self._waiting: deque[Callable[[], None]] = deque()

    def expect(self) -> None:
        """A question went to a worker; what it will show is not on screen yet."""
        self._pending += 1

    def answered(self) -> None:
        """One answer is on screen (an answer nobody counted leaves the count at zero)."""
        self._pending = max(0, self._pending - 1)
        self._run_waiting()

    def after(self, action: Callable[[], None]) -> None:
        """Run ``action`` now, or once nothing is in flight; waiting actions keep their order.

        An action that asks a new question (a badge scanned among held scans)
        makes the ones behind it wait for that answer too.
        """
        self._waiting.append(action)
        self._run_waiting()

    def _run_waiting(self) -> None:
        while self._waiting and not self._pending:
            self._waiting.popleft()()
