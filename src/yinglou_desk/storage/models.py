"""The tables. One studio's whole history: orders, items, scans, vendors, staff.

Item and order states are stored as plain strings (the values of the domain
enums) so that the database stays readable with any SQL tool. ``orders.progress``
and ``orders.next_due_back`` are caches of what the items say, refreshed in the
same transaction as every change to an item, so lists can filter on them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# SQLite only auto-increments a column declared exactly INTEGER PRIMARY KEY.
BigId = BigInteger().with_variant(Integer, "sqlite")


class UtcDateTime(TypeDecorator[datetime]):
    """Timestamps stored as naive UTC everywhere, handed back timezone-aware.

    SQLite has no time zones; storing UTC on both databases keeps comparisons
    and sorting identical on SQLite and PostgreSQL.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, _dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; pass an aware datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, _dialect: object) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Operator(Base):
    __tablename__ = "operators"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    badge_code: Mapped[str] = mapped_column(String(40), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Vendor(Base):
    __tablename__ = "vendors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    turnaround_days: Mapped[int] = mapped_column(Integer, default=7)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    phone: Mapped[str | None] = mapped_column(String(32))
    phone_tail: Mapped[str | None] = mapped_column(String(4), index=True)
    initials: Mapped[str | None] = mapped_column(String(32), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Order(Base):
    __tablename__ = "orders"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    order_no: Mapped[str] = mapped_column(String(64), unique=True)
    customer_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("customers.id"), index=True)
    package: Mapped[str | None] = mapped_column(String(100))
    shoot_date: Mapped[date | None] = mapped_column(Date)
    store: Mapped[str | None] = mapped_column(String(100))
    promised_date: Mapped[date | None] = mapped_column(Date, index=True)
    notes: Mapped[str | None] = mapped_column(Text)
    # 套系金额 in fen (integer, never a float); None while the studio has not said it.
    # What was paid is the sum of the order's ``payments``, never stored here.
    price_fen: Mapped[int | None] = mapped_column(BigInteger)
    progress: Mapped[str] = mapped_column(String(20), index=True)
    next_due_back: Mapped[date | None] = mapped_column(Date, index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Stage(Base):
    """One stage of a growth package (成长套): its own items and its own pickup."""

    __tablename__ = "stages"
    __table_args__ = (UniqueConstraint("order_id", "name", name="uq_stages_order_id_name"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    order_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("orders.id"))
    name: Mapped[str] = mapped_column(String(50))
    seq: Mapped[int] = mapped_column(Integer, default=0)


class SendOutBatch(Base):
    __tablename__ = "send_out_batches"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendors.id"), index=True)
    operator_id: Mapped[int] = mapped_column(ForeignKey("operators.id"))
    workstation: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Item(Base):
    __tablename__ = "items"
    __table_args__ = (Index("ix_items_state_expected_return", "state", "expected_return"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    order_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("orders.id"), index=True)
    stage_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("stages.id"))
    product: Mapped[str] = mapped_column(String(100))
    spec: Mapped[str | None] = mapped_column(String(100))
    qty: Mapped[int] = mapped_column(Integer, default=1)
    unit_cost: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    planned_vendor_id: Mapped[int | None] = mapped_column(ForeignKey("vendors.id"))
    vendor_id: Mapped[int | None] = mapped_column(ForeignKey("vendors.id"), index=True)
    batch_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("send_out_batches.id"))
    state: Mapped[str] = mapped_column(String(16))
    shelf_slot: Mapped[str | None] = mapped_column(String(32))
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    expected_return: Mapped[date | None] = mapped_column(Date)
    returned_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    picked_up_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    rework_count: Mapped[int] = mapped_column(Integer, default=0)
    labelled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    notes: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_by: Mapped[str] = mapped_column(String(64))


class ShelfSlot(Base):
    """Which order a shelf slot (货架位) holds now: one order per slot, by the primary key.

    Claimed in the check-in's own transaction and freed when the order's last item
    in it leaves the shelf (picked up, sent for rework, cancelled, check-in undone).
    The key is what keeps two PCs from giving one slot to two orders at once.
    """

    __tablename__ = "shelf_slots"

    slot: Mapped[str] = mapped_column(String(32), primary_key=True)
    order_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("orders.id"), index=True)
    taken_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ScanLog(Base):
    """Append-only: every scan, accepted, refused or repeated, and every item change."""

    __tablename__ = "scan_log"
    __table_args__ = (
        Index("ix_scan_log_code_id", "code", "id"),
        Index("ux_scan_log_client_ref", "client_ref", unique=True),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    code: Mapped[str] = mapped_column(String(200))
    item_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    order_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    station: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(16))
    operator_id: Mapped[int | None] = mapped_column(Integer)
    operator_name: Mapped[str] = mapped_column(String(64))
    workstation: Mapped[str] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(12))
    from_state: Mapped[str | None] = mapped_column(String(16))
    to_state: Mapped[str | None] = mapped_column(String(16))
    message: Mapped[str] = mapped_column(Text)
    detail: Mapped[str | None] = mapped_column(Text)
    # The station's own id for a scan taken while the database was away: replaying
    # the offline journal twice can never record the same scan twice.
    client_ref: Mapped[str | None] = mapped_column(String(40))
    # On an undo row: the row it takes back. Figures and reconciliation skip rows an
    # undo took back, since the log itself is never changed.
    reverses_id: Mapped[int | None] = mapped_column(BigInteger, index=True)


class Setting(Base):
    """Studio-wide settings shared by every PC of a studio (duplicate window, days...)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class VendorTurnaround(Base):
    """A vendor's turnaround for one product when it differs from the vendor's usual."""

    __tablename__ = "vendor_turnarounds"
    __table_args__ = (
        UniqueConstraint("vendor_id", "product", name="uq_vendor_turnarounds_vendor_id_product"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendors.id"))
    product: Mapped[str] = mapped_column(String(100))
    turnaround_days: Mapped[int] = mapped_column(Integer)


class Notification(Base):
    """The outbox: one message per order/stage event, never sent twice.

    ``dedupe_key`` (e.g. ``ready:ORDER:STAGE``) makes queuing idempotent; the
    state moves ``queued → sending → sent`` or ``failed`` (with the reason), or
    ``cancelled``. A send is claimed with a conditional update so two PCs never
    send the same message.
    """

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_state_next_attempt_at", "state", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    dedupe_key: Mapped[str] = mapped_column(String(100), unique=True)
    order_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("orders.id"), index=True)
    stage_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("stages.id"))
    event: Mapped[str] = mapped_column(String(16))
    phone: Mapped[str | None] = mapped_column(String(32))
    message: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(12))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_by: Mapped[str] = mapped_column(String(64))
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class AuditLog(Base):
    """Append-only record of every change that is not a scan: who, when, where, what."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    operator_name: Mapped[str] = mapped_column(String(64))
    workstation: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    subject: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str | None] = mapped_column(Text)
