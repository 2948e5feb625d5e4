"""Stand-ins for the scanner building blocks, used until (or where) the real ones are absent.

:class:`ScanField` is a line edit that emits ``scanned(code, "keyboard")`` on
Enter (a wedge scanner types into it like a fast keyboard); :class:`ResultPanel`
shows the last result big and in its palette colour, readable from two metres.

Signals:
    ScanField.scanned(str, str): code and source, like the app-wide scan filter.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QLineEdit, QSizePolicy, QWidget

from ..palette import STATE_COLOURS


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


class ResultPanel(QLabel):
    """The last scan result, big; colour key from the palette plus the words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumHeight(110)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        font = QFont(self.font())
        font.setPointSize(22)
        font.setBold(True)
        self.setFont(font)
        self.colour_key = ""
        self.show_message("registered", "")

    def show_message(self, colour_key: str, text: str) -> None:
        background, foreground = STATE_COLOURS.get(colour_key, STATE_COLOURS["registered"])
        self.colour_key = colour_key
        self.setStyleSheet(
            f"QLabel {{ background: {background}; color: {foreground}; border-radius: 8px;"
            " padding: 12px; }"
        )
        self.setText(text)
