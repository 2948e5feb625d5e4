"""查件: one search box for everything a customer might say, plus batch ticking.

The answer lists every order of the customer with every item in colour,
state, vendor, dates and expected return. Selected items can be sent out,
checked in or handed over from here (batch ticking, for staff without a
scanner at hand) — through the scan service, so the checks and the log are
exactly those of a scan. Buttons the operator's role may not use are hidden.

Managers export the answer as shown (every item row, the same columns and
words) to .xlsx.

Signals:
    ticked(object): the list of :class:`ScanResult` of one batch action.
    searched(object): the orders found for a query.
    exported(str): the path of a written export.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ..domain.roles import Permission, may
from ..domain.states import Action, Station
from ..services.batch import apply_many
from ..services.clock import local_date
from ..services.operators import OperatorInfo
from ..services.query import OrderView, find_orders
from ..services.scanning import ScanResult, ScanSession
from .context import Change, DeskContext
from .exporting import choose_xlsx, write_xlsx
from .order_panel import OrderPanel
from .table_export import view_sheet
from .texts import t

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

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.query = ""
        layout = QVBoxLayout(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(t("query.placeholder"))
        self.search.setStyleSheet("QLineEdit { font-size: 18pt; padding: 6px; }")
        self.search.returnPressed.connect(lambda: self.find(self.search.text()))
        layout.addWidget(self.search)
        self.summary = QLabel(self)
        layout.addWidget(self.summary)
        self.order_panel = OrderPanel(self)
        layout.addWidget(self.order_panel, 1)
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
        buttons.addStretch(1)
        self.tick_result = QLabel(self)
        buttons.addWidget(self.tick_result)
        layout.addLayout(buttons)
        ctx.operator_changed.connect(self._operator_changed)
        ctx.data_changed.connect(self._data_changed)
        self._operator_changed(ctx.operator)

    def _operator_changed(self, operator: OperatorInfo | None) -> None:
        for action, (_station, permission, _key) in TICK_ACTIONS.items():
            visible = operator is not None and may(operator.role, permission)
            self.tick_buttons[action].setVisible(visible)
        self.export_button.setVisible(
            operator is not None and may(operator.role, Permission.EXPORT)
        )

    def export(self, path: Path | None = None) -> None:
        """The items on screen, as shown, to .xlsx."""
        if not self.query:
            return
        path = path or choose_xlsx(self.ctx, self, f"查件-{self.query}.xlsx")
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

    def on_scanned(self, code: str, source: str) -> None:
        self.search.setText(code)
        self.find(code)

    def find(self, query: str) -> None:
        query = query.strip()
        if not query:
            return
        self.query = query
        engine, today = self.ctx.engine, local_date(self.ctx.clock())
        self.ctx.ops.read(lambda: find_orders(engine, query, today), self._found)

    def _found(self, orders: list[OrderView]) -> None:
        self.order_panel.set_orders(orders)
        if orders:
            items = sum(len(o.items) for o in orders)
            self.summary.setText(t("query.found", orders=len(orders), items=items))
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
            text += "：" + "；".join(f"{r.code} {r.message}" for r in refused[:3])
        self.tick_result.setText(text)
        self.ctx.announce({r.order_id for r in results if r.order_id is not None})
        self.ticked.emit(results)

    def _data_changed(self, change: Change) -> None:
        if self.query:
            self.find(self.query)
