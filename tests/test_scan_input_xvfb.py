"""The wedge filter on a real X server: ``xdotool`` types codes at scanner speed.

Xvfb + xcb deliver key events the way a USB wedge scanner's do (through the
window, then the focused field, with Shift presses for capitals), unlike
QTest. The program under test is ``tests/helpers/wedge_window.py``: the real
filter, scan queue and scan service in a small window — the desk window of
issue 4 does not wire them yet, so this is not yet ``yinglou-desk gui``.
The database is checked afterwards, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time

import pytest
from sqlalchemy import select

from yinglou_desk.storage.models import Item, ScanLog

from .helpers.studio import make_studio

pytestmark = pytest.mark.slow

WAIT_S = 60.0
SCANNER_DELAY_MS = "2"  # xdotool's pause between keys: a wedge scanner's pace
HUMAN_DELAY_MS = "300"  # xdotool splits it between press and release: 150 ms a key


@pytest.fixture(scope="module")
def display():
    if not (shutil.which("Xvfb") and shutil.which("xdotool")):
        pytest.skip("Xvfb and xdotool are needed")
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "800x600x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as numbers:
        number = numbers.readline().strip()
    try:
        yield f":{number}"
    finally:
        xvfb.terminate()
        xvfb.wait(WAIT_S)


class WedgeWindow:
    def __init__(self, display: str, db_url: str) -> None:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        self.display = display
        self.process = subprocess.Popen(
            [
                *(sys.executable, "-m", "tests.helpers.wedge_window", "--db", db_url),
                *("--station", "send-out", "--operator", "小李"),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=env,
        )
        self.lines: queue.Queue[dict] = queue.Queue()
        self.seen: list[dict] = []
        self._pump = threading.Thread(target=self._read, daemon=True)
        self._pump.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(json.loads(line))

    def wait_for(self, predicate, what: str) -> None:
        deadline = time.monotonic() + WAIT_S
        while not predicate(self.seen):
            try:
                self.seen.append(self.lines.get(timeout=max(0.0, deadline - time.monotonic())))
            except queue.Empty:
                raise AssertionError(f"no {what}; saw {self.seen}") from None

    def xdotool(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], check=True, env={**os.environ, "DISPLAY": self.display})

    def close(self) -> tuple[int, str]:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()  # the program quits on EOF
            try:
                self.process.wait(WAIT_S)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(WAIT_S)
        self._pump.join(WAIT_S)
        assert self.process.stderr is not None
        errors = self.process.stderr.read()
        for pipe in (self.process.stdout, self.process.stderr):
            if pipe is not None:
                pipe.close()
        return self.process.returncode, errors


def _scans(seen: list[dict]) -> list[dict]:
    return [line["scan"] for line in seen if "scan" in line]


def _texts(seen: list[dict]) -> list[str]:
    return [line["text"] for line in seen if "text" in line]


def test_xdotool_typing_at_scanner_speed_is_scanned_and_typing_is_kept(display, engine, clock):
    studio = make_studio(engine, clock)
    studio.add_order("X001", ["700000000001", "700000000002", "SB-CODE-3"])
    window = WedgeWindow(display, str(engine.url.render_as_string(hide_password=False)))
    try:
        window.wait_for(lambda seen: {"ready": True} in seen, "ready")
        # scanner ending with Linefeed, then one ending with Return, capitals with Shift;
        # repeated digits: X11 marks some of those presses auto-repeat (a bug once)
        window.xdotool("type", "--delay", SCANNER_DELAY_MS, "700000000001\n")
        window.xdotool("key", "--delay", SCANNER_DELAY_MS, *"700000000002", "Return")
        window.xdotool("type", "--delay", SCANNER_DELAY_MS, "sb-code-3\n")
        window.wait_for(lambda seen: len(_scans(seen)) == 3, "three scans")
        window.xdotool("type", "--delay", HUMAN_DELAY_MS, "zhang")
        window.wait_for(lambda seen: "zhang" in _texts(seen), "typed text")
    finally:
        code, errors = window.close()
    assert code == 0, errors

    scans = _scans(window.seen)
    assert [s["code"] for s in scans] == ["700000000001", "700000000002", "SB-CODE-3"]
    assert [s["outcome"] for s in scans] == ["accepted"] * 3
    # the field only ever held what the person typed: no scan left a character behind
    assert _texts(window.seen) == ["z", "zh", "zha", "zhan", "zhang"]
    with engine.connect() as conn:
        states = dict(conn.execute(select(Item.code, Item.state)).all())
        logged = list(conn.execute(select(ScanLog.code).order_by(ScanLog.id)).scalars())
    assert logged == ["700000000001", "700000000002", "SB-CODE-3"]
    assert set(states.values()) == {"sent_out"}
