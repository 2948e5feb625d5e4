"""The demo studio's money: a price per order, the deposit paid at booking, the balance
taken at the last pickup — so the desk shows balances due and 日结 has days to add up.

Drawn from a generator of its own (like the staff's), so the orders and items a seed
gives stay the same. The order rows of :mod:`.history` get their price appended
(:data:`PRICED_ORDER_COLUMNS`); the money rows are loaded beside them.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

from yinglou_desk.demo import names
from yinglou_desk.demo.history import ORDER_COLUMNS, WORKSTATION
from yinglou_desk.domain.money import PaymentKind, PaymentMethod
from yinglou_desk.domain.progress import OrderProgress

PRICED_ORDER_COLUMNS = (*ORDER_COLUMNS, "price_fen")
PAYMENT_COLUMNS = (
    "id",
    "order_id",
    "at",
    "kind",
    "method",
    "amount_fen",
    "reference",
    "operator_name",
    "workstation",
)
_PRICES_YUAN = {
    "wedding": (3999, 5999, 6999, 8888, 9999, 12999),
    "family": (680, 1280, 1680, 2380, 3880),
    "growth": (2980, 3980, 4980, 6980),
}
_DEPOSITS_YUAN = (500, 1000, 1000, 2000)
_METHODS = (
    (PaymentMethod.WECHAT,) * 5
    + (PaymentMethod.ALIPAY,) * 3
    + (
        PaymentMethod.CASH,
        PaymentMethod.CASH,
        PaymentMethod.CARD,
    )
)
_INDEX = {name: position for position, name in enumerate(ORDER_COLUMNS)}


class Ids(Protocol):
    def take(self, table: str) -> int: ...


def _kind(package: str | None) -> str:
    if package in names.WEDDING_PACKAGES:
        return "wedding"
    if package in names.GROWTH_PACKAGES:
        return "growth"
    return "family"


class DemoMoney:
    """Prices and payments for the demo orders; ``cashiers``: the names that take money."""

    def __init__(self, rng: random.Random, ids: Ids, cashiers: Sequence[str]) -> None:
        self.rng = rng
        self.ids = ids
        self.cashiers = list(cashiers) or ["demo"]

    def priced(
        self, order_rows: list[tuple[Any, ...]]
    ) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        """The order rows with their price, and the money rows of those orders."""
        rng = self.rng
        priced: list[tuple[Any, ...]] = []
        money: list[tuple[Any, ...]] = []
        for row in order_rows:
            if rng.random() < 0.1:  # some orders the studio never priced in the program
                priced.append((*row, None))
                continue
            price = rng.choice(_PRICES_YUAN[_kind(row[_INDEX["package"]])]) * 100
            priced.append((*row, price))
            order_id, created = row[_INDEX["id"]], row[_INDEX["created_at"]]
            deposit = min(rng.choice(_DEPOSITS_YUAN) * 100, price)
            money.append(self._row(order_id, created, PaymentKind.IMPORTED, None, deposit, "demo"))
            if row[_INDEX["progress"]] == OrderProgress.COMPLETED.value and deposit < price:
                last: datetime = row[_INDEX["updated_at"]]  # the last pickup's scan
                method = rng.choice(_METHODS)
                cashier = rng.choice(self.cashiers)
                money.append(
                    self._row(order_id, last, PaymentKind.PAYMENT, method, price - deposit, cashier)
                )
        return priced, money

    def _row(
        self,
        order_id: int,
        at: datetime,
        kind: PaymentKind,
        method: PaymentMethod | None,
        fen: int,
        operator: str,
    ) -> tuple[Any, ...]:
        reference = None
        if method in (PaymentMethod.WECHAT, PaymentMethod.ALIPAY):
            reference = f"{self.rng.randrange(10**11, 10**12)}"
        return (
            self.ids.take("payments"),
            order_id,
            at,
            kind.value,
            None if method is None else method.value,
            fen,
            reference,
            operator,
            WORKSTATION,
        )
