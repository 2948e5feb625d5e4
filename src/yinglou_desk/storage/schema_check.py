"""Whether a SQLite file has exactly the program's structure at the revision it records.

A backup is a file anyone can open with an SQL tool. One with the scan log's
append-only triggers dropped and a trigger of its own added passed every
earlier check, and once restored it emptied the scan log. So a file to be
restored must match, object for object, what the program's own migrations
build at the revision its ``alembic_version`` names: tables and their columns
(type, NOT NULL, default, primary key), foreign keys, indexes (unique or not,
their columns, a partial index's condition), triggers and views (their SQL,
whitespace aside).

The reference is never written down by hand: a throwaway database in a
temporary folder is migrated up to that revision by the same alembic scripts
the program runs, and read the same way as the file. One reference per
revision per process.
"""

from __future__ import annotations

import functools
import sqlite3
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from yinglou_desk import catalogue

# SQLite's own bookkeeping (AUTOINCREMENT counters, ANALYZE statistics): not schema.
SQLITE_OWN_TABLES = {
    "sqlite_sequence",
    "sqlite_stat1",
    "sqlite_stat2",
    "sqlite_stat3",
    "sqlite_stat4",
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    not_null: bool
    default: str | None
    primary_key: int
    hidden: int  # generated columns


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    foreign_keys: tuple[tuple[object, ...], ...]


@dataclass(frozen=True)
class Index:
    table: str
    unique: bool
    origin: str  # "c" CREATE INDEX, "u" UNIQUE constraint, "pk" primary key
    columns: tuple[tuple[object, ...], ...]  # (name, descending, collation) of each key column
    condition: str | None  # a partial or expression index: its normalised SQL


@dataclass(frozen=True)
class Schema:
    tables: dict[str, Table] = field(default_factory=dict)
    indexes: dict[str, Index] = field(default_factory=dict)
    triggers: dict[str, tuple[str, str]] = field(default_factory=dict)  # name: (table, SQL)
    views: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Difference:
    """One way a file differs from the reference; ``str()`` says it in the program's language."""

    key: str  # backup.diff.*
    name: str
    table: str = ""

    def __str__(self) -> str:
        return catalogue.text(self.key, name=self.name, table=self.table)


def normalised_sql(sql: str | None) -> str:
    return " ".join((sql or "").split())


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def read_schema(conn: sqlite3.Connection) -> Schema:
    """The structure of the database open on ``conn`` (only read, never changed)."""
    schema = Schema()
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    for kind, name, table, sql in rows:
        if kind == "table" and name not in SQLITE_OWN_TABLES:
            schema.tables[name] = _table(conn, name)
        elif kind == "index":
            schema.indexes[name] = _index(conn, name, table, sql)
        elif kind == "trigger":
            schema.triggers[name] = (table, normalised_sql(sql))
        elif kind == "view":
            schema.views[name] = normalised_sql(sql)
    return schema


def _table(conn: sqlite3.Connection, name: str) -> Table:
    columns = tuple(
        Column(row[1], str(row[2]).upper(), bool(row[3]), row[4], int(row[5]), int(row[6]))
        for row in conn.execute(f"PRAGMA table_xinfo({_quoted(name)})")
    )
    foreign_keys = tuple(
        sorted(tuple(row[1:]) for row in conn.execute(f"PRAGMA foreign_key_list({_quoted(name)})"))
    )
    return Table(columns, foreign_keys)


def _index(conn: sqlite3.Connection, name: str, table: str, sql: str | None) -> Index:
    listed = {
        row[1]: row for row in conn.execute(f"PRAGMA index_list({_quoted(table)})").fetchall()
    }
    entry = listed.get(name)
    unique, origin, partial = (
        (bool(entry[2]), str(entry[3]), bool(entry[4]))
        if entry
        else (
            False,
            "",
            False,
        )
    )
    keys = [
        row for row in conn.execute(f"PRAGMA index_xinfo({_quoted(name)})").fetchall() if row[5]
    ]
    columns = tuple((row[2], int(row[3]), row[4]) for row in keys)
    expression = any(row[1] == -2 for row in keys)
    condition = normalised_sql(sql) if partial or expression else None
    return Index(table, unique, origin, columns, condition)


def read_schema_of(path: Path) -> Schema:
    from yinglou_desk.storage.backup import read_only_uri

    conn = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        return read_schema(conn)
    finally:
        conn.close()


@functools.cache
def expected_schema(revision: str) -> Schema:
    """The structure the program's migrations build at ``revision``, in a throwaway database.

    Cached per process: treat the result as read-only."""
    from yinglou_desk.storage.engine import make_engine
    from yinglou_desk.storage.migrate import migrate_to

    with tempfile.TemporaryDirectory(prefix="yinglou-schema-") as folder:
        path = Path(folder) / "reference.db"
        engine = make_engine(f"sqlite:///{path}")
        try:
            migrate_to(engine, revision)
        finally:
            engine.dispose()
        return read_schema_of(path)


def differences(actual: Schema, expected: Schema) -> list[Difference]:
    """Every way ``actual`` differs from ``expected``: tables and columns first, then
    indexes, triggers and views, each in name order."""
    found: list[Difference] = []
    found += _named(actual.tables, expected.tables, "table")
    for name in sorted(actual.tables.keys() & expected.tables.keys()):
        found += _table_differences(name, actual.tables[name], expected.tables[name])
    found += _named(actual.indexes, expected.indexes, "index")
    found += _named(actual.triggers, expected.triggers, "trigger")
    found += _named(actual.views, expected.views, "view")
    return found


def _named(
    actual: Mapping[str, object], expected: Mapping[str, object], what: str
) -> list[Difference]:
    found = []
    for name in sorted(actual.keys() | expected.keys()):
        if name not in expected:
            found.append(Difference(f"backup.diff.extra_{what}", name))
        elif name not in actual:
            found.append(Difference(f"backup.diff.missing_{what}", name))
        elif what != "table" and actual[name] != expected[name]:
            found.append(Difference(f"backup.diff.changed_{what}", name))
    return found


def _table_differences(table: str, actual: Table, expected: Table) -> list[Difference]:
    found = []
    have = {c.name: c for c in actual.columns}
    want = {c.name: c for c in expected.columns}
    for name in [c.name for c in actual.columns if c.name not in want]:
        found.append(Difference("backup.diff.extra_column", name, table))
    for name in [c.name for c in expected.columns if c.name not in have]:
        found.append(Difference("backup.diff.missing_column", name, table))
    for column in expected.columns:
        if column.name in have and have[column.name] != column:
            found.append(Difference("backup.diff.changed_column", column.name, table))
    if not found and actual.columns != expected.columns:
        found.append(Difference("backup.diff.column_order", table, table))
    if actual.foreign_keys != expected.foreign_keys:
        found.append(Difference("backup.diff.changed_foreign_keys", table, table))
    return found
