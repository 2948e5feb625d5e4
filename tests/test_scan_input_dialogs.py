"""Typing into a dialog is typing, never a scan; after a dialog closes, focus is back in
the scan field (:mod:`yinglou_desk.ui.scanning.input`, :mod:`~.focus_keeper`).

Offscreen with ``QTest`` keys at scanner speed (2 ms a key); the same on a real X
server with real keys is in ``test_desk_focus_xwindow.py``.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from yinglou_desk.ui.scanning.focus_keeper import FocusKeeper
from yinglou_desk.ui.scanning.input import ScanInputFilter, typing_into_a_dialog

SCANNER_MS = 2
SETTLE_MS = 300


class Desk(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.scan_field = QLineEdit(self)
        self.button = QPushButton("settings", self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scan_field)
        layout.addWidget(self.button)


@pytest.fixture
def desk(qtbot):
    desk = Desk()
    qtbot.addWidget(desk)
    desk.show()
    desk.activateWindow()
    qtbot.waitExposed(desk)
    desk.scan_field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is desk.scan_field)
    return desk


@pytest.fixture
def wedge(qapp):
    scan_filter = ScanInputFilter()
    scan_filter.install(qapp)
    scans: list[str] = []
    scan_filter.scanned.connect(lambda code, _source: scans.append(code))
    scan_filter.scans = scans  # type: ignore[attr-defined]
    yield scan_filter
    scan_filter.uninstall()


def _fast(widget: QWidget, text: str) -> None:
    QTest.keyClicks(widget, text, Qt.KeyboardModifier.NoModifier, SCANNER_MS)


@pytest.mark.qt_log_ignore("^This plugin does not support grabbing the keyboard$")  # offscreen
def test_a_path_typed_fast_into_the_file_dialog_stays_there(qtbot, desk, wedge, tmp_path):
    dialog = QFileDialog(desk, "open", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    name = dialog.findChild(QLineEdit, "fileNameEdit")
    name.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is name)
    assert typing_into_a_dialog(dialog.findChildren(QWidget)[0])  # anything in it
    typed = str(tmp_path / "statement")
    with qtbot.waitSignal(dialog.fileSelected, timeout=10_000) as chosen:
        _fast(name, typed)
        QTest.keyClick(name, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, SCANNER_MS)
    assert chosen.args == [typed]  # the dialog got every key, Return included
    qtbot.wait(SETTLE_MS)
    assert wedge.scans == []


def test_a_phone_typed_fast_into_a_dialog_field_is_not_a_scan(qtbot, desk, wedge):
    dialog = QDialog(desk)
    field = QLineEdit(dialog)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    _fast(field, "13800001111")
    QTest.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, SCANNER_MS)
    qtbot.wait(SETTLE_MS)
    assert wedge.scans == []
    assert field.text() == "13800001111"


def test_a_scan_at_a_question_without_a_text_field_is_still_caught(qtbot, desk, wedge):
    dialog = QDialog(desk)
    button = QPushButton("no", dialog)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    button.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is button)
    with qtbot.waitSignal(wedge.scanned, timeout=10_000):
        _fast(button, "950000000001")
        QTest.keyClick(button, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, SCANNER_MS)
    assert wedge.scans == ["950000000001"]
    assert dialog.isVisible()  # its Enter did not answer the question


def test_the_scan_field_has_focus_again_after_a_dialog_closes(qtbot, desk):
    keeper = FocusKeeper(desk, desk.scan_field)
    desk.button.setFocus()  # what opened the dialog; Qt would give focus back to it
    dialog = QDialog(desk)
    field = QLineEdit(dialog)
    qtbot.addWidget(dialog)
    QTimer.singleShot(0, field.setFocus)
    QTimer.singleShot(200, dialog.reject)
    dialog.exec()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is desk.scan_field, timeout=5000)
    keeper.uninstall()


def test_a_dialog_over_a_dialog_keeps_the_first_one_in_charge(qtbot, desk):
    keeper = FocusKeeper(desk, desk.scan_field)
    outer = QDialog(desk)
    outer_field = QLineEdit(outer)
    qtbot.addWidget(outer)
    outer.open()
    qtbot.waitExposed(outer)
    outer.activateWindow()
    outer_field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is outer_field)
    inner = QDialog(outer)
    QPushButton("ok", inner)
    qtbot.addWidget(inner)
    QTimer.singleShot(200, inner.reject)
    inner.exec()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is outer_field)
    qtbot.wait(100)
    assert QApplication.focusWidget() is outer_field  # not taken away to the desk
    outer.reject()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is desk.scan_field, timeout=5000)
    keeper.uninstall()
