"""The three scan stations, fed codes through ``on_scanned`` as a scanner would.

Each test checks both the database and what the widgets show.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from yinglou_desk.domain.palette import STATE_COLOURS
from yinglou_desk.domain.states import Action
from yinglou_desk.ui.models.items_model import COLUMNS as ITEM_COLUMNS

from .helpers.desk import item_row, log_rows, scan_and_wait

pytest_plugins = ["tests.helpers.desk_fixtures"]

STATE_COL = ITEM_COLUMNS.index("state")
PRODUCT_COL = ITEM_COLUMNS.index("product")


def _state_cells(model):
    """(state text, background colour) of every row of an items model."""
    return [
        (
            model.index(row, STATE_COL).data(),
            model.index(row, STATE_COL).data(Qt.ItemDataRole.BackgroundRole).name().upper(),
        )
        for row in range(model.rowCount())
    ]


# -- send-out -------------------------------------------------------------------------------


def test_send_out_scans_fill_the_batch_and_refusals_show_red(qtbot, ctx, ui_studio, ui_engine):
    from yinglou_desk.ui.stations.send_out import SendOutPage

    ui_studio.add_order("D001", ["400000000001", "400000000002"])
    ctx.set_operator(ui_studio.operators["小李"])
    page = SendOutPage(ctx)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.vendor_box.count() == 3, timeout=10000)
    page.choose_vendor("晶典水晶")

    first = scan_and_wait(qtbot, page, "400000000001")
    refused = scan_and_wait(qtbot, page, "999999999999")

    assert first.outcome.value == "accepted"
    item = item_row(ui_engine, "400000000001")
    assert (item.state, item.vendor_id) == ("sent_out", ui_studio.vendor_ids["晶典水晶"])
    assert item_row(ui_engine, "400000000002").state == "registered"
    assert refused.outcome.value == "refused"
    assert page.batch.rowCount() == 2
    assert page.batch.index(0, 2).data() == "999999999999"  # newest on top
    assert page.count_label.text() == "本次发件清单：1 件"
    assert "未知条码" in page.panel.text()
    assert page.panel.colour_key == "problem"


def test_undo_in_the_send_out_station_puts_the_item_back(qtbot, ctx, ui_studio, ui_engine):
    from yinglou_desk.ui.stations.send_out import SendOutPage

    ui_studio.add_order("D001", ["400000000001"])
    ctx.set_operator(ui_studio.operators["小李"])
    page = SendOutPage(ctx)
    qtbot.addWidget(page)
    scan_and_wait(qtbot, page, "400000000001")
    assert item_row(ui_engine, "400000000001").state == "sent_out"

    with qtbot.waitSignal(page.undo_handled, timeout=10000) as blocker:
        page.undo_last()

    assert blocker.args[0].ok
    assert item_row(ui_engine, "400000000001").state == "registered"
    assert log_rows(ui_engine, "400000000001")[-1].action == "undo"
    assert "已撤销" in page.panel.text()


def test_a_station_without_an_operator_asks_for_a_badge(qtbot, ctx, ui_studio, ui_engine):
    from yinglou_desk.ui.stations.send_out import SendOutPage

    ui_studio.add_order("D001", ["400000000001"])
    page = SendOutPage(ctx)
    qtbot.addWidget(page)
    page.on_scanned("400000000001", "keyboard")
    assert "工牌" in page.panel.text()
    assert item_row(ui_engine, "400000000001").state == "registered"


# -- check-in -------------------------------------------------------------------------------


def _check_in_page(qtbot, ctx, ui_studio):
    """The check-in station with the sorter 小李 logged in."""
    from yinglou_desk.ui.stations.check_in import CheckInPage

    ctx.set_operator(ui_studio.operators["小李"])
    page = CheckInPage(ctx)
    qtbot.addWidget(page)
    return page


def test_check_in_shows_the_whole_order_and_shelves_the_item(
    qtbot, ctx, ui_studio, ui_engine, service
):
    ui_studio.add_order("C001", ["500000000001", "500000000002", "500000000003"])
    for code in ("500000000001", "500000000002"):
        service.scan(ui_studio.session("send-out"), code)
    page = _check_in_page(qtbot, ctx, ui_studio)

    scan_and_wait(qtbot, page, "500000000001")

    cells = _state_cells(page.order_panel.model)
    assert cells == [
        ("已回件待取", STATE_COLOURS["ready"][0]),
        ("在厂商", STATE_COLOURS["sent_out"][0]),
        ("未发件", STATE_COLOURS["registered"][0]),
    ]
    assert "还差 2 件未回" in page.order_panel.header.text()
    assert page.slot_label.text() == "请放入货架位 A-01"
    assert item_row(ui_engine, "500000000001").shelf_slot == "A-01"
    assert page.order_panel.selected_codes() == ["500000000001"]

    scan_and_wait(qtbot, page, "500000000002")
    assert item_row(ui_engine, "500000000002").shelf_slot == "A-01"  # same order, same slot


def test_flagging_a_defect_sends_the_item_to_rework_with_the_reason(
    qtbot, ctx, ui_studio, ui_engine, service
):
    ui_studio.add_order("C001", ["500000000001"])
    service.scan(ui_studio.session("send-out"), "500000000001")
    page = _check_in_page(qtbot, ctx, ui_studio)
    scan_and_wait(qtbot, page, "500000000001")

    page.flag_defect()  # no reason yet: nothing happens but a hint
    assert page.panel.text() == "请先填写次品原因"
    assert item_row(ui_engine, "500000000001").state == "ready"

    page.reason_box.setCurrentText("色差")
    with qtbot.waitSignal(page.scan_handled, timeout=10000):
        page.flag_defect()

    item = item_row(ui_engine, "500000000001")
    assert (item.state, item.rework_count) == ("rework", 1)
    last = log_rows(ui_engine, "500000000001")[-1]
    assert (last.action, last.detail) == ("flag_rework", "色差")
    assert _state_cells(page.order_panel.model) == [("返工", STATE_COLOURS["rework"][0])]


def test_a_defect_flagged_right_after_a_scan_is_that_scan_s_item(
    qtbot, ctx, ui_studio, ui_engine, service
):
    """F7 pressed before the next item's check-in is on screen flags that item, not the one
    still shown."""
    ui_studio.add_order("C001", ["500000000001"])
    ui_studio.add_order("C002", ["500000000002"])
    for code in ("500000000001", "500000000002"):
        service.scan(ui_studio.session("send-out"), code)
    page = _check_in_page(qtbot, ctx, ui_studio)
    scan_and_wait(qtbot, page, "500000000001")
    page.reason_box.setCurrentText("划痕")

    flagged = []
    page.scan_handled.connect(lambda result: flagged.append(result))
    page.on_scanned("500000000002", "keyboard")
    page.flag_defect()  # the check-in of ...002 is still on its way
    qtbot.waitUntil(lambda: len(flagged) == 2, timeout=10000)
    assert item_row(ui_engine, "500000000002").state == "rework"
    assert item_row(ui_engine, "500000000001").state == "ready"


def test_the_defect_button_is_hidden_from_the_front_desk(qtbot, ctx, ui_studio):
    from yinglou_desk.ui.stations.check_in import CheckInPage

    page = CheckInPage(ctx)
    qtbot.addWidget(page)
    page.show()
    ctx.set_operator(ui_studio.operators["小张"])
    assert not page.flag_button.isVisible()
    ctx.set_operator(ui_studio.operators["小李"])
    assert page.flag_button.isVisible()


# -- pickup ---------------------------------------------------------------------------------


def _pickup_page(qtbot, ctx, ui_studio):
    from yinglou_desk.ui.stations.pickup import PickupPage

    ctx.set_operator(ui_studio.operators["小张"])
    page = PickupPage(ctx)
    qtbot.addWidget(page)
    return page


def _find(qtbot, page, code):
    def shown():
        assert page.order_panel.model.rowCount() > 0

    page.on_scanned(code, "keyboard")
    qtbot.waitUntil(shown, timeout=10000)


def test_partial_pickup_asks_first_and_says_what_is_missing(
    qtbot, ctx, ui_studio, ui_engine, service, dialogs
):
    ui_studio.add_order("P001", ["600000000001", "600000000002"])
    for code in ("600000000001", "600000000002"):
        service.scan(ui_studio.session("send-out"), code)
    service.scan(ui_studio.session("check-in"), "600000000001")
    page = _pickup_page(qtbot, ctx, ui_studio)
    _find(qtbot, page, "600000000001")
    assert page.order_panel.model.rowCount() == 2
    assert item_row(ui_engine, "600000000001").state == "ready"  # a scan here only looks up

    dialogs.answers = [False]
    page.hand_over()
    title, text = dialogs.asked[0]
    assert title == "部分取件"
    assert "在厂商" in text  # what is missing and when it is due
    assert "2026-03-12" in text
    assert item_row(ui_engine, "600000000001").state == "ready"
    assert page.panel.text() == "已取消交付"

    dialogs.answers = [True]
    with qtbot.waitSignal(page.scan_handled, timeout=10000):
        page.hand_over()
    assert item_row(ui_engine, "600000000001").state == "picked_up"
    assert item_row(ui_engine, "600000000002").state == "sent_out"
    qtbot.waitUntil(lambda: page.panel.text() == "已交付 1 件", timeout=10000)
    states = [s for s, _ in _state_cells(page.order_panel.model)]
    assert states == ["已取件", "在厂商"]


def test_a_complete_order_is_handed_over_without_a_question(
    qtbot, ctx, ui_studio, ui_engine, service, dialogs
):
    ui_studio.add_order("P001", ["600000000001", "600000000002"])
    for station in ("send-out", "check-in"):
        for code in ("600000000001", "600000000002"):
            service.scan(ui_studio.session(station), code)
    page = _pickup_page(qtbot, ctx, ui_studio)
    page.search.setText("8000")  # last four digits of the phone
    page.search.returnPressed.emit()
    qtbot.waitUntil(lambda: page.order_panel.model.rowCount() == 2, timeout=10000)

    with qtbot.waitSignal(page.scan_handled, timeout=10000):
        page.hand_over()
    qtbot.waitUntil(lambda: page.panel.text() == "已交付 2 件", timeout=10000)
    assert dialogs.asked == []
    assert {item_row(ui_engine, c).state for c in ("600000000001", "600000000002")} == {"picked_up"}


def test_hand_over_pressed_during_a_lookup_hands_over_the_order_just_scanned(
    qtbot, ctx, ui_studio, ui_engine, service
):
    """The previous customer's order is still on screen when the next label is scanned and
    F8 follows at once: the new order is handed over, the one on screen is not."""
    ui_studio.add_order("P001", ["600000000001"])
    ui_studio.add_order("P002", ["600000000002"])
    for station in ("send-out", "check-in"):
        for code in ("600000000001", "600000000002"):
            service.scan(ui_studio.session(station), code)
    page = _pickup_page(qtbot, ctx, ui_studio)
    _find(qtbot, page, "600000000001")

    with qtbot.waitSignal(page.scan_handled, timeout=10000):
        page.on_scanned("600000000002", "keyboard")
        page.hand_over()  # before the lookup of 600000000002 has answered
    assert item_row(ui_engine, "600000000002").state == "picked_up"
    assert item_row(ui_engine, "600000000001").state == "ready"


def test_an_unknown_label_at_pickup_is_shown_as_a_problem(qtbot, ctx, ui_studio):
    page = _pickup_page(qtbot, ctx, ui_studio)
    page.on_scanned("NOSUCHCODE1", "keyboard")
    qtbot.waitUntil(lambda: page.panel.colour_key == "problem", timeout=10000)
    assert "未知条码" in page.panel.text()


# -- several PCs ----------------------------------------------------------------------------


def test_a_scan_on_another_pc_reaches_this_desk(qtbot, ctx, ui_studio, service):
    order_id = ui_studio.add_order("C001", ["500000000001", "500000000002"])
    for code in ("500000000001", "500000000002"):
        service.scan(ui_studio.session("send-out"), code)
    page = _check_in_page(qtbot, ctx, ui_studio)
    scan_and_wait(qtbot, page, "500000000001")
    ctx.poll_remote()  # the first look only learns where the log is
    qtbot.waitUntil(lambda: ctx._feed is not None, timeout=10000)

    service.scan(ui_studio.session("check-in", workstation="sorting-room-2"), "500000000002")
    with qtbot.waitSignal(ctx.data_changed, timeout=10000) as blocker:
        ctx.poll_remote()
    change = blocker.args[0]
    assert change.remote
    assert change.touches(order_id)
    qtbot.waitUntil(
        lambda: [s for s, _ in _state_cells(page.order_panel.model)] == ["已回件待取"] * 2,
        timeout=10000,
    )


def test_batch_actions_use_the_scan_rules(ctx, ui_studio, ui_engine):
    from yinglou_desk.services.pickup.ticking import apply_many

    ui_studio.add_order("B001", ["700000000001", "700000000002"])
    results = apply_many(
        ctx.service,
        ui_studio.session("check-in"),
        ["700000000001", "700000000001"],
        Action.CHECK_IN,
    )
    assert len(results) == 1  # ticked twice, applied once
    assert results[0].outcome.value == "refused"  # never sent out
    assert item_row(ui_engine, "700000000001").state == "registered"
    assert date(2026, 3, 2)  # the fake clock's day; nothing above depends on the real date


# -- feedback -------------------------------------------------------------------------------


class _FakeEffect:
    def __init__(self, played: list[str], _parent) -> None:
        self.played = played
        self.source = ""

    def setSource(self, url) -> None:  # the Qt API
        self.source = url.fileName()

    def setVolume(self, volume: float) -> None:
        pass

    def play(self) -> None:
        self.played.append(self.source)


def test_every_scan_flashes_its_colour_and_plays_its_sound(qtbot, ctx, ui_studio):
    from yinglou_desk.ui.scanning.feedback import ScanSounds

    played: list[str] = []
    ctx.sounds = ScanSounds(
        ctx, audio_available=lambda: True, effect_factory=lambda p: _FakeEffect(played, p)
    )
    ui_studio.add_order("S001", ["450000000001"])
    page = _check_in_page(qtbot, ctx, ui_studio)
    scan_and_wait(qtbot, page, "450000000001")  # never sent out: refused
    assert page.panel.colour_key == "problem"
    assert page.panel.flashing
    scan_and_wait(qtbot, page, "450000000001")  # the scanner repeating itself
    assert page.panel.colour_key == "overdue"  # orange: a repeat, not applied twice
    assert played == ["refused.wav", "duplicate.wav"]
    qtbot.waitUntil(lambda: not page.panel.flashing, timeout=5000)
