"""对账: a statement with every kind of discrepancy, checked off the GUI thread, shown and exported."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from yinglou_desk.domain.palette import STATE_COLOURS
from yinglou_desk.domain.statement_match import Category
from yinglou_desk.domain.states import Action
from yinglou_desk.services.scanning.service import ScanService

from .helpers.spreadsheets import openpyxl_xlsx

pytest_plugins = ["tests.helpers.desk_fixtures", "tests.helpers.file_dialogs"]

MARCH = (date(2026, 3, 1), date(2026, 3, 31))


@pytest.fixture
def statement(ui_studio, ui_engine, clock, tmp_path):
    """March at 金彩 (¥100 each) and the lab's statement for it."""
    service = ScanService(ui_engine, clock=clock)
    send, back = ui_studio.session("send-out"), ui_studio.session("check-in")
    codes = [f"98000000000{i}" for i in range(1, 6)]
    ui_studio.add_order("R-1", codes)
    for code in codes:
        service.scan(send, code)
    clock.advance(days=9)
    for code in ("980000000001", "980000000002", "980000000004", "980000000005"):
        service.scan(back, code)
    service.apply(back, "980000000005", Action.FLAG_REWORK, detail="偏色")
    clock.advance(hours=1)
    service.scan(send, "980000000005")
    clock.advance(days=5)
    service.scan(back, "980000000005")
    rows = [
        ["条码", "金额", "类型"],
        ["980000000001", 100, "新做"],  # matched
        ["980000000002", 120, "新做"],  # amount mismatch
        ["980000000003", 100, "新做"],  # billed, still at the lab
        ["999999999999", 80, "新做"],  # unknown
        ["980000000001", 100, "新做"],  # duplicate
        ["980000000005", 100, "新做"],  # matched
        ["980000000005", 100, "返工"],  # the redo of a defect, billed
    ]  # 980000000004: received, not billed
    return openpyxl_xlsx(rows, tmp_path / "金彩三月对账单.xlsx")


def _page(qtbot, ctx, operator):
    from yinglou_desk.ui.pages.reconcile import ReconcilePage

    ctx.set_operator(operator)
    page = ReconcilePage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.vendor_box.count() == 2, timeout=10000)
    return page


def _checked(qtbot, page, dialogs, statement):
    page.choose_vendor("金彩相册厂")
    page.set_period(*MARCH)
    dialogs.files.append(statement)
    page.choose_button.click()
    assert page.file_label.text() == str(statement)
    with qtbot.waitSignal(page.checked, timeout=10000) as blocker:
        page.check_button.click()
    return blocker.args[0]


def _column(model, title):
    return [
        model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())
    ].index(title)


def test_every_discrepancy_is_a_coloured_row_with_words(qtbot, ctx, ui_studio, dialogs, statement):
    page = _page(qtbot, ctx, ui_studio.operators["王店长"])
    assert page.period().start == date(2026, 2, 1)  # last month by default
    result = _checked(qtbot, page, dialogs, statement)
    assert result.lines == 7
    model = page.model
    category = _column(model, "类别")
    code = _column(model, "条码")
    shown = [
        (model.index(r, category).data(), model.index(r, code).data())
        for r in range(model.rowCount())
    ]
    assert shown == [
        ("未知条码", "999999999999"),
        ("重复计费", "980000000001"),
        ("返工重复计费", "980000000005"),
        ("金额不符", "980000000002"),
        ("已计费未回件", "980000000003"),
        ("已回件未计费", "980000000004"),
        ("相符", "980000000001"),
        ("相符", "980000000005"),
    ]
    colour = model.index(0, category).data(Qt.ItemDataRole.BackgroundRole)
    assert colour.name().upper() == STATE_COLOURS["problem"][0]
    mismatch = model.index(3, _column(model, "差额")).data()
    assert mismatch == "20.00"
    assert "对账单 7 行" in page.summary.text()
    assert "金额不符 1" in page.summary.text()
    assert page.totals.text() == "对账单合计 ¥700.00　其中相符 ¥200.00　待核实 ¥500.00"


def test_findings_model_passes_the_model_tester(
    qtmodeltester, qtbot, ctx, ui_studio, dialogs, statement
):
    page = _page(qtbot, ctx, ui_studio.operators["王店长"])
    _checked(qtbot, page, dialogs, statement)
    qtmodeltester.check(page.model)


