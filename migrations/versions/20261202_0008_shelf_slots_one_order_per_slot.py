"""shelf slots: one order per slot, held by a key

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 10:00:00

Until now a slot was "taken" when some ready item named it, so two PCs checking
in two orders at the same moment could both be told to use the same free slot.
``shelf_slots`` records which order each slot holds, with the slot as primary
key, so the database itself refuses a second order. Filled from the items on
the shelf now; where two orders already share a slot the lower order id keeps
it (the other's items still name the slot, and the next check-in of that order
gets a slot of its own). Overflow names (``H-41+``) are shared on purpose and
are not recorded.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from yinglou_desk.storage.models import UtcDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "shelf_slots",
        sa.Column("slot", sa.String(length=32), nullable=False),
        sa.Column("order_id", sa.BigInteger(), nullable=False),
        sa.Column("taken_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_shelf_slots_order_id_orders")
        ),
        sa.PrimaryKeyConstraint("slot", name=op.f("pk_shelf_slots")),
    )
    with op.batch_alter_table("shelf_slots", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_shelf_slots_order_id"), ["order_id"], unique=False)
    op.execute(
        "INSERT INTO shelf_slots (slot, order_id, taken_at) "
        "SELECT shelf_slot, MIN(order_id), MAX(updated_at) FROM items "
        "WHERE state = 'ready' AND shelf_slot IS NOT NULL AND shelf_slot NOT LIKE '%+' "
        "GROUP BY shelf_slot"
    )


def downgrade() -> None:
    with op.batch_alter_table("shelf_slots", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_shelf_slots_order_id"))
    op.drop_table("shelf_slots")
