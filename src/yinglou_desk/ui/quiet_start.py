"""A quiet start: Qt's chatter about sound and video libraries stays off the terminal.

On a PC without sound (most front-desk PCs run muted, CI has no device) Qt
Multimedia tells stderr which libraries it could not load (pipewire, VA-API),
which FFmpeg it uses, and "PulseAudioService: pa_context_connect() failed".
None of it is news to a studio (scan sounds just stay off, see
:class:`~yinglou_desk.ui.scanning.feedback.ScanSounds`), and a terminal full of
it hides the line that matters.

:func:`quiet_qt` turns those logging categories off (``QLoggingCategory``
rules, set before the QApplication and Qt Multimedia start) and drops the few
known lines Qt writes without a category (:data:`UNCATEGORISED_NOISE`); every
other message passes on unchanged. ``YINGLOU_DEBUG=1`` keeps all of it, and
``QT_LOGGING_RULES`` still overrides these rules, as Qt documents.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QLoggingCategory, QMessageLogContext, QtMsgType, qInstallMessageHandler

DEBUG_ENV = "YINGLOU_DEBUG"
QUIET_RULES = "qt.multimedia.*=false\nqt.multimedia=false"  # symbolsresolver, ffmpeg, …
UNCATEGORISED_NOISE = ("PulseAudioService:",)

_Handler = Callable[[QtMsgType, QMessageLogContext, str], Any]
_installed: list[_Handler] = []  # keeps the Python handler alive for Qt


def debugging() -> bool:
    return os.environ.get(DEBUG_ENV, "").strip() not in ("", "0")


def quiet_qt() -> bool:
    """Hide Qt's sound-library chatter unless ``YINGLOU_DEBUG`` is set; True if it did."""
    if debugging():
        return False
    QLoggingCategory.setFilterRules(QUIET_RULES)
    if not _installed:
        previous: list[_Handler | None] = [None]

        def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
            if context.category == "default" and message.startswith(UNCATEGORISED_NOISE):
                return
            if previous[0] is not None:
                previous[0](kind, context, message)
            else:
                _print(kind, context, message)

        previous[0] = qInstallMessageHandler(handler)
        _installed.append(handler)
    return True


def _print(_kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """What Qt's own handler would print (its default format: the message alone)."""
    category = "" if context.category in (None, "default") else f"{context.category}: "
    sys.stderr.write(f"{category}{message}\n")
