"""Is the studio database there, is it this program's, and is it at the latest revision?

Looked at without changing anything: a SQLite file is opened read-only (a missing file
is not created, as opening it for work would), a PostgreSQL database through a
connection that gives up after a few seconds, and the schema is never migrated — the
advice says how to upgrade.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, DBAPIError, NoSuchModuleError
from sqlalchemy.pool import NullPool

from yinglou_desk.services.checkup.report import Check, Status
from yinglou_desk.storage.backup import REQUIRED_TABLES, read_only_uri, sqlite_path
from yinglou_desk.storage.engine import redacted
from yinglou_desk.storage.migrate import head_revision, known_revisions

CONNECT_TIMEOUT_S = 5
"""A server that does not answer in five seconds is reported as unreachable: the person
running the check is waiting, often with IT on the phone."""


def database_checks(url: str) -> list[Check]:
    """Two lines: ``database`` (reachable, and this program's) and ``revision``."""
    try:
        parsed = make_url(url)
        shown = redacted(url)
    except (ArgumentError, ValueError):
        return _failed(_bad_url(_masked(url)))
    path = sqlite_path(url) if parsed.get_backend_name() == "sqlite" else None
    if parsed.get_backend_name() == "sqlite":
        if path is None:
            return _failed(_bad_url(shown))
        if not path.is_file():
            missing = Check(
                "database",
                Status.FAIL,
                "checkup.database.sqlite_missing",
                {"path": str(path)},
                "checkup.advice.sqlite_missing",
            )
            return _failed(missing)
    try:
        engine = _read_only_engine(url, path)
    except (ArgumentError, NoSuchModuleError, ModuleNotFoundError, ValueError):
        key = "checkup.advice.no_driver" if path is None else "checkup.advice.bad_url"
        return _failed(
            Check("database", Status.FAIL, "checkup.database.no_driver", {"url": shown}, key)
        )
    try:
        return _look(engine, shown, path)
    finally:
        engine.dispose()


def _read_only_engine(url: str, path: Path | None) -> Engine:
    if path is not None:
        uri = read_only_uri(path)
        return create_engine(
            "sqlite://", creator=lambda: sqlite3.connect(uri, uri=True), poolclass=NullPool
        )
    return create_engine(
        url,
        poolclass=NullPool,
        hide_parameters=True,
        connect_args={"connect_timeout": CONNECT_TIMEOUT_S},
    )


def _look(engine: Engine, shown: str, path: Path | None) -> list[Check]:
    where = {"url": shown, "path": str(path) if path else shown}
    try:
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            current = (
                MigrationContext.configure(connection).get_current_revision()
                if "alembic_version" in tables
                else None
            )
    except DatabaseError as error:
        if path is not None and "not a database" in str(error.orig):
            return _failed(_not_ours(where))
        return _failed(_unreachable(where, error, path))
    except DBAPIError as error:
        return _failed(_unreachable(where, error, path))
    if tables and not tables >= REQUIRED_TABLES:
        return _failed(_not_ours(where))
    reached = Check("database", Status.OK, "checkup.database.ok", {"url": shown})
    return [reached, revision_check(current, bool(tables))]


def revision_check(current: str | None, has_tables: bool) -> Check:
    """The schema's revision against the newest this program knows."""
    head = head_revision()
    if current is None:
        key = "checkup.revision.unstamped" if has_tables else "checkup.revision.empty"
        return Check("revision", Status.FAIL, key, {"head": head}, "checkup.advice.upgrade")
    if current == head:
        return Check("revision", Status.OK, "checkup.revision.ok", {"revision": current})
    if current in known_revisions():
        return Check(
            "revision",
            Status.FAIL,
            "checkup.revision.old",
            {"current": current, "head": head},
            "checkup.advice.upgrade",
        )
    return Check(
        "revision",
        Status.FAIL,
        "checkup.revision.newer",
        {"current": current, "head": head},
        "checkup.advice.newer_program",
    )


def _failed(database: Check) -> list[Check]:
    """The database could not be looked at: its revision was not checked either."""
    skipped = Check(
        "revision",
        Status.WARN,
        "checkup.revision.not_checked",
        advice="checkup.advice.database_first",
    )
    return [database, skipped]


def _bad_url(shown: str) -> Check:
    return Check(
        "database",
        Status.FAIL,
        "checkup.database.bad_url",
        {"url": shown},
        "checkup.advice.bad_url",
    )


def _not_ours(where: dict[str, str]) -> Check:
    return Check(
        "database", Status.FAIL, "checkup.database.not_ours", where, "checkup.advice.not_ours"
    )


def _unreachable(where: dict[str, str], error: DBAPIError, path: Path | None) -> Check:
    reason = str(error.orig).strip().splitlines()[0] if str(error.orig).strip() else ""
    advice = "checkup.advice.sqlite_unreadable" if path is not None else "checkup.advice.server"
    return Check(
        "database",
        Status.FAIL,
        "checkup.database.unreachable",
        {**where, "error": reason[:200]},
        advice,
        {"url": where["url"]},
    )


def _masked(url: str) -> str:
    """An address that does not even parse, its password hidden all the same."""
    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)
