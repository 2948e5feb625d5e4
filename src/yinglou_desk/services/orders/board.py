"""The board (看板): orders as pages of a lazily loaded list, plus each order's timeline.

The desk's board model asks for one page at a time (``LIMIT``/``OFFSET`` with
the order id as tie-breaker so pages never overlap), so the list opens at once
on 100,000 orders. Every filter maps to an indexed column or an ``EXISTS`` on
``items.order_id``; the count for the status line is a separate query the
model runs once per filter change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, Engine, Select, and_, case, exists, func, or_, select

from yinglou_desk.domain.progress import OrderProgress, is_order_overdue
from yinglou_desk.domain.records import OrderView
from yinglou_desk.domain.states import ItemState
from yinglou_desk.services.orders.query import load_orders
from yinglou_desk.storage.tables import customers, items, orders, scan_log, vendors

PAGE_SIZE = 200


class SortKey(StrEnum):
    NEWEST = "newest"
    ORDER_NO = "order_no"
    CUSTOMER = "customer"
    STORE = "store"
    PROGRESS = "progress"
    NEXT_DUE_BACK = "next_due_back"
    PROMISED = "promised_date"
    UPDATED = "updated_at"


_SORT_COLUMNS: dict[SortKey, Any] = {
    SortKey.NEWEST: orders.c.id,
    SortKey.ORDER_NO: orders.c.order_no,
    SortKey.CUSTOMER: customers.c.name,
    SortKey.STORE: orders.c.store,
    SortKey.PROGRESS: orders.c.progress,
    SortKey.NEXT_DUE_BACK: orders.c.next_due_back,
    SortKey.PROMISED: orders.c.promised_date,
    SortKey.UPDATED: orders.c.updated_at,
}


@dataclass(frozen=True)
class BoardFilter:
    """What the board shows; ``None`` means "any".

    Completed orders are left out unless ``include_completed`` (the board's 全部) or
    ``progress`` asks for them (its 已完成).
    """

    progress: str | None = None
    vendor_id: int | None = None
    store: str | None = None
    overdue_only: bool = False
    pickup_due_only: bool = False
    include_completed: bool = False


@dataclass(frozen=True)
class BoardRow:
    order_id: int
    order_no: str
    customer: str
    phone: str | None
    store: str | None
    package: str | None
    progress: str
    overdue: bool
    next_due_back: date | None
    promised_date: date | None
    updated_at: datetime
    items_total: int
    items_back: int


@dataclass(frozen=True)
class TimelineRow:
    id: int
    at: datetime
    operator: str
    workstation: str
    station: str
    action: str
    code: str
    outcome: str
    from_state: str | None
    to_state: str | None
    message: str
    detail: str | None


def _filtered(query: Select[Any], filt: BoardFilter, today: date) -> Select[Any]:
    if filt.progress:
        query = query.where(orders.c.progress == filt.progress)
    elif not filt.include_completed:
        query = query.where(orders.c.progress != OrderProgress.COMPLETED.value)
    if filt.store:
        query = query.where(orders.c.store == filt.store)
    if filt.overdue_only:
        query = query.where(orders.c.next_due_back < today)
    if filt.vendor_id is not None:
        query = query.where(
            exists().where(
                items.c.order_id == orders.c.id,
                or_(
                    items.c.vendor_id == filt.vendor_id,
                    and_(items.c.vendor_id.is_(None), items.c.planned_vendor_id == filt.vendor_id),
                ),
            )
        )
    if filt.pickup_due_only:
        query = query.where(
            exists().where(items.c.order_id == orders.c.id, items.c.state == ItemState.READY.value)
        )
    return query


def count_orders(conn: Connection, filt: BoardFilter, today: date) -> int:
    query = _filtered(select(func.count()).select_from(orders), filt, today)
    return int(conn.execute(query).scalar_one())


def fetch_page(
    conn: Connection,
    filt: BoardFilter,
    today: date,
    offset: int,
    limit: int = PAGE_SIZE,
    sort: SortKey = SortKey.NEWEST,
    descending: bool = True,
) -> list[BoardRow]:
    column = _SORT_COLUMNS[sort]
    tie = orders.c.id.desc() if descending else orders.c.id.asc()
    ordering = [column.desc() if descending else column.asc()]
    if sort is not SortKey.NEWEST:
        ordering.append(tie)
    query = (
        select(
            orders.c.id,
            orders.c.order_no,
            customers.c.name,
            customers.c.phone,
            orders.c.store,
            orders.c.package,
            orders.c.progress,
            orders.c.next_due_back,
            orders.c.promised_date,
            orders.c.updated_at,
        )
        .join(customers, customers.c.id == orders.c.customer_id)
        .order_by(*ordering)
        .offset(offset)
        .limit(limit)
    )
    rows = conn.execute(_filtered(query, filt, today)).all()
    counts = _item_counts(conn, [r.id for r in rows])
    return [
        BoardRow(
            order_id=r.id,
            order_no=r.order_no,
            customer=r.name,
            phone=r.phone,
            store=r.store,
            package=r.package,
            progress=r.progress,
            overdue=is_order_overdue(r.next_due_back, today),
            next_due_back=r.next_due_back,
            promised_date=r.promised_date,
            updated_at=r.updated_at,
            items_total=counts.get(r.id, (0, 0))[0],
            items_back=counts.get(r.id, (0, 0))[1],
        )
        for r in rows
    ]


def _item_counts(conn: Connection, order_ids: list[int]) -> dict[int, tuple[int, int]]:
    """(active items, items back or picked up) per order; cancelled items do not count."""
    if not order_ids:
        return {}
    back = (ItemState.READY.value, ItemState.PICKED_UP.value)
    rows = conn.execute(
        select(
            items.c.order_id,
            func.count(),
            func.sum(case((items.c.state.in_(back), 1), else_=0)),
        )
        .where(items.c.order_id.in_(order_ids), items.c.state != ItemState.CANCELLED.value)
        .group_by(items.c.order_id)
    )
    return {r[0]: (int(r[1]), int(r[2] or 0)) for r in rows}


def filter_choices(conn: Connection) -> tuple[list[str], list[tuple[int, str]]]:
    """The stores and vendors the filter boxes offer."""
    stores = [
        s
        for s in conn.execute(
            select(orders.c.store).where(orders.c.store.is_not(None)).distinct()
        ).scalars()
    ]
    vendor_rows = conn.execute(
        select(vendors.c.id, vendors.c.name)
        .where(vendors.c.active.is_(True))
        .order_by(vendors.c.name)
    )
    return sorted(stores), [(r.id, r.name) for r in vendor_rows]


def order_timeline(conn: Connection, order_id: int) -> list[TimelineRow]:
    """Every scan and change of the order's items, oldest first."""
    rows = conn.execute(
        select(scan_log).where(scan_log.c.order_id == order_id).order_by(scan_log.c.id)
    )
    return [
        TimelineRow(
            id=r.id,
            at=r.at,
            operator=r.operator_name,
            workstation=r.workstation,
            station=r.station,
            action=r.action,
            code=r.code,
            outcome=r.outcome,
            from_state=r.from_state,
            to_state=r.to_state,
            message=r.message,
            detail=r.detail,
        )
        for r in rows
    ]


# -- for the screens: each call is its own short read ------------------------------------


def board_count(engine: Engine, filt: BoardFilter, today: date) -> int:
    """How many orders the filter matches (the board's true count)."""
    with engine.connect() as conn:
        return count_orders(conn, filt, today)


def board_page(
    engine: Engine,
    filt: BoardFilter,
    today: date,
    offset: int,
    limit: int,
    sort: SortKey,
    descending: bool,
) -> list[BoardRow]:
    """One page of the board, as :func:`fetch_page`, in a read of its own."""
    with engine.connect() as conn:
        return fetch_page(conn, filt, today, offset, limit, sort, descending)


def board_choices(engine: Engine) -> tuple[list[str], list[tuple[int, str]]]:
    """The stores and active vendors the board's filters offer."""
    with engine.connect() as conn:
        return filter_choices(conn)


def order_with_timeline(
    engine: Engine, order_id: int, today: date
) -> tuple[list[OrderView], list[TimelineRow]]:
    """An order as 查件 shows it and every scan of its items, read together."""
    with engine.connect() as conn:
        return load_orders(conn, [order_id], today), order_timeline(conn, order_id)
