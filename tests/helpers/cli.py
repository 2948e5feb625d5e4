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
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None, timeout: float = 300
) -> Run:
    full_env = {**os.environ, "YINGLOU_LANG": "zh", **(env or {})}
    done = subprocess.run(
        [sys.executable, "-m", "yinglou_desk", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
    )
    return Run(done.returncode, done.stdout, done.stderr)
