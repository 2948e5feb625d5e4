"""An order sheet's rows turned into orders and items, with every error listed.

One row is one item. Rows of the same order number must agree on the
customer; the first non-empty package, dates and store are taken for the
order. Errors name the sheet row (as Excel numbers it) and the column — and
the sheet, when a workbook has several: a studio may keep one per month or
per store, and an order number belongs to one of them only.

Order-level columns written once, in a cell merged down over the order's item
rows, reach every row (the readers fill merges); a blank outside a merge is
still blank, so a missing customer is still an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from yinglou_desk import catalogue
from yinglou_desk.domain.codes import InvalidCode, normalize_code
from yinglou_desk.domain.order_money import MONEY_COLUMNS, SheetMoneyError, sheet_money
from yinglou_desk.domain.sheet_values import (
    COLUMN_LABELS,
    REQUIRED_COLUMNS,
    CellError,
    clean_header,
    clean_name,
    clean_text,
    is_total_label,
    parse_date,
    parse_money,
    parse_phone,
    parse_qty,
)
from yinglou_desk.domain.wording import WordedError, listing

HEADER_SEARCH_ROWS = 30  # a title, the studio's own notes and blank rows may come first


@dataclass(frozen=True)
class RowError:
    """One cell or row that cannot be imported; ``key`` names the message (empty: none)."""

    row: int
    column: str | None
    message: str
    key: str = field(default="", compare=False)
    sheet: str = ""  # set when the workbook has more than one sheet read

    def __str__(self) -> str:
        return row_error_text(self.row, self.column, self.message, COLUMN_LABELS, self.sheet)


def row_error_text(
    row: int, column: str | None, message: str, labels: Mapping[str, str], sheet: str = ""
) -> str:
    """``第 3 行「电话」：…`` — where an error is, as the spreadsheet numbers the row."""
    where = (
        catalogue.text("sheets.row_column", row=row, column=labels.get(column, column))
        if column
        else catalogue.text("sheets.row", row=row)
    )
    if sheet:
        where = catalogue.text("sheets.on_sheet", sheet=sheet, where=where)
    return catalogue.text("sheets.row_error", where=where, message=message)


def row_error(
    row: int, column: str | None, key: str, sheet: str = "", **params: object
) -> RowError:
    """A :class:`RowError` saying the catalogue sentence ``key``."""
    return RowError(row, column, catalogue.text(key, None, **params), key, sheet)


@dataclass
class SheetItem:
    row: int
    product: str
    spec: str | None
    qty: int
    vendor: str | None
    unit_cost: Decimal | None
    barcode: str | None
    stage: str | None
    notes: str | None
    sheet: str = ""


@dataclass
class SheetOrder:
    order_no: str
    customer: str
    phone: str | None = None
    package: str | None = None
    shoot_date: date | None = None
    promised_date: date | None = None
    store: str | None = None
    notes: str | None = None
    first_row: int = 0
    items: list[SheetItem] = field(default_factory=list)
    sheet: str = ""
    # the money columns as written (first row that writes each), and what they settle to
    price: Decimal | None = None
    paid: Decimal | None = None
    balance: Decimal | None = None
    price_fen: int | None = None
    paid_fen: int = 0


class SheetError(WordedError, ValueError):
    """The sheet as a whole cannot be read (no header, missing columns); ``key`` says why."""


def find_header(rows: Sequence[Sequence[object]]) -> tuple[int, dict[int, str]]:
    """The index of the header row and its column map (cell index → column)."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns: dict[int, str] = {}
        for position, cell in enumerate(row):
            column = clean_header(cell)
            if column and column not in columns.values():
                columns[position] = column
        if all(required in columns.values() for required in REQUIRED_COLUMNS):
            return index, columns
    missing = listing([COLUMN_LABELS[c] for c in REQUIRED_COLUMNS])
    raise SheetError("sheets.no_header", rows=HEADER_SEARCH_ROWS, missing=missing)


