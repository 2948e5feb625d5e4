"""What happened to a vendor's items, read from the scan log: the facts reconciliation needs.

The items table holds only an item's *latest* send-out and return (a rework
send-out overwrites ``sent_at`` and clears ``returned_at``); the scan log
holds every accepted move. So the first send-out, the first check-in and
the rework reasons come from the log, the current state and cost from the
item. A move taken back with undo is not a move: those rows are left out.

Vendor attribution: the log does not record which vendor a send-out went to,
so an item counts for the vendor it was last sent to (``items.vendor_id``).
Reworks almost always go back to the lab that made the item; an item reworked
at a different lab appears in that lab's reconciliation only.

Periods are the studio's calendar days (local time), both ends included.

THE PERIOD RULE (:func:`delivered_in`), one for the vendor export and the
statement check alike: a vendor's statement for a period covers the items this
vendor *delivered back* in the period — the item's first accepted check-in
(undone scans left out) falls on one of the period's days. A rework coming
back later is not a new delivery, and the day an item was sent out does not
matter: an item sent on 28 October and back on 3 November is November's. What
the lab claims to have shipped but the studio has not yet received is judged
line by line (``billed_not_received``), not by this rule. Items sent and not
back by the period's last day (:func:`still_out_at_end`) are listed for the
lab's information, never as items to bill.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, select

from yinglou_desk import catalogue
from yinglou_desk.domain.states import Action, ItemState
from yinglou_desk.services.scanning.records import not_undone
from yinglou_desk.storage.tables import customers, items, orders, scan_log

_CHUNK = 500
_HISTORY_ACTIONS = (Action.SEND_OUT.value, Action.CHECK_IN.value, Action.FLAG_REWORK.value)


FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)


def day_fits(day: date) -> bool:
    """Whether a period may start or end on ``day``: the calendar's own ends
    (0001-01-01, 9999-12-31) overflow the arithmetic that turns days into moments."""
    return FIRST_DAY <= day <= LAST_DAY


@dataclass(frozen=True)
class Period:
    """From ``start`` to ``end``, both included, as calendar days of the studio
    (between :data:`FIRST_DAY` and :data:`LAST_DAY`; else ``ValueError``, said plainly)."""

    start: date
    end: date

    def __post_init__(self) -> None:
        for day in (self.start, self.end):
            if not day_fits(day):
                raise ValueError(
                    catalogue.text("date.out_of_range", value=day, first=FIRST_DAY, last=LAST_DAY)
                )
        if self.end < self.start:
            raise ValueError(
                catalogue.text("input.period_backwards", end=self.end, start=self.start)
            )

    @property
    def first_moment(self) -> datetime:
        return datetime.combine(self.start, time.min).astimezone()

    @property
    def after_last_moment(self) -> datetime:
        return datetime.combine(self.end + timedelta(days=1), time.min).astimezone()

    def holds(self, moment: datetime | None) -> bool:
        return moment is not None and self.first_moment <= moment < self.after_last_moment

    def __str__(self) -> str:
        return f"{self.start.isoformat()} – {self.end.isoformat()}"


@dataclass
class History:
    """One item's accepted moves, oldest first."""

    sends: list[tuple[datetime, str]] = field(default_factory=list)  # (at, operator)
    check_ins: list[datetime] = field(default_factory=list)
    reworks: list[tuple[datetime, str | None]] = field(default_factory=list)  # (at, reason)

    @property
    def first_send(self) -> datetime | None:
        return self.sends[0][0] if self.sends else None

    @property
    def first_check_in(self) -> datetime | None:
        return self.check_ins[0] if self.check_ins else None


