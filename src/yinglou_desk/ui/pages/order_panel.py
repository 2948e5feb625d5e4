"""Orders with every item in its colour: the view check-in, pickup, 查件 and the board share.

The header line says, in words, how complete each order is, so the sorter sees
at once whether a customer's set is all back. With one order on screen the
table leaves out its order number and customer (the header says them once);
with several, every row says whose it is.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from yinglou_desk.catalogue import text as t
from yinglou_desk.domain.states import ItemState
from yinglou_desk.services.orders.query import OrderView
from yinglou_desk.ui.models.items_model import CODE_ROLE, COLUMNS, ItemsModel
from yinglou_desk.ui.widgets.colours import progress_colours, progress_text
from yinglou_desk.ui.widgets.columns import fit_columns
from yinglou_desk.ui.widgets.fit_label import FitLabel

HEADER_LINES = 4
# the columns that say whose order a row is: shown only when several orders are
ORDER_COLUMNS = (COLUMNS.index("order_no"), COLUMNS.index("customer"))
_ACTIVE_NOT_BACK = {ItemState.REGISTERED.value, ItemState.SENT_OUT.value, ItemState.REWORK.value}


def missing_items(order: OrderView) -> int:
    return sum(1 for item in order.items if item.state in _ACTIVE_NOT_BACK)


def order_summary(order: OrderView) -> str:
    missing = missing_items(order)
    status = t("check.complete") if missing == 0 else t("check.missing", n=missing)
    return t(
        "desk.order_summary",
        order_no=order.order_no,
        customer=order.customer,
        package=order.package or "",
        progress=progress_text(order.progress, order.overdue),
        status=status,
    )


class OrderPanel(QWidget):
    """Header lines plus the items table; ``selected_codes`` feeds batch actions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.orders: list[OrderView] = []
        self.model = ItemsModel(self)
        # one line an order; many orders would push the table off screen: the rest in the tooltip
        self.header = FitLabel("", self, lines=HEADER_LINES)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        fit_columns(self.table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.table, 1)

    def set_orders(self, orders: list[OrderView], highlight: str | None = None) -> None:
        self.orders = orders
        # columns shown or hidden before the rows change, so the columns are sized (on the
        # model's reset) as they will be seen, never left at the width they had while hidden
        for column in ORDER_COLUMNS:  # one order: its header above already says them
            self.table.setColumnHidden(column, len(orders) == 1)
        self.model.set_orders(orders)
        self.header.setText("\n".join(order_summary(o) for o in orders))
        if len(orders) == 1:
            background, foreground = progress_colours(orders[0].progress, orders[0].overdue)
            self.header.setStyleSheet(
                f"QLabel {{ background: {background.name()}; color: {foreground.name()};"
                " font-size: 16pt; padding: 6px; }"
            )
        else:
            self.header.setStyleSheet("QLabel { font-size: 14pt; padding: 6px; }")
        if highlight:
            self.select_code(highlight)

    def select_code(self, code: str) -> None:
        row = self.model.row_of(code)
        if row >= 0:
            self.table.selectionModel().select(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def selected_codes(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.index(row, 0).data(CODE_ROLE) for row in rows]

    def target_order(self) -> OrderView | None:
        """The order of the selected row, or the only order shown."""
        selected = self.selected_codes()
        if selected:
            return self.order_of(selected[0])
        return self.orders[0] if len(self.orders) == 1 else None

    def order_of(self, code: str) -> OrderView | None:
        for order in self.orders:
            if any(item.code == code for item in order.items):
                return order
        return None

    # -- the screen tells the truth (refreshes, refused scans, log-out) ---------------------

    def clear(self) -> None:
        """Nothing on screen: after a code that names no order, and at log-out."""
        self.set_orders([])
        self.header.setStyleSheet("")

    def show_again(self, orders: list[OrderView]) -> None:
        """The same orders read again (an item moved): the rows selected stay selected."""
        selected = self.selected_codes()
        self.set_orders(orders)
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for code in selected:
            row = self.model.row_of(code)
            if row >= 0:
                self.table.selectionModel().select(self.model.index(row, 0), flags)
