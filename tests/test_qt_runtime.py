"""Guards for the Qt we run on (see the PySide6 pin in pyproject.toml)."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    ping = Signal(int)


@pytest.mark.usefixtures("qapp")
def test_emitting_a_signal_does_not_leak_references_to_true() -> None:
    """PySide6 6.12.0 stole a reference to True per emit() until the interpreter aborted."""
    emitter = _Emitter()
    received: list[int] = []
    emitter.ping.connect(received.append)
    before = sys.getrefcount(True)
    for n in range(200):
        emitter.ping.emit(n)
    assert len(received) == 200
    assert sys.getrefcount(True) - before > -50
