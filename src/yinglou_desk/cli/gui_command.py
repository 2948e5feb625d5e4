"""``yinglou-desk gui`` (and plain ``yinglou-desk``): migrate the database, open the window.

Qt is imported here only, inside the handler, so no other command pays for it.
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

from yinglou_desk.cli.common import open_database
from yinglou_desk.cli.output import CliError

if TYPE_CHECKING:
    from yinglou_desk.services.settings.this_pc import PcSettings


def serial_configs(args: argparse.Namespace, pc: PcSettings) -> list:  # type: ignore[type-arg]
    """This PC's serial scanners (本机设置 or ``YINGLOU_SERIAL_SCANNERS``) and any
    ``--serial``, checked up front; ``--serial`` wins for a port named twice."""
    from yinglou_desk.devices.serial_scanner import parse_scanner_spec

    try:
        given = [parse_scanner_spec(spec) for spec in getattr(args, "serial", None) or []]
    except ValueError as error:
        raise CliError(str(error), 2) from None
    ports = {config.port for config in given}
    return [c for c in pc.scanner_configs() if c.port not in ports] + given


def run_gui(args: argparse.Namespace) -> int:
    from yinglou_desk.services.settings.this_pc import PcSettingsInvalid, load_pc_settings

    if getattr(args, "lang", None):
        os.environ["YINGLOU_LANG"] = args.lang  # read by every text lookup from here on
    try:
        pc, warning = load_pc_settings()  # refuse a typo in the environment before the window
    except PcSettingsInvalid as error:
        raise CliError(str(error), 2) from None
    scanners = serial_configs(args, pc)
    from yinglou_desk.services.settings.workstation import this_workstation
    from yinglou_desk.storage.engine import resolve_url
    from yinglou_desk.storage.in_use import DatabaseRestoring, hold_database

    # Held from before the schema upgrade, so no restore lands between it and the window.
    try:
        with hold_database(resolve_url(getattr(args, "db", None)), "desk", this_workstation()):
            engine = open_database(args)  # migrates to head before any screen reads
            from yinglou_desk.ui.app import run

            try:
                return run(engine, getattr(args, "station", None), scanners, pc=pc, warning=warning)
            finally:
                engine.dispose()
    except DatabaseRestoring as error:
        raise CliError(str(error), 4) from None


HANDLERS = {"gui": run_gui}
