"""Production labs (厂商) and how long they take."""

from __future__ import annotations

from sqlalchemy import Connection, Engine, select

from ..domain.records import VendorInfo
from ..storage.engine import write_transaction
from ..storage.tables import vendors
from . import audit
from .clock import Clock, utc_now

DEFAULT_TURNAROUND_DAYS = 7


class VendorError(ValueError):
    """A vendor request that cannot be carried out; the text says why."""


def add_or_update_vendor(
    engine: Engine,
    name: str,
    turnaround_days: int | None = None,
    clock: Clock = utc_now,
    by: str = "system",
) -> tuple[VendorInfo, bool]:
    """Create the vendor, or update its turnaround; returns (vendor, created)."""
    name = " ".join(name.split())
    if not name:
        raise VendorError("厂商名称不能为空 / vendor name is empty")
    if turnaround_days is not None and not 0 <= turnaround_days <= 365:
        raise VendorError("制作周期须在 0–365 天之间 / turnaround must be 0–365 days")
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


def all_vendors(conn: Connection) -> dict[int, VendorInfo]:
    rows = conn.execute(select(vendors.c.id, vendors.c.name, vendors.c.turnaround_days))
    return {r.id: VendorInfo(r.id, r.name, r.turnaround_days) for r in rows}
