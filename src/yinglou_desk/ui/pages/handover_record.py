"""查件's 取件记录: every hand-over of the orders on screen — when, by whom, who took
the items (the customer, or 代取 with name and phone), the receipt number, the items
and what was paid — with the chosen receipt printed again or saved as PDF.

The record is read on a worker (:func:`handovers_of`, one order at a time, only the
orders shown) whenever 查件 shows orders, and again when they change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QTableView, QVBoxLayout, QWidget

from yinglou_desk.catalogue import text as t
from yinglou_desk.domain.money import yuan
from yinglou_desk.domain.wording import listing
from yinglou_desk.services.pickup.counter import HandoverView
from yinglou_desk.ui.context import DeskContext
from yinglou_desk.ui.models.base import RowsModel
from yinglou_desk.ui.models.formatting import fmt_time
from yinglou_desk.ui.stations.counter_links import CounterLinks
from yinglou_desk.ui.widgets.columns import fit_columns
from yinglou_desk.ui.widgets.fit_label import FitLabel
from yinglou_desk.ui.widgets.receipt_buttons import ReceiptButtons


def collector_words(handover: HandoverView) -> str:
    if handover.collector_name:
        words = t(
            "pickup_desk.by_proxy",
            name=handover.collector_name,
            phone=handover.collector_phone or "",
        )
    else:
        words = t("pickup_desk.in_person")
    return words + (t("pickup_desk.signed") if handover.has_signature else "")


class HandoversModel(RowsModel[HandoverView]):
    columns: ClassVar[tuple[str, ...]] = ("receipt", "at", "operator", "collector", "items", "paid")

    def header(self, section: int) -> str:
        return t(f"pickup_desk.col.{self.columns[section]}")

    def column_key(self, section: int) -> str:
        return "message" if self.columns[section] == "items" else self.columns[section]

    def display(self, row: HandoverView, column: str) -> str:
        if column == "receipt":
            return row.receipt_no
        if column == "at":
            return fmt_time(row.at)
        if column == "operator":
            return row.operator
        if column == "collector":
            return collector_words(row)
        if column == "items":
            return listing(row.item_codes)
        return f"¥{yuan(row.paid)}" if row.paid else ""

    def set_rows(self, rows: list[HandoverView]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()


class HandoverRecord(QWidget):
    """The record table and its receipt buttons (see the module docstring)."""

    def __init__(
        self,
        ctx: DeskContext,
        run_dialog: Callable[[], Callable[[QPrintPreviewDialog], int]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.links = CounterLinks()  # tests pass stand-ins
        self._asked = 0
        self.model = HandoversModel(self)
        self.title = FitLabel(t("pickup_desk.record"), self)
        self.table = QTableView(self)
        self.table.setObjectName("handover_record")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setMaximumHeight(120)
        fit_columns(self.table)
        self.table.selectionModel().selectionChanged.connect(self._chosen)
        self.receipts = ReceiptButtons(
            ctx,
            self,
            lambda: self.links,
            run_dialog,
            "pickup_desk.record_reprint",
            "pickup_desk.record_pdf",
        )
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        for widget in self.receipts.widgets():
            head.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.table)

    def show_orders(self, order_nos: list[str]) -> None:
        """The record of these orders, read on a worker (an older answer is dropped)."""
        self._asked += 1
        asked, engine, read = self._asked, self.ctx.engine, self.links.handovers_of
        if not order_nos:
            self._arrived([])
            return

        def load() -> list[HandoverView]:
            return [h for order_no in order_nos for h in read(engine, order_no)]

        self.ctx.ops.read(
            load, lambda rows: self._arrived(rows) if asked == self._asked else None, self._failed
        )

    def clear(self) -> None:
        self._asked += 1
        self._arrived([])

    def _arrived(self, rows: list[HandoverView]) -> None:
        self.model.set_rows(rows)
        self.title.setText(t("pickup_desk.record") if rows else t("pickup_desk.record_none"))
        self.receipts.forget()
        if rows:  # the newest hand-over is the one asked about most
            self.table.selectRow(len(rows) - 1)

    def _chosen(self, *_: Any) -> None:
        rows = self.table.selectionModel().selectedRows()
        chosen = self.model.row_at(rows[0].row()).id if rows else None
        self.receipts.choose(chosen)

    def _failed(self, error: BaseException) -> None:
        self.title.setText(t("error.failed", error=error))
        self.ctx.ops.report_failure(error)
