"""店铺设置 and 员工 on the desk: templates checked as typed and previewed with a real order,
a test SMS through a gateway on 127.0.0.1, staff changes with audit rows, the badge sheet
as a PDF read back (text and barcodes), and nothing of the last operator left after log-out."""

from __future__ import annotations

import subprocess
import threading

import pytest
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.services.settings.studio import current_settings
from yinglou_desk.services.staff.audit import command_line_actor
from yinglou_desk.services.staff.auth import login_by_badge, login_with_password
from yinglou_desk.services.staff.operators import add_operator
from yinglou_desk.storage.models import AuditLog, Operator

from .helpers.label_decode import decode, pdf_pages, tool
from .helpers.sms_gateway import fake_gateway

pytest_plugins = ["tests.helpers.desk_fixtures", "tests.helpers.file_dialogs"]


@pytest.fixture
def admin(ui_studio, ui_engine, clock):
    ui_studio.operators["管理员"] = add_operator(
        ui_engine, "管理员", "admin", "secret", clock=clock, actor=command_line_actor()
    )
    return ui_studio.operators["管理员"]


def _audit(engine) -> list[tuple[str, str, str]]:
    with engine.connect() as conn:
        query = select(AuditLog.operator_name, AuditLog.action, AuditLog.subject)
        return [tuple(row) for row in conn.execute(query.order_by(AuditLog.id))]


def _studio_page(qtbot, ctx, operator):
    from yinglou_desk.ui.pages.studio_settings import StudioSettingsPage

    page = StudioSettingsPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        ctx.set_operator(operator)
    return page


def test_templates_are_checked_as_typed_and_previewed_with_the_latest_ready_order(
    qtbot, ctx, ui_studio, ui_engine, clock
) -> None:
    ui_studio.add_order("SP-1", ["SP1A"], customer="欧阳娜娜", phone="13911112222")
    scan = ScanService(ui_engine, clock=clock)
    scan.scan(ui_studio.session("send-out"), "SP1A")
    scan.scan(ui_studio.session("check-in"), "SP1A")
    page = _studio_page(qtbot, ctx, ui_studio.operators["王店长"])
    assert "SP-1" in page.order_label.text()
    assert "欧阳娜娜" in page.order_label.text()
    assert "欧阳娜娜" in page.previews["ready_template"].text()
    assert page.save_button.isEnabled()

    with qtbot.waitSignal(page.checked, timeout=5000) as blocker:
        page.templates["ready_template"].setPlainText("{customer.foo}您好，{order_no}到了")
    assert blocker.args == [False]
    assert page.problems == {"ready_template": "settings.template_field"}
    said = page.notes["ready_template"].text()
    assert "{customer.foo}" in said
    assert "取件通知模板" in said
    assert "E53935" in page.notes["ready_template"].styleSheet()  # in red
    assert page.previews["ready_template"].text() == ""
    assert not page.save_button.isEnabled()
    page.save()  # refused on the page as it is refused by the service: nothing saved
    assert "customer.foo" not in current_settings(ui_engine).ready_template

    page.templates["ready_template"].setPlainText("{customer}您好，{order_no}已到店（{studio}）")
    page.edits["studio"].setText("花漾影楼")
    assert page.previews["ready_template"].text() == "欧阳娜娜您好，SP-1已到店（花漾影楼）"
    assert page.problems == {}
    assert page.save_button.isEnabled()
    with qtbot.waitSignal(page.saved, timeout=10000):
        page.save_button.click()
    saved = current_settings(ui_engine)
    assert saved.studio == "花漾影楼"
    assert saved.ready_template == "{customer}您好，{order_no}已到店（{studio}）"
    assert _audit(ui_engine)[-1] == ("王店长", "settings.change", "ready_template, studio")


def test_a_bad_header_line_or_url_is_refused_in_words(qtbot, ctx, ui_studio) -> None:
    page = _studio_page(qtbot, ctx, ui_studio.operators["王店长"])
    page.headers_edit.setPlainText("X-Api-Key k-1")
    assert page.problems == {"sms_headers": "studio_page.bad_header_line"}
    assert "X-Api-Key k-1" in page.notes["sms_headers"].text()
    page.headers_edit.setPlainText("X-Api-Key: k-1")
    page.edits["sms_url"].setText("ftp://gateway")
    assert page.problems == {"sms_url": "settings.bad_url"}
    assert not page.save_button.isEnabled()


