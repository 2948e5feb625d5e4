"""The desk's phone server (手机理件): on while 本机设置 says 允许手机扫码, off when it says not.

The server itself (:class:`~yinglou_desk.web.server.PhoneServer`) answers the
phones on threads of its own; what may take a while — making the studio's
certificates the first time, opening the ports, closing them — runs on the desk's
long-work writer (:meth:`Operations.long_write`), one step after another, never on
the GUI thread. Staff may change their mind faster than a server starts: only
what 本机设置 says last is carried out once the step under way is done.

A server that cannot start (its port taken by another program) is said in the
status bar and on the 手机 page, and tried again only when asked (重试, or the
settings saved again): a refusal every few seconds would help nobody. The desk
goes on either way; scanning at the PC never depends on the phones.

Signals:
    changed(): the server started, stopped, or failed to start — the 手机 page redraws.
    said(str, bool): a sentence for the status bar, and whether it must stay until
        the next one (a failure) rather than fade.
"""

from __future__ import annotations

import errno
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from yinglou_desk.catalogue import text as t
from yinglou_desk.domain.wording import WordedError
from yinglou_desk.services.database import Database
from yinglou_desk.services.phones.ports import TRUST_PORT
from yinglou_desk.services.settings.this_pc import DEFAULT_PHONE_PORT, PcSettings
from yinglou_desk.ui.operations import Operations


class Server(Protocol):
    """What the desk asks of a phone server (``web.server.PhoneServer``)."""

    def start(self) -> None: ...
    def stop(self) -> None: ...
    @property
    def pairing_url(self) -> str: ...
    @property
    def page_url(self) -> str: ...
    @property
    def ca_fingerprint(self) -> str: ...


MakeServer = Callable[[Database, int], Server]


def make_phone_server(engine: Database, port: int) -> Server:
    """The real server on ``port``, its certificate page on :data:`TRUST_PORT`."""
    from yinglou_desk.web.server import PhoneServer  # the web stack loads only when wanted

    return PhoneServer(engine, port=port, trust_port=TRUST_PORT)


class PhoneState(StrEnum):
    OFF = "off"
    STARTING = "starting"
    RUNNING = "running"
    FAILED = "failed"


@dataclass(frozen=True)
class Running:
    """A started server and what the page shows of it, read on the worker once."""

    server: Server
    port: int
    pairing_url: str
    page_url: str
    ca_fingerprint: str


class PhoneService(QObject):
    """Owns this desk's phone server; see the module docstring."""

    changed = Signal()
    said = Signal(str, bool)

    def __init__(
        self,
        engine: Database,
        ops: Operations,
        make_server: MakeServer = make_phone_server,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._engine = engine
        self._ops = ops
        self._make_server = make_server
        self._wanted: tuple[bool, int] = (False, DEFAULT_PHONE_PORT)
        self._running: Running | None = None  # as the GUI thread knows it
        self._stepping = False  # a start or stop is on the worker
        self._failed_for: tuple[bool, int] | None = None
        self.error = ""
        self._closed = False  # the window closed: no step more
        # What really listens, as the worker knows it: closing the window stops this
        # one even when the news of its start has not reached the GUI thread yet.
        self._live: Server | None = None
        self._live_lock = threading.Lock()

    # -- what the desk says ----------------------------------------------------------------

    def apply(self, settings: PcSettings) -> None:
        """Follow this PC's settings: start, stop, or move to another port."""
        self._wanted = (settings.phone_server, settings.phone_port)
        self._failed_for = None  # saved again: worth another try
        self._settle()

    def retry(self) -> None:
        """Try the start that failed again (重试 on the 手机 page)."""
        self._failed_for = None
        self._settle()

    def stop_now(self) -> None:
        """Close the server before the program ends (the window closes): here, at once.

        Call it after the desk's workers are done (``ctx.stop()``), so no start is
        still under way."""
        self._closed = True
        self._wanted = (False, self._wanted[1])
        with self._live_lock:
            live, self._live = self._live, None
        if live is not None:
            live.stop()
        if self._running is not None:
            self._running = None
            self.changed.emit()

    # -- what the page reads -----------------------------------------------------------------

    @property
    def state(self) -> PhoneState:
        if self._stepping and self._wanted[0] and self._running is None:
            return PhoneState.STARTING
        if self._running is not None:
            return PhoneState.RUNNING
        if self._failed_for is not None and self._wanted[0]:
            return PhoneState.FAILED
        return PhoneState.STARTING if self._wanted[0] else PhoneState.OFF

    @property
    def running(self) -> Running | None:
        return self._running

    @property
    def wanted(self) -> bool:
        return self._wanted[0]

    # -- the steps ------------------------------------------------------------------------------

    def _actual(self) -> tuple[bool, int]:
        running = self._running
        return (True, running.port) if running else (False, self._wanted[1])

    def _settle(self) -> None:
        """Take the next step towards what is wanted, unless one is under way."""
        if self._closed:
            return
        if self._stepping or self._wanted == self._actual():
            self.changed.emit()
            return
        if self._wanted == self._failed_for:
            self.changed.emit()
            return
        enabled, port = self._wanted
        old = self._running
        if old is not None:
            self._step(lambda: self._stop(old.server), self._stopped)
        elif enabled:
            self.said.emit(t("phone_desk.starting"), False)
            self._step(lambda: self._start(port), self._started, port)
        self.changed.emit()

    def _step(
        self,
        job: Callable[[], object],
        done: Callable[[object], None],
        port: int | None = None,
    ) -> None:
        self._stepping = True

        def failed(error: BaseException) -> None:
            self._stepping = False
            self._failed_for = self._wanted
            self.error = _failure_text(error, port)
            self.said.emit(self.error, True)
            self._settle()

        def succeeded(value: object) -> None:
            self._stepping = False
            done(value)
            self._settle()

        self._ops.long_write(job, succeeded, failed)

    # on the worker

    def _start(self, port: int) -> Running:
        server = self._make_server(self._engine, port)
        server.start()
        with self._live_lock:
            self._live = server
        return Running(server, port, server.pairing_url, server.page_url, server.ca_fingerprint)

    def _stop(self, server: Server) -> None:
        with self._live_lock:
            if self._live is server:
                self._live = None
        server.stop()

    # back on the GUI thread

    def _started(self, value: object) -> None:
        assert isinstance(value, Running)
        self._running = value
        self.error = ""
        self.said.emit(t("phone_desk.started", url=value.pairing_url), False)

    def _stopped(self, _value: object) -> None:
        self._running = None
        if not self._wanted[0]:
            self.said.emit(t("phone_desk.stopped"), False)


def _failure_text(error: BaseException, port: int | None) -> str:
    """The sentence for a server that would not start (or stop), in the desk's language.

    A port taken is the usual cause: the phone page's port staff can change in 本机设置;
    the certificate page's port they cannot, so that sentence says to close the other
    program instead."""
    taken = _taken_port(error, port)
    if taken == TRUST_PORT:
        return t("phone_desk.trust_port_taken", port=taken)
    if taken is not None:
        return t("phone_desk.port_taken", port=taken)
    return t("phone_desk.failed", error=str(error) or type(error).__name__)


def _taken_port(error: BaseException, port: int | None) -> int | None:
    if isinstance(error, WordedError) and error.key == "phone_web.port_taken":
        taken = error.params.get("port")
        return taken if isinstance(taken, int) else port
    if isinstance(error, OSError) and error.errno == errno.EADDRINUSE:
        return port
    return None
