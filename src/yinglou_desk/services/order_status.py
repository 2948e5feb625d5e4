"""Keeping ``orders.progress`` and ``orders.next_due_back`` true to the items.

Called inside every transaction that changes an item, after the change, so the
cached columns never disagree with the items they summarise.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Connection, bindparam, func, select

from ..domain.progress import OrderProgress, derive_progress
from ..domain.states import ItemState
from ..storage.tables import items, orders

_STATE_COUNTS = (
    select(items.c.state, func.count(), func.min(items.c.expected_return))
    .where(items.c.order_id == bindparam("order_id"))
    .group_by(items.c.state)
)
_UPDATE_ORDER = (
    orders.update()
    .where(orders.c.id == bindparam("order_id"))
    .values(
        progress=bindparam("progress"),
        next_due_back=bindparam("next_due_back"),
        updated_at=bindparam("updated_at"),
    )
)


def summarise(rows: list[tuple[str, int, date | None]]) -> tuple[OrderProgress, date | None]:
    counts = {ItemState(state): n for state, n, _ in rows}
    due = [earliest for state, _, earliest in rows if state == ItemState.SENT_OUT]
    return derive_progress(counts), (due[0] if due else None)


def refresh_order(conn: Connection, order_id: int, now: datetime) -> OrderProgress:
    rows = [tuple(r) for r in conn.execute(_STATE_COUNTS, {"order_id": order_id})]
    progress, next_due_back = summarise(rows)  # type: ignore[arg-type]
    conn.execute(
        _UPDATE_ORDER,
        {
            "order_id": order_id,
            "progress": progress.value,
            "next_due_back": next_due_back,
            "updated_at": now,
        },
    )
    return progress