def test_the_test_sms_goes_to_the_gateway_on_screen_and_says_what_it_answered(
    qtbot, ctx, ui_studio, ui_engine
) -> None:
    page = _studio_page(qtbot, ctx, ui_studio.operators["王店长"])
    with fake_gateway() as gateway:
        page.edits["sms_url"].setText(gateway.url)
        page.headers_edit.setPlainText("X-Api-Key: k-77")
        page.phone_edit.setText("13800001111")
        with qtbot.waitSignal(page.test_done, timeout=20000) as blocker:
            page.test_button.click()
        assert blocker.args == [True, "短信网关已接收发往 13800001111 的测试短信"]
        [request] = gateway.requests
        assert request["key"] == "k-77"
        assert request["body"]["phone"] == "13800001111"

        gateway.status = 402
        with qtbot.waitSignal(page.test_done, timeout=20000) as blocker:
            page.test_button.click()
        sent, said = blocker.args
        assert not sent
        assert "402" in said
        assert "no credit left" in said
        assert "E53935" in page.test_result.styleSheet()
    assert current_settings(ui_engine).sms_url == ""  # a test is not a save
    assert ("王店长", "sms.test", "13800001111") in _audit(ui_engine)


def test_a_test_sms_answered_after_the_operator_changed_is_not_shown_to_the_next(
    qtbot, ctx, ui_studio, ui_engine
) -> None:
    other = add_operator(ui_engine, "李店长", "manager", "1234", actor=command_line_actor())
    page = _studio_page(qtbot, ctx, ui_studio.operators["王店长"])
    with fake_gateway() as gateway:
        gateway.hold = threading.Event()
        page.edits["sms_url"].setText(gateway.url)
        page.phone_edit.setText("13800001111")
        done = []
        page.test_done.connect(lambda sent, said: done.append((sent, said)))
        page.test_button.click()
        qtbot.waitUntil(lambda: len(gateway.requests) == 1, timeout=10000)
        with qtbot.waitSignal(page.loaded, timeout=10000):
            ctx.set_operator(other)  # a badge scan switches while the gateway thinks
        gateway.hold.set()
        qtbot.waitUntil(lambda: ctx.ops.pending() == 0, timeout=20000)
    assert done == []
    assert page.test_result.text() == ""
    assert page.test_button.isEnabled()  # the new manager may test at once


def test_log_out_clears_the_settings_page_and_a_sorter_gets_nothing(qtbot, ctx, ui_studio) -> None:
    page = _studio_page(qtbot, ctx, ui_studio.operators["王店长"])
    page.phone_edit.setText("13800001111")
    assert page.edits["studio"].text()
    ctx.set_operator(None)
    assert all(not edit.text() for edit in page.edits.values())
    assert all(not edit.toPlainText() for edit in page.templates.values())
    assert all(not label.text() for label in page.previews.values())
    assert not page.phone_edit.text()
    assert not page.order_label.text()
    assert not page.save_button.isEnabled()
    assert not page.test_button.isEnabled()
    ctx.set_operator(ui_studio.operators["小李"])
    qtbot.wait(50)
    assert page.settings is None
    assert not page.edits["studio"].text()


def _staff_page(qtbot, ctx, operator):
    from yinglou_desk.ui.pages.staff import StaffPage

    page = StaffPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        ctx.set_operator(operator)
    return page


def _change(qtbot, page, action) -> None:
    with qtbot.waitSignals([page.changed, page.loaded], timeout=20000) as blocker:
        action()
    del blocker


def test_staff_add_disable_enable_reset_and_new_badge_from_the_page(
    qtbot, qtmodeltester, ctx, admin, ui_engine, dialogs
) -> None:
    page = _staff_page(qtbot, ctx, admin)
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 4
    assert page.count_label.text() == "共 4 人，在职 4 人"

    page.name_edit.setText("小周")
    page.role_box.setCurrentIndex(page.role_box.findData("desk"))
    page.password_edit.setText("1234")
    _change(qtbot, page, page.add_button.click)
    assert page.selected_name() == "小周"
    assert page.password_edit.text() == ""
    assert page.name_edit.text() == ""
    first_badge = page.model.member_named("小周").badge_code
    assert login_by_badge(ui_engine, first_badge).name == "小周"

    dialogs.answers = [True]
    _change(qtbot, page, page.disable_button.click)
    row = [page.model.row_at(r).name for r in range(page.model.rowCount())].index("小周")
    assert page.model.index(row, 2).data() == "已停用"
    assert page.enable_button.isEnabled()
    assert not page.disable_button.isEnabled()
    _change(qtbot, page, page.enable_button.click)
    assert page.model.member_named("小周").active

    page.new_password.setText("8888")
    dialogs.answers = [True]
    _change(qtbot, page, page.reset_button.click)
    assert login_with_password(ui_engine, "小周", "8888").name == "小周"
    assert page.new_password.text() == ""

    dialogs.answers = [True]
    _change(qtbot, page, page.badge_button.click)
    assert page.model.member_named("小周").badge_code != first_badge
    qtmodeltester.check(page.model)
    assert [entry for entry in _audit(ui_engine) if entry[2] == "小周"] == [
        ("管理员", "operator.add", "小周"),
        ("管理员", "operator.disable", "小周"),
        ("管理员", "operator.enable", "小周"),
        ("管理员", "operator.reset_password", "小周"),
        ("管理员", "operator.new_badge", "小周"),
    ]
    assert len(dialogs.asked) == 3


