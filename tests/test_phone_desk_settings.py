"""本机设置's 允许手机扫码 and its port: saved and read back, overridden by the environment,
and a port the phone server could not open refused before anything is written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from yinglou_desk.services.settings.this_pc import (
    DEFAULT_PHONE_PORT,
    TRUST_PORT,
    PcSettings,
    PcSettingsInvalid,
    load_pc_settings,
    save_pc_settings,
    saved_pc_settings,
)


def test_phones_are_off_by_default_on_the_usual_port(tmp_path: Path) -> None:
    settings, warning = load_pc_settings(tmp_path / "none.json", environ={})
    assert warning is None
    assert (settings.phone_server, settings.phone_port) == (False, DEFAULT_PHONE_PORT)


def test_the_phone_setting_comes_back_exactly(tmp_path: Path) -> None:
    path = tmp_path / "this-pc.json"
    wanted = PcSettings(phone_server=True, phone_port=9443, silent=True)
    save_pc_settings(wanted, path)
    assert saved_pc_settings(path) == wanted
    data = json.loads(path.read_text(encoding="utf-8"))
    assert (data["phone_server"], data["phone_port"]) == (True, 9443)


def test_the_environment_turns_phones_on_for_one_start(tmp_path: Path) -> None:
    path = save_pc_settings(PcSettings(phone_port=9443), tmp_path / "this-pc.json")
    on, _ = load_pc_settings(path, {"YINGLOU_PHONE_SERVER": "1"})
    assert (on.phone_server, on.phone_port) == (True, 9443)
    moved, _ = load_pc_settings(path, {"YINGLOU_PHONE_PORT": "10443"})
    assert (moved.phone_server, moved.phone_port) == (False, 10443)
    saved_on = save_pc_settings(PcSettings(phone_server=True), tmp_path / "on.json")
    off, _ = load_pc_settings(saved_on, {"YINGLOU_PHONE_SERVER": "0"})
    assert off.phone_server is False
    assert saved_pc_settings(path) == PcSettings(phone_port=9443)  # the file is untouched


@pytest.mark.parametrize(
    ("port", "key"),
    [
        (80, "phone_desk.bad_port"),  # needs the administrator's rights
        (1023, "phone_desk.bad_port"),
        (65536, "phone_desk.bad_port"),
        (0, "phone_desk.bad_port"),
        (TRUST_PORT, "phone_desk.port_is_trust_port"),
    ],
)
def test_a_port_the_server_cannot_open_is_refused_and_the_file_kept(
    tmp_path: Path, port: int, key: str
) -> None:
    path = save_pc_settings(PcSettings(phone_server=True), tmp_path / "this-pc.json")
    before = path.read_bytes()
    with pytest.raises(PcSettingsInvalid) as refused:
        save_pc_settings(PcSettings(phone_server=True, phone_port=port), path)
    assert refused.value.key == key
    assert path.read_bytes() == before


def test_the_edges_of_the_port_range_are_accepted(tmp_path: Path) -> None:
    for port in (1024, 65535):
        path = save_pc_settings(PcSettings(phone_port=port), tmp_path / f"{port}.json")
        assert saved_pc_settings(path).phone_port == port


@pytest.mark.parametrize(
    "content",
    [
        b'{"phone_server": "yes"}',
        b'{"phone_port": "8443"}',
        b'{"phone_port": true}',
        b'{"phone_port": 22}',
    ],
)
def test_a_file_with_an_unusable_phone_setting_starts_with_phones_off(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "this-pc.json"
    path.write_bytes(content)
    settings, warning = load_pc_settings(path, environ={})
    assert settings == PcSettings()
    assert warning is not None
    assert str(path) in warning


def test_a_bad_phone_port_in_the_environment_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PcSettingsInvalid) as not_number:
        load_pc_settings(tmp_path / "none.json", {"YINGLOU_PHONE_PORT": "https"})
    assert not_number.value.key == "settings.pc.not_number"
    with pytest.raises(PcSettingsInvalid) as too_low:
        load_pc_settings(tmp_path / "none.json", {"YINGLOU_PHONE_PORT": "443"})
    assert too_low.value.key == "phone_desk.bad_port"
