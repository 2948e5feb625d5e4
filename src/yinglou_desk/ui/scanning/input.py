"""Scanner input on the desk: every source ends in one signal, ``scanned(code, source)``.

:class:`ScanInputFilter` is an application-wide event filter that runs key
presses through the pure :class:`~yinglou_desk.devices.wedge.WedgeRecognizer`,
so a keyboard-wedge scan is caught wherever focus is. Keys that may still
be a scan are held back (swallowed); once the recogniser decides, the scan's
keys are dropped (nothing is left in the focused field) and typing is
replayed to the widget it was meant for, unchanged and in order. Human
typing therefore shows up ``max_gap_s`` (50 ms) late, which nobody notices.

Which clock: ``time.monotonic()`` (injectable), the only clock a timer can
be compared with. Key *gaps* come from ``QKeyEvent.timestamp()`` when the
window system sets one (X11, Windows: when the key was really pressed),
mapped onto the monotonic clock from the first key of a burst — so a busy
GUI thread that handles a scan's keys late cannot stretch the gaps and
split the scan. Events without a timestamp (``QTest``, input-method
commits) are stamped with the monotonic time they reach the filter. Before
the hold timer gives keys back it lets queued input in first
(``processEvents``), for the same reason. Still keep I/O off the GUI thread
(the scan queue does): a stall can also bunch slow typing together, though
it then needs ≥3 characters *and* Enter inside one burst to look like a scan.

Typing into a dialog is typing, never a scan: while focus is in a Qt file
dialog (anything in it), or in a text field of any dialog window (本机设置, the
order editor, a file name), keys pass through untouched — keys already held
are given back first. A path or a phone number typed or pasted at scanner
speed there would otherwise be taken for a scan and handed to the page
*behind* the dialog (where 查件 would look it up, in capitals). Scans still
work on the desk's own pages, and a dialog without a text field (a question)
leaves the filter on, so a scan there is not Enter on its default button.

Input methods: a Chinese IME in pinyin mode eats Latin letters into its
composition, so on scan screens call :func:`bypass_input_method` (keys then
reach Qt directly). An IME in full-width mode still commits characters
(``QInputMethodEvent``); the filter feeds commit strings to the recogniser
too, and the recogniser folds full-width to ASCII.

:class:`SerialScannerAdapter` brings a serial scanner (reader thread) onto
the GUI thread through queued signals. Widgets are only touched on the GUI thread.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from yinglou_desk.devices.serial_scanner import (
    ScannerState,
    SerialConfig,
    SerialScanner,
    open_port,
)
from yinglou_desk.devices.wedge import (
    ENTER,
    TAB,
    Release,
    ScanComplete,
    WedgeConfig,
    WedgeRecognizer,
)

WEDGE_SOURCE = "wedge"
IME_ALLOWED_PROPERTY = "yinglouImeAllowed"  # set True on fields that need Chinese input

# by the key's number: QKeyEvent.key() gives a plain int
_TERMINATOR_KEYS = {
    k.value: t
    for k, t in {Qt.Key.Key_Return: ENTER, Qt.Key.Key_Enter: ENTER, Qt.Key.Key_Tab: TAB}.items()
}
# some scanners (and xdotool) end with Linefeed, which Qt delivers as key 0x0A, text "\n"
_TERMINATOR_TEXTS = {"\r": ENTER, "\n": ENTER, "\t": TAB}
_MODIFIER_KEYS = {
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_Meta,
    Qt.Key.Key_AltGr,
    Qt.Key.Key_CapsLock,
    Qt.Key.Key_NumLock,
}
_COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


@dataclass
class _Held:
    """What the filter needs to replay one held event: a copy and its receiver."""

    event: QKeyEvent | QInputMethodEvent
    receiver: QObject
    current: bool = False  # the event being filtered right now (never replayed)


def bypass_input_method(root: QWidget) -> None:
    """Keep the input method away from ``root`` and its fields, so scans reach Qt as keys.

    Fields that need Chinese input (a name search box) opt out by setting
    the dynamic property ``yinglouImeAllowed`` to True before this call.
    """
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.property(IME_ALLOWED_PROPERTY):
            continue
        widget.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        widget.setInputMethodHints(
            widget.inputMethodHints()
            | Qt.InputMethodHint.ImhLatinOnly
            | Qt.InputMethodHint.ImhPreferLatin
            | Qt.InputMethodHint.ImhNoPredictiveText
            | Qt.InputMethodHint.ImhNoAutoUppercase
        )


class ScanInputFilter(QObject):
    """Catches keyboard-wedge scans anywhere in the application.

    Install once with :meth:`install`; switch off with ``set_enabled(False)``
    on screens that do not scan (held keys are given back first).

    Signals:
        scanned(code, source): a complete scan, code normalised, source
            ``"wedge"`` (or what was passed in).
    """

    scanned = Signal(str, str)

    def __init__(
        self,
        config: WedgeConfig | None = None,
        source: str = WEDGE_SOURCE,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._recognizer = WedgeRecognizer(config)
        self._source = source
        self._clock = clock
        self._enabled = True
        self._replaying = False
        self._installed_on: QCoreApplication | None = None
        self._base: tuple[float, int] | None = None  # (our clock, event timestamp) anchor
        self._in_deadline = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_deadline)

    # -- public ----------------------------------------------------------------------

    @property
    def config(self) -> WedgeConfig:
        return self._recognizer.config

    def install(self, app: QCoreApplication | None = None) -> None:
        app = app or QApplication.instance()
        if app is None:
            raise RuntimeError("no QApplication")
        app.installEventFilter(self)
        self._installed_on = app

    def uninstall(self) -> None:
        self._give_back(self._recognizer.flush())
        if self._installed_on is not None:
            self._installed_on.removeEventFilter(self)
            self._installed_on = None

    def set_enabled(self, enabled: bool) -> None:
        if not enabled:
            self._give_back(self._recognizer.flush())
        self._enabled = enabled

    # -- the filter --------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._enabled or self._replaying:
            return False
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.InputMethod):
            return False
        if not self._is_key_target(watched):
            return False
        if typing_into_a_dialog(watched):  # type: ignore[arg-type]
            if self._recognizer.holding:
                self._give_back(self._recognizer.flush())
            return False
        if kind == QEvent.Type.KeyPress:
            return self._key_press(watched, event) and self._swallow(event)  # type: ignore[arg-type]
        return self._input_method(watched, event) and self._swallow(event)  # type: ignore[arg-type]

    def _is_key_target(self, watched: QObject) -> bool:
        """Only the focus widget's copy: the window and parents see the same key too."""
        if not isinstance(watched, QWidget):
            return False
        focus = QApplication.focusWidget()
        return watched is focus if focus is not None else watched.isWindow()

    def _key_press(self, receiver: QObject, event: QKeyEvent) -> bool:
        key = event.key()
        if key in _MODIFIER_KEYS:
            return False  # scanners press Shift for capitals: never part of the decision
        at = self._stamp(event)
        held = _Held(QKeyEvent(event), receiver, current=True)
        text = event.text()
        terminator = _TERMINATOR_KEYS.get(key) or _TERMINATOR_TEXTS.get(text)
        if terminator and not event.modifiers() & _COMMAND_MODIFIERS:
            actions = self._recognizer.terminator(terminator, at, held)
        elif event.modifiers() & _COMMAND_MODIFIERS or not _types(text):
            # Not isAutoRepeat(): X11 flags a press as auto-repeat when it shares its
            # millisecond with the release before it, which is just what a scanner
            # typing "000" does. A key really held down is caught by max_length.
            if not self._recognizer.holding:
                return False  # the common case for arrows, Backspace, shortcuts
            actions = self._recognizer.other_key(at, held)
        else:
            actions = self._recognizer.key(text, at, held)
        return self._apply(actions, held)

    def _input_method(self, receiver: QObject, event: QInputMethodEvent) -> bool:
        commit = event.commitString()
        if not commit or event.preeditString():
            if self._recognizer.holding:
                self._give_back(self._recognizer.flush())
            return False
        held = _Held(QInputMethodEvent(event), receiver, current=True)
        return self._apply(self._recognizer.key(commit, self._clock(), held), held)

    # -- acting on the recogniser's decisions ---------------------------------------------

    def _apply(self, actions: list[Any], current: _Held) -> bool:
        """Replay released typing, report scans; True swallows the current event."""
        swallow = True
        for action in actions:
            if isinstance(action, Release):
                for stroke in action.keys:
                    if stroke.token is current:
                        swallow = False  # always last: it passes after the replays
                    else:
                        self._replay(stroke.token)
            elif isinstance(action, ScanComplete):
                self.scanned.emit(action.code, self._source)
        self._arm_timer()
        current.current = False
        return swallow

    @staticmethod
    def _swallow(event: QEvent) -> bool:
        event.accept()  # else Qt offers the key to the parents (a dialog's Enter)
        return True

    def _give_back(self, actions: list[Any]) -> None:
        for action in actions:
            if isinstance(action, Release):
                for stroke in action.keys:
                    self._replay(stroke.token)
            elif isinstance(action, ScanComplete):
                self.scanned.emit(action.code, self._source)
        self._arm_timer()

    def _replay(self, held: _Held) -> None:
        receiver: QObject = held.receiver
        if not shiboken6.isValid(receiver):
            focused = QApplication.focusWidget()
            if focused is None:
                return  # the field is gone: so is the place the typing was meant for
            receiver = focused
        self._replaying = True
        try:
            QCoreApplication.sendEvent(receiver, held.event)
        finally:
            self._replaying = False

    def _arm_timer(self) -> None:
        deadline = self._recognizer.deadline()
        if deadline is None:
            self._timer.stop()
            return
        wait_ms = max(1, math.ceil((deadline - self._clock()) * 1000) + 1)
        self._timer.start(wait_ms)

    def _stamp(self, event: QKeyEvent) -> float:
        """When the key was pressed, on our clock (see the module docstring)."""
        now = self._clock()
        stamp = event.timestamp()
        if not stamp:
            return now  # synthetic event: the moment it reached us
        if self._base is None or not self._recognizer.holding:
            self._base = (now, stamp)  # a new burst: anchor the window system's clock
        anchor_now, anchor_stamp = self._base
        at = anchor_now + (stamp - anchor_stamp) / 1000
        if not anchor_now <= at <= now:  # wrapped or disagreeing clocks: trust arrival
            self._base = (now, stamp)
            return now
        return at

    @Slot()
    def _on_deadline(self) -> None:
        if self._in_deadline:
            return
        self._in_deadline = True
        try:
            # Keys may be queued behind a busy moment of the GUI thread: let them in
            # first, so a stall in the middle of a scan cannot split it.
            QCoreApplication.processEvents()
        finally:
            self._in_deadline = False
        self._give_back(self._recognizer.poll(self._clock()))


