"""查件: "where is my order?" answered from any scrap the customer gives.

A query is tried as a label or order number first, then as the end of a phone
number, pinyin initials and a name (exact or start of it). Every lookup uses an
index, so the answer stays instant on a million items.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, Select, case, exists, func, select
from sqlalchemy.orm import aliased

from yinglou_desk.domain.codes import InvalidCode, normalize_code, phone_digits
from yinglou_desk.domain.money import PaymentKind
from yinglou_desk.domain.progress import OrderProgress, is_item_overdue, is_order_overdue
from yinglou_desk.domain.records import ItemView as ItemView  # the views callers show
from yinglou_desk.domain.records import OrderView as OrderView
from yinglou_desk.domain.search import QueryKind, parse_query
from yinglou_desk.domain.states import ItemState
from yinglou_desk.services.clock import local_date, utc_now
from yinglou_desk.services.payments.ledger import Balance
from yinglou_desk.storage.tables import customers, items, orders, payments, stages, vendors

MAX_CUSTOMERS = 50
MAX_ORDERS = 50


def find_orders(engine: Engine, raw_query: str, today: date | None = None) -> list[OrderView]:
    """Every order the query can mean, each with all its items: orders ready for pickup
    first, then those in progress, then the rest, each group by latest activity."""
    today = today or local_date(utc_now())
    parsed = parse_query(raw_query)
    if not parsed.kinds:
        return []
    with engine.connect() as conn:
        order_ids = _direct_orders(conn, parsed.text)
        if not order_ids:
            customer_ids = _matching_customers(conn, parsed.text, parsed.kinds)
            if not customer_ids:
                return []
            order_ids = list(
                conn.execute(
                    select(orders.c.id)
                    .where(orders.c.customer_id.in_(customer_ids))
                    .order_by(*_most_useful_first())
                    .limit(MAX_ORDERS)
                ).scalars()
            )
        return load_orders(conn, order_ids, today)


def _most_useful_first() -> list[Any]:
    """Orders with items waiting on the shelf first (the customer may be at the counter),
    then those still being made, then completed ones; each group by latest activity.

    ``orders.updated_at`` moves with every scan of the order's items; the ready test is an
    ``EXISTS`` on the items' ``order_id`` index, run only for the customers' own orders.
    """
    waiting = (
        exists()
        .where(items.c.order_id == orders.c.id, items.c.state == ItemState.READY.value)
        .correlate(orders)
    )
    group = case(
        (waiting, 0),
        (orders.c.progress != OrderProgress.COMPLETED.value, 1),
        else_=2,
    )
    return [group, orders.c.updated_at.desc(), orders.c.id.desc()]


def _direct_orders(conn: Connection, text: str) -> list[int]:
    """An order number or an item label names one order outright."""
    by_no = conn.execute(select(orders.c.id).where(orders.c.order_no == text)).scalar()
    if by_no is not None:
        return [by_no]
    try:
        code = normalize_code(text)
    except InvalidCode:
        return []
    if code != text:
        by_no = conn.execute(select(orders.c.id).where(orders.c.order_no == code)).scalar()
        if by_no is not None:
            return [by_no]
    by_code = conn.execute(select(items.c.order_id).where(items.c.code == code)).scalar()
    return [by_code] if by_code is not None else []


def _matching_customers(conn: Connection, text: str, kinds: tuple[QueryKind, ...]) -> list[int]:
    found: list[int] = []

    def add(query: Select[Any]) -> None:
        for customer_id in conn.execute(query.limit(MAX_CUSTOMERS)).scalars():
            if customer_id not in found:
                found.append(customer_id)

    if QueryKind.PHONE in kinds:
        digits = phone_digits(text)
        query = select(customers.c.id).where(customers.c.phone_tail == digits[-4:])
        if len(digits) > 4:
            query = query.where(customers.c.phone.endswith(digits, autoescape=True))
        add(query)
    if QueryKind.INITIALS in kinds:
        add(select(customers.c.id).where(customers.c.initials == text.lower()))
    if QueryKind.NAME in kinds:
        add(select(customers.c.id).where(customers.c.name == text))
        add(select(customers.c.id).where(_starts_with(conn, customers.c.name, text)))
    return found[:MAX_CUSTOMERS]


def _starts_with(conn: Connection, column: Any, prefix: str) -> Any:
    """A prefix match that uses the name index on both databases.

    SQLite only uses an index for GLOB (case-sensitive); PostgreSQL uses the
    ``varchar_pattern_ops`` index for LIKE. Wildcards in the text are escaped.
    """
    if conn.dialect.name == "sqlite":
        escaped = "".join(f"[{ch}]" if ch in "*?[]" else ch for ch in prefix)
        return column.op("GLOB")(escaped + "*")
    return column.startswith(prefix, autoescape=True)


def orders_by_id(engine: Engine, order_ids: list[int], today: date) -> list[OrderView]:
    """The orders with these ids as 查件 shows them, in a read of their own."""
    with engine.connect() as conn:
        return load_orders(conn, order_ids, today)


def load_orders(conn: Connection, order_ids: list[int], today: date) -> list[OrderView]:
    if not order_ids:
        return []
    order_rows = conn.execute(
        select(
            orders.c.id,
            orders.c.order_no,
            customers.c.name,
            customers.c.phone,
            orders.c.package,
            orders.c.store,
            orders.c.shoot_date,
            orders.c.promised_date,
            orders.c.progress,
            orders.c.next_due_back,
            orders.c.price_fen,
        )
        .join(customers, customers.c.id == orders.c.customer_id)
        .where(orders.c.id.in_(order_ids))
    ).all()
    money = _money_of(conn, order_ids)
    views: dict[int, OrderView] = {}
    for r in order_rows:
        balance = Balance(r.price_fen, *money.get(r.id, (0, 0)))
        views[r.id] = OrderView(
            order_no=r.order_no,
            customer=r.name,
            phone=r.phone,
            package=r.package,
            store=r.store,
            shoot_date=r.shoot_date,
            promised_date=r.promised_date,
            progress=r.progress,
            overdue=is_order_overdue(r.next_due_back, today),
            next_due_back=r.next_due_back,
            price=balance.price,
            paid=balance.paid,
            due=balance.due,
        )
    current_vendor = aliased(vendors)
    planned_vendor = aliased(vendors)
    item_rows = conn.execute(
        select(
            items,
            current_vendor.c.name.label("vendor_name"),
            planned_vendor.c.name.label("planned_vendor_name"),
            stages.c.name.label("stage_name"),
        )
        .outerjoin(current_vendor, current_vendor.c.id == items.c.vendor_id)
        .outerjoin(planned_vendor, planned_vendor.c.id == items.c.planned_vendor_id)
        .outerjoin(stages, stages.c.id == items.c.stage_id)
        .where(items.c.order_id.in_(order_ids))
        .order_by(items.c.order_id, stages.c.seq, items.c.id)
    )
    for r in item_rows:
        state = ItemState(r.state)
        views[r.order_id].items.append(
            ItemView(
                code=r.code,
                product=r.product,
                spec=r.spec,
                qty=r.qty,
                vendor=r.vendor_name or r.planned_vendor_name,
                stage=r.stage_name,
                state=state.value,
                overdue=is_item_overdue(state, r.expected_return, today),
                unit_cost=r.unit_cost,
                sent_at=r.sent_at,
                expected_return=r.expected_return,
                returned_at=r.returned_at,
                picked_up_at=r.picked_up_at,
                shelf_slot=r.shelf_slot,
                rework_count=r.rework_count,
            )
        )
    return [views[i] for i in order_ids if i in views]


def _money_of(conn: Connection, order_ids: list[int]) -> dict[int, tuple[int, int]]:
    """Paid and waived fen of each order with payment rows, in one grouped query
    (the same sums as :func:`~yinglou_desk.services.payments.ledger.balance_in`)."""
    waiver = payments.c.kind == PaymentKind.WAIVER.value
    rows = conn.execute(
        select(
            payments.c.order_id,
            func.coalesce(func.sum(case((waiver, 0), else_=payments.c.amount_fen)), 0),
            func.coalesce(func.sum(case((waiver, payments.c.amount_fen), else_=0)), 0),
        )
        .where(payments.c.order_id.in_(order_ids))
        .group_by(payments.c.order_id)
    )
    return {int(r[0]): (int(r[1]), int(r[2])) for r in rows}
