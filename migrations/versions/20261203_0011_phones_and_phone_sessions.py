"""phones as scanners: registered phones and their log-in sessions

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 15:40:00

``phones`` holds every staff phone that logged in to the phone page (手机理件): its
name (the workstation its scans are recorded with), the SHA-256 of the key its
cookie carries, who approved it and when, and whether it was revoked.
``phone_sessions`` holds the log-ins, by the SHA-256 of their token, so that a
restart of the server does not log phones out in the middle of a batch.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from yinglou_desk.storage.models import UtcDateTime

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "phones",
        sa.Column("id", BigId, nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("registered_at", UtcDateTime(), nullable=False),
        sa.Column("registered_address", sa.String(length=64), nullable=True),
        sa.Column("approved_at", UtcDateTime(), nullable=True),
        sa.Column("approved_by", sa.String(length=64), nullable=True),
        sa.Column("revoked_at", UtcDateTime(), nullable=True),
        sa.Column("revoked_by", sa.String(length=64), nullable=True),
        sa.Column("last_seen_at", UtcDateTime(), nullable=True),
        sa.Column("last_operator", sa.String(length=64), nullable=True),
        sa.Column("last_address", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_phones")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_phones_key_hash")),
        sa.UniqueConstraint("name", name=op.f("uq_phones_name")),
    )
    op.create_table(
        "phone_sessions",
        sa.Column("id", BigId, nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("phone_id", sa.BigInteger(), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=False),
        sa.Column("csrf", sa.String(length=64), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("expires_at", UtcDateTime(), nullable=False),
        sa.Column("last_used_at", UtcDateTime(), nullable=False),
        sa.Column("ended_at", UtcDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["operator_id"], ["operators.id"], name=op.f("fk_phone_sessions_operator_id_operators")
        ),
        sa.ForeignKeyConstraint(
            ["phone_id"], ["phones.id"], name=op.f("fk_phone_sessions_phone_id_phones")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_phone_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_phone_sessions_token_hash")),
    )
    with op.batch_alter_table("phone_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_phone_sessions_phone_id"), ["phone_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("phone_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_phone_sessions_phone_id"))
    op.drop_table("phone_sessions")
    op.drop_table("phones")
