"""取件: handing a customer's items over — the whole set chosen, or nothing.

The customer takes the set that was chosen (every ready item with F8, or the
items ticked in a list), so a hand-over is one transaction: every item is
validated and logged like a scan, and if any one is refused nothing is handed
over and the refusal says why (:meth:`ScanService.apply_all`). Unsent "your
order is ready" messages lapse in the same transaction once everything of an
order or stage is collected.

This is the hand-over without money (items ticked in 查件): an order that still
owes a balance is refused item by item (``counter.balance_owed``) — the money is
taken, or waived, at the counter (:func:`~yinglou_desk.services.pickup.counter.collect`).
A hand-over that goes through is recorded with its receipt number, one per order.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Connection

from yinglou_desk.domain.states import Action
from yinglou_desk.services.pickup.recording import record_handovers
from yinglou_desk.services.scanning.service import (
    AllOrNone,
    ScanResult,
    ScanService,
    ScanSession,
)


def hand_over(service: ScanService, session: ScanSession, codes: Iterable[str]) -> AllOrNone:
    """Hand the chosen items to the customer, all of them in one transaction or none."""

    def recorded(conn: Connection, results: list[ScanResult], now: datetime) -> None:
        record_handovers(conn, session, results, now)

    return service.apply_all(session, list(codes), Action.PICK_UP, within=recorded)
