"""The window as staff meet it: badge login, role limits, switching operator, routing scans."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt

from yinglou_desk.ui.main_window import PAGES, MainWindow

from .helpers.desk import item_row, log_rows, login

pytest_plugins = ["tests.helpers.desk_fixtures"]


def _visible_pages(window):
    return [name for i, name in enumerate(PAGES) if window.tabs.isTabVisible(i)]


def test_a_badge_scan_logs_in_and_the_role_decides_the_tabs(qtbot, window, ui_studio, ctx):
    assert window.current_page_name() == "login"
    login(qtbot, window, ui_studio.operators["小李"])
    assert ctx.operator.name == "小李"
    assert _visible_pages(window) == [
        "today",
        "send-out",
        "check-in",
        "query",
        "board",
        "shelf-audit",
    ]
    assert window.current_page_name() == "today"  # a login opens 今日
    assert "小李（理件员）" in window.operator_label.text()
    window.show_page("send-out")

    login(qtbot, window, ui_studio.operators["小张"])  # switching operator is one scan
    assert ctx.operator.name == "小张"
    assert _visible_pages(window) == [
        "today",
        "check-in",
        "pickup",
        "query",
        "board",
        "shelf-audit",
    ]
    assert window.current_page_name() == "check-in"  # send-out is not for the front desk


def test_an_unknown_badge_is_refused(qtbot, window, ctx):
    with qtbot.waitSignal(window.login_page.logged_in, timeout=2000, raising=False) as blocker:
        window.on_scanned("OP-NOBODY", "keyboard")
    assert not blocker.signal_triggered
    qtbot.waitUntil(lambda: "工牌未登记" in window.login_page.status.text(), timeout=10000)
    assert ctx.operator is None


def test_name_and_password_log_in_and_a_wrong_password_does_not(qtbot, window, ctx):
    page = window.login_page
    page.name_edit.setText("王店长")
    page.password_edit.setText("wrong")
    page.login_with_password()
    qtbot.waitUntil(lambda: "密码不对" in page.status.text(), timeout=10000)
    assert ctx.operator is None

    page.name_edit.setText("王店长")
    page.password_edit.setText("1234")
    with qtbot.waitSignal(page.logged_in, timeout=10000):
        page.login_with_password()
    assert ctx.operator.name == "王店长"
    assert _visible_pages(window) == [page for page in PAGES if page != "staff"]  # admins


def test_item_scans_go_to_the_page_on_screen_and_f_keys_switch_pages(
    qtbot, window, ui_studio, ui_engine
):
    ui_studio.add_order("W001", ["900000000001"])
    login(qtbot, window, ui_studio.operators["小李"])
    window.show_page("send-out")
    send_out = window.pages["send-out"]
    with qtbot.waitSignal(send_out.scan_handled, timeout=10000):
        window.scan_field.setText("900000000001")
        window.scan_field.returnPressed.emit()
    assert item_row(ui_engine, "900000000001").state == "sent_out"

    qtbot.keyClick(window.scan_field, Qt.Key.Key_F2)
    assert window.current_page_name() == "check-in"
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F3)  # pickup is not for sorters
    assert window.current_page_name() == "check-in"
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F4)
    assert window.current_page_name() == "query"


def test_station_option_opens_that_station_after_login(qtbot, ctx, ui_studio):
    win = MainWindow(ctx, start_station="check-in")
    qtbot.addWidget(win)
    login(qtbot, win, ui_studio.operators["王店长"])
    assert win.current_page_name() == "check-in"


def test_logging_out_clears_the_operator(qtbot, window, ui_studio, ctx):
    login(qtbot, window, ui_studio.operators["小李"])
    window.logout()
    assert ctx.operator is None
    assert window.current_page_name() == "login"
    assert window.pages["send-out"].session is None


def test_scans_and_keys_after_a_badge_wait_for_it(qtbot, window, ui_studio, ui_engine, service):
    """The clerk scans her badge, presses F3 and scans a label at once: all three land in order,
    although the badge is still being checked when F3 and the label arrive."""
    ui_studio.add_order("W002", ["900000000011"])
    for station in ("send-out", "check-in"):
        service.scan(ui_studio.session(station), "900000000011")
    login(qtbot, window, ui_studio.operators["小李"])
    window.show_page("check-in")

    window.on_scanned(ui_studio.operators["小张"].badge_code, "keyboard")
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F3)  # not a sorter's tab: must wait for 小张
    window.on_scanned("900000000011", "keyboard")
    assert window.current_page_name() == "check-in"  # nothing jumped ahead of the badge

    pickup = window.pages["pickup"]
    qtbot.waitUntil(lambda: pickup.order_panel.model.rowCount() == 1, timeout=10000)
    assert window.ctx.operator.name == "小张"
    assert window.current_page_name() == "pickup"
    assert [row.outcome for row in log_rows(ui_engine, "900000000011")] == ["accepted"] * 2


def test_a_refused_badge_is_said_on_the_station_and_the_next_scan_still_counts(
    qtbot, window, ui_studio, ui_engine
):
    ui_studio.add_order("W003", ["900000000021"])
    login(qtbot, window, ui_studio.operators["小李"])
    window.show_page("send-out")
    send_out = window.pages["send-out"]

    window.on_scanned("OP-NOBODY", "keyboard")
    with qtbot.waitSignal(send_out.scan_handled, timeout=10000):
        window.on_scanned("900000000021", "keyboard")  # held until the badge is refused
    assert "工牌未登记" in window.statusBar().currentMessage()
    assert window.ctx.operator.name == "小李"  # a refused badge logs nobody out
    row = log_rows(ui_engine, "900000000021")[-1]
    assert (row.outcome, row.operator_name) == ("accepted", "小李")


def _tab_bar_shows(window) -> list[str]:
    """The tab titles as laid out on the bar, left to right, with the room between them."""
    bar = window.tabs.tabBar()
    shown = [i for i in range(bar.count()) if bar.isTabVisible(i)]
    rects = [bar.tabRect(i) for i in shown]
    gaps = [b.left() - a.right() - 1 for a, b in itertools.pairwise(rects)]
    assert all(r.width() > 0 for r in rects), rects
    assert all(gap <= 0 for gap in gaps), (gaps, [bar.tabText(i) for i in shown])
    return [PAGES[i] for i in shown]


def test_the_tab_bar_is_laid_out_again_for_the_next_operator(qtbot, window, ui_studio):
    """Seen on a real screen: after 小李 logged out and 小张 logged in, 取件 was missing from
    the bar and a blank gap stood where 发件 had been."""
    window.show()
    login(qtbot, window, ui_studio.operators["小李"])
    assert _tab_bar_shows(window) == [
        "today",
        "send-out",
        "check-in",
        "query",
        "board",
        "shelf-audit",
    ]
    window.logout()
    login(qtbot, window, ui_studio.operators["小张"])
    assert _tab_bar_shows(window) == [
        "today",
        "check-in",
        "pickup",
        "query",
        "board",
        "shelf-audit",
    ]
