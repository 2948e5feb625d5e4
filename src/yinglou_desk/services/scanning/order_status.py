"""Keeping ``orders.progress`` and ``orders.next_due_back`` true to the items.

Called inside every transaction that changes an item, after the change, so the
cached columns never disagree with the items they summarise. One grouped query
gives both the order's progress and each growth-package stage's progress.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, bindparam, func, select

from yinglou_desk.domain.progress import OrderProgress, derive_progress
from yinglou_desk.domain.states import ItemState
from yinglou_desk.storage.tables import items, orders

_STATE_COUNTS = (
    select(items.c.stage_id, items.c.state, func.count(), func.min(items.c.expected_return))
    .where(items.c.order_id == bindparam("order_id"))
    .group_by(items.c.stage_id, items.c.state)
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


@dataclass(frozen=True)
class OrderStatus:
    progress: OrderProgress
    next_due_back: date | None
    stages: dict[int, OrderProgress]  # stage id → that stage's progress


def summarise(rows: list[tuple[int | None, str, int, date | None]]) -> OrderStatus:
    order_counts: dict[ItemState, int] = {}
    stage_counts: dict[int, dict[ItemState, int]] = {}
    due: list[date] = []
    for stage_id, state_text, count, earliest in rows:
        state = ItemState(state_text)
        order_counts[state] = order_counts.get(state, 0) + count
        if stage_id is not None:
            per_stage = stage_counts.setdefault(stage_id, {})
            per_stage[state] = per_stage.get(state, 0) + count
        if state is ItemState.SENT_OUT and earliest is not None:
            due.append(earliest)
    return OrderStatus(
        progress=derive_progress(order_counts),
        next_due_back=min(due) if due else None,
        stages={stage: derive_progress(counts) for stage, counts in stage_counts.items()},
    )


def refresh_order(conn: Connection, order_id: int, now: datetime) -> OrderStatus:
    rows = [tuple(r) for r in conn.execute(_STATE_COUNTS, {"order_id": order_id})]
    status = summarise(rows)
    conn.execute(
        _UPDATE_ORDER,
        {
            "order_id": order_id,
            "progress": status.progress.value,
            "next_due_back": status.next_due_back,
            "updated_at": now,
        },
    )
    return status