def parse_sheet(
    rows: Iterable[Sequence[object]],
    columns: dict[int, str],
    first_row_number: int,
    sheet: str = "",
) -> tuple[list[SheetOrder], list[RowError]]:
    """Orders in sheet order, and every error found (an empty list means importable).

    ``sheet`` names the sheet on every order, item and error (empty: the only one).
    """
    orders: dict[str, SheetOrder] = {}
    errors: list[RowError] = []
    seen_codes: dict[str, int] = {}
    for offset, row in enumerate(rows):
        number = first_row_number + offset
        cells = {column: row[pos] if pos < len(row) else None for pos, column in columns.items()}
        if all(value is None or str(value).strip() == "" for value in cells.values()):
            continue  # blank line
        if _is_total_row(cells):
            continue  # the sheet's own 合计 under the orders
        values, row_errors = _parse_row(number, cells)
        errors.extend(row_errors)
        if row_errors:
            continue
        code = values["barcode"]
        if isinstance(code, str):
            if code in seen_codes:
                errors.append(
                    row_error(
                        number,
                        "barcode",
                        "sheets.duplicate_code",
                        code=code,
                        first=seen_codes[code],
                    )
                )
                continue
            seen_codes[code] = number
        errors.extend(_merge_into(orders, number, values))
    for order in orders.values():
        errors.extend(_settle_money(order))
    if sheet:
        errors = [replace(error, sheet=sheet) for error in errors]
        for order in orders.values():
            order.sheet = sheet
            for item in order.items:
                item.sheet = sheet
    return list(orders.values()), errors


def _parse_row(number: int, cells: dict[str, object]) -> tuple[dict[str, object], list[RowError]]:
    values: dict[str, object] = {}
    errors: list[RowError] = []
    parsers = {
        "customer": clean_name,
        "phone": parse_phone,
        "shoot_date": parse_date,
        "promised_date": parse_date,
        "qty": parse_qty,
        "unit_cost": parse_money,
        "barcode": _parse_code,
        "price": parse_money,
        "paid": parse_money,
        "balance": parse_money,
    }
    for column in COLUMN_LABELS:
        raw = cells.get(column)
        try:
            parser = parsers.get(column)
            values[column] = parser(raw) if parser else clean_text(raw, column)
        except CellError as error:
            errors.append(RowError(number, column, str(error), error.key))
    for column in REQUIRED_COLUMNS:
        if column in values and not values[column]:
            errors.append(row_error(number, column, "sheets.required"))
    return values, errors


def _parse_code(value: object) -> str | None:
    if value is None or str(value).strip() == "":
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        return normalize_code(str(value))
    except InvalidCode as bad:
        raise CellError(bad.key, code=value) from None


def _merge_into(
    orders: dict[str, SheetOrder], number: int, values: dict[str, object]
) -> list[RowError]:
    order_no = str(values["order_no"])
    order = orders.get(order_no)
    if order is None:
        order = orders[order_no] = SheetOrder(
            order_no=order_no, customer=str(values["customer"]), first_row=number
        )
    elif order.customer != values["customer"]:
        return [
            row_error(
                number,
                "customer",
                "sheets.customer_differs",
                order_no=order_no,
                first=order.first_row,
                customer=order.customer,
            )
        ]
    phone = values["phone"]
    if phone and order.phone and phone != order.phone:
        return [row_error(number, "phone", "sheets.phone_differs", order_no=order_no)]
    for attribute in MONEY_COLUMNS:  # an order's sum written on several rows must agree
        written, known = values[attribute], getattr(order, attribute)
        if written is not None and known is not None and written != known:
            return [
                row_error(
                    number,
                    attribute,
                    "payments.sheet.differs",
                    order_no=order_no,
                    first=order.first_row,
                )
            ]
    for attribute in ("phone", "package", "shoot_date", "promised_date", "store", *MONEY_COLUMNS):
        if getattr(order, attribute) is None and values[attribute] is not None:
            setattr(order, attribute, values[attribute])
    order.items.append(
        SheetItem(
            row=number,
            product=str(values["product"]),
            spec=values["spec"],  # type: ignore[arg-type]
            qty=values["qty"],  # type: ignore[arg-type]
            vendor=values["vendor"],  # type: ignore[arg-type]
            unit_cost=values["unit_cost"],  # type: ignore[arg-type]
            barcode=values["barcode"],  # type: ignore[arg-type]
            stage=values["stage"],  # type: ignore[arg-type]
            notes=values["notes"],  # type: ignore[arg-type]
        )
    )
    return []


def _is_total_row(cells: dict[str, object]) -> bool:
    """A 合计 row under the orders: it names no product and its order number (or
    customer) cell says 合计/总计/total."""
    product = cells.get("product")
    if product is not None and str(product).strip():
        return False
    return any(is_total_label(cells.get(column)) for column in ("order_no", "customer"))


def _settle_money(order: SheetOrder) -> list[RowError]:
    """The order's price and what was paid, from its money columns (see domain/order_money)."""
    try:
        money = sheet_money(order.price, order.paid, order.balance)
    except SheetMoneyError as error:
        return [RowError(order.first_row, error.column, str(error), error.key)]
    if money is not None:
        order.price_fen, order.paid_fen = money.price, money.paid
    return []
