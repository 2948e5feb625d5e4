"""The reminders nobody has to remember: what is late, due, ready or waiting today.

Each list is one indexed query (no table is read whole), evaluated for
``today`` from an injected clock so the lists can be checked on any day.

* ``overdue_at_vendor`` — at a vendor past the expected return, grouped by vendor;
* ``due_back_soon`` — expected back within ``due_back_soon_days``;
* ``ready_not_notified`` — an order or stage is ready and no message went out;
* ``uncollected`` — told ``uncollected_days``+ days ago and still not collected;
* ``pickups_due`` — promised pickup within ``pickup_window_days`` (or already past:
  ``late``) but not all ready.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, and_, case, func, select

from yinglou_desk.domain.progress import OrderProgress
from yinglou_desk.domain.states import ItemState
from yinglou_desk.services.clock import Clock, local_date, utc_now
from yinglou_desk.services.notifications.outbox import SENT, queue_reminder
from yinglou_desk.services.settings.studio import StudioSettings, load_settings
from yinglou_desk.storage.tables import customers, items, notifications, orders, stages, vendors

_LIMIT = 2000  # a list longer than this is a studio in trouble; show the oldest first


@dataclass
class DueLists:
    today: date
    overdue_at_vendor: list[dict[str, Any]] = field(default_factory=list)
    due_back_soon: list[dict[str, Any]] = field(default_factory=list)
    ready_not_notified: list[dict[str, Any]] = field(default_factory=list)
    uncollected: list[dict[str, Any]] = field(default_factory=list)
    pickups_due: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "overdue_at_vendor": self.overdue_at_vendor,
            "due_back_soon": self.due_back_soon,
            "ready_not_notified": self.ready_not_notified,
            "uncollected": self.uncollected,
            "pickups_due": self.pickups_due,
        }


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def due_lists(engine: Engine, clock: Clock = utc_now) -> DueLists:
    now = clock()
    today = local_date(now)
    with engine.connect() as conn:
        settings = load_settings(conn)
        lists = DueLists(today)
        lists.overdue_at_vendor = _items_at_vendor(conn, None, today, today)
        lists.due_back_soon = _items_at_vendor(
            conn, today, today + timedelta(days=settings.due_back_soon_days), today
        )
        lists.ready_not_notified = _ready_not_notified(conn)
        lists.uncollected = _uncollected(conn, now, settings)
        lists.pickups_due = _pickups_due(conn, today, settings)
    return lists


def _items_at_vendor(
    conn: Connection, start: date | None, end: date, today: date
) -> list[dict[str, Any]]:
    """Items at a vendor expected back in [start, end] — or before ``end`` when overdue."""
    condition = (
        items.c.expected_return < end
        if start is None
        else and_(items.c.expected_return >= start, items.c.expected_return <= end)
    )
    rows = conn.execute(
        select(
            items.c.code,
            items.c.product,
            items.c.spec,
            items.c.sent_at,
            items.c.expected_return,
            orders.c.order_no,
            customers.c.name.label("customer"),
            vendors.c.name.label("vendor"),
        )
        .join(orders, orders.c.id == items.c.order_id)
        .join(customers, customers.c.id == orders.c.customer_id)
        .outerjoin(vendors, vendors.c.id == items.c.vendor_id)
        .where(items.c.state == ItemState.SENT_OUT.value, condition)
        .order_by(vendors.c.name, items.c.expected_return, items.c.id)
        .limit(_LIMIT)
    )
    return [
        {
            "order_no": r.order_no,
            "code": r.code,
            "customer": r.customer,
            "product": r.product,
            "spec": r.spec,
            "vendor": r.vendor,
            "sent_at": _iso(r.sent_at),
            "expected_return": _iso(r.expected_return),
            "days_overdue": max(0, (today - r.expected_return).days),
        }
        for r in rows
    ]


def _ready_units(conn: Connection) -> list[Any]:
    """Orders without stages that are ready, and stages whose items are all ready.

    A stage is ready when it has ready items and none still to make or at a vendor
    (cancelled and already picked-up items do not hold it back).
    """
    open_states = [ItemState.REGISTERED.value, ItemState.SENT_OUT.value, ItemState.REWORK.value]
    per_stage = (
        select(
            items.c.order_id,
            items.c.stage_id,
            func.sum(case((items.c.state == ItemState.READY.value, 1), else_=0)).label("ready"),
            func.sum(case((items.c.state.in_(open_states), 1), else_=0)).label("open"),
            func.max(items.c.returned_at).label("ready_since"),
        )
        .join(orders, orders.c.id == items.c.order_id)
        .where(
            orders.c.progress.in_(
                [
                    OrderProgress.READY.value,
                    OrderProgress.PARTLY_READY.value,
                    OrderProgress.PARTLY_PICKED_UP.value,
                ]
            )
        )
        .group_by(items.c.order_id, items.c.stage_id)
        .subquery()
    )
    return list(
        conn.execute(
            select(per_stage).where(per_stage.c.ready > 0, per_stage.c.open == 0).limit(_LIMIT)
        )
    )


def _unit_facts(conn: Connection, units: list[Any]) -> dict[tuple[int, int | None], dict[str, Any]]:
    order_ids = sorted({u.order_id for u in units})
    facts: dict[tuple[int, int | None], dict[str, Any]] = {}
    if not order_ids:
        return facts
    names = dict(
        conn.execute(
            select(stages.c.id, stages.c.name).where(stages.c.order_id.in_(order_ids))
        ).all()
    )
    order_rows = {
        r.id: r
        for r in conn.execute(
            select(orders.c.id, orders.c.order_no, customers.c.name, customers.c.phone)
            .join(customers, customers.c.id == orders.c.customer_id)
            .where(orders.c.id.in_(order_ids))
        )
    }
    for unit in units:
        order = order_rows[unit.order_id]
        facts[(unit.order_id, unit.stage_id)] = {
            "order_no": order.order_no,
            "stage": names.get(unit.stage_id) if unit.stage_id else None,
            "customer": order.name,
            "phone": order.phone,
        }
    return facts


def _sent_ready_messages(
    conn: Connection, order_ids: list[int]
) -> dict[tuple[int, int | None], Any]:
    if not order_ids:
        return {}
    rows = conn.execute(
        select(
            notifications.c.order_id,
            notifications.c.stage_id,
            notifications.c.event,
            notifications.c.state,
            notifications.c.sent_at,
        ).where(notifications.c.order_id.in_(order_ids))
    )
    found: dict[tuple[int, int | None], Any] = {}
    for r in rows:
        found.setdefault((r.order_id, r.stage_id), {})[r.event] = r
    return found


def _ready_not_notified(conn: Connection) -> list[dict[str, Any]]:
    units = _ready_units(conn)
    messages = _sent_ready_messages(conn, sorted({u.order_id for u in units}))
    facts = _unit_facts(conn, units)
    out = []
    for unit in units:
        ready = messages.get((unit.order_id, unit.stage_id), {}).get("ready")
        if ready is not None and ready.state == SENT:
            continue
        out.append(
            {
                **facts[(unit.order_id, unit.stage_id)],
                "ready_since": _iso(unit.ready_since),
                "notification": ready.state if ready is not None else None,
            }
        )
    return sorted(out, key=lambda e: (e["ready_since"] or "", e["order_no"]))


def _uncollected(conn: Connection, now: datetime, settings: StudioSettings) -> list[dict[str, Any]]:
    units = _ready_units(conn)
    messages = _sent_ready_messages(conn, sorted({u.order_id for u in units}))
    facts = _unit_facts(conn, units)
    out = []
    threshold = now - timedelta(days=settings.uncollected_days)
    for unit in units:
        sent = messages.get((unit.order_id, unit.stage_id), {})
        ready = sent.get("ready")
        if (
            ready is None
            or ready.state != SENT
            or ready.sent_at is None
            or ready.sent_at > threshold
        ):
            continue
        reminder = sent.get("reminder")
        out.append(
            {
                **facts[(unit.order_id, unit.stage_id)],
                "notified_at": _iso(ready.sent_at),
                "days_waiting": (now - ready.sent_at).days,
                "reminder": reminder.state if reminder is not None else None,
                "order_id": unit.order_id,
                "stage_id": unit.stage_id,
            }
        )
    return sorted(out, key=lambda e: (e["notified_at"], e["order_no"]))


def _pickups_due(conn: Connection, today: date, settings: StudioSettings) -> list[dict[str, Any]]:
    """Promised pickup soon while items are still missing: act before the customer comes."""
    open_states = [ItemState.REGISTERED.value, ItemState.SENT_OUT.value, ItemState.REWORK.value]
    missing = (
        select(
            items.c.order_id,
            func.count().label("missing"),
            func.max(items.c.expected_return).label("last_due"),
        )
        .where(items.c.state.in_(open_states))
        .group_by(items.c.order_id)
        .subquery()
    )
    rows = conn.execute(
        select(
            orders.c.order_no,
            orders.c.promised_date,
            orders.c.progress,
            customers.c.name,
            customers.c.phone,
            missing.c.missing,
            missing.c.last_due,
        )
        .join(missing, missing.c.order_id == orders.c.id)
        .join(customers, customers.c.id == orders.c.customer_id)
        .where(orders.c.promised_date <= today + timedelta(days=settings.pickup_window_days))
        .order_by(orders.c.promised_date, orders.c.order_no)
        .limit(_LIMIT)
    )
    return [
        {
            "order_no": r.order_no,
            "customer": r.name,
            "phone": r.phone,
            "promised_date": _iso(r.promised_date),
            "progress": r.progress,
            "late": r.promised_date < today,
            "items_missing": r.missing,
            "last_expected_return": _iso(r.last_due),
        }
        for r in rows
    ]


def queue_reminders(engine: Engine, clock: Clock = utc_now, by: str = "system") -> int:
    """Queue the second reminder for every uncollected order or stage that has none yet."""
    from yinglou_desk.storage.engine import write_transaction

    now = clock()
    count = 0
    with write_transaction(engine) as conn:
        settings = load_settings(conn)
        for entry in _uncollected(conn, now, settings):
            if entry["reminder"] is None:
                count += queue_reminder(
                    conn, entry["order_id"], entry["stage_id"], entry["days_waiting"], now, by
                )
    return count
