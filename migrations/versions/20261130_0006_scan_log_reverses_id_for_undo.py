"""scan log: the row an undo takes back

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 16:40:00

An undo row now points at the row it reverses (``reverses_id``), so figures
and reconciliation can leave reversed moves out. Undo rows written before
this revision name that row only in their text (``undo of scan_log #123
(check_in)``); the upgrade copies the number across. The scan log is
append-only (a trigger refuses UPDATE), so the trigger is set aside for that
one statement and put back in the same transaction.
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_REVERSED_ROW = re.compile(r"^undo of scan_log #(\d+) ")


def upgrade() -> None:
    # Plain ADD COLUMN and an index, as in 0005: SQLite keeps its triggers.
    op.add_column("scan_log", sa.Column("reverses_id", sa.BigInteger(), nullable=True))
    op.create_index("ix_scan_log_reverses_id", "scan_log", ["reverses_id"], unique=False)
    _link_earlier_undos()


def _link_earlier_undos() -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.text("SELECT id, detail FROM scan_log WHERE action = 'undo' AND detail IS NOT NULL")
    ).all()
    links = [
        {"id": row.id, "reverses_id": int(match.group(1))}
        for row in rows
        if (match := _REVERSED_ROW.match(row.detail))
    ]
    if not links:
        return
    update = sa.text("UPDATE scan_log SET reverses_id = :reverses_id WHERE id = :id")
    if bind.dialect.name == "sqlite":  # no DISABLE TRIGGER: drop it and create it as it was
        trigger = bind.execute(
            sa.text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :name"),
            {"name": "trg_scan_log_no_update"},
        ).scalar_one()
        op.execute("DROP TRIGGER trg_scan_log_no_update")
        bind.execute(update, links)
        op.execute(trigger)
    else:
        op.execute("ALTER TABLE scan_log DISABLE TRIGGER trg_scan_log_append_only")
        bind.execute(update, links)
        op.execute("ALTER TABLE scan_log ENABLE TRIGGER trg_scan_log_append_only")


def downgrade() -> None:
    op.drop_index("ix_scan_log_reverses_id", table_name="scan_log")
    # DROP COLUMN in place (SQLite ≥ 3.35): a batch rebuild would lose the triggers.
    op.execute("ALTER TABLE scan_log DROP COLUMN reverses_id")
