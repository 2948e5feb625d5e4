"""Undo the last scan of a station: a mistake corrected by a new event, never by erasing one.

The scan log is append-only, so an undo does not touch the row it reverses;
it writes its own row (``action='undo'``, ``reverses_id`` points at the reversed row)
and moves the item back with the same conditional update as a scan, so an
item another PC moved in the meantime is left alone and the undo is refused.
Only the latest accepted event of this station at this PC can be undone, and
only within a short window: after that the normal actions (rework, cancel)
are the honest way back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, select

from yinglou_desk import catalogue
from yinglou_desk.domain.roles import may, permission_for
from yinglou_desk.domain.states import Action, ItemState, ScanOutcome
from yinglou_desk.services.clock import Clock, utc_now
from yinglou_desk.services.scanning.order_status import refresh_order
from yinglou_desk.services.scanning.records import log_row
from yinglou_desk.services.scanning.service import ScanSession
from yinglou_desk.services.scanning.shelving import ShelvingError, claim_slot, release_slot
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.storage.errors import environment_errors
from yinglou_desk.storage.tables import items, scan_log

UNDO_ACTION = "undo"
DEFAULT_UNDO_WINDOW_S = 120.0

# What each action set on the item, and how to take it back.
_REVERT_COLUMNS: dict[Action, dict[str, Any]] = {
    Action.SEND_OUT: {"sent_at": None, "expected_return": None, "batch_id": None},
    Action.CHECK_IN: {"returned_at": None, "shelf_slot": None},
    Action.PICK_UP: {"picked_up_at": None},
    Action.FLAG_REWORK: {"rework_count": items.c.rework_count - 1},
}


@dataclass(frozen=True)
class UndoResult:
    """What the undo did; ``message`` says it, ``message_key`` names it in the catalogue."""

    ok: bool
    message: str
    code: str | None = None
    order_id: int | None = None
    item_state: str | None = None
    undone_log_id: int | None = None
    message_key: str = ""


def _refused(
    key: str, code: str | None = None, order_id: int | None = None, **params: object
) -> UndoResult:
    return UndoResult(
        False, catalogue.text(key, None, **params), code=code, order_id=order_id, message_key=key
    )


def undo_last_scan(
    engine: Engine,
    session: ScanSession,
    window_s: float = DEFAULT_UNDO_WINDOW_S,
    clock: Clock = utc_now,
) -> UndoResult:
    """Reverse the newest accepted move made at ``session``'s station on this PC."""
    now: datetime = clock()
    with environment_errors(), write_transaction(engine) as conn:
        last = conn.execute(
            select(scan_log)
            .where(
                scan_log.c.station == session.station.value,
                scan_log.c.workstation == session.workstation,
                scan_log.c.outcome == ScanOutcome.ACCEPTED.value,
                scan_log.c.action.in_([a.value for a in _REVERT_COLUMNS] + [UNDO_ACTION]),
            )
            .order_by(scan_log.c.id.desc())
            .limit(1)
        ).first()
        if last is None or last.action == UNDO_ACTION:
            return _refused("orders.undo.nothing")
        if now - last.at > timedelta(seconds=window_s):
            return _refused("orders.undo.too_old", last.code, seconds=int(window_s))
        action = Action(last.action)
        if not may(session.operator.role, permission_for(action)):
            return _refused("orders.undo.not_permitted", last.code)
        back_to = ItemState(last.from_state)
        changes: dict[str, Any] = {
            "state": back_to.value,
            "updated_at": now,
            "updated_by": session.operator.name,
            **_REVERT_COLUMNS[action],
        }
        if action is Action.SEND_OUT and back_to is ItemState.REGISTERED:
            changes["vendor_id"] = None
        slot_before = conn.execute(
            select(items.c.shelf_slot).where(items.c.id == last.item_id)
        ).scalar()
        updated = conn.execute(
            items.update()
            .where(items.c.id == last.item_id, items.c.state == last.to_state)
            .values(**changes)
        ).rowcount
        if updated != 1:
            return _refused("orders.undo.moved", last.code, last.order_id)
        _shelf_after_undo(conn, last, back_to, slot_before, now)
        refresh_order(conn, last.order_id, now)
        state_name = catalogue.name("state", back_to.value)
        message = catalogue.text("orders.undo.done", code=last.code, state=state_name)
        log_row(
            conn,
            session,
            at=now,
            code=last.code,
            item_id=last.item_id,
            order_id=last.order_id,
            action=UNDO_ACTION,
            outcome=ScanOutcome.ACCEPTED,
            from_state=last.to_state,
            to_state=back_to.value,
            message=message,
            detail=f"undo of scan_log #{last.id} ({last.action})",
            reverses_id=last.id,
        )
    return UndoResult(
        True, message, last.code, last.order_id, back_to.value, last.id, "orders.undo.done"
    )


def _shelf_after_undo(
    conn: Connection, last: Any, back_to: ItemState, slot: str | None, now: datetime
) -> None:
    """An undone check-in frees the slot; an item back on the shelf (an undone pickup or
    rework flag) takes its slot again — or the order's / the next free one if another
    order has taken it meanwhile."""
    if last.action == Action.CHECK_IN.value:
        release_slot(conn, last.order_id, slot)
        return
    if back_to is not ItemState.READY:
        return
    try:
        again = claim_slot(conn, last.order_id, now, slot) if slot else None
    except ShelvingError:
        again = None
    again = again or claim_slot(conn, last.order_id, now)
    conn.execute(items.update().where(items.c.id == last.item_id).values(shelf_slot=again))
