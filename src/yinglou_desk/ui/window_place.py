"""Where the desk window opens, and how big: inside the screen, where staff last left it.

Studio PCs often have a 1366×768 or 1280×720 monitor. A window that opens
taller than the screen hides its lower rows and the right-hand buttons of its
top bar (撤销, 退出登录), so the window opens no larger than the screen's
available area, title bar and borders included, and centred on it the first
time. When it closes its size, place and whether it was maximised are kept in
``QSettings("yinglou-desk", "desk")``; the next start puts it back there,
pulled inside the screen it opens on now (a smaller monitor, a second screen
unplugged since).

The window manager says how thick its frame is only once the window is on
screen; until then a generous guess (or the frame of the last run) is used,
and the window is pulled inside again the first time the real frame is known.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QMargins, QObject, QRect, QSettings, QSize, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

ORGANISATION, APPLICATION = "yinglou-desk", "desk"
DEFAULT_SIZE = QSize(1280, 800)
GUESSED_FRAME = QMargins(4, 32, 4, 8)  # left, top (title bar), right, bottom
GEOMETRY_KEY = "window/geometry"  # the window's own area, frame not included
FRAME_KEY = "window/frame"  # "left,top,right,bottom" of the frame last seen
MAXIMIZED_KEY = "window/maximized"


def desk_settings() -> QSettings:
    """The desk's own settings of this PC user (the window's size and place)."""
    return QSettings(ORGANISATION, APPLICATION)


def fitted(frame: QRect, available: QRect) -> QRect:
    """``frame`` made no larger than ``available`` and moved inside it (as little as may be)."""
    width = min(frame.width(), available.width())
    height = min(frame.height(), available.height())
    x = max(available.x(), min(frame.x(), available.x() + available.width() - width))
    y = max(available.y(), min(frame.y(), available.y() + available.height() - height))
    return QRect(x, y, width, height)


def default_frame(available: QRect) -> QRect:
    """The first start's frame: :data:`DEFAULT_SIZE` plus a frame, at most the screen, centred."""
    width = min(
        DEFAULT_SIZE.width() + GUESSED_FRAME.left() + GUESSED_FRAME.right(), available.width()
    )
    height = min(
        DEFAULT_SIZE.height() + GUESSED_FRAME.top() + GUESSED_FRAME.bottom(), available.height()
    )
    return QRect(
        available.x() + (available.width() - width) // 2,
        available.y() + (available.height() - height) // 2,
        width,
        height,
    )


def _margins(text: object) -> QMargins | None:
    try:
        left, top, right, bottom = (int(part) for part in str(text).split(","))
    except ValueError:
        return None
    if min(left, top, right, bottom) < 0 or max(left, top, right, bottom) > 200:
        return None
    return QMargins(left, top, right, bottom)


class WindowPlace(QObject):
    """Places ``window`` before it is first shown and keeps its frame inside the screen.

    An event filter on the window: the first time the window manager's frame is
    known, and whenever the window is resized, a frame that reaches past the
    screen's available area is pulled back inside it; on close the window's
    place is remembered (``make_settings`` gives the store; tests pass their own).
    """

    def __init__(
        self, window: QWidget, make_settings: Callable[[], QSettings] = desk_settings
    ) -> None:
        super().__init__(window)
        self._make_settings = make_settings
        self._frame = GUESSED_FRAME
        self._frame_known = False
        window.installEventFilter(self)
        self.restore()

    @property
    def _window(self) -> QWidget:
        """The window, asked of Qt each time: a reference kept here would tie the window
        and this child in a cycle only the garbage collector (on any thread) would free."""
        window = self.parent()
        assert isinstance(window, QWidget)
        return window

    # -- opening ---------------------------------------------------------------------------

    def restore(self) -> None:
        """The remembered place, pulled inside its screen; the default one without it."""
        settings = self._make_settings()
        remembered = settings.value(GEOMETRY_KEY)
        self._frame = _margins(settings.value(FRAME_KEY)) or GUESSED_FRAME
        maximized = str(settings.value(MAXIMIZED_KEY, "false")).lower() == "true"
        if isinstance(remembered, QRect) and remembered.isValid():
            frame = remembered.marginsAdded(self._frame)
            available = self._screen_at(frame).availableGeometry()
            frame = fitted(frame, available)
        else:
            frame = default_frame(self._screen_at(None).availableGeometry())
        self._window.setGeometry(frame.marginsRemoved(self._frame))
        if maximized:
            self._window.setWindowState(Qt.WindowState.WindowMaximized)

    def _screen_at(self, frame: QRect | None) -> QScreen:
        screen = QGuiApplication.screenAt(frame.center()) if frame is not None else None
        return screen or self._window.screen() or QGuiApplication.primaryScreen()

    # -- while it is open --------------------------------------------------------------------

    def keep_inside(self) -> None:
        """Pull the frame back inside the available area of the window's screen."""
        window = self._window
        if window.windowState() & (
            Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen
        ):
            return
        frame = window.frameGeometry()
        target = fitted(frame, window.screen().availableGeometry())
        if target != frame:
            window.setGeometry(target.marginsRemoved(self._frame_now()))

    def _frame_now(self) -> QMargins:
        """The frame around the window as the window manager draws it now."""
        outer, inner = self._window.frameGeometry(), self._window.geometry()
        return QMargins(
            inner.left() - outer.left(),
            inner.top() - outer.top(),
            outer.right() - inner.right(),
            outer.bottom() - inner.bottom(),
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window:
            kind = event.type()
            if kind == QEvent.Type.Close:
                self.remember()
            elif kind in (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.WindowActivate):
                if not self._frame_known and not self._frame_now().isNull():
                    self._frame_known = True  # the window manager has framed it: check again
                    self.keep_inside()
                elif kind == QEvent.Type.Resize and self._window.isVisible():
                    self.keep_inside()
        return False

    # -- closing -----------------------------------------------------------------------------

    def remember(self) -> None:
        window = self._window
        geometry = window.normalGeometry()
        if not geometry.isValid():
            return  # never shown: nothing worth remembering
        settings = self._make_settings()
        settings.setValue(GEOMETRY_KEY, geometry)
        if self._frame_known:
            frame = self._frame_now()
            settings.setValue(
                FRAME_KEY, f"{frame.left()},{frame.top()},{frame.right()},{frame.bottom()}"
            )
        maximized = bool(window.windowState() & Qt.WindowState.WindowMaximized)
        settings.setValue(MAXIMIZED_KEY, "true" if maximized else "false")
        settings.sync()
