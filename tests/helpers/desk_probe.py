"""The real desk window, built as ``yinglou-desk gui`` builds it, that a test can question.

Run as ``python -m tests.helpers.desk_probe --db URL [--station S]`` on an X
display (see :mod:`tests.helpers.xdesk`). The window, its keyboard-wedge filter
and its workers are the program's own; only this line protocol is added, read
from stdin on a thread and answered on the GUI thread, one JSON object a line:

- first, unasked: ``{"ready": true, "window": <X window id>}`` once the window is
  shown, active and the scan field has focus;
- ``idle``: ``{"idle": true}`` once no worker job is pending or running;
- ``state``: what the window shows (:func:`describe`);
- ``grab PATH``: saves a picture of the window, ``{"grabbed": PATH}``;
- ``reason N``: picks the N-th defect reason at 回件 (as a click in its list would).
- ``point pages.board.export_button``: a widget's centre on the screen, to click.
- ``tab shelf-audit``: the centre of a page's tab on the screen, to click.
- ``text NAME``: the text of the visible widget called NAME (a label's, a text view's).
- ``rect NAME``: the screen rectangle of the visible widget called NAME (its object
  name) in the window or an open dialog (the signature pad, to draw on), and of
  its top-level window, with the screen's available area.

stdin closed: the window closes as a studio would close it, and the process exits.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QWidget,
)

from yinglou_desk.ui.app import install_scanner, make_application, open_window
from yinglou_desk.ui.main_window import PAGES, MainWindow

MAX_ROWS = 60


def _say(data: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _visible(widget: QWidget) -> bool:
    return widget.isVisible() and widget.window().isVisible()


def _views(root: QWidget) -> list[QAbstractItemView]:
    """The tables and lists a person reads (not headers, not a combo box's drop-down)."""
    return [
        view
        for view in root.findChildren(QAbstractItemView)
        if view.model() is not None
        and not isinstance(view, QHeaderView)
        and not _inside_combo_box(view)
    ]


def _inside_combo_box(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox):
            return True
        parent = parent.parentWidget()
    return False


def _table(view: QAbstractItemView) -> dict[str, Any]:
    model = view.model()
    columns = model.columnCount()
    headers = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)]
    rows = []
    for row in range(min(model.rowCount(), MAX_ROWS)):
        rows.append([str(model.index(row, c).data() or "") for c in range(columns)])
    return {
        "name": view.objectName(),
        "headers": headers,
        "rows": rows,
        "row_count": model.rowCount(),
        "width": view.width(),
        "column_widths": [view.horizontalHeader().sectionSize(c) for c in range(columns)]
        if hasattr(view, "horizontalHeader")
        else [],
        # columns whose text is cut: what the cell needs against the width it has
        "cut": [
            c
            for c in range(columns)
            if hasattr(view, "horizontalHeader")
            and not view.isColumnHidden(c)
            and view.sizeHintForColumn(c) > view.horizontalHeader().sectionSize(c) + 1
        ],
    }


def describe(window: MainWindow) -> dict[str, Any]:
    """The page on screen, every visible table of it (headers, rows as shown), every visible
    label's text, the result panel's headline, what every page's tables hold even when
    hidden (``all_tables``), and the window's frame against the screen."""
    page_name = window.current_page_name()
    page = window.login_page if page_name == "login" else window.tabs.currentWidget()
    frame = window.frameGeometry()
    screen = window.screen().availableGeometry()
    panel = getattr(page, "panel", None)
    all_tables: dict[str, list[dict[str, Any]]] = {}
    for name, other in window.pages.items():
        all_tables[name] = [_table(v) for v in _views(other)]
    focus = QApplication.focusWidget()
    return {
        "page": page_name,
        "operator": window.ctx.operator.name if window.ctx.operator else None,
        "headline": panel.headline() if panel is not None else None,
        "labels": [
            label.text()
            for label in page.findChildren(QLabel)
            if _visible(label) and label.text().strip()
        ],
        "tables": [_table(v) for v in _views(page) if _visible(v)],
        "all_tables": all_tables,
        "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
        "screen": [screen.x(), screen.y(), screen.width(), screen.height()],
        "focus": type(focus).__name__ if focus is not None else None,
        "active_modal": type(QApplication.activeModalWidget()).__name__
        if QApplication.activeModalWidget()
        else None,
        "status": window.statusBar().currentMessage(),
    }


