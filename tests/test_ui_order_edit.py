"""修改订单资料 at the desk: found in 查件 or at pickup, corrected, refused in the dialog when
it cannot be saved, and only for roles that edit customers."""

from __future__ import annotations

from datetime import date

from sqlalchemy import update

from yinglou_desk.services.orders.details import correct_order, order_details
from yinglou_desk.storage.models import Order
from yinglou_desk.ui.dialogs.order_edit import OrderEditDialog
from yinglou_desk.ui.pages.query import QueryPage
from yinglou_desk.ui.stations.pickup import PickupPage

pytest_plugins = ["tests.helpers.desk_fixtures"]


def _editor(qtbot, monkeypatch, page):  # type: ignore[no-untyped-def]
    """Press the page's edit button; the dialog, once its details are loaded (not shown)."""
    opened = []
    monkeypatch.setattr(OrderEditDialog, "open", lambda self: opened.append(self))
    page.edit_order()
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=10000)
    qtbot.addWidget(opened[0])
    return opened[0]


def test_the_desk_moves_the_promised_date_and_fixes_the_phone_from_query(
    qtbot, monkeypatch, ctx, ui_studio, ui_engine
):
    ui_studio.add_order("E001", ["710000000001"], promised=date(2026, 3, 10))
    ctx.set_operator(ui_studio.operators["小张"])
    page = QueryPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.searched, timeout=10000):
        page.look_up("E001")
    dialog = _editor(qtbot, monkeypatch, page)
    assert (dialog.customer.text(), dialog.phone.text()) == ("张小梅", "13800138000")
    assert dialog.promised_date() == date(2026, 3, 10)

    dialog.phone.setText("13900139111")
    dialog.promised.setDate(dialog.promised.date().addDays(4))
    with qtbot.waitSignal(page.searched, timeout=10000):  # the page shows the correction
        dialog.save()
    details = order_details(ui_engine, "E001")
    assert (details.phone, details.promised_date) == ("13900139111", date(2026, 3, 14))
    assert page.order_panel.orders[0].phone == "13900139111"


def test_a_promise_for_an_order_without_dates_starts_at_the_studio_s_today(
    qtbot, monkeypatch, ctx, ui_studio, ui_engine, clock
):
    ui_studio.add_order("E009", ["710000000009"])
    with ui_engine.begin() as conn:  # an order typed in without a shoot date
        conn.execute(update(Order).where(Order.order_no == "E009").values(shoot_date=None))
    ctx.set_operator(ui_studio.operators["小张"])
    page = QueryPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.searched, timeout=10000):
        page.look_up("E009")
    dialog = _editor(qtbot, monkeypatch, page)
    dialog.no_promise.setChecked(False)  # staff are about to promise a day
    assert dialog.promised_date() == clock.today()


def test_a_refused_correction_stays_in_the_dialog(qtbot, monkeypatch, ctx, ui_studio, ui_engine):
    ui_studio.add_order("E002", ["710000000002"])
    ctx.set_operator(ui_studio.operators["小张"])
    page = PickupPage(ctx)
    qtbot.addWidget(page)
    page.on_scanned("710000000002", "keyboard")
    qtbot.waitUntil(lambda: page.order_panel.model.rowCount() == 1, timeout=10000)
    dialog = _editor(qtbot, monkeypatch, page)
    assert dialog.no_promise.isChecked()
    assert not dialog.promised.isEnabled()

    dialog.customer.setText("  ")
    dialog.save()
    qtbot.waitUntil(lambda: "姓名不能为空" in dialog.error.text(), timeout=10000)
    assert dialog.result() != dialog.DialogCode.Accepted
    assert order_details(ui_engine, "E002").customer == "张小梅"

    dialog.customer.setText("张晓梅")
    dialog.no_promise.setChecked(False)
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save()
    assert order_details(ui_engine, "E002").customer == "张晓梅"
    qtbot.waitUntil(lambda: page.order_panel.orders[0].customer == "张晓梅", timeout=10000)


def test_sorters_do_not_see_the_edit_button(qtbot, ctx, ui_studio):
    page = QueryPage(ctx)
    qtbot.addWidget(page)
    page.show()
    ctx.set_operator(ui_studio.operators["小李"])
    assert not page.edit_button.isVisible()
    ctx.set_operator(ui_studio.operators["小张"])
    assert page.edit_button.isVisible()


def test_a_correction_made_on_another_pc_reaches_this_desk(
    qtbot, monkeypatch, ctx, ui_studio, ui_engine
):
    ui_studio.add_order("E003", ["710000000003"])
    ctx.set_operator(ui_studio.operators["小张"])
    page = PickupPage(ctx)
    qtbot.addWidget(page)
    page.on_scanned("710000000003", "keyboard")
    qtbot.waitUntil(lambda: page.order_panel.model.rowCount() == 1, timeout=10000)
    ctx.poll_remote()  # the first look only learns where the logs are
    qtbot.waitUntil(lambda: ctx._feed is not None, timeout=10000)

    desk = ui_studio.operators["王店长"]
    monkeypatch.setenv("YINGLOU_WORKSTATION", "front-desk-2")  # the other PC saves it
    correct_order(
        ui_engine,
        "E003",
        customer="张小梅",
        phone="13900139222",
        promised_date=None,
        notes=None,
        actor=desk,
        operator_name=desk.name,
    )
    with qtbot.waitSignal(ctx.data_changed, timeout=10000) as blocker:
        ctx.poll_remote()
    assert blocker.args[0].remote
    assert blocker.args[0].everything
    qtbot.waitUntil(lambda: page.order_panel.orders[0].phone == "13900139222", timeout=10000)

    with qtbot.waitSignal(ctx.data_changed, timeout=1500, raising=False) as quiet:
        ctx.poll_remote()  # nothing new since: no refresh
    assert not quiet.signal_triggered


def test_the_editor_and_any_other_dialog_close_when_the_operator_logs_out(
    qtbot, window, ctx, ui_studio, ui_engine
):
    """The order editor left open, and any dialog of the window (here a plain one), close
    at log-out; saving afterwards is refused by the service — nobody is logged in."""
    from PySide6.QtWidgets import QDialog

    from .helpers.desk import login

    ui_studio.add_order("E009", ["710000000009"])
    login(qtbot, window, ui_studio.operators["小张"])
    editor = OrderEditDialog(ctx, order_details(ui_engine, "E009"), window)
    other = QDialog(window)
    editor.show()
    other.show()
    window.logout_button.click()  # 退出登录
    assert not editor.isVisible()
    assert not other.isVisible()

    editor.customer.setText("别人")
    editor.save()
    qtbot.waitUntil(lambda: "请先登录" in editor.error.text(), timeout=10000)
    assert order_details(ui_engine, "E009").customer == "张小梅"
