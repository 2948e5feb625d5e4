"""How the CLI talks: results on stdout (JSON when asked), messages on stderr."""

from __future__ import annotations

import json
import sys
from typing import Any


class CliError(Exception):
    """A failure to report to the user in plain words, with the exit code to use."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def fail(message: str, exit_code: int = 1) -> int:
    print(f"yinglou-desk: {message}", file=sys.stderr)
    return exit_code


def say(message: str) -> None:
    print(message, file=sys.stderr)


def emit_json(data: Any, *, line: bool = False) -> None:
    """One JSON document, or one compact object per line (``line=True``), flushed."""
    text = json.dumps(
        data,
        ensure_ascii=False,
        separators=(",", ":") if line else None,
        indent=None if line else 2,
        default=str,
    )
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def emit(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()
