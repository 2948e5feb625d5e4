"""What a sorter sees and hears after each scan, without looking closely.

:class:`ScanResultPanel` shows the last result in words big enough to read
from two metres, on the outcome's colour (``palette.OUTCOME_COLOURS``: green
accepted, orange repeat, red refused), and flashes brighter for a moment so
a new result is noticed even when it reads like the last one. Colour is
never the only cue: the outcome is also written out. However long a code or
a reason, the panel never asks for more width than the window has: its words
wrap, and what does not fit ends in "…" with all of it in the tooltip.

:class:`ScanSounds` plays a distinct sound per outcome from the WAV files
in ``resources/sounds/`` (made by ``scripts/make_sounds.py``). Silence is a
setting. A PC without an audio device (headless CI, a muted sorting room
PC) simply gets no sound: nothing fails.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from yinglou_desk.catalogue import text as t
from yinglou_desk.domain.palette import OUTCOME_COLOURS, STATE_COLOURS
from yinglou_desk.paths import resource_path
from yinglou_desk.ui.widgets.fit_label import FitLabel

OUTCOMES = ("accepted", "duplicate", "refused")
HEADLINE_POINT_SIZE = 40  # about 14 mm tall on a 22" 1080p screen: readable at 2 m
MESSAGE_POINT_SIZE = 22
HEADLINE_LINES = 2  # a long code or a notice of two lines; more is in the tooltip
MESSAGE_LINES = 3
FLASH_MS = 350


def outcome_words(outcome: str) -> str:
    """The headline's word for a scan outcome (with its mark: ✔ ✘)."""
    return t(f"panel.outcome.{outcome}")


def sounds_directory() -> Path | None:
    """``resources/sounds`` of this installation (wheel or checkout), if it is there."""
    try:
        directory = resource_path("sounds")
    except FileNotFoundError:
        return None
    return directory if directory.is_dir() else None


class ScanResultPanel(QFrame):
    """The last scan's result, big, on its outcome colour, with a short flash.

    Signals:
        shown(outcome): a result was put on screen (tests, the status bar).
    """

    shown = Signal(str)

    def __init__(self, parent: QWidget | None = None, flash_ms: int = FLASH_MS) -> None:
        super().__init__(parent)
        self.setObjectName("scanResultPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        # long words wrap and are cut with "…" (all of them in the tooltip): never wider
        self._headline = FitLabel(t("panel.scan_label"), self, lines=HEADLINE_LINES)
        self._headline.setObjectName("scanHeadline")
        self._message = FitLabel("", self, lines=MESSAGE_LINES)
        self._message.setObjectName("scanMessage")
        for label, size in (
            (self._headline, HEADLINE_POINT_SIZE),
            (self._message, MESSAGE_POINT_SIZE),
        ):
            font = QFont(label.font())
            font.setPointSize(size)
            font.setBold(label is self._headline)
            label.setFont(font)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        layout = QVBoxLayout(self)
        layout.addWidget(self._headline)
        layout.addWidget(self._message)
        self._outcome: str | None = None
        self._colour_key = ""
        self._flashing = False
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.setInterval(flash_ms)
        self._flash_timer.timeout.connect(self._end_flash)

    # -- public ---------------------------------------------------------------------

    def show_result(self, outcome: str, code: str, message: str) -> None:
        """Show one result: ``outcome`` is a ``ScanOutcome`` value."""
        if outcome not in OUTCOME_COLOURS:
            raise ValueError(f"unknown outcome {outcome!r}")
        self._outcome = outcome
        self._show(OUTCOME_COLOURS[outcome], f"{outcome_words(outcome)}  {code}", message)
        self.shown.emit(outcome)

    def show_message(self, colour_key: str, text: str) -> None:
        """A notice that is not a scan result (handed over, undone, fill in a reason...)."""
        self._outcome = None
        self._show(colour_key if colour_key in STATE_COLOURS else "registered", text, "")

    @property
    def colour_key(self) -> str:
        return self._colour_key

    def text(self) -> str:
        """Everything the panel says, headline first."""
        message = self._message.text()
        return f"{self._headline.text()}\n{message}" if message else self._headline.text()

    @property
    def outcome(self) -> str | None:
        return self._outcome

    @property
    def flashing(self) -> bool:
        return self._flashing

    def headline(self) -> str:
        return self._headline.text()

    def message(self) -> str:
        return self._message.text()

    def background(self) -> str | None:
        """The colour the panel has now (the flash is a lighter shade of it)."""
        if not self._colour_key:
            return None
        background, _ = STATE_COLOURS[self._colour_key]
        return _lighter(background) if self._flashing else background

    # -- helpers ----------------------------------------------------------------------

    def _end_flash(self) -> None:
        self._flashing = False
        self._restyle()

    def _show(self, colour_key: str, headline: str, message: str) -> None:
        self._colour_key = colour_key
        self._headline.setText(headline)
        self._message.setText(message)
        self._message.setVisible(bool(message))
        self._flashing = True
        self._restyle()
        self._flash_timer.start()

    def _restyle(self) -> None:
        if not self._colour_key:
            return
        _, text = STATE_COLOURS[self._colour_key]
        self.setStyleSheet(
            f"QFrame#scanResultPanel {{ background-color: {self.background()}; }}"
            f" QLabel {{ color: {text}; background: transparent; }}"
        )


def _lighter(colour: str, amount: float = 0.35) -> str:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mix = [round(c + (255 - c) * amount) for c in (red, green, blue)]
    return "#" + "".join(f"{c:02X}" for c in mix)


class SoundEffect(Protocol):
    def setSource(self, url: QUrl) -> None: ...
    def setVolume(self, volume: float) -> None: ...
    def play(self) -> None: ...


def _audio_available() -> bool:
    from PySide6.QtMultimedia import QMediaDevices

    return bool(QMediaDevices.audioOutputs())


def _qt_sound_effect(parent: QObject) -> SoundEffect:
    from PySide6.QtMultimedia import QSoundEffect

    return QSoundEffect(parent)


class ScanSounds(QObject):
    """One sound per outcome; ``silent`` mutes them; no audio device means no sound.

    Signals:
        played(outcome): a sound was started (not emitted when silent or no device).
    """

    played = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        silent: bool = False,
        directory: Path | None = None,
        volume: float = 0.8,
        effect_factory: Callable[[QObject], SoundEffect] | None = None,
        audio_available: Callable[[], bool] = _audio_available,
    ) -> None:
        super().__init__(parent)
        self.silent = silent
        self._effects: dict[str, Any] = {}
        directory = directory or sounds_directory()
        if directory is None or not audio_available():
            return  # headless or no device: stay quiet, never fail
        factory = effect_factory or _qt_sound_effect
        for outcome in OUTCOMES:
            path = directory / f"{outcome}.wav"
            if path.is_file():
                effect = factory(self)
                effect.setSource(QUrl.fromLocalFile(str(path)))
                effect.setVolume(volume)
                self._effects[outcome] = effect

    @property
    def available(self) -> bool:
        return bool(self._effects)

    def play(self, outcome: str) -> bool:
        """Play the outcome's sound; False when silent, unknown or without a device."""
        effect = self._effects.get(outcome)
        if self.silent or effect is None:
            return False
        effect.play()
        self.played.emit(outcome)
        return True
