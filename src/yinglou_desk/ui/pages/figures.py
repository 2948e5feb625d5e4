"""统计: the manager's figures for the last 30, 90 or 365 days, as charts, tables and Excel.

The figures come from :func:`~yinglou_desk.services.reports.figures.figures` (a few
aggregate queries, on a worker). Four tabs — turnaround per vendor, rework,
items out now, scans per operator — each a bar chart above its table(s);
above them the two figures a studio lives by: the order cycle from shoot to
last pickup, and the pickups where the customer came once and took
everything (complaints avoided). "Export" writes every table to one .xlsx.

Signals:
    loaded(object): the :class:`Figures` now on screen.
    exported(str): the path of a written workbook.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from yinglou_desk.catalogue import text as t
from yinglou_desk.domain import wording
from yinglou_desk.domain.roles import Permission, may
from yinglou_desk.services.reports.excel import XlsxBook
from yinglou_desk.services.reports.figures import PERIOD_CHOICES, Figures, figures
from yinglou_desk.ui.context import Change, DeskContext
from yinglou_desk.ui.exports.files import choose_xlsx, write_xlsx
from yinglou_desk.ui.models.records_model import RecordColumn, RecordsModel
from yinglou_desk.ui.pages.charts import BarChart
from yinglou_desk.ui.widgets.columns import fit_columns
from yinglou_desk.ui.widgets.fit_label import FitLabel


def _cols(*spec: tuple[str, str, Any]) -> list[RecordColumn]:
    return [RecordColumn(key, t(title), kind) for key, title, kind in spec]


def _records(rows: list[Any], **extra: Any) -> list[dict[str, Any]]:
    """Dataclass rows as dicts, with their computed properties (``extra``: name → attribute)."""
    return [{**asdict(r), **{k: getattr(r, a) for k, a in extra.items()}} for r in rows]


class FiguresPage(QWidget):
    loaded = Signal(object)
    exported = Signal(str)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.figures: Figures | None = None
        self._stale = True
        self._loading = False
        layout = QVBoxLayout(self)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(t("fig.period"), self))
        self.period_box = QComboBox(self)
        for days in PERIOD_CHOICES:
            self.period_box.addItem(t("fig.last_days", n=days), days)
        self.period_box.currentIndexChanged.connect(lambda _i: self.reload())
        bar.addWidget(self.period_box)
        self.period_label = FitLabel("", self)
        bar.addWidget(self.period_label, 1)
        self.export_button = QPushButton(t("export.button"), self)
        self.export_button.clicked.connect(lambda _=False: self.export())
        bar.addWidget(self.export_button)
        layout.addLayout(bar)

        self.headline = FitLabel(t("board.loading"), self, lines=2)
        self.headline.setStyleSheet("QLabel { font-size: 15pt; font-weight: bold; }")
        layout.addWidget(self.headline)

        self.turnaround = RecordsModel(
            _cols(
                ("vendor", "col.vendor", "text"),
                ("returned", "fig.returned", "int"),
                ("median_days", "fig.median", "number"),
                ("p90_days", "fig.p90", "number"),
                ("late", "fig.late", "int"),
                ("overdue_share", "fig.late_share", "percent"),
            ),
            parent=self,
        )
        rework_cols = (
            ("delivered", "fig.delivered", "int"),
            ("reworked", "fig.reworked", "int"),
            ("rate", "fig.rework_rate", "percent"),
        )
        self.rework_vendor = RecordsModel(
            _cols(("name", "col.vendor", "text"), *rework_cols), parent=self
        )
        self.rework_product = RecordsModel(
            _cols(("name", "col.product", "text"), *rework_cols), parent=self
        )
        self.rework_reason = RecordsModel(
            _cols(
                ("reason", "fig.reason", "text"),
                ("count", "fig.reworked", "int"),
                ("share", "fig.share", "percent"),
            ),
            parent=self,
        )
        self.items_out = RecordsModel(
            _cols(
                ("vendor", "col.vendor", "text"),
                ("out", "fig.out", "int"),
                ("overdue", "fig.overdue", "int"),
            ),
            parent=self,
        )
        self.scans = RecordsModel(
            _cols(
                ("day", "fig.day", "date"),
                ("operator", "col.operator", "text"),
                ("scans", "fig.scans", "int"),
                ("accepted", "fig.accepted", "int"),
            ),
            parent=self,
        )
        self.turnaround_chart = BarChart(t("fig.chart.turnaround"), self)
        self.rework_chart = BarChart(t("fig.chart.rework"), self)
        self.out_chart = BarChart(t("fig.chart.out"), self)
        self.scans_chart = BarChart(t("fig.chart.scans"), self)
        self.tabs = QTabWidget(self)
        self._tab("fig.tab.turnaround", self.turnaround_chart, [self.turnaround])
        self._tab(
            "fig.tab.rework",
            self.rework_chart,
            [self.rework_vendor, self.rework_product, self.rework_reason],
        )
        self._tab("fig.tab.out", self.out_chart, [self.items_out])
        self._tab("fig.tab.scans", self.scans_chart, [self.scans])
        layout.addWidget(self.tabs, 1)
        self.status = FitLabel("", self, lines=2)  # a long path or error: cut, never wider
        layout.addWidget(self.status)
        ctx.data_changed.connect(self._data_changed)

    def _tab(self, key: str, chart: BarChart, models: list[RecordsModel]) -> None:
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(chart)
        tables = QSplitter(Qt.Orientation.Horizontal, splitter)
        for model in models:
            view = QTableView(tables)
            view.setModel(model)
            fit_columns(view)
            tables.addWidget(view)
        splitter.addWidget(tables)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.tabs.addTab(splitter, t(key))

    # -- loading -----------------------------------------------------------------------

    def days(self) -> int:
        return int(self.period_box.currentData())

    def set_days(self, days: int) -> None:
        self.period_box.setCurrentIndex(self.period_box.findData(days))

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
        engine, clock, days = self.ctx.engine, self.ctx.clock, self.days()
        self.ctx.ops.read(lambda: (days, figures(engine, clock, days)), self._arrived, self._failed)

    def _arrived(self, outcome: tuple[int, Figures]) -> None:
        self._loading = False
        days, found = outcome
        if days != self.days():  # the period changed while loading
            self.reload()
            return
        self.figures = found
        self.status.setText("")
        self._show(found)
        self.loaded.emit(found)
        if self._stale and self.isVisible():
            self.reload()

    def _failed(self, error: BaseException) -> None:
        self._loading = False
        self.status.setText(t("error.failed", error=error))
        self.ctx.ops.report_failure(error)

    def _show(self, found: Figures) -> None:
        self.period_label.setText(str(found.period))
        cycle, first = found.cycle, found.first_visit
        share = "–" if first.share is None else wording.percent(first.share, 0)
        self.headline.setText(
            t(
                "fig.headline",
                first_visit=t(
                    "fig.first_visit",
                    share=share,
                    once=wording.count(first.first_visit),
                    n=wording.count(first.pickups),
                ),
                cycle=t(
                    "fig.cycle",
                    median="–" if cycle.median_days is None else f"{cycle.median_days:g}",
                    p90="–" if cycle.p90_days is None else f"{cycle.p90_days:g}",
                    n=wording.count(cycle.orders),
                ),
            )
        )
        self.turnaround.set_rows(_records(found.turnaround, overdue_share="overdue_share"))
        self.rework_vendor.set_rows(_records(found.rework_by_vendor, rate="rate"))
        self.rework_product.set_rows(_records(found.rework_by_product, rate="rate"))
        self.rework_reason.set_rows(_records(found.rework_by_reason))
        self.items_out.set_rows(_records(found.items_out))
        self.scans.set_rows(_records(list(reversed(found.scans))))  # newest day first
        vendors = [r.vendor for r in found.turnaround]
        self.turnaround_chart.set_bars(
            vendors,
            [
                (t("fig.median"), "sent_out", [r.median_days or 0 for r in found.turnaround]),
                (t("fig.p90"), "overdue", [r.p90_days or 0 for r in found.turnaround]),
            ],
            t("fig.days"),
        )
        self.rework_chart.set_bars(
            [r.name for r in found.rework_by_vendor],
            [
                (
                    t("fig.rework_rate"),
                    "rework",
                    [100 * (r.rate or 0) for r in found.rework_by_vendor],
                )
            ],
            "%",
            unit="%",
        )
        self.out_chart.set_bars(
            [r.vendor for r in found.items_out],
            [
                (t("fig.out"), "sent_out", [r.out for r in found.items_out]),
                (t("fig.overdue"), "overdue", [r.overdue for r in found.items_out]),
            ],
            decimals=0,
        )
        totals = found.scans_per_operator()
        self.scans_chart.set_bars(
            list(totals), [(t("fig.scans"), "ready", list(totals.values()))], decimals=0
        )

    def _data_changed(self, _change: Change) -> None:
        self._stale = True  # figures are not live: they reload when next shown

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    # -- export ----------------------------------------------------------------------------

    def export(self, path: Path | None = None) -> None:
        """Every table on the page, one sheet each, plus the headline figures."""
        found = self.figures
        if found is None:
            return
        suggested = f"{t('fig.file')}-{found.period.start}-{found.period.end}.xlsx"
        path = path or choose_xlsx(self.ctx, self, suggested)
        if path is None:
            return
        sheets = [
            (t("fig.tab.turnaround"), self.turnaround.export_table()),
            (t("fig.sheet.rework_vendor"), self.rework_vendor.export_table()),
            (t("fig.sheet.rework_product"), self.rework_product.export_table()),
            (t("fig.sheet.rework_reason"), self.rework_reason.export_table()),
            (t("fig.tab.out"), self.items_out.export_table()),
            (t("fig.tab.scans"), self.scans.export_table()),
        ]
        cycle, first = found.cycle, found.first_visit
        pairs: list[tuple[str, object]] = [
            (t("fig.period"), str(found.period)),
            (t("fig.pairs.pickups"), first.pickups),
            (t("fig.pairs.first_visit"), first.first_visit),
            (t("fig.pairs.first_share"), first.share),
            (t("fig.pairs.orders"), cycle.orders),
            (t("fig.pairs.cycle_median"), cycle.median_days),
            (t("fig.pairs.cycle_p90"), cycle.p90_days),
            (t("fig.pairs.cycle_mean"), cycle.mean_days),
        ]

        def fill(book: XlsxBook) -> None:
            book.add_pairs(
                t("fig.sheet.summary"),
                pairs,
                formats={
                    t("fig.pairs.first_share"): "percent",
                    t("fig.pairs.cycle_median"): "number",
                    t("fig.pairs.cycle_p90"): "number",
                    t("fig.pairs.cycle_mean"): "number",
                },
            )
            for title, (columns, rows) in sheets:
                book.add_table(title, columns, rows)

        write_xlsx(self.ctx, path, fill, self._exported, self._failed)

    def _exported(self, path: Path) -> None:
        self.status.setText(t("export.saved", path=path))
        self.exported.emit(str(path))
