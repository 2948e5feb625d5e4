"""The desk keeps every move whole: a failing scan is kept, a hand-over is all or none,
an import does not hold up the scans."""

from __future__ import annotations

import threading

from yinglou_desk.services.orders import importing
from yinglou_desk.services.scanning.journal import ScanJournal
from yinglou_desk.ui.context import DeskContext

from .helpers.desk import item_row, log_rows, scan_and_wait
from .helpers.spreadsheets import openpyxl_xlsx

pytest_plugins = ["tests.helpers.desk_fixtures"]

WAIT_MS = 20000


def test_a_scan_that_meets_an_error_is_kept_said_and_recorded_later(
    qtbot, ui_engine, clock, dialogs, ui_studio, tmp_path
):
    from yinglou_desk.ui.stations.send_out import SendOutPage

    journal = ScanJournal(tmp_path / "desk.jsonl")
    ctx = DeskContext(ui_engine, clock=clock, dialogs=dialogs, workstation="pc", journal=journal)
    ui_studio.add_order("K001", ["720000000001"])
    real_scan = ctx.service.scan
    broken = {"720000000001"}

    def scan(session, code, **kwargs):
        if code in broken:
            raise RuntimeError("a bug")
        return real_scan(session, code, **kwargs)

    ctx.service.scan = scan  # type: ignore[method-assign]
    ctx.pipeline.retry_s = 0  # the next replay tries it again at once
    ctx.set_operator(ui_studio.operators["小李"])
    page = SendOutPage(ctx)
    qtbot.addWidget(page)
    page.on_scanned("720000000001", "wedge")
    qtbot.waitUntil(lambda: "已保留" in page.panel.text(), timeout=WAIT_MS)
    assert page.panel.text() == "扫描出错，已保留，稍后重试：720000000001"
    assert [e.code for e in journal.pending()] == ["720000000001"]
    assert item_row(ui_engine, "720000000001").state == "registered"

    broken.clear()
    assert ctx.offline is not None
    with qtbot.waitSignal(ctx.offline.replayed, timeout=WAIT_MS) as replayed:
        ctx.offline.replay()
    assert [r.code for r in replayed.args[0]] == ["720000000001"]
    assert item_row(ui_engine, "720000000001").state == "sent_out"
    assert len(journal) == 0
    ctx.stop()
    journal.close()


def _pickup_page(qtbot, ctx, ui_studio):
    from yinglou_desk.ui.stations.pickup import PickupPage

    ctx.set_operator(ui_studio.operators["小张"])
    page = PickupPage(ctx)
    qtbot.addWidget(page)
    return page


def test_a_hand_over_is_all_the_items_or_none(qtbot, ctx, ui_studio, ui_engine, service):
    codes = ["730000000001", "730000000002", "730000000003"]
    ui_studio.add_order("H001", codes)
    for station in ("send-out", "check-in"):
        for code in codes:
            service.scan(ui_studio.session(station), code)
    page = _pickup_page(qtbot, ctx, ui_studio)
    page.on_scanned(codes[0], "keyboard")
    qtbot.waitUntil(lambda: page.order_panel.model.rowCount() == 3, timeout=WAIT_MS)

    # Meanwhile a sorter at another PC sends the last one back for rework.
    flagged = service.apply(ui_studio.session("check-in", "王店长"), codes[2], action=_rework())
    assert flagged.outcome.value == "accepted"
    with qtbot.waitSignal(page.scan_handled, timeout=WAIT_MS):
        page.hand_over()

    assert [item_row(ui_engine, c).state for c in codes] == ["ready", "ready", "rework"]
    qtbot.waitUntil(lambda: page.panel.text().startswith("未交付"), timeout=WAIT_MS)
    pickups = [r for r in log_rows(ui_engine) if r.action == "pick_up"]
    assert [(r.code, r.outcome) for r in pickups] == [(codes[2], "refused")]


def _rework():
    from yinglou_desk.domain.states import Action

    return Action.FLAG_REWORK


def test_scans_go_on_while_an_import_is_running(qtbot, ctx, ui_studio, tmp_path, monkeypatch):
    """The import is slow to read (a big sheet); the sorter's scans must not wait for it."""
    from yinglou_desk.ui.dialogs.import_orders import ImportDialog
    from yinglou_desk.ui.stations.send_out import SendOutPage

    ui_studio.add_order("I001", ["740000000001"])
    sheet = openpyxl_xlsx(
        [["订单号", "客户姓名", "产品"], ["IM-9", "李雷", "大相册"]], tmp_path / "orders.xlsx"
    )
    ctx.set_operator(ui_studio.operators["王店长"])
    dialog = ImportDialog(ctx)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.previewed, timeout=WAIT_MS):
        dialog.choose_file(sheet)

    reading = threading.Event()
    release = threading.Event()
    real_read = importing.open_workbook

    def slow_read(path):
        reading.set()
        assert release.wait(60)
        return real_read(path)

    monkeypatch.setattr(importing, "open_workbook", slow_read)
    dialog.run_import()
    assert reading.wait(30)  # the import is running and stuck reading its sheet

    page = SendOutPage(ctx)
    qtbot.addWidget(page)
    try:
        result = scan_and_wait(qtbot, page, "740000000001", timeout=WAIT_MS)
        assert result.outcome.value == "accepted"
    finally:
        release.set()
    with qtbot.waitSignal(dialog.imported, timeout=WAIT_MS) as imported:
        pass
    assert imported.args[0].ok
