"""What an order sheet would change in the database: new orders, new items, changed fields.

Studios export their order sheet every month from the same program, and each
month's sheet repeats the old orders and adds the new ones. Importing it again
must not fail on "订单号已存在"; it must bring in only what is new and show
what differs, so a person decides. The rules:

- An order number the database does not know is a **new order**.
- An order it knows is compared field by field. The sheet's empty cells say
  nothing (an export may leave out a column), so only a value that is written
  and differs is a **change**: the customer's name or phone; the package,
  dates, store and notes of the order; the quantity, unit cost, vendor and
  notes of an item.
- The items of a known order are matched by barcode; an item without one by
  product + spec, one sheet row to one database item, in order. A sheet item
  that matches none is a **new item** of that order.
- A barcode that belongs to an item of *another* order is an error, as before.
- Nothing is ever deleted: an item in the database and not on the sheet stays
  as it is, and is not an error (the sheet may be a partial export).
- Money: an order already imported keeps its payments — the sheet's 已付 is read
  only for new orders (it cannot tell a deposit from what the desk took since).
  Its 套系金额 fills a price the order does not have yet, as a change to approve;
  a price that differs from one already set is never overwritten by a sheet (prices
  are a manager's, :func:`~yinglou_desk.services.payments.ledger.set_price`): it is
  listed in ``prices_kept`` and the report says so.

Reads only; :mod:`.importing` writes the plan, in one transaction with its
own check, and only with the changes approved.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, select

from yinglou_desk import catalogue
from yinglou_desk.domain.order_sheet import RowError, SheetItem, SheetOrder, row_error
from yinglou_desk.domain.sheet_values import COLUMN_LABELS
from yinglou_desk.storage.tables import customers, items, orders, vendors

_CHUNK = 500

# The fields an import may change, and how each is named in a preview (catalogue keys).
ORDER_FIELDS = ("customer", "phone", "package", "shoot_date", "promised_date", "store", "notes")
ITEM_FIELDS = ("qty", "unit_cost", "vendor", "notes")


@dataclass(frozen=True)
class Change:
    """One field the sheet writes differently from the database."""

    order_no: str
    code: str | None  # the item's barcode; None for a field of the order
    field: str  # one of ORDER_FIELDS or ITEM_FIELDS
    old: object
    new: object
    row: int
    sheet: str
    order_id: int
    # where it is written: ("order", order id), ("customer", customer id) or ("item", item id)
    target: tuple[str, int]

    @property
    def identity(self) -> tuple[object, ...]:
        """What tells two previews' changes apart (not where they are written)."""
        return (self.order_no, self.code, self.field, str(self.old), str(self.new))


def shown(value: object) -> str:
    """A value of a change as staff read it: dates as written, money to the fen, empty said."""
    if value is None or value == "":
        return catalogue.text("import.value_empty")
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def describe(change: Change) -> str:
    """``订单 A001 条码 X「电话」：138… → 139…`` in the current language."""
    key = "import.change_item" if change.code else "import.change_order"
    return catalogue.text(
        key,
        order_no=change.order_no,
        code=change.code,
        field=COLUMN_LABELS.get(change.field, change.field),
        old=shown(change.old),
        new=shown(change.new),
    )


@dataclass
class ImportPlan:
    new_orders: list[SheetOrder] = field(default_factory=list)
    # (order id, order number, the sheet item) for each item added to a known order
    added_items: list[tuple[int, str, SheetItem]] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0  # known orders the sheet leaves exactly as they are
    errors: list[RowError] = field(default_factory=list)
    prices_kept: list[Change] = field(default_factory=list)  # sheet price ≠ price set: not written

    @property
    def touched_orders(self) -> set[int]:
        """Known orders whose items change: their progress is refreshed after the write."""
        ids = {order_id for order_id, _, _ in self.added_items}
        ids.update(c.order_id for c in self.changes if c.target[0] == "item")
        return ids


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def plan_import(conn: Connection, sheet_orders: list[SheetOrder], several: bool) -> ImportPlan:
    """Compare the sheet with the database. ``several``: errors name their sheet."""
    plan = ImportPlan()
    known = _known_orders(conn, [o.order_no for o in sheet_orders])
    known_items = _items_of(conn, [row["id"] for row in known.values()])
    codes = [i.barcode for o in sheet_orders for i in o.items if i.barcode]
    owner_of_code = _code_owners(conn, codes)
    for order in sheet_orders:
        existing = known.get(order.order_no)
        sheet = order.sheet if several else ""
        if existing is None:
            for item in order.items:
                if item.barcode in owner_of_code:
                    plan.errors.append(
                        row_error(
                            item.row, "barcode", "sheets.code_in_use", sheet, code=item.barcode
                        )
                    )
            plan.new_orders.append(order)
            continue
        before = len(plan.changes) + len(plan.added_items)
        plan.changes.extend(_order_changes(order, existing, sheet))
        _compare_price(plan, order, existing, sheet)
        in_store = known_items.get(existing["id"], [])
        _compare_items(plan, order, existing, in_store, owner_of_code, sheet)
        if len(plan.changes) + len(plan.added_items) == before:
            plan.unchanged += 1
    plan.errors.sort(key=lambda e: (e.sheet, e.row))
    return plan


