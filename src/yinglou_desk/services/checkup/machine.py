"""This PC's own things: its settings file, a Chinese font, serial scanners, sound and
printers — what 本机设置 names, compared with what the system sees now."""

from __future__ import annotations

import sys

from yinglou_desk.services.checkup.probes import PrinterFacts, Probes
from yinglou_desk.services.checkup.report import Check, Status
from yinglou_desk.services.settings.this_pc import PcSettings, PcSettingsInvalid


def pc_settings_check(probes: Probes) -> tuple[Check, PcSettings]:
    """本机设置 as this start would read it; a damaged file means the defaults are used."""
    path = str(probes.pc_settings_path())
    try:
        settings, warning = probes.pc_settings()
    except PcSettingsInvalid as error:
        check = Check(
            "pc_settings",
            Status.FAIL,
            "checkup.pc_settings.invalid",
            {"error": str(error), "path": path},
            "checkup.advice.pc_settings_environment",
        )
        return check, PcSettings()
    if warning is not None:
        check = Check(
            "pc_settings",
            Status.WARN,
            "checkup.pc_settings.damaged",
            {"error": warning, "path": path},
            "checkup.advice.pc_settings_damaged",
        )
        return check, settings
    return Check("pc_settings", Status.OK, "checkup.pc_settings.ok", {"path": path}), settings


def font_check(probes: Probes) -> Check:
    try:
        families = probes.cjk_fonts()
    except OSError as error:
        return _not_checked("font", error)
    if not families:
        return Check("font", Status.FAIL, "checkup.font.missing", advice="checkup.advice.font")
    return Check(
        "font", Status.OK, "checkup.font.ok", {"font": families[0], "count": len(families)}
    )


def serial_check(settings: PcSettings, probes: Probes) -> Check:
    """The serial scanners 本机设置 names against the ports the system lists."""
    try:
        wanted = [config.port for config in settings.scanner_configs()]
    except PcSettingsInvalid:
        wanted = []  # the settings line says what is wrong with them
    try:
        seen = probes.serial_ports()
    except OSError as error:
        return _not_checked("serial", error)
    if not wanted:
        return Check("serial", Status.OK, "checkup.serial.none_set", {"n": len(seen), "seen": seen})
    missing = [port for port in wanted if port not in seen]
    if missing:
        advice = "checkup.advice.serial_windows" if _windows() else "checkup.advice.serial"
        return Check(
            "serial",
            Status.FAIL,
            "checkup.serial.missing",
            {"missing": missing, "seen": seen},
            advice,
        )
    return Check("serial", Status.OK, "checkup.serial.ok", {"ports": wanted})


def sound_check(settings: PcSettings, probes: Probes) -> Check:
    if probes.sound_outputs is None:
        return _not_checked("sound", None)
    try:
        outputs = probes.sound_outputs()
    except Exception as error:  # noqa: BLE001 - a device probe must not stop the other checks
        return _not_checked("sound", error)
    if outputs:
        key = "checkup.sound.ok_silent" if settings.silent else "checkup.sound.ok"
        return Check("sound", Status.OK, key, {"device": outputs[0]})
    if settings.silent:
        return Check("sound", Status.OK, "checkup.sound.silent")
    return Check("sound", Status.WARN, "checkup.sound.none", advice="checkup.advice.sound")


def printer_checks(settings: PcSettings, probes: Probes) -> list[Check]:
    """``printers`` (any at all, and the receipt printer 本机设置 names) and
    ``label_printer`` (there, and able to print at the labels' resolution)."""
    if probes.printers is None:
        return [_not_checked("printers", None), _not_checked("label_printer", None)]
    try:
        found = probes.printers()
    except Exception as error:  # noqa: BLE001 - a device probe must not stop the other checks
        return [_not_checked("printers", error), _not_checked("label_printer", error)]
    return [_printers(settings, found), _label_printer(settings, found)]


def _printers(settings: PcSettings, found: list[PrinterFacts]) -> Check:
    names = [p.name for p in found]
    if settings.receipt_printer and settings.receipt_printer not in names:
        return Check(
            "printers",
            Status.FAIL,
            "checkup.printers.receipt_missing",
            {"name": settings.receipt_printer, "available": names},
            "checkup.advice.printer_missing",
        )
    if not found:
        return Check(
            "printers", Status.WARN, "checkup.printers.none", advice="checkup.advice.printers"
        )
    default = next((p.name for p in found if p.default), "")
    key = "checkup.printers.ok_default" if default else "checkup.printers.ok"
    return Check("printers", Status.OK, key, {"n": len(found), "names": names, "default": default})


def _label_printer(settings: PcSettings, found: list[PrinterFacts]) -> Check:
    wanted = settings.label_printer
    if not wanted:
        return Check("label_printer", Status.OK, "checkup.label_printer.ask")
    printer = next((p for p in found if p.name == wanted), None)
    if printer is None:
        return Check(
            "label_printer",
            Status.FAIL,
            "checkup.label_printer.missing",
            {"name": wanted, "available": [p.name for p in found]},
            "checkup.advice.printer_missing",
        )
    params = {"name": wanted, "dpi": settings.label_dpi, "supported": list(printer.resolutions)}
    if printer.resolutions and settings.label_dpi not in printer.resolutions:
        nearest = min(printer.resolutions, key=lambda dpi: abs(dpi - settings.label_dpi))
        return Check(
            "label_printer",
            Status.WARN,
            "checkup.label_printer.dpi",
            params,
            "checkup.advice.label_dpi",
            {"dpi": nearest},
        )
    key = "checkup.label_printer.ok" if printer.resolutions else "checkup.label_printer.ok_unknown"
    return Check("label_printer", Status.OK, key, params)


def _not_checked(key: str, error: BaseException | None) -> Check:
    reason = "" if error is None else (getattr(error, "strerror", None) or str(error))
    return Check(
        key,
        Status.WARN,
        "checkup.not_checked" if reason else "checkup.not_checked_here",
        {"error": reason},
        "checkup.advice.not_checked",
    )


def _windows() -> bool:
    return sys.platform == "win32"
