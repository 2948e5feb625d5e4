"""The reminders nobody has to remember: what is late, due, ready or waiting today.

Each list is one indexed query (no table is read whole), evaluated for
``today`` from an injected clock so the lists can be checked on any day. A list
holds at most ``limit`` entries — the earliest ones — and its true length is
counted apart (``counts``, a ``COUNT`` on the same conditions), so a screen
never passes the cap off as the number of things to chase.

* ``overdue_at_vendor`` — at a vendor past the expected return, grouped by vendor;
* ``due_back_soon`` — expected back within ``due_back_soon_days``;
* ``ready_not_notified`` — an order or stage is ready and no message went out;
* ``uncollected`` — told ``uncollected_days``+ days ago and still not collected;
* ``pickups_due`` — promised pickup within ``pickup_window_days`` (or already past:
  ``late``) but not all ready;
* ``overdue_pickup`` (超期未取, for managers) — on the ready shelf past the last reminder
  or the holding period, with the value on the shelf
  (:mod:`~yinglou_desk.services.pickup.overdue`).

Reminders follow the studio's cadence (``reminder_days``):
:mod:`~yinglou_desk.services.pickup.reminders`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, Select, and_, case, func, or_, select

from yinglou_desk.domain.progress import OrderProgress
from yinglou_desk.domain.roles import Actor, Permission, may
from yinglou_desk.domain.states import ItemState
from yinglou_desk.services.clock import Clock, local_date, utc_now
from yinglou_desk.services.notifications.outbox import SENT
from yinglou_desk.services.settings.studio import StudioSettings, load_settings
from yinglou_desk.storage.tables import customers, items, notifications, orders, stages, vendors

LIMIT = 2000  # a list longer than this is a studio in trouble; show the earliest first
LISTS = (
    "overdue_at_vendor",
    "due_back_soon",
    "ready_not_notified",
    "uncollected",
    "pickups_due",
    "overdue_pickup",
)


@dataclass
class DueLists:
    """The six lists (each at most ``limit`` entries, the earliest) and their true lengths."""

    today: date
    overdue_at_vendor: list[dict[str, Any]] = field(default_factory=list)
    due_back_soon: list[dict[str, Any]] = field(default_factory=list)
    ready_not_notified: list[dict[str, Any]] = field(default_factory=list)
    uncollected: list[dict[str, Any]] = field(default_factory=list)
    pickups_due: list[dict[str, Any]] = field(default_factory=list)
    overdue_pickup: list[dict[str, Any]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def total(self, key: str) -> int:
        """How many entries the list ``key`` really has (more than it holds when capped)."""
        return self.counts.get(key, len(getattr(self, key)))

    def capped(self, key: str) -> bool:
        return self.total(key) > len(getattr(self, key))

    def to_json(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "overdue_at_vendor": self.overdue_at_vendor,
            "due_back_soon": self.due_back_soon,
            "ready_not_notified": self.ready_not_notified,
            "uncollected": self.uncollected,
            "pickups_due": self.pickups_due,
            "overdue_pickup": self.overdue_pickup,
            "counts": {key: self.total(key) for key in LISTS},
        }


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _count(conn: Connection, query: Select[Any]) -> int:
    """The number of rows ``query`` (without ORDER BY or LIMIT) matches."""
    return int(conn.execute(select(func.count()).select_from(query.subquery())).scalar_one())


def due_lists(
    engine: Engine, clock: Clock = utc_now, limit: int = LIMIT, actor: Actor | None = None
) -> DueLists:
    """The lists for ``today``. 超期未取 (``overdue_pickup``) holds what the studio paid its
    labs for the goods on the shelf: it is filled only for an ``actor`` whose role may
    see the labs' costs (``RECONCILE``: managers, admins, the command line); for anyone
    else it stays empty."""
    now = clock()
    today = local_date(now)
    with engine.connect() as conn:
        settings = load_settings(conn)
        lists = DueLists(today)
        soon = today + timedelta(days=settings.due_back_soon_days)
        for key, (entries, total) in (
            ("overdue_at_vendor", _items_at_vendor(conn, None, today, today, limit)),
            ("due_back_soon", _items_at_vendor(conn, today, soon, today, limit)),
            ("ready_not_notified", _ready_not_notified(conn, limit)),
            ("uncollected", _uncollected(conn, now, settings, limit)),
            ("pickups_due", _pickups_due(conn, today, settings, limit)),
            ("overdue_pickup", _overdue_pickup(conn, now, settings, limit, actor)),
        ):
            setattr(lists, key, entries)
            lists.counts[key] = total
    return lists


def _overdue_pickup(
    conn: Connection, now: datetime, settings: StudioSettings, limit: int, actor: Actor | None
) -> tuple[list[dict[str, Any]], int]:
    from yinglou_desk.services.pickup.overdue import overdue_pickups

    if actor is None or not may(actor.role, Permission.RECONCILE):
        return [], 0
    return overdue_pickups(conn, now, settings, limit)


def _items_at_vendor(
    conn: Connection, start: date | None, end: date, today: date, limit: int
) -> tuple[list[dict[str, Any]], int]:
    """Items at a vendor expected back in [start, end] — or before ``end`` when overdue.

    The ``limit`` earliest expected (on the index of state and expected return),
    shown by vendor; and how many there are in all.
    """
    condition = (
        items.c.expected_return < end
        if start is None
        else and_(items.c.expected_return >= start, items.c.expected_return <= end)
    )
    matching = select(items.c.id).where(items.c.state == ItemState.SENT_OUT.value, condition)
    earliest = matching.order_by(items.c.expected_return, items.c.id).limit(limit).subquery()
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
        .join(earliest, earliest.c.id == items.c.id)
        .join(orders, orders.c.id == items.c.order_id)
        .join(customers, customers.c.id == orders.c.customer_id)
        .outerjoin(vendors, vendors.c.id == items.c.vendor_id)
        .order_by(vendors.c.name, items.c.expected_return, items.c.id)
    )
    entries = [
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
    return entries, _count(conn, matching)


def ready_units() -> Any:
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
    return select(per_stage).where(per_stage.c.ready > 0, per_stage.c.open == 0).subquery("units")


def _message(units: Any, event: str) -> tuple[Any, Any]:
    """The outbox row of ``event`` for each unit (one at most: the dedupe key says so)."""
    message = notifications.alias(event)
    on = and_(
        message.c.order_id == units.c.order_id,
        message.c.stage_id.is_not_distinct_from(units.c.stage_id),
        message.c.event == event,
    )
    return message, on


def _with_facts(query: Select[Any], units: Any) -> Select[Any]:
    """A unit's order number, stage name, customer and phone beside it — and how many
    units match in all (a window count, taken before the ``LIMIT``: the grouping of the
    items into units is the costly part and runs once)."""
    return (
        query.add_columns(
            orders.c.order_no,
            stages.c.name.label("stage"),
            customers.c.name.label("customer"),
            customers.c.phone,
            func.count().over().label("total"),
        )
        .join(orders, orders.c.id == units.c.order_id)
        .join(customers, customers.c.id == orders.c.customer_id)
        .outerjoin(stages, stages.c.id == units.c.stage_id)
    )


def _total(rows: Sequence[Any]) -> int:
    return int(rows[0].total) if rows else 0


def _facts(row: Any) -> dict[str, Any]:
    return {
        "order_no": row.order_no,
        "stage": row.stage,
        "customer": row.customer,
        "phone": row.phone,
    }


def _ready_not_notified(conn: Connection, limit: int) -> tuple[list[dict[str, Any]], int]:
    units = ready_units()
    ready, on = _message(units, "ready")
    matching = (
        select(units.c.order_id, units.c.stage_id, units.c.ready_since, ready.c.state)
        .select_from(units)
        .outerjoin(ready, on)
        .where(or_(ready.c.id.is_(None), ready.c.state != SENT))
    )
    rows = conn.execute(
        _with_facts(matching, units)
        .order_by(units.c.ready_since.nulls_first(), orders.c.order_no, units.c.stage_id)
        .limit(limit)
    ).all()
    entries = [
        {**_facts(r), "ready_since": _iso(r.ready_since), "notification": r.state} for r in rows
    ]
    return entries, _total(rows)


def _latest_reminder(units: Any) -> tuple[Any, Any]:
    """The unit's latest reminder of the cadence (one a cadence day; the newest shown)."""
    latest = (
        select(func.max(notifications.c.id).label("id"))
        .where(
            notifications.c.order_id == units.c.order_id,
            notifications.c.stage_id.is_not_distinct_from(units.c.stage_id),
            notifications.c.event == "reminder",
        )
        .scalar_subquery()
    )
    reminder = notifications.alias("reminder")
    return reminder, reminder.c.id == latest


