"""Serial (RS-232 / USB-CDC) barcode scanners, read on their own threads.

A serial scanner sends the code followed by CR, LF or CR LF. It can be
unplugged at any time and plugged back in, often as the same device name
(``/dev/ttyACM0``, ``COM3``) or through a stable link (``/dev/serial/by-id``).
So each :class:`SerialScanner` runs one background thread that opens the
port, reads lines, and when the port fails or vanishes, reports
``disconnected`` and keeps trying to reopen it until stopped — no restart,
and the state is visible through a callback.

The reader never blocks the caller and never touches a GUI: it calls
``on_code(code, source)`` and ``on_state(state, source, detail)`` *on its
own thread*. The Qt adapter (``ui/scanning/input.py``) turns those into queued
signals; the headless listener hands codes straight to the scan queue.

A code cut off by the unplug (no terminator yet) is dropped: the scanner
never finished sending it, and the sorter sees no confirmation for it.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import serial
from serial.tools import list_ports as _list_ports

from yinglou_desk.devices.errors import ScannerSettingInvalid
from yinglou_desk.domain.codes import decode_scanned

log = logging.getLogger(__name__)

DEFAULT_BAUD = 9600
_READ_TIMEOUT_S = 0.2  # how quickly stop() is noticed while the line is idle
_MAX_LINE_BYTES = 4096  # a runaway line without terminator is garbage, not a code


class Terminator(StrEnum):
    """What ends a code on the wire. ``ANY`` takes CR, LF or CR LF alike."""

    CR = "cr"
    LF = "lf"
    CRLF = "crlf"
    ANY = "any"


class ScannerState(StrEnum):
    CONNECTING = "connecting"  # first attempt, not yet open
    CONNECTED = "connected"
    DISCONNECTED = "disconnected"  # lost or not there: reconnecting
    STOPPED = "stopped"


@dataclass(frozen=True)
class SerialConfig:
    """One serial scanner: where it is, how it talks, and which station it serves."""

    port: str
    baud: int = DEFAULT_BAUD
    terminator: Terminator = Terminator.ANY
    station: str | None = None
    reconnect_interval_s: float = 1.0
    encoding: str = "utf-8"

    @property
    def source(self) -> str:
        """The name scans from this scanner carry: ``serial:PORT``."""
        return f"serial:{self.port}"


STATION_NAMES = ("send-out", "check-in", "pickup")


def parse_scanner_spec(spec: str) -> SerialConfig:
    """``PORT[@BAUD[:TERMINATOR]][=STATION]``, e.g. ``/dev/ttyUSB0@115200:crlf=check-in``.

    How a PC lists its serial scanners (``gui --serial``, ``YINGLOU_SERIAL_SCANNERS``);
    a spec that cannot be used raises :class:`ScannerSettingInvalid` (a ``ValueError``).
    """
    rest, _, station = spec.strip().partition("=")
    port, _, speed = rest.partition("@")
    baud, _, terminator = speed.partition(":")
    if not port:
        raise ScannerSettingInvalid("devices.serial.no_port", spec=repr(spec))
    if station and station not in STATION_NAMES:
        raise ScannerSettingInvalid(
            "devices.serial.unknown_station",
            station=repr(station),
            stations=", ".join(STATION_NAMES),
        )
    try:
        rate = int(baud) if baud else DEFAULT_BAUD
        ending = Terminator(terminator.lower()) if terminator else Terminator.ANY
    except ValueError:
        raise ScannerSettingInvalid("devices.serial.bad_spec", spec=repr(spec)) from None
    if rate <= 0:
        raise ScannerSettingInvalid("devices.serial.bad_baud", baud=baud)
    return SerialConfig(port=port, baud=rate, terminator=ending, station=station or None)


@dataclass(frozen=True)
class PortInfo:
    device: str
    description: str
    hwid: str


def list_serial_ports() -> list[PortInfo]:
    """The serial ports present now, by device name, for a settings screen."""
    return sorted(
        (PortInfo(p.device, _known(p.description), _known(p.hwid)) for p in _list_ports.comports()),
        key=lambda p: p.device,
    )


def _known(text: str | None) -> str:
    """pyserial says "n/a" where the system does not know; that is no description."""
    return "" if not text or text == "n/a" else text


class LineSplitter:
    """Bytes in, complete codes out; partial lines wait for their terminator."""

    def __init__(self, terminator: Terminator = Terminator.ANY, encoding: str = "utf-8") -> None:
        self._terminator = terminator
        self._encoding = encoding
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list[str]:
        self._buffer += data
        if self._terminator is Terminator.ANY:
            parts = self._buffer.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
            # a CR at the very end may be the first half of CR LF: keep it for later
            if self._buffer.endswith(b"\r"):
                self._buffer = bytearray(b"\r")
                parts.pop()
            else:
                self._buffer = bytearray(parts.pop())
        else:
            separator = {Terminator.CR: b"\r", Terminator.LF: b"\n", Terminator.CRLF: b"\r\n"}[
                self._terminator
            ]
            parts = self._buffer.split(separator)
            self._buffer = bytearray(parts.pop())
        if len(self._buffer) > _MAX_LINE_BYTES:
            log.warning("dropping %d bytes without a terminator", len(self._buffer))
            self._buffer.clear()
        # a line that is not text (or holds NUL) is passed on marked, to be refused and logged
        codes = (decode_scanned(bytes(part), self._encoding).strip() for part in parts)
        return [code for code in codes if code]

    def reset(self) -> None:
        """Forget a half-received code (the port went away mid-line)."""
        self._buffer.clear()


CodeCallback = Callable[[str, str], None]
StateCallback = Callable[[ScannerState, str, str], None]
PortOpener = Callable[[SerialConfig], Any]


def open_port(config: SerialConfig) -> serial.Serial:
    """The real port; tests may pass another opener (``serial.serial_for_url``)."""
    return serial.Serial(config.port, config.baud, timeout=_READ_TIMEOUT_S)


class SerialScanner:
    """Reads one serial scanner on a background thread and reconnects forever.

    Callbacks (called on the reader thread):
        on_code(code, source): a complete code, in the order received.
        on_state(state, source, detail): connecting / connected /
            disconnected (``detail`` says why; reconnecting follows) / stopped.
    """

    def __init__(
        self,
        config: SerialConfig,
        on_code: CodeCallback,
        on_state: StateCallback | None = None,
        opener: PortOpener = open_port,
    ) -> None:
        self.config = config
        self._on_code = on_code
        self._on_state = on_state
        self._opener = opener
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._state = ScannerState.STOPPED
        self._port: Any = None

    @property
    def source(self) -> str:
        return self.config.source

    @property
    def state(self) -> ScannerState:
        return self._state

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._run, name=f"serial-scanner {self.config.port}", daemon=True
        )
        self._thread.start()

    def request_stop(self) -> None:
        """Ask the thread to finish without waiting for it."""
        self._stop.set()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop reading; returns once the thread has closed the port (or ``timeout``)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    # -- the reader thread ---------------------------------------------------------

    def _run(self) -> None:
        splitter = LineSplitter(self.config.terminator, self.config.encoding)
        self._set_state(ScannerState.CONNECTING, "")
        while not self._stop.is_set():
            try:
                self._port = self._opener(self.config)
            except (serial.SerialException, OSError, ValueError) as error:
                self._set_state(ScannerState.DISCONNECTED, _why(error))
                self._stop.wait(self.config.reconnect_interval_s)
                continue
            self._set_state(ScannerState.CONNECTED, "")
            try:
                self._read_until_lost(splitter)
            except (serial.SerialException, OSError) as error:
                if not self._stop.is_set():
                    self._set_state(ScannerState.DISCONNECTED, _why(error))
            finally:
                splitter.reset()
                self._close()
            self._stop.wait(self.config.reconnect_interval_s)
        self._set_state(ScannerState.STOPPED, "")

    def _read_until_lost(self, splitter: LineSplitter) -> None:
        port = self._port
        while not self._stop.is_set():
            data = port.read(max(1, port.in_waiting))
            if not data:
                continue
            for code in splitter.feed(data):
                self._emit_code(code)

    def _emit_code(self, code: str) -> None:
        try:
            self._on_code(code, self.source)
        except Exception:  # a consumer's bug must not kill the reader
            log.exception("on_code failed for %s", self.source)

    def _set_state(self, state: ScannerState, detail: str) -> None:
        if state is self._state and state is ScannerState.DISCONNECTED:
            return  # report a loss once, not on every failed retry
        self._state = state
        if self._on_state is not None:
            try:
                self._on_state(state, self.source, detail)
            except Exception:
                log.exception("on_state failed for %s", self.source)

    def _close(self) -> None:
        port, self._port = self._port, None
        if port is not None:
            with contextlib.suppress(serial.SerialException, OSError):
                port.close()


def _why(error: BaseException) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__
