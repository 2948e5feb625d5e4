"""日结 at the desk and the price in 修改订单资料 (offscreen): the page shows the true totals of
the payments taken, exports them exactly, and a desk operator is refused a price by the ledger."""

from __future__ import annotations

from decimal import Decimal

from openpyxl import load_workbook

from yinglou_desk.domain.money import PaymentMethod
from yinglou_desk.services.payments.ledger import money_of, set_price, take_payment
from yinglou_desk.services.payments.takings import takings
from yinglou_desk.services.pickup.counter import PaymentIn
from yinglou_desk.ui.dialogs.order_edit import OrderEditDialog, open_order_editor
from yinglou_desk.ui.main_window import PAGE_PERMISSION, PAGES
from yinglou_desk.ui.pages.takings import TakingsPage

from .helpers.desk import login

pytest_plugins = ["tests.helpers.desk_fixtures"]


def _money_column(model):  # type: ignore[no-untyped-def]
    return [model.rows()[r]["amount"] for r in range(model.rowCount())]


def _page(qtbot, ctx, ui_studio):  # type: ignore[no-untyped-def]
    ctx.set_operator(ui_studio.operators["王店长"])
    page = TakingsPage(ctx)
    qtbot.addWidget(page)
    return page


def test_the_page_shows_the_true_totals_of_the_payments_taken(
    qtbot, qtmodeltester, ctx, ui_studio, ui_engine, clock
):
    ui_studio.add_order("U001", ["720000000001"])
    ui_studio.add_order("U002", ["720000000002"], customer="李雷", phone="13900000002")
    desk, manager = ui_studio.operators["小张"], ui_studio.operators["王店长"]
    take_payment(ui_engine, desk, "U001", PaymentIn(38050, PaymentMethod.CASH), clock=clock)
    take_payment(ui_engine, manager, "U002", PaymentIn(1, PaymentMethod.WECHAT), clock=clock)
    take_payment(ui_engine, desk, "U002", PaymentIn(99999, PaymentMethod.WECHAT), clock=clock)
    page = _page(qtbot, ctx, ui_studio)
    assert page.days() == (clock.today(), clock.today())  # today by default
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.reload()
    truth = takings(ui_engine, clock.today(), clock.today())
    assert truth.total == 138050
    assert page.headline.text() == "合计 ¥1,380.50（3 笔）"
    assert [r["method"] for r in page.by_method.rows()] == ["现金", "微信"]
    assert sum(_money_column(page.by_method)) == Decimal("1380.50")
    assert [(r["operator"], r["method"], r["amount"]) for r in page.by_operator.rows()] == [
        ("小张", "现金", Decimal("380.50")),
        ("小张", "微信", Decimal("999.99")),
        ("王店长", "微信", Decimal("0.01")),
    ]
    assert page.rows.rowCount() == 3
    assert page.by_method.data(page.by_method.index(1, 1)) == "1,000.00"
    for model in (page.by_method, page.by_operator, page.rows):
        qtmodeltester.check(model)

    take_payment(ui_engine, desk, "U001", PaymentIn(50, PaymentMethod.CARD), clock=clock)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.reload()
    assert page.headline.text() == "合计 ¥1,381.00（4 笔）"
    assert [r["method"] for r in page.by_method.rows()] == ["现金", "微信", "刷卡"]

    with qtbot.waitSignal(page.loaded, timeout=10000):  # another day: nothing taken
        page.set_days(clock.today().replace(day=1))
        page.reload()
    assert page.headline.text() == "合计 ¥0.00（0 笔）"
    assert page.status.text() == "这段时间没有收款"


def test_the_page_exports_the_report_exactly(qtbot, ctx, ui_studio, ui_engine, clock, tmp_path):
    ui_studio.add_order("U003", ["720000000003"])
    for fen in (1, 2, 333):
        take_payment(
            ui_engine, ui_studio.operators["小张"], "U003", PaymentIn(fen, "alipay"), clock=clock
        )
    page = _page(qtbot, ctx, ui_studio)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.reload()
    path = tmp_path / "日结.xlsx"
    with qtbot.waitSignal(page.exported, timeout=10000):
        page.export(path)
    sheet = load_workbook(path)["按付款方式"]
    assert list(sheet.iter_rows(min_row=2, values_only=True)) == [
        ("支付宝", 3.36),
        ("合计", 3.36),
    ]


def test_the_tab_is_for_managers(qtbot, window, ui_studio):
    assert PAGE_PERMISSION["takings"] is not None
    login(qtbot, window, ui_studio.operators["王店长"])
    assert window.tabs.isTabVisible(PAGES.index("takings"))
    assert window.tabs.tabText(PAGES.index("takings")) == "日结"
    login(qtbot, window, ui_studio.operators["小张"])
    assert not window.tabs.isTabVisible(PAGES.index("takings"))


def _editor(qtbot, ctx, order_no):  # type: ignore[no-untyped-def]
    opened: list[OrderEditDialog] = []
    open_order_editor(ctx, order_no, None, lambda _c: None, show=opened.append)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=10000)
    qtbot.addWidget(opened[0])
    return opened[0]


def test_a_desk_operator_cannot_set_a_price(qtbot, ctx, ui_studio, ui_engine, clock):
    ui_studio.add_order("U004", ["720000000004"])
    set_price(ui_engine, ui_studio.operators["王店长"], "U004", 138000, clock=clock)
    take_payment(
        ui_engine, ui_studio.operators["小张"], "U004", PaymentIn(50000, "cash"), clock=clock
    )
    ctx.set_operator(ui_studio.operators["小张"])
    dialog = _editor(qtbot, ctx, "U004")
    assert dialog.price.text() == "1380.00"
    assert dialog.price.isReadOnly()
    assert (dialog.paid_label.text(), dialog.due_label.text()) == ("¥500.00", "¥880.00")

    dialog.price.setText("1")  # past the read-only field: the ledger still says no
    dialog.save()
    qtbot.waitUntil(lambda: "set_prices" in dialog.error.text(), timeout=10000)
    assert "小张" in dialog.error.text()
    assert money_of(ui_engine, "U004").price == 138000


def test_a_manager_sets_the_price_and_sees_the_due(qtbot, ctx, ui_studio, ui_engine):
    ui_studio.add_order("U005", ["720000000005"])
    ctx.set_operator(ui_studio.operators["王店长"])
    dialog = _editor(qtbot, ctx, "U005")
    assert not dialog.price.isReadOnly()
    assert dialog.price.text() == ""
    dialog.price.setText("1.234")
    dialog.save()
    qtbot.waitUntil(lambda: "超过两位小数" in dialog.error.text(), timeout=10000)
    assert money_of(ui_engine, "U005").price is None

    dialog.price.setText("¥2,000")
    with qtbot.waitSignal(dialog.saved, timeout=10000) as saved:
        dialog.save()
    assert saved.args[0] == {"price": [None, 200000]}
    assert money_of(ui_engine, "U005").due == 200000
