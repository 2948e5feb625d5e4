"""超期未取 on 今日 (managers only, colour and words, exported as shown), the cadence's
reminders from the 今日 button, the reminder history in 查件 and the three settings of
店铺设置 — offscreen, on the desk's own widgets."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from sqlalchemy import update

from yinglou_desk.domain.palette import STATE_COLOURS
from yinglou_desk.services.notifications.outbox import send_queued
from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.services.settings.studio import current_settings
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.storage.tables import customers, items, orders

pytest_plugins = ["tests.helpers.desk_fixtures", "tests.helpers.file_dialogs"]
_H = Qt.Orientation.Horizontal
OVERDUE = 5  # the sixth list's tab


@pytest.fixture
def shelf(ui_studio, ui_engine, clock):
    """Three orders back from the lab: 95, 65 and 3 days ago (the cadence is 7, 30, 60 days;
    the holding period 90). U-N's customer left no mobile number."""
    service = ScanService(ui_engine, clock=clock)
    ui_studio.add_order("U-OLD", ["940000000001", "940000000002"], unit_cost="123.45")
    ui_studio.add_order("U-MID", ["940000000003"], customer="李雷", phone="13900139000")
    ui_studio.add_order("U-N", ["940000000004"], customer="韩梅梅", phone="13700137000")
    with write_transaction(ui_engine) as conn:
        conn.execute(update(items).where(items.c.code == "940000000002").values(qty=2))
        no_phone = orders.c.order_no == "U-N"
        customer = orders.select().with_only_columns(orders.c.customer_id).where(no_phone)
        conn.execute(
            update(customers).where(customers.c.id == customer.scalar_subquery()).values(phone=None)
        )
    for code in ("940000000001", "940000000002", "940000000003", "940000000004"):
        service.scan(ui_studio.session("send-out"), code)
    for code in ("940000000001", "940000000002"):
        service.scan(ui_studio.session("check-in"), code)
    clock.advance(days=30)
    service.scan(ui_studio.session("check-in"), "940000000003")
    clock.advance(days=62)
    service.scan(ui_studio.session("check-in"), "940000000004")
    send_queued(ui_engine, lambda _message: None, clock)
    clock.advance(days=3)
    return service


def _today(qtbot, ctx, operator):
    from yinglou_desk.ui.pages.today import TodayPage

    ctx.set_operator(operator)
    page = TodayPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        page.show()
    return page


def _cells(model, title):
    column = [model.headerData(c, _H) for c in range(model.columnCount())].index(title)
    return [model.index(r, column).data() for r in range(model.rowCount())]


@pytest.mark.usefixtures("shelf")
def test_the_manager_sees_what_stayed_too_long_in_colour_and_words(
    qtbot, qtmodeltester, ctx, ui_studio, dialogs, tmp_path
) -> None:
    page = _today(qtbot, ctx, ui_studio.operators["王店长"])
    assert page.tiles["overdue_pickup"].isVisible()
    assert page.tiles["overdue_pickup"].text() == "超期未取\n2"
    assert page.list_tabs.isTabVisible(OVERDUE)
    assert page.list_tabs.tabText(OVERDUE) == "超期未取（2）"
    model = page.models["overdue_pickup"]
    qtmodeltester.check(model)
    assert _cells(model, "订单号") == ["U-OLD", "U-MID"]
    assert _cells(model, "状态") == ["超期 5 天（保管 90 天）", "提醒已发完，在架 65 天"]
    assert _cells(model, "在架成本（元）") == ["370.35", "100.00"]  # 123.45 + 123.45 × 2
    assert _cells(model, "在架天数") == ["95", "65"]
    status = [model.index(r, 0).data(Qt.ItemDataRole.BackgroundRole) for r in range(2)]
    assert [c.name().upper() for c in status] == [
        STATE_COLOURS["problem"][0],
        STATE_COLOURS["overdue"][0],
    ]

    page.list_tabs.setCurrentIndex(OVERDUE)
    dialogs.files.append(tmp_path / "overdue.xlsx")
    with qtbot.waitSignal(page.action_done, timeout=10000):
        page.export_button.click()
    rows = list(load_workbook(tmp_path / "overdue.xlsx").active.iter_rows(values_only=True))
    value = [model.headerData(c, _H) for c in range(model.columnCount())].index("在架成本（元）")
    assert [r[1] for r in rows[1:3]] == ["U-OLD", "U-MID"]
    assert [r[value] for r in rows[1:]] == [pytest.approx(370.35), 100, pytest.approx(470.35)]


