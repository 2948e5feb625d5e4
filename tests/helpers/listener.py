"""The real ``yinglou-desk listen`` as a process, with its output read line by line."""

from __future__ import annotations

import json
import queue
import signal
import subprocess
import sys
import threading
import time

WAIT_S = 60.0  # generous: the machine is shared, and nothing here asserts a duration


class Listener:
    def __init__(
        self,
        db_url: str,
        port: str,
        station: str,
        operator: str = "小李",
        journal: str | None = None,
    ) -> None:
        self.journal = journal or port + ".journal.jsonl"  # beside the pty, not in $HOME
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "yinglou_desk",
                "--db",
                db_url,
                "listen",
                "--serial",
                port,
                "--station",
                station,
                "--operator",
                operator,
                "--json",
                "--journal",
                self.journal,
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        self._stdout: queue.Queue[str] = queue.Queue()
        self.stderr: list[str] = []
        self._stderr_seen = threading.Condition()
        self._pumps = [
            threading.Thread(target=self._pump_stdout, daemon=True),
            threading.Thread(target=self._pump_stderr, daemon=True),
        ]
        for pump in self._pumps:
            pump.start()

    def _pump_stdout(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._stdout.put(line)

    def _pump_stderr(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            with self._stderr_seen:
                self.stderr.append(line.rstrip("\n"))
                self._stderr_seen.notify_all()

    def scans(self, count: int, timeout: float = WAIT_S) -> list[dict]:
        """The next ``count`` JSON lines; fails with what stderr said if they do not come."""
        out = []
        deadline = time.monotonic() + timeout
        while len(out) < count:
            try:
                line = self._stdout.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(
                    f"got {len(out)} of {count} scans; stderr: {self.stderr}"
                ) from None
            out.append(json.loads(line))
        return out

    def no_more_scans(self) -> list[str]:
        return list(self._stdout.queue)

    def wait_stderr(self, needle: str, occurrences: int = 1, timeout: float = WAIT_S) -> None:
        with self._stderr_seen:
            ok = self._stderr_seen.wait_for(
                lambda: (
                    sum(needle in line for line in self.stderr) >= occurrences
                    or self.process.poll() is not None
                ),
                timeout,
            )
            count = sum(needle in line for line in self.stderr)
        if not ok or count < occurrences:
            raise AssertionError(f"{needle!r} x{occurrences} not on stderr: {self.stderr}")

    def stop(self, sig: int = signal.SIGINT) -> int:
        self.process.send_signal(sig)
        return self.process.wait(WAIT_S)

    def kill(self) -> None:
        """End the process if still running and close its pipes (after they are read out)."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(WAIT_S)
        for pump in self._pumps:
            pump.join(WAIT_S)
        for pipe in (self.process.stdout, self.process.stderr):
            if pipe is not None:
                pipe.close()