def test_the_last_admin_is_kept_and_a_manager_sees_no_staff(
    qtbot, ctx, admin, ui_studio, dialogs
) -> None:
    page = _staff_page(qtbot, ctx, admin)
    page.select("管理员")
    dialogs.answers = [True]
    with qtbot.waitSignal(page.refused, timeout=10000) as blocker:
        page.disable_button.click()
    assert "最后一位在职管理员" in blocker.args[0]
    assert "E53935" in page.status.styleSheet()

    page.reload()  # an answer on its way when the operator changes is dropped
    ctx.set_operator(ui_studio.operators["王店长"])  # switched: the list goes with her
    qtbot.waitUntil(lambda: ctx.ops.pending() == 0, timeout=10000)
    assert page.model.rowCount() == 0
    assert page.status.text() == ""
    assert not page.add_button.isEnabled()
    assert not page.pdf_button.isEnabled()


def test_the_badge_sheet_pdf_names_every_active_person_and_its_bars_read_back(
    qtbot, ctx, admin, ui_engine, dialogs, tmp_path
) -> None:
    from yinglou_desk.services.staff.operators import disable_operator

    disable_operator(ui_engine, "小张", actor=admin)
    page = _staff_page(qtbot, ctx, admin)
    target = tmp_path / "badges.pdf"
    dialogs.files = [target]
    with qtbot.waitSignal(page.sheet_done, timeout=60000) as blocker:
        page.pdf_button.click()
    assert blocker.args == [f"已导出到 {target}"]
    with ui_engine.connect() as conn:
        active = dict(
            conn.execute(
                select(Operator.name, Operator.badge_code).where(Operator.active.is_(True))
            ).all()
        )
    assert set(active) == {"小李", "王店长", "管理员"}
    text = subprocess.run(
        [tool("pdftotext"), str(target), "-"], check=True, capture_output=True, text=True
    ).stdout
    for name, badge in active.items():
        assert name in text
        assert badge in text
    assert "小张" not in text  # disabled: no badge
    codes = [code for page_image in pdf_pages(target, 300) for code in decode(page_image)]
    assert sorted(codes) == sorted(active.values())
    assert not list(tmp_path.glob(".*.tmp"))


def test_the_badge_sheet_opens_in_the_print_preview(qtbot, ctx, admin, monkeypatch) -> None:
    page = _staff_page(qtbot, ctx, admin)
    shown = []

    def preview(dialog):
        shown.append(dialog.windowTitle())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(type(page), "run_print_dialog", staticmethod(preview))
    with qtbot.waitSignal(page.sheet_done, timeout=60000) as blocker:
        page.print_button.click()
    assert blocker.args == ["未打印工牌"]
    assert shown == ["打印预览 — 影楼 员工工牌（4 人）"]


def test_the_window_shows_the_office_tabs_by_role_and_fits_a_small_screen(
    qtbot, window, admin, ui_studio
) -> None:
    from yinglou_desk.ui.main_window import PAGES

    from .helpers.desk import login

    def visible() -> set[str]:
        return {name for i, name in enumerate(PAGES) if window.tabs.isTabVisible(i)}

    login(qtbot, window, admin)
    assert {"studio", "staff"} <= visible()
    assert window.tabs.tabText(PAGES.index("studio")) == "店铺设置"
    for name in ("studio", "staff"):
        window.show_page(name)
        qtbot.waitUntil(lambda page=name: window.current_page_name() == page, timeout=5000)
        page = window.pages[name]
        assert page.minimumSizeHint().width() <= 1300
        assert page.minimumSizeHint().height() <= 600
    login(qtbot, window, ui_studio.operators["王店长"])
    assert "studio" in visible()
    assert "staff" not in visible()
    login(qtbot, window, ui_studio.operators["小李"])
    assert not {"studio", "staff"} & visible()
    assert window.pages["staff"].model.rowCount() == 0
