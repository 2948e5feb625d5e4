"""The screen tells the truth: after an undo, a flag or a move anywhere every view shows the
item as it is now; a code of no order clears the order on screen; log-out leaves no
customer behind; the 取件 headline says how ready the order is (SQLite and PostgreSQL).
"""

from __future__ import annotations

import pytest

from yinglou_desk.domain.palette import STATE_COLOURS
from yinglou_desk.domain.states import Action
from yinglou_desk.ui.models.items_model import COLUMNS as ITEM_COLUMNS

from .helpers.desk import item_row, login, scan_and_wait

pytest_plugins = ["tests.helpers.desk_fixtures"]

STATE_COL = ITEM_COLUMNS.index("state")
SCAN_STATE_COL = 5  # ScansModel: time, outcome, code, product, order_no, state, message


@pytest.fixture
def ui_engine(engine):  # type: ignore[no-untyped-def]
    """The desk fixtures on both backends (this module's tests run on SQLite and PostgreSQL)."""
    return engine


def _states(model):  # type: ignore[no-untyped-def]
    return [model.index(row, STATE_COL).data() for row in range(model.rowCount())]


def _sent(ui_studio, service, codes):  # type: ignore[no-untyped-def]
    for code in codes:
        service.scan(ui_studio.session("send-out"), code)


def _page(qtbot, ctx, ui_studio, page_type, operator="小李"):  # type: ignore[no-untyped-def]
    ctx.set_operator(ui_studio.operators[operator])
    page = page_type(ctx)
    qtbot.addWidget(page)
    return page


# -- check-in -------------------------------------------------------------------------------


def test_after_flag_and_undo_the_check_in_order_is_shown_as_it_is_now(
    qtbot, ctx, ui_studio, ui_engine, service
):
    from yinglou_desk.ui.stations.check_in import CheckInPage

    codes = ["500000000001", "500000000002", "500000000003"]
    ui_studio.add_order("C001", codes)
    _sent(ui_studio, service, codes)
    page = _page(qtbot, ctx, ui_studio, CheckInPage)
    scan_and_wait(qtbot, page, codes[0])
    scan_and_wait(qtbot, page, codes[1])
    assert "还差 1 件未回" in page.order_panel.header.text()

    page.reason_box.setCurrentIndex(1)
    with qtbot.waitSignal(page.scan_handled, timeout=10000):
        page.flag_defect()
    assert _states(page.order_panel.model) == ["已回件待取", "返工", "在厂商"]
    assert "还差 2 件未回" in page.order_panel.header.text()

    with qtbot.waitSignal(page.undo_handled, timeout=10000):
        page.undo_last()
    assert item_row(ui_engine, codes[1]).state == "ready"
    qtbot.waitUntil(
        lambda: _states(page.order_panel.model) == ["已回件待取", "已回件待取", "在厂商"],
        timeout=10000,
    )
    assert "还差 1 件未回" in page.order_panel.header.text()
    assert page.order_panel.selected_codes() == [codes[1]]  # still the item in hand


def test_a_tick_on_another_page_reaches_the_check_in_order(qtbot, ctx, ui_studio, service):
    from yinglou_desk.ui.pages.query import QueryPage
    from yinglou_desk.ui.stations.check_in import CheckInPage

    codes = ["500000000001", "500000000002"]
    ui_studio.add_order("C001", codes)
    _sent(ui_studio, service, codes)
    page = _page(qtbot, ctx, ui_studio, CheckInPage)
    scan_and_wait(qtbot, page, codes[0])
    query = QueryPage(ctx)
    qtbot.addWidget(query)
    with qtbot.waitSignal(query.searched, timeout=10000):
        query.look_up("C001")
    query.order_panel.select_code(codes[1])

    with qtbot.waitSignal(query.ticked, timeout=10000):
        query.apply_to_selected(Action.CHECK_IN)

    qtbot.waitUntil(lambda: _states(page.order_panel.model) == ["已回件待取"] * 2, timeout=10000)
    qtbot.waitUntil(lambda: _states(query.order_panel.model) == ["已回件待取"] * 2, timeout=10000)


def test_an_unknown_code_at_check_in_clears_the_order_and_f7_flags_nothing(
    qtbot, ctx, ui_studio, ui_engine, service
):
    from yinglou_desk.ui.stations.check_in import CheckInPage

    ui_studio.add_order("C001", ["500000000001"], customer="刘芳")
    _sent(ui_studio, service, ["500000000001"])
    page = _page(qtbot, ctx, ui_studio, CheckInPage)
    scan_and_wait(qtbot, page, "500000000001")
    assert page.order_panel.model.rowCount() == 1

    refused = scan_and_wait(qtbot, page, "999999999999")

    assert refused.outcome.value == "refused"
    assert page.order_panel.model.rowCount() == 0
    assert "刘芳" not in page.order_panel.header.text()
    assert page.slot_label.text() == ""
    page.reason_box.setCurrentIndex(1)
    page.flag_defect()
    qtbot.waitUntil(lambda: ctx.ops.pending() == 0, timeout=10000)
    assert item_row(ui_engine, "500000000001").state == "ready"


