"""What an order costs, what was paid, what is owed: always read from the payment rows.

``balance_in`` is the one place the balance is computed, inside the caller's
transaction, so a hand-over checks the balance it records against the rows it sees.

Beside the hand-over (:mod:`yinglou_desk.services.pickup.counter`), money changes here:
a manager sets the price (:func:`set_price`, ``Permission.SET_PRICES``), the front
desk takes a payment before the items are back (:func:`take_payment`,
``Permission.PICK_UP``), a manager takes back a payment taken in error with a reason
(:func:`reverse_payment`, ``Permission.REVERSE_PAYMENTS``). Rows are only ever added.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, case, func, select
from sqlalchemy.exc import IntegrityError

from yinglou_desk import catalogue
from yinglou_desk.domain.money import PaymentKind, PaymentMethod, yuan
from yinglou_desk.domain.roles import Actor, Permission, require
from yinglou_desk.domain.wording import WordedError
from yinglou_desk.services.clock import Clock, utc_now
from yinglou_desk.services.scanning.records import ScanSession
from yinglou_desk.services.settings.workstation import this_workstation
from yinglou_desk.services.staff import audit
from yinglou_desk.storage.engine import read_transaction, write_transaction
from yinglou_desk.storage.errors import environment_errors
from yinglou_desk.storage.tables import orders, payments

if TYPE_CHECKING:  # the hand-over's contract imports this module for the balance
    from yinglou_desk.services.pickup.counter import PaymentIn


@dataclass(frozen=True)
class Balance:
    """An order's money in fen. ``price`` is None while the studio has not set one;
    then nothing is owed (``due`` is 0) — the desk shows "no price" instead."""

    price: int | None
    paid: int  # imported + payments - reversals
    waived: int

    @property
    def due(self) -> int:
        if self.price is None:
            return 0
        return max(self.price - self.paid - self.waived, 0)

    @property
    def overpaid(self) -> int:
        if self.price is None:
            return 0
        return max(self.paid + self.waived - self.price, 0)


def balance_in(conn: Connection, order_id: int) -> Balance:
    """The order's balance as the rows say it now (one indexed query plus the price)."""
    price = conn.execute(select(orders.c.price_fen).where(orders.c.id == order_id)).scalar()
    waiver = payments.c.kind == PaymentKind.WAIVER.value
    row = conn.execute(
        select(
            func.coalesce(func.sum(case((waiver, 0), else_=payments.c.amount_fen)), 0),
            func.coalesce(func.sum(case((waiver, payments.c.amount_fen), else_=0)), 0),
        ).where(payments.c.order_id == order_id)
    ).one()
    return Balance(price, int(row[0]), int(row[1]))


# -- changing money: the price, a payment outside a hand-over, a reversal ----------------------

MAX_REFERENCE = 100  # payments.reference
MAX_REASON = 500


class PaymentRefused(WordedError, ValueError):
    """The price, payment or reversal cannot be recorded; ``key`` says why. Nothing changed."""


@dataclass(frozen=True)
class OrderMoney:
    """An order's money as the desk and the command line show it (all fen)."""

    order_no: str
    price: int | None
    paid: int
    waived: int
    due: int


@dataclass(frozen=True)
class PaymentView:
    """One row of ``payments`` as people read it. ``reversed_by``: the reversal's id, if any."""

    id: int
    order_no: str
    kind: PaymentKind
    method: PaymentMethod | None
    amount: int
    operator: str
    workstation: str
    at: datetime
    reference: str | None
    reason: str | None
    reverses_id: int | None
    approved_by: str | None
    reversed_by: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "order_no": self.order_no,
            "kind": self.kind.value,
            "method": self.method.value if self.method else None,
            "amount_fen": self.amount,
            "amount": yuan(self.amount),
            "operator": self.operator,
            "workstation": self.workstation,
            "at": self.at.isoformat(),
            "reference": self.reference,
            "reason": self.reason,
            "reverses": self.reverses_id,
            "approved_by": self.approved_by,
            "reversed_by": self.reversed_by,
        }


def _order_row(conn: Connection, order_no: str, *, lock: bool = False) -> Any:
    query = select(orders.c.id, orders.c.price_fen).where(orders.c.order_no == order_no)
    row = conn.execute(query.with_for_update() if lock else query).first()
    if row is None:
        raise PaymentRefused("payments.no_such_order", order_no=order_no)
    return row


