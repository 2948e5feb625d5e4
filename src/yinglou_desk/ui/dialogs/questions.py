"""Questions to the operator go through this service, so tests never block on a modal box.

Screens receive a :class:`DialogService`; the program passes :class:`QtDialogs`,
tests pass a scripted stand-in that records the question and answers at once.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QMessageBox, QWidget


class DialogService(Protocol):
    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool: ...

    def warn(self, parent: QWidget | None, title: str, text: str) -> None: ...


class QtDialogs:
    """The real thing: Qt message boxes (Yes/No with No as the safe default)."""

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            parent,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def warn(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)
