"""This PC's own settings: its scanners, its sounds, its printers, its phone server.

They describe the hardware on one desk, so they live on that PC (a small
JSON file in the user's config folder), not in the studio's shared database.
Staff change them in the desk's 本机设置 dialog; the file is only ever
written whole (write a copy, then rename), so a crash cannot leave half of it.

The environment variables that came first still win over the file, one
setting at a time, so a shortcut or a script can change one thing for one
start: ``YINGLOU_WEDGE``, ``YINGLOU_SERIAL_SCANNERS`` (comma-separated),
``YINGLOU_SILENT=1``, ``YINGLOU_LABEL_SIZE``, ``YINGLOU_LABEL_DPI`` and
``YINGLOU_LABEL_PRINTER``, ``YINGLOU_RECEIPT_PRINTER``, ``YINGLOU_PHONE_SERVER=1`` and
``YINGLOU_PHONE_PORT``.

Whether phones may scan through this PC (手机理件) is this PC's too: the phone
server listens on this PC's network address, and only the PC by the parcels
should open its ports.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from yinglou_desk import catalogue
from yinglou_desk.devices.serial_scanner import SerialConfig, parse_scanner_spec
from yinglou_desk.devices.wedge import WedgeConfig
from yinglou_desk.domain.wording import listing
from yinglou_desk.services.labels.layout import DEFAULT_SIZE, SIZES, SUPPORTED_DPI
from yinglou_desk.services.phones.ports import DEFAULT_PORT, TRUST_PORT

FILE_NAME = "this-pc.json"
_ENV = {
    "wedge": "YINGLOU_WEDGE",
    "serial_scanners": "YINGLOU_SERIAL_SCANNERS",
    "silent": "YINGLOU_SILENT",
    "label_size": "YINGLOU_LABEL_SIZE",
    "label_dpi": "YINGLOU_LABEL_DPI",
    "label_printer": "YINGLOU_LABEL_PRINTER",
    "receipt_printer": "YINGLOU_RECEIPT_PRINTER",
    "phone_server": "YINGLOU_PHONE_SERVER",
    "phone_port": "YINGLOU_PHONE_PORT",
}
_WHOLE_NUMBERS = ("label_dpi", "phone_port")
_YES_NO = ("silent", "phone_server")

# The phone page's port must be one a program may open without the administrator's
# rights (below 1024 it may not), and not the plain-HTTP trust page's port beside it.
PHONE_PORTS = range(1024, 65536)
DEFAULT_PHONE_PORT = DEFAULT_PORT

_MAY_BE_EMPTY = {"label_printer", "receipt_printer"}  # set empty: "ask with the dialog"


class PcSettingsInvalid(ValueError):
    """A setting that cannot be used; the text says which and why.

    ``key`` names the message in the catalogue when this program wrote it; a
    refusal passed on from the scanner settings' own parser has ``key`` empty.
    """

    def __init__(self, message: str, key: str = "") -> None:
        super().__init__(message)
        self.key = key

    @classmethod
    def saying(cls, key: str, **params: object) -> PcSettingsInvalid:
        """The refusal saying the catalogue sentence ``key``."""
        return cls(catalogue.text(key, None, **params), key)


@dataclass(frozen=True)
class PcSettings:
    """Everything that differs from one desk PC of the studio to the next.

    ``wedge`` is the keyboard-wedge scanner's timing in :meth:`WedgeConfig.parse`
    form (empty: the defaults); each of ``serial_scanners`` is one scanner as
    ``PORT[@BAUD[:TERMINATOR]][=STATION]``; ``label_printer`` empty means "ask
    with the print dialog"; ``receipt_printer`` (小票打印机) empty means "show the
    receipt (取件单) in the print preview", else it prints there straight away.
    """

    wedge: str = ""
    serial_scanners: tuple[str, ...] = ()
    silent: bool = False
    label_size: str = DEFAULT_SIZE
    label_dpi: int = 300
    label_printer: str = ""
    receipt_printer: str = ""
    phone_server: bool = False
    phone_port: int = DEFAULT_PHONE_PORT

    def check(self) -> None:
        """Raise :class:`PcSettingsInvalid` for the first setting that cannot be used."""
        self.wedge_config()
        self.scanner_configs()
        if self.label_size not in SIZES:
            raise PcSettingsInvalid.saying(
                "settings.pc.bad_size", size=repr(self.label_size), choices=listing(list(SIZES))
            )
        if self.label_dpi not in SUPPORTED_DPI:
            raise PcSettingsInvalid.saying("settings.pc.bad_dpi", dpi=self.label_dpi)
        if self.phone_port not in PHONE_PORTS:
            raise PcSettingsInvalid.saying(
                "phone_desk.bad_port",
                port=self.phone_port,
                low=PHONE_PORTS.start,
                high=PHONE_PORTS.stop - 1,
            )
        if self.phone_port == TRUST_PORT:
            raise PcSettingsInvalid.saying("phone_desk.port_is_trust_port", port=TRUST_PORT)

    def wedge_config(self) -> WedgeConfig:
        try:
            return WedgeConfig.parse(self.wedge)
        except ValueError as error:
            raise PcSettingsInvalid(str(error)) from None

    def scanner_configs(self) -> list[SerialConfig]:
        try:
            return [parse_scanner_spec(spec) for spec in self.serial_scanners]
        except ValueError as error:
            raise PcSettingsInvalid(str(error)) from None


def settings_path() -> Path:
    """``this-pc.json`` in the user's config folder (``~/.config/yinglou-desk`` on Linux)."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("yinglou-desk", appauthor=False)) / FILE_NAME


