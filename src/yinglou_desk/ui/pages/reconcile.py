"""对账: check a vendor's month-end statement against what was really sent and received.

Pick the vendor, the period and the statement file (.xlsx from Excel, WPS or
LibreOffice); the check (:func:`~yinglou_desk.services.reconciliation.matching.reconcile_statement`)
runs on a worker and comes back as one row per finding, the category in its
colour *and* in words, problems first, with the totals per category above.
The same result exports as the report workbook, and the period's items as
the export for the vendor (no customer phone numbers, names masked).

Under the findings: the statement's rows that were not item lines and why
(totals, footers, repeated headers…), the sheets read and ignored, and the
statement's own total beside the sum of its lines (red when they differ).
When the code or amount column cannot be told, a small dialog shows the
first rows and lets the manager point at them (条码列, 金额列); the check runs
again with the choice, remembered for the vendor once it reads. 确认对账
records the checked statement as settled (managers; only after a check with a
period; asked first).

Signals:
    checked(object): the :class:`Reconciliation` now on screen.
    exported(str): the path of a written workbook.
    confirmed(object): the :class:`Settlement` just recorded.
    columns_asked(object): the column dialog now open.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yinglou_desk.catalogue import text as t
from yinglou_desk.domain.roles import Permission, may
from yinglou_desk.domain.statement_match import CATEGORY_NAMES, Category, Finding
from yinglou_desk.domain.statement_sheet import ColumnChoice, SkippedRow
from yinglou_desk.services.clock import local_date
from yinglou_desk.services.reconciliation.matching import (
    Reconciliation,
    export_reconciliation,
    reconcile_statement,
)
from yinglou_desk.services.reconciliation.report import REPORT_ORDER, finding_order, write_report
from yinglou_desk.services.reconciliation.settlements import (
    Settlement,
    SettlementRefused,
    column_options,
    confirm_reconciliation,
)
from yinglou_desk.services.reconciliation.statement import StatementNeedsColumns
from yinglou_desk.services.reconciliation.vendor_history import Period
from yinglou_desk.services.settings.vendors import vendor_choices
from yinglou_desk.ui.context import DeskContext
from yinglou_desk.ui.dialogs.file_choice import file_dialogs
from yinglou_desk.ui.exports.files import choose_xlsx
from yinglou_desk.ui.models.records_model import Record, RecordColumn, RecordsModel
from yinglou_desk.ui.widgets.columns import fit_columns
from yinglou_desk.ui.widgets.fit_label import FitLabel

# category → palette key (the words always come with it)
CATEGORY_COLOURS = {
    Category.MATCHED: "ready",
    Category.UNKNOWN: "problem",
    Category.DUPLICATE: "problem",
    Category.REWORK_BILLED: "rework",
    Category.AMOUNT_MISMATCH: "overdue",
    Category.BILLED_NOT_RECEIVED: "sent_out",
    Category.RECEIVED_NOT_BILLED: "registered",
    Category.ALREADY_SETTLED: "problem",  # paid last month, billed again
    Category.CREDIT: "picked_up",  # money back to the studio
}
PROBLEM_STYLE = "QLabel { color: #E53935; }"


def previous_month(today: date) -> tuple[date, date]:
    last = today.replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last


def _status(record: Record) -> tuple[str, str]:
    category = record["category"]
    return CATEGORY_COLOURS[category], CATEGORY_NAMES[category]


def finding_record(finding: Finding) -> Record:
    item, line = finding.item, finding.line
    difference = None
    if finding.category is Category.AMOUNT_MISMATCH and finding.expected is not None:
        difference = (finding.billed or Decimal("0")) - finding.expected
    return {
        "category": finding.category,
        "code": finding.code,
        "order_no": item.order_no if item else (line.order_no if line else None),
        "product": item.product if item else (line.product if line else None),
        "row": finding.row,
        "billed": finding.billed,
        "expected": finding.expected,
        "difference": difference,
        "reason": finding.reason,
    }


def skipped_record(row: SkippedRow) -> Record:
    return {"sheet": row.sheet, "row": row.row, "reason": row.reason_text, "text": row.text}


class ColumnDialog(QDialog):
    """The statement's first rows and two choices: which column holds the code, which
    the amount. Opened without blocking; ``choice()`` is what was picked."""

    def __init__(
        self,
        sheet: str,
        preview: list[tuple[str, ...]],
        header_row: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("settlements.columns_title"))
        layout = QVBoxLayout(self)
        hint = QLabel(t("settlements.columns_hint", sheet=sheet), self)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        options = column_options(preview, header_row)
        self.preview = QTableWidget(len(preview), len(options), self)
        self.preview.setHorizontalHeaderLabels([letter for letter, _ in options])
        for r, cells in enumerate(preview):
            for c, cell in enumerate(cells):
                self.preview.setItem(r, c, QTableWidgetItem(cell))
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.preview, 1)
        form = QFormLayout()
        self.code_box = QComboBox(self)
        self.amount_box = QComboBox(self)
        for box in (self.code_box, self.amount_box):
            for letter, header in options:
                box.addItem(t("settlements.column_option", letter=letter, header=header), letter)
        if len(options) > 1:
            self.amount_box.setCurrentIndex(1)
        form.addRow(t("settlements.code_column"), self.code_box)
        form.addRow(t("settlements.amount_column"), self.amount_box)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.use_button = QPushButton(t("settlements.use_columns"), self)
        self.use_button.setDefault(True)
        self.use_button.clicked.connect(lambda _=False: self.accept())
        buttons.addWidget(self.use_button)
        self.cancel_button = QPushButton(t("settlements.cancel"), self)
        self.cancel_button.clicked.connect(lambda _=False: self.reject())
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)

    def choose(self, code: str, amount: str) -> None:
        """Pick the columns by letter (what a click on the boxes does)."""
        self.code_box.setCurrentIndex(self.code_box.findData(code))
        self.amount_box.setCurrentIndex(self.amount_box.findData(amount))

    def choice(self) -> ColumnChoice:
        return ColumnChoice(self.code_box.currentData(), self.amount_box.currentData())


class ReconcilePage(QWidget):
    checked = Signal(object)
    exported = Signal(str)
    confirmed = Signal(object)
    columns_asked = Signal(object)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.statement: Path | None = None
        self.result: Reconciliation | None = None
        self.columns: ColumnChoice | None = None  # chosen in the dialog for this file
        self.column_dialog: ColumnDialog | None = None
        layout = QVBoxLayout(self)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(t("send.vendor"), self))
        self.vendor_box = QComboBox(self)
        bar.addWidget(self.vendor_box, 1)
        bar.addWidget(QLabel(t("rec.from"), self))
        self.from_edit = self._date_edit(bar)
        bar.addWidget(QLabel(t("rec.to"), self))
        self.to_edit = self._date_edit(bar)
        first, last = previous_month(local_date(ctx.clock()))
        self.set_period(first, last)
        layout.addLayout(bar)

        files = QHBoxLayout()
        self.choose_button = QPushButton(t("rec.choose"), self)
        self.choose_button.clicked.connect(lambda _=False: self.choose_statement())
        files.addWidget(self.choose_button)
        self.file_label = FitLabel(t("rec.no_file"), self, elide=Qt.TextElideMode.ElideMiddle)
        files.addWidget(self.file_label, 1)
        self.check_button = QPushButton(t("rec.check"), self)
        self.check_button.clicked.connect(lambda _=False: self.run_check())
        files.addWidget(self.check_button)
        layout.addLayout(files)

        # the words under the bar: a few lines each at most, so the tables keep their room
        self.summary = FitLabel(t("rec.hint"), self, lines=3)
        self.summary.setStyleSheet("QLabel { font-size: 13pt; }")
        layout.addWidget(self.summary)
        self.model = RecordsModel(
            [
                RecordColumn("category", t("rec.category"), status=True),
                RecordColumn("code", t("col.code")),
                RecordColumn("order_no", t("col.order_no")),
                RecordColumn("product", t("col.product")),
                RecordColumn("row", t("rec.row"), "int"),
                RecordColumn("billed", t("rec.billed"), "money", total=True),
                RecordColumn("expected", t("rec.expected"), "money", total=True),
                RecordColumn("difference", t("rec.difference"), "money", total=True),
                RecordColumn("reason", t("col.message")),
            ],
            _status,
            self,
        )
        self.table = QTableView(self)
        self.table.setModel(self.model)
        fit_columns(self.table)  # codes and amounts whole, the reason takes the rest
        self.skipped_model = RecordsModel(
            [
                RecordColumn("sheet", t("settlements.col_sheet")),
                RecordColumn("row", t("settlements.col_row"), "int"),
                RecordColumn("reason", t("settlements.col_reason")),
                RecordColumn("text", t("settlements.col_text")),
            ],
            None,
            self,
        )
        skipped_box = QWidget(self)
        skipped_layout = QVBoxLayout(skipped_box)
        skipped_layout.setContentsMargins(0, 0, 0, 0)
        self.skipped_label = QLabel(t("settlements.skipped_title"), skipped_box)
        skipped_layout.addWidget(self.skipped_label)
        self.skipped_table = QTableView(skipped_box)
        self.skipped_table.setModel(self.skipped_model)
        fit_columns(self.skipped_table)
        skipped_layout.addWidget(self.skipped_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(skipped_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        self.sheets_label = FitLabel("", self, lines=3)
        layout.addWidget(self.sheets_label)
        columns_row = QHBoxLayout()
        self.columns_label = FitLabel("", self, lines=2)  # where codes and amounts were read
        columns_row.addWidget(self.columns_label, 1)
        self.rechoose_button = QPushButton(t("settlements.rechoose_columns"), self)
        self.rechoose_button.setEnabled(False)
        self.rechoose_button.clicked.connect(lambda _=False: self.rechoose_columns())
        columns_row.addWidget(self.rechoose_button)
        layout.addLayout(columns_row)
        self.total_check = FitLabel("", self, lines=2)
        layout.addWidget(self.total_check)
        self.totals = FitLabel("", self, lines=2)
        self.totals.setStyleSheet("QLabel { font-size: 12pt; font-weight: bold; }")
        layout.addWidget(self.totals)

        exports = QHBoxLayout()
        self.report_button = QPushButton(t("rec.export_report"), self)
        self.report_button.clicked.connect(lambda _=False: self.export_report())
        self.report_button.setEnabled(False)
        exports.addWidget(self.report_button)
        self.vendor_export_button = QPushButton(t("rec.export_vendor"), self)
        self.vendor_export_button.clicked.connect(lambda _=False: self.export_for_vendor())
        exports.addWidget(self.vendor_export_button)
        exports.addStretch(1)
        self.confirm_button = QPushButton(t("settlements.confirm"), self)
        self.confirm_button.clicked.connect(lambda _=False: self.confirm_settlement())
        self.confirm_button.setEnabled(False)
        exports.addWidget(self.confirm_button)
        layout.addLayout(exports)
        self.status = FitLabel("", self, lines=2)
        layout.addWidget(self.status)
        ctx.operator_changed.connect(lambda _operator: self._update_confirm())
        self.load_vendors()

    def _date_edit(self, layout: QHBoxLayout) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        layout.addWidget(edit)
        return edit

    # -- inputs ---------------------------------------------------------------------------

    def load_vendors(self) -> None:
        engine = self.ctx.engine

        def load() -> list[str]:
            return sorted(name for _id, name in vendor_choices(engine))

        self.ctx.ops.read(load, self._vendors_loaded)

    def _vendors_loaded(self, names: list[str]) -> None:
        chosen = self.vendor_box.currentText()
        self.vendor_box.clear()
        self.vendor_box.addItems(names)
        if chosen in names:
            self.vendor_box.setCurrentText(chosen)

    def choose_vendor(self, name: str) -> None:
        index = self.vendor_box.findText(name)
        if index < 0:
            raise ValueError(f"unknown vendor {name!r}")
        self.vendor_box.setCurrentIndex(index)

    def set_period(self, first: date, last: date) -> None:
        self.from_edit.setDate(QDate(first.year, first.month, first.day))
        self.to_edit.setDate(QDate(last.year, last.month, last.day))

    def period(self) -> Period:
        return Period(self.from_edit.date().toPython(), self.to_edit.date().toPython())  # type: ignore[arg-type]

    def choose_statement(self, path: Path | None = None) -> None:
        """The statement file (``path`` skips the file chooser)."""
        path = path or file_dialogs(self.ctx.dialogs).choose_open_file(
            self, t("rec.choose"), t("imp.file_filter")
        )
        if path is not None:
            self.statement = path
            self.columns = None
            self.file_label.setText(str(path))

    # -- the check ---------------------------------------------------------------------------

    def run_check(self) -> None:
        vendor, statement = self.vendor_box.currentText(), self.statement
        if not vendor or statement is None:
            self._say(t("rec.need_input"), problem=True)
            return
        try:
            period = self.period()
        except ValueError as error:
            self._say(str(error), problem=True)
            return
        engine, actor, columns = self.ctx.engine, self.ctx.operator, self.columns
        self.check_button.setEnabled(False)
        self.result = None
        self._update_confirm()
        self._say(t("rec.checking"))
        # A manager's column choice writes (it is remembered), so the check runs as a write.
        run = self.ctx.ops.write if columns is not None else self.ctx.ops.read
        run(
            lambda: reconcile_statement(
                engine, vendor, statement, period, actor=actor, columns=columns
            ),
            self._checked,
            self._check_failed,
        )

    def _checked(self, result: Reconciliation) -> None:
        self.check_button.setEnabled(True)
        self.result = result
        findings = sorted(result.result.findings, key=finding_order)
        self.model.set_rows([finding_record(f) for f in findings])
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(0, max(self.table.columnWidth(0), 240))
        self.summary.setText(self._summary_text(result))
        self.totals.setText(self._totals_text(result))
        self._show_statement(result)
        self.report_button.setEnabled(True)
        self._update_confirm()
        self._say("")
        self.checked.emit(result)

    def _show_statement(self, result: Reconciliation) -> None:
        statement = result.statement
        skipped = statement.skipped if statement else []
        self.skipped_model.set_rows([skipped_record(row) for row in skipped])
        self.skipped_label.setText(f"{t('settlements.skipped_title')}（{len(skipped)}）")
        parts = []
        if statement and statement.sheets_read:
            sheets = t("desk.comma_sep").join(statement.sheets_read)
            parts.append(t("settlements.sheet_read", sheets=sheets))
        for sheet, reason in statement.sheets_ignored if statement else []:
            parts.append(t("settlements.sheet_ignored", sheet=sheet, reason=t(reason)))
        self.sheets_label.setText("\n".join(parts))
        read_from = statement.read_from if statement else {}
        self.columns_label.setText(t("statements.read_from", **read_from) if read_from else "")
        self.rechoose_button.setEnabled(bool(statement and statement.preview))
        if statement is not None and statement.total_differs:
            self.total_check.setText(
                t(
                    "settlements.totals_differ",
                    stated=f"{statement.stated_total:,.2f}",
                    lines=f"{statement.line_total:,.2f}",
                )
            )
            self.total_check.setStyleSheet(PROBLEM_STYLE)
        else:
            self.total_check.setText("")
            self.total_check.setStyleSheet("")

    # -- choosing the columns by hand --------------------------------------------------------

    def ask_columns(self, error: StatementNeedsColumns) -> ColumnDialog:
        """Show the first rows and let the manager point at the code and amount columns."""
        return self._open_columns(error.sheet, error.preview, error.header_row)

    def rechoose_columns(self) -> ColumnDialog | None:
        """The columns were found, but perhaps not the ones meant: point at others."""
        statement = self.result.statement if self.result else None
        if statement is None or not statement.preview:
            return None
        return self._open_columns(statement.first_sheet, statement.preview, statement.header_row)

    def _open_columns(
        self, sheet: str, preview: list[tuple[str, ...]], header_row: int | None
    ) -> ColumnDialog:
        if self.column_dialog is not None:
            self.column_dialog.close()
        dialog = ColumnDialog(sheet, preview, header_row, self)
        self.column_dialog = dialog
        dialog.accepted.connect(lambda: self._columns_chosen(dialog))
        dialog.open()
        self.columns_asked.emit(dialog)
        return dialog

    def _columns_chosen(self, dialog: ColumnDialog) -> None:
        self.columns = dialog.choice()
        self.column_dialog = None
        self.run_check()

    # -- 确认对账 ---------------------------------------------------------------------------------

    def _may_confirm(self) -> bool:
        operator = self.ctx.operator
        return operator is not None and may(operator.role, Permission.RECONCILE)

    def _update_confirm(self) -> None:
        result = self.result
        self.confirm_button.setEnabled(
            result is not None and result.period is not None and self._may_confirm()
        )

    def confirm_settlement(self) -> None:
        """Record the statement on screen as confirmed, after asking."""
        result = self.result
        if result is None or result.period is None or not self._may_confirm():
            return
        settles = result.result.settles()
        amount = sum((f.billed or Decimal("0") for f in settles), Decimal("0"))
        question = t(
            "settlements.confirm_question",
            vendor=result.vendor,
            period=result.period,
            items=len(settles),
            amount=f"{amount:,.2f}",
        )
        if not self.ctx.dialogs.confirm(self, t("settlements.confirm"), question):
            return
        engine, actor, clock = self.ctx.engine, self.ctx.operator, self.ctx.clock
        self.confirm_button.setEnabled(False)
        self.ctx.ops.write(
            lambda: confirm_reconciliation(engine, result, actor=actor, clock=clock),
            self._confirmed,
            self._confirm_failed,
        )

    def _confirmed(self, settlement: Settlement) -> None:
        self._say(
            t(
                "settlements.confirmed",
                vendor=settlement.vendor,
                period=settlement.period,
                items=settlement.items,
                amount=f"{settlement.amount:,.2f}",
            )
        )
        self.confirmed.emit(settlement)

    def _confirm_failed(self, error: BaseException) -> None:
        self._update_confirm()
        if isinstance(error, SettlementRefused):
            self._say(str(error), problem=True)
            return
        self._say(t("error.failed", error=error), problem=True)

    def _summary_text(self, result: Reconciliation) -> str:
        parts = []
        for category in REPORT_ORDER:
            count = len(result.result.of(category))
            if count:
                parts.append(f"{CATEGORY_NAMES[category]} {count}")
        return t(
            "rec.summary",
            vendor=result.vendor,
            period=str(result.period) if result.period else "–",
            lines=result.lines,
            counts=t("desk.comma_sep").join(parts) or "–",
        )

    def _totals_text(self, result: Reconciliation) -> str:
        billed = result.result.billed_total
        matched = sum(
            (f.billed or Decimal("0") for f in result.result.of(Category.MATCHED)), Decimal("0")
        )
        return t(
            "rec.totals",
            billed=f"{billed:,.2f}",
            matched=f"{matched:,.2f}",
            questioned=f"{billed - matched:,.2f}",
        )

    def _check_failed(self, error: BaseException) -> None:
        self.check_button.setEnabled(True)
        if isinstance(error, StatementNeedsColumns):
            self._say(str(error), problem=True)
            self.ask_columns(error)
            return
        self._say(t("error.failed", error=error), problem=True)

    def _say(self, text: str, problem: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(PROBLEM_STYLE if problem else "")

    # -- exports --------------------------------------------------------------------------------

    def export_report(self, path: Path | None = None) -> None:
        """The check's report workbook (汇总 + 明细)."""
        result = self.result
        if result is None:
            return
        path = path or choose_xlsx(self.ctx, self, t("rec.report_file", vendor=result.vendor))
        if path is None:
            return
        target = path
        self._run_export(lambda: write_report(result, target), target)

    def export_for_vendor(self, path: Path | None = None) -> None:
        """The period's items for the vendor (no phone numbers; names masked)."""
        vendor = self.vendor_box.currentText()
        try:
            period = self.period()
        except ValueError as error:
            self._say(str(error), problem=True)
            return
        if not vendor:
            return
        suggested = t("rec.vendor_file", vendor=vendor, start=period.start, end=period.end)
        path = path or choose_xlsx(self.ctx, self, suggested)
        if path is None:
            return
        engine, target, actor = self.ctx.engine, path, self.ctx.operator
        self._run_export(
            lambda: export_reconciliation(
                engine, vendor, period, target, names="masked", actor=actor
            ),
            target,
        )

    def _run_export(self, job: Any, path: Path) -> None:
        def done(_outcome: object) -> None:
            self._say(t("export.saved", path=path))
            self.exported.emit(str(path))

        self.ctx.ops.read(job, done, lambda error: self._say(t("error.failed", error=error), True))
