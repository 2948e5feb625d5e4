"""A vendor's month-end statement (对账单) read into lines, the way labs really write them.

Each lab has its own layout: a title and the studio's name above the header,
Chinese or English headers, codes that the spreadsheet turned into numbers,
amounts with ¥ and thousands separators, a 合计 row at the bottom. The rules:

- The header row is the first of the first :data:`HEADER_SEARCH_ROWS` rows
  that names an amount column and either a barcode column or both an order
  number and a product column.
- A line names its item by barcode when it has one, else by order number +
  product (the service resolves those to a barcode).
- A row with no code, order number, product and amount is blank; a row that
  says 合计/总计/小计/total and has no code is the statement's own total —
  both are skipped, not errors.
- Any other unreadable row is an error naming the row as the spreadsheet
  numbers it; a statement with errors is refused whole, because reconciling
  half a statement would report the missing half as "received, not billed".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from yinglou_desk import catalogue
from yinglou_desk.domain.codes import InvalidCode, fold_width, normalize_code
from yinglou_desk.domain.order_sheet import row_error_text
from yinglou_desk.domain.sheet_values import (
    CellError,
    clean_text,
    parse_date,
    parse_money,
    parse_qty,
)
from yinglou_desk.domain.wording import CatalogueNames, WordedError

HEADER_SEARCH_ROWS = 15

# canonical column → accepted header spellings (compared after _header_key)
STATEMENT_ALIASES: dict[str, tuple[str, ...]] = {
    "barcode": ("条码", "条形码", "条码号", "货品条码", "barcode", "code", "itemcode"),
    "order_no": ("订单号", "订单编号", "单号", "客户单号", "order_no", "orderno", "order"),
    "product": ("产品", "产品名称", "品名", "商品", "product", "item"),
    "spec": ("规格", "尺寸", "spec", "size"),
    "qty": ("数量", "qty", "quantity"),
    "amount": ("金额", "应付金额", "应收金额", "结算金额", "费用", "amount", "total", "charge"),
    "date": ("日期", "发货日期", "出货日期", "完成日期", "date"),
    "type": ("类型", "类别", "业务类型", "type", "kind"),
}
# canonical column → its name in errors, in the current language
STATEMENT_LABELS: CatalogueNames[str] = CatalogueNames(
    {column: f"sheets.statement_column.{column}" for column in STATEMENT_ALIASES}
)
# A line typed with one of these is a rework (返工) charge; anything else is ordinary work.
REWORK_TYPES = frozenset({"返工", "重做", "返修", "补做", "重制", "rework", "redo", "remake"})
_TOTAL_WORDS = frozenset({"合计", "总计", "小计", "共计", "总额", "total", "subtotal", "sum"})


def _header_key(value: object) -> str:
    """Header text compared loosely: case, width, spaces and a unit in brackets (元) ignored."""
    folded = re.sub(r"\([^)]*\)|（[^）]*）", "", fold_width(str(value)).lower())
    return re.sub(r"[\s_\-:：*]", "", folded)


_ALIAS_TO_COLUMN = {
    _header_key(alias): column for column, aliases in STATEMENT_ALIASES.items() for alias in aliases
}


class StatementError(WordedError, ValueError):
    """The statement as a whole cannot be read; ``key`` names the message, the text says why."""


@dataclass(frozen=True)
class StatementRowError:
    """One unreadable cell or line of a statement; ``key`` names the message."""

    row: int
    column: str | None
    message: str
    key: str = field(default="", compare=False)

    def __str__(self) -> str:
        return row_error_text(self.row, self.column, self.message, STATEMENT_LABELS)

    @classmethod
    def saying(cls, row: int, column: str | None, key: str) -> StatementRowError:
        """The error saying the catalogue sentence ``key``."""
        return cls(row, column, catalogue.text(key), key)


@dataclass(frozen=True)
class StatementLine:
    """One billed line. ``code`` is None when the line names order number + product."""

    row: int
    code: str | None
    order_no: str | None
    product: str | None
    spec: str | None
    qty: int | None
    amount: Decimal
    billed_on: date | None
    kind: str | None  # the 类型 cell as written
    is_rework: bool
    sheet: str = ""  # the sheet it is on (a lab may send one sheet per week)

    @property
    def key(self) -> tuple[str, int]:
        """What tells two lines apart: the sheet and the row, as the spreadsheet numbers it."""
        return (self.sheet, self.row)

    @property
    def label(self) -> str:
        """How the line is named in lists: its code, else ``order_no/product``."""
        return self.code or f"{self.order_no}/{self.product}"


@dataclass(frozen=True)
class SkippedRow:
    """A row that is not an item line (a total, a footer, a repeated header…), and why."""

    sheet: str
    row: int  # as the spreadsheet numbers it
    reason: str  # catalogue key of why it was skipped ("statements.skip.total"…)
    text: str  # the row's cells as written, joined, for showing

    @property
    def reason_text(self) -> str:
        return catalogue.text(self.reason)


@dataclass(frozen=True)
class ColumnChoice:
    """The code and amount columns, as a manager chose them for a lab's layout.

    Each is a header's text, a column letter (``"B"``) or a 1-based column
    number, as typed on the command line or picked on the 对账 page.
    """

    code: str | None = None
    amount: str | None = None


@dataclass
class Statement:
    """A whole statement as read: its item lines and everything around them."""

    file: str
    lines: list[StatementLine]
    skipped: list[SkippedRow] = field(default_factory=list)
    sheets_read: list[str] = field(default_factory=list)
    # (sheet, catalogue key of why it was not read): hidden, no statement table, a summary
    sheets_ignored: list[tuple[str, str]] = field(default_factory=list)
    stated_total: Decimal | None = None  # the statement's own 合计, when it writes one
    columns: ColumnChoice | None = None  # the columns used, when chosen rather than found

    @property
    def line_total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal("0.00"))

    @property
    def total_differs(self) -> bool:
        return self.stated_total is not None and self.stated_total != self.line_total


def find_statement_header(rows: Sequence[Sequence[object]]) -> tuple[int, dict[int, str]]:
    """The index of the header row and its column map (cell index → column)."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns: dict[int, str] = {}
        for position, cell in enumerate(row):
            if cell is None:
                continue
            column = _ALIAS_TO_COLUMN.get(_header_key(cell))
            if column and column not in columns.values():
                columns[position] = column
        named = set(columns.values())
        if "amount" in named and ("barcode" in named or {"order_no", "product"} <= named):
            return index, columns
    raise StatementError("sheets.statement_no_header", rows=HEADER_SEARCH_ROWS)


