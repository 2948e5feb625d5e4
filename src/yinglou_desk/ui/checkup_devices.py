"""The self-check's two questions only Qt can answer: sound outputs and printers.

Services never import Qt, so :class:`~yinglou_desk.services.checkup.Probes` takes
these from here — the desk (with its QApplication running) and ``yinglou-desk
doctor`` (which starts an off-screen one, no display needed). A Qt that cannot start
makes the two lines say "未能检查" instead of stopping the check.
"""

from __future__ import annotations

import os

from yinglou_desk.services.checkup import PrinterFacts, Probes


def ensure_gui_application() -> None:
    """A QGuiApplication for the probes when the process has none (the command line)."""
    from PySide6.QtGui import QGuiApplication

    from yinglou_desk.ui.quiet_start import quiet_qt

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        quiet_qt()
        _keep.append(QGuiApplication([]))


_keep: list[object] = []  # the command line's application lives as long as the process


def sound_outputs() -> list[str]:
    """The names of the audio outputs the system offers (empty: none)."""
    from PySide6.QtMultimedia import QMediaDevices

    return [device.description() for device in QMediaDevices.audioOutputs()]


def printers() -> list[PrinterFacts]:
    """The printers installed, each with the resolutions its driver offers."""
    from PySide6.QtPrintSupport import QPrinterInfo

    default = QPrinterInfo.defaultPrinterName()
    found = []
    for name in QPrinterInfo.availablePrinterNames():
        info = QPrinterInfo.printerInfo(name)
        resolutions = tuple(sorted({int(r) for r in info.supportedResolutions() if int(r) > 0}))
        found.append(PrinterFacts(name, resolutions, default=name == default))
    return found


def command_line_probes() -> Probes:
    """The real PC, sound and printers included, an off-screen Qt started for them;
    without Qt the two device lines say they could not look."""
    try:
        ensure_gui_application()
    except Exception:  # noqa: BLE001 - no Qt here: the other checks still run
        return Probes()
    return Probes(sound_outputs=sound_outputs, printers=printers)
