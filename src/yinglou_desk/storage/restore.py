"""Putting a backup back: only a genuine yinglou-desk database, only while nobody uses it.

Nothing of the live database is touched until every check has passed:

1. the file is an intact SQLite database (:func:`~.backup.check_sqlite_file`) of a
   revision this program knows, with exactly that revision's structure
   (:mod:`.schema_check`) — a trigger dropped or added by hand would otherwise
   run in the studio's database;
2. a copy of it is brought to the current schema in a temporary folder, so a
   failed upgrade costs nothing, and checked again;
3. the restore claims the database (:mod:`.in_use`): refused while a desk or a
   listener has it open (they are named), and none can start until it is done;
4. the live database is copied aside (``<name>.replaced-<stamp>.db``) and the
   checked copy is written over it with SQLite's backup API.
"""

from __future__ import annotations

import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from yinglou_desk.storage.backup import (
    BackupError,
    Clock,
    backup_sqlite,
    check_sqlite_file,
    database_files,
    file_stamp,
    read_only_uri,
    same_file,
    sqlite_path,
    utc_now,
)
from yinglou_desk.storage.in_use import DatabaseInUse, claim_database
from yinglou_desk.storage.schema_check import Schema, differences, expected_schema, read_schema_of

SHOWN_DIFFERENCES = 5


@dataclass(frozen=True)
class Restored:
    kept: Path | None  # where the replaced database was kept (None: there was none)
    revision: str  # the backup's schema revision
    head: str  # the revision the restored database is at now


def restore_sqlite(
    url: str, source: Path, clock: Clock = utc_now, workstation: str | None = None
) -> Restored:
    """Replace the SQLite database at ``url`` with the backup ``source``, at the current
    schema; :class:`BackupError` (nothing changed) when the file or the moment is wrong.
    ``workstation`` names this PC to a desk refused while the restore runs."""
    from yinglou_desk.storage.migrate import head_revision, known_revisions

    database = sqlite_path(url)
    if database is None:
        raise BackupError("backup.restore_sqlite_only")
    if any(same_file(source, path) for path in database_files(database)):
        raise BackupError("backup.restore_from_itself", path=source)
    revision = check_sqlite_file(source)
    if revision is None:
        raise BackupError("backup.no_revision", name=source.name)
    if revision not in known_revisions():
        raise BackupError("backup.newer_revision", revision=revision)
    check_schema(source, revision)
    head = head_revision() or revision
    with tempfile.TemporaryDirectory(prefix="yinglou-restore-") as folder:
        staged = _staged(source, Path(folder), revision, head)
        kept = _replace(url, database, staged, clock, workstation)
    return Restored(kept, revision, head)


def _reference(revision: str) -> Schema:
    try:
        return expected_schema(revision)
    except Exception as error:  # noqa: BLE001 - alembic and SQLite both raise their own
        raise BackupError("backup.schema_unavailable", revision=revision, error=error) from None


def check_schema(path: Path, revision: str) -> None:
    """Refuse ``path`` unless its structure is exactly the program's at ``revision``."""
    try:
        actual = read_schema_of(path)
    except sqlite3.Error as error:
        raise BackupError("backup.unreadable", name=path.name, error=error) from None
    found = differences(actual, _reference(revision))
    if found:
        shown: list[object] = list(found[:SHOWN_DIFFERENCES])
        if len(found) > SHOWN_DIFFERENCES:
            shown.append(_More(len(found)))
        raise BackupError(
            "backup.schema_mismatch", name=path.name, revision=revision, differences=shown
        )


@dataclass(frozen=True)
class _More:
    count: int

    def __str__(self) -> str:
        from yinglou_desk import catalogue

        return catalogue.text("backup.diff.more", count=self.count)


def _staged(source: Path, folder: Path, revision: str, head: str) -> Path:
    """A copy of ``source`` at ``head``, checked, in ``folder``."""
    from yinglou_desk.storage.engine import make_engine
    from yinglou_desk.storage.migrate import migrate_to

    staged = folder / "restore.db"
    _copy(source, staged)
    if revision == head:
        return staged
    engine = make_engine(f"sqlite:///{staged}")
    try:
        migrate_to(engine, head)
    except Exception as error:  # noqa: BLE001 - whatever the migration met: refused, said
        raise BackupError("backup.upgrade_failed", revision=revision, error=error) from None
    finally:
        engine.dispose()
    found = differences(read_schema_of(staged), _reference(head))
    if found:  # our migrations and our reference disagree: a bug, said plainly
        raise BackupError(
            "backup.upgrade_failed", revision=revision, error=found[:SHOWN_DIFFERENCES]
        )
    return staged


def _copy(origin_path: Path, destination_path: Path) -> None:
    origin = sqlite3.connect(read_only_uri(origin_path), uri=True)
    try:
        destination = sqlite3.connect(destination_path, timeout=30)
        try:
            origin.backup(destination)
            destination.execute("PRAGMA journal_mode=DELETE")
        finally:
            destination.close()
    finally:
        origin.close()


def _replace(
    url: str, database: Path, staged: Path, clock: Clock, workstation: str | None
) -> Path | None:
    kept: Path | None = database.with_name(
        f"{database.stem}.replaced-{file_stamp(clock())}{database.suffix}"
    )
    try:
        with claim_database(url, workstation):
            if kept is not None and database.is_file():
                backup_sqlite(database, kept)
            else:
                kept = None
            _write_over(staged, database)
            check_sqlite_file(database)
    except DatabaseInUse as error:
        if not error.holders:
            raise BackupError("backup.in_use_starting") from None
        raise BackupError("backup.in_use", holders=error.holders) from None
    except OSError as error:  # the claim could not be written: refuse, do not guess
        raise BackupError(
            "backup.in_use_unknown", path=database, error=error.strerror or error
        ) from None
    return kept


def _write_over(staged: Path, database: Path) -> None:
    """The staged copy written over the live database in one transaction (SQLite's
    backup API): a failure leaves the live database as it was."""
    origin = sqlite3.connect(read_only_uri(staged), uri=True)
    try:
        destination = sqlite3.connect(database, timeout=30)
        try:
            origin.backup(destination)
        finally:
            destination.close()
    except sqlite3.Error as error:
        raise BackupError("backup.restore_failed", error=error) from None
    finally:
        origin.close()
