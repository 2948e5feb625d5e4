"""导入订单: an order spreadsheet checked first, imported whole or not at all.

Choosing a file starts a dry run on a worker
(:func:`~yinglou_desk.services.orders.importing.import_orders` with ``dry_run``):
nothing is written, and the preview shows what would come in and every row
error. Only a clean preview enables "Import"; the import itself runs on the
write worker with a progress bar, checks everything again (another PC may
have imported meanwhile) and writes all rows in one transaction or none.
A successful import is announced, so the board reloads.

The dialog is shown with ``show()`` (never ``exec()``): nothing here blocks.
It acts for the operator logged in when a step starts, and the import service
checks that operator's role; when they log out (or a badge switches operator)
the dialog forgets its file and preview and closes, so nobody imports later
with their rights.

Signals:
    previewed(object): the dry run's :class:`ImportReport`.
    imported(object): the real import's :class:`ImportReport` (``ok`` or not).
    refused(str): the file cannot be imported at all (not a workbook, no header…).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from yinglou_desk.catalogue import text as t
from yinglou_desk.domain.sheet_values import COLUMN_LABELS
from yinglou_desk.services.orders.importing import ImportRefused, ImportReport, import_orders
from yinglou_desk.ui.context import DeskContext
from yinglou_desk.ui.dialogs.file_choice import file_dialogs
from yinglou_desk.ui.models.records_model import RecordColumn, RecordsModel


def _error_status(_record: dict[str, object]) -> tuple[str, str]:
    return "problem", t("imp.error")


class ImportDialog(QDialog):
    previewed = Signal(object)
    imported = Signal(object)
    refused = Signal(str)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path: Path | None = None
        self.report: ImportReport | None = None
        self.setWindowTitle(t("imp.title"))
        self.resize(820, 520)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.choose_button = QPushButton(t("imp.choose"), self)
        self.choose_button.clicked.connect(lambda _=False: self.choose_file())
        row.addWidget(self.choose_button)
        self.file_label = QLabel(t("rec.no_file"), self)
        row.addWidget(self.file_label, 1)
        layout.addLayout(row)
        self.summary = QLabel(t("imp.hint"), self)
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("QLabel { font-size: 13pt; }")
        layout.addWidget(self.summary)
        self.errors = RecordsModel(
            [
                RecordColumn("status", t("col.state"), status=True),
                RecordColumn("row", t("rec.row"), "int"),
                RecordColumn("column", t("imp.column")),
                RecordColumn("message", t("col.message")),
            ],
            _error_status,
            self,
        )
        self.table = QTableView(self)
        self.table.setModel(self.errors)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.progress = QProgressBar(self)
        self.progress.hide()
        layout.addWidget(self.progress)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.import_button = QPushButton(t("imp.import"), self)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(lambda _=False: self.run_import())
        buttons.addWidget(self.import_button)
        self.close_button = QPushButton(t("imp.close"), self)
        self.close_button.clicked.connect(self.close)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        ctx.session_ended.connect(self.end_session)

    def end_session(self) -> None:
        """The operator who opened this left: forget the file and the preview, close."""
        self.path = None
        self.report = None
        self.import_button.setEnabled(False)
        self.file_label.setText(t("rec.no_file"))
        self.errors.set_rows([])
        self.summary.setText(t("imp.hint"))
        self.summary.setStyleSheet("QLabel { font-size: 13pt; }")
        self.close()

    # -- preview --------------------------------------------------------------------------

    def choose_file(self, path: Path | None = None) -> None:
        """The sheet to import (``path`` skips the chooser); starts the dry run."""
        path = path or file_dialogs(self.ctx.dialogs).choose_open_file(
            self, t("imp.choose"), "Excel (*.xlsx *.xlsm)"
        )
        if path is None:
            return
        self.path = path
        self.file_label.setText(str(path))
        self.import_button.setEnabled(False)
        self.errors.set_rows([])
        self.summary.setText(t("imp.checking"))
        engine, clock, actor = self.ctx.engine, self.ctx.clock, self.ctx.operator
        operator = actor.name if actor else ""  # nobody logged in: the service refuses
        self.ctx.ops.read(
            lambda: import_orders(
                engine, path, dry_run=True, operator=operator, clock=clock, actor=actor
            ),
            self._previewed,
            self._refused,
        )

    def _previewed(self, report: ImportReport) -> None:
        self.report = report
        self._show_report(report, dry_run=True)
        self.import_button.setEnabled(report.ok and report.orders > 0)
        self.previewed.emit(report)

    def _show_report(self, report: ImportReport, dry_run: bool) -> None:
        self.errors.set_rows(
            [
                {
                    "row": e.row,
                    "column": COLUMN_LABELS.get(e.column, e.column) if e.column else "",
                    "message": e.message,
                }
                for e in report.errors
            ]
        )
        if not report.ok:
            self.summary.setText(t("imp.bad", n=len(report.errors)))
            self.summary.setStyleSheet("QLabel { font-size: 13pt; color: #E53935; }")
            return
        self.summary.setStyleSheet("QLabel { font-size: 13pt; }")
        vendors = t("desk.list_sep").join(report.vendors_created) or t("imp.none")
        self.summary.setText(
            t(
                "imp.preview" if dry_run else "imp.done",
                orders=report.orders,
                items=report.items,
                barcodes=report.generated_barcodes,
                vendors=vendors,
            )
        )

    def _refused(self, error: BaseException) -> None:
        expected = isinstance(error, ImportRefused | PermissionError)  # bad sheet, not permitted
        text = str(error) if expected else t("error.failed", error=error)
        self.summary.setText(text)
        self.summary.setStyleSheet("QLabel { font-size: 13pt; color: #E53935; }")
        self.import_button.setEnabled(False)
        self.progress.hide()
        self.refused.emit(text)
        if not expected:
            self.ctx.ops.report_failure(error)

    # -- import ------------------------------------------------------------------------------

    def run_import(self) -> None:
        path = self.path
        if path is None or self.report is None or not self.report.ok:
            return
        engine, clock, actor = self.ctx.engine, self.ctx.clock, self.ctx.operator
        operator = actor.name if actor else ""
        self.import_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.summary.setText(t("imp.importing"))
        self.ctx.ops.progress.connect(self._step)
        self.ctx.ops.long_write(  # its own writer: scans at this PC go on meanwhile
            lambda progress: import_orders(
                engine, path, operator=operator, clock=clock, progress=progress, actor=actor
            ),
            self._imported,
            self._import_failed,
            with_progress=True,
        )

    def _step(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _finish(self) -> None:
        self.ctx.ops.progress.disconnect(self._step)
        self.choose_button.setEnabled(True)

    def _imported(self, report: ImportReport) -> None:
        self._finish()
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.report = report
        self._show_report(report, dry_run=False)
        if report.ok:
            self.ctx.announce(None)
        self.imported.emit(report)

    def _import_failed(self, error: BaseException) -> None:
        self._finish()
        self._refused(error)
