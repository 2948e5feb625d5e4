"""``yinglou-desk gui`` (and plain ``yinglou-desk``): migrate the database, open the window.

Qt is imported here only, inside the handler, so no other command pays for it.
"""

from __future__ import annotations

import argparse
import os

from .common import open_database
from .output import CliError


def serial_configs(args: argparse.Namespace) -> list:  # type: ignore[type-arg]
    """Serial scanners from ``--serial`` and ``YINGLOU_SERIAL_SCANNERS``, checked up front."""
    from ..devices.serial_scanner import parse_scanner_spec

    specs = list(getattr(args, "serial", None) or [])
    specs += [s for s in os.environ.get("YINGLOU_SERIAL_SCANNERS", "").split(",") if s.strip()]
    try:
        return [parse_scanner_spec(spec) for spec in specs]
    except ValueError as error:
        raise CliError(str(error), 2) from None


def run_gui(args: argparse.Namespace) -> int:
    if getattr(args, "lang", None):
        os.environ["YINGLOU_LANG"] = args.lang  # read by every text lookup from here on
    scanners = serial_configs(args)
    from ..devices.wedge import WedgeConfig

    try:
        WedgeConfig.parse(os.environ.get("YINGLOU_WEDGE", ""))  # refuse a typo before the window
    except ValueError as error:
        raise CliError(str(error), 2) from None
    engine = open_database(args)  # migrates to head before any screen reads
    from ..ui.app import run

    try:
        return run(engine, getattr(args, "station", None), scanners)
    finally:
        engine.dispose()


HANDLERS = {"gui": run_gui}
