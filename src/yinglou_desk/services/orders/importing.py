"""Importing orders from a spreadsheet: all rows or none.

The file is read and checked completely — cells, order consistency, order
numbers and barcodes already in the database — before anything is written;
then everything goes in one transaction. A bad sheet is refused whole with
the list of errors per row.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, select, text
from sqlalchemy.exc import IntegrityError

from yinglou_desk.domain.codes import new_item_code, phone_tail
from yinglou_desk.domain.order_sheet import (
    RowError,
    SheetError,
    SheetOrder,
    find_header,
    parse_sheet,
    row_error,
)
from yinglou_desk.domain.progress import OrderProgress
from yinglou_desk.domain.roles import Actor, Permission, require
from yinglou_desk.domain.search import name_initials
from yinglou_desk.domain.states import ItemState
from yinglou_desk.domain.wording import WordedError
from yinglou_desk.services.clock import Clock, utc_now
from yinglou_desk.services.settings.limits import length_problem
from yinglou_desk.services.settings.vendors import DEFAULT_TURNAROUND_DAYS
from yinglou_desk.services.staff import audit
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.storage.errors import environment_errors
from yinglou_desk.storage.tables import customers, items, orders, stages, vendors

_CHUNK = 500
_IMPORT_LOCK = 0x79_6C_69_6D  # "ylim": the key of the PostgreSQL lock imports take in turn
Progress = Callable[[int, int], None]  # (done, total)


class ImportRefused(WordedError):
    """The file cannot be imported at all; nothing was written. ``key`` says why."""


@dataclass
class ImportReport:
    file: str
    dry_run: bool
    orders: int = 0
    items: int = 0
    customers_created: int = 0
    vendors_created: list[str] = field(default_factory=list)
    generated_barcodes: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "ok": self.ok,
            "dry_run": self.dry_run,
            "imported": self.ok and not self.dry_run,
            "orders": self.orders,
            "items": self.items,
            "customers_created": self.customers_created,
            "vendors_created": self.vendors_created,
            "generated_barcodes": self.generated_barcodes,
            "errors": [
                {"row": e.row, "column": e.column, "message": e.message} for e in self.errors
            ],
        }


def read_rows(path: Path) -> list[tuple[object, ...]]:
    """All rows of the first sheet, as values; a file that is no workbook is refused."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        found = path.is_file()
    except OSError as error:  # a name too long for the file system, say
        shown = str(path)[:200]
        raise ImportRefused("file.unreadable", path=shown, error=error.strerror or error) from None
    if not found:
        raise ImportRefused("sheets.file_missing", path=path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ImportRefused("sheets.not_xlsx", name=path.name, error=type(error).__name__) from None
    try:
        sheet = workbook.worksheets[0]
        return [tuple(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def import_orders(
    engine: Engine,
    path: Path,
    *,
    dry_run: bool = False,
    operator: str = "import",
    clock: Clock = utc_now,
    progress: Progress | None = None,
    actor: Actor | None,
) -> ImportReport:
    """Check the sheet and (unless ``dry_run``) write it whole; ``operator`` is recorded.

    Two imports of the same sheet at once (two PCs, two scripts): only one can
    write. The checks run again inside the write transaction, behind a lock
    that serialises imports, so the other one gets the usual "already exists"
    errors instead of a database error.
    """
    require(actor, Permission.IMPORT_ORDERS)
    problem = length_problem(operator, orders.c.created_by, "field.importer")
    if problem:
        raise ImportRefused("text.too_long", **problem)
    report = ImportReport(file=str(path), dry_run=dry_run)
    rows = read_rows(path)
    try:
        header_index, columns = find_header(rows)
    except SheetError as error:
        raise ImportRefused(error.key, **error.params) from None
    sheet_orders, errors = parse_sheet(rows[header_index + 1 :], columns, header_index + 2)
    report.errors = errors
    with environment_errors():
        with engine.connect() as conn:
            report.errors.extend(_conflicts_with_store(conn, sheet_orders))
        report.orders = len(sheet_orders)
        report.items = sum(len(o.items) for o in sheet_orders)
        report.generated_barcodes = sum(1 for o in sheet_orders for i in o.items if not i.barcode)
        if not report.ok or dry_run:
            with engine.connect() as conn:
                report.vendors_created = _missing_vendors(conn, sheet_orders)
            return report
        _write_checked(engine, sheet_orders, report, operator, clock, progress)
    return report


def _write_checked(
    engine: Engine,
    sheet_orders: list[SheetOrder],
    report: ImportReport,
    operator: str,
    clock: Clock,
    progress: Progress | None,
) -> None:
    """Write the sheet unless, by now, someone else has imported part of it.

    SQLite takes the write lock at BEGIN; PostgreSQL takes a transaction lock
    that only imports ask for. Either way the check inside sees every import
    committed before it. A unique index that still fires (a vendor added by
    hand at the same moment) ends as a refusal, never as a database error.
    """
    try:
        with write_transaction(engine) as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _IMPORT_LOCK})
            conflicts = _conflicts_with_store(conn, sheet_orders)
            if conflicts:
                report.errors.extend(conflicts)
                return
            _write(conn, sheet_orders, report, operator, clock, progress)
    except IntegrityError:
        with engine.connect() as conn:
            conflicts = _conflicts_with_store(conn, sheet_orders)
        if not conflicts:
            raise ImportRefused("import.conflict") from None
        report.errors.extend(conflicts)
        report.vendors_created = []
        report.customers_created = 0


def _chunks(values: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _existing(conn: Connection, column: Any, values: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(values):
        found.update(conn.execute(select(column).where(column.in_(chunk))).scalars())
    return found


def _conflicts_with_store(conn: Connection, sheet_orders: list[SheetOrder]) -> list[RowError]:
    errors: list[RowError] = []
    known_orders = _existing(conn, orders.c.order_no, [o.order_no for o in sheet_orders])
    codes = [i.barcode for o in sheet_orders for i in o.items if i.barcode]
    known_codes = _existing(conn, items.c.code, codes)
    for order in sheet_orders:
        if order.order_no in known_orders:
            errors.append(
                row_error(
                    order.first_row, "order_no", "sheets.order_exists", order_no=order.order_no
                )
            )
        for item in order.items:
            if item.barcode in known_codes:
                errors.append(
                    row_error(item.row, "barcode", "sheets.code_in_use", code=item.barcode)
                )
    return sorted(errors, key=lambda e: e.row)


def _missing_vendors(conn: Connection, sheet_orders: list[SheetOrder]) -> list[str]:
    named = sorted({i.vendor for o in sheet_orders for i in o.items if i.vendor})
    known = _existing(conn, vendors.c.name, named)
    return [name for name in named if name not in known]


def _vendor_ids(
    conn: Connection, sheet_orders: list[SheetOrder], now: Any, report: ImportReport
) -> dict[str, int]:
    report.vendors_created = _missing_vendors(conn, sheet_orders)
    if report.vendors_created:
        conn.execute(
            vendors.insert(),
            [
                {
                    "name": n,
                    "turnaround_days": DEFAULT_TURNAROUND_DAYS,
                    "active": True,
                    "created_at": now,
                }
                for n in report.vendors_created
            ],
        )
    named = sorted({i.vendor for o in sheet_orders for i in o.items if i.vendor})
    ids: dict[str, int] = {}
    for chunk in _chunks(named):
        ids.update(
            conn.execute(
                select(vendors.c.name, vendors.c.id).where(vendors.c.name.in_(chunk))
            ).all()
        )
    return ids


def _customer_ids(
    conn: Connection, sheet_orders: list[SheetOrder], now: Any, report: ImportReport
) -> dict[tuple[str, str | None], int]:
    """Existing customers are reused when name and phone match; others are created."""
    wanted = {(o.customer, o.phone) for o in sheet_orders}
    ids: dict[tuple[str, str | None], int] = {}
    names = sorted({name for name, _ in wanted})
    for chunk in _chunks(names):
        rows = conn.execute(
            select(customers.c.id, customers.c.name, customers.c.phone).where(
                customers.c.name.in_(chunk)
            )
        )
        for row in rows:
            key = (row.name, row.phone)
            if key in wanted and key not in ids:
                ids[key] = row.id
    new = [key for key in sorted(wanted, key=lambda k: (k[0], k[1] or "")) if key not in ids]
    if new:
        returned = (
            conn.execute(
                customers.insert().returning(customers.c.id, sort_by_parameter_order=True),
                [
                    {
                        "name": name,
                        "phone": phone,
                        "phone_tail": phone_tail(phone),
                        "initials": name_initials(name)[:32] or None,
                        "created_at": now,
                    }
                    for name, phone in new
                ],
            )
            .scalars()
            .all()
        )
        ids.update(zip(new, returned, strict=True))
    report.customers_created = len(new)
    return ids


def _unique_codes(conn: Connection, count: int, taken: set[str]) -> list[str]:
    codes: list[str] = []
    while len(codes) < count:
        candidates = {new_item_code() for _ in range(count - len(codes))} - taken
        clashes = _existing(conn, items.c.code, sorted(candidates))
        for code in sorted(candidates - clashes):
            codes.append(code)
            taken.add(code)
    return codes


def _write(
    conn: Connection,
    sheet_orders: list[SheetOrder],
    report: ImportReport,
    operator: str,
    clock: Clock,
    progress: Progress | None,
) -> None:
    now = clock()
    vendor_ids = _vendor_ids(conn, sheet_orders, now, report)
    customer_ids = _customer_ids(conn, sheet_orders, now, report)
    taken = {i.barcode for o in sheet_orders for i in o.items if i.barcode}
    fresh_codes = iter(_unique_codes(conn, report.generated_barcodes, set(taken)))
    total = len(sheet_orders)
    for start in range(0, total, _CHUNK):
        chunk = sheet_orders[start : start + _CHUNK]
        order_ids = (
            conn.execute(
                orders.insert().returning(orders.c.id, sort_by_parameter_order=True),
                [
                    {
                        "order_no": o.order_no,
                        "customer_id": customer_ids[(o.customer, o.phone)],
                        "package": o.package,
                        "shoot_date": o.shoot_date,
                        "store": o.store,
                        "promised_date": o.promised_date,
                        "notes": o.notes,
                        "progress": OrderProgress.NOT_STARTED.value,
                        "next_due_back": None,
                        "created_at": now,
                        "created_by": operator,
                        "updated_at": now,
                    }
                    for o in chunk
                ],
            )
            .scalars()
            .all()
        )
        stage_rows = [
            (order_id, name, seq)
            for order_id, order in zip(order_ids, chunk, strict=True)
            for seq, name in enumerate(dict.fromkeys(i.stage for i in order.items if i.stage))
        ]
        stage_ids: dict[tuple[int, str], int] = {}
        if stage_rows:
            returned = (
                conn.execute(
                    stages.insert().returning(stages.c.id, sort_by_parameter_order=True),
                    [{"order_id": o, "name": n, "seq": s} for o, n, s in stage_rows],
                )
                .scalars()
                .all()
            )
            stage_ids = {(o, n): sid for (o, n, _), sid in zip(stage_rows, returned, strict=True)}
        conn.execute(
            items.insert(),
            [
                {
                    "code": i.barcode or next(fresh_codes),
                    "order_id": order_id,
                    "stage_id": stage_ids.get((order_id, i.stage)) if i.stage else None,
                    "product": i.product,
                    "spec": i.spec,
                    "qty": i.qty,
                    "unit_cost": i.unit_cost,
                    "planned_vendor_id": vendor_ids.get(i.vendor) if i.vendor else None,
                    "state": ItemState.REGISTERED.value,
                    "rework_count": 0,
                    "notes": i.notes,
                    "updated_at": now,
                    "updated_by": operator,
                }
                for order_id, order in zip(order_ids, chunk, strict=True)
                for i in order.items
            ],
        )
        if progress:
            progress(min(start + _CHUNK, total), total)
    audit.record(
        conn,
        now,
        operator,
        "orders.import",
        report.file,
        {"orders": report.orders, "items": report.items, "vendors_created": report.vendors_created},
    )
