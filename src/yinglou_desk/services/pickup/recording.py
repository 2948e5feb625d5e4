"""The rows a hand-over leaves: ``handovers``, ``handover_items``, ``handover_collectors``.

Every pickup is a hand-over with a receipt number, however it was made: through the
counter (:func:`~yinglou_desk.services.pickup.counter.collect`, with the money), items
ticked in 查件 or a label scanned at a pickup station (one hand-over per order, nothing
taken). Written in the caller's transaction, after the items moved, so the record and
the move commit together or not at all. Kept apart from the scan service's rules (which
call it) and from the counter (which calls the scan service), so neither imports the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection

from yinglou_desk.domain.states import ScanOutcome
from yinglou_desk.services.payments.ledger import balance_in
from yinglou_desk.services.scanning.records import ScanResult, ScanSession
from yinglou_desk.services.staff.audit import record
from yinglou_desk.storage.tables import handover_collectors, handover_items, handovers


@dataclass(frozen=True)
class Who:
    """Who took the items, as recorded: 代取 name and phone, the signature (all optional)."""

    name: str | None = None
    phone: str | None = None
    signature_png: bytes | None = None

    @property
    def anything(self) -> bool:
        return bool(self.name or self.phone or self.signature_png)


def record_handover(
    conn: Connection,
    session: ScanSession,
    *,
    order_id: int,
    order_no: str,
    item_ids: Sequence[int],
    now: datetime,
    paid: int = 0,
    balance_after: int | None = None,
    who: Who | None = None,
) -> int:
    """One hand-over of one order: its row, its items, who collected; the audit line. Its id."""
    handover_id = int(
        conn.execute(
            handovers.insert()
            .values(
                order_id=order_id,
                at=now,
                operator_name=session.operator.name,
                workstation=session.workstation,
                items=len(item_ids),
                paid_fen=paid,
                balance_fen=balance_after,
            )
            .returning(handovers.c.id)
        ).scalar_one()
    )
    conn.execute(
        handover_items.insert(),
        [{"handover_id": handover_id, "item_id": item_id} for item_id in item_ids],
    )
    if who is not None and who.anything:
        conn.execute(
            handover_collectors.insert().values(
                handover_id=handover_id,
                collector_name=who.name,
                collector_phone=who.phone,
                signature_png=who.signature_png,
            )
        )
    record(
        conn,
        now,
        session.operator.name,
        "pickup.handover",
        f"order {order_no}",
        {
            "handover": handover_id,
            "items": len(item_ids),
            "paid_fen": paid,
            "balance_fen": balance_after,
            "collector": who.name if who is not None else None,
            "signed": bool(who is not None and who.signature_png),
        },
    )
    return handover_id


def record_handovers(
    conn: Connection, session: ScanSession, results: Sequence[ScanResult], now: datetime
) -> list[int]:
    """A hand-over without money (ticked, scanned): one per order among the accepted items.

    Reached only when nothing was owed (the scan service refuses a pickup of an order that
    owes money unless it comes through the counter), so the balance after is read, not taken.
    """
    by_order: dict[int, tuple[str, list[int]]] = {}
    for result in results:
        if result.outcome is not ScanOutcome.ACCEPTED or result.order_id is None:
            continue
        if result.item_id is None:
            continue
        _no, ids = by_order.setdefault(result.order_id, (result.order_no or "", []))
        ids.append(result.item_id)
    made = []
    for order_id, (order_no, item_ids) in by_order.items():
        balance = balance_in(conn, order_id)
        after = None if balance.price is None else balance.due
        made.append(
            record_handover(
                conn,
                session,
                order_id=order_id,
                order_no=order_no,
                item_ids=item_ids,
                now=now,
                balance_after=after,
            )
        )
    return made
