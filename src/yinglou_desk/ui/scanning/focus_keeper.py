"""After a dialog closes, focus is back in the scan field — with or without a window manager.

A dialog (本机设置, a question, a file chooser, the print preview) takes the
keyboard while it is open. When it closes, a window manager gives the
keyboard back to the desk, and Qt gives focus back to whatever had it — often
the button that opened the dialog; on a bare X server (a kiosk PC started
without a desktop) nobody gives it back at all, and the next scan's keys go
nowhere. The keyboard-wedge filter catches scans wherever focus is *in the
program*, but not when the program has no focus.

:class:`FocusKeeper` watches the application's focus (the focus widget and
the focus window — on a bare X server only the latter changes, to none):
when it leaves a dialog, it waits for the dialog to be gone (the next turn of
the event loop); then, if no other window took over, it activates the desk
window and puts focus in its scan field. If a dialog is still open (a
question asked from 本机设置), that dialog gets the keyboard back instead.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication, QDialog, QWidget


class FocusKeeper(QObject):
    """Gives ``field`` (in ``window``) focus again whenever a dialog closes."""

    def __init__(self, window: QWidget, field: QWidget, app: QApplication | None = None) -> None:
        super().__init__(window)
        self._window = window
        self._field = field
        found = app or QApplication.instance()
        if not isinstance(found, QApplication):
            raise RuntimeError("no QApplication")
        self._app = found
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self.restore)
        self._focus_window: QWindow | None = self._app.focusWindow()
        self._app.focusChanged.connect(self._focus_changed)
        self._app.focusWindowChanged.connect(self._focus_window_changed)

    def uninstall(self) -> None:
        self._app.focusChanged.disconnect(self._focus_changed)
        self._app.focusWindowChanged.disconnect(self._focus_window_changed)
        self._soon.stop()

    def _focus_window_changed(self, now: QWindow | None) -> None:
        left, self._focus_window = self._focus_window, now
        if left is None or left is now or not shiboken6.isValid(left):
            return
        if any(
            isinstance(widget, QDialog) and widget.windowHandle() is left
            for widget in QApplication.topLevelWidgets()
        ):
            self._soon.start()

    def _focus_changed(self, old: QWidget | None, now: QWidget | None) -> None:
        if old is None or not shiboken6.isValid(old):
            return
        left = old.window()
        if not isinstance(left, QDialog) or (now is not None and now.window() is left):
            return
        self._soon.start()  # once the dialog is really gone

    def restore(self) -> None:
        """Focus to the scan field, unless another dialog or window has the keyboard."""
        if not (shiboken6.isValid(self._window) and self._window.isVisible()):
            return
        active = QApplication.activeWindow()
        modal = QApplication.activeModalWidget()
        if modal is not None:  # a dialog is still open (a question asked from a dialog)
            if active is None:
                modal.activateWindow()
            return
        if active is not None and active is not self._window:
            return  # the operator went to another window of the program
        if active is None:
            self._window.activateWindow()  # a bare X server: nobody else will
        if self._field.isVisible() and self._field.isEnabled():
            self._field.setFocus(Qt.FocusReason.OtherFocusReason)
