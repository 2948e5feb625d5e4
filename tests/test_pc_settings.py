"""This PC's settings file: written whole, read back, overridden by the environment, and
refused (file unchanged) when a setting cannot be used."""

from __future__ import annotations

import json
from argparse import Namespace
from pathlib import Path

import pytest

from yinglou_desk.cli.gui_command import serial_configs
from yinglou_desk.cli.output import CliError
from yinglou_desk.devices.serial_scanner import Terminator
from yinglou_desk.services.settings.this_pc import (
    PcSettings,
    PcSettingsInvalid,
    load_pc_settings,
    save_pc_settings,
    saved_pc_settings,
)

SCANNERS = ("/dev/ttyUSB0@115200:crlf=check-in", "COM3@9600:any")


def test_saved_settings_come_back_exactly(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "this-pc.json"
    wanted = PcSettings(
        wedge="gap_ms=80,end=enter",
        serial_scanners=SCANNERS,
        silent=True,
        label_size="60x40",
        label_dpi=203,
        label_printer="斑马 ZD420",
    )
    save_pc_settings(wanted, path)
    assert saved_pc_settings(path) == wanted
    assert load_pc_settings(path, environ={}) == (wanted, None)
    assert json.loads(path.read_text(encoding="utf-8"))["label_printer"] == "斑马 ZD420"
    assert [p.name for p in path.parent.iterdir()] == ["this-pc.json"]  # no copy left behind


def test_no_file_means_the_defaults(tmp_path: Path) -> None:
    settings, warning = load_pc_settings(tmp_path / "none.json", environ={})
    assert (settings, warning) == (PcSettings(), None)
    assert settings.wedge_config().max_gap_s == 0.050
    assert settings.scanner_configs() == []


def test_an_environment_variable_wins_over_the_file_for_its_setting_only(tmp_path: Path) -> None:
    path = save_pc_settings(
        PcSettings(serial_scanners=SCANNERS, label_size="60x40"), tmp_path / "p"
    )
    environ = {"YINGLOU_LABEL_DPI": "203", "YINGLOU_SILENT": "1", "YINGLOU_WEDGE": "min=5"}
    settings, _ = load_pc_settings(path, environ)
    assert (settings.label_size, settings.label_dpi, settings.silent) == ("60x40", 203, True)
    assert settings.wedge_config().min_length == 5
    assert settings.serial_scanners == SCANNERS
    scanners = load_pc_settings(path, {"YINGLOU_SERIAL_SCANNERS": " COM7=pickup , "})[0]
    assert scanners.serial_scanners == ("COM7=pickup",)


def test_windows_port_names_in_the_environment_open_those_ports(tmp_path: Path) -> None:
    environ = {"YINGLOU_SERIAL_SCANNERS": r"COM3=check-in, \\.\COM12@115200:crlf=pickup"}
    settings, _ = load_pc_settings(tmp_path / "none.json", environ)
    configs = settings.scanner_configs()
    assert [(c.port, c.baud, c.station) for c in configs] == [
        ("COM3", 9600, "check-in"),
        (r"\\.\COM12", 115200, "pickup"),
    ]
    assert configs[1].terminator is Terminator.CRLF


@pytest.mark.parametrize(
    ("settings", "said"),
    [
        (PcSettings(label_size="100x100"), "标签尺寸"),
        (PcSettings(label_dpi=600), "分辨率"),
        (PcSettings(wedge="gap=5"), "扫描枪设置无效"),
        (PcSettings(serial_scanners=("COM3@fast",)), "扫描枪设置无效"),
        (PcSettings(serial_scanners=("COM3=kitchen",)), "未知站点"),
    ],
)
def test_a_setting_that_cannot_be_used_is_refused_and_the_file_kept(
    tmp_path: Path, settings: PcSettings, said: str
) -> None:
    path = save_pc_settings(PcSettings(label_size="40x30"), tmp_path / "this-pc.json")
    before = path.read_bytes()
    with pytest.raises(PcSettingsInvalid, match=said):
        save_pc_settings(settings, path)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"[1, 2]", b'{"label_dpi": "300"}', b'{"label_size": "9x9"}', b"\xff\xfe"],
)
def test_a_damaged_file_starts_with_the_defaults_and_says_so(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "this-pc.json"
    path.write_bytes(content)
    settings, warning = load_pc_settings(path, environ={"YINGLOU_LABEL_SIZE": "62x29"})
    assert settings == PcSettings(label_size="62x29")  # the environment still applies
    assert warning is not None
    assert str(path) in warning
    assert "默认设置" in warning


def test_a_bad_environment_variable_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PcSettingsInvalid, match="YINGLOU_LABEL_DPI"):
        load_pc_settings(tmp_path / "none.json", {"YINGLOU_LABEL_DPI": "high"})
    with pytest.raises(PcSettingsInvalid, match="标签尺寸"):
        load_pc_settings(tmp_path / "none.json", {"YINGLOU_LABEL_SIZE": "A4"})


def test_gui_opens_the_saved_scanners_and_a_serial_option_wins_for_its_port() -> None:
    pc = PcSettings(serial_scanners=SCANNERS)
    configs = serial_configs(Namespace(serial=["COM3@19200:cr=pickup"]), pc)
    assert [(c.port, c.baud, c.terminator, c.station) for c in configs] == [
        ("/dev/ttyUSB0", 115200, Terminator.CRLF, "check-in"),
        ("COM3", 19200, Terminator.CR, "pickup"),
    ]
    with pytest.raises(CliError, match="扫描枪设置缺少串口名"):
        serial_configs(Namespace(serial=["@9600"]), pc)
