"""Production labs (厂商) and how long they take."""

from __future__ import annotations

from sqlalchemy import Column, Connection, Engine, select

from yinglou_desk.domain.records import VendorInfo as VendorInfo  # re-exported for callers
from yinglou_desk.domain.roles import Actor, Permission, require
from yinglou_desk.domain.wording import WordedError
from yinglou_desk.services.clock import Clock, utc_now
from yinglou_desk.services.settings.limits import length_problem
from yinglou_desk.services.staff import audit
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.storage.tables import vendor_turnarounds, vendors

DEFAULT_TURNAROUND_DAYS = 7


class VendorError(WordedError, ValueError):
    """A vendor request that cannot be carried out; ``key`` says why."""


def _clean_name(text: str, column: Column[str], field: str, empty_key: str) -> str:
    """``text`` with its spaces tidied, refused when empty or too long for ``column``."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise VendorError(empty_key)
    problem = length_problem(cleaned, column, field)
    if problem:
        raise VendorError("text.too_long", **problem)
    return cleaned


def _check_turnaround(days: int) -> None:
    if not 0 <= days <= 365:
        raise VendorError("input.turnaround_range")


def add_or_update_vendor(
    engine: Engine,
    name: str,
    turnaround_days: int | None = None,
    clock: Clock = utc_now,
    *,
    actor: Actor | None,
) -> tuple[VendorInfo, bool]:
    """Create the vendor, or update its turnaround; returns (vendor, created)."""
    require(actor, Permission.MANAGE_VENDORS)
    assert actor is not None
    by = actor.name
    name = _clean_name(name, vendors.c.name, "field.vendor_name", "input.vendor_name_empty")
    if turnaround_days is not None:
        _check_turnaround(turnaround_days)
    with write_transaction(engine) as conn:
        existing = find_vendor(conn, name)
        if existing is not None:
            if turnaround_days is None or turnaround_days == existing.turnaround_days:
                return existing, False
            conn.execute(
                vendors.update()
                .where(vendors.c.id == existing.id)
                .values(turnaround_days=turnaround_days)
            )
            audit.record(
                conn, clock(), by, "vendor.update", name, {"turnaround_days": turnaround_days}
            )
            return VendorInfo(existing.id, existing.name, turnaround_days), False
        days = DEFAULT_TURNAROUND_DAYS if turnaround_days is None else turnaround_days
        new_id = conn.execute(
            vendors.insert()
            .values(name=name, turnaround_days=days, active=True, created_at=clock())
            .returning(vendors.c.id)
        ).scalar_one()
        audit.record(conn, clock(), by, "vendor.add", name, {"turnaround_days": days})
        return VendorInfo(new_id, name, days), True


def find_vendor(conn: Connection, name: str) -> VendorInfo | None:
    row = conn.execute(
        select(vendors.c.id, vendors.c.name, vendors.c.turnaround_days).where(
            vendors.c.name == " ".join(name.split())
        )
    ).first()
    return None if row is None else VendorInfo(row.id, row.name, row.turnaround_days)


def set_product_turnaround(
    engine: Engine,
    vendor_name: str,
    product: str,
    turnaround_days: int,
    clock: Clock = utc_now,
    *,
    actor: Actor | None,
) -> None:
    """A product this vendor makes faster or slower than its usual turnaround."""
    require(actor, Permission.MANAGE_VENDORS)
    assert actor is not None
    by = actor.name
    product = _clean_name(
        product, vendor_turnarounds.c.product, "field.product", "input.product_name_empty"
    )
    _check_turnaround(turnaround_days)
    with write_transaction(engine) as conn:
        vendor = find_vendor(conn, vendor_name)
        if vendor is None:
            raise VendorError("input.unknown_vendor", name=vendor_name)
        updated = conn.execute(
            vendor_turnarounds.update()
            .where(
                vendor_turnarounds.c.vendor_id == vendor.id,
                vendor_turnarounds.c.product == product,
            )
            .values(turnaround_days=turnaround_days)
        ).rowcount
        if not updated:
            conn.execute(
                vendor_turnarounds.insert().values(
                    vendor_id=vendor.id, product=product, turnaround_days=turnaround_days
                )
            )
        audit.record(
            conn,
            clock(),
            by,
            "vendor.product_turnaround",
            f"{vendor.name} / {product}",
            {"turnaround_days": turnaround_days},
        )


def product_turnarounds(conn: Connection) -> dict[tuple[int, str], int]:
    rows = conn.execute(
        select(
            vendor_turnarounds.c.vendor_id,
            vendor_turnarounds.c.product,
            vendor_turnarounds.c.turnaround_days,
        )
    )
    return {(r.vendor_id, r.product): r.turnaround_days for r in rows}


def vendor_choices(engine: Engine) -> list[tuple[int, str]]:
    """Every vendor as (id, name), oldest first: what a vendor picker offers."""
    with engine.connect() as conn:
        return sorted((v.id, v.name) for v in all_vendors(conn).values())


def all_vendors(conn: Connection) -> dict[int, VendorInfo]:
    rows = conn.execute(select(vendors.c.id, vendors.c.name, vendors.c.turnaround_days))
    return {r.id: VendorInfo(r.id, r.name, r.turnaround_days) for r in rows}
