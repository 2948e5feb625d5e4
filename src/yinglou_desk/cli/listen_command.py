"""``yinglou-desk listen``: a serial scanner on a PC without a screen.

The serial reader (its own thread) feeds the ordered scan queue (its own
thread); the main thread only waits for SIGINT/SIGTERM. Each recorded scan
prints one line — with ``--json`` exactly the object ``scan --json`` prints
— flushed at once so a pipe sees it immediately. Scanner and database
state changes go to stderr. On a signal the reader stops first (no new
scans), then the queue finishes the scan in hand and the ones already
received; any the database would not take are listed on stderr, never
silently dropped. No Qt here.
"""

from __future__ import annotations

import argparse
import signal
import threading
from collections.abc import Callable
from types import FrameType

from .common import open_database, print_scan, scan_session_from
from .output import say


def cmd_listen(args: argparse.Namespace) -> int:
    from ..devices.serial_scanner import ScannerState, SerialConfig, SerialScanner
    from ..services.scan_queue import QueueState, QueueStatus, ScanQueue
    from ..services.scanning import ScanService

    engine = open_database(args)
    session = scan_session_from(args, engine)
    stop = threading.Event()
    previous = _on_signals(stop.set)

    def on_status(status: QueueStatus) -> None:
        if status.state is QueueState.WAITING:
            if status.attempts == 1:
                say(
                    f"数据库暂时无法使用，{status.pending} 个扫描已排队，正在重试：{status.detail}"
                    " / database unavailable — scans queued, retrying"
                )
        else:
            say("数据库已恢复，继续记录扫描 / database back — recording queued scans")

    def on_state(state: ScannerState, source: str, detail: str) -> None:
        port = source.removeprefix("serial:")
        if state is ScannerState.CONNECTED:
            say(f"扫描枪已连接：{port} / scanner connected")
        elif state is ScannerState.DISCONNECTED:
            reason = f"（{detail}）" if detail else ""
            say(f"扫描枪已断开{reason}，正在重连… / scanner disconnected — reconnecting")

    queue = ScanQueue(
        ScanService(engine),
        on_result=lambda _scan, result: print_scan(result, args.json),
        on_status=on_status,
        on_error=lambda scan, error: say(f"扫描 {scan.code} 出错：{error} / scan failed"),
    )
    scanner = SerialScanner(
        SerialConfig(port=args.serial, baud=args.baud, station=args.station),
        on_code=lambda code, source: queue.submit(session, code, source),
        on_state=on_state,
    )
    say(f"正在监听 {args.serial}（{args.baud} 波特），Ctrl+C 结束 / listening")
    queue.start()
    scanner.start()
    try:
        while not stop.wait(0.5):
            pass
    finally:
        scanner.stop()
        left = queue.stop(drain=True)
        _restore_signals(previous)
        engine.dispose()
    for scan in left:
        say(f"未记录的扫描：{scan.code} / NOT recorded, scan again")
    say("已停止监听 / listener stopped")
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