def _who(by: Actor | ScanSession, workstation: str | None) -> tuple[Actor, str]:
    """The acting person and the PC: a station's session carries both."""
    if isinstance(by, ScanSession):
        return by.operator, workstation or by.workstation
    return by, workstation or this_workstation()


def imported_payment(order_id: int, fen: int, now: datetime, operator: str) -> dict[str, Any]:
    """The ``imported`` row of a sum paid before the order was imported (the sheet's 已付/定金),
    recorded in the import's own transaction, by the importer."""
    return {
        "order_id": order_id,
        "at": now,
        "kind": PaymentKind.IMPORTED.value,
        "method": None,
        "amount_fen": fen,
        "operator_name": operator[:64],
        "workstation": this_workstation()[:64],
    }


def money_of(engine: Engine, order_no: str) -> OrderMoney:
    """The order's price, paid, waived and due (refused for an unknown order)."""
    with environment_errors(), read_transaction(engine) as conn:
        row = _order_row(conn, order_no)
        balance = balance_in(conn, row.id)
    return OrderMoney(order_no, balance.price, balance.paid, balance.waived, balance.due)


def set_price(
    engine: Engine,
    actor: Actor | None,
    order_no: str,
    fen: int | None,
    *,
    clock: Clock = utc_now,
) -> tuple[int | None, int | None]:
    """Set (or with ``None`` clear) the order's package price; managers only
    (:attr:`Permission.SET_PRICES`). Returns ``(before, after)``; the audit line
    ``payments.set_price`` says both. What was paid stays: the balance follows."""
    require(actor, Permission.SET_PRICES)
    assert actor is not None
    if fen is not None and (isinstance(fen, bool) or fen < 0):
        raise PaymentRefused("payments.price_negative")
    now = clock()
    with environment_errors(), write_transaction(engine) as conn:
        row = _order_row(conn, order_no, lock=True)
        before = None if row.price_fen is None else int(row.price_fen)
        if before == fen:
            return before, fen
        conn.execute(
            orders.update().where(orders.c.id == row.id).values(price_fen=fen, updated_at=now)
        )
        audit.record(
            conn, now, actor.name, "payments.set_price", order_no, {"from": before, "to": fen}
        )
    return before, fen


def take_payment(
    engine: Engine,
    by: Actor | ScanSession | None,
    order_no: str,
    payment: PaymentIn,
    *,
    clock: Clock = utc_now,
    workstation: str | None = None,
) -> int:
    """Record money taken outside a hand-over (补款 before the items are back); the row's id.

    Front desk (:attr:`Permission.PICK_UP`). While the order has a price, no more than
    the balance due is taken (refused naming the due); without a price any sum is taken.
    """
    if by is None:
        require(None, Permission.PICK_UP)  # refused: nobody is logged in
    assert by is not None
    actor, where = _who(by, workstation)
    require(actor, Permission.PICK_UP)
    checked_payment(payment)
    now = clock()
    with environment_errors(), write_transaction(engine) as conn:
        row = _order_row(conn, order_no, lock=True)
        return record_payment(conn, row.id, order_no, payment, actor.name, where, now)


def checked_payment(payment: PaymentIn) -> tuple[int, PaymentMethod, str | None]:
    """The sum, method and reference of a payment, or :class:`PaymentRefused` (before any
    database work): a sum of fen above 0, a known method, a reference that fits."""
    amount = payment.amount
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise PaymentRefused("payments.amount_not_positive")
    try:
        method = PaymentMethod(payment.method)
    except ValueError:
        raise PaymentRefused("payments.bad_method", method=payment.method) from None
    reference = (payment.reference or "").strip() or None
    if reference is not None and len(reference) > MAX_REFERENCE:
        raise PaymentRefused("payments.reference_too_long", limit=MAX_REFERENCE)
    return amount, method, reference


