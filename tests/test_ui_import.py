"""导入订单 in the desk: a dry run with per-row errors first, then all rows or none, with progress."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from yinglou_desk.services.orders.importing import import_orders
from yinglou_desk.services.staff.audit import command_line_actor
from yinglou_desk.storage.models import Item, Order

from .helpers.desk import login
from .helpers.spreadsheets import openpyxl_xlsx

pytest_plugins = ["tests.helpers.desk_fixtures", "tests.helpers.file_dialogs"]
# Opening the import dialog raises it to the front; the offscreen platform cannot, and says so.
OFFSCREEN_CANNOT_RAISE = pytest.mark.qt_log_ignore(r"^This plugin does not support raise\(\)$")

HEADER = [
    "订单号",
    "客户姓名",
    "手机",
    "套系",
    "拍摄日期",
    "产品",
    "规格",
    "数量",
    "供应商",
    "成本",
]
GOOD = [
    [
        "IM-001",
        "张小梅",
        13800138000,
        "经典婚纱套系",
        "2026-02-10",
        "大相册",
        "12寸",
        1,
        "金彩相册厂",
        380,
    ],
    ["IM-001", "张小梅", 13800138000, None, None, "放大框画", "24寸", 2, "艺美框画", 160],
    ["IM-002", "李雷", 13900139000, "写真套系", "2026-02-12", "水晶摆台", "7寸", 1, "晶典水晶", 85],
]


def _counts(engine):
    with engine.connect() as conn:
        return tuple(
            conn.execute(select(func.count()).select_from(t)).scalar_one() for t in (Order, Item)
        )


@pytest.fixture
def dialog(qtbot, ctx, ui_studio):
    from yinglou_desk.ui.dialogs.import_orders import ImportDialog

    ctx.set_operator(ui_studio.operators["小张"])
    found = ImportDialog(ctx)
    qtbot.addWidget(found)
    found.show()
    return found


def test_a_good_sheet_is_previewed_then_imported_with_progress(
    qtbot, ctx, dialog, dialogs, ui_engine, tmp_path
):
    from yinglou_desk.ui.pages.board import BoardPage

    board = BoardPage(ctx)
    qtbot.addWidget(board)
    board.show()
    qtbot.waitUntil(lambda: board.model.total == 0, timeout=10000)
    dialogs.files.append(openpyxl_xlsx([HEADER, *GOOD], tmp_path / "orders.xlsx"))
    with qtbot.waitSignal(dialog.previewed, timeout=10000) as blocker:
        dialog.choose_button.click()
    assert blocker.args[0].dry_run
    assert blocker.args[0].ok
    assert _counts(ui_engine) == (0, 0)  # the preview writes nothing
    assert "2 个订单，3 件" in dialog.summary.text()
    assert "艺美框画" in dialog.summary.text()
    assert dialog.errors.rowCount() == 0
    assert dialog.import_button.isEnabled()

    steps = []
    ctx.ops.progress.connect(lambda done, total: steps.append((done, total)))
    with qtbot.waitSignal(dialog.imported, timeout=10000) as blocker:
        dialog.import_button.click()
    assert blocker.args[0].ok
    assert not blocker.args[0].dry_run
    assert _counts(ui_engine) == (2, 3)
    assert steps
    assert steps[-1][0] == steps[-1][1]  # the service reported its progress
    assert dialog.progress.value() == dialog.progress.maximum()
    assert dialog.summary.text().startswith("已导入 2 个订单，3 件")
    qtbot.waitUntil(lambda: board.model.total == 2, timeout=10000)  # the board follows


def test_a_bad_sheet_lists_every_row_error_and_cannot_be_imported(
    qtbot, dialog, ui_engine, tmp_path
):
    rows = [HEADER, GOOD[0], ["IM-003", None, "12", None, None, "大相册", None, "two", None, None]]
    with qtbot.waitSignal(dialog.previewed, timeout=10000) as blocker:
        dialog.choose_file(openpyxl_xlsx(rows, tmp_path / "bad.xlsx"))
    report = blocker.args[0]
    assert not report.ok
    assert dialog.errors.rowCount() == len(report.errors) >= 2
    assert {dialog.errors.index(r, 2).data() for r in range(dialog.errors.rowCount())} == {"3"}
    assert dialog.errors.index(0, 0).data() == "错误"
    assert "不能导入" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    assert _counts(ui_engine) == (0, 0)


def test_a_file_that_is_no_workbook_is_refused(qtbot, dialog, tmp_path):
    bad = tmp_path / "orders.xlsx"
    bad.write_text("not a workbook")
    with qtbot.waitSignal(dialog.refused, timeout=10000) as blocker:
        dialog.choose_file(bad)
    assert blocker.args[0] == dialog.summary.text()
    assert blocker.args[0]
    assert not dialog.import_button.isEnabled()


def test_the_import_checks_again_and_writes_nothing_when_the_sheet_no_longer_fits(
    qtbot, dialog, ui_engine, tmp_path
):
    path = openpyxl_xlsx([HEADER, *GOOD], tmp_path / "orders.xlsx")
    with qtbot.waitSignal(dialog.previewed, timeout=10000):
        dialog.choose_file(path)
    other = [list(GOOD[2])]
    other[0][2] = 13900000000  # another PC imported IM-002 meanwhile, with another phone
    import_orders(
        ui_engine,
        openpyxl_xlsx([HEADER, *other], tmp_path / "other.xlsx"),
        actor=command_line_actor(),
    )
    with qtbot.waitSignal(dialog.imported, timeout=10000) as blocker:
        dialog.run_import()  # this sheet would now change IM-002: not what was checked
    assert blocker.args[0].needs_approval
    assert [c.field for c in blocker.args[0].changes] == ["phone"]
    assert _counts(ui_engine) == (1, 1)  # only the other PC's order: nothing of this sheet


def test_error_model_passes_the_model_tester(qtmodeltester, qtbot, dialog, tmp_path):
    rows = [HEADER, ["IM-009", None, None, None, None, None, None, None, None, None]]
    with qtbot.waitSignal(dialog.previewed, timeout=10000):
        dialog.choose_file(openpyxl_xlsx(rows, tmp_path / "bad.xlsx"))
    assert dialog.errors.rowCount() > 0
    qtmodeltester.check(dialog.errors)


@OFFSCREEN_CANNOT_RAISE
def test_an_import_dialog_left_open_closes_at_log_out_and_imports_nothing(
    qtbot, window, ctx, ui_studio, ui_engine, tmp_path
):
    """F9 with the import dialog open: it closes, forgets the previewed sheet, and
    nothing can be imported with the rights of whoever logged out."""
    login(qtbot, window, ui_studio.operators["小张"])
    window.show_page("board")
    dialog = window.pages["board"].open_import()
    with qtbot.waitSignal(dialog.previewed, timeout=10000):
        dialog.choose_file(openpyxl_xlsx([HEADER, *GOOD], tmp_path / "orders.xlsx"))
    assert dialog.isVisible()
    assert dialog.import_button.isEnabled()

    window.activateWindow()  # back at the desk, the dialog left open behind
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F9)
    assert ctx.operator is None
    assert window.current_page_name() == "login"
    assert not dialog.isVisible()
    assert not dialog.import_button.isEnabled()
    assert dialog.report is None
    dialog.import_button.click()
    dialog.run_import()  # even called directly: there is no sheet left to import
    assert _counts(ui_engine) == (0, 0)

    sheet = tmp_path / "orders.xlsx"  # were a clean preview forced back in…
    dialog.path = sheet
    dialog.report = import_orders(ui_engine, sheet, dry_run=True, actor=command_line_actor())
    with qtbot.waitSignal(dialog.refused, timeout=10000) as refused:
        dialog.run_import()  # …the import service refuses: nobody is logged in
    assert "请先登录" in refused.args[0]
    assert _counts(ui_engine) == (0, 0)


@OFFSCREEN_CANNOT_RAISE
def test_a_badge_switch_closes_the_dialogs_of_the_operator_before(qtbot, window, ctx, ui_studio):
    login(qtbot, window, ui_studio.operators["小张"])
    window.show_page("board")
    dialog = window.pages["board"].open_import()
    assert dialog.isVisible()
    login(qtbot, window, ui_studio.operators["王店长"])  # a badge scan: another operator
    assert ctx.operator.name == "王店长"
    assert not dialog.isVisible()


def test_a_newer_export_lists_its_changes_and_imports_them_only_once_ticked(
    qtbot, dialog, ui_engine, tmp_path
):
    """Month two's sheet repeats month one's orders with a new phone for 李雷, and adds one."""
    import_orders(
        ui_engine, openpyxl_xlsx([HEADER, *GOOD], tmp_path / "m1.xlsx"), actor=command_line_actor()
    )
    newer = [list(row) for row in GOOD]
    newer[2][2] = 13700137000
    newer.append(["IM-003", "韩梅梅", 13600136000, None, None, "大相册", "12寸", 1, None, 380])
    with qtbot.waitSignal(dialog.previewed, timeout=10000) as blocker:
        dialog.choose_file(openpyxl_xlsx([HEADER, *newer], tmp_path / "m2.xlsx"))
    report = blocker.args[0]
    assert (report.orders_new, report.orders_unchanged) == (1, 1)
    assert dialog.changes.rowCount() == 1
    assert [dialog.changes.index(0, c).data() for c in (1, 3, 4, 5)] == [
        "IM-002",
        "电话",
        "13900139000",
        "13700137000",
    ]
    assert dialog.apply_box.isVisibleTo(dialog)
    assert not dialog.import_button.isEnabled()  # not before the changes are accepted
    assert "勾选「应用这些修改」" in dialog.summary.text()

    dialog.apply_box.setChecked(True)
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=10000) as done:
        dialog.import_button.click()
    assert done.args[0].ok
    assert not done.args[0].needs_approval
    assert _counts(ui_engine) == (3, 4)
    assert not dialog.apply_box.isVisibleTo(dialog)

    with qtbot.waitSignal(dialog.previewed, timeout=10000):
        dialog.choose_file(tmp_path / "m2.xlsx")  # the same sheet once more: nothing new
    assert not dialog.import_button.isEnabled()
    assert dialog.summary.text().startswith("表中的订单都已导入过")


def test_the_preview_says_which_sheets_were_read_skipped_and_hidden(qtbot, dialog, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    east = book.active
    east.title = "东门店"
    for row in (HEADER, GOOD[0]):
        east.append(row)
    west = book.create_sheet("西门店")
    for row in (HEADER, GOOD[2]):
        west.append(row)
    book.create_sheet("说明").append(["本表由前台整理"])
    old = book.create_sheet("旧单")
    old.append(HEADER)
    old.sheet_state = "hidden"
    path = tmp_path / "stores.xlsx"
    book.save(path)
    with qtbot.waitSignal(dialog.previewed, timeout=10000) as blocker:
        dialog.choose_file(path)
    assert blocker.args[0].sheets_read == ["东门店", "西门店"]
    shown = dialog.sheets_label.text().splitlines()
    assert shown == [
        "读取的工作表：东门店、西门店",
        "跳过工作表「说明」：没有订单表头（订单号、客户、产品），不是订单表",
        "隐藏的工作表未读取：旧单",
    ]
    assert dialog.sheets_label.isVisibleTo(dialog)
    assert dialog.file_label.text() == str(path)


def test_the_dialog_speaks_of_sheets_not_statements(dialog):
    assert dialog.file_label.text() == "（未选订单表）"
    headers = [
        dialog.errors.headerData(c, Qt.Orientation.Horizontal)
        for c in range(dialog.errors.columnCount())
    ]
    assert "表格行" in headers
    assert "对账单行" not in headers
