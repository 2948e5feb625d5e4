"""the counter: an order's price, payments, hand-overs with their receipts, shelf audits

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 10:30:00

``orders.price_fen`` is the package price (套系金额) in integer fen. What was paid
lives in ``payments``, one row per sum (imported deposit, payment at the desk,
reversal, waiver); the balance is the price less their sum, so nothing stored can
drift from the record of the money. ``handovers`` and ``handover_items`` record
every hand-over (取件单) and which items went with it; ``handover_collectors``
holds who collected and the signature — personal data, erasable, so kept out of
the append-only tables. ``shelf_audits`` and ``shelf_audit_findings`` keep every
finished 盘点.

Payments, hand-overs and audits are evidence, so the database refuses to change
them: on SQLite triggers refuse UPDATE, DELETE and an INSERT OR REPLACE over a
recorded row; on PostgreSQL row triggers refuse UPDATE and DELETE and a
statement trigger refuses TRUNCATE (as 0009 does for settlements).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from yinglou_desk.storage.models import UtcDateTime

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

# table → the SQLite condition under which an INSERT would replace a recorded row
_APPEND_ONLY = {
    "payments": (
        "EXISTS (SELECT 1 FROM payments WHERE id = NEW.id) OR (NEW.reverses_id IS NOT NULL "
        "AND EXISTS (SELECT 1 FROM payments WHERE reverses_id = NEW.reverses_id))"
    ),
    "handovers": "EXISTS (SELECT 1 FROM handovers WHERE id = NEW.id)",
    "handover_items": (
        "EXISTS (SELECT 1 FROM handover_items WHERE handover_id = NEW.handover_id "
        "AND item_id = NEW.item_id)"
    ),
    "shelf_audits": "EXISTS (SELECT 1 FROM shelf_audits WHERE id = NEW.id)",
    "shelf_audit_findings": "EXISTS (SELECT 1 FROM shelf_audit_findings WHERE id = NEW.id)",
}


def upgrade() -> None:
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.add_column(sa.Column("price_fen", sa.BigInteger(), nullable=True))
    op.create_table(
        "handovers",
        sa.Column("id", BigId, nullable=False),
        sa.Column("order_id", sa.BigInteger(), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("operator_name", sa.String(length=64), nullable=False),
        sa.Column("workstation", sa.String(length=64), nullable=False),
        sa.Column("items", sa.Integer(), nullable=False),
        sa.Column("paid_fen", sa.BigInteger(), nullable=False),
        sa.Column("balance_fen", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_handovers_order_id_orders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handovers")),
    )
    with op.batch_alter_table("handovers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_handovers_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_handovers_order_id"), ["order_id"], unique=False)
    op.create_table(
        "handover_items",
        sa.Column("handover_id", sa.BigInteger(), nullable=False),
        sa.Column("item_id", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["handover_id"],
            ["handovers.id"],
            name=op.f("fk_handover_items_handover_id_handovers"),
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["items.id"], name=op.f("fk_handover_items_item_id_items")
        ),
        sa.PrimaryKeyConstraint("handover_id", "item_id", name=op.f("pk_handover_items")),
    )
    with op.batch_alter_table("handover_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_handover_items_item_id"), ["item_id"], unique=False)
    op.create_table(
        "handover_collectors",
        sa.Column("handover_id", sa.BigInteger(), nullable=False),
        sa.Column("collector_name", sa.String(length=64), nullable=True),
        sa.Column("collector_phone", sa.String(length=32), nullable=True),
        sa.Column("signature_png", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(
            ["handover_id"],
            ["handovers.id"],
            name=op.f("fk_handover_collectors_handover_id_handovers"),
        ),
        sa.PrimaryKeyConstraint("handover_id", name=op.f("pk_handover_collectors")),
    )
    op.create_table(
        "payments",
        sa.Column("id", BigId, nullable=False),
        sa.Column("order_id", sa.BigInteger(), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("method", sa.String(length=12), nullable=True),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("reverses_id", sa.BigInteger(), nullable=True),
        sa.Column("handover_id", sa.BigInteger(), nullable=True),
        sa.Column("operator_name", sa.String(length=64), nullable=False),
        sa.Column("approved_by", sa.String(length=64), nullable=True),
        sa.Column("workstation", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["handover_id"], ["handovers.id"], name=op.f("fk_payments_handover_id_handovers")
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_payments_order_id_orders")
        ),
        sa.ForeignKeyConstraint(
            ["reverses_id"], ["payments.id"], name=op.f("fk_payments_reverses_id_payments")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payments")),
        sa.UniqueConstraint("reverses_id", name=op.f("uq_payments_reverses_id")),
    )
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_payments_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_payments_handover_id"), ["handover_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_payments_order_id"), ["order_id"], unique=False)
    op.create_table(
        "shelf_audits",
        sa.Column("id", BigId, nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("operator_name", sa.String(length=64), nullable=False),
        sa.Column("workstation", sa.String(length=64), nullable=False),
        sa.Column("scope", sa.String(length=64), nullable=False),
        sa.Column("scanned", sa.Integer(), nullable=False),
        sa.Column("missing", sa.Integer(), nullable=False),
        sa.Column("misplaced", sa.Integer(), nullable=False),
        sa.Column("stale", sa.Integer(), nullable=False),
        sa.Column("unknown", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shelf_audits")),
    )
    with op.batch_alter_table("shelf_audits", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_shelf_audits_at"), ["at"], unique=False)
    op.create_table(
        "shelf_audit_findings",
        sa.Column("id", BigId, nullable=False),
        sa.Column("audit_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("code", sa.String(length=200), nullable=False),
        sa.Column("item_id", sa.BigInteger(), nullable=True),
        sa.Column("order_id", sa.BigInteger(), nullable=True),
        sa.Column("slot", sa.String(length=32), nullable=True),
        sa.Column("expected_slot", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["audit_id"],
            ["shelf_audits.id"],
            name=op.f("fk_shelf_audit_findings_audit_id_shelf_audits"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shelf_audit_findings")),
    )
    with op.batch_alter_table("shelf_audit_findings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_shelf_audit_findings_audit_id"), ["audit_id"], unique=False
        )

    if op.get_bind().dialect.name == "sqlite":
        for table, existing in _APPEND_ONLY.items():
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
    for table in _APPEND_ONLY:
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
    for table in _APPEND_ONLY:
        if sqlite:
            for name in ("no_update", "no_delete", "no_replace"):
                op.execute(f"DROP TRIGGER trg_{table}_{name}")
        else:
            op.execute(f"DROP TRIGGER trg_{table}_no_truncate ON {table}")
            op.execute(f"DROP TRIGGER trg_{table}_append_only ON {table}")
            op.execute(f"DROP FUNCTION {table}_append_only()")
    with op.batch_alter_table("shelf_audit_findings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_shelf_audit_findings_audit_id"))
    op.drop_table("shelf_audit_findings")
    with op.batch_alter_table("shelf_audits", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_shelf_audits_at"))
    op.drop_table("shelf_audits")
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payments_order_id"))
        batch_op.drop_index(batch_op.f("ix_payments_handover_id"))
        batch_op.drop_index(batch_op.f("ix_payments_at"))
    op.drop_table("payments")
    op.drop_table("handover_collectors")
    with op.batch_alter_table("handover_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_handover_items_item_id"))
    op.drop_table("handover_items")
    with op.batch_alter_table("handovers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_handovers_order_id"))
        batch_op.drop_index(batch_op.f("ix_handovers_at"))
    op.drop_table("handovers")
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_column("price_fen")
