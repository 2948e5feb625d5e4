"""Backups a studio can rely on without thinking about them.

SQLite: an online copy (sqlite3's backup API: consistent even while stations
scan) checked with ``PRAGMA integrity_check``, taken before every schema
upgrade and once a day, kept in rotation (14 daily, 12 monthly by default).
PostgreSQL: ``pg_dump`` in its custom format when it is installed.

Restore never replaces anything before the file has proven to be an intact
yinglou-desk database of this or an older schema, and keeps the replaced
database beside the new one.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import make_url

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


SQLITE_MAGIC = b"SQLite format 3\x00"
REQUIRED_TABLES = {"alembic_version", "orders", "items", "scan_log", "operators"}
KEEP_DAILY = 14
KEEP_MONTHLY = 12
KEEP_BEFORE_UPGRADE = 5


class BackupError(Exception):
    """A backup or restore that could not be done; the text says why, in plain words."""


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime
    reason: str


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def backup_dir(database: Path) -> Path:
    return database.parent / "backups"


def _stamp(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y%m%d-%H%M%S")


def backup_sqlite(database: Path, target: Path) -> Path:
    """An online, consistent copy of ``database`` at ``target``, verified intact."""
    if not database.is_file():
        raise BackupError(f"数据库文件不存在：{database} / database file not found")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30)
    copy = sqlite3.connect(partial)
    try:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    finally:
        copy.close()
        source.close()
    check_sqlite_file(partial)
    partial.replace(target)
    return target


def check_sqlite_file(path: Path) -> str | None:
    """The schema revision of an intact yinglou-desk database file, else :class:`BackupError`."""
    try:
        with path.open("rb") as handle:
            magic = handle.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise BackupError(f"无法读取 {path}：{error.strerror} / cannot read file") from None
    if magic != SQLITE_MAGIC:
        raise BackupError(f"{path.name} 不是 SQLite 数据库文件 / not an SQLite database")
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            raise BackupError(f"{path.name} 已损坏：{result} / the file is damaged")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables >= REQUIRED_TABLES:
            raise BackupError(f"{path.name} 不是影楼客件追踪的数据库 / not a yinglou-desk database")
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    except sqlite3.DatabaseError as error:
        raise BackupError(
            f"{path.name} 无法作为数据库打开：{error} / unreadable database"
        ) from None
    finally:
        conn.close()


def take_backup(
    url: str, output: Path | None = None, reason: str = "manual", clock: Clock = utc_now
) -> Path:
    """Back up the database at ``url``; with no ``output``, into the rotation folder."""
    database = sqlite_path(url)
    now = clock()
    if database is not None:
        target = output or backup_dir(database) / f"yinglou-{_stamp(now)}-{reason}.db"
        backup_sqlite(database, target)
        if output is None:
            rotate(backup_dir(database))
        return target
    return _pg_dump(url, output or Path(f"yinglou-{_stamp(now)}.dump"))


def _pg_dump(url: str, target: Path) -> Path:
    if shutil.which("pg_dump") is None:
        raise BackupError(
            "没有找到 pg_dump：请在这台电脑上安装 PostgreSQL 客户端（Debian：apt-get install "
            "postgresql-client），或由数据库服务器备份 / pg_dump not found"
        )
    parsed = make_url(url).set(drivername="postgresql")
    env = {"PGPASSWORD": parsed.password or ""}
    plain = parsed.set(password=None).render_as_string(hide_password=False)
    partial = target.with_name(target.name + ".partial")
    done = subprocess.run(
        ["pg_dump", "--format=custom", f"--file={partial}", f"--dbname={plain}"],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
    )
    if done.returncode != 0:
        partial.unlink(missing_ok=True)
        raise BackupError(f"pg_dump 失败：{done.stderr.strip()[:300]}")
    partial.replace(target)
    return target


def list_backups(folder: Path) -> list[BackupFile]:
    found = []
    for path in folder.glob("yinglou-*.db"):
        parts = path.stem.split("-", 3)
        try:
            taken = datetime.strptime(f"{parts[1]}-{parts[2]}", "%Y%m%d-%H%M%S")
        except (IndexError, ValueError):
            continue
        found.append(BackupFile(path, taken, parts[3] if len(parts) > 3 else ""))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def rotate(
    folder: Path,
    daily: int = KEEP_DAILY,
    monthly: int = KEEP_MONTHLY,
    before_upgrade: int = KEEP_BEFORE_UPGRADE,
) -> list[Path]:
    """Keep the newest backup of each of the last ``daily`` days and ``monthly`` months."""
    backups = list_backups(folder)
    keep: set[Path] = set()
    days: list[str] = []
    months: list[str] = []
    for backup in backups:  # newest first
        if backup.reason.startswith("before-upgrade"):
            continue
        day, month = backup.taken_at.strftime("%Y%m%d"), backup.taken_at.strftime("%Y%m")
        if day not in days and len(days) < daily:
            days.append(day)
            keep.add(backup.path)
        if month not in months and len(months) < monthly:
            months.append(month)
            keep.add(backup.path)
    upgrades = [b for b in backups if b.reason.startswith("before-upgrade")]
    keep.update(b.path for b in upgrades[:before_upgrade])
    removed = [b.path for b in backups if b.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def daily_backup_if_due(url: str, clock: Clock = utc_now) -> Path | None:
    """Once a day while the program runs: a backup unless today's exists."""
    database = sqlite_path(url)
    if database is None or not database.is_file():
        return None
    today = clock().astimezone().strftime("%Y%m%d")
    existing = list_backups(backup_dir(database))
    if any(b.taken_at.strftime("%Y%m%d") == today and b.reason == "daily" for b in existing):
        return None
    return take_backup(url, reason="daily", clock=clock)


def restore_sqlite(
    url: str, source: Path, known_revisions: set[str], clock: Clock = utc_now
) -> Path:
    """Replace the database at ``url`` with ``source``; returns where the old one was kept."""
    database = sqlite_path(url)
    if database is None:
        raise BackupError(
            "恢复只支持 SQLite 数据库；PostgreSQL 请用 pg_restore / restore works on SQLite only"
        )
    revision = check_sqlite_file(source)
    if revision is not None and revision not in known_revisions:
        raise BackupError(
            f"备份来自更新版本的程序（数据库版本 {revision}），请先升级程序 / backup is newer"
        )
    kept = database.with_name(f"{database.stem}.replaced-{_stamp(clock())}{database.suffix}")
    if database.is_file():
        backup_sqlite(database, kept)
    destination = sqlite3.connect(database)
    origin = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        origin.backup(destination)
    finally:
        origin.close()
        destination.close()
    check_sqlite_file(database)
    return kept