def saved_pc_settings(path: Path | None = None) -> PcSettings:
    """What the file says (defaults where it says nothing), without the environment."""
    path = path or settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return PcSettings()
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise _damaged(path, error) from None
    if not isinstance(data, dict):
        raise _damaged(path, catalogue.text("settings.pc.not_object"))
    try:
        settings = _from_mapping(data)
    except (TypeError, ValueError) as error:
        raise _damaged(path, error) from None
    try:
        settings.check()
    except PcSettingsInvalid as error:
        raise _damaged(path, error) from None
    return settings


def load_pc_settings(
    path: Path | None = None, environ: Mapping[str, str] = os.environ
) -> tuple[PcSettings, str | None]:
    """The settings this start uses — the file, then any environment variable over it —
    and a warning to show when the file was damaged.

    A damaged file does not keep the desk from starting: its defaults are used
    and the warning says so (saving in 本机设置 writes a good file again). A
    setting from the environment that cannot be used raises
    :class:`PcSettingsInvalid`: that was typed on purpose and must be fixed.
    """
    try:
        saved, warning = saved_pc_settings(path), None
    except PcSettingsInvalid as error:
        saved, warning = PcSettings(), str(error)
    return with_environment(saved, environ), warning


def with_environment(settings: PcSettings, environ: Mapping[str, str]) -> PcSettings:
    """``settings`` with each setting that an environment variable names replaced."""
    overrides: dict[str, Any] = {}
    for name, variable in _ENV.items():
        value = environ.get(variable)
        if value is None or (value == "" and name not in _MAY_BE_EMPTY):
            continue
        if name == "serial_scanners":
            overrides[name] = tuple(s.strip() for s in value.split(",") if s.strip())
        elif name in _YES_NO:
            overrides[name] = value == "1"
        elif name in _WHOLE_NUMBERS:
            if not value.strip().isdigit():
                raise PcSettingsInvalid.saying(
                    "settings.pc.not_number", variable=variable, value=repr(value)
                )
            overrides[name] = int(value)
        else:
            overrides[name] = value
    settings = replace(settings, **overrides)
    settings.check()
    return settings


def save_pc_settings(settings: PcSettings, path: Path | None = None) -> Path:
    """Check, then write the whole file at once; a refused setting leaves the file as it was."""
    settings.check()
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = asdict(settings)
    data["serial_scanners"] = list(settings.serial_scanners)
    fresh = path.with_name(path.name + ".new")
    with fresh.open("w", encoding="utf-8") as file:
        json.dump(data, file, ensure_ascii=False, indent=2)
        file.flush()
        os.fsync(file.fileno())
    os.replace(fresh, path)
    return path


def _from_mapping(data: Mapping[str, Any]) -> PcSettings:
    known = {f.name for f in fields(PcSettings)}
    values = {key: value for key, value in data.items() if key in known}
    t = catalogue.text
    for key in ("wedge", "label_size", "label_printer", "receipt_printer"):
        if key in values and not isinstance(values[key], str):
            raise TypeError(t("settings.not_text", setting=key))
    if "serial_scanners" in values:
        scanners = values["serial_scanners"]
        if not isinstance(scanners, list) or not all(isinstance(s, str) for s in scanners):
            raise TypeError(t("settings.pc.not_text_list", setting="serial_scanners"))
        values["serial_scanners"] = tuple(scanners)
    for key in _YES_NO:
        if key in values and not isinstance(values[key], bool):
            raise TypeError(t("settings.not_bool", setting=key))
    for key in _WHOLE_NUMBERS:
        if key in values and type(values[key]) is not int:
            raise TypeError(t("settings.pc.not_whole_number", setting=key))
    return PcSettings(**values)


def _damaged(path: Path, error: object) -> PcSettingsInvalid:
    return PcSettingsInvalid.saying("settings.pc.damaged", path=path, error=error)