def parse_statement(
    rows: Sequence[Sequence[object]],
) -> tuple[list[StatementLine], list[StatementRowError]]:
    """Every billed line and every error (an empty error list means usable)."""
    header_index, columns = find_statement_header(rows)
    lines: list[StatementLine] = []
    errors: list[StatementRowError] = []
    for offset, row in enumerate(rows[header_index + 1 :]):
        number = header_index + 2 + offset  # as the spreadsheet numbers it
        cells = {column: row[pos] if pos < len(row) else None for pos, column in columns.items()}
        if _is_blank(cells) or _is_total_row(row, cells):
            continue
        line, row_errors = _parse_line(number, cells)
        errors.extend(row_errors)
        if line is not None:
            lines.append(line)
    return lines, errors


def _is_blank(cells: dict[str, object]) -> bool:
    return all(value is None or str(value).strip() == "" for value in cells.values())


def _is_total_row(row: Sequence[object], cells: dict[str, object]) -> bool:
    if cells.get("barcode") not in (None, ""):
        return False
    return any(isinstance(value, str) and _header_key(value) in _TOTAL_WORDS for value in row)


def _parse_line(
    number: int, cells: dict[str, object]
) -> tuple[StatementLine | None, list[StatementRowError]]:
    errors: list[StatementRowError] = []

    def read(column: str, parser: object) -> object:
        try:
            return parser(cells.get(column))  # type: ignore[operator]
        except CellError as error:
            errors.append(StatementRowError(number, column, str(error), error.key))
            return None

    code = read("barcode", parse_statement_code)
    order_no = read("order_no", lambda v: clean_text(v, "order_no"))
    product = read("product", lambda v: clean_text(v, "product"))
    spec = read("spec", lambda v: clean_text(v, "spec"))
    qty = read("qty", lambda v: None if v in (None, "") else parse_qty(v))
    amount = read("amount", parse_money)
    billed_on = read("date", parse_date)
    kind = read("type", lambda v: clean_text(v))
    if amount is None and not any(e.column == "amount" for e in errors):
        errors.append(StatementRowError.saying(number, "amount", "sheets.amount_missing"))
    if (
        code is None
        and not (order_no and product)
        and not any(e.column in ("barcode", "order_no", "product") for e in errors)
    ):
        errors.append(StatementRowError.saying(number, None, "sheets.no_item"))
    if errors:
        return None, errors
    kind_text = str(kind) if kind else None
    return (
        StatementLine(
            row=number,
            code=code,  # type: ignore[arg-type]
            order_no=order_no,  # type: ignore[arg-type]
            product=product,  # type: ignore[arg-type]
            spec=spec,  # type: ignore[arg-type]
            qty=qty,  # type: ignore[arg-type]
            amount=amount,  # type: ignore[arg-type]
            billed_on=billed_on,  # type: ignore[arg-type]
            kind=kind_text,
            is_rework=is_rework_type(kind_text),
        ),
        [],
    )


def is_rework_type(kind: str | None) -> bool:
    return kind is not None and _header_key(kind) in REWORK_TYPES


def parse_statement_code(value: object) -> str | None:
    """A barcode cell: spreadsheets turn numeric codes into numbers (100000000001.0)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float):
        if not value.is_integer():
            raise CellError("sheets.cell.barcode_value", value=value)
        value = int(value)
    try:
        return normalize_code(str(value))
    except InvalidCode as bad:
        raise CellError(bad.key, code=value) from None
