"""``yinglou-desk gui`` (and plain ``yinglou-desk``): migrate the database, open the window.

Qt is imported here only, inside the handler, so no other command pays for it.
"""

from __future__ import annotations

import argparse

from .common import open_database


def run_gui(args: argparse.Namespace) -> int:
    engine = open_database(args)  # migrates to head before any screen reads
    from ..ui.app import run

    try:
        return run(engine, getattr(args, "station", None))
    finally:
        engine.dispose()


HANDLERS = {"gui": run_gui}
