"""One language at a time on the desk: every page, dialog and notice in Chinese, or all in
English with ``YINGLOU_LANG=en`` — never "中文 / English" side by side."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QWidget,
)

pytest_plugins = ["tests.helpers.desk_fixtures"]

HAN = re.compile(r"[\u4e00-\u9fff]")


def _words(root: QWidget, skip: tuple[QWidget, ...] = ()) -> Iterator[str]:
    """Everything a person can read on ``root`` and its children (not the data they show)."""
    for widget in [root, *root.findChildren(QWidget)]:
        if widget in skip:
            continue
        if widget.isWindow():
            yield widget.windowTitle()
        if isinstance(widget, QLabel | QAbstractButton):
            yield widget.text()
        if isinstance(widget, QGroupBox):
            yield widget.title()
        if isinstance(widget, QLineEdit):
            yield widget.placeholderText()
        if isinstance(widget, QComboBox):
            yield from (widget.itemText(i) for i in range(widget.count()))
        if isinstance(widget, QTabWidget):
            yield from (widget.tabText(i) for i in range(widget.count()))
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for column in range(model.columnCount()):
                yield str(model.headerData(column, Qt.Orientation.Horizontal) or "")


def _check(lang: str, words: list[str]) -> None:
    said = "\n".join(word for word in words if word)
    if lang == "en":
        assert not HAN.search(said), [w for w in words if HAN.search(w)]
    else:
        assert HAN.search(said)
        assert " / " not in said, [w for w in words if " / " in w]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_window_speaks_one_language(
    lang, qtbot, qapp, ui_engine, clock, dialogs, monkeypatch, tmp_path
):
    monkeypatch.setenv("YINGLOU_LANG", lang)
    from yinglou_desk.ui.qt_language import speak_the_program_language

    speak_the_program_language(qapp)  # Qt's own words (Save, Cancel) too, as the desk starts
    from yinglou_desk.services.staff.audit import command_line_actor
    from yinglou_desk.services.staff.operators import add_operator
    from yinglou_desk.ui.context import DeskContext
    from yinglou_desk.ui.dialogs.import_orders import ImportDialog
    from yinglou_desk.ui.main_window import MainWindow
    from yinglou_desk.ui.printing.printer import PrintError, PrintJob, printer_named

    operator = add_operator(ui_engine, "Ann", "manager", "1234", actor=command_line_actor())
    ctx = DeskContext(ui_engine, clock=clock, dialogs=dialogs, workstation="desk-test")
    try:
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.pc_settings_path = tmp_path / "this-pc.json"
        window.show()
        words = list(_words(window))  # the login screen
        window.login_page.logged_in.emit(operator)
        qtbot.waitUntil(lambda: ctx.ops.pending() == 0, timeout=10000)
        previews = tuple(window.pages["studio"].previews.values())  # type: ignore[attr-defined]
        words += _words(window, skip=previews)  # every page; not the studio's own messages
        settings = window.pc_settings_dialog()
        qtbot.addWidget(settings)
        words += _words(settings, skip=(settings.label_printer,))  # printers: the system's names
        importing = ImportDialog(ctx, window)
        words += _words(importing)
        panel = window.pages["check-in"].panel  # type: ignore[attr-defined]
        for outcome in ("accepted", "duplicate", "refused"):
            panel.show_result(outcome, "X1", "")
            words.append(panel.headline())
        for refusal in (lambda: printer_named("no-such-printer"), lambda: PrintJob.from_labels([])):
            with pytest.raises(PrintError) as refused:
                refusal()
            words.append(str(refused.value))
        _check(lang, words)
    finally:
        ctx.stop()
        monkeypatch.undo()
        speak_the_program_language(qapp)  # the session's language again, for the next test
