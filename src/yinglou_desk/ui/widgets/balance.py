"""The balance beside the customer at 取件: owed in red, settled in green, in words.

Words first (尾款 ¥1,380.00 未付 / 已付清) so the colour is never the only sign;
nothing at all for an order without a price.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from yinglou_desk.catalogue import text as t
from yinglou_desk.domain.money import yuan
from yinglou_desk.domain.records import OrderView

DUE_COLOUR = "#C62828"
SETTLED_COLOUR = "#2E7D32"


def balance_words(order: OrderView) -> str:
    """What the order owes, in words; empty without a price."""
    if order.price is None:
        return ""
    if order.due > 0:
        return t("pickup_desk.due", amount=yuan(order.due))
    return t("pickup_desk.settled")


class BalanceLabel(QLabel):
    """One order's balance, large; empty for several orders or none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setObjectName("balance")
        self.owing = False

    def show_orders(self, orders: list[OrderView]) -> None:
        order = orders[0] if len(orders) == 1 else None
        words = balance_words(order) if order is not None else ""
        self.owing = order is not None and order.due > 0
        colour = DUE_COLOUR if self.owing else SETTLED_COLOUR
        self.setStyleSheet(f"QLabel {{ color: {colour}; font-size: 18pt; font-weight: bold; }}")
        self.setText(words)