def chunks(values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def histories(conn: Connection, item_ids: Sequence[int]) -> dict[int, History]:
    """The accepted send-outs, check-ins and rework flags of these items."""
    found: dict[int, History] = {item_id: History() for item_id in item_ids}
    for chunk in chunks(item_ids):
        rows = conn.execute(
            select(
                scan_log.c.item_id,
                scan_log.c.action,
                scan_log.c.at,
                scan_log.c.operator_name,
                scan_log.c.detail,
            )
            .where(
                scan_log.c.item_id.in_(chunk),
                scan_log.c.outcome == "accepted",
                scan_log.c.action.in_(_HISTORY_ACTIONS),
                not_undone(),
            )
            .order_by(scan_log.c.id)
        )
        for row in rows:
            history = found[row.item_id]
            if row.action == Action.SEND_OUT.value:
                history.sends.append((row.at, row.operator_name))
            elif row.action == Action.CHECK_IN.value:
                history.check_ins.append(row.at)
            else:
                history.reworks.append((row.at, row.detail))
    return found


def items_moved_in(conn: Connection, vendor_id: int, action: Action, period: Period) -> list[int]:
    """Items of this vendor with an accepted ``action`` scan in the period (index on ``at``)."""
    rows = conn.execute(
        select(scan_log.c.item_id)
        .distinct()
        .join(items, items.c.id == scan_log.c.item_id)
        .where(
            scan_log.c.at >= period.first_moment,
            scan_log.c.at < period.after_last_moment,
            scan_log.c.action == action.value,
            scan_log.c.outcome == "accepted",
            items.c.vendor_id == vendor_id,
            not_undone(),
        )
    )
    return sorted(rows.scalars())


def first_sent_in(conn: Connection, vendor_id: int, period: Period) -> dict[int, History]:
    """Items of the vendor whose first send-out falls in the period, with their histories."""
    found = histories(conn, items_moved_in(conn, vendor_id, Action.SEND_OUT, period))
    return {item_id: h for item_id, h in found.items() if period.holds(h.first_send)}


def first_received_in(conn: Connection, vendor_id: int, period: Period) -> dict[int, History]:
    """Items of the vendor whose first check-in (the delivery) falls in the period."""
    found = histories(conn, items_moved_in(conn, vendor_id, Action.CHECK_IN, period))
    return {item_id: h for item_id, h in found.items() if period.holds(h.first_check_in)}


def delivered_in(conn: Connection, vendor_id: int, period: Period) -> dict[int, History]:
    """THE period rule: the items a statement of this vendor for ``period`` covers.

    An item belongs to the period in which this vendor first delivered it back:
    its first accepted check-in falls on one of the period's days (the studio's
    local calendar). Used by the vendor export (its item rows) and by the check
    (what should be billed); see the module's docstring.
    """
    return first_received_in(conn, vendor_id, period)


def still_out_at_end(conn: Connection, vendor_id: int, period: Period) -> dict[int, History]:
    """Items sent to this vendor on or before the period's last day and not delivered
    back by then: the lab has them (or had them, at the end of the period)."""
    end = period.after_last_moment
    out_now = conn.execute(
        select(items.c.id).where(
            items.c.vendor_id == vendor_id, items.c.state == ItemState.SENT_OUT.value
        )
    ).scalars()
    candidates = set(out_now)
    if period.end < LAST_DAY:
        later = Period(period.end + timedelta(days=1), LAST_DAY)
        candidates.update(items_moved_in(conn, vendor_id, Action.CHECK_IN, later))
    found = histories(conn, sorted(candidates))
    return {
        item_id: h
        for item_id, h in found.items()
        if h.first_send is not None
        and h.first_send < end
        and (h.first_check_in is None or h.first_check_in >= end)
    }


ITEM_COLUMNS = (
    items.c.id,
    items.c.code,
    items.c.product,
    items.c.spec,
    items.c.qty,
    items.c.unit_cost,
    items.c.state,
    items.c.vendor_id,
    items.c.returned_at,
    items.c.rework_count,
    orders.c.order_no,
    customers.c.name.label("customer"),
)


def _items_where(conn: Connection, column: Any, values: Sequence[Any], *extra: Any) -> list[Any]:
    rows: list[Any] = []
    for chunk in chunks(values):
        rows.extend(
            conn.execute(
                select(*ITEM_COLUMNS)
                .join(orders, orders.c.id == items.c.order_id)
                .join(customers, customers.c.id == orders.c.customer_id)
                .where(column.in_(chunk), *extra)
            ).all()
        )
    rows.sort(key=lambda row: row.id)
    return rows


def item_rows(conn: Connection, item_ids: Sequence[int]) -> list[Any]:
    """The items with their order number and customer name (never the phone), by id."""
    return _items_where(conn, items.c.id, item_ids)


def item_rows_by_code(conn: Connection, vendor_id: int, codes: Sequence[str]) -> list[Any]:
    """Those of these codes that this vendor had."""
    return _items_where(conn, items.c.code, codes, items.c.vendor_id == vendor_id)


def item_rows_by_order(conn: Connection, vendor_id: int, order_nos: Sequence[str]) -> list[Any]:
    """This vendor's items of these orders."""
    return _items_where(conn, orders.c.order_no, order_nos, items.c.vendor_id == vendor_id)
