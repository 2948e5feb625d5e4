"""logs refuse INSERT OR REPLACE (SQLite) and TRUNCATE (PostgreSQL)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 09:00:00

The scan log and audit log are evidence, and triggers already refuse UPDATE
and DELETE. Two doors stayed open:

* SQLite: ``INSERT OR REPLACE`` with an id (or an offline ``client_ref``) that
  is already recorded deletes the old row without firing DELETE triggers and
  writes a new one in its place. A BEFORE INSERT trigger now refuses an insert
  that names a row already there, so the conflict never reaches REPLACE. A
  plain duplicate insert was refused before and still is (the same
  IntegrityError), so the offline replay's "already recorded" path is unchanged.
* PostgreSQL: ``TRUNCATE`` fires no row triggers. A statement trigger BEFORE
  TRUNCATE refuses it, ``TRUNCATE … CASCADE`` from a referenced table included.
  (``INSERT … ON CONFLICT DO UPDATE`` fires the UPDATE trigger and was already
  refused.)
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


_SQLITE_NO_REPLACE = {
    "scan_log": (
        "EXISTS (SELECT 1 FROM scan_log WHERE id = NEW.id) OR (NEW.client_ref IS NOT NULL "
        "AND EXISTS (SELECT 1 FROM scan_log WHERE client_ref = NEW.client_ref))"
    ),
    "audit_log": "EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)",
}


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table, existing in _SQLITE_NO_REPLACE.items():
            op.execute(
                f"CREATE TRIGGER trg_{table}_no_replace BEFORE INSERT ON {table} "
                f"WHEN {existing} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )
        return
    for table in _SQLITE_NO_REPLACE:
        op.execute(
            f"CREATE TRIGGER trg_{table}_no_truncate BEFORE TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {table}_append_only()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in _SQLITE_NO_REPLACE:
            op.execute(f"DROP TRIGGER trg_{table}_no_replace")
        return
    for table in _SQLITE_NO_REPLACE:
        op.execute(f"DROP TRIGGER trg_{table}_no_truncate ON {table}")
