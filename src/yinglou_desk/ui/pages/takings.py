"""日结: the manager's end-of-day takings — by method, by operator, every payment — and Excel.

The figures come from :func:`~yinglou_desk.services.payments.takings.takings` (one
indexed query on a worker) for a range of the studio's days, today by default.
Money is shown from integer fen (``Decimal(fen) / 100``), so the totals on screen
and in the file are the sums of the rows to the fen. The page reloads when shown
after money moved (any :class:`~yinglou_desk.ui.context.Change`).

Signals:
    loaded(object): the :class:`Takings` now on screen.
    exported(str): the path of a written workbook.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDateEdit,
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
from yinglou_desk.domain.money import yuan
from yinglou_desk.domain.roles import Permission, may
from yinglou_desk.services.clock import local_date
from yinglou_desk.services.payments.takings import Takings, fill_book, method_name, takings
from yinglou_desk.services.reports.excel import XlsxBook
from yinglou_desk.ui.context import Change, DeskContext
from yinglou_desk.ui.exports.files import choose_xlsx, write_xlsx
from yinglou_desk.ui.models.records_model import RecordColumn, RecordsModel
from yinglou_desk.ui.widgets.columns import fit_columns
from yinglou_desk.ui.widgets.fit_label import FitLabel


def _yuan(fen: int) -> Decimal:
    return Decimal(fen) / 100


def _cols(*spec: tuple[str, str, str]) -> list[RecordColumn]:
    return [RecordColumn(key, t(title), kind) for key, title, kind in spec]  # type: ignore[arg-type]


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class TakingsPage(QWidget):
    loaded = Signal(object)
    exported = Signal(str)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report: Takings | None = None
        self._stale = True
        self._loading = False
        layout = QVBoxLayout(self)

        bar = QHBoxLayout()
        today = local_date(ctx.clock())
        self.start_edit = self._date_edit(today)
        self.end_edit = self._date_edit(today)
        bar.addWidget(QLabel(t("payments.page.from"), self))
        bar.addWidget(self.start_edit)
        bar.addWidget(QLabel(t("payments.page.to"), self))
        bar.addWidget(self.end_edit)
        self.show_button = QPushButton(t("payments.page.show"), self)
        self.show_button.clicked.connect(lambda _=False: self.reload())
        bar.addWidget(self.show_button)
        self.headline = FitLabel("", self)
        self.headline.setStyleSheet("QLabel { font-size: 15pt; font-weight: bold; }")
        bar.addWidget(self.headline, 1)
        self.export_button = QPushButton(t("payments.page.export"), self)
        self.export_button.clicked.connect(lambda _=False: self.export())
        bar.addWidget(self.export_button)
        layout.addLayout(bar)

        self.by_method = RecordsModel(
            _cols(
                ("method", "payments.col.method", "text"),
                ("amount", "payments.col.amount", "money"),
                ("count", "payments.takings.count", "int"),
            ),
            parent=self,
        )
        self.by_operator = RecordsModel(
            _cols(
                ("operator", "payments.col.operator", "text"),
                ("method", "payments.col.method", "text"),
                ("amount", "payments.col.amount", "money"),
            ),
            parent=self,
        )
        self.rows = RecordsModel(
            _cols(
                ("at", "payments.col.at", "datetime"),
                ("order_no", "payments.col.order_no", "text"),
                ("customer", "payments.col.customer", "text"),
                ("kind", "payments.col.kind", "text"),
                ("method", "payments.col.method", "text"),
                ("amount", "payments.col.amount", "money"),
                ("operator", "payments.col.operator", "text"),
                ("reference", "payments.col.reference", "text"),
                ("reason", "payments.col.reason", "text"),
            ),
            parent=self,
        )
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        totals = QSplitter(Qt.Orientation.Horizontal, splitter)
        for model in (self.by_method, self.by_operator):
            totals.addWidget(self._view(model, totals))
        splitter.addWidget(totals)
        splitter.addWidget(self._view(self.rows, splitter))
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout.addWidget(splitter, 1)
        self.status = FitLabel("", self, lines=2)
        layout.addWidget(self.status)
        ctx.data_changed.connect(self._data_changed)

    def _date_edit(self, day: date) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setDate(_qdate(day))
        return edit

    def _view(self, model: RecordsModel, parent: QWidget) -> QTableView:
        view = QTableView(parent)
        view.setModel(model)
        fit_columns(view)
        return view

    # -- loading -----------------------------------------------------------------------

    def days(self) -> tuple[date, date]:
        return _day(self.start_edit.date()), _day(self.end_edit.date())

    def set_days(self, start: date, end: date | None = None) -> None:
        self.start_edit.setDate(_qdate(start))
        self.end_edit.setDate(_qdate(end or start))

    def reload(self) -> None:
        operator = self.ctx.operator
        if operator is None or not may(operator.role, Permission.EXPORT):
            return
        if self._loading:
            self._stale = True
            return
        self._stale = False
        self._loading = True
        self.status.setText(t("board.loading"))
        engine, (start, end) = self.ctx.engine, self.days()
        self.ctx.ops.read(lambda: takings(engine, start, end), self._arrived, self._failed)

    def _arrived(self, report: Takings) -> None:
        self._loading = False
        self.report = report
        self.status.setText("" if report.rows else t("payments.takings.empty"))
        self._show(report)
        self.loaded.emit(report)
        if (self._stale and self.isVisible()) or (report.start, report.end) != self.days():
            self.reload()

    def _failed(self, error: BaseException) -> None:
        self._loading = False
        self.status.setText(str(error))
        if not isinstance(error, ValueError):  # a range refused is said, not a failure
            self.ctx.ops.report_failure(error)

    def _show(self, report: Takings) -> None:
        self.headline.setText(
            t("payments.takings.grand", total=yuan(report.total), count=report.count)
        )
        counts: dict[object, int] = {}
        for row in report.rows:
            counts[row.method] = counts.get(row.method, 0) + 1
        self.by_method.set_rows(
            [
                {"method": method_name(m), "amount": _yuan(f), "count": counts.get(m, 0)}
                for m, f in report.by_method.items()
            ]
        )
        self.by_operator.set_rows(
            [
                {"operator": o, "method": method_name(m), "amount": _yuan(f)}
                for (o, m), f in report.by_operator_method.items()
            ]
        )
        self.rows.set_rows(
            [
                {
                    "at": r.at,
                    "order_no": r.order_no,
                    "customer": r.customer,
                    "kind": catalogue.name("payments.kind", r.kind),
                    "method": method_name(r.method),
                    "amount": _yuan(r.amount),
                    "operator": r.operator,
                    "reference": r.reference,
                    "reason": r.reason,
                }
                for r in reversed(report.rows)  # newest first
            ]
        )

    def _data_changed(self, _change: Change) -> None:
        self._stale = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    # -- export ----------------------------------------------------------------------------

    def export(self, path: Path | None = None) -> None:
        """The report on screen as .xlsx (the same sheets as ``payments report -o``)."""
        report = self.report
        if report is None:
            return
        suggested = t("payments.page.file_name", start=report.start, end=report.end)
        path = path or choose_xlsx(self.ctx, self, suggested)
        if path is None:
            return

        def fill(book: XlsxBook) -> None:
            fill_book(book, report)

        write_xlsx(self.ctx, path, fill, self._exported, self._failed)

    def _exported(self, path: Path) -> None:
        self.status.setText(t("export.saved", path=path))
        self.exported.emit(str(path))
