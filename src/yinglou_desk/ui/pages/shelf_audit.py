"""盘点: the sorter walks the ready shelf scanning a slot label, then everything on it.

Scans reach the page like any station's (:meth:`ShelfAuditPage.on_scanned`, from the
window's scan field or a scanner) and are only collected in memory
(:class:`~yinglou_desk.domain.shelf_audit.AuditScans`) until 完成盘点: then the
findings are computed and saved in one transaction on the write worker
(:func:`~yinglou_desk.services.shelf.audit.finish`, which checks the operator's right)
and shown in colour and words. An unfinished audit is dropped at log-out or a
switch of operator: it was that person's walk of the shelf.

Also here: the saved audits (choose one to see it, export it to Excel), "move it
to where it was scanned" for a misplaced item (a logged shelf move), and printing
shelf-slot labels for a range through the print preview.

Signals:
    scan_handled(object): the :class:`~yinglou_desk.domain.shelf_audit.Step` of a code.
    audit_shown(object): the :class:`~yinglou_desk.services.shelf.audit.AuditReport` on screen.
    done(str): what an action (export, move, labels, a refusal) said.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from yinglou_desk.catalogue import text as t
from yinglou_desk.domain.roles import NotPermitted
from yinglou_desk.domain.shelf_audit import AuditScans, FindingKind, Step, StepKind
from yinglou_desk.domain.shelf_slots import RACKS, Scope, SlotError, parse_slots
from yinglou_desk.domain.states import Station
from yinglou_desk.domain.wording import WordedError
from yinglou_desk.services.scanning.records import ScanSession
from yinglou_desk.services.shelf.audit import AuditReport, audit, audits, finish
from yinglou_desk.services.shelf.export import write_audit_workbook
from yinglou_desk.services.shelf.moves import Moved, move_items
from yinglou_desk.ui.context import Change, DeskContext
from yinglou_desk.ui.exports.files import choose_xlsx
from yinglou_desk.ui.models.shelf_audit_model import FindingsModel
from yinglou_desk.ui.printing.labels import default_label_printer, slot_label_job
from yinglou_desk.ui.printing.printer import (
    PrintError,
    PrintJob,
    exec_dialog,
    print_with_preview,
    print_without_dialog,
)
from yinglou_desk.ui.scanning.feedback import ScanResultPanel
from yinglou_desk.ui.widgets.fit_label import FitLabel

_STEP_COLOUR = {
    StepKind.SLOT: "ready",
    StepKind.ITEM: "sent_out",
    StepKind.REPEAT: "overdue",
    StepKind.NO_SLOT: "problem",
    StepKind.INVALID: "problem",
}
_STEP_SOUND = {
    StepKind.SLOT: "accepted",
    StepKind.ITEM: "accepted",
    StepKind.REPEAT: "duplicate",
    StepKind.NO_SLOT: "refused",
    StepKind.INVALID: "refused",
}
SAVED_SHOWN = 30


class ShelfAuditPage(QWidget):
    scan_handled = Signal(object)
    audit_shown = Signal(object)
    done = Signal(str)
    # how the print preview is shown; tests replace it so nothing blocks
    run_print_dialog: Callable[[QPrintPreviewDialog], int] = staticmethod(exec_dialog)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.scans = AuditScans()
        self.report: AuditReport | None = None
        layout = QVBoxLayout(self)
        self.panel = ScanResultPanel(self)
        self.panel.show_message("registered", t("shelf_audit.page.hint"))
        layout.addWidget(self.panel)

        scanned_row = QHBoxLayout()
        self.scanned_label = QLabel("", self)
        scanned_row.addWidget(self.scanned_label)
        self.slot_model = QStandardItemModel(self)
        self.slot_list = QListView(self)
        self.slot_list.setModel(self.slot_model)
        self.slot_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.slot_list.setMaximumHeight(60)
        scanned_row.addWidget(self.slot_list, 1)
        layout.addLayout(scanned_row)

        finish_row = QHBoxLayout()
        finish_row.addWidget(QLabel(t("shelf_audit.page.scope"), self))
        self.scope_box = QComboBox(self)
        self.scope_box.addItem(t("shelf_audit.page.scope_scanned"), Scope())
        for rack in RACKS:
            self.scope_box.addItem(t("shelf_audit.page.scope_rack", rack=rack), Scope(rack=rack))
        self.scope_box.addItem(t("shelf_audit.page.scope_whole"), Scope(whole=True))
        finish_row.addWidget(self.scope_box)
        self.finish_button = QPushButton(t("shelf_audit.page.finish"), self)
        self.finish_button.clicked.connect(self.finish_audit)
        finish_row.addWidget(self.finish_button)
        self.restart_button = QPushButton(t("shelf_audit.page.restart"), self)
        self.restart_button.clicked.connect(self.restart)
        finish_row.addWidget(self.restart_button)
        finish_row.addStretch(1)
        layout.addLayout(finish_row)

        self.model = FindingsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)

        saved_row = QHBoxLayout()
        saved_row.addWidget(QLabel(t("shelf_audit.page.saved_audits"), self))
        self.saved_box = QComboBox(self)
        self.saved_box.setMinimumContentsLength(30)
        self.saved_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.saved_box.activated.connect(self._saved_chosen)
        saved_row.addWidget(self.saved_box, 1)
        self.export_button = QPushButton(t("shelf_audit.page.export"), self)
        self.export_button.clicked.connect(lambda: self.export())
        saved_row.addWidget(self.export_button)
        self.move_button = QPushButton(t("shelf_audit.page.move_here"), self)
        self.move_button.clicked.connect(self.move_selected_here)
        self.move_button.setEnabled(False)  # for a misplaced item only
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_moved())
        self.model.modelReset.connect(self._selection_moved)
        saved_row.addWidget(self.move_button)
        layout.addLayout(saved_row)

        labels_row = QHBoxLayout()
        labels_row.addWidget(QLabel(t("shelf_labels.range"), self))
        self.range_edit = QLineEdit(self)
        self.range_edit.setPlaceholderText(t("shelf_labels.range_hint"))
        self.range_edit.setMaximumWidth(220)
        labels_row.addWidget(self.range_edit)
        self.labels_button = QPushButton(t("shelf_labels.print"), self)
        self.labels_button.clicked.connect(self.print_slot_labels)
        labels_row.addWidget(self.labels_button)
        self.result_label = FitLabel("", self)
        labels_row.addWidget(self.result_label, 1)
        layout.addLayout(labels_row)

        ctx.operator_changed.connect(lambda _op: self._new_person())
        ctx.session_ended.connect(self._new_person)
        ctx.data_changed.connect(self.refresh_shown)
        self._show_scanned()

    # -- the person auditing ----------------------------------------------------------------

    def _new_person(self) -> None:
        """Log-out or a switch of operator: the unfinished walk and the findings go."""
        self.scans.clear()
        self.report = None
        self.model.set_findings([])
        self.panel.show_message("registered", t("shelf_audit.page.hint"))
        self._show_scanned()
        if self.ctx.operator is not None:
            self.load_saved()

    def _session(self) -> ScanSession | None:
        operator = self.ctx.operator
        if operator is None:
            return None
        return ScanSession(Station.CHECK_IN, operator, workstation=self.ctx.workstation)

    # -- scanning ---------------------------------------------------------------------------

    def on_scanned(self, code: str, source: str) -> None:
        """One code from any scanner or the keyboard: a slot label or an item on it."""
        del source
        if self.ctx.operator is None:
            self.panel.show_message("problem", t("login.title"))
            return
        step = self.scans.scan(code)
        self._show_step(step)
        self._show_scanned()
        self.scan_handled.emit(step)

    def _show_step(self, step: Step) -> None:
        text = t(step.key, code=step.code, slot=step.slot or "")
        if step.kind is StepKind.SLOT:
            self.panel.show_message("ready", text)
        elif step.kind is StepKind.ITEM:
            self.panel.show_message("sent_out", text)
        else:
            self.panel.show_message(_STEP_COLOUR[step.kind], text)
        self.ctx.sounds.play(_STEP_SOUND[step.kind])

    def _show_scanned(self) -> None:
        self.scanned_label.setText(
            t("shelf_audit.page.scanned", slots=len(self.scans.slots), items=self.scans.item_count)
        )
        self.slot_model.clear()
        for slot, codes in reversed(list(self.scans.slots.items())):  # the latest first
            line = t("shelf_audit.page.slot_line", slot=slot, n=len(codes))
            self.slot_model.appendRow(QStandardItem(f"{line}  {' '.join(codes[-8:])}"))

    def restart(self) -> None:
        self.scans.clear()
        self.panel.show_message("registered", t("shelf_audit.page.hint"))
        self._show_scanned()

    # -- finishing --------------------------------------------------------------------------

    def finish_audit(self) -> None:
        """完成盘点: findings computed and saved on the write worker, then shown."""
        scans = AuditScans(self.scans.slot, {s: list(c) for s, c in self.scans.slots.items()})
        scope = self.scope_box.currentData() or Scope()
        engine, clock, actor = self.ctx.engine, self.ctx.clock, self.ctx.operator
        workstation = self.ctx.workstation

        def job() -> AuditReport:
            return finish(engine, scans, scope, actor=actor, workstation=workstation, clock=clock)

        self.ctx.ops.write(job, self._finished, self._refused)

    def _finished(self, report: AuditReport) -> None:
        self.scans.clear()
        self._show_scanned()
        self.scope_box.setCurrentIndex(0)
        s = report.summary
        text = t(
            "shelf_audit.saved",
            id=s.id,
            missing=s.missing,
            misplaced=s.misplaced,
            stale=s.stale,
            unknown=s.unknown,
        )
        bad = s.missing + s.misplaced + s.stale + s.unknown
        self.panel.show_message("problem" if bad else "ready", text)
        self._show_report(report)
        self.load_saved()
        self.done.emit(text)

    def _show_report(self, report: AuditReport) -> None:
        self.report = report
        self.model.set_findings(report.findings)
        self.table.resizeColumnsToContents()
        self.audit_shown.emit(report)

    def _refused(self, error: BaseException) -> None:
        if isinstance(error, (WordedError, NotPermitted)):
            self.panel.show_message("problem", str(error))
            self.ctx.sounds.play("refused")
            self.done.emit(str(error))
            return
        self.panel.show_message("problem", t("error.storage", error=error))
        self.ctx.ops.report_failure(error)

    # -- saved audits -------------------------------------------------------------------------

    def load_saved(self) -> None:
        engine = self.ctx.engine
        self.ctx.ops.read(lambda: audits(engine, SAVED_SHOWN), self._fill_saved, self._refused)

    def _fill_saved(self, listed: list) -> None:  # type: ignore[type-arg]
        self.saved_box.clear()
        for s in listed:
            when = s.at.astimezone().strftime("%m-%d %H:%M")
            words = t(
                "shelf_audit.saved",
                id=s.id,
                missing=s.missing,
                misplaced=s.misplaced,
                stale=s.stale,
                unknown=s.unknown,
            )
            self.saved_box.addItem(f"{when} {s.operator_name} {s.scope} · {words}", s.id)

    def _saved_chosen(self, index: int) -> None:
        audit_id = self.saved_box.itemData(index)
        if audit_id is not None:
            self.show_audit(int(audit_id))

    def show_audit(self, audit_id: int) -> None:
        engine = self.ctx.engine
        self.ctx.ops.read(lambda: audit(engine, audit_id), self._show_report, self._refused)

    def refresh_shown(self, change: Change) -> None:
        """An item of a shown audit changed (a move, a pickup): read the audit again."""
        report = self.report
        if report is None or not any(change.touches(f.order_id) for f in report.findings):
            return
        self.show_audit(report.summary.id)

    # -- export -------------------------------------------------------------------------------

    def export(self, path: Path | None = None) -> None:
        report = self.report
        if report is None:
            return
        path = path or choose_xlsx(self.ctx, self, f"shelf-audit-{report.summary.id}.xlsx")
        if path is None:
            return
        target = path

        def job() -> Path:
            return write_audit_workbook(report, target)

        self.ctx.ops.read(job, self._exported, self._refused)

    def _exported(self, path: Path) -> None:
        text = t("shelf_audit.exported", path=path)
        self.result_label.setText(text)
        self.done.emit(text)

    # -- move a misplaced item to where it was scanned ----------------------------------------

    def _selection_moved(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        finding = self.model.row_at(rows[0].row()) if rows else None
        self.move_button.setEnabled(
            finding is not None and finding.kind is FindingKind.MISPLACED and bool(finding.slot)
        )

    def move_selected_here(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        session = self._session()
        if not rows or session is None:
            return
        finding = self.model.row_at(rows[0].row())
        if finding.kind is not FindingKind.MISPLACED or not finding.slot:
            return
        engine, clock = self.ctx.engine, self.ctx.clock
        slot, code = finding.slot, finding.code
        self.ctx.ops.write(
            lambda: move_items(engine, session, slot, [code], clock), self._moved, self._refused
        )

    def _moved(self, moved: list[Moved]) -> None:
        [m] = moved
        self.panel.show_message("ready" if m.slot else "problem", m.message)
        self.result_label.setText(m.message)
        if m.order_id is not None:
            self.ctx.announce({m.order_id})
        self.done.emit(m.message)

    # -- slot labels --------------------------------------------------------------------------

    def print_slot_labels(self) -> None:
        try:
            slots = parse_slots(self.range_edit.text())
        except SlotError as error:
            self.result_label.setText(str(error))
            self.done.emit(str(error))
            return
        self.ctx.ops.read(lambda: slot_label_job(slots), self._print_labels, self._refused)

    def _print_labels(self, job: PrintJob) -> None:
        printer = default_label_printer()
        try:
            if printer is not None:  # the station's label printer: straight out, no dialog
                print_without_dialog(job, printer)
            elif not print_with_preview(job, self, run_dialog=type(self).run_print_dialog):
                text = t("shelf_labels.not_printed")
                self.result_label.setText(text)
                self.done.emit(text)
                return
        except PrintError as error:
            self.result_label.setText(str(error))
            self.done.emit(str(error))
            return
        text = t("shelf_labels.printed", n=len(job.images))
        self.result_label.setText(text)
        self.done.emit(text)
