"""今日: the five due lists after a realistic fortnight, their exports and the message buttons."""

from __future__ import annotations

import csv
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from yinglou_desk.catalogue import text
from yinglou_desk.domain.palette import STATE_COLOURS
from yinglou_desk.services.notifications.outbox import send_queued
from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.services.settings.studio import save_settings
from yinglou_desk.services.staff.audit import command_line_actor

pytest_plugins = ["tests.helpers.desk_fixtures", "tests.helpers.file_dialogs"]


@pytest.fixture
def fortnight(ui_studio, ui_engine, clock):
    """Twelve days of a small studio; today every list has something in it."""
    from datetime import timedelta

    service = ScanService(ui_engine, clock=clock)
    send = ui_studio.session("send-out")
    back = ui_studio.session("check-in")
    start = clock.today()
    # A: at 金彩 (10 days) since day 0 → overdue today; promised pickup tomorrow
    ui_studio.add_order(
        "T-A", ["930000000001", "930000000002"], promised=start + timedelta(days=13)
    )
    # D: back on day 1, the message exported (= sent) that day → uncollected today
    ui_studio.add_order("T-D", ["930000000004"], customer="李雷", phone="13900139000")
    for code in ("930000000001", "930000000002", "930000000004"):
        service.scan(send, code)
    clock.advance(days=1)
    service.scan(back, "930000000004")
    send_queued(ui_engine, lambda _message: None, clock)  # the customer was told on day 1
    # B: sent to 晶典 (5 days) on day 9 → due back on day 14
    clock.advance(days=8)
    ui_studio.add_order("T-B", ["930000000003"], vendor="晶典水晶")
    service.scan(send, "930000000003")
    # C: back today, not told yet
    ui_studio.add_order("T-C", ["930000000005"], customer="韩梅梅", phone="13700137000")
    service.scan(send, "930000000005")
    clock.advance(days=3)
    service.scan(back, "930000000005")
    return service


def _page(qtbot, ctx, operator):
    from yinglou_desk.ui.pages.today import TodayPage

    ctx.set_operator(operator)
    page = TodayPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        page.show()
    return page


def _column(model, title):
    return [model.headerData(c, _H) for c in range(model.columnCount())].index(title)


_H = Qt.Orientation.Horizontal


def _cells(model, title):
    column = _column(model, title)
    return [model.index(r, column).data() for r in range(model.rowCount())]


@pytest.mark.usefixtures("fortnight")
def test_today_greets_and_shows_every_list_in_colour(qtbot, ctx, ui_studio):
    page = _page(qtbot, ctx, ui_studio.operators["王店长"])
    assert "王店长" in page.hello.text()
    counts = {key: page.count(key) for key in page.models}
    assert counts == {
        "overdue_at_vendor": 2,
        "due_back_soon": 1,
        "ready_not_notified": 1,
        "uncollected": 1,
        "pickups_due": 1,
        "overdue_pickup": 0,
    }
    assert page.tiles["overdue_at_vendor"].text() == "逾期未回\n2"
    assert page.list_tabs.tabText(0) == "逾期未回（2）"

    overdue = page.models["overdue_at_vendor"]
    assert _cells(overdue, "状态") == ["逾期 2 天", "逾期 2 天"]
    assert _cells(overdue, "订单号") == ["T-A", "T-A"]
    state = overdue.index(0, _column(overdue, "状态"))
    assert state.data(Qt.ItemDataRole.BackgroundRole).name().upper() == STATE_COLOURS["overdue"][0]
    assert _cells(page.models["due_back_soon"], "订单号") == ["T-B"]
    ready = page.models["ready_not_notified"]
    assert _cells(ready, "订单号") == ["T-C"]
    assert _cells(ready, "状态") == ["已到齐，短信待发"]
    uncollected = page.models["uncollected"]
    assert _cells(uncollected, "状态") == ["已通知 11 天未取"]
    assert _cells(uncollected, "二次提醒") == ["未提醒"]
    pickups = page.models["pickups_due"]
    assert _cells(pickups, "状态") == ["即将取件，缺 2 件"]
    cell = pickups.index(0, _column(pickups, "状态"))
    assert cell.data(Qt.ItemDataRole.BackgroundRole).name().upper() == STATE_COLOURS["overdue"][0]


