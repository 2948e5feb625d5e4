"""A second process that has the database open: a desk window, a bare hold, a restore's claim.

Each child prints one line when it holds what it holds and then waits for a
line on stdin (or EOF) before it lets go, so a test knows exactly when the
database is held and when it is free: pipes, never sleeps.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import textwrap
import threading

WAIT_S = 120.0  # generous: the machine is shared; nothing here asserts a duration

HOLD = textwrap.dedent(
    """
    import sys
    from yinglou_desk.storage.in_use import hold_database

    with hold_database(sys.argv[1], sys.argv[2], sys.argv[3]):
        print("held", flush=True)
        sys.stdin.readline()
    print("released", flush=True)
    """
)

CLAIM = textwrap.dedent(
    """
    import sys
    from yinglou_desk.storage.in_use import claim_database

    with claim_database(sys.argv[1], sys.argv[2]):
        print("held", flush=True)
        sys.stdin.readline()
    print("released", flush=True)
    """
)

# The real desk: ``ui.app.run`` with its window, on the offscreen platform.
DESK = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from yinglou_desk.storage.engine import make_engine
    from yinglou_desk.ui.app import make_application, run

    engine = make_engine(sys.argv[1])
    app = make_application([])

    def window_up():
        print("held", flush=True)
        sys.stdin.readline()
        app.quit()

    QTimer.singleShot(0, window_up)
    code = run(engine)
    engine.dispose()
    print("released", flush=True)
    sys.stdout.flush()
    import os
    os._exit(code)
    """
)


class Child:
    """``python -c SCRIPT ARGS...`` with its stdout read line by line."""

    def __init__(self, script: str, *args: str, env: dict[str, str] | None = None) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", script, *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env={**os.environ, **(env or {})},
        )
        self.pid = self.process.pid
        self._lines: queue.Queue[str] = queue.Queue()
        self.stderr: list[str] = []
        self._readers = [
            threading.Thread(target=self._read, daemon=True),
            threading.Thread(target=self._read_stderr, daemon=True),
        ]
        for reader in self._readers:
            reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.put(line.strip())
        self._lines.put("<eof>")

    def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.stderr.append(line.rstrip("\n"))

    def expect(self, word: str) -> None:
        try:
            line = self._lines.get(timeout=WAIT_S)
        except queue.Empty:
            line = "<nothing>"
        if line != word:
            self.kill()
            raise AssertionError(
                f"expected {word!r} from the child, got {line!r}; stderr: {self.stderr}"
            )

    def let_go(self) -> int:
        """Tell the child to release and wait for it to end."""
        assert self.process.stdin is not None
        self.process.stdin.write("\n")
        self.process.stdin.flush()
        self.expect("released")
        return self.process.wait(WAIT_S)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(WAIT_S)
        for reader in self._readers:
            reader.join(WAIT_S)
        for pipe in (self.process.stdin, self.process.stdout, self.process.stderr):
            if pipe is not None:
                pipe.close()
