"""A customer's right to see and to erase their data, without breaking the studio's figures.

Export gathers everything the studio holds about one customer. Erasure removes
what identifies them — name, phone, notes, message texts, who collected for them
and their signature at pickup — and keeps the
orders and items (anonymised), so turnaround, rework and vendor figures stay
right. Both are recorded in the audit log.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Engine, case, or_, select

from yinglou_desk import catalogue
from yinglou_desk.domain.codes import phone_digits
from yinglou_desk.domain.roles import Actor, Permission, require
from yinglou_desk.domain.wording import WordedError
from yinglou_desk.services.clock import Clock, utc_now
from yinglou_desk.services.staff.audit import record
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.storage.tables import (
    customers,
    handover_collectors,
    handovers,
    items,
    notifications,
    orders,
    scan_log,
)


class PrivacyError(WordedError, ValueError):
    """The request cannot be carried out; ``key`` says why."""


def find_customer(conn: Connection, query: str) -> int:
    """Exactly one customer for a full phone number or an order number, else :class:`PrivacyError`."""
    digits = phone_digits(query)
    by_phone = (
        conn.execute(select(customers.c.id).where(customers.c.phone == digits)).scalars().all()
        if len(digits) >= 7
        else []
    )
    by_order = (
        conn.execute(select(orders.c.customer_id).where(orders.c.order_no == query.strip()))
        .scalars()
        .all()
    )
    found = sorted(set(by_phone) | set(by_order))
    if not found:
        raise PrivacyError("orders.customer_not_found", query=query)
    if len(found) > 1:
        raise PrivacyError("orders.several_customers", query=query, count=len(found))
    return int(found[0])


def _plain(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _rows(conn: Connection, query: Any) -> list[dict[str, Any]]:
    return [{k: _plain(v) for k, v in row._mapping.items()} for row in conn.execute(query)]


def export_customer(
    engine: Engine, query: str, actor: Actor | None, clock: Clock = utc_now
) -> dict[str, Any]:
    """Everything held about one customer; staff who look after customers only."""
    require(actor, Permission.EDIT_CUSTOMERS)
    assert actor is not None  # require refuses None
    with write_transaction(engine) as conn:
        customer_id = find_customer(conn, query)
        order_ids = select(orders.c.id).where(orders.c.customer_id == customer_id)
        data = {
            "customer": _rows(conn, select(customers).where(customers.c.id == customer_id))[0],
            "orders": _rows(conn, select(orders).where(orders.c.customer_id == customer_id)),
            "items": _rows(conn, select(items).where(items.c.order_id.in_(order_ids))),
            "messages": _rows(
                conn, select(notifications).where(notifications.c.order_id.in_(order_ids))
            ),
            "scans": _rows(conn, select(scan_log).where(scan_log.c.order_id.in_(order_ids))),
            "handovers": _rows(
                conn,
                select(
                    handovers,
                    handover_collectors.c.collector_name,
                    handover_collectors.c.collector_phone,
                    handover_collectors.c.signature_png.is_not(None).label("signed"),
                )
                .outerjoin(handover_collectors, handover_collectors.c.handover_id == handovers.c.id)
                .where(handovers.c.order_id.in_(order_ids)),
            ),
        }
        record(conn, clock(), actor.name, "customer.export", f"customer {customer_id}")
    return data


def erase_customer(engine: Engine, query: str, actor: Actor | None, clock: Clock = utc_now) -> int:
    """Anonymise one customer; returns the customer id. Managers and admins only."""
    require(actor, Permission.ERASE_CUSTOMERS)
    assert actor is not None
    now = clock()
    with write_transaction(engine) as conn:
        customer_id = find_customer(conn, query)
        order_ids = select(orders.c.id).where(orders.c.customer_id == customer_id)
        conn.execute(
            customers.update()
            .where(customers.c.id == customer_id)
            .values(
                name=catalogue.text("orders.erased_customer", id=customer_id),
                phone=None,
                phone_tail=None,
                initials=None,
            )
        )
        conn.execute(orders.update().where(orders.c.customer_id == customer_id).values(notes=None))
        conn.execute(items.update().where(items.c.order_id.in_(order_ids)).values(notes=None))
        conn.execute(
            notifications.update()
            .where(notifications.c.order_id.in_(order_ids))
            .values(
                phone=None,
                message=catalogue.text("orders.erased_message"),
                state=_cancel_unsent(),
            )
        )
        # Who collected for them and their signature: personal data, kept apart from the
        # append-only hand-over so that it can be blanked here.
        conn.execute(
            handover_collectors.update()
            .where(
                handover_collectors.c.handover_id.in_(
                    select(handovers.c.id).where(handovers.c.order_id.in_(order_ids))
                )
            )
            .values(collector_name=None, collector_phone=None, signature_png=None)
        )
        record(conn, now, actor.name, "customer.erase", f"customer {customer_id}")
    return customer_id


def _cancel_unsent() -> Any:
    return case(
        (or_(notifications.c.state == "queued", notifications.c.state == "sending"), "cancelled"),
        else_=notifications.c.state,
    )
