"""What the three scan stations share: the scan session, the scan off the GUI thread, undo.

A station turns a code into :meth:`ScanService.scan` on the (single-threaded,
ordered) write pool, then shows the result big in its panel and announces
the changed order so other screens refresh. Subclasses add what happens
around the scan (``scan_job``) and how the answer is shown (``show_outcome``).

An action on "the item just scanned" (F7 defect, a shelf slot, F8 hand over)
pressed before that scan's answer is on screen waits for it
(:meth:`StationPage.after_answers`): it acts on the item just scanned, never
on the one before, which is still shown.

The screen tells the truth: whatever changes an item on screen — a scan or an
undo here, a move on another PC — reaches :meth:`StationPage.on_data_changed`
and the station shows the item as it is now (:meth:`StationPage.refresh_shown`).
A change the station announces with data it has just loaded itself
(:meth:`StationPage.announce_fresh`) is not read a second time. A scan that
does not name what is on screen, and the end of an operator's session, clear
the shown order (:meth:`StationPage.clear_shown`), so the next action and the
next person never act on the previous customer.

Signals:
    scan_handled(object): the :class:`ScanResult` of a code, once shown.
    undo_handled(object): the :class:`UndoResult` of an undo, once shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from yinglou_desk import catalogue
from yinglou_desk.catalogue import text as t
from yinglou_desk.domain.states import Station
from yinglou_desk.services.scanning.journal import JournalEntry
from yinglou_desk.services.scanning.pipeline import Held, Kept
from yinglou_desk.services.scanning.service import ScanResult, ScanSession
from yinglou_desk.services.scanning.undo import UndoResult, undo_last_scan
from yinglou_desk.services.staff.operators import OperatorInfo
from yinglou_desk.ui.context import Change, DeskContext
from yinglou_desk.ui.scanning.answer_gate import AnswerGate
from yinglou_desk.ui.scanning.feedback import ScanResultPanel


class StationPage(QWidget):
    station: Station
    scan_handled = Signal(object)
    undo_handled = Signal(object)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session: ScanSession | None = None
        self._answers = AnswerGate()
        self.panel = ScanResultPanel(self)
        self.panel.show_message("registered", t("panel.ready"))
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.panel)
        self._announcing_fresh = False
        ctx.operator_changed.connect(self._operator_changed)
        ctx.session_ended.connect(self._session_ended)
        ctx.data_changed.connect(self.on_data_changed)
        if ctx.offline is not None:
            ctx.offline.replayed.connect(self._replayed)
        if ctx.operator is not None:  # no session_started(): subclass widgets are not built yet
            self.session = ScanSession(self.station, ctx.operator, workstation=ctx.workstation)

    # -- session ------------------------------------------------------------------------

    def _operator_changed(self, operator: OperatorInfo | None) -> None:
        self.session = (
            None
            if operator is None
            else ScanSession(self.station, operator, workstation=self.ctx.workstation)
        )
        self.session_started()

    def session_started(self) -> None:
        """A new operator (or none) at this station; subclasses reset their lists."""

    def _session_ended(self) -> None:
        """Log-out or a switch of operator: nothing of the previous customer stays."""
        self.panel.show_message("registered", t("panel.ready"))
        self.clear_shown()

    def clear_shown(self) -> None:
        """Forget the order on screen (and whatever names its customer); subclasses clear."""

    # -- scanning -------------------------------------------------------------------------

    def on_scanned(self, code: str, source: str) -> None:
        """One code from any scanner or the keyboard; the only way codes come in."""
        session = self.session
        if session is None:
            self.panel.show_message("problem", t("login.title"))
            return
        self.expect_answer()
        self.ctx.ops.write(
            lambda: self._journaled(session, code, source),
            self.answered(self._scan_done),
            self.answered(self._failed),
        )

    # -- acting on the answer on screen ----------------------------------------------------

    def expect_answer(self) -> None:
        """A code went to a worker; what it shows is not on screen yet."""
        self._answers.expect()

    def answered(self, show: Callable[[Any], None]) -> Callable[[Any], None]:
        """``show`` (the worker's result or error), then the actions that waited for it."""

        def shown(value: Any) -> None:
            try:
                show(value)
            finally:
                self._answers.answered()

        return shown

    def after_answers(self, action: Callable[[], None]) -> None:
        """Run ``action`` now, or once every code in flight has its answer on screen."""
        self._answers.after(action)

    def _journaled(self, session: ScanSession, code: str, source: str) -> Any:
        """Worker thread: through the scan pipeline — the journal first, then the database."""
        pipeline = self.ctx.pipeline
        entry = pipeline.arrive(session, code, source)
        return pipeline.take(entry, self.scan_job)

    def scan_job(self, entry: JournalEntry) -> Any:
        """Worker thread: the scan and whatever the station loads with it."""
        return self.record(entry)

    def record(self, entry: JournalEntry) -> ScanResult:
        """The scan itself (a journaled one carries its time and journal id)."""
        return self.ctx.pipeline.record(entry)

    def _scan_done(self, outcome: Any) -> None:
        if isinstance(outcome, (Held, Kept)):
            self.clear_shown()  # the order on screen is not the one of this code
        if isinstance(outcome, Held):
            self.panel.show_message("overdue", t("offline.pending", n=outcome.pending))
            self.ctx.sounds.play("duplicate")
            return
        if isinstance(outcome, Kept):
            self.panel.show_message("problem", catalogue.text("scan.kept", code=outcome.code))
            self.ctx.sounds.play("refused")
            return
        result = self.result_of(outcome)
        self.show_outcome(outcome)
        if result.order_id is not None and result.outcome.value == "accepted":
            self.announce_fresh({result.order_id})
        self.scan_handled.emit(result)

    def result_of(self, outcome: Any) -> ScanResult:
        """The scan result inside what ``scan_job`` returned."""
        return outcome  # type: ignore[no-any-return]

    def show_outcome(self, outcome: Any) -> None:
        result: ScanResult = outcome
        self.show_result(result)

    def show_result(self, result: ScanResult) -> None:
        """Big words, the outcome's colour with a flash, and its sound."""
        self.panel.show_result(result.outcome.value, result.code, result.message)
        self.ctx.sounds.play(result.outcome.value)

    def _failed(self, error: BaseException) -> None:
        self.panel.show_message("problem", t("error.storage", error=error))
        self.ctx.ops.report_failure(error)

    def _replayed(self, results: list[ScanResult]) -> None:
        """Offline scans reached the database: say which no longer fitted, if any."""
        if not self.isVisible():
            return
        refused = [r for r in results if r.outcome.value == "refused"]
        if refused:
            lines = [t("offline.refused_line", code=r.code, message=r.message) for r in refused[:4]]
            self.panel.show_message(
                "problem", t("offline.refused", n=len(refused)) + "\n" + "\n".join(lines)
            )
            self.ctx.sounds.play("refused")
        else:
            self.panel.show_message("ready", t("offline.synced", n=len(results)))
        self.ctx.announce({r.order_id for r in results if r.order_id is not None})

    # -- undo -----------------------------------------------------------------------------

    def undo_last(self) -> None:
        session = self.session
        if session is None:
            return
        engine, clock = self.ctx.engine, self.ctx.clock
        self.ctx.ops.write(
            lambda: undo_last_scan(engine, session, clock=clock), self._undone, self._failed
        )

    def _undone(self, result: UndoResult) -> None:
        self.panel.show_message("overdue" if result.ok else "problem", result.message)
        if result.ok:
            self.show_undone(result)
            # not announce_fresh: this station too reads the order again (on_data_changed)
            self.ctx.announce({result.order_id} if result.order_id else None)
        self.undo_handled.emit(result)

    def show_undone(self, result: UndoResult) -> None:
        """An undo went through; subclasses mark what only they know (a batch row)."""

    # -- telling the truth -------------------------------------------------------------

    def announce_fresh(self, order_ids: set[int]) -> None:
        """Tell the other screens; this one has just loaded these orders as they are now."""
        self._announcing_fresh = True
        try:
            self.ctx.announce(order_ids)
        finally:
            self._announcing_fresh = False

    def on_data_changed(self, change: Change) -> None:
        """Something changed here or on another PC: show the items on screen as they are."""
        if self._announcing_fresh and not change.remote:
            return
        self.refresh_shown(change)

    def refresh_shown(self, change: Change) -> None:
        """Read again whatever this station shows that ``change`` touches; subclasses do."""
