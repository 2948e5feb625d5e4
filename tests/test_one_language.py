"""One language at a time: the command line and the scanner settings speak Chinese, or all
English with ``YINGLOU_LANG=en`` — never "中文 / English" in one message."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from yinglou_desk.devices.errors import ScannerSettingInvalid
from yinglou_desk.devices.serial_scanner import parse_scanner_spec
from yinglou_desk.devices.wedge import WedgeConfig

from .helpers.cli import run_cli

HAN = re.compile(r"[\u4e00-\u9fff]")


def _commands(db: Path) -> list[tuple[str, ...]]:
    url = ("--db", str(db))
    return [
        ("-h",),
        ("scan", "-h"),
        ("scan",),  # argparse's own refusal
        ("vendor", "add", "Lab One", "--turnaround-days", "7", *url),
        ("show", "0000", *url),
        ("due", *url),
        ("settings", "set", "no_such_setting", "1", *url),
        ("demo", "--orders", "0", *url),
        ("import", "-h"),
        ("reconcile", "-h"),
        ("labels", "-h"),
        ("restore", "-h"),
        ("import", "orders", "/no/such/sheet.xlsx", *url),
        ("labels", "--item", "123", "-o", "/no/such/folder/labels.pdf", *url),
    ]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_command_line_speaks_one_language(lang, tmp_path, sqlite_template) -> None:
    db = tmp_path / "studio.db"
    shutil.copy(sqlite_template, db)
    for command in _commands(db):
        run = run_cli(*command, env={"YINGLOU_LANG": lang})
        said = run.out + run.err
        assert said.strip(), command
        assert "Traceback" not in said, said
        if lang == "en":
            assert not HAN.search(said), (command, said)
        else:
            assert HAN.search(said), (command, said)
            assert " / " not in said, (command, said)


SCANNER_SETTINGS = [
    (lambda: parse_scanner_spec("=check-in"), "devices.serial.no_port"),
    (lambda: parse_scanner_spec("COM3=kitchen"), "devices.serial.unknown_station"),
    (lambda: parse_scanner_spec("COM3@fast"), "devices.serial.bad_spec"),
    (lambda: parse_scanner_spec("COM3@0"), "devices.serial.bad_baud"),
    (lambda: WedgeConfig.parse("gap=5"), "devices.wedge.bad"),
    (lambda: WedgeConfig.parse("gap_ms=fast"), "devices.wedge.bad"),
    (lambda: WedgeConfig.parse("min=0"), "devices.wedge.min"),
    (lambda: WedgeConfig.parse("end=space"), "devices.wedge.ends"),
    (lambda: WedgeConfig(max_gap_s=0), "devices.wedge.gap"),
]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_refused_scanner_setting_says_why_in_one_language(lang, monkeypatch) -> None:
    monkeypatch.setenv("YINGLOU_LANG", lang)
    for attempt, key in SCANNER_SETTINGS:
        with pytest.raises(ScannerSettingInvalid) as refused:
            attempt()
        assert refused.value.key == key
        assert isinstance(refused.value, ValueError)  # what callers have always caught
        message = str(refused.value)
        if lang == "en":
            assert not HAN.search(message), message
        else:
            assert HAN.search(message), message
            assert " / " not in message, message


@pytest.mark.parametrize("spelling", [("--lang", "en"), ("--lang=en",)])
def test_lang_en_before_the_command_makes_everything_english(spelling, tmp_path, sqlite_template):
    """``--lang en`` works like ``YINGLOU_LANG=en``: help, refusals and output alike."""
    db = tmp_path / "studio.db"
    shutil.copy(sqlite_template, db)
    for command in (
        ("-h",),
        ("show", "0000", "--db", str(db)),
        ("backup", "-o", str(db), "--db", str(db)),
    ):
        run = run_cli(*spelling, *command, env={"YINGLOU_LANG": "zh"})
        said = run.out + run.err
        assert said.strip(), command
        assert not HAN.search(said), (command, said)
    refused = run_cli(*spelling, "backup", "-o", str(db), "--db", str(db))
    assert refused.code == 2
    assert "Cannot write the backup" in refused.err
