"""Asking fontconfig (``fc-list``) which fonts this PC has, for the label printer's font
and for the self-check's "is there a Chinese font" line.

Where fontconfig is missing (Windows, a bare container) the answer is "none known",
never an error: the callers then look in the fonts folders they know.
"""

from __future__ import annotations

import shutil
import subprocess


def fc_list(pattern: str, element: str) -> list[str]:
    """The non-empty lines of ``fc-list PATTERN ELEMENT``, stripped; empty without fontconfig."""
    program = shutil.which("fc-list")
    if program is None:
        return []
    try:
        out = subprocess.run(
            [program, pattern, element], capture_output=True, text=True, timeout=10
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [line.strip() for line in out.splitlines() if line.strip()]
