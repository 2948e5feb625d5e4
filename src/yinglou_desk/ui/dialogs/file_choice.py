"""Choosing files (a statement to check, where to save an export) without blocking tests.

The window's dialog service (``ctx.dialogs``) answers the questions; when it
can also choose files (``choose_open_file`` / ``choose_save_file``, as the
tests' scripted stand-in does) it is used for that too, else the real Qt file
dialogs are. Pages never call ``QFileDialog`` themselves.

Qt's own dialog, never the system's (``DontUseNativeDialog``): a GTK or portal
dialog speaks the PC's language and formats dates by the PC's locale, while
Qt's speaks the program's (:mod:`yinglou_desk.ui.qt_language`), so a Chinese
desk on an English Windows or Linux still asks 查找范围 / 文件类型. It is also
the one the keyboard-wedge filter knows to leave alone
(:mod:`yinglou_desk.ui.scanning.input`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, runtime_checkable

from PySide6.QtWidgets import QFileDialog, QWidget

QT_OWN = QFileDialog.Option.DontUseNativeDialog


@runtime_checkable
class FileDialogs(Protocol):
    def choose_open_file(self, parent: QWidget | None, title: str, filters: str) -> Path | None: ...

    def choose_save_file(
        self, parent: QWidget | None, title: str, suggested: str, filters: str
    ) -> Path | None: ...


class QtFileDialogs:
    """The real thing: Qt's file dialogs; None when the operator cancels."""

    def choose_open_file(self, parent: QWidget | None, title: str, filters: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, title, "", filters, options=QT_OWN)
        return Path(name) if name else None

    def choose_save_file(
        self, parent: QWidget | None, title: str, suggested: str, filters: str
    ) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters, options=QT_OWN)
        return Path(name) if name else None


def file_dialogs(dialogs: object) -> FileDialogs:
    """The dialog service itself when it can choose files, else Qt's dialogs."""
    return dialogs if isinstance(dialogs, FileDialogs) else QtFileDialogs()


XLSX_FILTER = "Excel (*.xlsx)"