class Commands(QObject):
    """Lines from stdin, handed to the GUI thread."""

    line = Signal(str)
    closed = Signal()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--station", default=None)
    args = parser.parse_args()

    from yinglou_desk.storage.engine import make_engine
    from yinglou_desk.storage.migrate import upgrade

    app = make_application(sys.argv[:1])
    engine = make_engine(args.db)
    upgrade(engine)
    window = open_window(engine, args.station)
    scan_filter = install_scanner(app, window)
    window.show()
    window.activateWindow()
    window.scan_field.setFocus()

    def ready() -> None:
        if window.isActiveWindow() and QApplication.focusWidget() is window.scan_field:
            _say({"ready": True, "window": int(window.winId())})
        else:
            window.activateWindow()
            window.scan_field.setFocus()
            QTimer.singleShot(50, ready)

    def wait_idle() -> None:
        if window.ctx.ops.pending() == 0:
            _say({"idle": True})
        else:
            QTimer.singleShot(20, wait_idle)

    def handle(line: str) -> None:
        command, _, rest = line.strip().partition(" ")
        if command == "idle":
            wait_idle()
        elif command == "state":
            _say(describe(window))
        elif command == "grab":
            window.grab().save(rest)
            _say({"grabbed": rest})
        elif command == "reason":  # ``reason N``: the defect reason picked before F7
            window.check_in_page.reason_box.setCurrentIndex(int(rest))
            _say({"reason": window.check_in_page.reason_box.currentText()})
        elif command == "tab":  # ``tab shelf-audit``: where the page's tab is, to click it
            bar = window.tabs.tabBar()
            centre = bar.mapToGlobal(bar.tabRect(PAGES.index(rest)).center())
            _say({"x": centre.x(), "y": centre.y(), "visible": bar.isTabVisible(PAGES.index(rest))})
        elif command == "point":  # point pages.board.export_button: where to click it
            target: Any = window
            for part in rest.split("."):
                target = target[part] if isinstance(target, dict) else getattr(target, part)
            centre = target.mapToGlobal(target.rect().center())
            _say({"x": centre.x(), "y": centre.y(), "visible": target.isVisible()})
        elif command == "text":  # text checkup_view: what a named widget shows
            named = [
                widget
                for top in QApplication.topLevelWidgets()
                if top.isVisible()
                for widget in [top, *top.findChildren(QWidget)]
                if widget.objectName() == rest and widget.isVisible()
            ]
            shown = None
            if named:
                widget = named[0]
                reader = getattr(widget, "toPlainText", None) or getattr(widget, "text", None)
                shown = reader() if reader is not None else None
            _say({"found": bool(named), "text": shown})
        elif command == "rect":  # rect signature_pad: where to draw, and its dialog's frame
            found = [
                widget
                for top in QApplication.topLevelWidgets()
                if top.isVisible()
                for widget in [top, *top.findChildren(QWidget)]
                if widget.objectName() == rest and widget.isVisible()
            ]
            if not found:
                _say({"found": False})
                return
            target = found[0]
            corner = target.mapToGlobal(target.rect().topLeft())
            frame = target.window().frameGeometry()
            screen = target.screen().availableGeometry()
            _say(
                {
                    "found": True,
                    "rect": [corner.x(), corner.y(), target.width(), target.height()],
                    "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
                    "screen": [screen.x(), screen.y(), screen.width(), screen.height()],
                }
            )
        else:
            _say({"error": f"unknown command {command!r}"})

    commands = Commands()
    commands.line.connect(handle, Qt.ConnectionType.QueuedConnection)
    commands.closed.connect(window.close, Qt.ConnectionType.QueuedConnection)

    def read() -> None:
        for line in sys.stdin:
            commands.line.emit(line)
        commands.closed.emit()

    threading.Thread(target=read, daemon=True).start()
    QTimer.singleShot(0, ready)
    code = app.exec()
    scan_filter.uninstall()
    engine.dispose()
    return code


if __name__ == "__main__":
    sys.exit(main())
