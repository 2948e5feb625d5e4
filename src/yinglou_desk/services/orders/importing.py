"""Importing orders from a spreadsheet: all rows or none.

The file is read and checked completely — cells, order consistency, order
numbers and barcodes already in the database — before anything is written;
then everything goes in one transaction. A bad sheet is refused whole with
the list of errors per row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, select, text
from sqlalchemy.exc import IntegrityError

from yinglou_desk.domain.codes import new_item_code, phone_tail
from yinglou_desk.domain.money import fen_of
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
from yinglou_desk.services.orders.reimport import Change, ImportPlan, plan_import
from yinglou_desk.services.payments.ledger import imported_payment
from yinglou_desk.services.scanning.order_status import refresh_order
from yinglou_desk.services.settings.limits import length_problem
from yinglou_desk.services.settings.vendors import DEFAULT_TURNAROUND_DAYS
from yinglou_desk.services.spreadsheets.workbook import Workbook, WorkbookRefused, read_workbook
from yinglou_desk.services.staff import audit
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.storage.errors import environment_errors
from yinglou_desk.storage.tables import customers, items, orders, payments, stages, vendors

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
    sheets_read: list[str] = field(default_factory=list)
    sheets_skipped: list[tuple[str, str]] = field(default_factory=list)  # (sheet, reason key)
    hidden_sheets: list[str] = field(default_factory=list)
    orders_new: int = 0
    orders_unchanged: int = 0  # orders already imported, exactly as the sheet has them
    items_added: int = 0  # new items of orders already imported
    items_new: int = 0  # every item to be written: of new orders and added to known ones
    changes: list[Change] = field(default_factory=list)
    needs_approval: bool = False  # changes listed, not approved: nothing was written
    prices_kept: list[Change] = field(default_factory=list)  # sheet price ≠ price set
    deposits: int = 0  # new orders with a sum paid before (an ``imported`` payment each)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def writes_anything(self) -> bool:
        return bool(self.orders_new or self.items_added or self.changes)

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "ok": self.ok,
            "dry_run": self.dry_run,
            "imported": self.ok
            and not self.dry_run
            and not self.needs_approval
            and self.writes_anything,
            "orders": self.orders,
            "items": self.items,
            "customers_created": self.customers_created,
            "vendors_created": self.vendors_created,
            "generated_barcodes": self.generated_barcodes,
            "errors": [
                {"sheet": e.sheet or None, "row": e.row, "column": e.column, "message": e.message}
                for e in self.errors
            ],
            "sheets": {
                "read": self.sheets_read,
                "skipped": [{"sheet": n, "reason": r} for n, r in self.sheets_skipped],
                "hidden": self.hidden_sheets,
            },
            "orders_new": self.orders_new,
            "orders_unchanged": self.orders_unchanged,
            "items_added": self.items_added,
            "changes": [
                {
                    "order_no": c.order_no,
                    "code": c.code,
                    "field": c.field,
                    "old": _plain(c.old),
                    "new": _plain(c.new),
                    "sheet": c.sheet or None,
                    "row": c.row,
                }
                for c in self.changes
            ],
            "needs_approval": self.needs_approval,
            "prices_kept": [
                {"order_no": c.order_no, "price": _plain(c.old), "sheet_price": _plain(c.new)}
                for c in self.prices_kept
            ],
            "deposits": self.deposits,
        }


def _plain(value: object) -> object:
    """A value as JSON writes it: dates as ISO text, money as text (exact)."""
    if value is None or isinstance(value, str | int | bool):
        return value
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def open_workbook(path: Path) -> Workbook:
    """The file's visible sheets, or :class:`ImportRefused` saying why it cannot be opened."""
    try:
        return read_workbook(path)
    except WorkbookRefused as refused:
        raise ImportRefused(refused.key, **refused.params) from None