@pytest.mark.usefixtures("fortnight")
def test_every_list_model_passes_the_model_tester(qtmodeltester, qtbot, ctx, ui_studio):
    page = _page(qtbot, ctx, ui_studio.operators["王店长"])
    for key, model in page.models.items():
        if key == "overdue_pickup":  # nothing stayed that long here: test_ui_uncollected
            continue
        assert model.rowCount() > 0
        qtmodeltester.check(model)


@pytest.mark.usefixtures("fortnight")
def test_the_list_on_screen_exports_to_xlsx_as_shown(qtbot, ctx, ui_studio, dialogs, tmp_path):
    page = _page(qtbot, ctx, ui_studio.operators["王店长"])
    target = tmp_path / "overdue"
    dialogs.files.append(target)  # the suffix is added
    with qtbot.waitSignal(page.action_done, timeout=10000) as blocker:
        page.export_button.click()
    written = tmp_path / "overdue.xlsx"
    assert blocker.args[0] == f"已导出到 {written}"
    assert dialogs.file_questions[0][1].startswith("逾期未回-")
    sheet = load_workbook(written).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    model = page.models["overdue_at_vendor"]
    assert rows[0] == [model.headerData(c, _H) for c in range(model.columnCount())]
    assert [r[0] for r in rows[1:]] == ["逾期 2 天", "逾期 2 天"]
    assert {r[_column(model, "条码")] for r in rows[1:]} == {"930000000001", "930000000002"}
    expected = rows[1][_column(model, "预计回件")]
    assert expected.date().isoformat() == "2026-03-12"  # a real date cell, not text

    page.list_tabs.setCurrentIndex(3)  # "told, not collected": the days are numbers
    dialogs.files.append(tmp_path / "uncollected.xlsx")
    with qtbot.waitSignal(page.action_done, timeout=10000):
        page.export_button.click()
    rows = list(load_workbook(tmp_path / "uncollected.xlsx").active.iter_rows(values_only=True))
    assert rows[1][_column(page.models["uncollected"], "已等天数")] == 11


@pytest.mark.usefixtures("fortnight")
def test_sending_without_a_gateway_explains_how_to_set_one_up(qtbot, ctx, ui_studio, dialogs):
    page = _page(qtbot, ctx, ui_studio.operators["小张"])
    with qtbot.waitSignal(page.action_done, timeout=10000):
        page.send_button.click()
    [(_title, text)] = dialogs.warnings
    assert "settings set sms_url" in text
    assert "导出待发短信" in text
    assert page.status.text() == text
    assert _cells(page.models["ready_not_notified"], "状态") == ["已到齐，短信待发"]


class _Gateway(BaseHTTPRequestHandler):
    received: ClassVar[list[dict]] = []

    def do_POST(self):  # http.server's name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        _Gateway.received.append(json.loads(body))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway():
    _Gateway.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sms", _Gateway.received
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.mark.usefixtures("fortnight")
def test_sending_through_the_gateway_tells_the_customer_and_updates_the_lists(
    qtbot, ctx, ui_studio, ui_engine, gateway, dialogs, clock
):
    url, received = gateway
    save_settings(ui_engine, {"sms_url": url}, clock=clock, actor=command_line_actor())
    page = _page(qtbot, ctx, ui_studio.operators["小张"])
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        page.send_button.click()
    assert page.status.text() == "已发送 1 条，稍后重试 0 条，失败 0 条"
    assert [m["phone"] for m in received] == ["13700137000"]
    assert "T-C" in received[0]["message"]
    assert page.count("ready_not_notified") == 0
    assert dialogs.warnings == []


