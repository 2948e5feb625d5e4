"""Bringing any database to the current schema, from a checkout or an installed wheel.

The alembic scripts live in the top-level ``migrations/`` folder of the source
tree; the wheel carries the same folder as ``yinglou_desk/migrations``. Start-up
asks "at head?" first and runs alembic only when a step is missing.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from yinglou_desk.paths import shipped_dir
from yinglou_desk.storage.backup import sqlite_path, take_backup


def migrations_dir() -> Path:
    return shipped_dir("migrations")


def alembic_config() -> Config:
    """The program's alembic set-up; the database is handed over as an open connection
    (never written into the config, where a password would end up in memory dumps)."""
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def known_revisions() -> set[str]:
    return {r.revision for r in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def upgrade(engine: Engine) -> bool:
    """Upgrade to head if needed; True when anything was applied.

    An existing SQLite database is backed up first (``backups/`` beside it), so a
    failed or unwanted upgrade can always be undone with ``yinglou-desk restore``.
    """
    current = current_revision(engine)
    if current == head_revision():
        return False
    if current is not None:
        url = engine.url.render_as_string(hide_password=False)
        if sqlite_path(url) is not None:
            take_backup(url, reason=f"before-upgrade-{current}")
    migrate_to(engine, "head")
    return True


def migrate_to(engine: Engine, revision: str) -> None:
    """Run the program's migrations on ``engine`` up to ``revision``, without a backup first:
    for databases that are themselves copies (a reference schema, a restore's staging copy)."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
