"""超期未取: orders whose items have waited on the ready shelf too long, for the manager.

An order is on the list once its oldest item waiting on the shelf (state ready)
came back at least as many days ago as the last reminder of the cadence — every
reminder has gone out — or, without a cadence, the holding period. Each entry says
whether the holding period itself has run out (``past_holding``): the words and
the colour on 今日 say which.

Days on the shelf count from the *oldest* ``returned_at`` of the order's ready
items: how long something has physically sat there (per order, not per stage: a
growth package's first stage left on the shelf is overdue whatever the later stages
do). The value on the shelf is what the studio paid for the ready items
(``unit_cost`` × ``qty``), summed exactly in fen; ``costed`` says how many of them
had a cost. With a price on the order, the balance still owed comes from the
payment rows (:func:`~yinglou_desk.services.payments.ledger.balance_in`).

The grouping reads ready items only (the index on ``state``); the true count is
taken before the ``LIMIT``.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, distinct, func, select

from yinglou_desk import catalogue
from yinglou_desk.domain.money import fen_of
from yinglou_desk.domain.states import ItemState
from yinglou_desk.services.clock import local_date
from yinglou_desk.services.payments.ledger import balance_in
from yinglou_desk.services.pickup.holding import policy_of
from yinglou_desk.services.reports.excel import Column, XlsxBook, in_language
from yinglou_desk.services.settings.studio import StudioSettings
from yinglou_desk.storage.tables import customers, items, orders


def overdue_pickups(
    conn: Connection, now: datetime, settings: StudioSettings, limit: int | None
) -> tuple[list[dict[str, Any]], int]:
    """The longest-waiting orders first (at most ``limit``), and how many there are in all."""
    policy = policy_of(settings)
    threshold_days = policy.last_reminder or policy.holding_days
    threshold = now - timedelta(days=threshold_days)
    ready = items.c.state == ItemState.READY.value
    shelf = (
        select(
            items.c.order_id,
            func.min(items.c.returned_at).label("since"),
            func.count().label("n"),
            func.min(items.c.shelf_slot).label("slot"),
            func.count(distinct(items.c.shelf_slot)).label("slots"),
        )
        .where(ready)
        .group_by(items.c.order_id)
        .having(func.min(items.c.returned_at) <= threshold)
        .subquery("shelf")
    )
    rows = conn.execute(
        select(
            shelf,
            orders.c.order_no,
            orders.c.price_fen,
            customers.c.name.label("customer"),
            customers.c.phone,
            func.count().over().label("total"),
        )
        .join(orders, orders.c.id == shelf.c.order_id)
        .join(customers, customers.c.id == orders.c.customer_id)
        .order_by(shelf.c.since, orders.c.order_no)
        .limit(limit)
    ).all()
    if not rows:
        return [], 0
    values = _values_on_shelf(conn, [r.order_id for r in rows])
    today = local_date(now)
    entries = []
    for r in rows:
        value_fen, costed = values.get(r.order_id, (0, 0))
        days = (today - local_date(r.since)).days
        due = balance_in(conn, r.order_id).due if r.price_fen is not None else None
        entries.append(
            {
                "order_no": r.order_no,
                "customer": r.customer,
                "phone": r.phone,
                "on_shelf_since": r.since.isoformat(),
                "days_on_shelf": days,
                "past_holding": r.since <= now - timedelta(days=policy.holding_days),
                "holding_days": policy.holding_days,
                "slot": r.slot,
                "slots": int(r.slots),
                "items": int(r.n),
                "costed": costed,
                "value_fen": value_fen,
                "price_fen": r.price_fen,
                "balance_fen": due,
            }
        )
    return entries, int(rows[0].total)


def _values_on_shelf(conn: Connection, order_ids: list[int]) -> dict[int, tuple[int, int]]:
    """Per order: the value of its ready items in fen (exact: Decimal per item, never a
    float sum in SQL) and how many of them had a cost."""
    found: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    rows = conn.execute(
        select(items.c.order_id, items.c.unit_cost, items.c.qty).where(
            items.c.order_id.in_(order_ids), items.c.state == ItemState.READY.value
        )
    )
    for order_id, unit_cost, qty in rows:
        if unit_cost is None:
            continue
        cost = unit_cost if isinstance(unit_cost, Decimal) else Decimal(str(unit_cost))
        found[order_id][0] += fen_of(cost.quantize(Decimal("0.01")) * (qty or 1))
        found[order_id][1] += 1
    return {order_id: (fen, n) for order_id, (fen, n) in found.items()}


def status_words(entry: dict[str, Any]) -> str:
    """Why the order is on the list, in words (the colour on 今日 is never the only cue)."""
    if entry["past_holding"]:
        return catalogue.text(
            "uncollected.st.past_holding",
            over=entry["days_on_shelf"] - entry["holding_days"],
            holding=entry["holding_days"],
        )
    return catalogue.text("uncollected.st.reminded_out", days=entry["days_on_shelf"])


def slot_words(entry: dict[str, Any]) -> str:
    """The order's slot, or its first slot and how many more it spreads over."""
    slot = entry["slot"] or "-"
    if entry["slots"] > 1:
        return catalogue.text(
            "uncollected.slots", slot=slot, n=entry["slots"], more=entry["slots"] - 1
        )
    return str(slot)


def yuan_of(fen: int | None) -> Decimal | None:
    """Fen as an exact Decimal of yuan, for a spreadsheet cell."""
    return None if fen is None else Decimal(fen) / 100


EXPORT_COLUMNS = (
    Column("col.order_no"),
    Column("col.customer"),
    Column("col.phone"),
    Column("uncollected.col.slot"),
    Column("uncollected.col.since", "datetime"),
    Column("uncollected.col.days", "int"),
    Column("uncollected.col.items", "int"),
    Column("uncollected.col.value", "money", total=True),
    Column("uncollected.col.balance", "money", total=True),
    Column("col.state"),
)


def write_overdue_xlsx(entries: list[dict[str, Any]], path: Path) -> None:
    """The 超期未取 list as an .xlsx workbook, with the value and balance summed."""
    book = XlsxBook()
    book.add_table(
        catalogue.text("uncollected.list"),
        in_language(EXPORT_COLUMNS),
        [
            [
                e["order_no"],
                e["customer"],
                e["phone"],
                slot_words(e),
                datetime.fromisoformat(e["on_shelf_since"]),
                e["days_on_shelf"],
                e["items"],
                yuan_of(e["value_fen"]),
                yuan_of(e["balance_fen"]),
                status_words(e),
            ]
            for e in entries
        ],
    )
    book.save(path)
