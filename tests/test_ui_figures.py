"""统计: figures for a period as charts and tables, the period switch, and the Excel export."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from yinglou_desk.domain.states import Action
from yinglou_desk.services.scanning.service import ScanService

pytest_plugins = ["tests.helpers.desk_fixtures", "tests.helpers.file_dialogs"]

_H = Qt.Orientation.Horizontal


@pytest.fixture
def history(ui_studio, ui_engine, clock):
    """金彩: two albums back after 8 and 12 days (one late, one reworked); 晶典: one out."""
    service = ScanService(ui_engine, clock=clock)
    send, back = ui_studio.session("send-out"), ui_studio.session("check-in")
    ui_studio.add_order("G-1", ["970000000001", "970000000002"])
    ui_studio.add_order("G-2", ["970000000003"], vendor="晶典水晶")
    for code in ("970000000001", "970000000002", "970000000003"):
        service.scan(send, code)
    clock.advance(days=8)
    service.scan(back, "970000000001")
    service.apply(back, "970000000001", Action.FLAG_REWORK, detail="褪色")
    clock.advance(days=4)
    service.scan(back, "970000000002")
    clock.advance(days=40)  # 52 days ago's scans: outside "last 30 days", inside 90
    return service


def _page(qtbot, ctx, operator, days=90):
    from yinglou_desk.ui.pages.figures import FiguresPage

    ctx.set_operator(operator)
    page = FiguresPage(ctx)
    qtbot.addWidget(page)
    page.set_days(days)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.show()
    return page


def _table(model):
    header = [model.headerData(c, _H) for c in range(model.columnCount())]
    rows = [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]
    return header, rows


@pytest.mark.usefixtures("history")
def test_figures_show_as_tables_and_charts(qtbot, ctx, ui_studio):
    page = _page(qtbot, ctx, ui_studio.operators["王店长"])
    assert page.days() == 90
    header, rows = _table(page.turnaround)
    assert header == ["厂商", "回件数", "中位天数", "90% 天数", "逾期回件", "逾期率"]
    assert rows == [["金彩相册厂", "2", "10.0", "12.0", "1", "50.0%"]]
    assert page.turnaround_chart.categories == ["金彩相册厂"]
    assert page.turnaround_chart.bar_values() == [("中位天数", [10.0]), ("90% 天数", [12.0])]
    assert _table(page.rework_reason)[1] == [["褪色", "1", "100.0%"]]
    assert _table(page.rework_vendor)[1] == [["金彩相册厂", "2", "1", "50.0%"]]
    assert page.rework_chart.bar_values() == [("返工率", [50.0])]
    assert _table(page.items_out)[1] == [["晶典水晶", "1", "1"]]
    assert page.out_chart.bar_values() == [("在厂件数", [1.0]), ("其中逾期", [1.0])]
    assert page.scans_chart.categories == ["小李"]
    assert page.scans_chart.bar_values() == [("扫描次数", [6.0])]
    assert "一次取齐" in page.headline.text()
    assert "订单周期" in page.headline.text()


@pytest.mark.usefixtures("history")
def test_the_period_selector_reloads(qtbot, ctx, ui_studio):
    page = _page(qtbot, ctx, ui_studio.operators["王店长"])
    with qtbot.waitSignal(page.loaded, timeout=10000) as blocker:
        page.set_days(30)
    assert blocker.args[0].period.start.isoformat() == "2026-03-25"
    assert page.turnaround.rowCount() == 0
    assert page.scans.rowCount() == 0
    assert page.items_out.rowCount() == 1  # what is out now does not depend on the period
    assert page.period_label.text() == "2026-03-25 – 2026-04-23"


@pytest.mark.usefixtures("history")
def test_figures_models_pass_the_model_tester(qtmodeltester, qtbot, ctx, ui_studio):
    page = _page(qtbot, ctx, ui_studio.operators["王店长"])
    for model in (page.turnaround, page.rework_vendor, page.rework_reason, page.scans):
        assert model.rowCount() > 0
        qtmodeltester.check(model)


@pytest.mark.usefixtures("history")
def test_export_writes_every_table(qtbot, ctx, ui_studio, dialogs, tmp_path):
    page = _page(qtbot, ctx, ui_studio.operators["王店长"])
    dialogs.files.append(tmp_path / "figures.xlsx")
    with qtbot.waitSignal(page.exported, timeout=10000):
        page.export_button.click()
    assert dialogs.file_questions[0][1] == "统计-2026-01-24-2026-04-23.xlsx"
    book = load_workbook(tmp_path / "figures.xlsx")
    assert book.sheetnames == [
        "汇总",
        "厂商周期",
        "返工-厂商",
        "返工-产品",
        "返工原因",
        "在厂件数",
        "扫描量",
    ]
    rows = list(book["厂商周期"].iter_rows(values_only=True))
    assert rows[0] == ("厂商", "回件数", "中位天数", "90% 天数", "逾期回件", "逾期率")
    assert rows[1] == ("金彩相册厂", 2, 10.0, 12.0, 1, 0.5)  # numbers, not text
    assert book["厂商周期"]["F2"].number_format == "0.0%"
    scans = list(book["扫描量"].iter_rows(values_only=True))
    assert [(r[1], r[2]) for r in scans[1:]] == [("小李", 1), ("小李", 2), ("小李", 3)]


@pytest.mark.usefixtures("history")
def test_nothing_loads_for_an_operator_without_the_right(qtbot, ctx, ui_studio):
    from yinglou_desk.ui.pages.figures import FiguresPage

    ctx.set_operator(ui_studio.operators["小张"])
    page = FiguresPage(ctx)
    qtbot.addWidget(page)
    with qtbot.assertNotEmitted(page.loaded, wait=300):
        page.show()
        page.reload()
    assert page.figures is None


def test_chart_values_are_rounded_for_people_and_names_never_cut(qtbot):
    """The rework chart once printed "4.89796" and the turnaround chart cut vendor names."""
    from yinglou_desk.ui.pages.charts import BarChart

    chart = BarChart("返工率")
    qtbot.addWidget(chart)
    names = ["金彩相册厂", "上海精美影像输出中心有限公司", "晶典"]
    chart.set_bars(names, [("返工率", "rework", [4.89796, 12.0, 0.333])], "%", unit="%")
    assert chart.value_labels() == ["4.9%", "12%", "0.3%"]
    assert chart.bar_values() == [("返工率", [4.9, 12.0, 0.3])]
    assert chart.categories == names  # listed top to bottom as given
    for width in (chart.minimumWidth(), 1300):
        chart.resize(width, chart.minimumHeight())
        chart.show()
        qtbot.waitExposed(chart)
        qtbot.waitUntil(lambda: chart.chart().plotArea().width() > 0)
        assert chart.longest_name() > 0
        assert chart.names_room() >= chart.longest_name(), width
    chart.set_bars(["小李"], [("扫描次数", "ready", [6])], decimals=0)
    assert chart.value_labels() == ["6"]


@pytest.mark.usefixtures("history")
def test_the_rework_chart_says_percent_in_either_language(qtbot, ctx, ui_studio, monkeypatch):
    page = _page(qtbot, ctx, ui_studio.operators["王店长"])
    assert page.rework_chart.value_labels() == ["50%"]
    assert page.turnaround_chart.value_labels() == ["10", "12"]

    monkeypatch.setenv("YINGLOU_LANG", "en")
    english = _page(qtbot, ctx, ui_studio.operators["王店长"])
    assert english.rework_chart.chart().title() != page.rework_chart.chart().title()
    assert english.rework_chart.value_labels() == ["50%"]
    assert _table(english.rework_vendor)[1] == [["金彩相册厂", "2", "1", "50.0%"]]
