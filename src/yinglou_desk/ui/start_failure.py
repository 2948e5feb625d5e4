"""The one thing the desk can show when it could not start: why, in a message box.

Used by the desk started without a console (:mod:`yinglou_desk.cli.windowed`), whose
one-line refusal would otherwise be read by nobody.
"""

from __future__ import annotations


def show_start_failure(message: str) -> None:
    """``message`` in a box in the program's language, its buttons and font included."""
    from PySide6.QtWidgets import QMessageBox

    from yinglou_desk.ui.app import make_application

    app = make_application([])  # noqa: F841 - kept alive for the box
    # an empty title: Qt shows the program's display name, with its version (make_application)
    QMessageBox.critical(None, "", message)
