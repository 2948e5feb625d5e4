"""Bar charts for the figures page (QtCharts), in the palette's colours.

One :class:`BarChart` per figure; :meth:`BarChart.set_bars` replaces what it
shows (categories on the x axis, one bar set per series). Every bar set has a
name in the legend, so the colour is never the only cue.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from yinglou_desk.ui.widgets.palette import STATE_COLOURS

Bars = tuple[str, str, Sequence[float]]  # (legend name, palette key, one value per category)


class BarChart(QChartView):
    """A titled bar chart; ``set_bars`` to fill it."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        chart = QChart()
        chart.setTitle(title)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        self.categories: list[str] = []

    def set_bars(self, categories: Sequence[str], bars: Sequence[Bars], label: str = "") -> None:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        self.categories = list(categories)
        series = QBarSeries()
        top = 0.0
        for name, colour, values in bars:
            bar_set = QBarSet(name)
            bar_set.setColor(QColor(STATE_COLOURS[colour][0]))
            bar_set.append([float(v) for v in values])
            series.append(bar_set)
            top = max([top, *[float(v) for v in values]])
        series.setLabelsVisible(True)
        chart.addSeries(series)
        x_axis = QBarCategoryAxis()
        x_axis.append(self.categories or [""])
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(x_axis)
        y_axis = QValueAxis()
        y_axis.setRange(0, top * 1.15 if top > 0 else 1)
        y_axis.setLabelFormat("%.0f")
        if label:
            y_axis.setTitleText(label)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(y_axis)

    def bar_values(self) -> list[tuple[str, list[float]]]:
        """What the chart shows now: (legend name, values) per bar set (for tests)."""
        shown = []
        for series in self.chart().series():
            assert isinstance(series, QBarSeries)
            for bar_set in series.barSets():
                shown.append((bar_set.label(), [bar_set.at(i) for i in range(bar_set.count())]))
        return shown
