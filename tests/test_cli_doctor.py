"""``yinglou-desk doctor``: the checklist in words, ``--json`` for programs, exit 1 on a
fault — each fault giving its advice."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from yinglou_desk.cli import main
from yinglou_desk.services.checkup import PrinterFacts, Probes
from yinglou_desk.services.checkup.places import MB
from yinglou_desk.storage.engine import make_engine
from yinglou_desk.storage.migrate import migrate_to


@pytest.fixture(autouse=True)
def own_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """This PC's settings and data in the test's own folders."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("YINGLOU_PHONE_TLS_DIR", str(tmp_path / "phone-tls"))
    monkeypatch.delenv("YINGLOU_DB", raising=False)


def devices_fine(monkeypatch: pytest.MonkeyPatch, **changes: object) -> None:
    """Sound and a printer present (the test machine has neither), plus ``changes``."""
    import yinglou_desk.ui.checkup_devices as devices

    probes = Probes(
        sound_outputs=lambda: ["Speakers"],
        printers=lambda: [PrinterFacts("Label", (300,))],
        cjk_fonts=lambda: ["WenQuanYi Micro Hei"],
    )
    probes = replace(probes, **changes)
    monkeypatch.setattr(devices, "command_line_probes", lambda: probes)


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, dict]]:
    code = main(["doctor", "--json", *args])
    lines = json.loads(capsys.readouterr().out)
    return code, {line["key"]: line for line in lines}


def test_a_healthy_database_exits_0_with_every_line_in_json(db_url, capsys, monkeypatch):
    devices_fine(monkeypatch)
    code, found = run_json(capsys, "--db", db_url)
    assert code == 0
    assert found["database"]["status"] == "ok"
    assert found["revision"]["status"] == "ok"
    assert set(found["database"]) >= {"key", "status", "name", "message", "advice", "message_key"}
    assert found["backup"]["status"] == "warn"  # nothing backed up yet: a warning, not a fault


def test_no_database_exits_1_with_its_advice(tmp_path, capsys, monkeypatch):
    devices_fine(monkeypatch)
    missing = tmp_path / "studio.db"
    code = main(["doctor", "--db", str(missing)])
    out = capsys.readouterr().out
    assert code == 1
    assert f"✘ 故障　数据库：找不到数据库文件 {missing}" in out
    assert "    处理办法：第一次使用时，打开桌面程序会自动新建" in out
    assert not missing.exists()


def test_an_old_revision_exits_1_and_says_to_upgrade(empty_db_url, capsys, monkeypatch):
    devices_fine(monkeypatch)
    engine = make_engine(empty_db_url)
    migrate_to(engine, "0009")
    engine.dispose()
    code, found = run_json(capsys, "--db", empty_db_url)
    assert code == 1
    assert found["revision"]["status"] == "fail"
    assert found["revision"]["advice_key"] == "checkup.advice.upgrade"
    assert "yinglou-desk db upgrade" in found["revision"]["advice"]


def test_no_font_exits_1_with_what_to_install(db_url, capsys, monkeypatch):
    devices_fine(monkeypatch, cjk_fonts=lambda: [])
    code, found = run_json(capsys, "--db", db_url)
    assert code == 1
    assert found["font"]["status"] == "fail"
    assert found["font"]["advice_key"] == "checkup.advice.font"


def test_a_full_disk_exits_1_and_shows_the_megabytes(db_url, capsys, monkeypatch):
    devices_fine(monkeypatch, free_bytes=lambda _path: 120 * MB)
    code, found = run_json(capsys, "--db", db_url)
    assert code == 1
    assert found["disk"]["status"] == "fail"
    assert found["disk"]["params"]["free_mb"] == 120
    assert found["disk"]["advice_key"] == "checkup.advice.disk"


def test_a_warning_alone_exits_0(db_url, capsys, monkeypatch):
    devices_fine(monkeypatch, sound_outputs=lambda: [])
    code, found = run_json(capsys, "--db", db_url)
    assert (code, found["sound"]["status"]) == (0, "warn")


def test_the_checklist_in_english(tmp_path, capsys, monkeypatch):
    devices_fine(monkeypatch)
    monkeypatch.setenv("YINGLOU_LANG", "zh")  # --lang sets it; put back after the test
    code = main(["--lang", "en", "doctor", "--db", str(tmp_path / "none.db")])
    out = capsys.readouterr().out
    assert code == 1
    assert "✘ Fault  Database: The database file" in out
    assert "    What to do: " in out
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in out)


@pytest.mark.slow
def test_the_real_command_in_its_own_process(tmp_path):
    """As IT would run it: a process of its own, Qt's devices looked at off-screen."""
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src"),
    }
    env.pop("YINGLOU_DB", None)
    run = subprocess.run(
        [sys.executable, "-m", "yinglou_desk", "doctor", "--json", "--db", str(tmp_path / "x.db")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert run.returncode == 1, run.stderr
    found = {line["key"]: line for line in json.loads(run.stdout)}
    assert found["database"]["message_key"] == "checkup.database.sqlite_missing"
    assert found["sound"]["message_key"] != "checkup.not_checked_here"  # Qt answered
    assert "Traceback" not in run.stderr


@pytest.mark.slow
def test_a_really_full_disk_on_a_tiny_filesystem(tmp_path, sqlite_template):
    """Not a faked figure: the database on a 4 MB file system (tmpfs; needs root)."""
    tiny = tmp_path / "tiny"
    tiny.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(tiny)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("mounting a tiny file system needs root")
    try:
        database = tiny / "studio.db"
        database.write_bytes(sqlite_template.read_bytes())
        env = {
            **os.environ,
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_DATA_HOME": str(tiny / "data"),
            "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src"),
        }
        run = subprocess.run(
            [sys.executable, "-m", "yinglou_desk", "doctor", "--json", "--db", str(database)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        found = {line["key"]: line for line in json.loads(run.stdout)}
        assert run.returncode == 1
        assert found["disk"]["status"] == "fail"
        assert found["disk"]["params"]["free_mb"] < 4
        assert found["database"]["status"] == "ok"
    finally:
        subprocess.run(["umount", str(tiny)], check=True)
