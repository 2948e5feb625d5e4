"""Backups never hurt the live database.

- ``backup -o`` refuses every name that leads to the database or its
  ``-wal``/``-shm``/``-journal`` files, and a failed backup leaves nothing behind;
- ``restore`` refuses while a desk or a listener (a real second process) has the
  database open, naming them, and a killed one does not block it; while a restore
  runs no desk or listener starts;
- ``restore`` accepts only a file with exactly the program's structure at the
  revision it records, and leaves the restored database at head;
- every message of all this is in one language, through the catalogue.

SQLite throughout: PostgreSQL is neither backed up into a file nor restored here
(its half checks that holding and restoring leave it alone).
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from yinglou_desk import catalogue
from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.services.staff.audit import command_line_actor
from yinglou_desk.services.staff.operators import add_operator
from yinglou_desk.storage.backup import BackupError, take_backup
from yinglou_desk.storage.engine import make_engine
from yinglou_desk.storage.in_use import (
    DatabaseRestoring,
    claim_database,
    hold_database,
    holders,
    lock_folder,
)
from yinglou_desk.storage.migrate import alembic_config, head_revision, migrate_to
from yinglou_desk.storage.restore import restore_sqlite
from yinglou_desk.storage.schema_check import (
    Difference,
    differences,
    expected_schema,
    read_schema_of,
)

from .helpers.cli import run_cli
from .helpers.holder import CLAIM, DESK, HOLD, Child
from .helpers.listener import Listener
from .helpers.socat import PtyPair
from .helpers.studio import Studio, make_studio

ADMIN = "管理员"
PASSWORD = "secret-1"
AS_ADMIN = ("--operator", ADMIN)
ADMIN_ENV = {"YINGLOU_PASSWORD": PASSWORD}


@dataclass
class Live:
    """The studio's live SQLite database, with a PC scanning into it (its WAL not
    checkpointed), and a genuine backup of it taken by this program."""

    path: Path
    url: str
    engine: Engine
    studio: Studio
    backup: Path


@pytest.fixture
def live(tmp_path, sqlite_template, clock) -> Live:
    path = tmp_path / "studio.db"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    studio = make_studio(engine, clock)
    add_operator(engine, ADMIN, "admin", PASSWORD, clock=clock, actor=command_line_actor())
    studio.add_order("S-1", ["SAFE01", "SAFE02", "SAFE03"])
    scanner = ScanService(engine, clock=clock)
    scanner.scan(studio.session("send-out", vendor="金彩相册厂"), "SAFE01")
    backup = take_backup(url, tmp_path / "genuine.db")
    scanner.scan(studio.session("send-out", vendor="金彩相册厂"), "SAFE02")  # after the backup
    yield Live(path, url, engine, studio, backup)
    engine.dispose()


def _files(database: Path) -> dict[str, bytes]:
    """The bytes of the database and its WAL (the wal-index ``-shm`` changes on every read)."""
    return {
        path.name: path.read_bytes()
        for path in (database, database.with_name(database.name + "-wal"))
        if path.exists()
    }


def _rows(database: Path) -> list[str]:
    """Every row and every schema object, as SQL; fails unless the file is intact."""
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return list(conn.iterdump())
    finally:
        conn.close()


def _scan_codes(database: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute("SELECT code FROM scan_log ORDER BY id")]
    finally:
        conn.close()


def _revision(database: Path) -> str:
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()


# -- 1. backup -o never lands on the database ----------------------------------------------


def _itself(db: Path, _tmp: Path) -> Path:
    return db


def _side(suffix: str):  # type: ignore[no-untyped-def]
    def target(db: Path, _tmp: Path) -> Path:
        return db.with_name(db.name + suffix)

    return target


def _symlink(db: Path, tmp: Path) -> Path:
    link = tmp / "elsewhere" / "copy.db"
    link.parent.mkdir()
    link.symlink_to(db)
    return link


def _symlink_to_wal(db: Path, tmp: Path) -> Path:
    link = tmp / "wal-link.db"
    link.symlink_to(db.with_name(db.name + "-wal"))
    return link


def _dotdot(db: Path, tmp: Path) -> Path:
    (tmp / "sub").mkdir()
    return tmp / "sub" / ".." / db.name


def _relative(db: Path, _tmp: Path) -> Path:
    return Path(os.path.relpath(db))


def _hard_link(db: Path, tmp: Path) -> Path:
    link = tmp / "hard.db"
    os.link(db, link)
    return link


TARGETS = {
    "the database": _itself,
    "its -wal": _side("-wal"),
    "its -shm": _side("-shm"),
    "its -journal": _side("-journal"),
    "a symlink to it": _symlink,
    "a symlink to its -wal": _symlink_to_wal,
    "a path with ..": _dotdot,
    "a relative path": _relative,
    "a hard link": _hard_link,
}


@pytest.mark.parametrize("make_target", TARGETS.values(), ids=TARGETS.keys())
def test_a_backup_is_never_written_over_the_database(live, tmp_path, make_target) -> None:
    target = make_target(live.path, tmp_path)
    before_files, before_rows = _files(live.path), _rows(live.path)
    assert f"{live.path.name}-wal" in before_files  # a PC is scanning: its WAL holds pages

    with pytest.raises(BackupError) as refused:
        take_backup(live.url, target)

    assert refused.value.key == "backup.target_is_database"
    assert _files(live.path) == before_files  # byte for byte
    assert _rows(live.path) == before_rows  # row for row, and intact
    assert not Path(str(target) + ".partial").exists()


@pytest.mark.parametrize("name", ["the database", "a symlink to its -wal", "a path with .."])
def test_the_command_line_refuses_it_with_exit_2(live, tmp_path, name) -> None:
    target = TARGETS[name](live.path, tmp_path)
    before_files, before_rows = _files(live.path), _rows(live.path)

    run = run_cli("backup", "-o", str(target), "--db", live.url)

    assert run.code == 2, run.err
    said = BackupError("backup.target_is_database", path=target, database=live.path)
    assert str(said) in run.err
    assert run.out == ""
    assert _files(live.path) == before_files
    assert _rows(live.path) == before_rows
    ScanService(live.engine).scan(live.studio.session("send-out", vendor="金彩相册厂"), "SAFE03")
    assert _scan_codes(live.path)[-1] == "SAFE03"  # the scanning PC carries on


def test_a_partial_file_that_would_be_the_database_is_refused(tmp_path, sqlite_template) -> None:
    """``-o X`` writes ``X.partial`` first: with the database named ``X.partial`` the old
    code deleted it before the copy began."""
    database = tmp_path / "studio.db.partial"
    shutil.copy(sqlite_template, database)
    before = database.read_bytes()

    with pytest.raises(BackupError) as refused:
        take_backup(f"sqlite:///{database}", tmp_path / "studio.db")

    assert refused.value.key == "backup.target_is_database"
    assert database.read_bytes() == before
    assert not (tmp_path / "studio.db").exists()


def test_an_existing_folder_is_refused_and_nothing_is_left(live, tmp_path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    with pytest.raises(BackupError) as refused:
        take_backup(live.url, folder)
    assert refused.value.key == "backup.target_is_folder"
    assert list(tmp_path.glob("*.partial*")) == []
    assert list(folder.iterdir()) == []


def test_a_failed_backup_leaves_no_partial_file(tmp_path, sqlite_template) -> None:
    """A database with a damaged page copies fine and then fails its check: the copy goes."""
    damaged = tmp_path / "damaged.db"
    shutil.copy(sqlite_template, damaged)
    with sqlite3.connect(damaged) as conn:
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'operators'"
        ).fetchone()[0]
    data = bytearray(damaged.read_bytes())
    data[(root - 1) * page : (root - 1) * page + 16] = b"\xff" * 16
    damaged.write_bytes(bytes(data))
    target = tmp_path / "out" / "copy.db"

    with pytest.raises(BackupError) as refused:
        take_backup(f"sqlite:///{damaged}", target)

    assert refused.value.key in ("backup.damaged", "backup.unreadable")
    assert list(target.parent.iterdir()) == []  # neither the copy nor copy.db.partial(-journal)


# -- 2. restore waits for nobody: it refuses while the database is open ---------------------


def _restore(live: Live, source: Path | None = None, **env: str):  # type: ignore[no-untyped-def]
    return run_cli(
        "restore", str(source or live.backup), *AS_ADMIN, "--db", live.url,
        env={**ADMIN_ENV, **env},
    )  # fmt: skip


@pytest.fixture
def cable(tmp_path):
    pair = PtyPair(tmp_path)
    pair.plug()
    yield pair
    pair.close()


def test_restore_is_refused_while_listen_scans_and_works_once_it_stops(
    live, cable, monkeypatch
) -> None:
    monkeypatch.setenv("YINGLOU_WORKSTATION", "理件室")  # the listener inherits it
    listener = Listener(live.url, cable.port, "send-out")
    try:
        listener.wait_stderr("扫描枪已连接")
        cable.send(b"SAFE03\r")
        assert listener.scans(1)[0]["outcome"] == "accepted"  # acknowledged to the scanner
        before = _rows(live.path)

        run = _restore(live)

        assert run.code == 2, run.err
        assert f"理件室 上的扫描枪监听程序（进程 {listener.process.pid}，自 " in run.err
        assert "请先关闭这些程序再恢复" in run.err
        assert "未做任何更改" in run.err
        assert _rows(live.path) == before
        assert _scan_codes(live.path)[-1] == "SAFE03"  # the acknowledged scan is still there
        assert listener.process.poll() is None  # and the listener still runs
        assert listener.stop() == 0
    finally:
        listener.kill()

    run = _restore(live)
    assert run.code == 0, run.err
    assert "SAFE03" not in _scan_codes(live.path)  # now the backup's data
    assert holders(live.url) == []


def test_restore_is_refused_while_a_desk_window_is_open(live, tmp_path) -> None:
    live.engine.dispose()
    desk = Child(
        DESK, live.url, env={"YINGLOU_WORKSTATION": "前台1", "XDG_DATA_HOME": str(tmp_path)}
    )
    try:
        desk.expect("held")
        before = _rows(live.path)

        run = _restore(live)

        assert run.code == 2, run.err
        assert re.search(rf"前台1 上的桌面程序（进程 {desk.pid}，自 \d\d:\d\d 起）", run.err), (
            run.err
        )
        assert _rows(live.path) == before
        assert desk.let_go() == 0
    finally:
        desk.kill()
    run = _restore(live)
    assert run.code == 0, run.err


def test_a_killed_holder_does_not_block_the_restore(live) -> None:
    holder = Child(HOLD, live.url, "desk", "前台2")
    try:
        holder.expect("held")
        with pytest.raises(BackupError) as refused:
            restore_sqlite(live.url, live.backup)
        assert refused.value.key == "backup.in_use"
        (named,) = refused.value.params["holders"]
        assert (named.kind, named.workstation, named.pid) == ("desk", "前台2", holder.pid)
        holder.process.kill()  # SIGKILL: no clean-up of its own
        holder.process.wait()
    finally:
        holder.kill()
    left = list(lock_folder(live.path).glob("*.json"))
    assert [p.name.split("-")[0] for p in left] == [str(holder.pid)]  # stale, still there

    live.engine.dispose()
    run = _restore(live)

    assert run.code == 0, run.err
    assert not any(p.exists() for p in left)  # recognised as stale and deleted
    assert _scan_codes(live.path) == _scan_codes(live.backup)


def test_nothing_opens_the_database_while_a_restore_runs(live, tmp_path) -> None:
    restoring = Child(CLAIM, live.url, "办公室")
    try:
        restoring.expect("held")
        said = str(DatabaseRestoring(live.path))

        listen = run_cli(
            "listen", "--serial", "/dev/no-such-port", "--station", "send-out",
            "--operator", "小李", "--db", live.url, timeout=90,
        )  # fmt: skip
        assert listen.code == 4, listen.err
        assert said in listen.err, listen.err
        desk = run_cli("gui", "--db", live.url, env={"XDG_DATA_HOME": str(tmp_path)}, timeout=90)
        assert desk.code == 4, desk.err
        assert said in desk.err, desk.err
        with pytest.raises(DatabaseRestoring), hold_database(live.url, "desk", "前台1"):
            pass
        with pytest.raises(BackupError) as second:
            restore_sqlite(live.url, live.backup)  # nor does a second restore
        assert second.value.key == "backup.in_use"
        assert [h.kind for h in second.value.params["holders"]] == ["restore"]
        assert restoring.let_go() == 0
    finally:
        restoring.kill()
    with hold_database(live.url, "desk", "前台1"):
        assert [(h.kind, h.workstation, h.pid) for h in holders(live.url)] == [
            ("desk", "前台1", os.getpid())
        ]
    assert holders(live.url) == []


def test_holds_in_one_process_count_once_and_name_who_holds(live) -> None:
    with hold_database(live.url, "listen", "理件室"):
        with hold_database(live.url, "listen", "理件室"):  # the desk: at start-up, then the window
            assert len(holders(live.url)) == 1
        assert len(holders(live.url)) == 1
        (holder,) = holders(live.url)
        assert str(holder).startswith("理件室 上的扫描枪监听程序（进程 ")
        with pytest.raises(BackupError) as refused:
            restore_sqlite(live.url, live.backup)
        assert refused.value.key == "backup.in_use"
    assert holders(live.url) == []
    with claim_database(live.url):  # free again
        pass


def test_a_server_database_is_neither_held_nor_restored(pg_database_url, tmp_path) -> None:
    before = set(Path(tmp_path).iterdir())
    with hold_database(pg_database_url, "desk", "前台1"):
        assert holders(pg_database_url) == []
    with pytest.raises(BackupError) as refused:
        restore_sqlite(pg_database_url, tmp_path / "x.db")
    assert refused.value.key == "backup.restore_sqlite_only"
    assert set(Path(tmp_path).iterdir()) == before


# -- 3. restore takes only a file with exactly the program's structure ----------------------

MUTATIONS = {
    "a dropped trigger and a foreign one": (
        [
            "DROP TRIGGER trg_scan_log_no_delete",
            "CREATE TRIGGER wipe_scans AFTER INSERT ON scan_log "
            "BEGIN DELETE FROM scan_log WHERE id < NEW.id; END",
        ],
        [
            Difference("backup.diff.missing_trigger", "trg_scan_log_no_delete"),
            Difference("backup.diff.extra_trigger", "wipe_scans"),
        ],
    ),
    "a trigger changed under its own name": (
        [
            "DROP TRIGGER trg_audit_log_no_delete",
            "CREATE TRIGGER trg_audit_log_no_delete BEFORE DELETE ON audit_log WHEN 0 "
            "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
        ],
        [Difference("backup.diff.changed_trigger", "trg_audit_log_no_delete")],
    ),
    "an extra table": (
        ["CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"],
        [Difference("backup.diff.extra_table", "notes")],
    ),
    "an extra column": (
        ["ALTER TABLE items ADD COLUMN secret TEXT"],
        [Difference("backup.diff.extra_column", "secret", "items")],
    ),
    "a unique index dropped": (
        ["DROP INDEX ux_scan_log_client_ref"],
        [Difference("backup.diff.missing_index", "ux_scan_log_client_ref")],
    ),
    "a view": (
        ["CREATE VIEW customer_phones AS SELECT name, phone FROM customers"],
        [Difference("backup.diff.extra_view", "customer_phones")],
    ),
}


def _tampered(source: Path, folder: Path, statements: list[str]) -> Path:
    copy = folder / "tampered.db"
    shutil.copy(source, copy)
    conn = sqlite3.connect(copy)
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()
    return copy


@pytest.mark.parametrize("mutation", MUTATIONS.values(), ids=MUTATIONS.keys())
def test_a_backup_whose_structure_was_changed_is_refused(live, tmp_path, mutation) -> None:
    statements, expected = mutation
    tampered = _tampered(live.backup, tmp_path, statements)
    before_files, before_rows = _files(live.path), _rows(live.path)

    with pytest.raises(BackupError) as refused:
        restore_sqlite(live.url, tampered)

    assert refused.value.key == "backup.schema_mismatch"
    assert refused.value.params["revision"] == head_revision()
    assert refused.value.params["differences"] == expected
    assert _files(live.path) == before_files
    assert _rows(live.path) == before_rows
    assert not list(live.path.parent.glob("*.replaced-*"))  # not even a copy was made


def test_the_command_line_names_the_differences(live, tmp_path) -> None:
    statements, _ = MUTATIONS["a dropped trigger and a foreign one"]
    tampered = _tampered(live.backup, tmp_path, statements)
    before = _rows(live.path)

    run = _restore(live, tampered)

    assert run.code == 2, run.err
    assert "缺少触发器 trg_scan_log_no_delete" in run.err
    assert "多了触发器 wipe_scans" in run.err
    assert "未做任何更改" in run.err
    assert _rows(live.path) == before


def test_a_genuine_backup_of_this_version_restores_at_head(live) -> None:
    """A guard for the check above: the program's own backups are never refused."""
    live.engine.dispose()
    restored = restore_sqlite(live.url, live.backup)
    assert restored.revision == restored.head == head_revision()
    assert _revision(live.path) == head_revision()
    assert _scan_codes(live.path) == ["SAFE01"]
    assert differences(read_schema_of(live.path), expected_schema(head_revision())) == []


