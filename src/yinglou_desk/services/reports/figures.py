"""The manager's figures: how fast each lab works, how often its work comes back, who scans.

Every figure is one aggregate query (``GROUP BY`` and window functions, run
by the database): no table is read whole into Python, so a year of a busy
studio costs a handful of small result sets. The same SQL runs on SQLite and
PostgreSQL; the one thing the two spell differently — turning a timestamp
into a day count — lives in :func:`_julian`.

Definitions (a period is the last N calendar days of the studio, today included):

* **Turnaround per vendor** — items whose latest return (``items.returned_at``)
  falls in the period: days from that send-out to that return; median, 90th
  percentile (nearest rank: the ⌈0.9·n⌉-th smallest) and the share that came
  back on a later calendar day than expected. An item sent again for rework
  counts with its redo once the redo is back (the items table keeps only the
  latest trip; the scan log does not record the vendor of older trips).
* **Rework rate** per vendor and per product — accepted ``flag_rework`` scans
  in the period divided by accepted check-ins in the period (a redo coming
  back is a check-in too); per reason — the reasons typed at check-in
  (``scan_log.detail``) and their share of all reworks.
* **Items out now** per vendor — items at the vendor, and how many are overdue.
* **Order cycle** — orders whose every item (cancelled ones aside) has been
  picked up, the last pickup in the period: days from the shoot date to the
  last pickup; median, 90th percentile and mean.
* **Scans per operator per day** — every scan logged, and how many were accepted.
* **Complaints avoided** — pickups completed in the period (an order, or one
  stage of a growth package) whose items were all handed over on one calendar
  day: the customer came once and took everything, nothing was missing.

A scan taken back with undo does not count in the rework figures (the undo
row points at it: :func:`~.scan_records.not_undone`); scans per operator count
every scan made, undone or not — that is the work done at the station.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Float,
    Integer,
    and_,
    case,
    cast,
    extract,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.sql import ColumnElement

from yinglou_desk import catalogue
from yinglou_desk.domain.states import Action, ItemState
from yinglou_desk.services.clock import Clock, local_date, utc_now
from yinglou_desk.services.reconciliation.vendor_history import Period
from yinglou_desk.services.scanning.records import not_undone
from yinglou_desk.storage.errors import environment_errors
from yinglou_desk.storage.tables import items, orders, scan_log, vendors

PERIOD_CHOICES = (30, 90, 365)
_UNIX_EPOCH_JD = 2440587.5  # the Julian day number of 1970-01-01 00:00
_ORDINAL_TO_JDN = 1721425  # date.toordinal() + this = Julian day number (at noon)
_ACCEPTED = "accepted"


@dataclass(frozen=True)
class VendorTurnaround:
    vendor: str
    returned: int
    median_days: float | None
    p90_days: float | None
    late: int

    @property
    def overdue_share(self) -> float | None:
        return self.late / self.returned if self.returned else None


@dataclass(frozen=True)
class ReworkRate:
    name: str  # the vendor or the product
    delivered: int
    reworked: int

    @property
    def rate(self) -> float | None:
        return self.reworked / self.delivered if self.delivered else None


@dataclass(frozen=True)
class ReworkReason:
    reason: str
    count: int
    share: float


@dataclass(frozen=True)
class ItemsOut:
    vendor: str
    out: int
    overdue: int


@dataclass(frozen=True)
class OrderCycle:
    orders: int
    median_days: float | None
    p90_days: float | None
    mean_days: float | None


@dataclass(frozen=True)
class OperatorDay:
    operator: str
    day: date
    scans: int
    accepted: int


@dataclass(frozen=True)
class FirstVisit:
    pickups: int  # orders or stages completed in the period
    first_visit: int  # of which everything was handed over on one day

    @property
    def share(self) -> float | None:
        return self.first_visit / self.pickups if self.pickups else None


@dataclass
class Figures:
    period: Period
    turnaround: list[VendorTurnaround] = field(default_factory=list)
    rework_by_vendor: list[ReworkRate] = field(default_factory=list)
    rework_by_product: list[ReworkRate] = field(default_factory=list)
    rework_by_reason: list[ReworkReason] = field(default_factory=list)
    items_out: list[ItemsOut] = field(default_factory=list)
    cycle: OrderCycle = field(default_factory=lambda: OrderCycle(0, None, None, None))
    scans: list[OperatorDay] = field(default_factory=list)
    first_visit: FirstVisit = field(default_factory=lambda: FirstVisit(0, 0))

    def scans_per_operator(self) -> dict[str, int]:
        """Scans in the whole period per operator, busiest first (for the chart)."""
        totals: dict[str, int] = {}
        for row in self.scans:
            totals[row.operator] = totals.get(row.operator, 0) + row.scans
        return dict(sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])))


def last_days(today: date, days: int) -> Period:
    """The last ``days`` calendar days, today included."""
    if days < 1:
        raise ValueError(catalogue.text("input.period_too_short"))
    return Period(today - timedelta(days=days - 1), today)


def figures(engine: Engine, clock: Clock = utc_now, days: int = 30) -> Figures:
    """All figures for the last ``days`` days as of ``clock()``; reads only."""
    now = clock()
    today = local_date(now)
    period = last_days(today, days)
    offset = now.astimezone().utcoffset() or timedelta(0)
    with environment_errors(), engine.connect() as conn:
        sql = _Sql(conn, offset.total_seconds() / 86400)
        result = Figures(period)
        result.turnaround = _turnaround(sql, period)
        result.rework_by_vendor = _rework_rates(sql, period, by_vendor=True)
        result.rework_by_product = _rework_rates(sql, period, by_vendor=False)
        result.rework_by_reason = _rework_reasons(sql, period)
        result.items_out = _items_out(sql, today)
        result.cycle = _order_cycle(sql, period)
        result.scans = _scans(sql, period)
        result.first_visit = _first_visit(sql, period)
    return result


class _Sql:
    """The dialect-specific bits: timestamps and dates as (local) Julian day numbers."""

    def __init__(self, conn: Connection, offset_days: float) -> None:
        self.conn = conn
        self.postgres = conn.dialect.name == "postgresql"
        self.offset = offset_days

    def julian(self, column: Any) -> ColumnElement[Any]:
        """A stored UTC timestamp or a date as a fractional Julian day (UTC / nominal)."""
        if self.postgres:
            return cast(extract("epoch", column), Float) / 86400.0 + _UNIX_EPOCH_JD
        return cast(func.julianday(column), Float)

    def local_julian(self, column: Any) -> ColumnElement[Any]:
        """A stored UTC timestamp as a Julian day in the studio's local time."""
        return self.julian(column) + self.offset

    def day_number(self, julian: ColumnElement[Any]) -> ColumnElement[Any]:
        """The calendar day (as a Julian day number) a fractional Julian day falls on."""
        shifted = julian + 0.5
        if self.postgres:
            return cast(func.floor(shifted), Integer)
        return cast(shifted, Integer)  # SQLite truncates toward zero; days are positive

    def in_period(self, column: Any, period: Period) -> ColumnElement[bool]:
        return and_(column >= period.first_moment, column < period.after_last_moment)