def record_payment(
    conn: Connection,
    order_id: int,
    order_no: str,
    payment: PaymentIn,
    operator: str,
    workstation: str,
    now: datetime,
    *,
    handover_id: int | None = None,
) -> int:
    """Add one ``payment`` row in the caller's transaction (a hand-over records its own
    this way); refused past the balance due while the order has a price. The caller has
    checked who may, and holds the order (``FOR UPDATE`` / SQLite's write lock)."""
    amount, method, reference = checked_payment(payment)
    balance = balance_in(conn, order_id)
    if balance.price is not None and amount > balance.due:
        if balance.due == 0:
            raise PaymentRefused("payments.nothing_due", order_no=order_no)
        raise PaymentRefused("payments.more_than_due", order_no=order_no, due=yuan(balance.due))
    payment_id: int = conn.execute(
        payments.insert()
        .values(
            order_id=order_id,
            at=now,
            kind=PaymentKind.PAYMENT.value,
            method=method.value,
            amount_fen=amount,
            reference=reference,
            handover_id=handover_id,
            operator_name=operator[:64],
            workstation=workstation[:64],
        )
        .returning(payments.c.id)
    ).scalar_one()
    return payment_id


def reverse_payment(
    engine: Engine,
    actor: Actor | None,
    payment_id: int,
    reason: str,
    *,
    clock: Clock = utc_now,
    workstation: str | None = None,
) -> int:
    """Take back a ``payment`` row with a reason: a ``reversal`` row of the negated sum.

    Managers (:attr:`Permission.REVERSE_PAYMENTS`). A payment is reversed once (the
    unique ``reverses_id``: two managers at once end in one reversal and one refusal).
    Returns the reversal's id; an audit line names both rows.
    """
    require(actor, Permission.REVERSE_PAYMENTS)
    assert actor is not None
    why = " ".join((reason or "").split())
    if not why:
        raise PaymentRefused("payments.reason_needed")
    if len(why) > MAX_REASON:
        raise PaymentRefused("payments.reason_too_long", limit=MAX_REASON)
    now = clock()
    try:
        with environment_errors(), write_transaction(engine) as conn:
            original = conn.execute(
                select(payments, orders.c.order_no)
                .join(orders, orders.c.id == payments.c.order_id)
                .where(payments.c.id == payment_id)
            ).first()
            if original is None:
                raise PaymentRefused("payments.no_such_payment", payment_id=payment_id)
            if original.kind != PaymentKind.PAYMENT.value:
                raise PaymentRefused(
                    "payments.only_payments_reversed",
                    payment_id=payment_id,
                    kind=catalogue.name("payments.kind", original.kind),
                )
            done = conn.execute(
                select(payments.c.id).where(payments.c.reverses_id == payment_id)
            ).first()
            if done is not None:
                raise PaymentRefused("payments.already_reversed", payment_id=payment_id)
            reversal_id: int = conn.execute(
                payments.insert()
                .values(
                    order_id=original.order_id,
                    at=now,
                    kind=PaymentKind.REVERSAL.value,
                    method=original.method,
                    amount_fen=-int(original.amount_fen),
                    reason=why,
                    reverses_id=payment_id,
                    operator_name=actor.name[:64],
                    workstation=(workstation or this_workstation())[:64],
                )
                .returning(payments.c.id)
            ).scalar_one()
            audit.record(
                conn,
                now,
                actor.name,
                "payments.reverse",
                original.order_no,
                {"payment": payment_id, "reversal": reversal_id, "reason": why},
            )
    except IntegrityError:
        raise PaymentRefused("payments.already_reversed", payment_id=payment_id) from None
    return reversal_id


def payments_of(source: Engine | Connection, order_no: str) -> list[PaymentView]:
    """Every money row of the order, oldest first, each reversed row naming its reversal."""
    if isinstance(source, Engine):
        with environment_errors(), read_transaction(source) as conn:
            return payments_of(conn, order_no)
    row = _order_row(source, order_no)
    rows = source.execute(
        select(payments).where(payments.c.order_id == row.id).order_by(payments.c.at, payments.c.id)
    ).all()
    reversed_by = {r.reverses_id: r.id for r in rows if r.reverses_id is not None}
    return [
        PaymentView(
            id=r.id,
            order_no=order_no,
            kind=PaymentKind(r.kind),
            method=PaymentMethod(r.method) if r.method else None,
            amount=int(r.amount_fen),
            operator=r.operator_name,
            workstation=r.workstation,
            at=r.at,
            reference=r.reference,
            reason=r.reason,
            reverses_id=r.reverses_id,
            approved_by=r.approved_by,
            reversed_by=reversed_by.get(r.id),
        )
        for r in rows
    ]
