"""The last resort: an error nobody foresaw is one clear line, never a traceback.

Staff are not meant to read tracebacks, and a traceback may quote a SQL
statement with its values. So :func:`report_crash` writes the details to a
log file in the user's log directory and prints one line saying where they
are; the exit code (:data:`CRASHED`) tells scripts it was our bug, not theirs.
This is a safety net: each failure a user can cause has its own message.

A closed stdout (``show … | head``) is no error at all: :func:`broken_pipe`
points stdout at the null device so nothing more is written, and exits the
way a Unix tool killed by SIGPIPE does.
"""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
from datetime import datetime
from pathlib import Path

from yinglou_desk import catalogue

CRASHED = 70  # EX_SOFTWARE: an internal error
BROKEN_PIPE = 141  # 128 + SIGPIPE, as a shell reports a reader that went away


def crash_log_path() -> Path:
    from platformdirs import user_log_dir

    return Path(user_log_dir("yinglou-desk", appauthor=False)) / "errors.log"


def report_crash(error: BaseException, command: str) -> int:
    """Log ``error`` with its traceback, print one line, return :data:`CRASHED`."""
    path = crash_log_path()
    details = "".join(traceback.format_exception(error))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {datetime.now().astimezone().isoformat()} {command}\n{details}\n")
        where = str(path)
    except OSError as log_error:
        where = f"{path} ({log_error.strerror or log_error})"
    summary = (str(error).strip().splitlines() or [""])[0][:200]
    shown = f"{type(error).__name__}: {summary}" if summary else type(error).__name__
    _say(catalogue.text("cli.internal_error", error=shown, log=where))
    return CRASHED


def broken_pipe() -> int:
    """The reader of stdout went away: stop quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return BROKEN_PIPE


def _say(line: str) -> None:
    with contextlib.suppress(OSError, ValueError):  # no stderr even: the log file has it
        print(f"yinglou-desk: {line}", file=sys.stderr)