def _from_day_number(number: int) -> date:
    return date.fromordinal(int(number) - _ORDINAL_TO_JDN)


def _ranked(subquery: Any, value: Any, partition: Any | None) -> Any:
    """The subquery's rows with each value's rank and the group size (for percentiles)."""
    over: dict[str, Any] = {"order_by": value}
    if partition is not None:
        over["partition_by"] = partition
    return select(
        subquery,
        func.row_number().over(**over).label("rn"),
        func.count().over(partition_by=partition).label("n"),
    ).subquery()


def _median(ranked: Any, value: Any) -> Any:
    """The middle value (the mean of the two middle ones for an even count)."""
    middle = or_(ranked.c.rn == (ranked.c.n + 1) // 2, ranked.c.rn == (ranked.c.n + 2) // 2)
    return func.avg(case((middle, value)))


def _p90(ranked: Any, value: Any) -> Any:
    """Nearest rank: the ⌈0.9·n⌉-th smallest value."""
    return func.max(case((ranked.c.rn == (ranked.c.n * 9 + 9) // 10, value)))


def _round(value: Any) -> float | None:
    return None if value is None else round(float(value), 1)


def _turnaround(sql: _Sql, period: Period) -> list[VendorTurnaround]:
    late = case(
        (
            sql.day_number(sql.local_julian(items.c.returned_at))
            > sql.day_number(sql.julian(items.c.expected_return)),
            1,
        ),
        else_=0,
    )
    trips = (
        select(
            items.c.vendor_id,
            (sql.julian(items.c.returned_at) - sql.julian(items.c.sent_at)).label("days"),
            late.label("late"),
        )
        .where(
            sql.in_period(items.c.returned_at, period),
            items.c.sent_at.is_not(None),
            items.c.vendor_id.is_not(None),
        )
        .subquery()
    )
    ranked = _ranked(trips, trips.c.days, trips.c.vendor_id)
    rows = sql.conn.execute(
        select(
            vendors.c.name,
            func.count().label("returned"),
            _median(ranked, ranked.c.days).label("median"),
            _p90(ranked, ranked.c.days).label("p90"),
            func.sum(ranked.c.late).label("late"),
        )
        .select_from(ranked)
        .join(vendors, vendors.c.id == ranked.c.vendor_id)
        .group_by(vendors.c.name)
        .order_by(vendors.c.name)
    )
    return [
        VendorTurnaround(r.name, int(r.returned), _round(r.median), _round(r.p90), int(r.late))
        for r in rows
    ]


def _rework_rates(sql: _Sql, period: Period, *, by_vendor: bool) -> list[ReworkRate]:
    name = vendors.c.name if by_vendor else items.c.product
    delivered = func.sum(case((scan_log.c.action == Action.CHECK_IN.value, 1), else_=0))
    reworked = func.sum(case((scan_log.c.action == Action.FLAG_REWORK.value, 1), else_=0))
    query = (
        select(name.label("name"), delivered.label("delivered"), reworked.label("reworked"))
        .select_from(scan_log)
        .join(items, items.c.id == scan_log.c.item_id)
        .where(
            sql.in_period(scan_log.c.at, period),
            scan_log.c.outcome == _ACCEPTED,
            scan_log.c.action.in_([Action.CHECK_IN.value, Action.FLAG_REWORK.value]),
            not_undone(),
        )
        .group_by(name)
        .order_by(name)
    )
    if by_vendor:
        query = query.join(vendors, vendors.c.id == items.c.vendor_id)
    return [ReworkRate(r.name, int(r.delivered), int(r.reworked)) for r in sql.conn.execute(query)]


def _rework_reasons(sql: _Sql, period: Period) -> list[ReworkReason]:
    reason = func.coalesce(
        func.nullif(func.trim(scan_log.c.detail), ""), literal(catalogue.text("scanning.no_reason"))
    )
    rows = sql.conn.execute(
        select(reason.label("reason"), func.count().label("n"))
        .where(
            sql.in_period(scan_log.c.at, period),
            scan_log.c.outcome == _ACCEPTED,
            scan_log.c.action == Action.FLAG_REWORK.value,
            not_undone(),
        )
        .group_by(reason)
        .order_by(func.count().desc(), reason)
    ).all()
    total = sum(int(r.n) for r in rows)
    return [ReworkReason(r.reason, int(r.n), int(r.n) / total) for r in rows]


def _items_out(sql: _Sql, today: date) -> list[ItemsOut]:
    overdue = func.sum(case((items.c.expected_return < today, 1), else_=0))
    rows = sql.conn.execute(
        select(vendors.c.name, func.count().label("out"), overdue.label("overdue"))
        .select_from(items)
        .join(vendors, vendors.c.id == items.c.vendor_id)
        .where(items.c.state == ItemState.SENT_OUT.value)
        .group_by(vendors.c.name)
        .order_by(func.count().desc(), vendors.c.name)
    )
    return [ItemsOut(r.name, int(r.out), int(r.overdue)) for r in rows]


def _picked_up_units(*group: Any) -> Any:
    """Per order (or order and stage): items to hand over, handed over, first and last pickup."""
    return (
        select(
            *group,
            func.count().label("item_count"),
            func.count(items.c.picked_up_at).label("picked"),
            func.min(items.c.picked_up_at).label("first_pickup"),
            func.max(items.c.picked_up_at).label("last_pickup"),
        )
        .where(items.c.state != ItemState.CANCELLED.value)
        .group_by(*group)
        .subquery()
    )


def _order_cycle(sql: _Sql, period: Period) -> OrderCycle:
    units = _picked_up_units(items.c.order_id)
    cycles = (
        select(
            (
                sql.day_number(sql.local_julian(units.c.last_pickup))
                - sql.day_number(sql.julian(orders.c.shoot_date))
            ).label("days")
        )
        .join(orders, orders.c.id == units.c.order_id)
        .where(
            units.c.picked == units.c.item_count,
            sql.in_period(units.c.last_pickup, period),
            orders.c.shoot_date.is_not(None),
        )
        .subquery()
    )
    ranked = _ranked(cycles, cycles.c.days, None)
    row = sql.conn.execute(
        select(
            func.count().label("n"),
            _median(ranked, ranked.c.days).label("median"),
            _p90(ranked, ranked.c.days).label("p90"),
            func.avg(ranked.c.days).label("mean"),
        )
    ).one()
    return OrderCycle(int(row.n), _round(row.median), _round(row.p90), _round(row.mean))


def _first_visit(sql: _Sql, period: Period) -> FirstVisit:
    units = _picked_up_units(items.c.order_id, items.c.stage_id)
    one_day = case(
        (
            sql.day_number(sql.local_julian(units.c.first_pickup))
            == sql.day_number(sql.local_julian(units.c.last_pickup)),
            1,
        ),
        else_=0,
    )
    row = sql.conn.execute(
        select(func.count().label("n"), func.sum(one_day).label("once")).where(
            units.c.picked == units.c.item_count, sql.in_period(units.c.last_pickup, period)
        )
    ).one()
    return FirstVisit(int(row.n), int(row.once or 0))


def _scans(sql: _Sql, period: Period) -> list[OperatorDay]:
    day = sql.day_number(sql.local_julian(scan_log.c.at)).label("day")
    accepted = func.sum(case((scan_log.c.outcome == _ACCEPTED, 1), else_=0))
    rows = sql.conn.execute(
        select(
            scan_log.c.operator_name,
            day,
            func.count().label("scans"),
            accepted.label("accepted"),
        )
        .where(sql.in_period(scan_log.c.at, period))
        .group_by(scan_log.c.operator_name, day)
        .order_by(day, scan_log.c.operator_name)
    )
    return [
        OperatorDay(r.operator_name, _from_day_number(r.day), int(r.scans), int(r.accepted))
        for r in rows
    ]
