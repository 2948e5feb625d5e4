"""Questions to the operator go through this service, so tests never block on a modal box.

Screens receive a :class:`DialogService`; the program passes :class:`QtDialogs`,
tests pass a scripted stand-in that records the question and answers at once.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from yinglou_desk.ui.dialogs.collect import CounterAnswer, CounterDialog, CounterRequest


class DialogService(Protocol):
    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool: ...

    def warn(self, parent: QWidget | None, title: str, text: str) -> None: ...

    def counter(self, parent: QWidget | None, request: CounterRequest) -> CounterAnswer | None:
        """取件's counter dialog (money, 代取, signature); None when staff cancel."""
        ...


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

    def counter(self, parent: QWidget | None, request: CounterRequest) -> CounterAnswer | None:
        dialog = CounterDialog(request, parent)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            return dialog.answer if accepted else None
        finally:
            dialog.deleteLater()
