"""The audit log: every change that is not a scan records who, when and on which PC."""

from __future__ import annotations

import getpass
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from yinglou_desk.domain.roles import Role
from yinglou_desk.services.settings.workstation import this_workstation
from yinglou_desk.storage.tables import audit_log


def command_line_user() -> str:
    """Who is acting when the command line is used without ``--operator``."""
    try:
        return f"{getpass.getuser()}@cli"
    except (KeyError, OSError):
        return "cli"


@dataclass(frozen=True)
class CommandLineActor:
    """The command line acting with the database's own authority (no operator named).

    Whoever can run the program against the database can also open the
    database file or server directly, so the commands scripts use (import,
    vendors, labels, exports, due lists…) act as this stand-in, recorded in the
    audit log as ``<OS user>@cli``. It is deliberately *not* an operator
    account: once an admin exists, staff accounts refuse it
    (:mod:`~yinglou_desk.services.staff.operators`), and the commands on customer data,
    settings and restore never use it — they act for an operator who proved who
    they are (see docs/SECURITY.md).
    """

    name: str
    role: Role = Role.ADMIN


def command_line_actor() -> CommandLineActor:
    """The explicit actor of a command that acts with the database's authority."""
    return CommandLineActor(command_line_user())


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