def _known_orders(conn: Connection, order_nos: list[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    query = select(
        orders.c.id,
        orders.c.order_no,
        orders.c.customer_id,
        orders.c.package,
        orders.c.shoot_date,
        orders.c.promised_date,
        orders.c.store,
        orders.c.notes,
        orders.c.price_fen,
        customers.c.name.label("customer"),
        customers.c.phone,
    ).join(customers, customers.c.id == orders.c.customer_id)
    for chunk in _chunks(sorted(set(order_nos))):
        for row in conn.execute(query.where(orders.c.order_no.in_(chunk))).mappings():
            found[row["order_no"]] = dict(row)
    return found


def _items_of(conn: Connection, order_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    found: dict[int, list[dict[str, Any]]] = {}
    query = (
        select(
            items.c.id,
            items.c.order_id,
            items.c.code,
            items.c.product,
            items.c.spec,
            items.c.qty,
            items.c.unit_cost,
            items.c.notes,
            vendors.c.name.label("vendor"),
        )
        .outerjoin(vendors, vendors.c.id == items.c.planned_vendor_id)
        .order_by(items.c.id)
    )
    for chunk in _chunks(order_ids):
        for row in conn.execute(query.where(items.c.order_id.in_(chunk))).mappings():
            found.setdefault(row["order_id"], []).append(dict(row))
    return found


def _code_owners(conn: Connection, codes: list[str]) -> dict[str, str]:
    """Barcode → the order number of the item that has it, for codes already in use."""
    found: dict[str, str] = {}
    query = select(items.c.code, orders.c.order_no).join(orders, orders.c.id == items.c.order_id)
    for chunk in _chunks(sorted(set(codes))):
        found.update(
            (code, order_no)
            for code, order_no in conn.execute(query.where(items.c.code.in_(chunk)))
        )
    return found


def _differs(new: object, old: object) -> bool:
    """A written value that is not what the database holds (an empty cell says nothing)."""
    if new is None or new == "":
        return False
    if isinstance(new, Decimal) and old is not None:
        return new != Decimal(str(old))
    if isinstance(new, date) and isinstance(old, date):
        return new != old
    return new != old


def _order_changes(order: SheetOrder, existing: dict[str, Any], sheet: str) -> list[Change]:
    found: list[Change] = []
    for name in ORDER_FIELDS:
        new, old = getattr(order, name), existing[name]
        if not _differs(new, old):
            continue
        target = ("customer", existing["customer_id"]) if name in ("customer", "phone") else None
        found.append(
            Change(
                order.order_no,
                None,
                name,
                old,
                new,
                order.first_row,
                sheet,
                existing["id"],
                target or ("order", existing["id"]),
            )
        )
    return found


def _compare_price(
    plan: ImportPlan, order: SheetOrder, existing: dict[str, Any], sheet: str
) -> None:
    """A price for an order without one is a change to approve; a different price is kept."""
    new, old = order.price_fen, existing["price_fen"]
    if new is None or new == old:
        return
    change = Change(
        order.order_no,
        None,
        "price",
        None if old is None else Decimal(old) / 100,
        Decimal(new) / 100,
        order.first_row,
        sheet,
        existing["id"],
        ("order", existing["id"]),
    )
    (plan.changes if old is None else plan.prices_kept).append(change)


def _key(text: str | None) -> str:
    return "".join((text or "").split()).lower()


def _compare_items(
    plan: ImportPlan,
    order: SheetOrder,
    existing: dict[str, Any],
    in_store: list[dict[str, Any]],
    owner_of_code: dict[str, str],
    sheet: str,
) -> None:
    by_code = {row["code"]: row for row in in_store}
    matched: set[int] = set()
    for item in order.items:
        row = None
        if item.barcode:
            row = by_code.get(item.barcode)
            if row is None and item.barcode in owner_of_code:
                plan.errors.append(
                    row_error(item.row, "barcode", "sheets.code_in_use", sheet, code=item.barcode)
                )
                continue
        else:
            row = next(
                (
                    r
                    for r in in_store
                    if r["id"] not in matched
                    and _key(r["product"]) == _key(item.product)
                    and _key(r["spec"]) == _key(item.spec)
                ),
                None,
            )
        if row is None:
            plan.added_items.append((existing["id"], order.order_no, item))
            continue
        matched.add(row["id"])
        for name in ITEM_FIELDS:
            new, old = getattr(item, name), row[name]
            if _differs(new, old):
                plan.changes.append(
                    Change(
                        order.order_no,
                        row["code"],
                        name,
                        old,
                        new,
                        item.row,
                        sheet,
                        existing["id"],
                        ("item", row["id"]),
                    )
                )
