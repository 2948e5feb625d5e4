"""item labels printed

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 21:01:01.913323
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from yinglou_desk.storage.models import UtcDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("labelled_at", UtcDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.drop_column("labelled_at")
