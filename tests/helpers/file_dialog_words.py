"""What the desk's file dialog says, in a process of its own: ``python -m
tests.helpers.file_dialog_words``, started in a folder, prints one JSON object.

A process of its own because Qt reads the system locale once per process; the
dialog is opened the way the desk opens it (:class:`QtFileDialogs`) and read
while it waits for the operator: its labels, its window title, and the 修改日期
column of the folder's first entry.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QTreeView

from yinglou_desk.ui.app import make_application
from yinglou_desk.ui.dialogs.file_choice import QtFileDialogs


def main() -> int:
    app = make_application(sys.argv[:1])
    seen: dict[str, object] = {}

    def read() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(50, read)
            return
        view = dialog.findChild(QTreeView)
        model = view.model() if view is not None else None
        if model is None or model.rowCount(view.rootIndex()) == 0:
            QTimer.singleShot(50, read)
            return
        root = view.rootIndex()
        seen["native"] = not dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
        seen["labels"] = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
        seen["headers"] = [str(model.headerData(c, view.header().orientation())) for c in range(4)]
        seen["row"] = [str(model.index(0, c, root).data()) for c in range(4)]
        dialog.reject()

    QTimer.singleShot(0, read)
    QtFileDialogs().choose_open_file(None, "statement", "Excel (*.xlsx)")
    sys.stdout.write(json.dumps(seen, ensure_ascii=False) + "\n")
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
