"""The desk started without a console: the Windows Start-menu program and ``yinglou-desk-gui``.

A windowed program on Windows has no stdout or stderr at all (``sys.stdout is
None``): the first ``print`` — a warning, Qt's own messages, the crash report's
one line — would raise and take the desk down. So before anything runs, missing
streams are pointed at ``desk.log`` in the user's log folder (beside
``errors.log``, :mod:`yinglou_desk.cli.crash`), where the studio's IT person finds
them. Where the streams exist (Linux, a console) nothing changes.

A desk that cannot start (the database unreachable, PostgreSQL's driver missing, a
restore under way) says why in one line on stderr — which, without a console, nobody
reads: the shortcut was double-clicked and nothing happened. So that line is also shown
in a message box, with where the log is and the self-check to run.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO, cast

from yinglou_desk import catalogue

LOG_NAME = "desk.log"
_KEEP_BYTES = 1_000_000  # a log past this starts again: nobody reads megabytes


def desk_log_path() -> Path:
    from yinglou_desk.cli.crash import crash_log_path

    return crash_log_path().with_name(LOG_NAME)


def _open_log() -> TextIO:
    """The log, appended to (started afresh when large); the null device if it cannot be."""
    path = desk_log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = "w" if path.is_file() and path.stat().st_size > _KEEP_BYTES else "a"
        return cast(
            TextIO, path.open(mode, encoding="utf-8", errors="backslashreplace", buffering=1)
        )
    except OSError:
        # kept open for the life of the process
        return cast(TextIO, open(os.devnull, "w", encoding="utf-8"))


def give_missing_streams_a_log() -> bool:
    """Point a missing stdout/stderr at the log; True if one was missing."""
    if sys.stdout is not None and sys.stderr is not None:
        return False
    log = _open_log()
    if sys.stdout is None:
        sys.stdout = log
    if sys.stderr is None:
        sys.stderr = log
    with contextlib.suppress(OSError, ValueError):
        # faulthandler and C-level writes (Qt's messages) go to the descriptors
        fd = log.fileno()
        for stream_fd in (1, 2):
            try:
                os.fstat(stream_fd)
            except OSError:
                os.dup2(fd, stream_fd)
    return True


class _Remembering:
    """The log as stderr, remembering what the run said there (its last words)."""

    def __init__(self, log: TextIO) -> None:
        self._log = log
        self.said: list[str] = []

    def write(self, text: str) -> int:
        self.said.append(text)
        del self.said[:-20]
        return self._log.write(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self._log, name)


def gui_main(argv: Sequence[str] | None = None, tell: Callable[[str], None] | None = None) -> int:
    """``yinglou-desk`` without a console: the same commands, output into the log, and a
    start that fails told in a message box (``tell``; a test passes its own)."""
    remembering: _Remembering | None = None
    if give_missing_streams_a_log():
        remembering = _Remembering(cast(TextIO, sys.stderr))
        sys.stderr = cast(TextIO, remembering)
    from yinglou_desk.cli import main

    code = main(argv)
    if code != 0 and remembering is not None and "".join(remembering.said).strip():
        message = catalogue.text(
            "cli.desk_could_not_start",
            said="".join(remembering.said).strip(),
            log=desk_log_path(),
        )
        if tell is None:
            from yinglou_desk.ui.start_failure import show_start_failure

            tell = show_start_failure
        tell(message)
    return code
