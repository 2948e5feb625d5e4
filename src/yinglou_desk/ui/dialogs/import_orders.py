"""导入订单: an order spreadsheet checked first, imported whole or not at all.

Choosing a file starts a dry run on a worker
(:func:`~yinglou_desk.services.orders.importing.import_orders` with ``dry_run``):
nothing is written, and the preview shows the sheets read, skipped and
hidden, what would come in (new orders, new items of known orders, known
orders unchanged), every field the sheet has differently from the database,
and every row error. Only a clean preview enables "Import" — and a sheet with
changes only once 「应用这些修改」 is ticked. The import itself runs on the
write worker with a progress bar, plans everything again (another PC may
have imported meanwhile) and writes it in one transaction or not at all.
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
    QCheckBox,
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
from yinglou_desk.services.orders.reimport import shown
from yinglou_desk.ui.context import DeskContext
from yinglou_desk.ui.dialogs.file_choice import file_dialogs
from yinglou_desk.ui.models.records_model import RecordColumn, RecordsModel


def _error_status(_record: dict[str, object]) -> tuple[str, str]:
    return "problem", t("imp.error")


def _change_status(_record: dict[str, object]) -> tuple[str, str]:
    return "partial", t("imp.changed")


SHEET_FILTER_KEY = "imp.file_filter"  # .xlsx, .xls, .ods and CSV, named in the language


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
        self.resize(820, 560)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.choose_button = QPushButton(t("imp.choose"), self)
        self.choose_button.clicked.connect(lambda _=False: self.choose_file())
        row.addWidget(self.choose_button)
        self.file_label = QLabel(t("imp.no_file"), self)
        self.file_label.setWordWrap(True)
        row.addWidget(self.file_label, 1)
        layout.addLayout(row)
        self.summary = QLabel(t("imp.hint"), self)
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("QLabel { font-size: 13pt; }")
        layout.addWidget(self.summary)
        self.sheets_label = QLabel("", self)  # sheets read, skipped (and why), hidden
        self.sheets_label.setWordWrap(True)
        self.sheets_label.hide()
        layout.addWidget(self.sheets_label)
        self.errors = RecordsModel(
            [
                RecordColumn("status", t("col.state"), status=True),
                RecordColumn("sheet", t("imp.sheet")),
                RecordColumn("row", t("imp.row"), "int"),
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
        self.changes = RecordsModel(
            [
                RecordColumn("status", t("col.state"), status=True),
                RecordColumn("order_no", t("imp.order_no")),
                RecordColumn("code", t("imp.code")),
                RecordColumn("field", t("imp.field")),
                RecordColumn("old", t("imp.old")),
                RecordColumn("new", t("imp.new")),
                RecordColumn("row", t("imp.row"), "int"),
            ],
            _change_status,
            self,
        )
        self.changes_table = QTableView(self)
        self.changes_table.setModel(self.changes)
        self.changes_table.horizontalHeader().setStretchLastSection(True)
        self.changes_table.hide()
        layout.addWidget(self.changes_table, 1)
        self.apply_box = QCheckBox(t("imp.apply_changes"), self)
        self.apply_box.hide()
        self.apply_box.toggled.connect(lambda _on: self._enable_import())
        layout.addWidget(self.apply_box)
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
        self.file_label.setText(t("imp.no_file"))
        self.errors.set_rows([])
        self.changes.set_rows([])
        self.changes_table.hide()
        self.apply_box.hide()
        self.apply_box.setChecked(False)
        self.sheets_label.hide()
        self.summary.setText(t("imp.hint"))
        self.summary.setStyleSheet("QLabel { font-size: 13pt; }")
        self.close()

    # -- preview --------------------------------------------------------------------------

    def choose_file(self, path: Path | None = None) -> None:
        """The sheet to import (``path`` skips the chooser); starts the dry run."""
        path = path or file_dialogs(self.ctx.dialogs).choose_open_file(
            self, t("imp.choose"), t(SHEET_FILTER_KEY)
        )
        if path is None:
            return
        self.path = path
        self.file_label.setText(str(path))
        self.import_button.setEnabled(False)
        self.errors.set_rows([])
        self.changes.set_rows([])
        self.changes_table.hide()
        self.apply_box.hide()
        self.apply_box.setChecked(False)
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
        self._enable_import()
        self.previewed.emit(report)

    def _enable_import(self) -> None:
        """Import is offered for a clean sheet with something new; with changes, once ticked."""
        report = self.report
        ready = bool(report and report.ok and report.writes_anything and report.dry_run)
        if ready and report is not None and report.changes:
            ready = self.apply_box.isChecked()
        self.import_button.setEnabled(ready)

    def _show_report(self, report: ImportReport, dry_run: bool) -> None:
        self._show_sheets(report)
        self.errors.set_rows(
            [
                {
                    "sheet": e.sheet,
                    "row": e.row,
                    "column": COLUMN_LABELS.get(e.column, e.column) if e.column else "",
                    "message": e.message,
                }
                for e in report.errors
            ]
        )
        self.table.setColumnHidden(1, not any(e.sheet for e in report.errors))
        self.changes.set_rows(
            [
                {
                    "order_no": c.order_no,
                    "code": c.code or "",
                    "field": COLUMN_LABELS.get(c.field, c.field),
                    "old": shown(c.old),
                    "new": shown(c.new),
                    "row": c.row,
                }
                for c in report.changes
            ]
        )
        self.changes_table.setVisible(bool(report.changes))
        self.apply_box.setVisible(bool(report.changes) and dry_run)
        self.table.setVisible(bool(report.errors) or not report.changes)
        if not report.ok:
            self.summary.setText(t("imp.bad", n=len(report.errors)))
            self.summary.setStyleSheet("QLabel { font-size: 13pt; color: #E53935; }")
            return
        self.summary.setStyleSheet("QLabel { font-size: 13pt; }")
        if not report.writes_anything:
            self.summary.setText(t("imp.nothing_new", unchanged=report.orders_unchanged))
            return
        if report.needs_approval and not dry_run:
            self.summary.setText(t("imp.changed_since", n=len(report.changes)))
            self.summary.setStyleSheet("QLabel { font-size: 13pt; color: #FB8C00; }")
            return
        vendors = t("desk.list_sep").join(report.vendors_created) or t("imp.none")
        key = "imp.preview_changes" if dry_run and report.changes else None
        said = t(
            key or ("imp.preview" if dry_run else "imp.done"),
            orders=report.orders_new,
            items=report.items_new,
            unchanged=report.orders_unchanged,
            changes=len(report.changes),
            barcodes=report.generated_barcodes,
            vendors=vendors,
        )
        if report.prices_kept:  # a sheet never overwrites a price a manager set
            said += " " + t("payments.import.prices_kept_n", n=len(report.prices_kept))
        self.summary.setText(said)

    def _show_sheets(self, report: ImportReport) -> None:
        sep = t("desk.list_sep")
        lines = []
        if len(report.sheets_read) > 1 or report.sheets_skipped or report.hidden_sheets:
            lines.append(t("import.sheets_read", sheets=sep.join(report.sheets_read)))
        lines += [
            t("import.sheet_skipped", sheet=sheet, reason=t(reason))
            for sheet, reason in report.sheets_skipped
        ]
        if report.hidden_sheets:
            lines.append(t("import.hidden_skipped", sheets=sep.join(report.hidden_sheets)))
        self.sheets_label.setText("\n".join(lines))
        self.sheets_label.setVisible(bool(lines))

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
        apply_changes = bool(self.report.changes) and self.apply_box.isChecked()
        if self.report.changes and not apply_changes:
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
                engine,
                path,
                apply_changes=apply_changes,
                operator=operator,
                clock=clock,
                progress=progress,
                actor=actor,
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
        self.apply_box.hide()
        self._show_report(report, dry_run=False)
        if report.ok and report.writes_anything and not report.needs_approval:
            self.ctx.announce(None)
        self.imported.emit(report)

    def _import_failed(self, error: BaseException) -> None:
        self._finish()
        self._refused(error)
