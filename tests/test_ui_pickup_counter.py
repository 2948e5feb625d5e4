"""取件 with money and proof, driven with key clicks and mouse strokes (offscreen).

The counter's services are a stand-in (:mod:`tests.helpers.counter_fake`) that keeps
their rule — nothing goes home while money is owed — so these tests are about the
screen: the balance beside the customer, the counter dialog, what is passed on, the
receipt. The real window test runs the whole way through the real services.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from yinglou_desk.domain.money import PaymentMethod
from yinglou_desk.services.settings.studio import save_settings
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.storage.tables import orders

from .helpers.counter_fake import FakeCounter
from .helpers.desk import item_row

pytest_plugins = ["tests.helpers.desk_fixtures"]

CODE = "700000000001"


@pytest.fixture
def fake(ui_engine, clock) -> FakeCounter:
    return FakeCounter(ui_engine, clock)


def _order(ui_studio, service, fake, price: int | None, paid: int = 0, order_no="M001"):
    order_id = ui_studio.add_order(order_no, [CODE])
    for station in ("send-out", "check-in"):
        service.scan(ui_studio.session(station), CODE)
    with write_transaction(ui_studio.engine) as conn:
        conn.execute(orders.update().where(orders.c.id == order_id).values(price_fen=price))
    if paid:
        from yinglou_desk.domain.money import PaymentKind

        fake._pay(order_id, PaymentKind.IMPORTED, paid)
    return order_id


def _page(qtbot, ctx, ui_studio, fake, operator="小张"):
    from yinglou_desk.ui.stations.pickup import PickupPage

    ctx.set_operator(ui_studio.operators[operator])
    page = PickupPage(ctx)
    page.links = fake.links()
    qtbot.addWidget(page)
    page.show()
    page.on_scanned(CODE, "keyboard")
    qtbot.waitUntil(lambda: page.order_panel.model.rowCount() == 1, timeout=10000)
    return page


def _f8(qtbot, page):
    with qtbot.waitSignal(page.counter_done, timeout=10000) as done:
        page.hand_over()
    return done.args[0]


def _type(widget, text: str) -> None:
    """Keys for what a keyboard types; Chinese arrives committed by the input method."""
    widget.setFocus()
    widget.selectAll()
    if text.isascii():
        QTest.keyClicks(widget, text)
    else:
        widget.insert(text)


def _enter(dialog) -> None:
    QTest.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)


def test_the_balance_stands_beside_the_customer_in_words(qtbot, ctx, ui_studio, service, fake):
    _order(ui_studio, service, fake, price=298000, paid=100000)
    page = _page(qtbot, ctx, ui_studio, fake)
    assert page.balance.text() == "尾款 ¥1,980.00 未付"
    assert page.balance.owing
    assert "C62828" in page.balance.styleSheet()  # red, and the words say it too
    assert "张小梅  尾款 ¥1,980.00 未付" in page.panel.text()


def test_a_paid_order_says_so_and_one_without_a_price_says_nothing(
    qtbot, ctx, ui_studio, service, fake
):
    _order(ui_studio, service, fake, price=100000, paid=100000)
    page = _page(qtbot, ctx, ui_studio, fake)
    assert page.balance.text() == "已付清"
    with write_transaction(ui_studio.engine) as conn:
        conn.execute(orders.update().values(price_fen=None))
    page.look_up(CODE, scanned=True)
    qtbot.waitUntil(lambda: page.balance.text() == "", timeout=10000)
    assert "尾款" not in page.panel.text()


def test_f8_with_a_balance_cancelled_hands_over_nothing(
    qtbot, ctx, ui_studio, ui_engine, service, fake, dialogs
):
    _order(ui_studio, service, fake, price=138000)
    page = _page(qtbot, ctx, ui_studio, fake)
    dialogs.counter_fill = [lambda d: QTest.keyClick(d.amount_edit, Qt.Key.Key_Escape)]
    page.hand_over()
    qtbot.waitUntil(lambda: bool(dialogs.counter_requests), timeout=10000)
    qtbot.waitUntil(lambda: "未交付" in page.panel.text(), timeout=10000)
    assert page.panel.text() == "未交付：尾款 ¥1,380.00 未收"
    assert dialogs.counter_requests[0].due == 138000
    assert item_row(ui_engine, CODE).state == "ready"
    assert fake.collected == []
    assert fake.payments_taken == []


def test_nothing_entered_is_refused_in_the_dialog(
    qtbot, ctx, ui_studio, ui_engine, service, fake, dialogs
):
    _order(ui_studio, service, fake, price=138000)
    page = _page(qtbot, ctx, ui_studio, fake)
    said = []

    def fill(dialog):
        _type(dialog.amount_edit, "")
        QTest.keyClick(dialog.amount_edit, Qt.Key.Key_Backspace)
        _enter(dialog)
        said.append(dialog.problem.text())
        QTest.keyClick(dialog.amount_edit, Qt.Key.Key_Escape)

    dialogs.counter_fill = [fill]
    page.hand_over()
    qtbot.waitUntil(lambda: "未交付" in page.panel.text(), timeout=10000)
    assert said == ["请填写收款金额，或勾选免收"]
    assert item_row(ui_engine, CODE).state == "ready"


def test_a_partial_payment_is_taken_and_leaves_the_right_balance(
    qtbot, ctx, ui_studio, ui_engine, service, fake, dialogs
):
    _order(ui_studio, service, fake, price=138000)
    page = _page(qtbot, ctx, ui_studio, fake)

    def fill(dialog):
        _type(dialog.amount_edit, "380.50")
        dialog.method_box.setCurrentIndex(dialog.method_box.findData(PaymentMethod.WECHAT))
        _enter(dialog)

    dialogs.counter_fill = [fill]
    outcome = _f8(qtbot, page)
    assert outcome.collected is None
    assert [(p.amount, p.method) for p in fake.payments_taken] == [(38050, PaymentMethod.WECHAT)]
    assert fake.collected == []
    assert item_row(ui_engine, CODE).state == "ready"  # a part payment hands nothing over
    assert page.panel.text() == "已收 ¥380.50（微信），尚欠 ¥999.50，货品未交付"
    assert page.balance.text() == "尾款 ¥999.50 未付"


def test_the_balance_taken_hands_over_and_prints_the_receipt(
    qtbot, ctx, ui_studio, ui_engine, service, fake, dialogs, receipt_previews, tmp_path
):
    _order(ui_studio, service, fake, price=138000, paid=38000)
    page = _page(qtbot, ctx, ui_studio, fake)
    dialogs.counter_fill = [_enter]  # the amount offered is the balance
    with qtbot.waitSignal(page.receipt_done, timeout=10000) as printed:
        _f8(qtbot, page)
    payment = fake.collected[0]["payment"]
    assert (payment.amount, payment.method) == (100000, PaymentMethod.CASH)
    assert fake.collected[0]["codes"] == [CODE]
    assert item_row(ui_engine, CODE).state == "picked_up"
    assert page.panel.text() == "已交付 1 件，收款 ¥1,000.00（现金），取件单 QJ00000001"
    assert page.balance.text() == "已付清"
    assert printed.args[0] == "取件单 QJ00000001 未打印（可补打）"
    assert len(receipt_previews) == 1
    assert fake.receipts == [1]

    with qtbot.waitSignal(page.receipt_done, timeout=10000):
        QTest.mouseClick(page.receipts.reprint_button, Qt.MouseButton.LeftButton)
    assert fake.receipts == [1, 1]
    with qtbot.waitSignal(page.receipt_done, timeout=10000):
        page.receipts.save_pdf(tmp_path / "r")
    assert fake.saved == [(1, tmp_path / "r.pdf")]


def test_a_desk_operator_cannot_waive_without_a_managers_proof(
    qtbot, ctx, ui_studio, ui_engine, service, fake, dialogs
):
    _order(ui_studio, service, fake, price=138000)
    page = _page(qtbot, ctx, ui_studio, fake)
    refusals = []

    def waive(name: str, password: str, badge: str = ""):
        def fill(dialog):
            _type(dialog.amount_edit, "1000")
            dialog.waive_box.setChecked(True)
            _type(dialog.reason_edit, "老客户优惠")
            _enter(dialog)
            refusals.append(dialog.problem.text())  # no manager yet
            _type(dialog.badge_edit, badge)
            _type(dialog.manager_name_edit, name)
            _type(dialog.manager_password_edit, password)
            _enter(dialog)

        return fill

    dialogs.counter_fill = [waive("王店长", "wrong")]
    refused = _f8(qtbot, page)
    assert refusals == ["免收须经理扫描工牌或输入姓名和密码"]
    assert refused.key == "login.wrong"
    assert item_row(ui_engine, CODE).state == "ready"
    assert fake.collected == []

    dialogs.counter_fill = [waive("", "", badge=ui_studio.operators["小张"].badge_code)]
    refused = _f8(qtbot, page)
    assert refused.key == "pickup_desk.not_a_manager"
    assert page.panel.text() == "小张 不是经理，不能免收"
    assert item_row(ui_engine, CODE).state == "ready"
    assert fake.collected == []

    dialogs.counter_fill = [waive("王店长", "1234")]
    _f8(qtbot, page)
    waiver = fake.collected[0]["waiver"]
    assert (waiver.amount, waiver.reason, waiver.approved_by.name) == (
        38000,
        "老客户优惠",
        "王店长",
    )
    assert fake.collected[0]["payment"].amount == 100000
    assert item_row(ui_engine, CODE).state == "picked_up"
    assert "免收 ¥380.00" in page.panel.text()


def test_a_manager_at_the_desk_waives_with_a_reason_alone(
    qtbot, ctx, ui_studio, service, fake, dialogs
):
    _order(ui_studio, service, fake, price=50000)
    page = _page(qtbot, ctx, ui_studio, fake, operator="王店长")

    def fill(dialog):
        assert not dialog.badge_edit.isVisible()
        _type(dialog.amount_edit, "0")
        dialog.waive_box.setChecked(True)
        _type(dialog.reason_edit, "样片抵扣")
        _enter(dialog)

    dialogs.counter_fill = [fill]
    _f8(qtbot, page)
    waiver = fake.collected[0]["waiver"]
    assert (waiver.amount, waiver.approved_by.name) == (50000, "王店长")
    assert fake.collected[0]["payment"] is None


def test_collection_by_someone_else_is_recorded_and_shown_in_the_query(
    qtbot, ctx, ui_studio, service, fake, dialogs, monkeypatch
):
    _order(ui_studio, service, fake, price=20000)
    page = _page(qtbot, ctx, ui_studio, fake)

    def fill(dialog):
        dialog.proxy_box.setChecked(True)
        _type(dialog.proxy_name_edit, "李大伟")
        _enter(dialog)
        assert dialog.problem.text() == "代取须填写代取人姓名和电话"
        _type(dialog.proxy_phone_edit, "139 0000 1111")
        _enter(dialog)

    dialogs.counter_fill = [fill]
    _f8(qtbot, page)
    collector = fake.collected[0]["collector"]
    assert (collector.name, collector.phone) == ("李大伟", "139 0000 1111")

    from yinglou_desk.ui.pages.query import QueryPage

    previews = []
    monkeypatch.setattr(QueryPage, "run_print_dialog", staticmethod(previews.append))
    query = QueryPage(ctx)
    query.record.links = fake.links()
    qtbot.addWidget(query)
    query.show()
    query.look_up(CODE, scanned=True)
    qtbot.waitUntil(lambda: query.record.model.rowCount() == 1, timeout=10000)
    cells = [query.record.model.index(0, c).data() for c in range(query.record.model.columnCount())]
    assert cells[0] == "QJ00000001"
    assert cells[2] == "小张"
    assert cells[3] == "代取：李大伟 139 0000 1111"
    assert cells[4] == CODE
    assert query.record.receipts.reprint_button.isEnabled()
    with qtbot.waitSignal(query.record.receipts.done, timeout=10000):
        query.record.receipts.print_receipt()
    assert fake.receipts[-1] == 1
    assert len(previews) == 1


def test_a_signature_drawn_on_the_pad_is_passed_on_as_a_png(
    qtbot, ctx, ui_studio, ui_engine, service, fake, dialogs, clock
):
    save_settings(
        ui_engine, {"signature_at_pickup": True}, clock, actor=ui_studio.operators["王店长"]
    )
    _order(ui_studio, service, fake, price=None)  # nothing owed: the dialog is for the signature
    page = _page(qtbot, ctx, ui_studio, fake)
    said = []

    def fill(dialog):
        pad = dialog.pad
        assert pad is not None
        assert pad.isVisible()
        _enter(dialog)
        said.append(dialog.problem.text())
        QTest.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(20, 30))
        for x in range(20, 220, 10):
            QTest.mouseMove(pad, QPoint(x, 30 + (x // 10) % 3 * 20))
        QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(220, 60))
        _enter(dialog)

    dialogs.counter_fill = [fill]
    _f8(qtbot, page)
    assert said == ["请客户在签名框内签名"]
    png = fake.collected[0]["collector"].signature_png
    assert png
    assert png.startswith(b"\x89PNG")
    image = Image.open(io.BytesIO(png)).convert("L")
    dark = sum(image.histogram()[:100])  # pixels darker than 100 of 255
    assert dark > 200  # a stroke across the box, not a speck
    assert item_row(ui_engine, CODE).state == "picked_up"


def test_the_dialog_fits_a_small_screen(qtbot, ui_studio):
    from yinglou_desk.ui.dialogs.collect import CounterDialog, CounterRequest

    request = CounterRequest("M001", "张小梅", 138000, 3, True, ui_studio.operators["小张"])
    dialog = CounterDialog(request)
    qtbot.addWidget(dialog)
    dialog.show()
    hint = dialog.sizeHint()
    assert hint.width() <= 1280 - 40, hint
    assert hint.height() <= 720 - 80, hint
