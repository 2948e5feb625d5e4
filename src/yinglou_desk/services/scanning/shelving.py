"""Shelf slots (货架位) for returned items: where the sorter puts an item so the desk finds it.

The rule is deliberately simple so staff can predict it: every item of one
order goes to the same slot (the slot the order already holds), otherwise the
first free slot. Slots are named ``A-01`` … ``A-40``, ``B-01`` … ; a slot is
free again once the order's last item in it leaves the shelf (picked up,
cancelled, sent back for rework, its check-in undone).

Which order holds a slot is a row of ``shelf_slots`` keyed by the slot, claimed
inside the check-in's own transaction (:meth:`ScanService.scan` calls
:func:`claim_slot`): two PCs checking in two orders at the same moment cannot
both get the same slot — the second one's claim finds the key taken and moves
on to the next free slot. When every slot is taken, items go to an overflow
heap (``H-41+``) that any number of orders may share.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Engine, exists, select
from sqlalchemy.dialects import postgresql, sqlite

from yinglou_desk import catalogue
from yinglou_desk.domain.shelf_slots import RACKS, SLOTS_PER_RACK
from yinglou_desk.domain.states import ItemState, ScanOutcome
from yinglou_desk.domain.wording import WordedError
from yinglou_desk.services.clock import Clock, utc_now
from yinglou_desk.services.scanning.records import ScanSession, log_row
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.storage.errors import environment_errors
from yinglou_desk.storage.tables import items, orders, shelf_slots

MAX_SLOT_LENGTH = 32
OVERFLOW = f"{RACKS[-1]}-{SLOTS_PER_RACK + 1:02d}+"  # all full: a heap, still findable
SHELVE_ACTION = "shelve"
_READY = ItemState.READY.value


class ShelvingError(WordedError, ValueError):
    """A slot that cannot be recorded; ``key`` names the message, the text says why."""


@dataclass(frozen=True)
class ShelfAssignment:
    code: str
    slot: str
    order_id: int


def slot_names(racks: str = RACKS, per_rack: int = SLOTS_PER_RACK) -> Iterator[str]:
    for rack in racks:
        for n in range(1, per_rack + 1):
            yield f"{rack}-{n:02d}"


def _order_slot(conn: Connection, order_id: int) -> str | None:
    return conn.execute(
        select(shelf_slots.c.slot)
        .where(shelf_slots.c.order_id == order_id)
        .order_by(shelf_slots.c.taken_at.desc(), shelf_slots.c.slot)
        .limit(1)
    ).scalar()


def _holder(conn: Connection, slot: str) -> int | None:
    return conn.execute(select(shelf_slots.c.order_id).where(shelf_slots.c.slot == slot)).scalar()


def free_slots(conn: Connection) -> Iterator[str]:
    """The slots no order holds, in the order staff are given them."""
    taken = set(conn.execute(select(shelf_slots.c.slot)).scalars())
    return (name for name in slot_names() if name not in taken)


def suggest_slot(conn: Connection, order_id: int) -> str:
    """The order's slot, else the first free one (a read: nothing is claimed)."""
    return _order_slot(conn, order_id) or next(free_slots(conn), OVERFLOW)


def _try_claim(conn: Connection, slot: str, order_id: int, now: datetime) -> bool:
    """Take ``slot`` for ``order_id``; True if the order holds it afterwards.

    ``ON CONFLICT DO NOTHING`` waits, on PostgreSQL, for another PC's uncommitted
    claim of the same slot and then sees it: the loser simply tries the next slot.
    """
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    inserted = conn.execute(  # RETURNING: psycopg reports no rowcount for DO NOTHING
        dialect.insert(shelf_slots)
        .values(slot=slot, order_id=order_id, taken_at=now)
        .on_conflict_do_nothing(index_elements=["slot"])
        .returning(shelf_slots.c.slot)
    ).first()
    return inserted is not None or _holder(conn, slot) == order_id


def claim_slot(conn: Connection, order_id: int, now: datetime, wanted: str | None = None) -> str:
    """The slot the order's item goes to, claimed in the caller's transaction.

    With ``wanted`` (the sorter typed a slot): that slot, unless another order
    holds it (:class:`ShelvingError`). Otherwise the order's slot or the first
    free one.
    """
    if wanted is not None:
        slot = normalise_slot(wanted)
        if slot.endswith("+") or _try_claim(conn, slot, order_id, now):
            return slot
        raise ShelvingError("shelf.taken", slot=slot, order_no=_holder_order_no(conn, slot))
    own = _order_slot(conn, order_id)
    if own is not None:
        return own
    for slot in free_slots(conn):
        if _try_claim(conn, slot, order_id, now):
            return slot
    return OVERFLOW


def release_slot(conn: Connection, order_id: int, slot: str | None) -> None:
    """Free ``slot`` if none of the order's items is on the shelf there any more."""
    if not slot:
        return
    still_there = exists().where(
        items.c.order_id == order_id, items.c.shelf_slot == slot, items.c.state == _READY
    )
    conn.execute(
        shelf_slots.delete().where(
            shelf_slots.c.slot == slot, shelf_slots.c.order_id == order_id, ~still_there
        )
    )


def normalise_slot(text: str) -> str:
    slot = text.strip().upper()
    if not slot:
        raise ShelvingError("shelf.empty")
    if len(slot) > MAX_SLOT_LENGTH:
        raise ShelvingError("shelf.too_long", limit=MAX_SLOT_LENGTH)
    return slot


def _holder_order_no(conn: Connection, slot: str) -> str:
    holder = _holder(conn, slot)
    return str(conn.execute(select(orders.c.order_no).where(orders.c.id == holder)).scalar())


def shelve(
    engine: Engine,
    session: ScanSession,
    code: str,
    slot: str | None = None,
    clock: Clock = utc_now,
) -> ShelfAssignment:
    """Put ``code`` in ``slot`` (the order's or the next free one unless given), logged.

    Only items that are back (``ready``) are shelved; the log row makes the
    move show in the order's timeline like any scan. The slot it leaves is
    freed if nothing of the order is left in it.
    """
    now: datetime = clock()
    with environment_errors(), write_transaction(engine) as conn:
        row = conn.execute(
            select(items.c.id, items.c.order_id, items.c.state, items.c.shelf_slot).where(
                items.c.code == code
            )
        ).first()
        if row is None:
            raise ShelvingError("refused.unknown_code", code=code)
        if row.state != _READY:
            raise ShelvingError("shelf.not_back")
        chosen = claim_slot(conn, row.order_id, now, slot if slot and slot.strip() else None)
        conn.execute(
            items.update()
            .where(items.c.id == row.id)
            .values(shelf_slot=chosen, updated_at=now, updated_by=session.operator.name)
        )
        if row.shelf_slot != chosen:
            release_slot(conn, row.order_id, row.shelf_slot)
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
            message=catalogue.text("scanning.shelf_slot", slot=chosen),
            detail=row.shelf_slot,
        )
    return ShelfAssignment(code, chosen, row.order_id)
