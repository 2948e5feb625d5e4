"""Opening the studio database: one engine per process, made at start-up.

SQLite (the default, one PC) runs in WAL mode with full sync so that an
acknowledged scan survives a crash, and writers take the lock up front
(``BEGIN IMMEDIATE``) so two PCs never deadlock half-way through a scan.
PostgreSQL (several PCs) needs nothing special: row locks and conditional
updates keep concurrent scans honest.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url

DB_ENV = "YINGLOU_DB"
SQLITE_BUSY_TIMEOUT_S = 30.0
_WRITE_OPTION = "yinglou_write"


def default_database_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("yinglou-desk", appauthor=False)) / "yinglou.db"


def resolve_url(url: str | None = None) -> str:
    """``--db`` beats ``YINGLOU_DB`` beats the SQLite file in the user's data directory."""
    chosen = url or os.environ.get(DB_ENV)
    if chosen:
        if "://" not in chosen:  # a bare path is taken as a SQLite file
            chosen = "sqlite:///" + str(Path(chosen).expanduser().resolve())
        return chosen
    path = default_database_path()
    return "sqlite:///" + str(path)


def redacted(url: str) -> str:
    """The URL as it may be shown on screen or in a log: never with its password."""
    return make_url(url).render_as_string(hide_password=True)


def make_engine(url: str | None = None, *, echo: bool = False) -> Engine:
    """The engine for ``url``. Its errors never quote a statement's values
    (``hide_parameters``): those may be a password hash or a customer's phone."""
    resolved = resolve_url(url)
    parsed = make_url(resolved)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(resolved, echo)
    if parsed.get_backend_name() == "postgresql":
        _require_postgres_driver()
    return create_engine(resolved, echo=echo, pool_pre_ping=True, hide_parameters=True)


def _require_postgres_driver() -> None:
    from importlib.util import find_spec

    from yinglou_desk.storage.errors import DriverMissing

    if find_spec("psycopg") is None:
        raise DriverMissing("psycopg")


def _sqlite_engine(url: str, echo: bool) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        echo=echo,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S, "check_same_thread": False},
        hide_parameters=True,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        if connection.get_execution_options().get(_WRITE_OPTION):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")

    return engine


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction that will write: on SQLite it takes the write lock at BEGIN."""
    with engine.connect() as connection:
        connection.execution_options(**{_WRITE_OPTION: True})
        with connection.begin():
            yield connection


@contextmanager
def read_transaction(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as connection, connection.begin():
        yield connection


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
