"""帮助 → 自检 and 关于 at the desk, logged out as well as in; the version in the title."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtGui import QGuiApplication
from sqlalchemy import create_engine

from yinglou_desk import __version__
from yinglou_desk.services.checkup import PrinterFacts, Probes, Status
from yinglou_desk.ui.dialogs import checkup as checkup_dialog

from .helpers.desk import login

pytest_plugins = ["tests.helpers.desk_fixtures"]


@pytest.fixture(autouse=True)
def this_pc(tmp_path, monkeypatch):
    """This PC's folders the test's own; its devices faked, the font missing."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    probes = Probes(
        sound_outputs=lambda: ["Speakers"],
        printers=lambda: [PrinterFacts("Label", (300,))],
        cjk_fonts=lambda: [],
    )
    monkeypatch.setattr(checkup_dialog, "desk_probes", lambda: probes)
    return probes


def test_the_title_holds_the_version(window):
    assert window.windowTitle() == f"影楼客件追踪 {__version__}"


def _run_checkup(qtbot, window):
    assert window.help_button.isVisible()
    window.checkup_action.trigger()
    dialog = window.checkup_dialog
    qtbot.waitUntil(lambda: bool(dialog.checks), timeout=20000)
    return dialog


def test_the_self_check_opens_logged_out_and_shows_each_line_with_advice(qtbot, window):
    assert window.current_page_name() == "login"
    dialog = _run_checkup(qtbot, window)
    assert dialog.isVisible()
    shown = dialog.view.toPlainText()
    found = {c.key: c for c in dialog.checks}
    assert found["database"].status is Status.OK
    assert found["font"].status is Status.FAIL
    assert "正常" in shown
    assert "故障" in shown
    assert "中文字体" in shown
    assert "处理办法：Linux：安装 文泉驿微米黑" in shown  # the advice under the failure
    assert "1 项故障" in dialog.status.text()
    html = dialog.view.toHtml().lower()
    assert "#e53935" in html  # the fault in red, beside its word

    dialog.copy()
    pasted = QGuiApplication.clipboard().text()
    assert pasted.startswith(f"影楼客件追踪 {__version__} 自检")
    assert "✘ 故障　中文字体：没有找到中文字体" in pasted
    assert "    处理办法：" in pasted


def test_checking_again_gives_a_fresh_list(qtbot, window, this_pc, monkeypatch):
    dialog = _run_checkup(qtbot, window)
    fixed = replace(this_pc, cjk_fonts=lambda: ["WenQuanYi Micro Hei"])
    monkeypatch.setattr(dialog, "_probes", lambda: fixed)
    with qtbot.waitSignal(dialog.finished_checks, timeout=20000) as blocker:
        dialog.again_button.click()
    font = next(c for c in blocker.args[0] if c.key == "font")
    assert font.status is Status.OK
    assert "故障" not in dialog.view.toPlainText()


def test_about_shows_the_version_and_hides_the_database_password(
    qtbot, window, ui_studio, monkeypatch
):
    login(qtbot, window, ui_studio.operators["小李"])
    window.ctx.stop()  # nothing else reads the database from here on
    server = create_engine("postgresql+psycopg://studio:secret@server:5432/studio")
    monkeypatch.setattr(window.ctx, "engine", server)  # never connected: About only names it
    assert window.help_button.isVisible()
    window.about_action.trigger()
    about = window.about_dialog
    assert about.isVisible()
    assert f"版本 {__version__}" in about.lines
    assert "数据库：postgresql+psycopg://studio:***@server:5432/studio" in about.lines
    assert not any("secret" in line for line in about.lines)
    assert "许可协议：MIT" in about.lines


def test_the_dialogs_fit_a_small_screen(qtbot, window):
    dialog = _run_checkup(qtbot, window)
    room = dialog.screen().availableGeometry()
    assert dialog.width() <= room.width()
    assert dialog.height() <= room.height()
    window.about_action.trigger()
    assert window.about_dialog.width() <= room.width()
