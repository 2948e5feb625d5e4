"""The desk's 盘点 page, offscreen: slot label then items typed into the window's scan
field (real key events), 完成盘点, the findings in colour and words, saved and exported."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog

from yinglou_desk.domain.palette import STATE_COLOURS
from yinglou_desk.domain.shelf_audit import FindingKind, StepKind
from yinglou_desk.services.shelf.audit import audits

from .helpers.desk import item_row, login

pytest_plugins = ["tests.helpers.desk_fixtures", "tests.helpers.file_dialogs"]


def _shelf(ui_studio, service):
    ui_studio.add_order("S001", ["200000000001", "200000000002"])
    ui_studio.add_order("S002", ["200000000003"], customer="李雷", phone="13900139000")
    ui_studio.add_order("S003", ["200000000004"], customer="韩梅梅", phone="13700137000")
    for code in ("200000000001", "200000000002", "200000000003", "200000000004"):
        service.scan(ui_studio.session("send-out"), code)
        service.scan(ui_studio.session("check-in"), code)
    service.scan(ui_studio.session("pickup", "小张"), "200000000004")


def _type_scan(qtbot, window, page, code):
    with qtbot.waitSignal(page.scan_handled, timeout=10000) as blocker:
        qtbot.keyClicks(window.scan_field, code)
        qtbot.keyClick(window.scan_field, Qt.Key.Key_Return)
    return blocker.args[0]


def _cell(model, row, column, role=Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(row, model.columns.index(column), QModelIndex()), role)


def test_a_sorter_audits_a_slot_with_key_events_and_sees_the_findings(
    qtbot, window, ui_studio, service, ui_engine, tmp_path
):
    _shelf(ui_studio, service)
    login(qtbot, window, ui_studio.operators["小李"])
    window.show_page("shelf-audit")
    assert window.current_page_name() == "shelf-audit"
    page = window.shelf_audit_page

    assert _type_scan(qtbot, window, page, "200000000001").kind is StepKind.NO_SLOT
    assert page.panel.colour_key == "problem"
    assert _type_scan(qtbot, window, page, "SL-A-01").kind is StepKind.SLOT
    assert "A-01" in page.panel.headline()
    for code in ("200000000001", "200000000003", "200000000004"):
        assert _type_scan(qtbot, window, page, code).kind is StepKind.ITEM
    assert _type_scan(qtbot, window, page, "200000000001").kind is StepKind.REPEAT
    assert page.slot_model.rowCount() == 1
    assert page.slot_model.item(0).text().startswith("A-01：3 件")

    with qtbot.waitSignal(page.audit_shown, timeout=10000) as shown:
        page.finish_button.click()
    report = shown.args[0]
    model = page.model
    kinds = [model.row_at(r).kind for r in range(model.rowCount())]
    assert kinds == [
        FindingKind.MISSING,
        FindingKind.MISPLACED,
        FindingKind.STALE,
        FindingKind.FOUND,
    ]
    assert _cell(model, 0, "kind") == "缺失"
    assert _cell(model, 0, "customer") == "张小梅"
    assert _cell(model, 0, "value") == "100.00"
    assert _cell(model, 1, "what") == "在 A-01，应放 A-02"
    red, orange = STATE_COLOURS["problem"][0], STATE_COLOURS["overdue"][0]
    assert _cell(model, 0, "kind", Qt.ItemDataRole.BackgroundRole) == QColor(red)
    assert _cell(model, 1, "kind", Qt.ItemDataRole.BackgroundRole) == QColor(orange)
    assert _cell(model, 3, "kind", Qt.ItemDataRole.BackgroundRole) == QColor(
        STATE_COLOURS["ready"][0]
    )
    assert [a.id for a in audits(ui_engine)] == [report.summary.id]
    assert report.summary.operator_name == "小李"
    assert report.summary.workstation == "desk-test"
    qtbot.waitUntil(lambda: page.saved_box.count() == 1, timeout=10000)
    assert page.slot_model.rowCount() == 0  # the next audit starts afresh

    # "move it here": A-01 is S001's slot, so S002's item cannot be recorded there
    assert not page.move_button.isEnabled()  # nothing chosen yet
    page.table.selectRow(0)
    assert not page.move_button.isEnabled()  # a missing item cannot be recorded anywhere
    page.table.selectRow(1)
    assert page.move_button.isEnabled()
    with qtbot.waitSignal(page.done, timeout=10000) as refused:
        page.move_button.click()
    assert "S001" in refused.args[0]
    assert item_row(ui_engine, "200000000003").shelf_slot == "A-02"
    # found on a free slot, it is recorded where it is
    _type_scan(qtbot, window, page, "SL-C-01")
    _type_scan(qtbot, window, page, "200000000003")
    with qtbot.waitSignal(page.audit_shown, timeout=10000):
        page.finish_button.click()
    assert [page.model.row_at(r).kind for r in range(page.model.rowCount())] == [
        FindingKind.MISPLACED
    ]
    page.table.selectRow(0)
    with qtbot.waitSignal(page.done, timeout=10000) as moved:
        page.move_button.click()
    assert "C-01" in moved.args[0]
    assert item_row(ui_engine, "200000000003").shelf_slot == "C-01"
    # the audit on screen is read again: it shows the item where it is now
    qtbot.waitUntil(lambda: page.model.row_at(0).code == "200000000003", timeout=10000)

    with qtbot.waitSignal(page.done, timeout=10000) as exported:
        page.export(tmp_path / "audit.xlsx")
    assert (tmp_path / "audit.xlsx").exists()
    assert "audit.xlsx" in exported.args[0]


def test_a_whole_shelf_audit_and_log_out_forgets_an_unfinished_walk(
    qtbot, window, ui_studio, service
):
    _shelf(ui_studio, service)
    login(qtbot, window, ui_studio.operators["小李"])
    window.show_page("shelf-audit")
    page = window.shelf_audit_page
    _type_scan(qtbot, window, page, "SL-A-02")
    _type_scan(qtbot, window, page, "200000000003")
    page.scope_box.setCurrentIndex(page.scope_box.count() - 1)  # the whole shelf
    with qtbot.waitSignal(page.audit_shown, timeout=10000) as shown:
        page.finish_button.click()
    summary = shown.args[0].summary
    assert (summary.scope, summary.missing) == ("*", 2)  # A-01's two items

    _type_scan(qtbot, window, page, "SL-B-01")
    assert page.scans.slots
    window.logout()
    assert not page.scans.slots
    assert page.model.rowCount() == 0


def test_nothing_scanned_is_said_on_the_page(qtbot, window, ui_studio):
    login(qtbot, window, ui_studio.operators["小李"])
    window.show_page("shelf-audit")
    page = window.shelf_audit_page
    with qtbot.waitSignal(page.done, timeout=10000) as said:
        page.finish_button.click()
    assert "请先扫描货架位标签" in said.args[0]
    assert page.panel.colour_key == "problem"


def test_slot_labels_go_through_the_print_preview(qtbot, window, ui_studio, monkeypatch):
    login(qtbot, window, ui_studio.operators["小李"])
    window.show_page("shelf-audit")
    page = window.shelf_audit_page
    monkeypatch.setattr("yinglou_desk.ui.pages.shelf_audit.default_label_printer", lambda: None)
    previews = []

    def closed(dialog):
        previews.append(dialog.windowTitle())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(type(page), "run_print_dialog", staticmethod(closed))
    page.range_edit.setText("A-19..A-20")
    with qtbot.waitSignal(page.done, timeout=10000) as said:
        page.labels_button.click()
    assert said.args[0] == "货架位标签未打印"
    assert "A-19" in previews[0]
    page.range_edit.setText("A-20..A-19")
    with qtbot.waitSignal(page.done, timeout=10000) as refused:
        page.labels_button.click()
    assert "A-19..A-20" in refused.args[0]


def test_at_check_in_a_slot_label_chooses_the_slot_for_the_items_after_it(
    qtbot, window, ui_studio, service, ui_engine
):
    ui_studio.add_order("S001", ["200000000001", "200000000002"])
    for code in ("200000000001", "200000000002"):
        service.scan(ui_studio.session("send-out"), code)
    service.scan(ui_studio.session("check-in"), "200000000001")
    assert item_row(ui_engine, "200000000001").shelf_slot == "A-01"
    login(qtbot, window, ui_studio.operators["小李"])
    window.show_page("check-in")
    page = window.check_in_page

    with qtbot.waitSignal(page.slot_armed, timeout=10000):
        qtbot.keyClicks(window.scan_field, "SL-B-03")
        qtbot.keyClick(window.scan_field, Qt.Key.Key_Return)
    assert page.armed_label.isVisible()
    assert page.armed_label.text().startswith("放入 B-03")
    assert page.panel.colour_key == "overdue"

    for code in ("200000000001", "200000000002"):  # one on the shelf, one from the lab
        with qtbot.waitSignal(page.scan_handled, timeout=10000) as handled:
            qtbot.keyClicks(window.scan_field, code)
            qtbot.keyClick(window.scan_field, Qt.Key.Key_Return)
        assert handled.args[0].outcome.value == "accepted"
        assert item_row(ui_engine, code).shelf_slot == "B-03"
        assert item_row(ui_engine, code).state == "ready"
    assert page.slot_label.text() == "请放入货架位 B-03"
    assert page.armed_slot == "B-03"  # still chosen for the next item

    page.disarm_button.click()
    assert page.armed_slot is None
    assert not page.armed_label.isVisible()
    page.arm("C-01")
    window.logout()
    assert page.armed_slot is None  # the next person starts with the usual rule