def test_a_check_in_reads_its_order_once_and_an_undo_reads_it_again(
    qtbot, ctx, ui_studio, service, monkeypatch
):
    from yinglou_desk.ui.stations import check_in

    reads: list[list[int]] = []
    real = check_in.orders_by_id

    def counted(engine, order_ids, today):  # type: ignore[no-untyped-def]
        reads.append(list(order_ids))
        return real(engine, order_ids, today)

    monkeypatch.setattr(check_in, "orders_by_id", counted)
    ui_studio.add_order("C001", ["500000000001"])
    _sent(ui_studio, service, ["500000000001"])
    page = _page(qtbot, ctx, ui_studio, check_in.CheckInPage)

    scan_and_wait(qtbot, page, "500000000001")
    qtbot.waitUntil(lambda: ctx_idle(page), timeout=10000)
    assert len(reads) == 1  # the scan's own read; its announcement reads nothing more

    with qtbot.waitSignal(page.undo_handled, timeout=10000):
        page.undo_last()
    qtbot.waitUntil(lambda: ctx_idle(page), timeout=10000)
    assert len(reads) == 2
    assert _states(page.order_panel.model) == ["在厂商"]


# -- send-out -------------------------------------------------------------------------------


def test_an_undone_send_out_row_says_so_and_no_longer_counts(qtbot, ctx, ui_studio):
    from yinglou_desk.ui.stations.send_out import SendOutPage

    ui_studio.add_order("D001", ["400000000001", "400000000002"])
    page = _page(qtbot, ctx, ui_studio, SendOutPage)
    scan_and_wait(qtbot, page, "400000000001")
    scan_and_wait(qtbot, page, "400000000002")
    assert page.count_label.text() == "本次发件清单：2 件"

    with qtbot.waitSignal(page.undo_handled, timeout=10000):
        page.undo_last()

    top = [page.batch.index(0, c).data() for c in range(page.batch.columnCount())]
    assert top[2] == "400000000002"
    assert top[SCAN_STATE_COL] == "未发件"
    assert "已撤销" in top[-1]
    assert page.batch.index(1, SCAN_STATE_COL).data() == "在厂商"
    assert page.count_label.text() == "本次发件清单：1 件"


def test_a_listed_item_checked_in_elsewhere_shows_its_new_state(qtbot, ctx, ui_studio, service):
    from yinglou_desk.ui.stations.send_out import SendOutPage

    order_id = ui_studio.add_order("D001", ["400000000001"])
    page = _page(qtbot, ctx, ui_studio, SendOutPage)
    scan_and_wait(qtbot, page, "400000000001")

    service.scan(ui_studio.session("check-in"), "400000000001")
    ctx.announce({order_id})  # as the check-in page of this window would

    qtbot.waitUntil(
        lambda: page.batch.index(0, SCAN_STATE_COL).data() == "已回件待取", timeout=10000
    )
    assert page.count_label.text() == "本次发件清单：1 件"  # it did go out in this batch


# -- pickup ---------------------------------------------------------------------------------


def _pickup(qtbot, ctx, ui_studio):  # type: ignore[no-untyped-def]
    from yinglou_desk.ui.stations.pickup import PickupPage

    return _page(qtbot, ctx, ui_studio, PickupPage, operator="小张")


def _look_up(qtbot, page, code):  # type: ignore[no-untyped-def]
    page.on_scanned(code, "keyboard")
    qtbot.waitUntil(lambda: ctx_idle(page), timeout=10000)


def ctx_idle(page) -> bool:  # type: ignore[no-untyped-def]
    return page.ctx.ops.pending() == 0


@pytest.mark.parametrize(
    ("checked_in", "colour", "words"),
    [
        (1, "partial", "部分到齐：可取 1 件，还差 1 件"),
        (2, "ready", "全部到齐，可取 2 件"),
        (0, "sent_out", "尚未到齐：还差 2 件，暂无可取"),
    ],
)
def test_the_pickup_headline_says_how_ready_the_order_is(
    qtbot, ctx, ui_studio, service, checked_in, colour, words
):
    codes = ["600000000001", "600000000002"]
    ui_studio.add_order("P001", codes)
    _sent(ui_studio, service, codes)
    for code in codes[:checked_in]:
        service.scan(ui_studio.session("check-in"), code)
    page = _pickup(qtbot, ctx, ui_studio)

    _look_up(qtbot, page, codes[0])

    assert page.panel.colour_key == colour
    assert page.panel.text().splitlines()[0] == words
    assert "P001" in page.panel.text()


