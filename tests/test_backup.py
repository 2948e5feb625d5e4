"""Backups that restore: real files copied while the database is in use, checked, put back."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.storage.backup import (
    BackupError,
    backup_dir,
    check_sqlite_file,
    daily_backup_if_due,
    list_backups,
    rotate,
    take_backup,
)
from yinglou_desk.storage.engine import make_engine
from yinglou_desk.storage.migrate import current_revision, head_revision, upgrade
from yinglou_desk.storage.models import Item, ScanLog
from yinglou_desk.storage.restore import restore_sqlite

from .helpers.cli import run_cli
from .helpers.studio import make_studio


@pytest.fixture
def sqlite_url(tmp_path: Path, sqlite_template: Path) -> str:
    import shutil

    path = tmp_path / "studio.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


def _count(engine, model) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(model)).scalar_one()


def test_backup_while_open_and_restore(sqlite_url, tmp_path, clock) -> None:
    engine = make_engine(sqlite_url)
    studio = make_studio(engine, clock)
    studio.add_order("B-1", ["BK1", "BK2"])
    scan = ScanService(engine, clock=clock)
    scan.scan(studio.session("send-out"), "BK1")  # the WAL holds uncheckpointed pages

    copy = take_backup(sqlite_url, tmp_path / "copy.db")
    assert check_sqlite_file(copy) == head_revision()

    scan.scan(studio.session("send-out"), "BK2")  # a change after the backup
    assert _count(engine, ScanLog) == 2
    engine.dispose()

    kept = restore_sqlite(sqlite_url, copy, clock).kept
    assert kept is not None
    assert kept.is_file()
    assert check_sqlite_file(kept) == head_revision()
    engine = make_engine(sqlite_url)
    assert _count(engine, ScanLog) == 1
    with engine.connect() as conn:
        assert (
            conn.execute(select(Item.state).where(Item.code == "BK2")).scalar_one() == "registered"
        )
    engine.dispose()
    kept_engine = make_engine(f"sqlite:///{kept}")
    assert _count(kept_engine, ScanLog) == 2  # nothing lost: the replaced one is kept
    kept_engine.dispose()


@pytest.mark.parametrize(
    ("content", "key"),
    [
        (b"hello, not a database", "backup.not_sqlite"),
        (b"SQLite format 3\x00" + b"\x00" * 200, "backup.unreadable"),
    ],
)
def test_restore_refuses_what_is_not_an_intact_database(sqlite_url, tmp_path, content, key) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(content)
    before = Path(sqlite_url.removeprefix("sqlite:///")).read_bytes()
    with pytest.raises(BackupError) as refused:
        restore_sqlite(sqlite_url, bad)
    assert refused.value.key == key
    assert Path(sqlite_url.removeprefix("sqlite:///")).read_bytes() == before


def test_restore_refuses_another_programs_database(sqlite_url, tmp_path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (text)")
    with pytest.raises(BackupError) as refused:
        restore_sqlite(sqlite_url, other)
    assert refused.value.key == "backup.not_yinglou"


def test_restore_refuses_a_backup_from_a_newer_program(sqlite_url, tmp_path) -> None:
    newer = take_backup(sqlite_url, tmp_path / "newer.db")
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(BackupError) as refused:
        restore_sqlite(sqlite_url, newer)
    assert refused.value.key == "backup.newer_revision"
    assert refused.value.params == {"revision": "9999"}


def test_a_damaged_file_is_detected(sqlite_url, tmp_path) -> None:
    engine = make_engine(sqlite_url)
    make_studio(engine, lambda: datetime(2026, 3, 2, tzinfo=UTC))
    engine.dispose()
    copy = take_backup(sqlite_url, tmp_path / "copy.db")
    with sqlite3.connect(copy) as conn:
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'operators'"
        ).fetchone()[0]
    data = bytearray(copy.read_bytes())
    start = (root - 1) * page
    data[start : start + 16] = b"\xff" * 16  # the table page's header: not a b-tree page any more
    copy.write_bytes(bytes(data))
    with pytest.raises(BackupError) as refused:
        check_sqlite_file(copy)
    assert refused.value.key in ("backup.damaged", "backup.unreadable")


def test_rotation_keeps_14_daily_and_12_monthly(tmp_path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    start = datetime(2025, 1, 1, 3, 0)
    for day in range(500):
        for hour in (3, 15):
            moment = start + timedelta(days=day, hours=hour - 3)
            (folder / f"yinglou-{moment:%Y%m%d-%H%M%S}-daily.db").write_bytes(b"x")
    (folder / "yinglou-20250101-000000-before-upgrade-0001.db").write_bytes(b"x")
    rotate(folder)
    kept = list_backups(folder)
    days = {b.taken_at.date() for b in kept if b.reason == "daily"}
    months = {b.taken_at.strftime("%Y%m") for b in kept if b.reason == "daily"}
    newest = start + timedelta(days=499)
    assert len(days) <= 14 + 12
    assert len(months) == 12
    assert {newest.date() - timedelta(days=n) for n in range(14)} <= days
    assert any(b.reason.startswith("before-upgrade") for b in kept)
    assert all(b.taken_at.hour == 15 for b in kept if b.reason == "daily")  # newest of the day


def test_daily_backup_once_a_day(sqlite_url, clock) -> None:
    first = daily_backup_if_due(sqlite_url, clock)
    assert first is not None
    assert first.is_file()
    assert daily_backup_if_due(sqlite_url, clock) is None
    clock.advance(days=1)
    assert daily_backup_if_due(sqlite_url, clock) is not None
    database = Path(sqlite_url.removeprefix("sqlite:///"))
    assert len(list_backups(backup_dir(database))) == 2


def test_an_upgrade_is_preceded_by_a_backup(sqlite_url) -> None:
    from alembic import command

    from yinglou_desk.storage.migrate import alembic_config

    database = Path(sqlite_url.removeprefix("sqlite:///"))
    engine = make_engine(sqlite_url)
    config = alembic_config()
    with engine.begin() as conn:  # the file as an older program version left it
        config.attributes["connection"] = conn
        command.downgrade(config, "-1")
    previous = current_revision(engine)
    assert previous != head_revision()
    assert upgrade(engine) is True
    engine.dispose()
    backups = list_backups(backup_dir(database))
    assert [b.reason for b in backups] == [f"before-upgrade-{previous}"]
    assert check_sqlite_file(backups[0].path) == previous


def test_backup_and_restore_on_the_command_line(sqlite_url, tmp_path) -> None:
    target = tmp_path / "cli-backup.db"
    run = run_cli("backup", "-o", str(target), "--db", sqlite_url)
    assert run.code == 0, run.err
    assert run.out.strip() == str(target)
    assert target.is_file()
    admin = ("--operator", "管理员")  # restore is an admin's, who proves it
    password = {"YINGLOU_PASSWORD": "secret"}
    added = run_cli(
        "user", "add", "管理员", "--role", "admin", "--password-stdin", "--db", sqlite_url,
        stdin="secret\n",
    )  # fmt: skip
    assert added.code == 0, added.err
    run = run_cli("restore", str(target), *admin, "--db", sqlite_url, env=password)
    assert run.code == 0, run.err
    assert "已保留" in run.err, run.err
    bad = tmp_path / "bad.db"
    bad.write_text("nope")
    run = run_cli("restore", str(bad), *admin, "--db", sqlite_url, env=password)
    assert run.code == 2
    assert "未做任何更改" in run.err


def test_postgresql_backup_uses_pg_dump_or_says_why_not(pg_database_url, tmp_path) -> None:
    target = tmp_path / "pg.dump"
    run = run_cli("backup", "-o", str(target), "--db", pg_database_url)
    if os.path.exists("/usr/bin/pg_dump"):
        assert run.code == 0, run.err
        assert target.read_bytes()[:5] == b"PGDMP"
    else:
        assert run.code == 2
        assert "pg_dump" in run.err