def test_report_and_vendor_export_are_written(qtbot, ctx, ui_studio, dialogs, statement, tmp_path):
    page = _page(qtbot, ctx, ui_studio.operators["王店长"])
    _checked(qtbot, page, dialogs, statement)
    dialogs.files.append(tmp_path / "report.xlsx")
    with qtbot.waitSignal(page.exported, timeout=10000):
        page.report_button.click()
    assert dialogs.file_questions[-1][1] == "对账报告-金彩相册厂.xlsx"
    details = list(load_workbook(tmp_path / "report.xlsx")["明细"].iter_rows(values_only=True))
    assert [r[0] for r in details[1:9]] == [
        page.model.index(r, 0).data() for r in range(page.model.rowCount())
    ]

    dialogs.files.append(tmp_path / "for-vendor.xlsx")
    with qtbot.waitSignal(page.exported, timeout=10000):
        page.vendor_export_button.click()
    book = load_workbook(tmp_path / "for-vendor.xlsx")
    cells = [v for sheet in book for row in sheet.iter_rows(values_only=True) for v in row]
    assert {f"98000000000{i}" for i in range(1, 6)} <= set(cells)
    assert "13800138000" not in cells
    assert "张小梅" not in cells
    assert "张*" in cells
    assert page.status.text() == f"已导出到 {tmp_path / 'for-vendor.xlsx'}"


@pytest.mark.usefixtures("statement")
def test_a_file_that_is_no_statement_is_refused_plainly(qtbot, ctx, ui_studio, tmp_path):
    page = _page(qtbot, ctx, ui_studio.operators["王店长"])
    bad = tmp_path / "not-a-sheet.xlsx"
    bad.write_text("hello")
    page.choose_vendor("金彩相册厂")
    page.choose_statement(bad)
    page.check_button.click()
    qtbot.waitUntil(lambda: page.status.text().startswith("未完成："), timeout=10000)
    assert page.check_button.isEnabled()
    assert page.model.rowCount() == 0
    assert not page.report_button.isEnabled()


def test_nothing_runs_without_a_statement(qtbot, ctx, ui_studio):
    page = _page(qtbot, ctx, ui_studio.operators["王店长"])
    page.check_button.click()
    assert page.status.text() == "请先选择厂商和对账单文件"


# -- skipped rows, the column dialog, 确认对账 -------------------------------------------------


def _rewritten(statement, target, header=None, extra=()):  # type: ignore[no-untyped-def]
    """The lab's statement as another clerk laid it out: other headers, rows added below."""
    rows = [list(row) for row in load_workbook(statement).active.iter_rows(values_only=True)]
    if header:
        rows[0] = header
    return openpyxl_xlsx([*rows, *extra], target)


def test_skipped_rows_and_the_total_comparison_are_shown(
    qtbot, ctx, ui_studio, dialogs, statement, tmp_path
):
    # the seven lines add up to 700; the lab's 合计 says 720, and 制表 signs it off
    with_total = _rewritten(
        statement, tmp_path / "合计.xlsx", extra=[["合计", 720, None], ["制表：小王", None, None]]
    )
    page = _page(qtbot, ctx, ui_studio.operators["王店长"])
    _checked(qtbot, page, dialogs, with_total)
    model = page.skipped_model
    assert model.rowCount() == 2
    assert [model.index(r, 1).data() for r in range(2)] == ["9", "10"]
    assert "合计" in model.index(0, 3).data()
    assert page.total_check.text() == "对账单合计 ¥720.00，明细合计 ¥700.00"
    assert "E53935" in page.total_check.styleSheet()
    assert "Sheet" in page.sheets_label.text()


@pytest.mark.usefixtures("dialogs")
def test_unknown_columns_open_a_dialog_and_the_choice_checks_again(
    qtbot, ctx, ui_studio, statement, tmp_path
):
    from yinglou_desk.services.reconciliation.settlements import remembered_columns

    odd = _rewritten(statement, tmp_path / "odd.xlsx", header=["单据", "应结", "类型"])
    page = _page(qtbot, ctx, ui_studio.operators["王店长"])
    page.choose_vendor("金彩相册厂")
    page.set_period(*MARCH)
    page.choose_statement(odd)
    with qtbot.waitSignal(page.columns_asked, timeout=10000) as asked:
        page.check_button.click()
    dialog = asked.args[0]
    assert dialog.preview.rowCount() >= 2
    assert dialog.preview.item(1, 0).text() == "980000000001"
    assert dialog.code_box.itemText(0) == "A 列：单据"
    assert dialog.amount_box.itemText(1) == "B 列：应结"
    assert not page.confirm_button.isEnabled()
    dialog.choose("A", "B")
    with qtbot.waitSignal(page.checked, timeout=10000) as blocker:
        dialog.use_button.click()
    assert blocker.args[0].lines == 7
    with ctx.engine.connect() as conn:
        remembered = remembered_columns(conn, ui_studio.vendor_ids["金彩相册厂"])
    assert (remembered.code, remembered.amount) == ("A", "B")


