"""What an order costs, what was paid, what is owed: always read from the payment rows.

``balance_in`` is the one place the balance is computed, inside the caller's
transaction, so a hand-over checks the balance it records against the rows it sees.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, case, func, select

from yinglou_desk.domain.money import PaymentKind
from yinglou_desk.storage.tables import orders, payments


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
