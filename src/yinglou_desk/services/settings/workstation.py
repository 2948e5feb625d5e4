"""Which PC this is: recorded with every scan and every change."""

from __future__ import annotations

import os
import socket


def this_workstation() -> str:
    """``YINGLOU_WORKSTATION`` if set (several stations on one PC), else the host name."""
    return os.environ.get("YINGLOU_WORKSTATION") or socket.gethostname() or "pc"
