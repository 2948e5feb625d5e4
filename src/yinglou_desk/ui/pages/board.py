"""看板: every order (or only the open ones), filtered and sorted, with one order's items
and timeline below.

The list is a lazily paged :class:`BoardModel`; the detail loads on a worker
when a row is selected. Changes made here or on other PCs reload the list
(keeping the filter) and the detail of the selected order.

Managers export the list as shown (the whole filtered list, in the board's
order, not only the rows scrolled to) to .xlsx; the front desk and managers
import orders from a spreadsheet (:class:`ImportDialog`, checked before
anything is written).

Signals:
    detail_loaded(int): the order whose detail is now on screen.
    exported(str): the path of a written board export.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from yinglou_desk import catalogue
from yinglou_desk.catalogue import text as t
from yinglou_desk.domain import wording
from yinglou_desk.domain.progress import OrderProgress
from yinglou_desk.domain.roles import Permission, may
from yinglou_desk.services.clock import local_date
from yinglou_desk.services.orders.board import (
    BoardFilter,
    TimelineRow,
    board_choices,
    order_with_timeline,
)
from yinglou_desk.services.orders.query import OrderView
from yinglou_desk.ui.context import Change, DeskContext
from yinglou_desk.ui.dialogs.import_orders import ImportDialog
from yinglou_desk.ui.exports.files import choose_xlsx, write_xlsx
from yinglou_desk.ui.exports.tables import board_sheet
from yinglou_desk.ui.models.board_model import ORDER_ID_ROLE, BoardModel
from yinglou_desk.ui.models.timeline_model import TimelineModel
from yinglou_desk.ui.pages.order_panel import OrderPanel
from yinglou_desk.ui.widgets.columns import fit_columns

RELOAD_DELAY_MS = 800
OPEN_ONLY = "open"  # the 进度 box's 未完成: every order but the completed ones


class BoardPage(QWidget):
    detail_loaded = Signal(int)
    exported = Signal(str)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail_order_id: int | None = None
        self.model = BoardModel(ctx.ops, ctx.engine, ctx.clock)
        self.model.setParent(self)

        filters = QHBoxLayout()
        # 全部 is every order, completed ones too; 未完成 the ones still being worked on
        self.progress_box = self._combo(filters, t("board.progress"))
        self.progress_box.addItem(t("board.open_only"), OPEN_ONLY)
        for progress in OrderProgress:
            self.progress_box.addItem(catalogue.name("progress", progress), progress.value)
        self.vendor_box = self._combo(filters, t("board.vendor"))
        self.store_box = self._combo(filters, t("board.store"))
        self.overdue_check = QCheckBox(t("board.overdue"), self)
        self.pickup_check = QCheckBox(t("board.pickup_due"), self)
        for check in (self.overdue_check, self.pickup_check):
            check.toggled.connect(self.apply_filter)
            filters.addWidget(check)
        filters.addStretch(1)
        self.count_label = QLabel(t("board.loading"), self)
        filters.addWidget(self.count_label)
        self.export_button = QPushButton(t("export.button"), self)
        self.export_button.clicked.connect(lambda _=False: self.export())
        filters.addWidget(self.export_button)
        self.import_button = QPushButton(t("imp.open"), self)
        self.import_button.clicked.connect(lambda _=False: self.open_import())
        filters.addWidget(self.import_button)
        self.import_dialog: ImportDialog | None = None

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        fit_columns(self.table)  # order numbers and dates whole
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        self.detail = OrderPanel(self)
        self.timeline = TimelineModel(self)
        self.timeline_view = QTableView(self)
        self.timeline_view.setModel(self.timeline)
        fit_columns(self.timeline_view)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.detail, 1)
        lower_layout.addWidget(QLabel(t("detail.timeline")))
        lower_layout.addWidget(self.timeline_view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)

        self.model.total_changed.connect(
            lambda n: self.count_label.setText(t("board.count", n=wording.count(n)))
        )
        ctx.data_changed.connect(self._data_changed)
        ctx.session_ended.connect(self._session_ended)
        ctx.operator_changed.connect(self._operator_changed)
        self._operator_changed(ctx.operator)
        self._stale = False
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self._reload_if_stale)
        self._load_choices()
        self.model.set_filter(self.current_filter())

    def _operator_changed(self, operator: object) -> None:
        role = getattr(operator, "role", None)
        self.export_button.setVisible(role is not None and may(role, Permission.EXPORT))
        self.import_button.setVisible(role is not None and may(role, Permission.IMPORT_ORDERS))

    def export(self, path: Path | None = None) -> None:
        """Every order the filter matches, sorted as on screen, to .xlsx (on a worker)."""
        today = local_date(self.ctx.clock())
        path = path or choose_xlsx(self.ctx, self, t("board.file", date=today.isoformat()))
        if path is None:
            return
        model = self.model
        sort, descending = model.current_sort()
        fill = board_sheet(self.ctx.engine, model.current_filter(), today, sort, descending)
        write_xlsx(
            self.ctx,
            path,
            fill,
            lambda saved: self.exported.emit(str(saved)),
            self.ctx.ops.report_failure,
        )

    def open_import(self) -> ImportDialog:
        """The import dialog, non-modal (nothing blocks); one at a time."""
        if self.import_dialog is None:
            self.import_dialog = ImportDialog(self.ctx, self)
        self.import_dialog.show()
        self.import_dialog.raise_()
        return self.import_dialog

    def _combo(self, layout: QHBoxLayout, label: str) -> QComboBox:
        layout.addWidget(QLabel(label, self))
        box = QComboBox(self)
        box.addItem(t("board.any"), None)
        box.currentIndexChanged.connect(self.apply_filter)
        layout.addWidget(box)
        return box

    def _load_choices(self) -> None:
        engine = self.ctx.engine

        def load() -> tuple[list[str], list[tuple[int, str]]]:
            return board_choices(engine)

        self.ctx.ops.read(load, self._choices_loaded)

    def _choices_loaded(self, choices: tuple[list[str], list[tuple[int, str]]]) -> None:
        stores, vendors = choices
        for box, entries in (
            (self.store_box, [(s, s) for s in stores]),
            (self.vendor_box, [(n, i) for i, n in vendors]),
        ):
            box.blockSignals(True)
            for text, data in entries:
                box.addItem(text, data)
            box.blockSignals(False)

    def current_filter(self) -> BoardFilter:
        progress = self.progress_box.currentData()
        return BoardFilter(
            progress=None if progress == OPEN_ONLY else progress,
            include_completed=progress != OPEN_ONLY,
            vendor_id=self.vendor_box.currentData(),
            store=self.store_box.currentData(),
            overdue_only=self.overdue_check.isChecked(),
            pickup_due_only=self.pickup_check.isChecked(),
        )

    def apply_filter(self, *_: object) -> None:
        self.count_label.setText(t("board.loading"))
        self.model.set_filter(self.current_filter())

    # -- detail ---------------------------------------------------------------------------

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.show_order(current.data(ORDER_ID_ROLE))

    def show_order(self, order_id: int) -> None:
        self.detail_order_id = order_id
        engine, today = self.ctx.engine, local_date(self.ctx.clock())

        def load() -> tuple[list[OrderView], list[TimelineRow]]:
            return order_with_timeline(engine, order_id, today)

        self.ctx.ops.read(load, lambda detail: self._detail_arrived(order_id, detail))

    def _detail_arrived(
        self, order_id: int, detail: tuple[list[OrderView], list[TimelineRow]]
    ) -> None:
        if order_id != self.detail_order_id:
            return
        orders, timeline = detail
        self.detail.set_orders(orders)
        self.timeline.set_rows(timeline)
        self.detail_loaded.emit(order_id)

    def _data_changed(self, change: Change) -> None:
        """Reload soon if on screen (many scans in a row give one reload), else when shown."""
        self._stale = True
        if self.isVisible():
            self._reload_timer.start()
        if self.detail_order_id is not None and change.touches(self.detail_order_id):
            self.show_order(self.detail_order_id)

    def _session_ended(self) -> None:
        """Log-out or another operator: the order the previous person opened is closed."""
        self.detail_order_id = None
        self.detail.clear()
        self.timeline.set_rows([])
        self.table.setCurrentIndex(QModelIndex())  # a click on the same row opens it again

    def _reload_if_stale(self) -> None:
        if self._stale:
            self._stale = False
            self.model.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._reload_if_stale()
