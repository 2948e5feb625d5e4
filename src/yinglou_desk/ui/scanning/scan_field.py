"""The scan field at the top of the desk: codes typed or scanned into it.

:class:`ScanField` is a line edit that emits ``scanned(code, "keyboard")`` on
Enter — where the app-wide wedge filter is off, or for a code typed by hand.

Signals:
    ScanField.scanned(str, str): code and source, like the app-wide scan filter.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QWidget


class ScanField(QLineEdit):
    scanned = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.returnPressed.connect(self._emit)

    def _emit(self) -> None:
        code = self.text().strip()
        self.clear()
        if code:
            self.scanned.emit(code, "keyboard")
