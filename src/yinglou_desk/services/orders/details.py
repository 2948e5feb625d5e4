"""The front desk corrects an order: the customer's name and phone, the promised pickup date
and the order's note.

A customer calls with a new phone number, or the pickup date agreed at the
shoot moves: the desk fixes it in place instead of re-importing. The name and
phone belong to the customer, so they change for every order of that customer
(the dialog says how many); the promised date and the note belong to this
order. Everything changed is written to the audit log with the values before
and after, in the same transaction, with who and which PC. The search keys
(last four digits of the phone, pinyin initials) follow the new values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine, func, select

from yinglou_desk.domain.codes import phone_tail
from yinglou_desk.domain.roles import Actor, Permission, require
from yinglou_desk.domain.search import name_initials
from yinglou_desk.domain.sheet_values import CellError, clean_name, parse_phone
from yinglou_desk.domain.wording import WordedError
from yinglou_desk.services.clock import Clock, utc_now
from yinglou_desk.services.staff import audit
from yinglou_desk.storage.engine import read_transaction, write_transaction
from yinglou_desk.storage.errors import environment_errors
from yinglou_desk.storage.tables import customers, orders

MAX_NOTES = 2000
MAX_NAME = 100


class OrderEditRefused(WordedError, ValueError):
    """The correction cannot be saved; ``key`` says why. Nothing changed."""


@dataclass(frozen=True)
class OrderDetails:
    """What the desk may correct, as it is now."""

    order_no: str
    customer: str
    phone: str | None
    promised_date: date | None
    notes: str | None
    shoot_date: date | None
    other_orders: int  # the customer's other orders, which share name and phone


def order_details(engine: Engine, order_no: str) -> OrderDetails:
    with environment_errors(), read_transaction(engine) as conn:
        row = conn.execute(_details_query(order_no)).first()
        if row is None:
            raise OrderEditRefused("orders.no_such_order", order_no=order_no)
        others = conn.execute(
            select(func.count()).where(
                orders.c.customer_id == row.customer_id, orders.c.id != row.id
            )
        ).scalar_one()
    return OrderDetails(
        row.order_no,
        row.name,
        row.phone,
        row.promised_date,
        row.notes,
        row.shoot_date,
        int(others),
    )


def correct_order(
    engine: Engine,
    order_no: str,
    *,
    customer: str,
    phone: str | None,
    promised_date: date | None,
    notes: str | None,
    actor: Actor | None,
    operator_name: str,
    clock: Clock = utc_now,
) -> dict[str, list[Any]]:
    """Save the desk's correction; returns ``{field: [before, after]}`` of what changed."""
    require(actor, Permission.EDIT_CUSTOMERS)
    name, digits, note = _checked(customer, phone, notes)
    now = clock()
    with environment_errors(), write_transaction(engine) as conn:
        row = conn.execute(_details_query(order_no).with_for_update()).first()
        if row is None:
            raise OrderEditRefused("orders.no_such_order", order_no=order_no)
        if promised_date is not None and row.shoot_date and promised_date < row.shoot_date:
            raise OrderEditRefused(
                "orders.promised_before_shoot", promised=promised_date, shoot=row.shoot_date
            )
        wanted = {"customer": name, "phone": digits, "promised_date": promised_date, "notes": note}
        before = {
            "customer": row.name,
            "phone": row.phone,
            "promised_date": row.promised_date,
            "notes": row.notes,
        }
        changed = {k: [before[k], v] for k, v in wanted.items() if before[k] != v}
        if not changed:
            return {}
        if "customer" in changed or "phone" in changed:
            conn.execute(
                customers.update()
                .where(customers.c.id == row.customer_id)
                .values(
                    name=name,
                    phone=digits,
                    phone_tail=phone_tail(digits),
                    initials=name_initials(name)[:32] or None,
                )
            )
        if "promised_date" in changed or "notes" in changed:
            conn.execute(
                orders.update()
                .where(orders.c.id == row.id)
                .values(promised_date=promised_date, notes=note, updated_at=now)
            )
        audit.record(conn, now, operator_name, "order.correct", order_no, changed)
    return changed


def _details_query(order_no: str) -> Any:
    return (
        select(
            orders.c.id,
            orders.c.order_no,
            orders.c.customer_id,
            orders.c.promised_date,
            orders.c.notes,
            orders.c.shoot_date,
            customers.c.name,
            customers.c.phone,
        )
        .join(customers, customers.c.id == orders.c.customer_id)
        .where(orders.c.order_no == order_no)
    )


def _checked(
    customer: str, phone: str | None, notes: str | None
) -> tuple[str, str | None, str | None]:
    """Clean and check what was typed, before any database work."""
    try:
        name = clean_name(customer)
        digits = parse_phone(phone)
    except CellError as error:
        raise OrderEditRefused(error.key, **error.params) from None
    if not name:
        raise OrderEditRefused("orders.customer_empty")
    if len(name) > MAX_NAME:
        raise OrderEditRefused("orders.customer_too_long", limit=MAX_NAME)
    note = (notes or "").strip() or None
    if note is not None and len(note) > MAX_NOTES:
        raise OrderEditRefused("orders.notes_too_long", limit=MAX_NOTES)
    return name, digits, note
