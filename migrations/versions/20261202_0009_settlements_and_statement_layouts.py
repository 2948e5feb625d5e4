"""settlements: confirmed reconciliations remembered, and each vendor's statement columns

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 12:00:00

``settlements`` records a confirmed reconciliation (确认对账) — the vendor, the
period, the statement file and its totals, who confirmed it and when — and
``settled_items`` which item each confirmed statement paid for, from which line
(sheet and row) and at what amount. Next month's check reads them: an item
already paid is not paid again, and an item delivered but never billed stays
on the list until a statement bills it. Both are evidence like the logs, so
the database refuses to change them: on SQLite triggers refuse UPDATE, DELETE
and an INSERT OR REPLACE over a recorded row; on PostgreSQL row triggers refuse
UPDATE and DELETE and a statement trigger refuses TRUNCATE (as 0001/0004/0007
do for scan_log and audit_log).

``vendor_statement_layouts`` holds the code and amount columns a manager
pointed at for a lab whose headers the program cannot read; it is a setting,
changed when the manager chooses again.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from yinglou_desk.storage.models import UtcDateTime

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

# table → the SQLite condition under which an INSERT would replace a recorded row
_SQLITE_NO_REPLACE = {
    "settlements": (
        "EXISTS (SELECT 1 FROM settlements WHERE id = NEW.id) OR EXISTS (SELECT 1 FROM "
        "settlements WHERE vendor_id = NEW.vendor_id AND period_start = NEW.period_start "
        "AND period_end = NEW.period_end)"
    ),
    "settled_items": (
        "EXISTS (SELECT 1 FROM settled_items WHERE id = NEW.id) OR EXISTS (SELECT 1 FROM "
        "settled_items WHERE settlement_id = NEW.settlement_id AND item_id = NEW.item_id)"
    ),
}


def upgrade() -> None:
    op.create_table(
        "settlements",
        sa.Column("id", BigId, nullable=False),
        sa.Column("vendor_id", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("statement_file", sa.String(length=255), nullable=False),
        sa.Column("statement_total", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("line_total", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("lines", sa.Integer(), nullable=False),
        sa.Column("confirmed_at", UtcDateTime(), nullable=False),
        sa.Column("confirmed_by", sa.String(length=64), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["vendor_id"], ["vendors.id"], name=op.f("fk_settlements_vendor_id_vendors")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_settlements")),
        sa.UniqueConstraint(
            "vendor_id", "period_start", "period_end", name=op.f("uq_settlements_vendor_id")
        ),
    )
    with op.batch_alter_table("settlements", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_settlements_vendor_id"), ["vendor_id"], unique=False)
    op.create_table(
        "settled_items",
        sa.Column("id", BigId, nullable=False),
        sa.Column("settlement_id", sa.BigInteger(), nullable=False),
        sa.Column("item_id", sa.BigInteger(), nullable=False),
        sa.Column("sheet", sa.String(length=100), nullable=False),
        sa.Column("row", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["items.id"], name=op.f("fk_settled_items_item_id_items")
        ),
        sa.ForeignKeyConstraint(
            ["settlement_id"],
            ["settlements.id"],
            name=op.f("fk_settled_items_settlement_id_settlements"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_settled_items")),
        sa.UniqueConstraint(
            "settlement_id", "item_id", name=op.f("uq_settled_items_settlement_id")
        ),
    )
    with op.batch_alter_table("settled_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_settled_items_item_id"), ["item_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_settled_items_settlement_id"), ["settlement_id"], unique=False
        )
    op.create_table(
        "vendor_statement_layouts",
        sa.Column("vendor_id", sa.Integer(), nullable=False),
        sa.Column("code_column", sa.String(length=100), nullable=True),
        sa.Column("amount_column", sa.String(length=100), nullable=True),
        sa.Column("chosen_by", sa.String(length=64), nullable=False),
        sa.Column("chosen_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["vendors.id"],
            name=op.f("fk_vendor_statement_layouts_vendor_id_vendors"),
        ),
        sa.PrimaryKeyConstraint("vendor_id", name=op.f("pk_vendor_statement_layouts")),
    )

    if op.get_bind().dialect.name == "sqlite":
        for table, existing in _SQLITE_NO_REPLACE.items():
            for verb in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER trg_{table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
                )
            op.execute(
                f"CREATE TRIGGER trg_{table}_no_replace BEFORE INSERT ON {table} "
                f"WHEN {existing} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )
        return
    for table in _SQLITE_NO_REPLACE:
        op.execute(
            f"CREATE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{table} is append-only'; END $$"
        )
        op.execute(
            f"CREATE TRIGGER trg_{table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()"
        )
        op.execute(
            f"CREATE TRIGGER trg_{table}_no_truncate BEFORE TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {table}_append_only()"
        )


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in _SQLITE_NO_REPLACE:
        if sqlite:
            for name in ("no_update", "no_delete", "no_replace"):
                op.execute(f"DROP TRIGGER trg_{table}_{name}")
        else:
            op.execute(f"DROP TRIGGER trg_{table}_no_truncate ON {table}")
            op.execute(f"DROP TRIGGER trg_{table}_append_only ON {table}")
            op.execute(f"DROP FUNCTION {table}_append_only()")
    op.drop_table("vendor_statement_layouts")
    with op.batch_alter_table("settled_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_settled_items_settlement_id"))
        batch_op.drop_index(batch_op.f("ix_settled_items_item_id"))
    op.drop_table("settled_items")
    with op.batch_alter_table("settlements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_settlements_vendor_id"))
    op.drop_table("settlements")
