"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-28 20:54:06.431324
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from yinglou_desk.storage.models import UtcDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


_SQLITE_APPEND_ONLY = (
    """CREATE TRIGGER trg_scan_log_no_update BEFORE UPDATE ON scan_log
    BEGIN SELECT RAISE(ABORT, 'scan_log is append-only'); END""",
    """CREATE TRIGGER trg_scan_log_no_delete BEFORE DELETE ON scan_log
    BEGIN SELECT RAISE(ABORT, 'scan_log is append-only'); END""",
)
_POSTGRES_APPEND_ONLY = (
    """CREATE FUNCTION scan_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'scan_log is append-only'; END $$""",
    """CREATE TRIGGER trg_scan_log_append_only BEFORE UPDATE OR DELETE ON scan_log
    FOR EACH ROW EXECUTE FUNCTION scan_log_append_only()""",
)


def _dialect() -> str:
    return op.get_bind().dialect.name


def upgrade() -> None:
    op.create_table(
        "customers",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("phone_tail", sa.String(length=4), nullable=True),
        sa.Column("initials", sa.String(length=32), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customers")),
    )
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_customers_initials"), ["initials"], unique=False)
        batch_op.create_index(batch_op.f("ix_customers_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_customers_phone_tail"), ["phone_tail"], unique=False)

    op.create_table(
        "operators",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("badge_code", sa.String(length=40), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", UtcDateTime(), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_operators")),
        sa.UniqueConstraint("badge_code", name=op.f("uq_operators_badge_code")),
        sa.UniqueConstraint("name", name=op.f("uq_operators_name")),
    )
    op.create_table(
        "scan_log",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("code", sa.String(length=200), nullable=False),
        sa.Column("item_id", sa.BigInteger(), nullable=True),
        sa.Column("order_id", sa.BigInteger(), nullable=True),
        sa.Column("station", sa.String(length=16), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=True),
        sa.Column("operator_name", sa.String(length=64), nullable=False),
        sa.Column("workstation", sa.String(length=64), nullable=False),
        sa.Column("outcome", sa.String(length=12), nullable=False),
        sa.Column("from_state", sa.String(length=16), nullable=True),
        sa.Column("to_state", sa.String(length=16), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scan_log")),
    )
    with op.batch_alter_table("scan_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_scan_log_at"), ["at"], unique=False)
        batch_op.create_index("ix_scan_log_code_id", ["code", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_scan_log_item_id"), ["item_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_scan_log_order_id"), ["order_id"], unique=False)

    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "vendors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("turnaround_days", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vendors")),
        sa.UniqueConstraint("name", name=op.f("uq_vendors_name")),
    )
    op.create_table(
        "orders",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("order_no", sa.String(length=64), nullable=False),
        sa.Column("customer_id", sa.BigInteger(), nullable=False),
        sa.Column("package", sa.String(length=100), nullable=True),
        sa.Column("shoot_date", sa.Date(), nullable=True),
        sa.Column("store", sa.String(length=100), nullable=True),
        sa.Column("promised_date", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("progress", sa.String(length=20), nullable=False),
        sa.Column("next_due_back", sa.Date(), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_orders_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_orders")),
        sa.UniqueConstraint("order_no", name=op.f("uq_orders_order_no")),
    )
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_orders_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_orders_next_due_back"), ["next_due_back"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_orders_progress"), ["progress"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_orders_promised_date"), ["promised_date"], unique=False
        )

    op.create_table(
        "send_out_batches",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("vendor_id", sa.Integer(), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=False),
        sa.Column("workstation", sa.String(length=64), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["operator_id"],
            ["operators.id"],
            name=op.f("fk_send_out_batches_operator_id_operators"),
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"], ["vendors.id"], name=op.f("fk_send_out_batches_vendor_id_vendors")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_send_out_batches")),
        sa.UniqueConstraint("code", name=op.f("uq_send_out_batches_code")),
    )
    with op.batch_alter_table("send_out_batches", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_send_out_batches_vendor_id"), ["vendor_id"], unique=False
        )

    op.create_table(
        "stages",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("order_id", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_stages_order_id_orders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stages")),
        sa.UniqueConstraint("order_id", "name", name="uq_stages_order_id_name"),
    )
    op.create_table(
        "items",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("order_id", sa.BigInteger(), nullable=False),
        sa.Column("stage_id", sa.BigInteger(), nullable=True),
        sa.Column("product", sa.String(length=100), nullable=False),
        sa.Column("spec", sa.String(length=100), nullable=True),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("unit_cost", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("planned_vendor_id", sa.Integer(), nullable=True),
        sa.Column("vendor_id", sa.Integer(), nullable=True),
        sa.Column("batch_id", sa.BigInteger(), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("shelf_slot", sa.String(length=32), nullable=True),
        sa.Column("sent_at", UtcDateTime(), nullable=True),
        sa.Column("expected_return", sa.Date(), nullable=True),
        sa.Column("returned_at", UtcDateTime(), nullable=True),
        sa.Column("picked_up_at", UtcDateTime(), nullable=True),
        sa.Column("rework_count", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["send_out_batches.id"], name=op.f("fk_items_batch_id_send_out_batches")
        ),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"], name=op.f("fk_items_order_id_orders")),
        sa.ForeignKeyConstraint(
            ["planned_vendor_id"], ["vendors.id"], name=op.f("fk_items_planned_vendor_id_vendors")
        ),
        sa.ForeignKeyConstraint(["stage_id"], ["stages.id"], name=op.f("fk_items_stage_id_stages")),
        sa.ForeignKeyConstraint(
            ["vendor_id"], ["vendors.id"], name=op.f("fk_items_vendor_id_vendors")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_items")),
        sa.UniqueConstraint("code", name=op.f("uq_items_code")),
    )
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_items_order_id"), ["order_id"], unique=False)
        batch_op.create_index(
            "ix_items_state_expected_return", ["state", "expected_return"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_items_vendor_id"), ["vendor_id"], unique=False)

    # The scan log is the studio's evidence: the database itself refuses to
    # change or delete a row of it.
    for statement in _SQLITE_APPEND_ONLY if _dialect() == "sqlite" else _POSTGRES_APPEND_ONLY:
        op.execute(statement)
    if _dialect() == "postgresql":
        # Prefix search on customer names whatever the server's collation.
        op.execute("CREATE INDEX ix_customers_name_pattern ON customers (name varchar_pattern_ops)")


def downgrade() -> None:
    if _dialect() == "sqlite":
        op.execute("DROP TRIGGER trg_scan_log_no_update")
        op.execute("DROP TRIGGER trg_scan_log_no_delete")
    else:
        op.execute("DROP TRIGGER trg_scan_log_append_only ON scan_log")
        op.execute("DROP FUNCTION scan_log_append_only()")
        op.execute("DROP INDEX ix_customers_name_pattern")
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_items_vendor_id"))
        batch_op.drop_index("ix_items_state_expected_return")
        batch_op.drop_index(batch_op.f("ix_items_order_id"))

    op.drop_table("items")
    op.drop_table("stages")
    with op.batch_alter_table("send_out_batches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_send_out_batches_vendor_id"))

    op.drop_table("send_out_batches")
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_orders_promised_date"))
        batch_op.drop_index(batch_op.f("ix_orders_progress"))
        batch_op.drop_index(batch_op.f("ix_orders_next_due_back"))
        batch_op.drop_index(batch_op.f("ix_orders_customer_id"))

    op.drop_table("orders")
    op.drop_table("vendors")
    op.drop_table("settings")
    with op.batch_alter_table("scan_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scan_log_order_id"))
        batch_op.drop_index(batch_op.f("ix_scan_log_item_id"))
        batch_op.drop_index("ix_scan_log_code_id")
        batch_op.drop_index(batch_op.f("ix_scan_log_at"))

    op.drop_table("scan_log")
    op.drop_table("operators")
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customers_phone_tail"))
        batch_op.drop_index(batch_op.f("ix_customers_name"))
        batch_op.drop_index(batch_op.f("ix_customers_initials"))

    op.drop_table("customers")