def _one_before_head() -> str:
    scripts = ScriptDirectory.from_config(alembic_config())
    head = scripts.get_revision(head_revision())
    assert head is not None
    previous = head.down_revision
    assert isinstance(previous, str)
    return previous


def test_a_genuine_backup_of_an_older_version_is_upgraded_to_head(live, tmp_path) -> None:
    older_revision = _one_before_head()
    older = tmp_path / "older.db"
    engine = make_engine(f"sqlite:///{older}")
    migrate_to(engine, older_revision)  # the file as the previous program version made it
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO vendors (name, turnaround_days, active, created_at) "
            "VALUES ('老厂商', 7, 1, '2026-01-05 09:00:00')"
        )
        conn.exec_driver_sql(
            "INSERT INTO scan_log (at, code, station, action, operator_name, workstation, "
            "outcome, message) VALUES ('2026-01-05 09:01:00', 'OLD001', 'send-out', "
            "'send_out', '小李', 'pc-1', 'refused', '未知条码：OLD001')"
        )
    engine.dispose()
    backup = take_backup(f"sqlite:///{older}", tmp_path / "older-backup.db")
    live.engine.dispose()

    run = _restore(live, backup)

    assert run.code == 0, run.err
    upgraded = catalogue.text("backup.restored_upgraded", old=older_revision, new=head_revision())
    assert upgraded in run.err
    assert _revision(live.path) == head_revision()
    assert differences(read_schema_of(live.path), expected_schema(head_revision())) == []
    assert _scan_codes(live.path) == ["OLD001"]
    desk = make_engine(live.url)  # the desk opens it as it is
    with desk.connect() as conn:
        assert conn.exec_driver_sql("SELECT name FROM vendors").scalars().all() == ["老厂商"]
    desk.dispose()


