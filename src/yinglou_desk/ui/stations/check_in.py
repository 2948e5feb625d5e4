"""回件/理件: scan a returned item; see its whole order; shelve it; flag a defect.

An accepted check-in puts the item on a shelf slot in the same transaction
(the order's slot, else the next free one: :mod:`yinglou_desk.services.scanning.shelving`), and the
panel shows the order with every item in its colour. A defect is one step:
the reason plus F7 sends the selected (or last scanned) item to rework
through the scan service, logged like any scan.

A shelf-slot label (货架位标签, ``SL-A-05``) scanned here chooses the slot for the
items scanned after it: the station says "放入 A-05" in orange until it is
cancelled (取消放入), another slot label is scanned, nobody scanned into it for
:data:`ARMED_MS`, or the operator logs out or is switched. An item already back
is then moved there (a logged shelf move); one coming back from the lab is
checked in straight into that slot (:func:`~yinglou_desk.services.shelf.moves.scan_into`).
Each scan takes the slot chosen when it was scanned, even if a later label
changes it while the scan is still on its way to the database. A scan held
while the database is away is replayed later as a plain check-in (the order's
slot or the next free one): the slot label is not in the journal.

The order on screen is always as it is now: an undo (F6), a move on another PC
or on another page reads it again. A code that names no order clears it, so F7
never flags the previous customer's item.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from yinglou_desk.catalogue import text as t
from yinglou_desk.domain.codes import InvalidCode, normalize_code
from yinglou_desk.domain.roles import Permission, may
from yinglou_desk.domain.shelf_slots import slot_of_label
from yinglou_desk.domain.states import Action, ScanOutcome, Station
from yinglou_desk.services.clock import local_date
from yinglou_desk.services.orders.query import OrderView, orders_by_id
from yinglou_desk.services.scanning.journal import JournalEntry
from yinglou_desk.services.scanning.service import ScanResult
from yinglou_desk.services.scanning.shelving import ShelvingError, shelve
from yinglou_desk.services.scanning.undo import UndoResult
from yinglou_desk.services.shelf.moves import scan_into
from yinglou_desk.ui.context import Change, DeskContext
from yinglou_desk.ui.pages.order_panel import OrderPanel
from yinglou_desk.ui.stations.base import StationPage

ARMED_MS = 5 * 60 * 1000  # a slot chosen by scanning its label lasts 5 minutes after its last use
ARMED_STYLE = "QLabel { background: #FB8C00; color: #FFFFFF; font-size: 16pt; padding: 2px 8px; }"

# the usual defects, offered in the reason box (any other reason may be typed)
DEFECT_REASONS = ("scratch", "colour", "size", "text", "damaged", "missing")


def defect_reasons() -> list[str]:
    """The usual defects in words, as the reason box offers them."""
    return [t(f"check.reason.{reason}") for reason in DEFECT_REASONS]


@dataclass
class CheckInOutcome:
    result: ScanResult
    slot: str | None
    orders: list[OrderView]


class CheckInPage(StationPage):
    station = Station.CHECK_IN
    slot_armed = Signal(object)  # the slot items now go to (None: the usual rule again)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.last_code: str | None = None
        self.order_id: int | None = None
        self._shown = 0  # bumped whenever the order panel is filled or cleared
        self.order_panel = OrderPanel(self)
        self.layout_.addWidget(self.order_panel, 1)

        slot_row = QHBoxLayout()
        self.slot_label = QLabel("", self)
        font = QFont(self.slot_label.font())
        font.setPointSize(18)
        font.setBold(True)
        self.slot_label.setFont(font)
        slot_row.addWidget(self.slot_label, 2)
        slot_row.addWidget(QLabel(t("check.slot")))
        self.slot_edit = QLineEdit(self)
        self.slot_edit.setMaximumWidth(120)
        slot_row.addWidget(self.slot_edit)
        self.slot_button = QPushButton(t("check.slot_set"), self)
        self.slot_button.clicked.connect(self.move_to_slot)
        slot_row.addWidget(self.slot_button)
        self.layout_.addLayout(slot_row)

        armed_row = QHBoxLayout()
        self.armed_slot: str | None = None
        self.armed_label = QLabel("", self)
        self.armed_label.setStyleSheet(ARMED_STYLE)
        armed_row.addWidget(self.armed_label, 1)
        self.disarm_button = QPushButton(t("shelf_audit.station.clear"), self)
        self.disarm_button.clicked.connect(self.disarm)
        armed_row.addWidget(self.disarm_button)
        self.layout_.addLayout(armed_row)
        self._armed_timer = QTimer(self)
        self._armed_timer.setSingleShot(True)
        self._armed_timer.setInterval(ARMED_MS)
        self._armed_timer.timeout.connect(self.disarm)
        ctx.session_ended.connect(self.disarm)
        self._show_armed()

        defect_row = QHBoxLayout()
        defect_row.addWidget(QLabel(t("check.defect")))
        self.reason_box = QComboBox(self)
        self.reason_box.setEditable(True)
        self.reason_box.addItem("")
        self.reason_box.addItems(defect_reasons())
        defect_row.addWidget(self.reason_box, 1)
        self.flag_button = QPushButton(t("check.flag"), self)
        self.flag_button.clicked.connect(self.flag_defect)
        defect_row.addWidget(self.flag_button)
        self.layout_.addLayout(defect_row)

    def session_started(self) -> None:
        self.disarm()  # a new person (or nobody): the previous one's slot choice goes
        allowed = self.session is not None and may(
            self.session.operator.role, Permission.FLAG_REWORK
        )
        self.flag_button.setVisible(allowed)
        self.reason_box.setVisible(allowed)

    # -- a slot chosen by scanning its label -------------------------------------------------

    def on_scanned(self, code: str, source: str) -> None:
        """A slot label chooses the slot; an item goes there while one is chosen."""
        slot = _slot_of(code)
        if slot is not None:
            if self.session is None:
                self.panel.show_message("problem", t("login.title"))
                return
            self.arm(slot)
            return
        armed, session = self.armed_slot, self.session
        if armed is None or session is None:
            super().on_scanned(code, source)
            return
        self._armed_timer.start()  # in use: it lasts ARMED_MS from now
        pipeline = self.ctx.pipeline
        self.expect_answer()
        self.ctx.ops.write(
            lambda: pipeline.take(
                pipeline.arrive(session, code, source), lambda e: self._scan_into(e, armed)
            ),
            self.answered(self._scan_done),
            self.answered(self._failed),
        )

    def _scan_into(self, entry: JournalEntry, slot: str) -> CheckInOutcome:
        """Worker: the item moved or checked in into ``slot``, and its order."""
        result = scan_into(
            self.ctx.engine, self.ctx.service, entry.session, entry.code, slot, self.ctx.clock
        )
        return CheckInOutcome(result, result.shelf_slot, self._load(result.order_id))

    def arm(self, slot: str) -> None:
        self.armed_slot = slot
        self._armed_timer.start()
        self._show_armed()
        self.panel.show_message("overdue", t("shelf_audit.station.armed", slot=slot))
        self.ctx.sounds.play("accepted")
        self.slot_armed.emit(slot)

    def disarm(self) -> None:
        was = self.armed_slot
        self.armed_slot = None
        self._armed_timer.stop()
        self._show_armed()
        if was is not None:
            self.slot_armed.emit(None)

    def _show_armed(self) -> None:
        slot = self.armed_slot
        self.armed_label.setText(t("shelf_audit.station.armed", slot=slot) if slot else "")
        self.armed_label.setVisible(slot is not None)
        self.disarm_button.setVisible(slot is not None)

    # -- the scan -------------------------------------------------------------------------

    def scan_job(self, entry: JournalEntry) -> CheckInOutcome:
        """The check-in (which shelves the item in its own transaction) and the order."""
        result = self.record(entry)
        return CheckInOutcome(result, result.shelf_slot, self._load(result.order_id))

    def _load(self, order_id: int | None) -> list[OrderView]:
        if order_id is None:
            return []
        return orders_by_id(self.ctx.engine, [order_id], local_date(self.ctx.clock()))

    def result_of(self, outcome: CheckInOutcome) -> ScanResult:
        return outcome.result

    def show_outcome(self, outcome: CheckInOutcome) -> None:
        self.show_result(outcome.result)
        if outcome.orders:
            self.last_code = outcome.result.code
            self.order_id = outcome.result.order_id
            self._shown += 1
            self.order_panel.set_orders(outcome.orders, highlight=outcome.result.code)
        else:  # a code of no order: the order on screen is not its order
            self.clear_shown()
        if outcome.slot:
            self.slot_label.setText(t("check.slot_done", slot=outcome.slot))
            self.slot_edit.setText(outcome.slot)
        elif outcome.result.outcome is not ScanOutcome.ACCEPTED:
            self.slot_label.setText("")

    # -- after the scan -------------------------------------------------------------------

    def _target_code(self) -> str | None:
        selected = self.order_panel.selected_codes()
        return selected[0] if selected else self.last_code

    def move_to_slot(self) -> None:
        self.after_answers(self._move_shown_item)

    def _move_shown_item(self) -> None:
        code, session, slot = self._target_code(), self.session, self.slot_edit.text()
        if code is None or session is None or not slot.strip():
            return
        engine, clock = self.ctx.engine, self.ctx.clock

        def job() -> tuple[str, int, list[OrderView]]:
            assignment = shelve(engine, session, code, slot, clock=clock)
            return assignment.slot, assignment.order_id, self._load(assignment.order_id)

        def done(outcome: tuple[str, int, list[OrderView]]) -> None:
            slot_name, order_id, orders = outcome
            self.order_id = order_id
            self._shown += 1
            self.slot_label.setText(t("check.slot_done", slot=slot_name))
            self.order_panel.set_orders(orders, highlight=code)
            self.announce_fresh({order_id})

        self.ctx.ops.write(job, done, self._slot_failed)

    def _slot_failed(self, error: BaseException) -> None:
        if isinstance(error, ShelvingError):
            self.panel.show_message("problem", str(error))
        else:
            self._failed(error)

    def flag_defect(self) -> None:
        """Defect → rework in one step, with the reason kept in the scan log."""
        self.after_answers(self._flag_shown_item)

    def _flag_shown_item(self) -> None:
        reason = self.reason_box.currentText().strip()
        code, session = self._target_code(), self.session
        if session is None or code is None:
            return
        if not reason:
            self.panel.show_message("problem", t("check.need_reason"))
            return

        def job() -> CheckInOutcome:
            result = self.ctx.service.apply(session, code, Action.FLAG_REWORK, detail=reason)
            return CheckInOutcome(result, None, self._load(result.order_id))

        self.ctx.ops.write(job, self._flagged, self._failed)

    def _flagged(self, outcome: CheckInOutcome) -> None:
        self.show_outcome(outcome)
        self.slot_label.setText("")
        self.reason_box.setCurrentIndex(0)
        if outcome.result.order_id is not None:
            self.announce_fresh({outcome.result.order_id})
        self.scan_handled.emit(outcome.result)

    # -- the truth on screen ----------------------------------------------------------------

    def clear_shown(self) -> None:
        self._shown += 1
        self.last_code = None
        self.order_id = None
        self.order_panel.clear()
        self.slot_label.setText("")
        self.slot_edit.clear()

    def show_undone(self, result: UndoResult) -> None:
        if result.order_id == self.order_id:
            self.slot_label.setText("")  # the slot said was for the move just undone

    def refresh_shown(self, change: Change) -> None:
        """An item of the order on screen moved (undo, another page, another PC): read it."""
        order_id, generation = self.order_id, self._shown
        if order_id is None or not change.touches(order_id):
            return

        def arrived(orders: list[OrderView]) -> None:
            if self.order_id != order_id:  # cleared, or another order on screen now
                return
            if generation != self._shown:  # shown meanwhile, maybe from an older read
                self.refresh_shown(change)
                return
            self.order_panel.show_again(orders)

        engine, today = self.ctx.engine, local_date(self.ctx.clock())
        self.ctx.ops.read(lambda: orders_by_id(engine, [order_id], today), arrived)


def _slot_of(code: str) -> str | None:
    try:
        return slot_of_label(normalize_code(code))
    except InvalidCode:
        return None
