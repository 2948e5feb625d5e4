"""Running the phone page on this PC: the HTTPS app and the plain-HTTP trust page, each a
uvicorn server on a thread of its own, so the desk (or ``yinglou-desk serve``) goes on
while phones scan.

Before it starts, the server certificate is checked against this PC's addresses and
host name and re-issued by the studio CA when they changed (a DHCP lease moved the
PC), so a phone that trusts the CA once keeps working.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn
from sqlalchemy import Engine

from yinglou_desk.domain.wording import WordedError
from yinglou_desk.services.clock import Clock, utc_now
from yinglou_desk.services.phones.addresses import host_name, lan_addresses
from yinglou_desk.services.phones.certificates import (
    ServerCertificate,
    certificates_folder,
    ensure_certificates,
)
from yinglou_desk.services.phones.ports import DEFAULT_PORT, TRUST_PORT
from yinglou_desk.services.settings.studio import current_settings
from yinglou_desk.web.app import phone_app
from yinglou_desk.web.trust import trust_app

_START_TIMEOUT_S = 30.0

log = logging.getLogger("yinglou_desk.phone_server")


class ServerNotStarted(WordedError):
    """A port taken, or an address this PC does not have: said in words."""


@dataclass(frozen=True)
class Addresses:
    """Where phones reach this PC: the first LAN address is the one the QR code shows."""

    lan: tuple[str, ...]
    port: int
    trust_port: int

    @property
    def main(self) -> str:
        return self.lan[0] if self.lan else "127.0.0.1"

    @property
    def page_url(self) -> str:
        return f"https://{self.main}:{self.port}/"

    @property
    def pairing_url(self) -> str:
        return f"http://{self.main}:{self.trust_port}/"


class _Thread:
    """One uvicorn server on its own thread, with its own event loop."""

    def __init__(self, app: Any, name: str, **config: Any) -> None:
        self.server = uvicorn.Server(
            uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", **config)
        )
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name=name, daemon=True)

    def _run(self) -> None:
        try:
            asyncio.run(self.server.serve())
        except BaseException as error:  # noqa: BLE001 - reported to whoever started it
            self.error = error

    def start(self) -> None:
        self.thread.start()

    def wait_started(self, timeout: float) -> bool:
        waited = 0.0
        while waited < timeout:
            if self.server.started:
                return True
            if not self.thread.is_alive():
                return False
            self.thread.join(0.05)
            waited += 0.05
        return self.server.started

    def stop(self) -> None:
        self.server.should_exit = True
        if self.thread.is_alive():
            self.thread.join(10)

    @property
    def port(self) -> int:
        """The port it listens on (the one asked for, or the one given for port 0)."""
        for server in self.server.servers:
            for sock in server.sockets:
                return int(sock.getsockname()[1])
        return int(self.server.config.port)


class PhoneServer:
    """Both servers for ``engine``'s studio; ``start`` and ``stop`` from any thread.

    ``port=0`` / ``trust_port=0`` take free ports (tests); ``host`` is where to listen
    (every address by default, so phones on the Wi-Fi reach it).
    """

    def __init__(
        self,
        engine: Engine,
        *,
        port: int = DEFAULT_PORT,
        trust_port: int = TRUST_PORT,
        host: str = "0.0.0.0",
        folder: Path | None = None,
        clock: Clock = utc_now,
    ) -> None:
        self._engine = engine
        self._port, self._trust_port, self._host = port, trust_port, host
        self._folder = folder
        self._clock = clock
        self._servers: list[_Thread] = []
        self._lock = threading.Lock()
        self.certificate: ServerCertificate | None = None
        self.addresses = Addresses((), port, trust_port)

    @property
    def running(self) -> bool:
        return bool(self._servers) and all(s.thread.is_alive() for s in self._servers)

    @property
    def page_url(self) -> str:
        return self.addresses.page_url

    @property
    def pairing_url(self) -> str:
        return self.addresses.pairing_url

    @property
    def ca_fingerprint(self) -> str:
        return self.certificate.ca_fingerprint_sha256 if self.certificate else ""

    def start(self) -> None:
        """Make or renew the certificate, then start both servers; on failure nothing runs
        and :class:`ServerNotStarted` says why."""
        with self._lock:
            if self._servers:
                return
            lan = tuple(lan_addresses())
            folder = self._folder or certificates_folder()
            studio = current_settings(self._engine).studio
            self.certificate = ensure_certificates(folder, lan, host_name(), studio=studio)
            page = _Thread(
                phone_app(self._engine, clock=self._clock),
                "phone-page",
                host=self._host,
                port=self._port,
                ssl_certfile=str(self.certificate.cert_path),
                ssl_keyfile=str(self.certificate.key_path),
            )
            started = [page]
            page.start()
            if not page.wait_started(_START_TIMEOUT_S):
                self._fail(started, self._port)
            trust = _Thread(
                trust_app(
                    https_port=page.port,
                    ca_der=self.certificate.ca_der,
                    studio=studio,
                    fingerprint=self.certificate.ca_fingerprint_sha256,
                ),
                "phone-trust",
                host=self._host,
                port=self._trust_port,
            )
            started.append(trust)
            trust.start()
            if not trust.wait_started(_START_TIMEOUT_S):
                self._fail(started, self._trust_port)
            self._servers = started
            self.addresses = Addresses(lan, page.port, trust.port)
            log.info("phone page on %s", self.addresses.page_url)

    def _fail(self, started: list[_Thread], port: int) -> None:
        errors = [s.error for s in started if s.error is not None]
        for server in started:
            server.stop()
        log.warning("phone server did not start: %s", errors)
        raise ServerNotStarted("phone_web.port_taken", port=port)

    def stop(self) -> None:
        with self._lock:
            for server in reversed(self._servers):
                server.stop()
            self._servers = []
