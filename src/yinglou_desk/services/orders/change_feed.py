"""The change feed: what other PCs of the studio did since this desk last looked.

Every desk of a studio (one PostgreSQL database, several PCs) watches the two
append-only logs: a scan-log row written by another PC means its order moved;
an audit-log row of a correction, an import or an erasure written elsewhere
means anything on screen may be stale. One look reads at most 2000 rows per
log, so a PC that was away catches up over a few looks instead of in one
long query.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, Table, func, select

from yinglou_desk.storage.errors import environment_errors
from yinglou_desk.storage.tables import audit_log, scan_log

# Changes that are not scans but change what the screens show (see services.audit).
SHOWN_RECORDS = ("order.correct", "orders.import", "customer.erase")
_LOOK_LIMIT = 2000


@dataclass(frozen=True)
class FeedPosition:
    """How far this desk has read each log."""

    scan_id: int
    record_id: int


@dataclass(frozen=True)
class FeedLook:
    """One look: the new position, the orders other PCs scanned, and whether another PC
    corrected, imported or erased something (then everything may have changed)."""

    position: FeedPosition
    orders: frozenset[int] = field(default_factory=frozenset)
    records_changed: bool = False


def look(engine: Engine, since: FeedPosition | None, workstation: str) -> FeedLook:
    """What changed elsewhere after ``since`` (None: the first look, which only finds the
    starting point)."""
    with environment_errors(), engine.connect() as conn:
        if since is None:
            return FeedLook(FeedPosition(_latest_id(conn, scan_log), _latest_id(conn, audit_log)))
        scans = _rows_after(conn, scan_log, since.scan_id, scan_log.c.order_id)
        records = _rows_after(conn, audit_log, since.record_id, audit_log.c.action)
    orders = frozenset(
        r.order_id for r in scans if r.workstation != workstation and r.order_id is not None
    )
    shown = any(r.action in SHOWN_RECORDS and r.workstation != workstation for r in records)
    position = FeedPosition(
        scans[-1].id if scans else since.scan_id, records[-1].id if records else since.record_id
    )
    return FeedLook(position, orders, shown)


def _latest_id(conn: Connection, log: Table) -> int:
    return int(conn.execute(select(func.coalesce(func.max(log.c.id), 0))).scalar_one())


def _rows_after(conn: Connection, log: Table, last_id: int, column: Any) -> list[Any]:
    """A log's rows after ``last_id`` (id, workstation and ``column``), oldest first, at
    most ``_LOOK_LIMIT`` a look."""
    return list(
        conn.execute(
            select(log.c.id, log.c.workstation, column)
            .where(log.c.id > last_id)
            .order_by(log.c.id)
            .limit(_LOOK_LIMIT)
        )
    )
