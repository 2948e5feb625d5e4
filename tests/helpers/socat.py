"""A real pseudo-terminal pair from ``socat``: a serial cable the tests can unplug.

``scanner_end`` is where the test writes, as the scanner would; ``port``
is what the program opens. Killing socat removes both links and fails the
open port, just like pulling a USB-serial scanner; starting it again with
the same link names is plugging it back in.

Tests take theirs from the ``cable`` and ``make_cable`` fixtures (``tests/conftest.py``),
which pull every cable out at the end.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest


def _wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(what)
        time.sleep(0.02)


class PtyPair:
    def __init__(self, directory: Path) -> None:
        if shutil.which("socat") is None:
            pytest.skip("socat is not installed")
        self.port = str(directory / "scanner")
        self.scanner_end = str(directory / "wire")
        self._process: subprocess.Popen[bytes] | None = None

    def plug(self) -> None:
        self._process = subprocess.Popen(
            [
                "socat",
                f"pty,raw,echo=0,link={self.scanner_end}",
                f"pty,raw,echo=0,link={self.port}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait_for(
            lambda: os.path.exists(self.port) and os.path.exists(self.scanner_end),
            10,
            "socat did not create the pty links",
        )

    def unplug(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(10)
            self._process = None
        _wait_for(lambda: not os.path.exists(self.port), 10, "socat left its links behind")

    def send(self, data: bytes) -> None:
        """Write as the scanner does: the bytes land at the program's end of the cable."""
        fd = os.open(self.scanner_end, os.O_WRONLY | os.O_NOCTTY)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
        finally:
            os.close(fd)

    def close(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.wait(10)
            self._process = None
