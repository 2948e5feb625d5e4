"""Shelf slots (货架位) for returned items: where the sorter puts an item so the desk finds it.

The rule is deliberately simple so staff can predict it: every item of one
order goes to the same slot (the slot an earlier item of the order already
sits in), otherwise the first slot no waiting item occupies. Slots are named
``A-01`` … ``A-40``, ``B-01`` … ; a slot is free again once everything in it is
picked up, cancelled or sent back for rework.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Engine, select

from ..domain.states import ItemState, ScanOutcome
from ..storage.engine import write_transaction
from ..storage.tables import items
from .clock import Clock, utc_now
from .scan_records import log_row
from .scanning import ScanSession

RACKS = "ABCDEFGH"
SLOTS_PER_RACK = 40
MAX_SLOT_LENGTH = 32
# Items in these states are physically on the shelf and hold their slot.
_ON_SHELF = (ItemState.READY.value,)
SHELVE_ACTION = "shelve"


class ShelvingError(ValueError):
    """A slot that cannot be recorded; the text says why."""


@dataclass(frozen=True)
class ShelfAssignment:
    code: str
    slot: str
    order_id: int


def slot_names(racks: str = RACKS, per_rack: int = SLOTS_PER_RACK) -> Iterator[str]:
    for rack in racks:
        for n in range(1, per_rack + 1):
            yield f"{rack}-{n:02d}"


def suggest_slot(conn: Connection, order_id: int) -> str:
    """The order's existing slot, else the first slot no waiting item holds."""
    same_order = conn.execute(
        select(items.c.shelf_slot)
        .where(
            items.c.order_id == order_id,
            items.c.state.in_(_ON_SHELF),
            items.c.shelf_slot.is_not(None),
        )
        .order_by(items.c.returned_at.desc(), items.c.id.desc())
        .limit(1)
    ).scalar()
    if same_order:
        return str(same_order)
    taken = set(
        conn.execute(
            select(items.c.shelf_slot)
            .where(items.c.state.in_(_ON_SHELF), items.c.shelf_slot.is_not(None))
            .distinct()
        ).scalars()
    )
    for name in slot_names():
        if name not in taken:
            return name
    return f"{RACKS[-1]}-{SLOTS_PER_RACK + 1:02d}+"  # all full: an overflow heap, still findable


def shelve(
    engine: Engine,
    session: ScanSession,
    code: str,
    slot: str | None = None,
    clock: Clock = utc_now,
) -> ShelfAssignment:
    """Record ``code``'s slot (the suggested one unless ``slot`` is given) and log it.

    Only items that are back (``ready``) are shelved; the log row makes the
    move show in the order's timeline like any scan.
    """
    now: datetime = clock()
    with write_transaction(engine) as conn:
        row = conn.execute(
            select(items.c.id, items.c.order_id, items.c.state, items.c.shelf_slot).where(
                items.c.code == code
            )
        ).first()
        if row is None:
            raise ShelvingError(f"未知条码：{code} / unknown code")
        if row.state != ItemState.READY.value:
            raise ShelvingError(
                "只有已回件的货品才能上架 / only items that are back can be shelved"
            )
        chosen = (slot or "").strip().upper() or suggest_slot(conn, row.order_id)
        if len(chosen) > MAX_SLOT_LENGTH:
            raise ShelvingError("货架位名称过长 / slot name too long")
        conn.execute(
            items.update()
            .where(items.c.id == row.id)
            .values(shelf_slot=chosen, updated_at=now, updated_by=session.operator.name)
        )
        log_row(
            conn,
            session,
            at=now,
            code=code,
            item_id=row.id,
            order_id=row.order_id,
            action=SHELVE_ACTION,
            outcome=ScanOutcome.ACCEPTED,
            from_state=row.state,
            to_state=row.state,
            message=f"货架位 {chosen}",
            detail=row.shelf_slot,
        )
    return ShelfAssignment(code, chosen, row.order_id)