def test_amber_is_not_the_green_of_a_complete_order():
    assert STATE_COLOURS["partial"][0] not in {STATE_COLOURS["ready"][0], "#FB8C00"}


def test_a_label_of_no_order_at_pickup_clears_the_previous_customer(
    qtbot, ctx, ui_studio, ui_engine, service
):
    codes = ["600000000001"]
    ui_studio.add_order("P001", codes, customer="张小梅")
    _sent(ui_studio, service, codes)
    service.scan(ui_studio.session("check-in"), codes[0])
    page = _pickup(qtbot, ctx, ui_studio)
    _look_up(qtbot, page, codes[0])
    assert page.order_panel.model.rowCount() == 1

    # 张小梅's initials are zxm: a label "ZXM" names no order, whatever the initials say
    _look_up(qtbot, page, "ZXM")

    assert page.order_panel.model.rowCount() == 0
    assert page.panel.colour_key == "problem"
    assert "未知条码" in page.panel.text()
    assert "张小梅" not in page.panel.text()
    page.hand_over()
    qtbot.waitUntil(lambda: ctx_idle(page), timeout=10000)
    assert item_row(ui_engine, codes[0]).state == "ready"


def test_an_undone_hand_over_shows_the_items_back_on_the_shelf(
    qtbot, ctx, ui_studio, ui_engine, service
):
    codes = ["600000000001", "600000000002"]
    ui_studio.add_order("P001", codes)
    _sent(ui_studio, service, codes)
    for code in codes:
        service.scan(ui_studio.session("check-in"), code)
    page = _pickup(qtbot, ctx, ui_studio)
    _look_up(qtbot, page, codes[0])
    with qtbot.waitSignal(page.scan_handled, timeout=10000):
        page.hand_over()
    qtbot.waitUntil(lambda: _states(page.order_panel.model) == ["已取件"] * 2, timeout=10000)

    with qtbot.waitSignal(page.undo_handled, timeout=10000):
        page.undo_last()

    assert item_row(ui_engine, codes[1]).state == "ready"
    qtbot.waitUntil(
        lambda: _states(page.order_panel.model) == ["已取件", "已回件待取"], timeout=10000
    )
    assert "已撤销" in page.panel.text()  # the undo's words stay on the panel


# -- log-out --------------------------------------------------------------------------------


def test_log_out_and_a_new_operator_leave_no_customer_on_any_page(
    qtbot, window, ui_studio, service
):
    codes = ["600000000001", "600000000002"]
    order_id = ui_studio.add_order("P001", codes, customer="欧阳娜娜", phone="13911112222")
    _sent(ui_studio, service, codes)
    service.scan(ui_studio.session("check-in"), codes[0])
    login(qtbot, window, ui_studio.operators["小张"])
    window.show_page("pickup")
    _look_up(qtbot, window.pickup_page, codes[0])
    window.pickup_page.search.setText("2222")
    query = window.query_page
    query.search.setText("欧阳娜娜")
    with qtbot.waitSignal(query.searched, timeout=10000):
        query.look_up("欧阳娜娜")
    window.check_in_page.slot_label.setText("请放入货架位 A-01")
    board = window.pages["board"]
    with qtbot.waitSignal(board.detail_loaded, timeout=10000):
        board.show_order(order_id)
    assert "欧阳娜娜" in window.pickup_page.panel.text()

    window.logout()
    login(qtbot, window, ui_studio.operators["小李"])

    from yinglou_desk.ui.pages.order_panel import OrderPanel

    for page in (window.pickup_page, window.query_page, window.check_in_page, board):
        for panel in page.findChildren(OrderPanel):
            assert panel.model.rowCount() == 0
            assert "欧阳娜娜" not in panel.header.text()
    assert window.pickup_page.search.text() == ""
    assert "欧阳娜娜" not in window.pickup_page.panel.text()
    assert (query.search.text(), query.summary.text()) == ("", "")
    assert window.check_in_page.slot_label.text() == ""
    assert board.timeline.rowCount() == 0


def test_a_scanned_label_of_no_order_in_query_shows_nobody(qtbot, ctx, ui_studio):
    from yinglou_desk.ui.pages.query import QueryPage

    ui_studio.add_order("Q001", ["700000000001"], customer="张小梅")
    page = _page(qtbot, ctx, ui_studio, QueryPage, operator="小张")
    with qtbot.waitSignal(page.searched, timeout=10000):
        page.on_scanned("700000000001", "wedge")
    assert page.order_panel.model.rowCount() == 1

    with qtbot.waitSignal(page.searched, timeout=10000):
        page.on_scanned("ZXM", "wedge")  # 张小梅's initials, scanned as a label

    assert page.order_panel.model.rowCount() == 0
    assert "未知条码" in page.summary.text()
    with qtbot.waitSignal(page.searched, timeout=10000):
        page.look_up("zxm")  # typed, the initials find her
    assert page.order_panel.model.rowCount() == 1