def read_sheet_orders(path: Path, report: ImportReport) -> list[SheetOrder]:
    """Every visible sheet's orders, with the sheets read, skipped and hidden noted in ``report``.

    A sheet without an order header is skipped (a notes or price sheet beside the
    orders); only when no sheet has one is the file refused. An order number on
    two sheets is an error naming both: the same order kept twice would import
    half its items from each.
    """
    book = open_workbook(path)
    report.hidden_sheets = list(book.hidden)
    found: list[tuple[str, int, dict[int, str], Sequence[tuple[object, ...]]]] = []
    first_refusal: SheetError | None = None
    for sheet in book.sheets:
        try:
            header_index, columns = find_header(sheet.rows)
        except SheetError as error:
            first_refusal = first_refusal or error
            report.sheets_skipped.append((sheet.name, "import.sheet_no_header"))
            continue
        found.append((sheet.name, header_index, columns, sheet.rows))
    if not found:
        if first_refusal is None:
            raise ImportRefused("import.no_visible_sheet", name=book.file)
        raise ImportRefused(first_refusal.key, **first_refusal.params)
    several = len(found) > 1
    sheet_orders: list[SheetOrder] = []
    first_seen: dict[str, SheetOrder] = {}
    code_seen: dict[str, tuple[str, int]] = {}
    for name, header_index, columns, rows in found:
        report.sheets_read.append(name)
        parsed, errors = parse_sheet(
            rows[header_index + 1 :], columns, header_index + 2, name if several else ""
        )
        report.errors.extend(errors)
        for order in parsed:
            order.sheet = name
            for item in order.items:
                item.sheet = name
            earlier = first_seen.get(order.order_no)
            if earlier is not None:
                report.errors.append(
                    row_error(
                        order.first_row,
                        "order_no",
                        "import.order_on_two_sheets",
                        name,
                        order_no=order.order_no,
                        first_sheet=earlier.sheet,
                        first_row=earlier.first_row,
                    )
                )
                continue
            first_seen[order.order_no] = order
            for item in order.items:
                if item.barcode and item.barcode in code_seen:
                    where, row = code_seen[item.barcode]
                    report.errors.append(
                        row_error(
                            item.row,
                            "barcode",
                            "import.code_on_two_sheets",
                            name,
                            code=item.barcode,
                            first_sheet=where,
                            first_row=row,
                        )
                    )
                elif item.barcode:
                    code_seen[item.barcode] = (name, item.row)
            sheet_orders.append(order)
    return sheet_orders


def import_orders(
    engine: Engine,
    path: Path,
    *,
    dry_run: bool = False,
    apply_changes: bool = False,
    operator: str = "import",
    clock: Clock = utc_now,
    progress: Progress | None = None,
    actor: Actor | None,
) -> ImportReport:
    """Check the sheet and (unless ``dry_run``) write it whole; ``operator`` is recorded.

    A sheet that repeats orders already imported brings in only what is new
    (:mod:`.reimport`): new orders, new items of known orders. Fields it writes
    differently are listed as changes and written only with ``apply_changes``;
    without it, a sheet with changes writes nothing at all and the report says
    it ``needs_approval``.

    Two imports of the same sheet at once (two PCs, two scripts): only one can
    write. The plan is made again inside the write transaction, behind a lock
    that serialises imports, so the other one finds the orders already there
    (unchanged) instead of a database error.
    """
    require(actor, Permission.IMPORT_ORDERS)
    problem = length_problem(operator, orders.c.created_by, "field.importer")
    if problem:
        raise ImportRefused("text.too_long", **problem)
    report = ImportReport(file=str(path), dry_run=dry_run)
    sheet_orders = read_sheet_orders(Path(path), report)
    several = len(report.sheets_read) > 1
    report.orders = len(sheet_orders)
    report.items = sum(len(o.items) for o in sheet_orders)
    with environment_errors():
        with engine.connect() as conn:
            plan = plan_import(conn, sheet_orders, several)
            report.vendors_created = _missing_vendors(conn, sheet_orders)
        _fill(report, plan)
        if not report.ok or dry_run or (report.changes and not apply_changes):
            report.needs_approval = bool(report.changes) and not apply_changes and report.ok
            return report
        if not report.writes_anything:  # every order already in, exactly so: nothing to do
            return report
        _write_checked(engine, sheet_orders, plan, report, operator, clock, progress)
    return report


