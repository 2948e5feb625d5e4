"""查件 with batch ticking, and the board with its order detail and timeline."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel

from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.ui.models.items_model import COLUMNS as ITEM_COLUMNS

from .helpers.desk import item_row, log_rows

pytest_plugins = ["tests.helpers.desk_fixtures"]

STATE_COL = ITEM_COLUMNS.index("state")


def _select_rows(table, rows):
    selection = table.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(
            table.model().index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def test_query_finds_by_phone_tail_and_ticks_items_like_scans(qtbot, ctx, ui_studio, ui_engine):
    from yinglou_desk.ui.pages.query import QueryPage

    ui_studio.add_order("Q001", ["910000000001", "910000000002"])
    ui_studio.add_order("Q002", ["910000000003"])  # same customer name and phone, second order
    ctx.set_operator(ui_studio.operators["王店长"])
    page = QueryPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.searched, timeout=10000):
        page.search.setText("8000")
        page.search.returnPressed.emit()
    model = page.order_panel.model
    assert model.rowCount() == 3
    assert page.summary.text() == "2 个订单，3 件"
    assert {model.index(r, STATE_COL).data() for r in range(3)} == {"未发件"}

    codes = [model.index(r, ITEM_COLUMNS.index("code")).data() for r in range(3)]
    _select_rows(page.order_panel.table, [codes.index("910000000001"), codes.index("910000000003")])
    with qtbot.waitSignal(page.ticked, timeout=10000) as blocker:
        page.apply_to_selected(page_action("send_out"))
    assert [r.outcome.value for r in blocker.args[0]] == ["accepted", "accepted"]
    assert item_row(ui_engine, "910000000001").state == "sent_out"
    assert item_row(ui_engine, "910000000002").state == "registered"
    assert log_rows(ui_engine, "910000000003")[-1].station == "send-out"
    assert page.tick_result.text() == "完成 2 件，拒绝 0 件"
    # the page refreshes itself after the change it announced
    qtbot.waitUntil(
        lambda: (
            sorted(model.index(r, STATE_COL).data() for r in range(model.rowCount()))
            == ["在厂商", "在厂商", "未发件"]
        ),
        timeout=10000,
    )

    # a refused tick is reported, not hidden
    _select_rows(page.order_panel.table, [0, 1, 2])
    with qtbot.waitSignal(page.ticked, timeout=10000) as blocker:
        page.apply_to_selected(page_action("pick_up"))
    assert {r.outcome.value for r in blocker.args[0]} == {"refused"}
    assert "拒绝 3 件" in page.tick_result.text()


def page_action(value):
    from yinglou_desk.domain.states import Action

    return Action(value)


def test_tick_buttons_follow_the_role(qtbot, ctx, ui_studio):
    from yinglou_desk.domain.states import Action
    from yinglou_desk.ui.pages.query import QueryPage

    page = QueryPage(ctx)
    qtbot.addWidget(page)
    page.show()
    ctx.set_operator(ui_studio.operators["小张"])  # front desk: check in, hand over
    visible = {a for a, b in page.tick_buttons.items() if b.isVisible()}
    assert visible == {Action.CHECK_IN, Action.PICK_UP}


def test_board_shows_open_orders_and_the_timeline_of_the_selected_one(
    qtbot, ctx, ui_studio, ui_engine, clock
):
    from yinglou_desk.ui.pages.board import BoardPage

    service = ScanService(ui_engine, clock=clock)
    ui_studio.add_order("K001", ["920000000001"])
    ui_studio.add_order("K002", ["920000000002"], customer="李雷", phone="13900139000")
    service.scan(ui_studio.session("send-out"), "920000000001")
    service.scan(ui_studio.session("check-in"), "920000000001")
    page = BoardPage(ctx)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 and page.model.total == 2, timeout=10000)
    assert page.count_label.text() == "共 2 个订单"

    row = next(r for r in range(2) if page.model.row_at(r).order_no == "K001")
    with qtbot.waitSignal(page.detail_loaded, timeout=10000):
        page.table.selectRow(row)
    assert page.detail.model.rowCount() == 1
    actions = [page.timeline.index(r, 4).data() for r in range(page.timeline.rowCount())]
    assert actions == ["发件", "回件"]

    page.pickup_check.setChecked(True)  # due for pickup: only K001 has a ready item
    qtbot.waitUntil(lambda: page.model.total == 1 and page.model.rowCount() == 1, timeout=10000)
    assert page.model.row_at(0).order_no == "K001"


def test_the_board_shows_every_order_and_offers_completed(qtbot, ctx, ui_studio, ui_engine, clock):
    from yinglou_desk.ui.pages.board import BoardPage

    service = ScanService(ui_engine, clock=clock)
    ui_studio.add_order("C001", ["930000000011"])
    ui_studio.add_order("C002", ["930000000012"], customer="李雷", phone="13900139000")
    for station in ("send-out", "check-in"):
        service.scan(ui_studio.session(station), "930000000011")
    service.scan(ui_studio.session("pickup", operator="小张"), "930000000011")  # completed
    page = BoardPage(ctx)
    qtbot.addWidget(page)
    assert page.progress_box.currentText() == "全部"
    qtbot.waitUntil(lambda: page.model.total == 2 and page.model.rowCount() == 2, timeout=10000)
    assert page.count_label.text() == "共 2 个订单"

    choices = [page.progress_box.itemText(i) for i in range(page.progress_box.count())]
    assert choices[:2] == ["全部", "未完成"]
    assert "已完成" in choices
    page.progress_box.setCurrentIndex(choices.index("已完成"))
    qtbot.waitUntil(lambda: page.model.total == 1 and page.model.rowCount() == 1, timeout=10000)
    assert page.model.row_at(0).order_no == "C001"
    page.progress_box.setCurrentIndex(choices.index("未完成"))
    qtbot.waitUntil(lambda: page.model.total == 1 and page.model.rowCount() == 1, timeout=10000)
    assert page.model.row_at(0).order_no == "C002"
