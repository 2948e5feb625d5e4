"""The window with 今日 and the office pages: login lands on 今日, F10–F12, roles, scans."""

from __future__ import annotations

from PySide6.QtCore import Qt

from yinglou_desk.ui.main_window import PAGES

from .helpers.desk import item_row, login

pytest_plugins = ["tests.helpers.desk_fixtures", "tests.helpers.file_dialogs"]


def _visible(window):
    return [name for i, name in enumerate(PAGES) if window.tabs.isTabVisible(i)]


def test_a_manager_lands_on_today_and_reaches_every_office_page_by_f_key(qtbot, window, ui_studio):
    today = window.pages["today"]
    with qtbot.waitSignal(today.refreshed, timeout=10000):
        login(qtbot, window, ui_studio.operators["王店长"])
    assert window.current_page_name() == "today"
    assert "王店长" in today.hello.text()
    assert _visible(window) == [page for page in PAGES if page != "staff"]  # staff: admins
    figures = window.pages["figures"]
    with qtbot.waitSignal(figures.loaded, timeout=10000):  # figures load when first shown
        qtbot.keyClick(window.scan_field, Qt.Key.Key_F11)
    assert window.current_page_name() == "figures"
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F12)
    assert window.current_page_name() == "reconcile"
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F10)
    assert window.current_page_name() == "today"
    assert window.tabs.tabText(PAGES.index("figures")) == "统计 F11"


def test_office_pages_are_for_managers_only(qtbot, window, ui_studio):
    login(qtbot, window, ui_studio.operators["小张"])
    assert _visible(window) == ["today", "check-in", "pickup", "query", "board", "shelf-audit"]
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F12)
    assert window.current_page_name() == "today"


def test_a_scan_on_today_looks_the_item_up_and_changes_nothing(qtbot, window, ui_studio, ui_engine):
    ui_studio.add_order("W-T", ["990000000001"])
    login(qtbot, window, ui_studio.operators["小李"])
    query = window.pages["query"]
    with qtbot.waitSignal(query.searched, timeout=10000) as blocker:
        window.on_scanned("990000000001", "wedge")
    assert window.current_page_name() == "query"
    assert [o.order_no for o in blocker.args[0]] == ["W-T"]
    assert item_row(ui_engine, "990000000001").state == "registered"


def test_switching_operator_keeps_the_station_on_screen(qtbot, window, ui_studio):
    login(qtbot, window, ui_studio.operators["小李"])
    window.show_page("check-in")
    login(qtbot, window, ui_studio.operators["王店长"])
    assert window.current_page_name() == "check-in"
    window.logout()
    login(qtbot, window, ui_studio.operators["王店长"])
    assert window.current_page_name() == "today"  # a fresh login opens 今日 again
