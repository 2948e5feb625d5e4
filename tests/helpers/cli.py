"""Running the real ``yinglou-desk`` program as a separate process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from typing import Any


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    def json_lines(self) -> list[Any]:
        return [json.loads(line) for line in self.out.splitlines() if line.strip()]


def run_cli(
    *args: str,
    stdin: str | bytes | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 300,
) -> Run:
    """Run ``yinglou-desk ARGS`` and wait. ``stdin`` as text or as raw bytes (what a
    scanner or a pipe really sends); without it stdin is empty. The program runs in a
    session of its own, away from the terminal running the tests, so a password
    prompt fails at once instead of waiting for someone to type."""
    full_env = {k: v for k, v in os.environ.items() if k != "YINGLOU_PASSWORD"}
    full_env.update({"YINGLOU_LANG": "zh", **(env or {})})
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    done = subprocess.run(
        [sys.executable, "-m", "yinglou_desk", *args],
        input=data,
        stdin=subprocess.DEVNULL if data is None else None,
        capture_output=True,
        env=full_env,
        timeout=timeout,
        start_new_session=True,
    )
    out = done.stdout.decode("utf-8", errors="replace")
    err = done.stderr.decode("utf-8", errors="replace")
    return Run(done.returncode, out, err)
