"""The real desk on a real X server with a real window manager, driven by real key events.

Bare Xvfb has no window manager: focus after a dialog, window placement and the
frame a studio's screen gives the window all differ from a real desktop, and a
test there can pass while the desk misbehaves. So :func:`x_display` starts Xvfb
*and* openbox at a studio monitor's size (1366×768 unless asked otherwise).

:class:`RunningDesk` starts :mod:`tests.helpers.desk_probe` — the desk window as
``yinglou-desk gui`` builds it, plus a line protocol on stdin/stdout that lets
the test ask what the window shows (pages, tables, the result panel, its
geometry) — and sends keys with ``xdotool``: a badge or a label typed 5 ms a key
ending with Enter is exactly what a keyboard-wedge scanner does.
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
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import pytest

NEEDS_X = pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("xdotool") and shutil.which("openbox")),
    reason="needs Xvfb, xdotool and openbox",
)


def _xdotool_env(env: dict[str, str], *args: str, timeout: float = 60) -> str:
    done = subprocess.run(
        ["xdotool", *args], env=env, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@contextmanager
def x_display(
    width: int = 1366,
    height: int = 768,
    window_manager: bool = True,
    base: dict[str, str] | None = None,
) -> Iterator[dict[str, str]]:
    """Xvfb of ``width``×``height`` with openbox running (``window_manager=False``: the bare
    server, as a kiosk PC without a desktop); yields the environment for it, made from
    ``base`` (default: this process's own)."""
    # -displayfd: the server picks a free display itself and says which once it is ready
    # (two tests choosing a number by looking at /tmp/.X*-lock could both take the same);
    # -noreset: without it the server resets when its last client leaves, and openbox,
    # connecting just then, cannot open the display
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write_end),
            "-screen",
            "0",
            f"{width}x{height}x24",
            "-nolisten",
            "tcp",
            "-noreset",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(write_end,),
    )
    os.close(write_end)
    with os.fdopen(read_end) as said:
        number = said.readline().strip()
    if not number.isdigit():
        server.kill()
        server.wait(10)
        pytest.fail("Xvfb did not start")
    env = {
        **(os.environ if base is None else base),
        "DISPLAY": f":{number}",
        "QT_QPA_PLATFORM": "xcb",
    }
    deadline = time.monotonic() + 20
    if not window_manager:
        try:
            yield env
        finally:
            server.terminate()
            server.wait(10)
        return
    manager = subprocess.Popen(
        ["openbox", "--sm-disable"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    # openbox is up once it owns the screen's window-manager check window
    while (
        "window id"
        not in subprocess.run(
            ["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], env=env, capture_output=True, text=True
        ).stdout
    ):
        if time.monotonic() > deadline or manager.poll() is not None:
            manager.kill()
            server.kill()
            pytest.fail("openbox did not start: " + manager.communicate()[1])
        time.sleep(0.1)
    try:
        yield env
    finally:
        manager.terminate()
        manager.communicate(timeout=10)
        server.terminate()
        server.wait(10)


class RunningDesk:
    """The desk window in its own process; ask it what it shows, type at it like a scanner."""

    def __init__(self, env: dict[str, str], url: str, *args: str) -> None:
        self.env = env
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.helpers.desk_probe", "--db", url, *args],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).resolve().parents[2],
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.errors: list[str] = []
        self._readers = [
            threading.Thread(target=self._read, daemon=True),
            threading.Thread(target=self._read_errors, daemon=True),
        ]
        for reader in self._readers:
            reader.start()
        ready = self._answer(timeout=60)
        assert ready.get("ready"), ready
        self.window = str(ready["window"])

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)

    def _read_errors(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.errors.append(line)

    def _answer(self, timeout: float = 30) -> dict[str, Any]:
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            pytest.fail("the desk did not answer; it said:\n" + "".join(self.errors[-40:]))
        return json.loads(line)  # type: ignore[no-any-return]

    def ask(self, command: str, *args: str) -> dict[str, Any]:
        """``state`` (what the window shows), ``grab PATH``, ``idle`` (every job done)."""
        assert self.process.stdin is not None
        self.process.stdin.write(" ".join([command, *args]) + "\n")
        self.process.stdin.flush()
        return self._answer()

    def state(self) -> dict[str, Any]:
        """Once the window's workers are idle: see :func:`tests.helpers.desk_probe.describe`."""
        self.ask("idle")
        return self.ask("state")

    def xdotool(self, *args: str) -> str:
        return _xdotool_env(self.env, *args)

    def scan(self, code: str) -> None:
        """A keyboard-wedge scanner: the code and Enter, 5 ms a key, wherever focus is."""
        self.xdotool("type", "--delay", "5", code + "\n")

    def key(self, *keys: str) -> None:
        self.xdotool("key", "--delay", "60", *keys)

    def wait_for(
        self, predicate: Callable[[dict[str, Any]], bool], what: str, timeout: float = 30
    ) -> dict[str, Any]:
        """Poll the window's state until ``predicate(state)`` holds; fail saying what it showed."""
        deadline = time.monotonic() + timeout
        while True:
            seen = self.state()
            if predicate(seen):
                return seen
            if time.monotonic() > deadline:
                pytest.fail(f"timed out waiting for {what}; the window showed:\n{seen}")
            time.sleep(0.2)

    def close(self) -> str:
        """Quit the window; what it printed on stderr (a traceback fails the test)."""
        assert self.process.stdin is not None
        with suppress(BrokenPipeError):
            self.process.stdin.close()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for reader in self._readers:  # they end at the streams' end
            reader.join(10)
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()
        said = "".join(self.errors)
        assert "Traceback" not in said, said
        return said


@contextmanager
def running_desk(env: dict[str, str], url: str, *args: str) -> Iterator[RunningDesk]:
    desk = RunningDesk(env, url, *args)
    try:
        yield desk
    finally:
        desk.close()
