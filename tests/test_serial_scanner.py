"""Serial scanners: line splitting (pure) and the reader thread on a real socat pty pair."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import pytest

from yinglou_desk.devices import serial_scanner
from yinglou_desk.devices.serial_scanner import (
    LineSplitter,
    ScannerState,
    SerialConfig,
    SerialScanner,
    Terminator,
    list_serial_ports,
)

from .helpers.socat import PtyPair

WAIT_S = 60.0


@pytest.mark.parametrize(
    ("terminator", "wire"),
    [
        (Terminator.CR, b"ABC1\rABC2\r"),
        (Terminator.LF, b"ABC1\nABC2\n"),
        (Terminator.CRLF, b"ABC1\r\nABC2\r\n"),
        (Terminator.ANY, b"ABC1\rABC2\r\n"),
        (Terminator.ANY, b"ABC1\nABC2\n"),
    ],
)
def test_each_terminator_splits_codes(terminator, wire):
    assert LineSplitter(terminator).feed(wire) == ["ABC1", "ABC2"]


def test_a_code_split_across_reads_is_joined():
    splitter = LineSplitter(Terminator.CRLF)
    assert splitter.feed(b"1000") == []
    assert splitter.feed(b"00001\r") == []
    assert splitter.feed(b"\n2") == ["100000001"]
    assert splitter.feed(b"\r\n") == ["2"]


def test_crlf_split_between_reads_is_one_terminator_with_any():
    splitter = LineSplitter(Terminator.ANY)
    assert splitter.feed(b"ABC\r") == ["ABC"]
    assert splitter.feed(b"\nDEF\r\n") == ["DEF"]  # no empty code in between


def test_a_half_code_is_forgotten_on_reset():
    splitter = LineSplitter()
    splitter.feed(b"12345")
    splitter.reset()
    assert splitter.feed(b"678\r") == ["678"]


def test_ports_are_listed_by_device_name(monkeypatch):
    fake = [
        SimpleNamespace(device="/dev/ttyUSB1", description="Scanner B", hwid="USB VID:PID=1"),
        SimpleNamespace(device="/dev/ttyACM0", description=None, hwid=None),
    ]
    monkeypatch.setattr(serial_scanner._list_ports, "comports", lambda: fake)
    ports = list_serial_ports()
    assert [p.device for p in ports] == ["/dev/ttyACM0", "/dev/ttyUSB1"]
    assert ports[1].description == "Scanner B"
    assert ports[0].description == ""


class Events:
    """Collects the reader's callbacks and lets a test wait for them."""

    def __init__(self) -> None:
        self.codes: list[tuple[str, str]] = []
        self.states: list[tuple[ScannerState, str]] = []
        self.threads: set[str] = set()
        self._cond = threading.Condition()

    def on_code(self, code: str, source: str) -> None:
        with self._cond:
            self.codes.append((code, source))
            self.threads.add(threading.current_thread().name)
            self._cond.notify_all()

    def on_state(self, state: ScannerState, source: str, _detail: str) -> None:
        with self._cond:
            self.states.append((state, source))
            self._cond.notify_all()

    def wait(self, predicate) -> None:
        with self._cond:
            assert self._cond.wait_for(predicate, WAIT_S), (self.codes, self.states)

    def count(self, state: ScannerState) -> int:
        return sum(s is state for s, _ in self.states)


def _scanner(cable: PtyPair, events: Events, **kw) -> SerialScanner:
    config = SerialConfig(port=cable.port, reconnect_interval_s=0.1, **kw)
    return SerialScanner(config, events.on_code, events.on_state)


def test_codes_arrive_on_the_reader_thread_in_order(cable):
    events = Events()
    scanner = _scanner(cable, events, terminator=Terminator.CR)
    scanner.start()
    try:
        events.wait(lambda: events.count(ScannerState.CONNECTED) == 1)
        cable.send(b"".join(b"7%011d\r" % i for i in range(100)))
        events.wait(lambda: len(events.codes) == 100)
    finally:
        scanner.stop()
    assert [code for code, _ in events.codes] == [f"7{i:011d}" for i in range(100)]
    assert {source for _, source in events.codes} == {f"serial:{cable.port}"}
    assert events.threads == {f"serial-scanner {cable.port}"}
    assert threading.current_thread().name not in events.threads
    assert scanner.state is ScannerState.STOPPED
    assert events.states[-1][0] is ScannerState.STOPPED


def test_unplug_is_reported_once_and_replug_reconnects(cable):
    events = Events()
    scanner = _scanner(cable, events)
    scanner.start()
    try:
        events.wait(lambda: events.count(ScannerState.CONNECTED) == 1)
        cable.send(b"A001\r\n")
        events.wait(lambda: len(events.codes) == 1)

        cable.unplug()
        events.wait(lambda: scanner.state is ScannerState.DISCONNECTED)
        cable.plug()
        events.wait(lambda: events.count(ScannerState.CONNECTED) == 2)
        cable.send(b"A002\r\n")
        events.wait(lambda: len(events.codes) == 2)
    finally:
        scanner.stop()
    assert [code for code, _ in events.codes] == ["A001", "A002"]
    # many failed retries while unplugged, but "disconnected" said once per loss
    assert [s for s, _ in events.states] == [
        ScannerState.CONNECTING,
        ScannerState.CONNECTED,
        ScannerState.DISCONNECTED,
        ScannerState.CONNECTED,
        ScannerState.STOPPED,
    ]


def test_two_scanners_read_at_once_each_naming_its_port(make_cable):
    """The desk opens one reader per configured port (one per station): each code says
    which port it came from, so the desk can tell the sorting bench from the front desk."""
    sorting, desk = make_cable("sorting"), make_cable("desk")
    events = Events()
    configs = (
        SerialConfig(sorting.port, station="check-in", reconnect_interval_s=0.1),
        SerialConfig(desk.port, 19200, station="pickup", reconnect_interval_s=0.1),
    )
    scanners = [SerialScanner(c, events.on_code, events.on_state) for c in configs]
    for scanner in scanners:
        scanner.start()
    try:
        events.wait(lambda: events.count(ScannerState.CONNECTED) == 2)
        sorting.send(b"S1\r")
        events.wait(lambda: len(events.codes) == 1)
        desk.send(b"D1\r")
        events.wait(lambda: len(events.codes) == 2)
    finally:
        for scanner in scanners:
            scanner.request_stop()
        for scanner in scanners:
            scanner.stop()
    station_of = {c.source: c.station for c in configs}
    assert [code for code, _ in events.codes] == ["S1", "D1"]
    assert [station_of[source] for _, source in events.codes] == ["check-in", "pickup"]
    assert all(s.state is ScannerState.STOPPED for s in scanners)


def test_a_failing_consumer_does_not_kill_the_reader(cable):
    events = Events()

    def on_code(code: str, source: str) -> None:
        events.on_code(code, source)
        if code == "BAD":
            raise RuntimeError("consumer bug")

    scanner = SerialScanner(SerialConfig(cable.port), on_code, events.on_state)
    scanner.start()
    try:
        events.wait(lambda: events.count(ScannerState.CONNECTED) == 1)
        cable.send(b"BAD\rGOOD\r")
        events.wait(lambda: len(events.codes) == 2)
    finally:
        scanner.stop()
    assert [code for code, _ in events.codes] == ["BAD", "GOOD"]
