"""scan log client ref for offline replay

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 21:42:41.851105
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN and an index: no table rebuild, so SQLite keeps the scan log's
    # append-only triggers and a large log is not copied.
    op.add_column("scan_log", sa.Column("client_ref", sa.String(length=40), nullable=True))
    op.create_index("ux_scan_log_client_ref", "scan_log", ["client_ref"], unique=True)


def downgrade() -> None:
    op.drop_index("ux_scan_log_client_ref", table_name="scan_log")
    with op.batch_alter_table("scan_log", schema=None) as batch_op:
        batch_op.drop_column("client_ref")