_TEXT_FIELDS = (QLineEdit, QAbstractSpinBox, QTextEdit, QPlainTextEdit)


def typing_into_a_dialog(widget: QWidget) -> bool:
    """Whether keys for ``widget`` are typing in a dialog (see the module docstring)."""
    window = widget.window()
    if isinstance(window, QFileDialog):
        return True
    if not isinstance(window, QDialog):
        return False
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return isinstance(widget, _TEXT_FIELDS)


def _types(text: str) -> bool:
    """Whether a key's text is something a field would insert (not a control character)."""
    return bool(text) and all(ch.isprintable() or ch == " " for ch in text)


class SerialScannerAdapter(QObject):
    """A serial scanner for the desk: reads on its own thread, signals on the GUI thread.

    Signals:
        scanned(code, source): a code from the scanner, ``source`` is
            ``serial:PORT`` (see :attr:`station` for the station it serves).
        state_changed(source, state, detail): ``ScannerState`` value —
            ``connecting``, ``connected``, ``disconnected`` (reconnecting
            by itself; show "扫描枪已断开，正在重连…"), ``stopped``.
    """

    scanned = Signal(str, str)
    state_changed = Signal(str, str, str)
    _code_from_reader = Signal(str, str)
    _state_from_reader = Signal(str, str, str)

    def __init__(
        self,
        config: SerialConfig,
        parent: QObject | None = None,
        opener: Callable[[SerialConfig], Any] = open_port,
    ) -> None:
        super().__init__(parent)
        # emitted on the reader thread, delivered on this object's (the GUI) thread
        self._code_from_reader.connect(self.scanned, Qt.ConnectionType.QueuedConnection)
        self._state_from_reader.connect(self.state_changed, Qt.ConnectionType.QueuedConnection)
        self._scanner = SerialScanner(config, self._code_from_reader.emit, self._on_state, opener)

    def _on_state(self, state: ScannerState, source: str, detail: str) -> None:
        self._state_from_reader.emit(source, state.value, detail)

    @property
    def config(self) -> SerialConfig:
        return self._scanner.config

    @property
    def source(self) -> str:
        return self._scanner.source

    @property
    def station(self) -> str | None:
        return self._scanner.config.station

    @property
    def state(self) -> ScannerState:
        return self._scanner.state

    def start(self) -> None:
        self._scanner.start()

    def stop(self) -> None:
        self._scanner.stop()
