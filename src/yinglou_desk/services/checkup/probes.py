"""What the self-check asks of this PC, each question a callable a test can replace.

The defaults look at the real PC. ``sound_outputs`` and ``printers`` need Qt and have
no default here (services never import it): without them those checks say they could
not look.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from yinglou_desk.services.checkup.fonts import cjk_font_families
from yinglou_desk.services.clock import utc_now
from yinglou_desk.services.settings.this_pc import PcSettings, load_pc_settings, settings_path


@dataclass(frozen=True)
class PrinterFacts:
    """A printer as the system lists it, and the resolutions (dpi) its driver offers
    (empty when the driver does not say)."""

    name: str
    resolutions: tuple[int, ...] = ()
    default: bool = False


def free_bytes(path: Path) -> int:
    return shutil.disk_usage(path).free


def serial_port_names() -> list[str]:
    from yinglou_desk.devices.serial_scanner import list_serial_ports

    return [port.device for port in list_serial_ports()]


def phone_folder() -> Path:
    from yinglou_desk.services.phones.certificates import certificates_folder

    return certificates_folder()


def phone_addresses() -> list[str]:
    from yinglou_desk.services.phones.addresses import lan_addresses

    return lan_addresses()


def phone_host() -> str:
    from yinglou_desk.services.phones.addresses import host_name

    return host_name()


@dataclass(frozen=True)
class Probes:
    """Every question a check asks; see the module docstring."""

    free_bytes: Callable[[Path], int] = free_bytes
    cjk_fonts: Callable[[], list[str]] = cjk_font_families
    serial_ports: Callable[[], list[str]] = serial_port_names
    sound_outputs: Callable[[], list[str]] | None = None
    printers: Callable[[], list[PrinterFacts]] | None = None
    now: Callable[[], datetime] = utc_now
    pc_settings: Callable[[], tuple[PcSettings, str | None]] = field(
        default=lambda: load_pc_settings()
    )
    pc_settings_path: Callable[[], Path] = settings_path
    phone_folder: Callable[[], Path] = phone_folder
    phone_addresses: Callable[[], list[str]] = phone_addresses
    phone_host: Callable[[], str] = phone_host
