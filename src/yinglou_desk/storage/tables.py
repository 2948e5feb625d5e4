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
    LargeBinary,
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


# -- the counter: money, hand-overs, the shelf audit ---------------------------------------
# Money is integer fen everywhere (¥1,380.00 is 138000). Every table here but
# ``handover_collectors`` is append-only (triggers in migration 0010): a mistake
# is a new row that says so, never an edit.

payments = Table(
    "payments",
    Base.metadata,
    Column("id", BigId, primary_key=True),
    Column("order_id", BigInteger, ForeignKey("orders.id"), nullable=False, index=True),
    Column("at", UtcDateTime(), nullable=False, index=True),
    Column("kind", String(12), nullable=False),
    Column("method", String(12), nullable=True),
    Column("amount_fen", BigInteger, nullable=False),
    Column("reference", String(100), nullable=True),
    Column("reason", Text, nullable=True),
    Column("reverses_id", BigInteger, ForeignKey("payments.id"), nullable=True, unique=True),
    Column("handover_id", BigInteger, ForeignKey("handovers.id"), nullable=True, index=True),
    Column("operator_name", String(64), nullable=False),
    Column("approved_by", String(64), nullable=True),
    Column("workstation", String(64), nullable=False),
)
"""Money on an order, append-only. ``kind`` (:class:`~yinglou_desk.domain.money.PaymentKind`):
``imported`` (paid before the program knew the order: the sheet's 已付/定金), ``payment``
(taken at the desk, with a ``method``), ``reversal`` (takes back the row ``reverses_id``
names, with the negated amount and a ``reason``), ``waiver`` (a balance let go, with a
``reason`` and the manager who ``approved_by``). Takings (日结) count ``payment`` and
``reversal`` rows only."""

handovers = Table(
    "handovers",
    Base.metadata,
    Column("id", BigId, primary_key=True),
    Column("order_id", BigInteger, ForeignKey("orders.id"), nullable=False, index=True),
    Column("at", UtcDateTime(), nullable=False, index=True),
    Column("operator_name", String(64), nullable=False),
    Column("workstation", String(64), nullable=False),
    Column("items", Integer, nullable=False),
    Column("paid_fen", BigInteger, nullable=False),
    Column("balance_fen", BigInteger, nullable=True),
)
"""One hand-over (取件) at the counter: the receipt (取件单) is its record. Append-only.
``paid_fen``: taken at this hand-over; ``balance_fen``: still owed afterwards (None: the
order has no price)."""

handover_items = Table(
    "handover_items",
    Base.metadata,
    Column("handover_id", BigInteger, ForeignKey("handovers.id"), primary_key=True),
    Column("item_id", BigInteger, ForeignKey("items.id"), primary_key=True, index=True),
)
"""Which items a hand-over gave the customer. Append-only."""

handover_collectors = Table(
    "handover_collectors",
    Base.metadata,
    Column("handover_id", BigInteger, ForeignKey("handovers.id"), primary_key=True),
    Column("collector_name", String(64), nullable=True),
    Column("collector_phone", String(32), nullable=True),
    Column("signature_png", LargeBinary, nullable=True),
)
"""Who collected (代取: someone else's name and phone) and the customer's signature.
Personal data, so kept apart from the append-only hand-over: erasing a customer
blanks these and leaves the hand-over itself."""

shelf_audits = Table(
    "shelf_audits",
    Base.metadata,
    Column("id", BigId, primary_key=True),
    Column("at", UtcDateTime(), nullable=False, index=True),
    Column("operator_name", String(64), nullable=False),
    Column("workstation", String(64), nullable=False),
    Column("scope", String(64), nullable=False),
    Column("scanned", Integer, nullable=False),
    Column("missing", Integer, nullable=False),
    Column("misplaced", Integer, nullable=False),
    Column("stale", Integer, nullable=False),
    Column("unknown", Integer, nullable=False),
)
"""A finished shelf audit (盘点): which slots (``scope``: a slot, a rack or ``*``), by
whom, and its counts. Append-only."""

shelf_audit_findings = Table(
    "shelf_audit_findings",
    Base.metadata,
    Column("id", BigId, primary_key=True),
    Column("audit_id", BigInteger, ForeignKey("shelf_audits.id"), nullable=False, index=True),
    Column("kind", String(12), nullable=False),
    Column("code", String(200), nullable=False),
    Column("item_id", BigInteger, nullable=True),
    Column("order_id", BigInteger, nullable=True),
    Column("slot", String(32), nullable=True),
    Column("expected_slot", String(32), nullable=True),
)
"""One line of a shelf audit: ``kind`` is ``found`` (where it belongs), ``missing``
(should be in ``expected_slot``, not scanned), ``misplaced`` (scanned in ``slot``, belongs in
``expected_slot``), ``stale`` (on the shelf although picked up or cancelled) or ``unknown``
(no item has the code). Append-only."""

phones = Table(
    "phones",
    Base.metadata,
    Column("id", BigId, primary_key=True),
    Column("name", String(40), nullable=False, unique=True),
    Column("key_hash", String(64), nullable=False, unique=True),
    Column("registered_at", UtcDateTime(), nullable=False),
    Column("registered_address", String(64), nullable=True),
    Column("approved_at", UtcDateTime(), nullable=True),
    Column("approved_by", String(64), nullable=True),
    Column("revoked_at", UtcDateTime(), nullable=True),
    Column("revoked_by", String(64), nullable=True),
    Column("last_seen_at", UtcDateTime(), nullable=True),
    Column("last_operator", String(64), nullable=True),
    Column("last_address", String(64), nullable=True),
)
"""A staff phone used as a scanner (手机理件). It is known by a random key kept in a cookie
on the phone (only its SHA-256 here), registered on its first log-in and usable once a
manager approved it; revoking it ends its sessions. ``name`` is the workstation its
scans are recorded with."""

phone_sessions = Table(
    "phone_sessions",
    Base.metadata,
    Column("id", BigId, primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("phone_id", BigInteger, ForeignKey("phones.id"), nullable=False, index=True),
    Column("operator_id", Integer, ForeignKey("operators.id"), nullable=False),
    Column("csrf", String(64), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("expires_at", UtcDateTime(), nullable=False),
    Column("last_used_at", UtcDateTime(), nullable=False),
    Column("ended_at", UtcDateTime(), nullable=True),
)
"""A log-in on a phone. Kept in the database (only the token's SHA-256), so a restart of
the server does not log the phones out in the middle of a batch."""