def test_confirm_records_the_settlement_after_asking(qtbot, ctx, ui_studio, dialogs, statement):
    from yinglou_desk.services.reconciliation.settlements import settlements_of

    page = _page(qtbot, ctx, ui_studio.operators["王店长"])
    assert not page.confirm_button.isEnabled()  # nothing checked yet
    _checked(qtbot, page, dialogs, statement)
    assert page.confirm_button.isEnabled()

    dialogs.answers.append(False)
    page.confirm_button.click()
    assert settlements_of(ctx.engine, ui_studio.vendor_ids["金彩相册厂"]) == []

    dialogs.answers.append(True)
    with qtbot.waitSignal(page.confirmed, timeout=10000) as blocker:
        page.confirm_button.click()
    settled = blocker.args[0]
    # 980000000001, 980000000002 (amount accepted), 980000000003 (billed, not back), …005
    assert settled.items == 4
    assert page.status.text().startswith("已确认 金彩相册厂")
    assert "4 件" in page.status.text()
    assert dialogs.asked[-1][0] == "确认对账"

    assert not page.confirm_button.isEnabled()  # confirmed: not twice from here

    _checked(qtbot, page, dialogs, statement)  # checked again, the same period
    dialogs.answers.append(True)
    page.confirm_button.click()  # refused by the service, said plainly
    qtbot.waitUntil(lambda: "不能重复确认" in page.status.text(), timeout=10000)


def test_the_confirm_button_is_for_those_who_reconcile(qtbot, ctx, ui_studio, dialogs, statement):
    page = _page(qtbot, ctx, ui_studio.operators["王店长"])
    _checked(qtbot, page, dialogs, statement)
    assert page.confirm_button.isEnabled()
    ctx.set_operator(ui_studio.operators["小张"])
    assert not page.confirm_button.isEnabled()


def test_the_page_fits_a_small_screen(qtbot, ctx, ui_studio, dialogs, statement):
    page = _page(qtbot, ctx, ui_studio.operators["王店长"])
    _checked(qtbot, page, dialogs, statement)
    assert page.minimumSizeHint().width() <= 1366
    assert page.minimumSizeHint().height() <= 768


@pytest.mark.usefixtures("dialogs", "statement")  # the studio's March items
def test_a_wrong_guess_of_the_amount_column_is_shown_and_can_be_corrected(
    qtbot, ctx, ui_studio, tmp_path
):
    """A lab writes 单价 and 数量 and its own 应结: read as 单价 × 数量, the page says so; the
    manager points at 应结 and the lab's own figure is checked."""
    rows = [["条码", "单价", "数量", "应结"], ["980000000001", 100, 1, 100]]
    rows.append(["980000000002", 100, 1, 130])  # the lab bills more than its own price
    path = openpyxl_xlsx(rows, tmp_path / "priced.xlsx")
    page = _page(qtbot, ctx, ui_studio.operators["王店长"])
    page.choose_vendor("金彩相册厂")
    page.set_period(*MARCH)
    page.choose_statement(path)
    with qtbot.waitSignal(page.checked, timeout=10000) as first:
        page.check_button.click()
    assert first.args[0].result.codes(Category.AMOUNT_MISMATCH) == []
    assert page.columns_label.text() == (
        "条码取自 A 列「条码」；金额取自 B 列「单价」 × C 列「数量」（没有金额列）"
    )
    assert page.rechoose_button.isEnabled()
    dialog = page.rechoose_columns()
    assert dialog is not None
    assert dialog.amount_box.itemText(3) == "D 列：应结"
    dialog.choose("A", "D")
    with qtbot.waitSignal(page.checked, timeout=10000) as second:
        dialog.use_button.click()
    assert second.args[0].result.codes(Category.AMOUNT_MISMATCH) == ["980000000002"]
    assert page.columns_label.text() == "条码取自 A 列「条码」；金额取自 D 列「应结」"