@pytest.mark.usefixtures("shelf")
def test_the_list_is_the_managers_only(qtbot, ctx, ui_studio) -> None:
    page = _today(qtbot, ctx, ui_studio.operators["小张"])  # front desk
    assert not page.tiles["overdue_pickup"].isVisible()
    assert not page.list_tabs.isTabVisible(OVERDUE)
    assert page.models["overdue_pickup"].rowCount() == 0  # not even held
    assert page.tiles["uncollected"].isVisible()
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        ctx.set_operator(ui_studio.operators["王店长"])
    assert page.list_tabs.isTabVisible(OVERDUE)
    assert page.models["overdue_pickup"].rowCount() == 2


@pytest.mark.usefixtures("shelf")
def test_reminders_from_today_name_who_was_skipped(qtbot, ctx, ui_studio) -> None:
    page = _today(qtbot, ctx, ui_studio.operators["小张"])
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        page.remind_button.click()
    # U-OLD: its day-60 reminder; U-MID: day 60; U-N (3 days): none due yet
    assert page.status.text() == "已排队 2 条未取提醒"
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        page.remind_button.click()
    assert page.status.text() == "已排队 0 条未取提醒"


@pytest.mark.usefixtures("shelf")
def test_a_customer_without_a_mobile_is_named(qtbot, ctx, ui_studio, clock) -> None:
    clock.advance(days=5)  # U-N: 8 days on the shelf, its day-7 reminder is due
    page = _today(qtbot, ctx, ui_studio.operators["小张"])
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        page.remind_button.click()
    said = page.status.text()
    assert said.startswith("已排队 2 条未取提醒；1 个订单未提醒")
    assert "U-N 第 7 天：客户没有手机号" in said


@pytest.mark.usefixtures("shelf")
def test_query_shows_the_orders_reminder_history(qtbot, ctx, ui_studio, ui_engine, clock) -> None:
    from yinglou_desk.services.pickup.reminders import queue_cadence
    from yinglou_desk.ui.pages.query import QueryPage

    queue_cadence(ui_engine, clock, by="小张")
    ctx.set_operator(ui_studio.operators["小张"])
    page = QueryPage(ctx)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.reminder_history.loaded, timeout=10000) as blocker:
        page.search.setText("U-MID")
        page.search.returnPressed.emit()
    assert [(m.event, m.day, m.state) for m in blocker.args[0]] == [
        ("ready", None, "sent"),
        ("reminder", 60, "queued"),
    ]
    text = page.reminder_history.text()
    assert text.startswith("通知记录：到店通知")
    assert "第 60 天提醒" in text
    assert "待发" in text
    assert page.reminder_history.isVisible()
    with qtbot.waitSignal(page.searched, timeout=10000):
        page.search.setText("13800138000")  # U-OLD's customer has one order; U-N none
        page.search.returnPressed.emit()
    page.clear()
    assert not page.reminder_history.isVisible()


def _settings_page(qtbot, ctx, operator):
    from yinglou_desk.ui.pages.studio_settings import StudioSettingsPage

    page = StudioSettingsPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        ctx.set_operator(operator)
    return page


def test_studio_settings_hold_the_period_the_cadence_and_the_signature(
    qtbot, ctx, ui_studio, ui_engine
) -> None:
    page = _settings_page(qtbot, ctx, ui_studio.operators["王店长"])
    fields = page.holding
    assert fields.holding.value() == 90
    assert fields.reminders.text() == "7,30,60"
    assert not fields.signature.isChecked()
    assert page.save_button.isEnabled()

    with qtbot.waitSignal(page.checked, timeout=5000) as blocker:
        fields.reminders.setText("30,7")
    assert blocker.args == [False]
    assert page.problems == {"reminder_days": "uncollected.days_not_ascending"}
    assert page.notes["reminder_days"].text().startswith("提醒（到店后第几天）：")
    assert not page.save_button.isEnabled()
    with qtbot.waitSignal(page.checked, timeout=5000) as blocker:
        fields.reminders.setText("7，30、50")  # as a Chinese keyboard types it
    assert blocker.args == [True]
    with qtbot.waitSignal(page.checked, timeout=5000) as blocker:
        fields.holding.setValue(40)  # day 50 is not within 40 days
    assert page.problems == {"reminder_days": "uncollected.day_after_holding"}
    with qtbot.waitSignal(page.checked, timeout=5000) as blocker:
        fields.holding.setValue(60)
    assert blocker.args == [True]
    fields.signature.setChecked(True)
    with qtbot.waitSignal(page.saved, timeout=10000):
        page.save_button.click()
    saved = current_settings(ui_engine)
    assert (saved.holding_days, saved.reminder_days, saved.signature_at_pickup) == (
        60,
        "7,30,50",
        True,
    )
    ctx.set_operator(None)  # nothing of the last manager stays on the page
    assert fields.reminders.text() == ""
    assert not fields.signature.isChecked()
