"""The desk fits the screen it is on (offscreen): the window's place and size, labels that
never widen it, every page's least size within 1280×720, and columns that show codes whole.

The real window under a window manager is tested in ``test_desk_fits_xwindow.py``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSettings, QSize, Qt
from PySide6.QtWidgets import QApplication, QHeaderView, QVBoxLayout, QWidget

from yinglou_desk.domain.roles import Permission, may
from yinglou_desk.services.orders.query import find_orders
from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.ui.main_window import PAGE_PERMISSION, PAGES
from yinglou_desk.ui.models.items_model import COLUMNS as ITEM_COLUMNS
from yinglou_desk.ui.pages.order_panel import OrderPanel
from yinglou_desk.ui.scanning.feedback import ScanResultPanel
from yinglou_desk.ui.stations.send_out import SendOutPage
from yinglou_desk.ui.widgets.fit_label import FitLabel
from yinglou_desk.ui.window_place import (
    GEOMETRY_KEY,
    GUESSED_FRAME,
    MAXIMIZED_KEY,
    WindowPlace,
    default_frame,
    fitted,
)

pytest_plugins = ["tests.helpers.desk_fixtures"]

LONG_CODE = "DM" + "7" * 58
LONG_MESSAGE = "条码不在本店的订单里，请核对标签是否属于其他门店或已作废；" * 13  # ~400 characters
# what a 1280×720 screen leaves for the window itself once a title bar and borders are drawn
ROOM_1280x720 = QSize(1280 - GUESSED_FRAME.left() - GUESSED_FRAME.right(), 720 - 40)


# -- where the window opens -----------------------------------------------------------------


def test_fitted_shrinks_and_moves_a_frame_inside_the_screen():
    screen = QRect(0, 0, 1366, 768)
    assert fitted(QRect(100, 50, 800, 600), screen) == QRect(100, 50, 800, 600)
    assert fitted(QRect(0, 0, 1282, 825), screen) == QRect(0, 0, 1282, 768)
    assert fitted(QRect(900, -30, 1453, 825), screen) == QRect(0, 0, 1366, 768)
    assert fitted(QRect(1000, 500, 600, 400), screen) == QRect(766, 368, 600, 400)
    second = QRect(1366, 0, 1280, 720)  # a second monitor to the right
    assert fitted(QRect(1500, 100, 1300, 700), second) == QRect(1366, 20, 1280, 700)


def test_the_first_start_fits_a_small_screen_centred():
    assert default_frame(QRect(0, 0, 1280, 720)) == QRect(0, 0, 1280, 720)
    frame = default_frame(QRect(0, 0, 1920, 1040))
    assert frame.size() == QSize(1288, 840)
    assert frame.center() == QRect(0, 0, 1920, 1040).center()


def _ini(path: Path) -> QSettings:
    return QSettings(str(path), QSettings.Format.IniFormat)


def test_a_remembered_place_comes_back_inside_the_screen(qtbot, tmp_path):
    store = tmp_path / "desk.ini"
    first = QWidget()
    qtbot.addWidget(first)
    WindowPlace(first, lambda: _ini(store))
    first.show()
    first.setGeometry(40, 60, 500, 400)
    first.close()  # remembered as it closes
    assert _ini(store).value(GEOMETRY_KEY) == QRect(40, 60, 500, 400)

    again = QWidget()
    qtbot.addWidget(again)
    WindowPlace(again, lambda: _ini(store))
    assert again.geometry() == QRect(40, 60, 500, 400)

    screen = again.screen().availableGeometry()
    too_big = _ini(store)
    too_big.setValue(GEOMETRY_KEY, QRect(3000, 2000, 4000, 3000))  # a bigger monitor, gone
    too_big.sync()
    third = QWidget()
    qtbot.addWidget(third)
    WindowPlace(third, lambda: _ini(store))
    third.show()
    assert screen.contains(third.frameGeometry())
    assert third.frameGeometry().size() == screen.size()  # as big as the screen, no bigger


def test_a_window_left_maximised_opens_maximised(qtbot, tmp_path):
    store = tmp_path / "desk.ini"
    settings = _ini(store)
    settings.setValue(GEOMETRY_KEY, QRect(10, 10, 600, 500))
    settings.setValue(MAXIMIZED_KEY, "true")
    settings.sync()
    window = QWidget()
    qtbot.addWidget(window)
    WindowPlace(window, lambda: _ini(store))
    assert window.windowState() & Qt.WindowState.WindowMaximized


def test_the_desk_window_opens_inside_the_screen(window):
    screen = window.screen().availableGeometry()
    assert screen.contains(window.frameGeometry())
    assert window.width() <= 1280


# -- words that never widen the window ---------------------------------------------------------


def test_a_fit_label_asks_for_little_and_cuts_with_an_ellipsis(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    label = FitLabel(LONG_CODE, holder, lines=1, elide=Qt.TextElideMode.ElideMiddle)
    QVBoxLayout(holder).addWidget(label)
    holder.resize(300, 100)
    holder.show()
    assert label.minimumSizeHint().width() < 150
    assert holder.minimumSizeHint().width() < 300
    assert label.text() == LONG_CODE
    assert "…" in label.shown()
    assert label.shown().startswith("DM")
    assert label.toolTip() == LONG_CODE
    label.setText("DM0001")
    assert label.shown() == "DM0001"
    assert label.toolTip() == ""
    label.clear()
    assert label.text() == ""
    assert label.shown() == ""


def test_a_fit_label_wraps_inside_a_code_and_keeps_to_its_lines(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    label = FitLabel("", holder, lines=3)
    QVBoxLayout(holder).addWidget(label)
    holder.resize(320, 300)
    holder.show()
    label.setText(LONG_MESSAGE)
    lines = label.shown().split("\n")
    assert len(lines) == 3
    assert lines[-1].endswith("…")
    assert all(label.fontMetrics().horizontalAdvance(line) <= label.width() for line in lines)
    label.setText(LONG_CODE)  # no space to break at: it breaks inside the code
    assert label.shown().replace("\n", "") == LONG_CODE


def test_a_400_character_message_keeps_the_window_width(window, ui_studio):
    window._show_operator(ui_studio.operators["王店长"])
    window.show_page("check-in")
    before = window.size()
    panel = window.check_in_page.panel
    panel.show_result("refused", LONG_CODE, LONG_MESSAGE)
    window.layout().activate()
    assert window.size() == before
    assert window.minimumSizeHint().width() < 1280
    assert panel.message() == LONG_MESSAGE
    assert panel.headline().endswith(LONG_CODE)
    panel.show_message("problem", LONG_MESSAGE)
    window.layout().activate()
    assert window.size() == before
    assert window.minimumSizeHint().width() < 1280
    window.statusBar().showMessage(LONG_MESSAGE + LONG_CODE)
    window.layout().activate()
    assert window.size() == before
    window.logout()
    assert window.size() == before


def test_the_result_panel_says_it_all_in_its_tooltip(qtbot):
    panel = ScanResultPanel()
    qtbot.addWidget(panel)
    panel.resize(600, 300)
    panel.show()
    panel.show_result("refused", LONG_CODE, LONG_MESSAGE)
    message = panel.findChild(FitLabel, "scanMessage")
    assert message is not None
    assert message.toolTip() == LONG_MESSAGE
    assert panel.text().endswith(LONG_MESSAGE)


# -- every page within 1280×720 ------------------------------------------------------------------


@pytest.mark.parametrize("role", ["manager", "admin"])
def test_every_page_fits_1280x720(window, ui_studio, role):
    from yinglou_desk.services.staff.audit import command_line_actor
    from yinglou_desk.services.staff.operators import add_operator

    operator = (
        ui_studio.operators["王店长"]
        if role == "manager"
        else add_operator(ui_studio.engine, "陈管理", "admin", "1234", actor=command_line_actor())
    )
    window._show_operator(operator)
    for name in PAGES:
        permission = PAGE_PERMISSION[name]
        if permission is not None and not may(operator.role, Permission(permission)):
            continue
        window.show_page(name)
        assert window.current_page_name() == name
        panel = getattr(window.tabs.currentWidget(), "panel", None)
        if panel is not None:
            panel.show_result("refused", LONG_CODE, LONG_MESSAGE)
        least = window.minimumSizeHint()
        assert least.width() <= ROOM_1280x720.width(), name
        assert least.height() <= ROOM_1280x720.height(), name
    for name, page in window.pages.items():
        least = page.minimumSizeHint()
        assert least.width() <= ROOM_1280x720.width(), name
        assert least.height() <= ROOM_1280x720.height() - 150, name  # top bar, tabs, status


def test_no_page_grows_past_1280x720_when_all_its_words_are_long(window, ui_studio):
    """Every banner, status and summary of every page at its longest at once."""
    window._show_operator(ui_studio.operators["王店长"])
    for name in PAGES:
        if window.tabs.isTabVisible(PAGES.index(name)):
            window.show_page(name)
            page = window.tabs.currentWidget()
            labels = page.findChildren(FitLabel)
            for label in labels:
                label.setText(LONG_MESSAGE)
            QApplication.processEvents()  # the layouts hear of the new sizes
            least = window.minimumSizeHint()
            assert least.width() <= ROOM_1280x720.width(), name
            assert least.height() <= ROOM_1280x720.height(), name
            assert window.size().width() <= 800, name


def test_every_top_bar_button_is_on_screen_whatever_the_name(window, ui_engine):
    from yinglou_desk.services.staff.audit import command_line_actor
    from yinglou_desk.services.staff.operators import add_operator

    name = "欧阳" + "长" * 28  # a name far longer than the top bar
    window._show_operator(
        add_operator(ui_engine, name, "admin", "1234", actor=command_line_actor())
    )
    window.layout().activate()
    assert window.width() <= 800  # the offscreen screen: narrower than a studio's monitor
    assert window.operator_label.text().startswith("当前员工：欧阳")
    for button in (window.undo_button, window.pc_settings_button, window.logout_button):
        assert button.isVisible()
        right = button.mapTo(window, button.rect().bottomRight())
        assert 0 < right.x() < window.width()
        assert button.width() >= button.sizeHint().width()


# -- columns ------------------------------------------------------------------------------------------


def test_one_order_hides_its_number_and_customer_two_show_them(qtbot, ui_studio, ui_engine):
    ui_studio.add_order("M001", ["800000000001", "800000000002"])
    ui_studio.add_order("M002", ["800000000003"], customer="李雷", phone="13900139000")
    today = date(2026, 3, 2)
    one = find_orders(ui_engine, "M001", today=today)
    two = one + find_orders(ui_engine, "M002", today=today)
    panel = OrderPanel()
    qtbot.addWidget(panel)
    whose = [ITEM_COLUMNS.index("order_no"), ITEM_COLUMNS.index("customer")]
    panel.set_orders(one)
    assert [panel.table.isColumnHidden(c) for c in whose] == [True, True]
    assert not panel.table.isColumnHidden(ITEM_COLUMNS.index("code"))
    panel.set_orders(two)
    assert [panel.table.isColumnHidden(c) for c in whose] == [False, False]
    panel.set_orders(one)
    assert [panel.table.isColumnHidden(c) for c in whose] == [True, True]
    assert panel.selected_codes() == []
    panel.select_code("800000000002")
    assert panel.selected_codes() == ["800000000002"]


def test_columns_shown_again_are_as_wide_as_what_they_hold(qtbot, ui_studio, ui_engine):
    """Seen on screen: after one order, an emptied panel (an unknown label) showed its
    订单号 and 客户 headers cut to "单" and "客…": they came back at the width they had
    while hidden."""
    ui_studio.add_order("M001", ["800000000001", "800000000002"])
    ui_studio.add_order("M002", ["800000000003"], customer="李雷", phone="13900139000")
    today = date(2026, 3, 2)
    one = find_orders(ui_engine, "M001", today=today)
    panel = OrderPanel()
    qtbot.addWidget(panel)
    panel.resize(1200, 400)
    panel.show()
    whose = [ITEM_COLUMNS.index("order_no"), ITEM_COLUMNS.index("customer")]
    header = panel.table.horizontalHeader()
    for shown_next in ([], one + find_orders(ui_engine, "M002", today=today)):
        panel.set_orders(one)
        panel.set_orders(shown_next)
        for column in whose:
            needed = max(
                header.sectionSizeFromContents(column).width(),
                panel.table.sizeHintForColumn(column),
            )
            assert header.sectionSize(column) >= needed, (column, shown_next and "two")


def test_send_out_shows_codes_and_order_numbers_whole(qtbot, ctx, ui_studio, ui_engine, clock):
    ui_studio.add_order("2603010000123", ["DM0000012345", "DM0000012346"])
    service = ScanService(ui_engine, clock=clock)
    page = SendOutPage(ctx)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    for code in ("DM0000012345", "DM0000012346", "NOT-A-LABEL"):
        page.batch.add(service.scan(ui_studio.session("send-out"), code))
    table, header = page.table, page.table.horizontalHeader()
    columns = page.batch.columns
    whole = [columns.index(name) for name in ("time", "outcome", "code", "order_no", "state")]
    for column in whole:
        assert header.sectionResizeMode(column) == QHeaderView.ResizeMode.Interactive

    def none_cut() -> bool:  # the view sizes its columns once the rows are laid out
        return all(table.sizeHintForColumn(c) <= header.sectionSize(c) for c in whole)

    qtbot.waitUntil(none_cut, timeout=5000)
    message = columns.index("message")
    assert header.sectionResizeMode(message) == QHeaderView.ResizeMode.Stretch
    assert header.sectionSize(message) > header.sectionSize(columns.index("code"))
