"""The Core tables, typed as :class:`Table`, for services that write SQL expressions.

``Model.__table__`` is typed as a plain ``FromClause``; these aliases give type
checkers (and readers) the real thing: ``items.update()``, ``scan_log.insert()``.
"""

from __future__ import annotations

from typing import cast

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from yinglou_desk.storage.models import (
    AuditLog,
    Base,
    BigId,
    Customer,
    Item,
    Notification,
    Operator,
    Order,
    ScanLog,
    SendOutBatch,
    Setting,
    ShelfSlot,
    Stage,
    UtcDateTime,
    Vendor,
    VendorTurnaround,
)

operators = cast(Table, Operator.__table__)
vendors = cast(Table, Vendor.__table__)
customers = cast(Table, Customer.__table__)
orders = cast(Table, Order.__table__)
stages = cast(Table, Stage.__table__)
send_out_batches = cast(Table, SendOutBatch.__table__)
items = cast(Table, Item.__table__)
scan_log = cast(Table, ScanLog.__table__)
shelf_slots = cast(Table, ShelfSlot.__table__)
settings = cast(Table, Setting.__table__)
vendor_turnarounds = cast(Table, VendorTurnaround.__table__)
notifications = cast(Table, Notification.__table__)
audit_log = cast(Table, AuditLog.__table__)


# -- month-end memory ------------------------------------------------------------------------
# Core tables of their own (no ORM class): the reconciliation services are their only users.
# They live on the models' metadata, so the migrations are checked against them too.

settlements = Table(
    "settlements",
    Base.metadata,
    Column("id", BigId, primary_key=True),
    Column("vendor_id", Integer, ForeignKey("vendors.id"), nullable=False, index=True),
    Column("period_start", Date, nullable=False),
    Column("period_end", Date, nullable=False),
    Column("statement_file", String(255), nullable=False),
    Column("statement_total", Numeric(12, 2), nullable=True),
    Column("line_total", Numeric(12, 2), nullable=False),
    Column("lines", Integer, nullable=False),
    Column("confirmed_at", UtcDateTime(), nullable=False),
    Column("confirmed_by", String(64), nullable=False),
    Column("note", Text, nullable=True),
    UniqueConstraint("vendor_id", "period_start", "period_end"),
)
"""A confirmed reconciliation (确认对账): append-only, one per vendor and period."""

settled_items = Table(
    "settled_items",
    Base.metadata,
    Column("id", BigId, primary_key=True),
    Column("settlement_id", BigInteger, ForeignKey("settlements.id"), nullable=False, index=True),
    Column("item_id", BigInteger, ForeignKey("items.id"), nullable=False, index=True),
    Column("sheet", String(100), nullable=False),
    Column("row", Integer, nullable=False),
    Column("amount", Numeric(12, 2), nullable=False),
    UniqueConstraint("settlement_id", "item_id"),
)
"""Which item a confirmed statement paid for, from which line, at what amount: append-only."""

vendor_statement_layouts = Table(
    "vendor_statement_layouts",
    Base.metadata,
    Column("vendor_id", Integer, ForeignKey("vendors.id"), primary_key=True),
    Column("code_column", String(100), nullable=True),
    Column("amount_column", String(100), nullable=True),
    Column("chosen_by", String(64), nullable=False),
    Column("chosen_at", UtcDateTime(), nullable=False),
)
"""The code and amount columns a manager pointed at for a vendor's statements."""
