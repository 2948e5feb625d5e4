"""Demo studio data at any scale: orders over several years, items in every state.

Fast enough for a million items (bulk loading with our own ids), and
deterministic for a given seed (and clock) so benchmarks can be repeated. Nothing
is dated after the clock's ``now``, and the scans are spread over the demo staff
by role, so the figures' staff chart has something to show. Item histories
are simulated — sent out, back (late sometimes), reworked now and then,
picked up — and written to the scan log as the scans that would have made them.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Engine, Table, func, select

from yinglou_desk.demo import names
from yinglou_desk.demo.history import (
    CUSTOMER_COLUMNS,
    DEMO_CODE_PREFIX,
    ITEM_COLUMNS,
    LOG_COLUMNS,
    NOTIFICATION_COLUMNS,
    WORKSTATION,
    DemoStaff,
    StudioHistory,
)
from yinglou_desk.demo.money import PAYMENT_COLUMNS, PRICED_ORDER_COLUMNS, DemoMoney
from yinglou_desk.domain.codes import new_badge_code
from yinglou_desk.domain.passwords import hash_password
from yinglou_desk.services.clock import Clock, local_date, utc_now
from yinglou_desk.services.scanning.shelving import free_slots
from yinglou_desk.storage import tables as t
from yinglou_desk.storage.bulk import bulk_insert, reset_sequence
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.storage.models import (
    Item,
    Operator,
    Vendor,
)

DEMO_OPERATORS = (  # name, role, password
    ("管理员", "admin", "admin123"),
    ("王店长", "manager", "1234"),
    ("小李", "sorter", "1234"),
    ("小张", "desk", "1234"),
)
Progress = Callable[[int, int], None]


@dataclass
class DemoReport:
    orders: int
    items: int
    customers: int
    scans: int
    operators_created: list[str]


class _Ids:
    """Next free id per table, read once; demo rows are loaded with explicit ids."""

    def __init__(self, conn: Connection, tables: Iterable[Table]) -> None:
        self._next = {
            table.name: conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()
            + 1
            for table in tables
        }

    def take(self, table: str) -> int:
        value: int = self._next[table]
        self._next[table] = value + 1
        return value


def generate_demo(
    engine: Engine,
    orders: int,
    seed: int = 1,
    clock: Clock = utc_now,
    progress: Progress | None = None,
) -> DemoReport:
    rng = random.Random(seed)
    now = clock()
    today = local_date(now)
    tables = [
        t.customers,
        t.orders,
        t.stages,
        t.items,
        t.scan_log,
        t.send_out_batches,
        t.vendors,
        t.notifications,
        t.payments,
    ]
    with write_transaction(engine) as conn:
        operators_created = _ensure_operators(conn, now)
        operator_rows = conn.execute(select(Operator.id, Operator.name, Operator.role)).all()
        vendor_ids = _ensure_vendors(conn, now)
        ids = _Ids(conn, tables)
        first_code = _next_demo_code_number(conn)
        # the staff's share of the history comes from a generator of its own (see DemoStaff)
        staff = DemoStaff(random.Random(f"staff-{seed}"), list(operator_rows))
        batch_ids = {}
        batch_rows = []
        for vendor_index, vendor_id in enumerate(vendor_ids):
            batch_ids[vendor_index] = ids.take("send_out_batches")
            batch_rows.append(
                (
                    batch_ids[vendor_index],
                    f"SB-DEMO{batch_ids[vendor_index]:06d}",
                    vendor_id,
                    staff.first_sorter().id,
                    WORKSTATION,
                    now,
                )
            )
        bulk_insert(
            conn,
            t.send_out_batches,
            ("id", "code", "vendor_id", "operator_id", "workstation", "created_at"),
            batch_rows,
        )

        # a quarter of the free slots stays empty, so check-ins tried on the demo find room;
        # the orders beyond the rest wait on the heap, as long-uncollected sets do
        free = list(free_slots(conn))
        for_history = iter(free[: len(free) - len(free) // 4])
        generator = StudioHistory(
            rng, today, now, ids, vendor_ids, batch_ids, staff, first_code, for_history
        )
        cashiers = [row.name for row in operator_rows if row.role in ("desk", "manager")]
        money = DemoMoney(random.Random(f"money-{seed}"), ids, cashiers)
        chunk = 2000
        totals = DemoReport(0, 0, 0, 0, operators_created)
        for start in range(0, orders, chunk):
            rows = generator.orders(min(chunk, orders - start))
            bulk_insert(conn, t.customers, CUSTOMER_COLUMNS, rows.customers)
            priced, payment_rows = money.priced(rows.orders)
            bulk_insert(conn, t.orders, PRICED_ORDER_COLUMNS, priced)
            bulk_insert(conn, t.payments, PAYMENT_COLUMNS, payment_rows)
            bulk_insert(conn, t.stages, ("id", "order_id", "name", "seq"), rows.stages)
            bulk_insert(conn, t.items, ITEM_COLUMNS, rows.items)
            bulk_insert(conn, t.scan_log, LOG_COLUMNS, rows.scans)
            bulk_insert(conn, t.notifications, NOTIFICATION_COLUMNS, rows.notifications)
            bulk_insert(conn, t.shelf_slots, ("slot", "order_id", "taken_at"), rows.shelf_slots)
            totals.orders += len(rows.orders)
            totals.items += len(rows.items)
            totals.customers += len(rows.customers)
            totals.scans += len(rows.scans)
            if progress:
                progress(totals.orders, orders)
        for table in tables:
            reset_sequence(conn, table)
    return totals


def _ensure_operators(conn, now: datetime) -> list[str]:  # type: ignore[no-untyped-def]
    existing = set(conn.execute(select(Operator.name)).scalars())
    created = []
    for name, role, password in DEMO_OPERATORS:
        if name not in existing:
            conn.execute(
                t.operators.insert().values(
                    name=name,
                    role=role,
                    password_hash=hash_password(password),
                    badge_code=new_badge_code(),
                    active=True,
                    failed_logins=0,
                    created_at=now,
                )
            )
            created.append(name)
    return created


def _ensure_vendors(conn, now: datetime) -> list[int]:  # type: ignore[no-untyped-def]
    ids = []
    for name, days in names.VENDORS:
        vendor_id = conn.execute(select(Vendor.id).where(Vendor.name == name)).scalar()
        if vendor_id is None:
            vendor_id = conn.execute(
                t.vendors.insert()
                .values(name=name, turnaround_days=days, active=True, created_at=now)
                .returning(t.vendors.c.id)
            ).scalar_one()
        ids.append(vendor_id)
    return ids


def _next_demo_code_number(conn) -> int:  # type: ignore[no-untyped-def]
    last = conn.execute(
        select(func.max(Item.code)).where(Item.code.startswith(DEMO_CODE_PREFIX))
    ).scalar()
    return int(last[len(DEMO_CODE_PREFIX) :]) + 1 if last else 1
