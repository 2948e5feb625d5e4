"""Backups a studio can rely on without thinking about them.

SQLite: an online copy (sqlite3's backup API: consistent even while stations
scan) checked with ``PRAGMA integrity_check``, taken before every schema
upgrade and once a day, kept in rotation (14 daily, 12 monthly by default).
PostgreSQL: ``pg_dump`` in its custom format when it is installed.

A backup is never written over the database it copies (nor over its
``-wal``/``-shm``/``-journal`` files, under any name that leads there), is
written to ``<target>.partial`` first and renamed only once checked, and a
failed one leaves nothing behind. Restoring lives in :mod:`.restore`.

Every refusal is a :class:`BackupError` carrying a message key of the
catalogue (:mod:`yinglou_desk.catalogue`), so it reads in one language.
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

from yinglou_desk import catalogue

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


SQLITE_MAGIC = b"SQLite format 3\x00"
REQUIRED_TABLES = {"alembic_version", "orders", "items", "scan_log", "operators"}
KEEP_DAILY = 14
KEEP_MONTHLY = 12
KEEP_BEFORE_UPGRADE = 5


DATABASE_SIDE_FILES = ("-wal", "-shm", "-journal")
PARTIAL_SUFFIX = ".partial"


class BackupError(Exception):
    """A backup or restore that could not be done. ``key`` names the message of the
    catalogue, ``params`` fill it; ``str()`` is the sentence in the program's language
    (a list among the params is joined, each item by its own ``str()``)."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def __str__(self) -> str:
        shown = {k: _shown(v) for k, v in self.params.items()}
        return catalogue.text(self.key, None, **shown)


def _shown(value: object) -> object:
    if isinstance(value, list | tuple):
        return catalogue.text("backup.list_separator").join(str(v) for v in value)
    return value


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


def file_stamp(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y%m%d-%H%M%S")


def database_files(database: Path) -> list[Path]:
    """The database file and the files SQLite keeps beside it."""
    return [database, *(database.with_name(database.name + side) for side in DATABASE_SIDE_FILES)]


def same_file(first: Path, second: Path) -> bool:
    """Whether two names lead to one file, whether or not it exists yet: the same
    resolved path (symlinks, ``..``, relative names), the same inode (hard links),
    or the same name but for case in one folder (case-insensitive file systems)."""
    one = os.path.normcase(os.path.realpath(first))
    other = os.path.normcase(os.path.realpath(second))
    if one == other:
        return True
    try:
        return os.path.samefile(one, other)
    except OSError:  # one of them does not exist (yet)
        pass
    try:
        same_folder = os.path.samefile(os.path.dirname(one), os.path.dirname(other))
    except OSError:
        return False
    return same_folder and os.path.basename(one).casefold() == os.path.basename(other).casefold()


def partial_path(target: Path) -> Path:
    return target.with_name(target.name + PARTIAL_SUFFIX)


def check_backup_target(database: Path, target: Path) -> None:
    """Refuse a target that is a folder, or that is — or whose ``.partial`` file or its
    journal would be — the database or one of its side files."""
    if target.is_dir():
        raise BackupError("backup.target_is_folder", path=target)
    written = [target, *database_files(partial_path(target))]
    for candidate in written:
        for protected in database_files(database):
            if same_file(candidate, protected):
                raise BackupError("backup.target_is_database", path=target, database=database)


def _remove_partial(partial: Path) -> None:
    for path in database_files(partial):
        path.unlink(missing_ok=True)


def read_only_uri(path: Path) -> str:
    """``path`` as a read-only SQLite URI; any character of the name (``?``, ``#``, ``%``) is
    escaped."""
    return Path(os.path.abspath(path)).as_uri() + "?mode=ro"


def backup_sqlite(database: Path, target: Path) -> Path:
    """An online, consistent copy of ``database`` at ``target``, verified intact."""
    if not database.is_file():
        raise BackupError("backup.database_missing", path=database)
    check_backup_target(database, target)
    partial = partial_path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_partial(partial)
        source = sqlite3.connect(read_only_uri(database), uri=True, timeout=30)
        try:
            copy = sqlite3.connect(partial)
            try:
                source.backup(copy)
                copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            finally:
                copy.close()
        finally:
            source.close()
        check_sqlite_file(partial)
        partial.replace(target)
    except BaseException as error:
        _remove_partial(partial)
        if isinstance(error, sqlite3.Error | OSError):
            raise BackupError("backup.failed", path=target, error=_reason(error)) from None
        raise
    return target


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error)


def check_sqlite_file(path: Path) -> str | None:
    """The schema revision of an intact yinglou-desk database file, else :class:`BackupError`."""
    try:
        with path.open("rb") as handle:
            magic = handle.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise BackupError("backup.cannot_read", path=path, error=_reason(error)) from None
    if magic != SQLITE_MAGIC:
        raise BackupError("backup.not_sqlite", name=path.name)
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as error:
        raise BackupError("backup.unreadable", name=path.name, error=error) from None
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            raise BackupError("backup.damaged", name=path.name, detail=result)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables >= REQUIRED_TABLES:
            raise BackupError("backup.not_yinglou", name=path.name)
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        return rows[0][0] if len(rows) == 1 else None
    except sqlite3.DatabaseError as error:
        raise BackupError("backup.unreadable", name=path.name, error=error) from None
    finally:
        conn.close()


def take_backup(
    url: str, output: Path | None = None, reason: str = "manual", clock: Clock = utc_now
) -> Path:
    """Back up the database at ``url``; with no ``output``, into the rotation folder."""
    database = sqlite_path(url)
    now = clock()
    if database is not None:
        target = output or backup_dir(database) / f"yinglou-{file_stamp(now)}-{reason}.db"
        backup_sqlite(database, target)
        if output is None:
            rotate(backup_dir(database))
        return target
    target = output or Path(f"yinglou-{file_stamp(now)}.dump")
    if target.is_dir():
        raise BackupError("backup.target_is_folder", path=target)
    return _pg_dump(url, target)


def _pg_dump(url: str, target: Path) -> Path:
    if shutil.which("pg_dump") is None:
        raise BackupError("backup.pg_dump_missing")
    parsed = make_url(url).set(drivername="postgresql")
    env = {"PGPASSWORD": parsed.password or ""}
    plain = parsed.set(password=None).render_as_string(hide_password=False)
    partial = partial_path(target)
    try:
        done = subprocess.run(
            ["pg_dump", "--format=custom", f"--file={partial}", f"--dbname={plain}"],
            capture_output=True,
            text=True,
            env={**os.environ, **env},
        )
        if done.returncode != 0:
            raise BackupError("backup.pg_dump_failed", error=done.stderr.strip()[:300])
        partial.replace(target)
    except BaseException as error:
        partial.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise BackupError("backup.failed", path=target, error=_reason(error)) from None
        raise
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
