"""The wedge filter in a real Qt event loop: real key events with real timing.

Keys are sent with ``QTest`` to a small window with two line edits. Scanner
speed is a key every 2 ms (QTest waits with the event loop running), a
person one every 150 ms; the filter's default gap is 50 ms. The filter
stamps keys with ``time.monotonic()`` as they reach it (QTest events carry
no timestamp), so these tests exercise exactly what runs on the desk.
Nothing asserts a duration; waits are generous.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from yinglou_desk.devices.wedge import WedgeConfig
from yinglou_desk.ui.scanning.input import (
    IME_ALLOWED_PROPERTY,
    ScanInputFilter,
    bypass_input_method,
)

SCANNER_MS = 2
HUMAN_MS = 150
SETTLE_MS = 300  # longer than any hold: what is still held by now never comes out
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


class ScanWindow(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.search = QLineEdit(self)
        self.note = QLineEdit(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.note)
        self.returns: list[str] = []
        self.search.returnPressed.connect(lambda: self.returns.append(self.search.text()))


@pytest.fixture
def window(qtbot):
    window = ScanWindow()
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    window.search.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search)
    return window


@pytest.fixture
def wedge(qapp):
    scan_filter = ScanInputFilter()
    scan_filter.install(qapp)
    scans: list[tuple[str, str]] = []
    scan_filter.scanned.connect(lambda code, source: scans.append((code, source)))
    scan_filter.scans = scans  # type: ignore[attr-defined]
    yield scan_filter
    scan_filter.uninstall()


def scanner_types(widget: QWidget, code: str, end: Qt.Key = Qt.Key.Key_Return) -> None:
    QTest.keyClicks(widget, code, NO_MODIFIER, SCANNER_MS)
    QTest.keyClick(widget, end, NO_MODIFIER, SCANNER_MS)


def person_types(widget: QWidget, text: str) -> None:
    QTest.keyClicks(widget, text, NO_MODIFIER, HUMAN_MS)


def test_a_scan_is_caught_and_leaves_no_text_in_the_focused_field(qtbot, window, wedge):
    with qtbot.waitSignal(wedge.scanned, timeout=10_000) as signal:
        scanner_types(window.search, "100000000001")
    assert signal.args == ["100000000001", "wedge"]
    qtbot.wait(SETTLE_MS)
    assert window.search.text() == ""
    assert window.returns == []  # the scan's Enter did not submit the field
    assert wedge.scans == [("100000000001", "wedge")]


def test_typing_at_human_speed_ends_up_in_the_field(qtbot, window, wedge):
    person_types(window.search, "zhang 8000")
    QTest.keyClick(window.search, Qt.Key.Key_Return, NO_MODIFIER, HUMAN_MS)
    qtbot.waitUntil(lambda: window.returns == ["zhang 8000"], timeout=10_000)
    assert window.search.text() == "zhang 8000"
    assert wedge.scans == []


def test_editing_keys_still_work_while_typing(qtbot, window, wedge):
    person_types(window.search, "abc")
    QTest.keyClick(window.search, Qt.Key.Key_Backspace, NO_MODIFIER, HUMAN_MS)
    QTest.keyClick(window.search, Qt.Key.Key_Left, NO_MODIFIER, HUMAN_MS)
    person_types(window.search, "x")
    qtbot.waitUntil(lambda: window.search.text() == "axb", timeout=10_000)
    assert wedge.scans == []


def test_a_scan_in_the_middle_of_typing_is_caught_and_the_typing_kept(qtbot, window, wedge):
    person_types(window.search, "13")
    with qtbot.waitSignal(wedge.scanned, timeout=10_000) as signal:
        scanner_types(window.search, "100000000002")
    person_types(window.search, "8")
    qtbot.waitUntil(lambda: window.search.text() == "138", timeout=10_000)
    assert signal.args[0] == "100000000002"
    assert len(wedge.scans) == 1


def test_a_scan_is_caught_wherever_focus_is(qtbot, window, wedge):
    window.note.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.note)
    person_types(window.note, "ok")
    with qtbot.waitSignal(wedge.scanned, timeout=10_000):
        scanner_types(window.note, "100000000003")
    qtbot.wait(SETTLE_MS)
    assert window.note.text() == "ok"
    assert window.search.text() == ""


def test_a_tab_terminated_scan_does_not_move_focus(qtbot, window, wedge):
    with qtbot.waitSignal(wedge.scanned, timeout=10_000) as signal:
        scanner_types(window.search, "100000000004", end=Qt.Key.Key_Tab)
    qtbot.wait(SETTLE_MS)
    assert signal.args[0] == "100000000004"
    assert QApplication.focusWidget() is window.search
    assert window.search.text() == ""


@pytest.mark.usefixtures("wedge")
def test_a_typed_tab_still_moves_focus(qtbot, window):
    person_types(window.search, "ab")
    QTest.keyClick(window.search, Qt.Key.Key_Tab, NO_MODIFIER, HUMAN_MS)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.note, timeout=10_000)
    assert window.search.text() == "ab"


def test_a_fast_burst_too_short_for_a_code_is_typing(qtbot, window, wedge):
    scanner_types(window.search, "12")
    qtbot.waitUntil(lambda: window.returns == ["12"], timeout=10_000)
    assert wedge.scans == []


def test_shift_pressed_by_the_scanner_for_capitals_does_not_break_the_scan(qtbot, window, wedge):
    with qtbot.waitSignal(wedge.scanned, timeout=10_000) as signal:
        for ch in "SB-ab12":
            if ch.isupper():
                QTest.keyPress(window.search, Qt.Key.Key_Shift, NO_MODIFIER, SCANNER_MS)
                QTest.keyClick(window.search, ch, Qt.KeyboardModifier.ShiftModifier, SCANNER_MS)
                QTest.keyRelease(
                    window.search, Qt.Key.Key_Shift, Qt.KeyboardModifier.ShiftModifier, SCANNER_MS
                )
            else:
                QTest.keyClick(window.search, ch, NO_MODIFIER, SCANNER_MS)
        QTest.keyClick(window.search, Qt.Key.Key_Return, NO_MODIFIER, SCANNER_MS)
    assert signal.args[0] == "SB-AB12"
    qtbot.wait(SETTLE_MS)
    assert window.search.text() == ""


def test_presses_flagged_auto_repeat_still_make_a_scan(qtbot, window, wedge):
    # X11 flags a press as auto-repeat when it shares its millisecond with the
    # release of the same key: a scanner typing "000" does exactly that.
    with qtbot.waitSignal(wedge.scanned, timeout=10_000) as signal:
        for i, ch in enumerate("1000001"):
            key = getattr(Qt.Key, f"Key_{ch}")
            event = QKeyEvent(QEvent.Type.KeyPress, key, NO_MODIFIER, ch, i in (2, 3, 4))
            QApplication.sendEvent(window.search, event)
            QTest.qWait(SCANNER_MS)
        QTest.keyClick(window.search, Qt.Key.Key_Return, NO_MODIFIER, SCANNER_MS)
    assert signal.args[0] == "1000001"
    qtbot.wait(SETTLE_MS)
    assert window.search.text() == ""


def _commit(widget: QWidget, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_full_width_characters_committed_by_an_input_method_are_a_scan(qtbot, window, wedge):
    with qtbot.waitSignal(wedge.scanned, timeout=10_000) as signal:
        for ch in "１２３ＡＢ－９":
            _commit(window.search, ch)
            QTest.qWait(SCANNER_MS)
        QTest.keyClick(window.search, Qt.Key.Key_Return, NO_MODIFIER, SCANNER_MS)
    assert signal.args[0] == "123AB-9"
    qtbot.wait(SETTLE_MS)
    assert window.search.text() == ""


def test_chinese_typed_through_an_input_method_reaches_the_field(qtbot, window, wedge):
    for word in ("张", "小梅"):
        _commit(window.search, word)
        QTest.qWait(HUMAN_MS)
    qtbot.waitUntil(lambda: window.search.text() == "张小梅", timeout=10_000)
    assert wedge.scans == []


def test_switched_off_the_filter_lets_a_scan_through_as_text(qtbot, window, wedge):
    wedge.set_enabled(False)
    scanner_types(window.search, "100000000005")
    qtbot.wait(SETTLE_MS)
    assert window.search.text() == "100000000005"
    assert wedge.scans == []
    wedge.set_enabled(True)
    with qtbot.waitSignal(wedge.scanned, timeout=10_000):
        scanner_types(window.search, "100000000006")


def test_switching_off_gives_back_what_was_held(window, wedge):
    QTest.keyClick(window.search, "7", NO_MODIFIER)
    assert window.search.text() == ""  # held: it might be a scan
    wedge.set_enabled(False)
    assert window.search.text() == "7"


def test_a_configured_prefix_is_stripped(qtbot, window, qapp):
    scan_filter = ScanInputFilter(WedgeConfig(prefix="~"), source="wedge:desk")
    scan_filter.install(qapp)
    try:
        with qtbot.waitSignal(scan_filter.scanned, timeout=10_000) as signal:
            scanner_types(window.search, "~100000000007")
    finally:
        scan_filter.uninstall()
    assert signal.args == ["100000000007", "wedge:desk"]


def test_bypass_input_method_keeps_the_ime_off_the_scan_fields(window):
    window.note.setProperty(IME_ALLOWED_PROPERTY, True)  # a name box needs Chinese
    bypass_input_method(window)
    assert not window.search.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    assert window.search.inputMethodHints() & Qt.InputMethodHint.ImhLatinOnly
    assert window.note.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    assert not window.note.inputMethodHints() & Qt.InputMethodHint.ImhLatinOnly
