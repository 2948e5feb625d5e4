"""Items of one or more orders, one row each, the state cell in its palette colour.

Used wherever staff look at items: the check-in order panel, pickup, 查件 and
the board's order detail. ``CODE_ROLE`` gives the item code of a row, which is
what batch ticking and defect flagging act on.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ...services.query import ItemView, OrderView
from ..colours import item_colours, item_state_text
from ..texts import t
from .formatting import fmt_date, fmt_time

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
ORDER_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex

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


class ItemsModel(QAbstractTableModel):
    """Read-only; replaced wholesale by :meth:`set_orders` when a lookup returns."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[OrderView, ItemView]] = []

    def set_orders(self, orders: list[OrderView]) -> None:
        self.beginResetModel()
        self._rows = [(order, item) for order in orders for item in order.items]
        self.endResetModel()

    def item_at(self, row: int) -> tuple[OrderView, ItemView]:
        return self._rows[row]

    def rows(self) -> list[tuple[OrderView, ItemView]]:
        return list(self._rows)

    def row_of(self, code: str) -> int:
        for row, (_order, item) in enumerate(self._rows):
            if item.code == code:
                return row
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        order, item = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return _cell(order, item, column)
        if role == CODE_ROLE:
            return item.code
        if role == ORDER_ROLE:
            return order.order_no
        if column == "state" and role == Qt.ItemDataRole.BackgroundRole:
            return item_colours(item.state, item.overdue)[0]
        if column == "state" and role == Qt.ItemDataRole.ForegroundRole:
            return item_colours(item.state, item.overdue)[1]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return t(f"col.{COLUMNS[section]}")
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None
