"""Serial scanners seen from the desk: signals on the GUI thread only."""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, Qt, QThread

from yinglou_desk.devices.serial_scanner import SerialConfig
from yinglou_desk.domain.states import ScanOutcome
from yinglou_desk.services.scanning.service import ScanResult
from yinglou_desk.storage.errors import StorageUnavailable
from yinglou_desk.ui.scanning.input import SerialScannerAdapter

WAIT_MS = 30_000
DIRECT = Qt.ConnectionType.DirectConnection


def _on_gui_thread() -> bool:
    return QThread.currentThread() is QCoreApplication.instance().thread()


def test_serial_codes_and_states_arrive_as_signals_on_the_gui_thread(qtbot, cable):
    adapter = SerialScannerAdapter(
        SerialConfig(cable.port, station="check-in", reconnect_interval_s=0.1)
    )
    scans: list[tuple[str, str, bool]] = []
    states: list[tuple[str, bool]] = []
    # Direct: the slot runs on whichever thread emits, so this checks the emitting thread
    adapter.scanned.connect(
        lambda code, source: scans.append((code, source, _on_gui_thread())), DIRECT
    )
    adapter.state_changed.connect(
        lambda _source, state, _detail: states.append((state, _on_gui_thread())), DIRECT
    )
    try:
        with qtbot.waitSignal(
            adapter.state_changed, timeout=WAIT_MS, check_params_cb=lambda *a: a[1] == "connected"
        ):
            adapter.start()
        cable.send(b"100000000001\r\n100000000002\r\n")
        qtbot.waitUntil(lambda: len(scans) == 2, timeout=WAIT_MS)

        cable.unplug()
        qtbot.waitUntil(lambda: ("disconnected", True) in states, timeout=WAIT_MS)
        cable.plug()
        qtbot.waitUntil(lambda: states.count(("connected", True)) == 2, timeout=WAIT_MS)
        cable.send(b"100000000003\r")
        qtbot.waitUntil(lambda: len(scans) == 3, timeout=WAIT_MS)
    finally:
        adapter.stop()
    source = f"serial:{cable.port}"
    assert scans == [
        ("100000000001", source, True),
        ("100000000002", source, True),
        ("100000000003", source, True),
    ]
    assert adapter.station == "check-in"
    assert adapter.source == source
    assert all(on_gui for _, on_gui in states)


class FlakyService:
    """Unavailable for the first two attempts, then records everything."""

    def __init__(self) -> None:
        self.failures = 2
        self.threads: set[str] = set()

    def scan(self, _session, raw_code: str) -> ScanResult:
        self.threads.add(threading.current_thread().name)
        if self.failures:
            self.failures -= 1
            raise StorageUnavailable("database is locked")
        return ScanResult(raw_code, ScanOutcome.ACCEPTED, "ok", "k")
