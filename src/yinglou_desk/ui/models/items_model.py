"""Items of one or more orders, one row each, the state cell in its palette colour.

Used wherever staff look at items: the check-in order panel, pickup, 查件 and
the board's order detail. ``CODE_ROLE`` gives the item code of a row, which is
what batch ticking and defect flagging act on.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from yinglou_desk.services.orders.query import ItemView, OrderView
from yinglou_desk.ui.models.base import RowsModel
from yinglou_desk.ui.models.formatting import fmt_date, fmt_time
from yinglou_desk.ui.widgets.colours import item_colours, item_state_text

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
ORDER_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS = (
    "order_no",
    "customer",
    "stage",
    "product",
    "spec",
    "state",
    "vendor",
    "sent",
    "expected",
    "returned",
    "picked",
    "slot",
    "code",
)
STATE_COLUMN = COLUMNS.index("state")


def _cell(order: OrderView, item: ItemView, column: str) -> str:
    values = {
        "order_no": order.order_no,
        "customer": order.customer,
        "stage": item.stage or "",
        "product": item.product if item.qty == 1 else f"{item.product} ×{item.qty}",
        "spec": item.spec or "",
        "state": item_state_text(item.state, item.overdue),
        "vendor": item.vendor or "",
        "sent": fmt_time(item.sent_at),
        "expected": fmt_date(item.expected_return),
        "returned": fmt_time(item.returned_at),
        "picked": fmt_time(item.picked_up_at),
        "slot": item.shelf_slot or "",
        "code": item.code,
    }
    return values[column]


class ItemsModel(RowsModel[tuple[OrderView, ItemView]]):
    """Read-only; replaced wholesale by :meth:`set_orders` when a lookup returns."""

    columns = COLUMNS
    coloured_column = "state"

    def set_orders(self, orders: list[OrderView]) -> None:
        self.beginResetModel()
        self._rows = [(order, item) for order in orders for item in order.items]
        self.endResetModel()

    def rows(self) -> list[tuple[OrderView, ItemView]]:
        return list(self._rows)

    def row_of(self, code: str) -> int:
        for row, (_order, item) in enumerate(self._rows):
            if item.code == code:
                return row
        return -1

    def display(self, row: tuple[OrderView, ItemView], column: str) -> str:
        return _cell(*row, column)

    def colours(self, row: tuple[OrderView, ItemView]) -> tuple[QColor, QColor]:
        item = row[1]
        return item_colours(item.state, item.overdue)

    def role_data(self, row: tuple[OrderView, ItemView], role: int) -> Any:
        order, item = row
        return {CODE_ROLE: item.code, ORDER_ROLE: order.order_no}.get(role)
