"""Helpers for the smoke test: the frozen programs, a studio's folders (the X display
with its window manager is the house's own, ``tests/helpers/xdesk.py``).

Nothing here imports the program: what is tested is the built folder alone
(``YINGLOU_FROZEN_DIST``, default ``dist/yinglou-desk``), run as a studio runs it,
with its own home and data folders so nothing of this machine's leaks in.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DIST = Path(os.environ.get("YINGLOU_FROZEN_DIST", ROOT / "dist" / "yinglou-desk")).resolve()
WINDOWS = sys.platform.startswith("win")


def program(name: str) -> Path:
    return DIST / (f"{name}.exe" if WINDOWS else name)


def source_version() -> str:
    text = (ROOT / "src" / "yinglou_desk" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    assert found is not None
    return found.group(1)


def head_revision() -> str:
    """The newest migration: the one no other names as its ``down_revision``."""
    revisions: dict[str, str | None] = {}
    for path in (ROOT / "migrations" / "versions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        rev = re.search(r'^revision[^=]*= "([^"]+)"', text, re.MULTILINE)
        down = re.search(r'^down_revision[^=]*= "([^"]+)"', text, re.MULTILINE)
        assert rev is not None, path
        revisions[rev.group(1)] = down.group(1) if down else None
    heads = set(revisions) - {d for d in revisions.values() if d}
    assert len(heads) == 1, heads
    return heads.pop()


@dataclass
class Studio:
    """A studio PC's folders: home, data, config and logs all under ``root``."""

    root: Path

    @property
    def env(self) -> dict[str, str]:
        home = self.root / "home"
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("YINGLOU_", "XDG_", "PYTHON", "QT_"))
        }
        env.update(
            HOME=str(home),
            XDG_DATA_HOME=str(home / ".local" / "share"),
            XDG_CONFIG_HOME=str(home / ".config"),
            XDG_STATE_HOME=str(home / ".local" / "state"),
            XDG_CACHE_HOME=str(home / ".cache"),
            LANG="C.UTF-8",
            YINGLOU_LANG="zh",
            YINGLOU_PHONE_TLS_DIR=str(self.root / "tls"),
            YINGLOU_PHONE_ADDRESSES="127.0.0.1",
        )
        env.pop("LD_LIBRARY_PATH", None)  # the frozen folder brings its own libraries
        return env

    def run(
        self, *args: str, stdin: str | None = None, timeout: float = 300
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(program("yinglou-desk-cli")), *args],
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=self.root,
        )


def query(db: Path, sql: str, *params: object) -> list[tuple]:  # type: ignore[type-arg]
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as connection:
        return connection.execute(sql, params).fetchall()


def wait_until(condition, what: str, timeout: float = 60, every: float = 0.3):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while True:
        found = condition()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(every)


def xdotool(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, (args, done.stderr)
    return done.stdout.strip()
