"""自检: each check failing in turn says so, with its own advice — and changes nothing.

The PC is faked through :class:`Probes` (free space, fonts, ports, sound, printers,
the clock, 本机设置, the phone certificates' folder and addresses); the database is a
real one on SQLite and PostgreSQL.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from yinglou_desk.services.checkup import (
    Check,
    PrinterFacts,
    Probes,
    Status,
    plain_text,
    run_checks,
)
from yinglou_desk.services.checkup.places import DISK_FAIL_BELOW, DISK_WARN_BELOW, MB
from yinglou_desk.services.checkup.run import KEYS
from yinglou_desk.services.phones.certificates import ensure_certificates
from yinglou_desk.services.settings.this_pc import PcSettings, PcSettingsInvalid
from yinglou_desk.storage.engine import make_engine
from yinglou_desk.storage.migrate import current_revision, head_revision, migrate_to

from .helpers.clock import studio_time

NOW = studio_time(2026, 12, 3, 10)
GB = 1024 * MB
LAN = "192.168.1.20"


def fake_probes(tmp_path: Path, pc: PcSettings | None = None, **changes: object) -> Probes:
    """A PC where everything is fine; ``changes`` replace one probe each."""
    settings = pc or PcSettings()
    probes = Probes(
        free_bytes=lambda _path: 50 * GB,
        cjk_fonts=lambda: ["WenQuanYi Micro Hei"],
        serial_ports=lambda: ["/dev/ttyUSB0"],
        sound_outputs=lambda: ["Speakers"],
        printers=lambda: [PrinterFacts("Label", (203, 300), default=True)],
        now=lambda: NOW,
        pc_settings=lambda: (settings, None),
        pc_settings_path=lambda: tmp_path / "config" / "this-pc.json",
        phone_folder=lambda: tmp_path / "phone-tls",
        phone_addresses=lambda: [LAN, "127.0.0.1"],
        phone_host=lambda: "desk",
    )
    return replace(probes, **changes)


def by_key(checks: list[Check]) -> dict[str, Check]:
    assert [c.key for c in checks] == list(KEYS)
    return {c.key: c for c in checks}


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


# -- the database ---------------------------------------------------------------------------


def test_a_studio_in_order_is_all_ok_but_for_the_backup_line(db_url, tmp_path):
    found = by_key(run_checks(db_url, fake_probes(tmp_path)))
    assert found["database"].status is Status.OK
    assert found["revision"].status is Status.OK
    assert found["revision"].params["revision"] == head_revision()
    others = {k: c.status for k, c in found.items() if k != "backup"}
    assert set(others.values()) == {Status.OK}, others
    backup = found["backup"]
    assert backup.status is Status.WARN
    expected = "checkup.backup.none" if db_url.startswith("sqlite") else "checkup.backup.server"
    assert backup.message == expected


def test_no_database_file_fails_with_its_advice_and_nothing_is_created(tmp_path):
    missing = tmp_path / "gone" / "studio.db"
    found = by_key(run_checks(sqlite_url(missing), fake_probes(tmp_path)))
    assert found["database"].status is Status.FAIL
    assert found["database"].message == "checkup.database.sqlite_missing"
    assert found["database"].advice == "checkup.advice.sqlite_missing"
    assert found["revision"].status is Status.WARN
    assert found["revision"].advice == "checkup.advice.database_first"
    assert not missing.parent.exists()  # the self-check made neither the file nor its folder


def test_a_server_that_does_not_answer_fails_with_the_network_advice(tmp_path):
    url = "postgresql+psycopg://studio:secret@127.0.0.1:1/studio"
    found = by_key(run_checks(url, fake_probes(tmp_path)))
    database = found["database"]
    assert database.status is Status.FAIL
    assert database.message == "checkup.database.unreachable"
    assert database.advice == "checkup.advice.server"
    assert "secret" not in database.message_text() + (database.advice_text() or "")


def test_an_address_that_does_not_parse_fails_and_hides_the_password(tmp_path):
    found = by_key(run_checks("nonsense://a:secret@", fake_probes(tmp_path)))
    assert found["database"].status is Status.FAIL
    assert found["database"].advice in ("checkup.advice.bad_url", "checkup.advice.no_driver")
    assert "secret" not in plain_text(found.values())


def test_an_old_revision_fails_with_the_upgrade_advice_and_is_left_as_it_was(
    empty_db_url, tmp_path
):
    engine = make_engine(empty_db_url)
    migrate_to(engine, "0010")
    try:
        found = by_key(run_checks(empty_db_url, fake_probes(tmp_path)))
        revision = found["revision"]
        assert found["database"].status is Status.OK
        assert revision.status is Status.FAIL
        assert revision.message == "checkup.revision.old"
        assert revision.advice == "checkup.advice.upgrade"
        assert revision.params == {"current": "0010", "head": head_revision()}
        assert "yinglou-desk db upgrade" in (revision.advice_text() or "")
        assert current_revision(engine) == "0010"  # not migrated by the check
    finally:
        engine.dispose()


def test_an_empty_database_asks_for_the_tables(empty_db_url, tmp_path):
    if empty_db_url.startswith("sqlite"):
        sqlite3.connect(empty_db_url.removeprefix("sqlite:///")).close()
    revision = by_key(run_checks(empty_db_url, fake_probes(tmp_path)))["revision"]
    assert revision.message == "checkup.revision.empty"
    assert revision.advice == "checkup.advice.upgrade"


def test_a_revision_from_a_newer_program_says_to_upgrade_the_program(tmp_path, sqlite_template):
    copy = tmp_path / "newer.db"
    copy.write_bytes(sqlite_template.read_bytes())
    with sqlite3.connect(copy) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    revision = by_key(run_checks(sqlite_url(copy), fake_probes(tmp_path)))["revision"]
    assert revision.status is Status.FAIL
    assert revision.advice == "checkup.advice.newer_program"


@pytest.mark.parametrize("kind", ["other program", "not a database"])
def test_another_programs_database_fails(tmp_path, kind):
    path = tmp_path / "other.db"
    if kind == "other program":
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE customers (id INTEGER)")
    else:
        path.write_text("name,phone\n", encoding="utf-8")
    found = by_key(run_checks(sqlite_url(path), fake_probes(tmp_path)))
    assert found["database"].status is Status.FAIL
    assert found["database"].advice == "checkup.advice.not_ours"


# -- disk and backups -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("free", "status", "key"),
    [
        (DISK_FAIL_BELOW - MB, Status.FAIL, "checkup.disk.full"),
        (DISK_WARN_BELOW - MB, Status.WARN, "checkup.disk.low"),
        (DISK_WARN_BELOW + MB, Status.OK, "checkup.disk.ok"),
    ],
)
def test_free_space_below_the_limits_warns_then_fails(tmp_path, sqlite_template, free, status, key):
    database = tmp_path / "studio.db"
    database.write_bytes(sqlite_template.read_bytes())
    asked: list[Path] = []

    def free_bytes(path: Path) -> int:
        asked.append(path)
        return free

    disk = by_key(run_checks(sqlite_url(database), fake_probes(tmp_path, free_bytes=free_bytes)))[
        "disk"
    ]
    assert (disk.status, disk.message) == (status, key)
    assert disk.params["free_mb"] == free // MB
    assert tmp_path in asked  # the database's folder was looked at
    if status is not Status.OK:
        assert disk.advice == "checkup.advice.disk"
        assert str(tmp_path / "backups") in (disk.advice_text() or "")


def test_a_full_disk_shows_the_megabytes_left(tmp_path):
    probes = fake_probes(tmp_path, free_bytes=lambda _p: 42 * MB)
    disk = by_key(run_checks(sqlite_url(tmp_path / "x.db"), probes))["disk"]
    assert disk.status is Status.FAIL
    assert "42 MB" in disk.message_text()


def _backup_named(folder: Path, stamp: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / f"yinglou-{stamp}-daily.db"
    path.write_bytes(b"")
    return path


def test_the_backup_line_says_where_and_how_old(tmp_path, sqlite_template):
    database = tmp_path / "studio.db"
    database.write_bytes(sqlite_template.read_bytes())
    url = sqlite_url(database)
    backups = tmp_path / "backups"

    none = by_key(run_checks(url, fake_probes(tmp_path)))["backup"]
    assert (none.status, none.advice) == (Status.WARN, "checkup.advice.backup")
    assert str(backups) in none.message_text()

    _backup_named(backups, "20261120-090000")  # 13 days before NOW
    old = by_key(run_checks(url, fake_probes(tmp_path)))["backup"]
    assert (old.status, old.message, old.params["days"]) == (Status.WARN, "checkup.backup.old", 13)

    _backup_named(backups, "20261201-090000")
    recent = by_key(run_checks(url, fake_probes(tmp_path)))["backup"]
    assert (recent.status, recent.params["days"]) == (Status.OK, 2)
    assert recent.params["folder"] == str(backups)


# -- this PC ----------------------------------------------------------------------------------


def test_no_chinese_font_fails_with_what_to_install(tmp_path, db_url):
    font = by_key(run_checks(db_url, fake_probes(tmp_path, cjk_fonts=lambda: [])))["font"]
    assert (font.status, font.advice) == (Status.FAIL, "checkup.advice.font")
    assert "文泉驿微米黑" in (font.advice_text() or "")


def test_a_configured_serial_port_that_is_missing_fails(tmp_path, db_url):
    pc = PcSettings(serial_scanners=("/dev/ttyUSB7@9600:crlf=check-in",))
    missing = by_key(run_checks(db_url, fake_probes(tmp_path, pc)))["serial"]
    assert missing.status is Status.FAIL
    assert missing.params["missing"] == ["/dev/ttyUSB7"]
    assert missing.advice in ("checkup.advice.serial", "checkup.advice.serial_windows")

    present = by_key(
        run_checks(db_url, fake_probes(tmp_path, pc, serial_ports=lambda: ["/dev/ttyUSB7"]))
    )
    assert present["serial"].status is Status.OK
    assert by_key(run_checks(db_url, fake_probes(tmp_path)))["serial"].message == (
        "checkup.serial.none_set"
    )


def test_no_sound_device_warns_unless_the_pc_is_silent(tmp_path, db_url):
    quiet = by_key(run_checks(db_url, fake_probes(tmp_path, sound_outputs=lambda: [])))["sound"]
    assert (quiet.status, quiet.advice) == (Status.WARN, "checkup.advice.sound")
    silent = fake_probes(tmp_path, PcSettings(silent=True), sound_outputs=lambda: [])
    assert by_key(run_checks(db_url, silent))["sound"].status is Status.OK
    unknown = by_key(run_checks(db_url, fake_probes(tmp_path, sound_outputs=None)))["sound"]
    assert (unknown.status, unknown.message) == (Status.WARN, "checkup.not_checked_here")


def test_a_missing_label_printer_fails_and_a_wrong_resolution_warns(tmp_path, db_url):
    pc = PcSettings(label_printer="Zebra", label_dpi=300)
    missing = by_key(run_checks(db_url, fake_probes(tmp_path, pc)))["label_printer"]
    assert (missing.status, missing.advice) == (Status.FAIL, "checkup.advice.printer_missing")
    assert missing.params["available"] == ["Label"]

    zebra = lambda: [PrinterFacts("Zebra", (203,))]  # noqa: E731
    low = by_key(run_checks(db_url, fake_probes(tmp_path, pc, printers=zebra)))["label_printer"]
    assert (low.status, low.advice) == (Status.WARN, "checkup.advice.label_dpi")
    assert low.advice_params == {"dpi": 203}

    right = fake_probes(tmp_path, replace(pc, label_dpi=203), printers=zebra)
    assert by_key(run_checks(db_url, right))["label_printer"].status is Status.OK


def test_no_printer_warns_and_a_missing_receipt_printer_fails(tmp_path, db_url):
    none = by_key(run_checks(db_url, fake_probes(tmp_path, printers=lambda: [])))["printers"]
    assert (none.status, none.advice) == (Status.WARN, "checkup.advice.printers")
    pc = PcSettings(receipt_printer="POS-80")
    receipt = by_key(run_checks(db_url, fake_probes(tmp_path, pc)))["printers"]
    assert (receipt.status, receipt.message) == (Status.FAIL, "checkup.printers.receipt_missing")


def test_a_damaged_settings_file_warns_and_a_bad_variable_fails(tmp_path, db_url):
    damaged = fake_probes(tmp_path, pc_settings=lambda: (PcSettings(), "坏了"))
    line = by_key(run_checks(db_url, damaged))["pc_settings"]
    assert (line.status, line.advice) == (Status.WARN, "checkup.advice.pc_settings_damaged")

    def refuse() -> tuple[PcSettings, str | None]:
        raise PcSettingsInvalid("YINGLOU_LABEL_DPI")

    bad = by_key(run_checks(db_url, fake_probes(tmp_path, pc_settings=refuse)))["pc_settings"]
    assert (bad.status, bad.advice) == (Status.FAIL, "checkup.advice.pc_settings_environment")


# -- the phone server's certificate -------------------------------------------------------------


def test_the_phone_certificate_line(tmp_path, db_url):
    on = PcSettings(phone_server=True, phone_port=8443)
    off = by_key(run_checks(db_url, fake_probes(tmp_path)))["phone_cert"]
    assert (off.status, off.message) == (Status.OK, "checkup.phone_cert.off")

    absent = by_key(run_checks(db_url, fake_probes(tmp_path, on)))["phone_cert"]
    assert (absent.status, absent.advice) == (Status.FAIL, "checkup.advice.phone_new_ca")
    assert not (tmp_path / "phone-tls").exists()  # looked at, not made

    folder = tmp_path / "phone-tls"
    ensure_certificates(folder, [LAN], "desk", now=NOW - timedelta(days=800))
    expired = by_key(run_checks(db_url, fake_probes(tmp_path, on)))["phone_cert"]
    assert (expired.status, expired.message) == (Status.FAIL, "checkup.phone_cert.expired")
    assert expired.advice == "checkup.advice.phone_renew"

    ensure_certificates(folder, [LAN], "desk", now=NOW)
    fine = by_key(run_checks(db_url, fake_probes(tmp_path, on)))["phone_cert"]
    assert fine.status is Status.OK
    assert fine.params["url"] == f"https://{LAN}:8443/"

    moved = fake_probes(tmp_path, on, phone_addresses=lambda: ["10.0.0.7", "127.0.0.1"])
    elsewhere = by_key(run_checks(db_url, moved))["phone_cert"]
    assert (elsewhere.status, elsewhere.advice) == (Status.WARN, "checkup.advice.phone_renew")
    assert elsewhere.params["missing"] == ["10.0.0.7"]

    (folder / "server.pem").unlink()
    gone = by_key(run_checks(db_url, fake_probes(tmp_path, on)))["phone_cert"]
    assert (gone.status, gone.message) == (Status.FAIL, "checkup.phone_cert.missing")


# -- the list ---------------------------------------------------------------------------------


def test_a_probe_that_breaks_is_one_line_not_the_end_of_the_list(tmp_path, db_url):
    def broken() -> list[str]:
        raise RuntimeError("driver crashed")

    found = by_key(run_checks(db_url, fake_probes(tmp_path, cjk_fonts=broken)))
    assert found["font"].status is Status.WARN
    assert "driver crashed" in found["font"].message_text()
    assert found["phone_cert"].status is Status.OK


def test_the_text_puts_the_advice_under_each_failure(tmp_path):
    checks = run_checks(sqlite_url(tmp_path / "none.db"), fake_probes(tmp_path, cjk_fonts=list))
    shown = plain_text(checks, "自检").splitlines()
    assert shown[0] == "自检"
    font = next(i for i, line in enumerate(shown) if "中文字体" in line)
    assert shown[font].startswith("✘ 故障")
    assert shown[font + 1].startswith("    处理办法：")
    assert "2 项故障" in shown[-1]
    english = plain_text(checks, lang="en")
    assert "What to do:" in english
    assert "处理" not in english


def test_the_check_reads_the_database_without_writing(engine, db_url, tmp_path):
    """A check is a reader: the scan log and audit log are untouched."""
    with engine.connect() as conn:
        before = conn.execute(text("SELECT count(*) FROM audit_log")).scalar()
    run_checks(db_url, fake_probes(tmp_path))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_log")).scalar() == before


# -- the real font finder -----------------------------------------------------------------------


def test_the_font_finder_reads_the_windows_fonts_folder(tmp_path, monkeypatch):
    from yinglou_desk.services.checkup import fonts

    monkeypatch.setattr(fonts.sys, "platform", "win32")
    monkeypatch.setenv("WINDIR", str(tmp_path / "Windows"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    (tmp_path / "Windows" / "Fonts").mkdir(parents=True)
    assert fonts.cjk_font_families() == []
    (tmp_path / "Windows" / "Fonts" / "simsun.ttc").write_bytes(b"")
    mine = tmp_path / "Local" / "Microsoft" / "Windows" / "Fonts"
    mine.mkdir(parents=True)
    (mine / "msyh.ttc").write_bytes(b"")
    assert fonts.cjk_font_families() == ["Microsoft YaHei", "SimSun"]  # the desk's choice first


def test_the_font_finder_without_fontconfig_finds_nothing(monkeypatch):
    from yinglou_desk.services import fontconfig
    from yinglou_desk.services.checkup import fonts

    monkeypatch.setattr(fonts.sys, "platform", "linux")
    monkeypatch.setattr(fontconfig.shutil, "which", lambda _name: None)
    assert fonts.cjk_font_families() == []
