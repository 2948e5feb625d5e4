"""``yinglou-desk listen``: a serial scanner on a PC without a screen.

The serial reader (its own thread) feeds the ordered scan queue (its own
thread); the main thread only waits for SIGINT/SIGTERM. Each recorded scan
prints one line — with ``--json`` exactly the object ``scan --json`` prints
— flushed at once so a pipe sees it immediately. Scanner and database
state changes go to stderr. On a signal the reader stops first (no new
scans), then the queue finishes the scan in hand and the ones already
received; any the database would not take are listed on stderr, never
silently dropped. Every scan is written to a local journal on arrival
(``--journal``, default in the user's data directory), so scans taken while
the database is down survive a restart and are recorded, in order and
exactly once, when it is back. No Qt here.
"""

from __future__ import annotations

import argparse
import signal
import threading
from collections.abc import Callable
from pathlib import Path
from types import FrameType

from yinglou_desk import catalogue
from yinglou_desk.cli.common import open_database, print_scan, scan_session_from
from yinglou_desk.cli.output import CliError, say


def cmd_listen(args: argparse.Namespace) -> int:
    """Listen, holding the database (:mod:`~yinglou_desk.storage.in_use`) from before
    its schema is checked until the last scan is recorded: no restore meanwhile."""
    from yinglou_desk.services.settings.workstation import this_workstation
    from yinglou_desk.storage.engine import resolve_url
    from yinglou_desk.storage.in_use import DatabaseRestoring, hold_database

    try:
        with hold_database(resolve_url(getattr(args, "db", None)), "listen", this_workstation()):
            return _listen(args)
    except DatabaseRestoring as error:
        raise CliError(str(error), 4) from None


def _listen(args: argparse.Namespace) -> int:
    from yinglou_desk.devices.serial_scanner import ScannerState, SerialConfig, SerialScanner
    from yinglou_desk.services.scanning.journal import JournalBusy, ScanJournal, journal_path
    from yinglou_desk.services.scanning.queue import QueueState, QueueStatus, ScanQueue
    from yinglou_desk.services.scanning.service import ScanService

    engine = open_database(args)
    session = scan_session_from(args, engine)
    path = Path(args.journal) if args.journal else journal_path(f"listen-{args.serial}")
    try:
        journal = ScanJournal(path)
    except JournalBusy as error:
        raise CliError(str(error), 2) from None
    if len(journal):
        say(catalogue.text("scanners.listen.replaying", count=len(journal)))
    stop = threading.Event()
    previous = _on_signals(stop.set)

    def on_status(status: QueueStatus) -> None:
        if status.state is QueueState.WAITING:
            if status.attempts == 1 or status.attempts % 10 == 0:
                say(
                    catalogue.text(
                        "scanners.listen.offline", pending=status.pending, detail=status.detail
                    )
                )
        else:
            say(catalogue.text("scanners.listen.back"))

    def on_state(state: ScannerState, source: str, detail: str) -> None:
        port = source.removeprefix("serial:")
        if state is ScannerState.CONNECTED:
            say(catalogue.text("scanners.listen.connected", port=port))
        elif state is ScannerState.DISCONNECTED:
            reason = catalogue.text("scanners.reason", detail=detail) if detail else ""
            say(catalogue.text("scanners.listen.disconnected", reason=reason))

    queue = ScanQueue(
        ScanService(engine),
        on_result=lambda _scan, result: print_scan(result, args.json),
        on_status=on_status,
        on_error=lambda scan, _error: say(catalogue.text("scan.kept", code=scan.code)),
        journal=journal,
    )

    def on_code(code: str, source: str) -> None:
        queue.submit(session, code, source)

    scanner = SerialScanner(
        SerialConfig(port=args.serial, baud=args.baud, station=args.station),
        on_code=on_code,
        on_state=on_state,
    )
    say(catalogue.text("scanners.listen.listening", port=args.serial, baud=args.baud))
    queue.start()
    scanner.start()
    try:
        while not stop.wait(0.5):
            pass
    finally:
        scanner.stop()
        left = queue.stop(drain=True)
        journal.close()
        _restore_signals(previous)
        engine.dispose()
    if left:
        say(catalogue.text("scanners.listen.saved", count=len(left), path=path))
    say(catalogue.text("scanners.listen.stopped"))
    return 5 if left else 0


_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def _on_signals(handler: Callable[[], None]) -> dict[int, object]:
    def on_signal(_signum: int, _frame: FrameType | None) -> None:
        handler()

    return {sig: signal.signal(sig, on_signal) for sig in _SIGNALS}


def _restore_signals(previous: dict[int, object]) -> None:
    for sig, old in previous.items():
        signal.signal(sig, old)  # type: ignore[arg-type]


HANDLERS = {"listen": cmd_listen}