@pytest.mark.usefixtures("fortnight")
def test_queued_messages_export_to_csv_and_count_as_sent(qtbot, ctx, ui_studio, dialogs, tmp_path):
    page = _page(qtbot, ctx, ui_studio.operators["小张"])
    dialogs.answers.append(False)  # the operator thinks again: nothing happens
    page.export_messages(tmp_path / "no.csv")
    assert not (tmp_path / "no.csv").exists()

    dialogs.files.append(tmp_path / "sms.csv")
    dialogs.answers.append(True)
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        page.export_messages_button.click()
    assert "已导出 1 条" in page.status.text()
    with (tmp_path / "sms.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["手机号", "短信内容", "订单号"]
    assert [(r[0], r[2]) for r in rows[1:]] == [("13700137000", "T-C")]
    assert page.count("ready_not_notified") == 0


@pytest.mark.usefixtures("fortnight")
def test_second_reminders_are_queued_once(qtbot, ctx, ui_studio):
    page = _page(qtbot, ctx, ui_studio.operators["王店长"])
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        page.remind_button.click()
    assert page.status.text() == "已排队 1 条未取提醒"  # T-D's day-7 reminder of the cadence
    assert _cells(page.models["uncollected"], "二次提醒") == ["提醒待发"]
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        page.remind_button.click()
    assert page.status.text() == "已排队 0 条未取提醒"


@pytest.mark.usefixtures("fortnight")
def test_buttons_follow_the_role(qtbot, ctx, ui_studio):
    page = _page(qtbot, ctx, ui_studio.operators["小李"])  # sorter: no customers, no exports
    assert not page.send_button.isVisible()
    assert not page.export_button.isVisible()
    ctx.set_operator(ui_studio.operators["小张"])  # front desk: messages, no exports
    assert page.send_button.isVisible()
    assert not page.export_button.isVisible()
    assert "小张" in page.hello.text()


def test_lists_follow_scans_and_the_calendar(qtbot, ctx, ui_studio, fortnight, clock):
    page = _page(qtbot, ctx, ui_studio.operators["王店长"])
    fortnight.scan(ui_studio.session("check-in"), "930000000001")
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        ctx.announce(None)
    assert page.count("overdue_at_vendor") == 1

    clock.advance(days=3)  # T-B passes its expected day without anyone touching anything
    page._every.setInterval(50)
    qtbot.waitUntil(lambda: page.count("overdue_at_vendor") == 2, timeout=10000)
    assert set(_cells(page.models["overdue_at_vendor"], "订单号")) == {"T-A", "T-B"}


@pytest.mark.usefixtures("fortnight")
def test_a_tile_counts_every_entry_and_a_capped_list_says_so(qtbot, ctx, ui_studio):
    """The tiles once showed the list's cap (2000) as the count of 3,280 overdue items."""
    from dataclasses import replace

    page = _page(qtbot, ctx, ui_studio.operators["王店长"])
    assert not page.cap_note.isVisible()
    page.list_limit = 1
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        page.refresh()
    assert page.models["overdue_at_vendor"].rowCount() == 1  # the earliest one is listed
    assert page.count("overdue_at_vendor") == 2
    assert page.tiles["overdue_at_vendor"].text() == "逾期未回\n2"
    assert page.list_tabs.tabText(0) == "逾期未回（2）"
    page.list_tabs.setCurrentIndex(0)
    assert page.cap_note.isVisible()
    assert page.cap_note.text() == "显示最早的 1 条，共 2 条"
    page.list_tabs.setCurrentIndex(1)  # due back soon: one entry, all shown
    assert not page.cap_note.isVisible()

    assert page.lists is not None  # a busy studio's numbers, grouped as people read them
    busy = replace(page.lists, counts={**page.lists.counts, "overdue_at_vendor": 3280})
    page._arrived(busy)
    assert page.tiles["overdue_at_vendor"].text() == "逾期未回\n3,280"
    page.list_tabs.setCurrentIndex(0)
    assert page.cap_note.text() == "显示最早的 1 条，共 3,280 条"
    english = text("today.capped", "en", shown="2,000", total="3,280")
    assert english == "Showing the earliest 2,000 of 3,280"