# -- 4. one language at a time ---------------------------------------------------------------

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
SPEAKING_MODULES = [
    "storage/backup.py",
    "storage/restore.py",
    "storage/in_use.py",
    "storage/schema_check.py",
    "cli/backup_commands.py",
]


def test_backup_messages_are_in_the_catalogue_one_language_each() -> None:
    keys = [key for key in catalogue.entries() if key.startswith("backup.")]
    assert {"backup.target_is_database", "backup.in_use", "backup.schema_mismatch"} <= set(keys)
    for key in keys:
        zh, en = catalogue.entries()[key][catalogue.ZH], catalogue.entries()[key][catalogue.EN]
        assert " / " not in zh, key
        assert CJK.search(zh), key
        assert not CJK.search(en), key
    import yinglou_desk

    package = Path(yinglou_desk.__file__).parent
    for module in SPEAKING_MODULES:  # no sentence of their own: every word via a key
        assert not CJK.search((package / module).read_text(encoding="utf-8")), module
    refused = BackupError("backup.newer_revision", revision="0099")
    assert str(refused) == catalogue.text("backup.newer_revision", revision="0099")


def test_the_command_line_says_it_in_english_only_when_asked(live, tmp_path) -> None:
    backup = run_cli("backup", "-o", str(live.path), "--db", live.url, env={"YINGLOU_LANG": "en"})
    assert backup.code == 2
    assert "Cannot write the backup to" in backup.err
    assert not CJK.search(backup.err)

    missing = _restore(live, tmp_path / "no-such-backup.db", YINGLOU_LANG="en")
    assert missing.code == 2
    assert "Backup file not found" in missing.err
    assert not CJK.search(missing.err)

    done = run_cli("backup", "-o", str(tmp_path / "fine.db"), "--db", live.url)
    assert done.code == 0
    assert "已备份到" in done.err
    assert " / " not in done.err
