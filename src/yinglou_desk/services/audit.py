"""The audit log: every change that is not a scan records who, when and on which PC."""

from __future__ import annotations

import getpass
import json
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from ..storage.tables import audit_log
from .workstation import this_workstation


def command_line_user() -> str:
    """Who is acting when the command line is used without ``--operator``."""
    try:
        return f"{getpass.getuser()}@cli"
    except (KeyError, OSError):
        return "cli"


def record(
    conn: Connection,
    now: datetime,
    operator: str,
    action: str,
    subject: str,
    detail: dict[str, Any] | str | None = None,
) -> None:
    """Append one line in the caller's transaction, so it commits with the change itself."""
    text = (
        json.dumps(detail, ensure_ascii=False, default=str) if isinstance(detail, dict) else detail
    )
    conn.execute(
        audit_log.insert().values(
            at=now,
            operator_name=operator[:64],
            workstation=this_workstation()[:64],
            action=action,
            subject=subject[:200],
            detail=text,
        )
    )