def _uncollected(
    conn: Connection, now: datetime, settings: StudioSettings, limit: int | None
) -> tuple[list[dict[str, Any]], int]:
    """Told at least ``uncollected_days`` ago (the ready message sent) and still waiting."""
    units = ready_units()
    ready, ready_on = _message(units, "ready")
    reminder, reminder_on = _latest_reminder(units)
    threshold = now - timedelta(days=settings.uncollected_days)
    matching = (
        select(
            units.c.order_id,
            units.c.stage_id,
            ready.c.sent_at.label("notified_at"),
            reminder.c.state.label("reminder"),
        )
        .select_from(units)
        .join(ready, ready_on)
        .outerjoin(reminder, reminder_on)
        .where(ready.c.state == SENT, ready.c.sent_at <= threshold)
    )
    rows = conn.execute(
        _with_facts(matching, units)
        .order_by(ready.c.sent_at, orders.c.order_no, units.c.stage_id)
        .limit(limit)
    ).all()
    entries = [
        {
            **_facts(r),
            "notified_at": _iso(r.notified_at),
            "days_waiting": (now - r.notified_at).days,
            "reminder": r.reminder,
            "order_id": r.order_id,
            "stage_id": r.stage_id,
        }
        for r in rows
    ]
    return entries, _total(rows)


def _pickups_due(
    conn: Connection, today: date, settings: StudioSettings, limit: int
) -> tuple[list[dict[str, Any]], int]:
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
    matching = (
        select(
            orders.c.order_no,
            orders.c.promised_date,
            orders.c.progress,
            missing.c.missing,
            missing.c.last_due,
        )
        .join(missing, missing.c.order_id == orders.c.id)
        .where(orders.c.promised_date <= today + timedelta(days=settings.pickup_window_days))
    )
    rows = conn.execute(
        matching.add_columns(customers.c.name, customers.c.phone)
        .join(customers, customers.c.id == orders.c.customer_id)
        .order_by(orders.c.promised_date, orders.c.order_no)
        .limit(limit)
    )
    entries = [
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
    return entries, _count(conn, matching)


def queue_reminders(engine: Engine, clock: Clock = utc_now, by: str = "system") -> int:
    """Queue the reminders the cadence asks for today; how many were queued.

    :func:`~yinglou_desk.services.pickup.reminders.queue_cadence` says which were
    skipped and why.
    """
    from yinglou_desk.services.pickup.reminders import queue_cadence

    return queue_cadence(engine, clock, by).queued
