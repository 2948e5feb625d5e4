"""Bar charts for the figures page (QtCharts), in the palette's colours.

One :class:`BarChart` per figure; :meth:`BarChart.set_bars` replaces what it
shows. The bars lie on their side — one row per category (a vendor, an
operator), its name on the left in full — because names are what staff read
first and vendors' names are long. QtCharts gives the names' axis at most 40 %
of the chart's width and cuts longer names with "…", so the chart asks for a
minimum width measured from the longest name in the axis font; each bar carries
its value beside it, rounded for people ("4.9%", never "4.89796"). Every bar set
has a name in the legend, so the colour is never the only cue.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QWidget

from yinglou_desk.domain.palette import STATE_COLOURS

Bars = tuple[str, str, Sequence[float]]  # (legend name, palette key, one value per category)

NAMES_AXIS_SHARE = 0.4  # QtCharts' limit on an axis' share of the chart's width
VALUE_TEXT = "#222222"  # the values beside the bars, dark on the chart's white
MIN_HEIGHT = 220
MAX_HEIGHT = 360  # many categories squeeze their rows rather than push the page off screen


class BarChart(QChartView):
    """A titled chart of horizontal bars; ``set_bars`` to fill it."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        chart = QChart()
        chart.setTitle(title)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(MIN_HEIGHT)
        self.categories: list[str] = []
        self.unit = ""
        self.names_axis: QBarCategoryAxis | None = None

    def set_bars(
        self,
        categories: Sequence[str],
        bars: Sequence[Bars],
        label: str = "",
        unit: str = "",
        decimals: int = 1,
    ) -> None:
        """One row per category (the first on top), one bar per set; values are rounded
        to ``decimals`` and shown with ``unit`` (e.g. ``"%"``) beside each bar."""
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        self.categories = list(categories)
        self.unit = unit
        series = QHorizontalBarSeries()
        top = 0.0
        for name, colour, values in bars:
            shown = [round(float(v), decimals) for v in values]
            bar_set = QBarSet(name)
            bar_set.setColor(QColor(STATE_COLOURS[colour][0]))
            bar_set.setLabelColor(QColor(VALUE_TEXT))
            bar_set.append(list(reversed(shown)))  # QtCharts draws the first row at the bottom
            series.append(bar_set)
            top = max([top, *shown])
        series.setLabelsVisible(True)
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsFormat("@value" + unit)
        chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append(list(reversed(self.categories)) or [""])
        chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(names)
        self.names_axis = names
        values_axis = QValueAxis()
        values_axis.setRange(0, top * 1.25 if top > 0 else 1)  # room for the values beside
        values_axis.applyNiceNumbers()
        values_axis.setLabelFormat("%.0f")
        if label:
            values_axis.setTitleText(label)
        chart.addAxis(values_axis, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(values_axis)
        self._make_room(len(bars))

    def longest_name(self) -> int:
        """The width in pixels of the longest category name, in the names axis' font."""
        if self.names_axis is None:
            return 0
        metrics = QFontMetrics(self.names_axis.labelsFont())
        return max((metrics.horizontalAdvance(c) for c in self.categories), default=0)

    def names_room(self) -> float:
        """The width the chart, as laid out now, leaves the names left of the bars."""
        chart = self.chart()
        return chart.plotArea().left() - chart.geometry().left() - chart.margins().left()

    def _make_room(self, bar_sets: int) -> None:
        """Wide enough that QtCharts never cuts a name; tall enough for a row each."""
        chart = self.chart()
        metrics = QFontMetrics(self.names_axis.labelsFont() if self.names_axis else self.font())
        padding = 2 * metrics.height()  # the axis' own label padding and tick marks
        axis_width = self.longest_name() + padding
        margins = chart.margins().left() + chart.margins().right()
        self.setMinimumWidth(math.ceil(axis_width / NAMES_AXIS_SHARE) + margins + 2 * padding)
        row = max(metrics.height() + 6, bar_sets * 12 + 6)
        wanted = 4 * metrics.height() + 60 + row * max(1, len(self.categories))
        self.setMinimumHeight(min(MAX_HEIGHT, max(MIN_HEIGHT, wanted)))

    def bar_values(self) -> list[tuple[str, list[float]]]:
        """What the chart shows now, in the categories' order: (legend name, values) per bar
        set (for tests)."""
        shown = []
        for series in self.chart().series():
            assert isinstance(series, QAbstractBarSeries)
            for bar_set in series.barSets():
                values = [bar_set.at(i) for i in range(bar_set.count())]
                shown.append((bar_set.label(), list(reversed(values))))
        return shown

    def value_labels(self) -> list[str]:
        """The texts beside the bars, as QtCharts formats them (for tests): ``4.9%``."""
        labels = []
        for series in self.chart().series():
            assert isinstance(series, QAbstractBarSeries)
            template = series.labelsFormat()
            for bar_set in series.barSets():
                for i in reversed(range(bar_set.count())):
                    labels.append(template.replace("@value", f"{bar_set.at(i):g}"))
        return labels