def _fill(report: ImportReport, plan: ImportPlan) -> None:
    report.errors.extend(plan.errors)
    report.errors.sort(key=lambda e: (e.sheet, e.row))
    report.orders_new = len(plan.new_orders)
    report.orders_unchanged = plan.unchanged
    report.items_added = len(plan.added_items)
    report.changes = list(plan.changes)
    report.prices_kept = list(plan.prices_kept)
    report.deposits = sum(1 for o in plan.new_orders if o.paid_fen)
    new_items = [i for o in plan.new_orders for i in o.items] + [i for *_, i in plan.added_items]
    report.items_new = len(new_items)
    report.generated_barcodes = sum(1 for i in new_items if not i.barcode)


def _write_checked(
    engine: Engine,
    sheet_orders: list[SheetOrder],
    preview: ImportPlan,
    report: ImportReport,
    operator: str,
    clock: Clock,
    progress: Progress | None,
) -> None:
    """Write the plan unless, by now, the database has moved under it.

    SQLite takes the write lock at BEGIN; PostgreSQL takes a transaction lock
    that only imports ask for. Either way the plan made inside sees every
    import committed before it. If it differs from the preview's in what
    would change, nothing is written: the approval was for the preview. A
    unique index that still fires (a vendor added by hand at the same moment)
    ends as a refusal, never as a database error.
    """
    several = len(report.sheets_read) > 1
    try:
        with write_transaction(engine) as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _IMPORT_LOCK})
            plan = plan_import(conn, sheet_orders, several)
            if plan.errors:
                report.errors.extend(plan.errors)
                return
            if {c.identity for c in plan.changes} != {c.identity for c in preview.changes}:
                raise ImportRefused("import.changed_meanwhile")
            report.errors.clear()
            _fill(report, plan)
            if report.writes_anything:  # another import may have written it all meanwhile
                _write(conn, plan, sheet_orders, report, operator, clock, progress)
    except IntegrityError:
        raise ImportRefused("import.conflict") from None


