"""What one scan leaves behind: the station's session, the result, the scan-log row.

Kept apart from :mod:`.scanning` (the rules of the hot path) so each stays short;
:mod:`.scanning` re-exports :class:`ScanSession` and :class:`ScanResult`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, FromClause, exists

from yinglou_desk.domain.states import Action, ScanOutcome, Station
from yinglou_desk.services.settings.workstation import this_workstation
from yinglou_desk.services.staff.operators import OperatorInfo
from yinglou_desk.storage.tables import scan_log

_INSERT_LOG = scan_log.insert()


@dataclass
class ScanSession:
    """One station at one PC with one operator: what every scan there shares.

    ``vendor_id`` is the vendor chosen for send-out (else each item's planned
    vendor). Send-out batches are opened per vendor on the first item sent.
    """

    station: Station
    operator: OperatorInfo
    workstation: str = field(default_factory=this_workstation)
    vendor_id: int | None = None
    batch_ids: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ScanResult:
    code: str
    outcome: ScanOutcome
    message: str
    message_key: str
    item_state: str | None = None
    order_no: str | None = None
    order_progress: str | None = None
    item_id: int | None = None
    order_id: int | None = None
    product: str | None = None
    at: datetime | None = None
    shelf_slot: str | None = None  # a check-in: the shelf slot the item goes to

    def to_json(self) -> dict[str, Any]:
        data = {
            "code": self.code,
            "outcome": self.outcome.value,
            "item_state": self.item_state,
            "order_no": self.order_no,
            "order_progress": self.order_progress,
            "message": self.message,
        }
        if self.shelf_slot is not None:
            data["shelf_slot"] = self.shelf_slot
        return data


def already_recorded(row: Any) -> ScanResult:
    """The result a journaled scan got the first time it reached the database."""
    return ScanResult(
        code=row.code,
        outcome=ScanOutcome(row.outcome),
        message=row.message,
        message_key="scan.already_recorded",
        item_state=row.to_state or row.from_state,
        order_no=row.order_no,
        order_progress=row.progress,
        item_id=row.item_id,
        order_id=row.order_id,
        at=row.at,
    )


class LogLine:
    """Writes the one scan-log row of a scan and builds its result."""

    def __init__(
        self,
        conn: Connection,
        session: ScanSession,
        action: Action,
        now: datetime,
        detail: str | None,
        client_ref: str | None = None,
    ) -> None:
        self._conn = conn
        self._session = session
        self._action = action
        self._now = now
        self._detail = detail
        self._client_ref = client_ref
        self._row: Any = None

    def item(self, row: Any) -> None:
        self._row = row

    def refused(self, code: str, key: str, text: str, item_state: str | None = None) -> ScanResult:
        return self.write(code, ScanOutcome.REFUSED, key, text, item_state=item_state)

    def write(
        self,
        code: str,
        outcome: ScanOutcome,
        key: str,
        text: str,
        *,
        from_state: str | None = None,
        item_state: str | None = None,
        order_progress: str | None = None,
        shelf_slot: str | None = None,
    ) -> ScanResult:
        row = self._row
        if row is not None:
            item_state = item_state or row.state
            order_progress = order_progress or row.progress
            from_state = from_state or row.state
        log_row(
            self._conn,
            self._session,
            at=self._now,
            action=self._action.value,
            code=code,
            outcome=outcome,
            item_id=row.id if row is not None else None,
            order_id=row.order_id if row is not None else None,
            from_state=from_state,
            to_state=item_state if outcome is ScanOutcome.ACCEPTED else None,
            message=text,
            detail=self._detail,
            client_ref=self._client_ref,
        )
        return ScanResult(
            code=code,
            outcome=outcome,
            message=text,
            message_key=key,
            item_state=item_state,
            order_no=row.order_no if row is not None else None,
            order_progress=order_progress,
            item_id=row.id if row is not None else None,
            order_id=row.order_id if row is not None else None,
            product=row.product if row is not None else None,
            at=self._now,
            shelf_slot=shelf_slot,
        )


def log_row(
    conn: Connection,
    session: ScanSession,
    *,
    at: datetime,
    action: str,
    code: str,
    outcome: ScanOutcome,
    item_id: int | None,
    order_id: int | None,
    from_state: str | None,
    to_state: str | None,
    message: str,
    detail: str | None = None,
    client_ref: str | None = None,
    reverses_id: int | None = None,
) -> None:
    """Append one scan-log row for this station session (scans, shelving, undo alike)."""
    conn.execute(
        _INSERT_LOG,
        {
            "at": at,
            "code": code,
            "item_id": item_id,
            "order_id": order_id,
            "station": session.station.value,
            "action": action,
            "operator_id": session.operator.id,
            "operator_name": session.operator.name,
            "workstation": session.workstation,
            "outcome": outcome.value,
            "from_state": from_state,
            "to_state": to_state,
            "message": message,
            "detail": detail,
            "client_ref": client_ref,
            "reverses_id": reverses_id,
        },
    )


def not_undone(log: FromClause = scan_log) -> ColumnElement[bool]:
    """True for a scan-log row no undo has taken back: a move that really stands.

    The log is append-only, so an undo is a row of its own pointing at the row
    it reverses (``reverses_id``); whoever counts moves (figures,
    reconciliation) must leave the reversed rows out. One index probe a row.
    """
    undo = scan_log.alias("undo")
    return ~exists().where(undo.c.reverses_id == log.c.id)
