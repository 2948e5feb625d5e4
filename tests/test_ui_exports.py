"""Board and 查件 to .xlsx as shown, and the send-out batch's manifest printed or saved as PDF."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from yinglou_desk.services.scanning.service import ScanService

pytest_plugins = ["tests.helpers.desk_fixtures", "tests.helpers.file_dialogs"]

_H = Qt.Orientation.Horizontal


def _shown(model):
    header = tuple(model.headerData(c, _H) for c in range(model.columnCount()))
    rows = [
        tuple(model.index(r, c).data() for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]
    return header, rows


def test_the_board_exports_the_filtered_list_as_shown(
    qtbot, ctx, ui_studio, ui_engine, clock, dialogs, tmp_path
):
    from yinglou_desk.ui.pages.board import BoardPage

    service = ScanService(ui_engine, clock=clock)
    for n in range(1, 5):
        ui_studio.add_order(f"B-{n}", [f"94000000000{n}"], customer=f"客户{n}")
        clock.advance(minutes=1)
    for n in (1, 2, 3):
        service.scan(ui_studio.session("send-out"), f"94000000000{n}")
    ctx.set_operator(ui_studio.operators["王店长"])
    page = BoardPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.progress_box.setCurrentIndex(page.progress_box.findData("in_production"))
    qtbot.waitUntil(lambda: page.model.total == 3 and page.model.rowCount() == 3, timeout=10000)
    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # order number, A→Z
    qtbot.waitUntil(
        lambda: page.model.rowCount() == 3 and page.model.row_at(0).order_no == "B-1",
        timeout=10000,
    )
    header, rows = _shown(page.model)
    dialogs.files.append(tmp_path / "board.xlsx")
    with qtbot.waitSignal(page.exported, timeout=10000):
        page.export_button.click()
    assert dialogs.file_questions[0][1] == "看板-2026-03-02.xlsx"
    sheet = list(load_workbook(tmp_path / "board.xlsx").active.iter_rows(values_only=True))
    assert sheet[0] == header
    assert [r[0] for r in sheet[1:]] == ["B-1", "B-2", "B-3"]  # filter and sort as on screen
    progress = header.index("进度")
    assert [r[progress] for r in sheet[1:]] == [r[progress] for r in rows]
    assert sheet[1][header.index("承诺取件")] is None
    assert sheet[1][header.index("最早回件")].date().isoformat() == "2026-03-12"


def test_query_results_export_as_shown(qtbot, ctx, ui_studio, dialogs, tmp_path):
    from yinglou_desk.ui.pages.query import QueryPage

    ui_studio.add_order("Q-1", ["941000000001", "941000000002"])
    ctx.set_operator(ui_studio.operators["王店长"])
    page = QueryPage(ctx)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.searched, timeout=10000):
        page.look_up("8000")
    header, rows = _shown(page.order_panel.model)
    dialogs.files.append(tmp_path / "query.xlsx")
    with qtbot.waitSignal(page.exported, timeout=10000):
        page.export_button.click()
    sheet = list(load_workbook(tmp_path / "query.xlsx").active.iter_rows(values_only=True))
    assert sheet[0] == header
    assert [tuple(v or "" for v in r) for r in sheet[1:]] == [
        tuple(v or "" for v in r) for r in rows
    ]
    assert len(sheet) == 3


def test_exports_are_for_managers(qtbot, ctx, ui_studio):
    from yinglou_desk.ui.pages.board import BoardPage
    from yinglou_desk.ui.pages.query import QueryPage

    board, query = BoardPage(ctx), QueryPage(ctx)
    for widget in (board, query):
        qtbot.addWidget(widget)
        widget.show()
    ctx.set_operator(ui_studio.operators["小张"])
    assert not board.export_button.isVisible()
    assert not query.export_button.isVisible()
    assert board.import_button.isVisible()  # the front desk imports orders
    ctx.set_operator(ui_studio.operators["小李"])
    assert not board.import_button.isVisible()


def _send_out(qtbot, ctx, ui_studio):
    from yinglou_desk.ui.stations.send_out import SendOutPage

    from .helpers.desk import scan_and_wait

    ui_studio.add_order("M-1", ["942000000001", "942000000002"])
    ctx.set_operator(ui_studio.operators["小李"])
    page = SendOutPage(ctx)
    qtbot.addWidget(page)
    page.show()
    return page, lambda code: scan_and_wait(qtbot, page, code)


def test_the_manifest_prints_through_the_preview(qtbot, ctx, ui_studio, monkeypatch):
    page, scan = _send_out(qtbot, ctx, ui_studio)
    with qtbot.waitSignal(page.manifest_done, timeout=10000) as blocker:
        page.print_button.click()
    assert blocker.args[0] == "本批还没有发出的货品，没有发件单"

    scan("942000000001")
    scan("942000000002")
    shown = []

    def preview(dialog):
        shown.append(dialog.windowTitle())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(type(page), "run_print_dialog", staticmethod(preview))
    with qtbot.waitSignal(page.manifest_done, timeout=30000) as blocker:
        page.print_button.click()
    assert blocker.args[0] == "未打印发件单"
    from yinglou_desk.services.labels.manifests import batch_codes

    [code] = batch_codes(ctx.engine, sorted(page.session.batch_ids.values()))
    assert shown == [f"打印预览 — 发件单 {code}"]

    monkeypatch.setattr(type(page), "run_print_dialog", staticmethod(lambda _dialog: 1))
    with qtbot.waitSignal(page.manifest_done, timeout=30000) as blocker:
        page.print_button.click()
    assert blocker.args[0] == "发件单已送去打印"


def test_the_manifest_saves_as_pdf(qtbot, ctx, ui_studio, dialogs, tmp_path):
    page, scan = _send_out(qtbot, ctx, ui_studio)
    scan("942000000001")
    dialogs.files.append(tmp_path / "manifest")
    with qtbot.waitSignal(page.manifest_done, timeout=30000) as blocker:
        page.pdf_button.click()
    written = tmp_path / "manifest.pdf"
    assert blocker.args[0] == f"已导出到 {written}"
    data = written.read_bytes()
    assert data.startswith(b"%PDF")
    assert data.count(b"/Type /Page") - data.count(b"/Type /Pages") == 1


def test_labels_of_the_orders_shown_print_and_decode(qtbot, ctx, ui_studio, monkeypatch, tmp_path):
    from PySide6.QtPrintSupport import QPrinter
    from sqlalchemy import select

    from yinglou_desk.storage.models import Item
    from yinglou_desk.ui.pages.query import QueryPage

    from .helpers.label_decode import decode_pdf

    ui_studio.add_order("L-1", ["943000000001", "943000000002"])
    ui_studio.add_order("L-2", ["943000000003"], customer="李雷", phone="13900009999")
    ctx.set_operator(ui_studio.operators["小张"])
    page = QueryPage(ctx)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.searched, timeout=10000):
        page.look_up("L-1")
    pdf = tmp_path / "printed.pdf"

    def preview(dialog) -> int:  # "print" from the preview into a PDF file
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(pdf))
        dialog.paintRequested.emit(printer)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(type(page), "run_print_dialog", staticmethod(preview))
    with qtbot.waitSignal(page.labels_done, timeout=60000) as blocker:
        page.label_button.click()
    assert blocker.args[0] == "已打印 2 张标签"
    assert decode_pdf(pdf, 300) == [["943000000001"], ["943000000002"]]  # one label a page
    with ctx.engine.connect() as conn:
        labelled = dict(conn.execute(select(Item.code, Item.labelled_at.is_not(None))).all())
    assert labelled == {"943000000001": True, "943000000002": True, "943000000003": False}

    monkeypatch.setattr(type(page), "run_print_dialog", staticmethod(lambda _dialog: 0))
    with qtbot.waitSignal(page.labels_done, timeout=60000) as blocker:
        page.unlabelled_button.click()  # only L-2's label is left; closing prints nothing
    assert blocker.args[0] == "已取消打印标签"
    with ctx.engine.connect() as conn:
        assert (
            conn.execute(select(Item.labelled_at).where(Item.code == "943000000003")).scalar()
            is None
        )


def test_a_station_label_printer_prints_without_a_dialog(qtbot, ctx, ui_studio, monkeypatch):
    from yinglou_desk.ui.pages.query import QueryPage

    ui_studio.add_order("L-9", ["944000000001"])
    ctx.set_operator(ui_studio.operators["小张"])
    page = QueryPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.searched, timeout=10000):
        page.look_up("L-9")
    monkeypatch.setattr(
        type(page), "run_print_dialog", staticmethod(lambda _dialog: pytest.fail("dialog"))
    )
    monkeypatch.setenv("YINGLOU_LABEL_PRINTER", "斑马标签机")  # not installed on this machine
    with qtbot.waitSignal(page.labels_done, timeout=60000) as blocker:
        page.label_button.click()
    assert "斑马标签机" in blocker.args[0]  # the printer is named in the refusal, no dialog