def _chunks(values: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _existing(conn: Connection, column: Any, values: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(values):
        found.update(conn.execute(select(column).where(column.in_(chunk))).scalars())
    return found


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
    plan: ImportPlan,
    sheet_orders: list[SheetOrder],
    report: ImportReport,
    operator: str,
    clock: Clock,
    progress: Progress | None,
) -> None:
    """New orders, new items of known orders, approved changes; then the audit lines."""
    now = clock()
    vendor_ids = _vendor_ids(conn, sheet_orders, now, report)
    new_orders = plan.new_orders
    customer_ids = _customer_ids(conn, new_orders, now, report)
    taken = {i.barcode for o in sheet_orders for i in o.items if i.barcode}
    fresh_codes = iter(_unique_codes(conn, report.generated_barcodes, set(taken)))
    total = len(new_orders)
    for start in range(0, total, _CHUNK):
        chunk = new_orders[start : start + _CHUNK]
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
                        "price_fen": o.price_fen,
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
        deposits = [
            imported_payment(order_id, o.paid_fen, now, operator)
            for order_id, o in zip(order_ids, chunk, strict=True)
            if o.paid_fen
        ]
        if deposits:
            conn.execute(payments.insert(), deposits)
        if progress:
            progress(min(start + _CHUNK, total), total)
    _add_items(conn, plan, vendor_ids, fresh_codes, now, operator)
    for change in plan.changes:
        _apply(conn, change, vendor_ids, now, operator)
        audit.record(
            conn,
            now,
            operator,
            "orders.import_change",
            change.order_no,
            {
                "file": report.file,
                "code": change.code,
                "field": change.field,
                "old": change.old,
                "new": change.new,
            },
        )
    for order_id in sorted(plan.touched_orders):
        refresh_order(conn, order_id, now)
    audit.record(
        conn,
        now,
        operator,
        "orders.import",
        report.file,
        {
            "orders": report.orders,
            "items": report.items,
            "orders_new": report.orders_new,
            "items_added": report.items_added,
            "changes": len(report.changes),
            "vendors_created": report.vendors_created,
        },
    )


def _add_items(
    conn: Connection,
    plan: ImportPlan,
    vendor_ids: dict[str, int],
    fresh_codes: Iterator[str],
    now: Any,
    operator: str,
) -> None:
    """New items of known orders, in their growth stage (made when the order lacks it)."""
    if not plan.added_items:
        return
    stage_ids: dict[tuple[int, str], int] = {}
    order_ids = sorted({order_id for order_id, _, _ in plan.added_items})
    next_seq: dict[int, int] = {}
    for chunk in _chunks(order_ids):  # type: ignore[arg-type]
        for row in conn.execute(select(stages).where(stages.c.order_id.in_(chunk))):
            stage_ids[(row.order_id, row.name)] = row.id
            next_seq[row.order_id] = max(next_seq.get(row.order_id, 0), row.seq + 1)
    rows = []
    for order_id, _, item in plan.added_items:
        stage_id = None
        if item.stage:
            stage_id = stage_ids.get((order_id, item.stage))
            if stage_id is None:
                seq = next_seq.get(order_id, 0)
                next_seq[order_id] = seq + 1
                stage_id = conn.execute(
                    stages.insert()
                    .values(order_id=order_id, name=item.stage, seq=seq)
                    .returning(stages.c.id)
                ).scalar_one()
                stage_ids[(order_id, item.stage)] = stage_id
        rows.append(
            {
                "code": item.barcode or next(fresh_codes),
                "order_id": order_id,
                "stage_id": stage_id,
                "product": item.product,
                "spec": item.spec,
                "qty": item.qty,
                "unit_cost": item.unit_cost,
                "planned_vendor_id": vendor_ids.get(item.vendor) if item.vendor else None,
                "state": ItemState.REGISTERED.value,
                "rework_count": 0,
                "notes": item.notes,
                "updated_at": now,
                "updated_by": operator,
            }
        )
    conn.execute(items.insert(), rows)


def _apply(
    conn: Connection, change: Change, vendor_ids: dict[str, int], now: Any, operator: str
) -> None:
    """Write one approved change where it lives: the customer, the order or the item."""
    kind, target = change.target
    if kind == "customer":
        if change.field == "phone":
            values: dict[str, Any] = {
                "phone": change.new,
                "phone_tail": phone_tail(str(change.new)),
            }
        else:
            name = str(change.new)
            values = {"name": name, "initials": name_initials(name)[:32] or None}
        conn.execute(customers.update().where(customers.c.id == target).values(**values))
        conn.execute(orders.update().where(orders.c.id == change.order_id).values(updated_at=now))
    elif kind == "order" and change.field == "price":  # fills a price not set yet
        price = fen_of(Decimal(str(change.new)))
        conn.execute(
            orders.update().where(orders.c.id == target).values(price_fen=price, updated_at=now)
        )
    elif kind == "order":
        conn.execute(
            orders.update()
            .where(orders.c.id == target)
            .values({change.field: change.new, "updated_at": now})
        )
    else:
        column = "planned_vendor_id" if change.field == "vendor" else change.field
        value = vendor_ids.get(str(change.new)) if change.field == "vendor" else change.new
        conn.execute(
            items.update()
            .where(items.c.id == target)
            .values({column: value, "updated_at": now, "updated_by": operator})
        )
