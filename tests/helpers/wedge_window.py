"""A minimal scan window for the Xvfb test: the real filter and service on a real X display.

Run as ``python -m tests.helpers.wedge_window --db URL --station S --operator NAME
[--max-gap-ms N]``.
Prints, one JSON object per line on stdout:
``{"ready": true}`` once the field has focus, ``{"text": ...}`` whenever the
field's text changes, ``{"scan": <scan --json object>}`` for each recorded
scan. Quits on stdin EOF. (The desk window of issue 4 will wire the same
building blocks; this stands in for it until then.)
"""

from __future__ import annotations

import argparse
import json
import sys
import threading

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from yinglou_desk.cli.common import scan_session_from
from yinglou_desk.devices.wedge import WedgeConfig
from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.storage.engine import make_engine
from yinglou_desk.ui.scanning.input import ScanInputFilter


def say(data: dict) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    sys.stdout.flush()


class Window(QWidget):
    stdin_closed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("yinglou wedge test")
        self.field = QLineEdit(self)
        QVBoxLayout(self).addWidget(self.field)
        self.field.textChanged.connect(lambda text: say({"text": text}))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--station", required=True)
    parser.add_argument("--operator", required=True)
    parser.add_argument("--max-gap-ms", type=int, default=50)
    args = parser.parse_args()
    args.vendor = None

    app = QApplication(sys.argv[:1])
    engine = make_engine(args.db)
    session = scan_session_from(args, engine)
    service = ScanService(engine)
    wedge = ScanInputFilter(WedgeConfig(max_gap_s=args.max_gap_ms / 1000))
    wedge.install(app)
    # one short transaction per scan, as a station does; the wedge is what is tested here
    wedge.scanned.connect(
        lambda code, _source: say({"scan": service.scan(session, code).to_json()})
    )

    window = Window()
    window.resize(400, 100)
    window.show()
    window.activateWindow()
    window.field.setFocus()

    def ready() -> None:
        if QApplication.focusWidget() is window.field and window.isActiveWindow():
            say({"ready": True})
        else:
            window.activateWindow()
            window.field.setFocus()
            QTimer.singleShot(50, ready)

    QTimer.singleShot(0, ready)
    window.stdin_closed.connect(app.quit)
    threading.Thread(
        target=lambda: (sys.stdin.read(), window.stdin_closed.emit()), daemon=True
    ).start()
    code = app.exec()

    engine.dispose()
    return code


if __name__ == "__main__":
    sys.exit(main())
