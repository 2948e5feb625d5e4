"""Every check in the order staff read them: the data first, then this PC's devices."""

from __future__ import annotations

import logging
from collections.abc import Callable

from yinglou_desk.services.checkup.database import database_checks
from yinglou_desk.services.checkup.machine import (
    font_check,
    pc_settings_check,
    printer_checks,
    serial_check,
    sound_check,
)
from yinglou_desk.services.checkup.phone import phone_check
from yinglou_desk.services.checkup.places import backup_check, disk_check
from yinglou_desk.services.checkup.probes import Probes
from yinglou_desk.services.checkup.report import Check, Status

log = logging.getLogger(__name__)

KEYS = (
    "database",
    "revision",
    "disk",
    "backup",
    "pc_settings",
    "font",
    "serial",
    "sound",
    "printers",
    "label_printer",
    "phone_cert",
)


def run_checks(url: str, probes: Probes | None = None) -> list[Check]:
    """One :class:`Check` per key of :data:`KEYS`, in that order. A check that breaks
    in a way nobody foresaw becomes a "could not check" line, never the end of the list:
    the rest is what IT needs to hear."""
    probes = probes or Probes()
    checks: list[Check] = []
    checks += _guarded(("database", "revision"), lambda: database_checks(url))
    checks += _guarded(("disk",), lambda: [disk_check(url, probes)])
    checks += _guarded(("backup",), lambda: [backup_check(url, probes.now)])
    settings_line, settings = pc_settings_check(probes)
    checks.append(settings_line)
    checks += _guarded(("font",), lambda: [font_check(probes)])
    checks += _guarded(("serial",), lambda: [serial_check(settings, probes)])
    checks += _guarded(("sound",), lambda: [sound_check(settings, probes)])
    checks += _guarded(("printers", "label_printer"), lambda: printer_checks(settings, probes))
    checks += _guarded(("phone_cert",), lambda: [phone_check(settings, probes)])
    return checks


def _guarded(keys: tuple[str, ...], check: Callable[[], list[Check]]) -> list[Check]:
    try:
        return check()
    except Exception as error:  # see run_checks
        log.debug("self-check %s failed", "/".join(keys), exc_info=True)
        reason = str(error) or type(error).__name__
        return [
            Check(
                key,
                Status.WARN,
                "checkup.not_checked",
                {"error": reason[:200]},
                "checkup.advice.not_checked",
            )
            for key in keys
        ]
