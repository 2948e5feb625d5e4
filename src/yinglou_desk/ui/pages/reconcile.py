"""对账: check a vendor's month-end statement against what was really sent and received.

Pick the vendor, the period and the statement file (.xlsx from Excel, WPS or
LibreOffice); the check (:func:`~yinglou_desk.services.reconciliation.matching.reconcile_statement`)
runs on a worker and comes back as one row per finding, the category in its
colour *and* in words, problems first, with the totals per category above.
The same result exports as the report workbook, and the period's items as
the export for the vendor (no customer phone numbers, names masked).

Signals:
    checked(object): the :class:`Reconciliation` now on screen.
    exported(str): the path of a written workbook.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from yinglou_desk.catalogue import text as t
from yinglou_desk.domain.statement_match import CATEGORY_NAMES, Category, Finding
from yinglou_desk.services.clock import local_date
from yinglou_desk.services.reconciliation.matching import (
    Reconciliation,
    export_reconciliation,
    reconcile_statement,
)
from yinglou_desk.services.reconciliation.report import REPORT_ORDER, write_report
from yinglou_desk.services.reconciliation.vendor_history import Period
from yinglou_desk.services.settings.vendors import vendor_choices
from yinglou_desk.ui.context import DeskContext
from yinglou_desk.ui.dialogs.file_choice import file_dialogs
from yinglou_desk.ui.exports.files import choose_xlsx
from yinglou_desk.ui.models.records_model import Record, RecordColumn, RecordsModel

# category → palette key (the words always come with it)
CATEGORY_COLOURS = {
    Category.MATCHED: "ready",
    Category.UNKNOWN: "problem",
    Category.DUPLICATE: "problem",
    Category.REWORK_BILLED: "rework",
    Category.AMOUNT_MISMATCH: "overdue",
    Category.BILLED_NOT_RECEIVED: "sent_out",
    Category.RECEIVED_NOT_BILLED: "registered",
}


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


class ReconcilePage(QWidget):
    checked = Signal(object)
    exported = Signal(str)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.statement: Path | None = None
        self.result: Reconciliation | None = None
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
        self.file_label = QLabel(t("rec.no_file"), self)
        files.addWidget(self.file_label, 1)
        self.check_button = QPushButton(t("rec.check"), self)
        self.check_button.clicked.connect(lambda _=False: self.run_check())
        files.addWidget(self.check_button)
        layout.addLayout(files)

        self.summary = QLabel(t("rec.hint"), self)
        self.summary.setWordWrap(True)
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
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 200)
        layout.addWidget(self.table, 1)
        self.totals = QLabel(self)
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
        layout.addLayout(exports)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
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
            self, t("rec.choose"), "Excel (*.xlsx *.xlsm)"
        )
        if path is not None:
            self.statement = path
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
        engine, actor = self.ctx.engine, self.ctx.operator
        self.check_button.setEnabled(False)
        self._say(t("rec.checking"))
        self.ctx.ops.read(
            lambda: reconcile_statement(engine, vendor, statement, period, actor=actor),
            self._checked,
            self._check_failed,
        )

    def _checked(self, result: Reconciliation) -> None:
        self.check_button.setEnabled(True)
        self.result = result
        order = {category: index for index, category in enumerate(REPORT_ORDER)}
        findings = sorted(
            result.result.findings, key=lambda f: (order[f.category], f.row or 10**9, f.code)
        )
        self.model.set_rows([finding_record(f) for f in findings])
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(0, max(self.table.columnWidth(0), 240))
        self.summary.setText(self._summary_text(result))
        self.totals.setText(self._totals_text(result))
        self.report_button.setEnabled(True)
        self._say("")
        self.checked.emit(result)

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
        self._say(t("error.failed", error=error), problem=True)

    def _say(self, text: str, problem: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("QLabel { color: #E53935; }" if problem else "")

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
