"""查件: one search box for everything a customer might say, plus batch ticking.

The answer lists every order of the customer with every item in colour,
state, vendor, dates and expected return. Selected items can be sent out,
checked in or handed over from here (batch ticking, for staff without a
scanner at hand) — through the scan service, so the checks and the log are
exactly those of a scan. Buttons the operator's role may not use are hidden.

Managers export the answer as shown (every item row, the same columns and
words) to .xlsx.

The answer on screen is always as the orders are now: a scan, an undo or a
tick here or on another PC reads it again (the ticked rows stay ticked). At
log-out or a switch of operator the search box and the answer are cleared:
the next person does not see the previous person's customer.

Signals:
    ticked(object): the list of :class:`ScanResult` of one batch action.
    searched(object): the orders found for a query.
    labels_done(str): what became of a label print (printed, nothing to print...).
    exported(str): the path of a written export.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from yinglou_desk import catalogue
from yinglou_desk.catalogue import text as t
from yinglou_desk.domain.roles import Permission, may
from yinglou_desk.domain.states import Action, Station
from yinglou_desk.services.clock import local_date
from yinglou_desk.services.labels.selection import mark_labelled
from yinglou_desk.services.orders.query import OrderView, find_orders
from yinglou_desk.services.pickup.ticking import apply_many
from yinglou_desk.services.scanning.service import ScanResult, ScanSession
from yinglou_desk.services.staff.operators import OperatorInfo
from yinglou_desk.ui.context import Change, DeskContext
from yinglou_desk.ui.dialogs.order_edit import open_order_editor
from yinglou_desk.ui.exports.files import choose_xlsx, write_xlsx
from yinglou_desk.ui.exports.tables import view_sheet
from yinglou_desk.ui.pages.handover_record import HandoverRecord
from yinglou_desk.ui.pages.order_panel import OrderPanel
from yinglou_desk.ui.pages.reminder_history import ReminderHistory
from yinglou_desk.ui.printing.labels import default_label_printer, label_job
from yinglou_desk.ui.printing.printer import (
    PrintError,
    PrintJob,
    exec_dialog,
    print_with_preview,
    print_without_dialog,
)
from yinglou_desk.ui.stations.lookup import names_code
from yinglou_desk.ui.widgets.fit_label import FitLabel

# action → (station it is logged at, permission, button text key)
TICK_ACTIONS = {
    Action.SEND_OUT: (Station.SEND_OUT, Permission.SEND_OUT, "tick.send_out"),
    Action.CHECK_IN: (Station.CHECK_IN, Permission.CHECK_IN, "tick.check_in"),
    Action.PICK_UP: (Station.PICKUP, Permission.PICK_UP, "tick.pick_up"),
}


class QueryPage(QWidget):
    ticked = Signal(object)
    searched = Signal(object)
    exported = Signal(str)
    labels_done = Signal(str)
    # how the print preview is shown; tests replace it so nothing blocks
    run_print_dialog: Callable[[QPrintPreviewDialog], int] = staticmethod(exec_dialog)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.query = ""
        self._scanned = False  # the query on screen came from a scanner
        self._asked = 0  # look-ups asked; an answer to an older one is not shown
        layout = QVBoxLayout(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(t("query.placeholder"))
        self.search.setStyleSheet("QLineEdit { font-size: 18pt; padding: 6px; }")
        self.search.returnPressed.connect(lambda: self.look_up(self.search.text()))
        layout.addWidget(self.search)
        self.summary = FitLabel("", self)
        layout.addWidget(self.summary)
        self.order_panel = OrderPanel(self)
        layout.addWidget(self.order_panel, 1)
        self.reminder_history = ReminderHistory(ctx, self)  # the one order's messages
        layout.addWidget(self.reminder_history)
        self.searched.connect(self.reminder_history.show_orders)
        # 取件记录: who took what, when, and the receipt to print again
        self.record = HandoverRecord(ctx, lambda: type(self).run_print_dialog, self)
        layout.addWidget(self.record)
        buttons = QHBoxLayout()
        self.tick_buttons: dict[Action, QPushButton] = {}
        for action, (_station, _permission, key) in TICK_ACTIONS.items():
            button = QPushButton(t(key), self)
            button.clicked.connect(lambda _=False, a=action: self.apply_to_selected(a))
            buttons.addWidget(button)
            self.tick_buttons[action] = button
        self.export_button = QPushButton(t("export.button"), self)
        self.export_button.clicked.connect(lambda _=False: self.export())
        buttons.addWidget(self.export_button)
        self.label_button = QPushButton(t("labels.print_orders"), self)
        self.label_button.clicked.connect(lambda _=False: self.print_labels(all_unlabelled=False))
        buttons.addWidget(self.label_button)
        self.unlabelled_button = QPushButton(t("labels.print_unlabelled"), self)
        self.unlabelled_button.clicked.connect(
            lambda _=False: self.print_labels(all_unlabelled=True)
        )
        buttons.addWidget(self.unlabelled_button)
        self.edit_button = QPushButton(t("edit.button"), self)
        self.edit_button.clicked.connect(self.edit_order)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        self.tick_result = FitLabel("", self, lines=2)  # a long answer never widens the window
        buttons.addWidget(self.tick_result)
        layout.addLayout(buttons)
        ctx.operator_changed.connect(self._operator_changed)
        ctx.session_ended.connect(self.clear)
        ctx.data_changed.connect(self._data_changed)
        self._operator_changed(ctx.operator)

    def clear(self) -> None:
        """Nothing of the last search on screen (log-out, another operator)."""
        self._asked += 1
        self.query = ""
        self.search.clear()
        self.summary.clear()
        self.tick_result.clear()
        self.order_panel.clear()
        self.reminder_history.show_orders([])
        self.record.clear()

    def _operator_changed(self, operator: OperatorInfo | None) -> None:
        for action, (_station, permission, _key) in TICK_ACTIONS.items():
            visible = operator is not None and may(operator.role, permission)
            self.tick_buttons[action].setVisible(visible)
        self.export_button.setVisible(
            operator is not None and may(operator.role, Permission.EXPORT)
        )
        # Labels are printed where orders are registered: the front desk and managers.
        labels = operator is not None and may(operator.role, Permission.IMPORT_ORDERS)
        self.label_button.setVisible(labels)
        self.unlabelled_button.setVisible(labels)
        self.edit_button.setVisible(
            operator is not None and may(operator.role, Permission.EDIT_CUSTOMERS)
        )

    def edit_order(self) -> None:
        """修改订单资料 for the selected order (or the only one shown)."""
        order = self.order_panel.target_order()
        if order is None or self.ctx.operator is None:
            return
        open_order_editor(self.ctx, order.order_no, self, lambda _changed: self.ctx.announce())

    def print_labels(self, all_unlabelled: bool) -> None:
        """Labels of the orders shown (or of every item not yet labelled), with a preview."""
        order_nos = None if all_unlabelled else [o.order_no for o in self.order_panel.orders]
        if order_nos == []:
            self.tick_result.setText(t("labels.none"))
            return
        engine = self.ctx.engine
        self.ctx.ops.read(
            lambda: label_job(engine, order_nos), self._print_labels, self._label_failed
        )

    def _print_labels(self, outcome: tuple[PrintJob | None, list[str]]) -> None:
        job, codes = outcome
        if job is None:
            self.labels_done.emit(self._say_labels(t("labels.none")))
            return
        printer = default_label_printer()
        try:
            if printer is not None:  # the station's label printer: straight out, no dialog
                print_without_dialog(job, printer)
            elif not print_with_preview(job, self, run_dialog=type(self).run_print_dialog):
                self.labels_done.emit(self._say_labels(t("labels.not_printed")))
                return
        except PrintError as error:
            self.labels_done.emit(self._say_labels(str(error)))
            return
        engine, clock = self.ctx.engine, self.ctx.clock
        self.ctx.ops.write(
            lambda: mark_labelled(engine, codes, clock),
            lambda _at: self.labels_done.emit(self._say_labels(t("labels.printed", n=len(codes)))),
            self._label_failed,
        )

    def _label_failed(self, error: BaseException) -> None:
        self.labels_done.emit(self._say_labels(str(error)))
        self.ctx.ops.report_failure(error)

    def _say_labels(self, text: str) -> str:
        self.tick_result.setText(text)
        return text

    def export(self, path: Path | None = None) -> None:
        """The items on screen, as shown, to .xlsx."""
        if not self.query:
            return
        path = path or choose_xlsx(self.ctx, self, t("query.file", q=self.query))
        if path is None:
            return
        fill = view_sheet(self.order_panel.model, t("page.query").split(" ")[0])
        write_xlsx(
            self.ctx,
            path,
            fill,
            lambda saved: self.exported.emit(str(saved)),
            self.ctx.ops.report_failure,
        )

    def on_scanned(self, code: str, _source: str) -> None:
        self.search.setText(code)
        self.look_up(code, scanned=True)

    def look_up(self, query: str, again: bool = False, scanned: bool = False) -> None:
        """Find ``query``; ``again``: the same query read anew, the ticked rows stay ticked;
        ``scanned``: a label, which shows only the order it is on (never a name it spells)."""
        query = query.strip()
        if not query:
            return
        self.query = query
        self._scanned = scanned or (again and self._scanned)
        self._asked += 1
        asked, engine, today = self._asked, self.ctx.engine, local_date(self.ctx.clock())
        self.ctx.ops.read(
            lambda: find_orders(engine, query, today),
            lambda orders: self._found(orders, again) if asked == self._asked else None,
        )

    def _found(self, orders: list[OrderView], again: bool = False) -> None:
        if self._scanned and not names_code(self.query, orders):
            orders = []
        if again:
            self.order_panel.show_again(orders)
        else:
            self.order_panel.set_orders(orders)
        self.record.show_orders([o.order_no for o in orders])
        if orders:
            items = sum(len(o.items) for o in orders)
            self.summary.setText(t("query.found", orders=len(orders), items=items))
        elif self._scanned:
            self.summary.setText(catalogue.text("refused.unknown_code", code=self.query))
        else:
            self.summary.setText(t("query.none", q=self.query))
        self.searched.emit(orders)

    def apply_to_selected(self, action: Action) -> None:
        codes = self.order_panel.selected_codes()
        operator = self.ctx.operator
        if not codes or operator is None:
            return
        station = TICK_ACTIONS[action][0]
        session = ScanSession(station, operator, workstation=self.ctx.workstation)
        service = self.ctx.service
        self.ctx.ops.write(
            lambda progress: apply_many(service, session, codes, action, progress),
            self._applied,
            with_progress=True,
        )

    def _applied(self, results: list[ScanResult]) -> None:
        ok = sum(1 for r in results if r.outcome.value == "accepted")
        refused = [r for r in results if r.outcome.value != "accepted"]
        text = t("tick.result", ok=ok, bad=len(refused))
        if refused:
            details = t("desk.clause_sep").join(f"{r.code} {r.message}" for r in refused[:3])
            text = t("tick.result_refused", ok=ok, bad=len(refused), details=details)
        self.tick_result.setText(text)
        self.ctx.announce({r.order_id for r in results if r.order_id is not None})
        self.ticked.emit(results)

    def _data_changed(self, _change: Change) -> None:
        """Something moved here or elsewhere: the answer read again (one indexed query;
        an order on screen carries no id to match the change against)."""
        if self.query:
            self.look_up(self.query, again=True)
