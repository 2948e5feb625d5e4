"""A vendor's month-end statement (对账单) read into lines, the way labs really write them.

Each lab has its own layout: a merged title, the lab's own block of 客户：…,
结算周期：…, 电话 and 单位：元 above the header, Chinese, English or bilingual
headers, codes that the spreadsheet turned into numbers, amounts with ¥ and
thousands separators, 本页合计 on every printed page, a 合计 and a 制表：/审核：
footer at the bottom. The rules:

- The header row is the first of the first :data:`HEADER_SEARCH_ROWS` rows
  that names at least two known columns: an amount (or 单价 and 数量) and
  either a barcode or both an order number and a product. A lone 小计 is
  therefore a subtotal label, never a header.
- A manager may point at the code and amount columns instead
  (:class:`ColumnChoice`), for layouts no synonym covers.
- A line names its item by barcode when it has one, else by order number +
  product (the service resolves those to a barcode).
- Rows that are not item lines — totals, subtotals, footers, a repeated header
  or title of a multi-page print — are skipped and recorded with why
  (:class:`SkippedRow`), never refused: a lab's 合计 is not a mistake. The
  last 合计/总计 is the statement's own total, kept to compare with the lines.
- Any other unreadable row is an error naming the row as the spreadsheet
  numbers it; a statement with errors is refused whole, because reconciling
  half a statement would report the missing half as "received, not billed".
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal

from yinglou_desk import catalogue
from yinglou_desk.domain.codes import InvalidCode, fold_width, normalize_code
from yinglou_desk.domain.order_sheet import row_error_text
from yinglou_desk.domain.sheet_values import (
    CellError,
    ErrorValue,
    YearFor,
    clean_text,
    parse_date,
    parse_date_guessing_year,
    parse_qty,
    parse_statement_amount,
    refuse_error,
    year_before,
    year_near,
    year_within,
)
from yinglou_desk.domain.wording import CatalogueNames, WordedError

HEADER_SEARCH_ROWS = 30
PREVIEW_ROWS = 20

# canonical column → accepted header spellings (compared after _header_key)
STATEMENT_ALIASES: dict[str, tuple[str, ...]] = {
    "barcode": (
        *("条码", "条形码", "条码号", "客件条码", "货品条码", "编码", "货号"),
        *("barcode", "code", "itemcode", "sku"),
    ),
    "order_no": ("订单号", "订单编号", "单号", "客户单号", "order_no", "orderno", "order"),
    "product": (
        *("产品", "产品名称", "品名", "商品", "商品名称", "项目"),
        *("product", "item", "description"),
    ),
    "spec": ("规格", "尺寸", "spec", "size"),
    "qty": ("数量", "件数", "qty", "quantity", "pcs"),
    "unit_price": ("单价", "价格", "unitprice", "price"),
    "amount": (
        *("金额", "小计", "合计金额", "总金额", "应收金额", "应付金额", "结算金额", "总价", "费用"),
        *("amount", "total", "charge", "subtotal", "amountdue"),
    ),
    # 回件时间: our own export's day the lab delivered, when a lab bills on it
    "date": (
        "日期",
        "发货日期",
        "出货日期",
        "完成日期",
        "回件时间",
        "回件日期",
        "date",
        "shipdate",
    ),
    "type": ("类型", "类别", "业务类型", "type", "kind"),
    "notes": ("备注", "说明", "notes", "note", "remark", "remarks", "memo"),
}
# canonical column → its name in errors, in the current language
STATEMENT_LABELS: CatalogueNames[str] = CatalogueNames(
    {
        column: (
            f"statements.column.{column}"
            if column in ("unit_price", "notes")
            else f"sheets.statement_column.{column}"
        )
        for column in STATEMENT_ALIASES
    }
)
# A line typed with one of these is a rework (返工) charge; anything else is ordinary work.
REWORK_TYPES = frozenset({"返工", "重做", "返修", "补做", "重制", "rework", "redo", "remake"})
# A line whose type, notes or product says one of these gives money back.
CREDIT_WORDS = ("退款", "冲红", "红冲", "退货", "扣款", "退还", "credit", "refund", "chargeback")
# A sheet so named repeats the others (a lab's 汇总 beside its weekly sheets).
SUMMARY_SHEET_WORDS = ("汇总", "合计", "总表", "总计", "summary")

# Compared on the compact text (width folded, lower case, no spaces: 合 计 is 合计).
_TOTAL_ROW = re.compile(
    r"^(?P<scope>本页|当页|本月|本周|本期|全部|总)?"
    r"(?P<word>合计|总计|小计|累计|共计|总额|总金额|grandtotal|subtotal|pagetotal|total|sum)"
    r"(?:金额|amount)?(?:[:：(（].*)?$"
)
_PAGE_SCOPES = ("本页", "当页")
_PAGE_WORDS = ("小计", "subtotal", "pagetotal")
_FOOTER_ROW = re.compile(
    r"^(?:制表人?|制单人?|审核人?|复核人?|签字|签收人?|客户签字|客户签收|客户确认|确认|经办人?"
    r"|财务|会计|盖章|日期|备注|说明|注|开户行|开户银行|户名|账号|银行账号|银行|地址|电话"
    r"|联系电话|手机|联系人|传真|邮箱|preparedby|checkedby|approvedby|signature|signed|date"
    r"|notes?|remarks?|bank|account|address|tel|phone|fax|email)(?:[:：].*)?$"
)
_PERIOD_LABEL = re.compile(
    r"结算周期|结算期间|结算月份|对账周期|对账期间|对账月份|账期|期间|周期|period", re.IGNORECASE
)
_FULL_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?")
_YEAR_MONTH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?!\s*\d)")
_YEAR_MONTH_NUMERIC = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})(?![-/.\d])")
_POSITION = re.compile(r"[A-Za-z]{1,2}|[0-9]{1,3}")


def _header_key(value: object) -> str:
    """Header text compared loosely: case, width, spaces and a unit in brackets (元) ignored."""
    folded = re.sub(r"\([^)]*\)|（[^）]*）", "", fold_width(str(value)).lower())
    return re.sub(r"[\s_\-:：*]", "", folded)


_ALIAS_TO_COLUMN = {
    _header_key(alias): column for column, aliases in STATEMENT_ALIASES.items() for alias in aliases
}


def header_column(value: object) -> str | None:
    """The canonical column a header cell names, bilingual headers included.

    ``条码 / Barcode``, ``Amount/金额``, ``金额(元)`` and ``金额\\nAmount`` all
    count: labs print both languages for their foreign customers.
    """
    if value is None or isinstance(value, ErrorValue):
        return None
    whole = _ALIAS_TO_COLUMN.get(_header_key(value))
    if whole:
        return whole
    text = fold_width(str(value))
    for part in re.split(r"[/|\\\n、]", text):
        column = _ALIAS_TO_COLUMN.get(_header_key(part))
        if column:
            return column
        for piece in re.findall(r"[\u4e00-\u9fff]+|[A-Za-z][A-Za-z _.]*", part):
            column = _ALIAS_TO_COLUMN.get(_header_key(piece))
            if column:
                return column
    return None


class StatementError(WordedError, ValueError):
    """The statement as a whole cannot be read; ``key`` names the message, the text says why."""


@dataclass(frozen=True)
class StatementRowError:
    """One unreadable cell or line of a statement; ``key`` names the message."""

    row: int
    column: str | None
    message: str
    key: str = field(default="", compare=False)
    sheet: str = field(default="", compare=False)

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
    notes: str | None = None  # the 备注 cell as written

    @property
    def key(self) -> tuple[str, int]:
        """What tells two lines apart: the sheet and the row, as the spreadsheet numbers it."""
        return (self.sheet, self.row)

    @property
    def label(self) -> str:
        """How the line is named in lists: its code, else ``order_no/product``."""
        return self.code or f"{self.order_no}/{self.product}"

    @property
    def is_credit(self) -> bool:
        """Money the lab gives back (a refund, a 冲红), which lowers the bill."""
        return self.amount < 0


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
    # the 结算周期 the lab wrote above its table (first and last day), when it wrote one
    stated_period: tuple[date, date] | None = None
    # where the code and the amount were read ("code"/"amount" → a sentence), so a
    # manager sees a wrong guess (单价 × 数量 where the lab wrote its own 应结)
    read_from: dict[str, str] = field(default_factory=dict)
    # the first sheet's first rows and header, to point at other columns if need be
    first_sheet: str = ""
    preview: list[tuple[str, ...]] = field(default_factory=list)
    header_row: int | None = None

    @property
    def line_total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal("0.00"))

    @property
    def total_differs(self) -> bool:
        return self.stated_total is not None and self.stated_total != self.line_total


@dataclass(frozen=True)
class SheetLayout:
    """Where a sheet's table is: the header row (index into the rows) and its columns."""

    header_row: int
    columns: dict[int, str]  # cell index → canonical column

    def position(self, column: str) -> int | None:
        return next((pos for pos, name in self.columns.items() if name == column), None)


@dataclass
class SheetReading:
    """One sheet read: its lines, skipped rows and errors, and the total it states."""

    sheet: str
    layout: SheetLayout
    lines: list[StatementLine] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    errors: list[StatementRowError] = field(default_factory=list)
    stated_total: Decimal | None = None


def cell_text(value: object) -> str:
    """A cell as a person reads it: 100000000001 not 100000000001.0, dates without a time."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return " ".join(str(value).split())


def column_letter(index: int) -> str:
    """The spreadsheet letter of the 0-based column ``index``: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def describe_layout(rows: Sequence[Sequence[object]], layout: SheetLayout) -> dict[str, str]:
    """Which columns gave the code and the amount, as the manager will read it."""
    header = rows[layout.header_row] if layout.header_row < len(rows) else ()

    def named(column: str) -> str | None:
        position = layout.position(column)
        if position is None:
            return None
        written = cell_text(header[position]) if position < len(header) else ""
        return catalogue.text(
            "statements.column_at", letter=column_letter(position), header=written
        )

    code = named("barcode")
    if code is None:
        code = catalogue.text(
            "statements.read_by_order",
            order_no=named("order_no") or "",
            product=named("product") or "",
        )
    amount = named("amount") or catalogue.text(
        "statements.read_by_price",
        unit_price=named("unit_price") or "",
        qty=named("qty") or "",
    )
    return {"code": code, "amount": amount}


def preview_rows(
    rows: Sequence[Sequence[object]], count: int = PREVIEW_ROWS
) -> list[tuple[str, ...]]:
    """The first rows as text, all as wide as the widest, for a person to point at columns."""
    shown = [tuple(cell_text(cell) for cell in row) for row in rows[:count]]
    width = max((len(row) for row in shown), default=0)
    return [row + ("",) * (width - len(row)) for row in shown]


def _row_columns(row: Sequence[object]) -> dict[int, str]:
    columns: dict[int, str] = {}
    for position, cell in enumerate(row):
        column = header_column(cell)
        if column and column not in columns.values():
            columns[position] = column
    return columns


def _is_header(columns: dict[int, str]) -> bool:
    named = set(columns.values())
    priced = "amount" in named or {"unit_price", "qty"} <= named
    names_item = "barcode" in named or {"order_no", "product"} <= named
    return len(named) >= 2 and priced and names_item


def find_statement_header(rows: Sequence[Sequence[object]]) -> tuple[int, dict[int, str]]:
    """The index of the header row and its column map (cell index → column)."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns = _row_columns(row)
        if _is_header(columns):
            return index, columns
    raise StatementError("sheets.statement_no_header", rows=HEADER_SEARCH_ROWS)


def find_layout(rows: Sequence[Sequence[object]]) -> SheetLayout | None:
    """The sheet's table as its headers name it, or None when it holds no statement table."""
    try:
        index, columns = find_statement_header(rows)
    except StatementError:
        return None
    return SheetLayout(index, columns)


def column_position(ref: str) -> int | None:
    """A column letter (``B``, ``ab``) or 1-based number as a cell index; None for header text."""
    ref = fold_width(ref).strip()
    if not _POSITION.fullmatch(ref):
        return None
    if ref.isdigit():
        return int(ref) - 1 if int(ref) >= 1 else None
    index = 0
    for letter in ref.upper():
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def choose_layout(rows: Sequence[Sequence[object]], choice: ColumnChoice) -> SheetLayout | None:
    """The table with the code and amount columns a manager chose; None if they are not here.

    A column named by its header text fixes the header row: the row holding
    it. Named by letter or number, the header row is the one the headers name
    if they do, else the last row with anything in it before the amount
    column starts holding sums.
    """
    chosen = {
        column: ref.strip()
        for column, ref in (("barcode", choice.code), ("amount", choice.amount))
        if ref and ref.strip()
    }
    width = max((len(row) for row in rows), default=0)
    positions: dict[str, int] = {}
    named: dict[str, str] = {}
    for column, ref in chosen.items():
        position = column_position(ref)
        if position is None:
            named[column] = _header_key(ref)
        elif position >= width:
            return None
        else:
            positions[column] = position
    header: int | None = None
    if named:
        for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
            keys = [_header_key(cell) if cell is not None else "" for cell in row]
            if all(key in keys for key in named.values()):
                header = index
                positions.update({column: keys.index(key) for column, key in named.items()})
                break
    else:
        found = find_layout(rows)
        header = found.header_row if found else _row_before_sums(rows, positions.get("amount"))
    if header is None:
        return None
    columns = _row_columns(rows[header])
    for column, position in positions.items():
        columns = {pos: name for pos, name in columns.items() if name != column and pos != position}
        columns[position] = column
    if not _is_header(columns) and not (
        "amount" in columns.values() and "barcode" in columns.values()
    ):
        return None
    return SheetLayout(header, dict(sorted(columns.items())))


def _row_before_sums(rows: Sequence[Sequence[object]], amount: int | None) -> int | None:
    if amount is None:
        return None
    last_filled: int | None = None
    for index, row in enumerate(rows[: HEADER_SEARCH_ROWS + 1]):
        value = row[amount] if amount < len(row) else None
        if last_filled is not None and isinstance(value, int | float | str):
            with suppress(CellError):
                if parse_statement_amount(value) is not None:
                    return last_filled
        if any(cell_text(cell) for cell in row):
            last_filled = index
    return None


def find_stated_period(rows: Sequence[Sequence[object]]) -> tuple[date, date] | None:
    """The 结算周期 a lab writes above its table: two dates, or a month (2026年11月).

    A labelled period (结算周期：/账期/对账期间) wins; else a title such as
    "2026年11月对账单".
    """
    texts = [fold_width(" ".join(cell_text(cell) for cell in row)) for row in rows]
    for text in texts:
        label = _PERIOD_LABEL.search(text)
        if label:
            period = _period_in(text[label.end() :], numeric_month=True)
            if period:
                return period
    for text in texts:
        period = _period_in(text, numeric_month=False)
        if period:
            return period
    return None


def _period_in(text: str, *, numeric_month: bool) -> tuple[date, date] | None:
    days: list[date] = []
    for match in _FULL_DATE.finditer(text):
        with suppress(ValueError):
            days.append(date(*(int(part) for part in match.groups())))
    if len(days) >= 2:
        return (min(days[:2]), max(days[:2]))
    month = _YEAR_MONTH.search(text) or (numeric_month and _YEAR_MONTH_NUMERIC.search(text))
    if month and not days:
        year, number = int(month.group(1)), int(month.group(2))
        if 1 <= number <= 12:
            last = calendar.monthrange(year, number)[1]
            return (date(year, number, 1), date(year, number, last))
    return None


def full_dates(rows: Sequence[Sequence[object]], layout: SheetLayout) -> list[date]:
    """The dates a sheet writes with their year, to date the ones written without."""
    position = layout.position("date")
    if position is None:
        return []
    found = []
    for row in rows[layout.header_row + 1 :]:
        if position < len(row):
            with suppress(CellError):
                day = parse_date(row[position])
                if day is not None:
                    found.append(day)
    return found


def statement_year(
    period: tuple[date, date] | None,
    stated: tuple[date, date] | None,
    dated: Iterable[date],
    today: date,
) -> YearFor:
    """Where a date written without its year (12月2日) takes the year from, surest first:
    the period asked for, the statement's own 结算周期, its other dates, then today."""
    if period:
        return year_within(*period)
    if stated:
        return year_within(*stated)
    latest = max(dated, default=None)
    return year_near(latest) if latest else year_before(today)


def read_sheet(
    sheet: str,
    rows: Sequence[Sequence[object]],
    layout: SheetLayout,
    year_for: YearFor | None = None,
) -> SheetReading:
    """Every line of one sheet, every row skipped and why, every error."""
    reading = SheetReading(sheet, layout)
    header = rows[layout.header_row]
    header_keys = {
        pos: _header_key(header[pos]) for pos in layout.columns if pos < len(header) and header[pos]
    }
    above = [frozenset(_texts(row).values()) for row in rows[: layout.header_row]]
    titles = {texts for texts in above if texts}
    for index in range(layout.header_row + 1, len(rows)):
        row = rows[index]
        number = index + 1  # as the spreadsheet numbers it
        texts = _texts(row)
        if not texts:
            continue  # a blank row: nothing to say about it
        shown = " ".join(dict.fromkeys(texts.values()))
        reason, total = _not_a_line(row, texts, layout, header_keys, titles)
        if reason:
            reading.skipped.append(SkippedRow(sheet, number, reason, shown))
            if reason == "statements.skip.total":
                reading.stated_total = total  # the last one counts, even when unreadable
            continue
        line, errors = _parse_line(number, row, layout, header, year_for)
        if line is not None:
            reading.lines.append(replace(line, sheet=sheet))
        reading.errors.extend(
            StatementRowError(e.row, e.column, e.message, e.key, sheet) for e in errors
        )
    return reading


def _texts(row: Sequence[object]) -> dict[int, str]:
    return {pos: text for pos, cell in enumerate(row) if (text := cell_text(cell))}


def _compact(text: str) -> str:
    return re.sub(r"\s", "", fold_width(text).lower())


def _not_a_line(
    row: Sequence[object],
    texts: dict[int, str],
    layout: SheetLayout,
    header_keys: dict[int, str],
    titles: set[frozenset[str]],
) -> tuple[str | None, Decimal | None]:
    """Why a row is no item line (a catalogue key), and the total it states if it is one."""
    repeats = sum(
        1
        for pos, key in header_keys.items()
        if pos < len(row) and row[pos] is not None and _header_key(row[pos]) == key
    )
    if repeats >= 2 or frozenset(texts.values()) in titles:
        return "statements.skip.header", None
    for pos, text in texts.items():
        if not isinstance(row[pos], str):
            continue
        total = _TOTAL_ROW.match(_compact(text))
        if total and not _names_item(row, layout, pos, text):
            page = total["scope"] in _PAGE_SCOPES or total["word"] in _PAGE_WORDS
            if page:
                return "statements.skip.subtotal", None
            return "statements.skip.total", _total_amount(row, layout, pos, text)
    first_pos, first_text = next(iter(texts.items()))
    if (
        isinstance(row[first_pos], str)
        and _FOOTER_ROW.match(_compact(first_text))
        and not _names_item(row, layout, first_pos, first_text)
    ):
        return "statements.skip.footer", None
    if not any(pos in layout.columns for pos in texts):
        return "statements.skip.no_item", None
    return None, None


def _names_item(row: Sequence[object], layout: SheetLayout, label: int, text: str) -> bool:
    """Whether a row carrying a total or footer word still names an item in its own cells."""
    for column in ("barcode", "order_no"):
        pos = layout.position(column)
        if pos is None or pos == label or pos >= len(row):
            continue
        value = row[pos]
        if cell_text(value) in ("", text):
            continue  # empty, or the label merged across the code column
        if column == "order_no":
            return True
        try:
            if parse_statement_code(value):
                return True
        except CellError:
            continue  # "共12件" where a code would be: no item
    return False


def _total_amount(
    row: Sequence[object], layout: SheetLayout, label: int, text: str
) -> Decimal | None:
    """The sum a total row states: in the amount column, else the rightmost sum, else after its colon."""
    amount = layout.position("amount")
    candidates: list[object] = []
    if amount is not None and amount < len(row) and amount != label:
        candidates.append(row[amount])
    else:
        candidates.extend(row[pos] for pos in range(len(row) - 1, -1, -1) if pos != label)
    after = re.split(r"[:：]", text, maxsplit=1)
    if len(after) == 2:
        candidates.append(after[1])
    for value in candidates:
        if isinstance(value, ErrorValue) or value in (None, ""):
            continue
        with suppress(CellError):
            found = parse_statement_amount(value)
            if found is not None:
                return found
    return None


def _column_name(header: Sequence[object], position: int) -> str:
    """An unmapped column as errors name it: its header text, else its letter."""
    text = cell_text(header[position]) if position < len(header) else ""
    if text:
        return text
    letters = ""
    number = position + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _parse_line(
    number: int,
    row: Sequence[object],
    layout: SheetLayout,
    header: Sequence[object],
    year_for: YearFor | None,
) -> tuple[StatementLine | None, list[StatementRowError]]:
    cells = {column: row[pos] if pos < len(row) else None for pos, column in layout.columns.items()}
    errors: list[StatementRowError] = [
        StatementRowError(number, _column_name(header, pos), str(bad), bad.key)
        for pos, value in enumerate(row)
        if pos not in layout.columns and isinstance(value, ErrorValue)
        for bad in [CellError("sheets.cell.error_value", value=value.code)]
    ]

    def read(column: str, parser: Callable[[object], object]) -> object:
        try:
            return parser(cells.get(column))
        except CellError as error:
            errors.append(StatementRowError(number, column, str(error), error.key))
            return None

    code = read("barcode", parse_statement_code)
    order_no = read("order_no", lambda v: clean_text(v, "order_no"))
    product = read("product", lambda v: clean_text(v, "product"))
    spec = read("spec", lambda v: clean_text(v, "spec"))
    qty = read("qty", lambda v: None if v in (None, "") else parse_qty(v))
    billed_on = read("date", lambda v: parse_date_guessing_year(v, year_for))
    kind = read("type", clean_text)
    notes = read("notes", clean_text)
    if "amount" in cells:
        amount = read("amount", parse_statement_amount)
        if amount is None and not any(e.column == "amount" for e in errors):
            errors.append(StatementRowError.saying(number, "amount", "sheets.amount_missing"))
    else:  # no 金额 column: 单价 × 数量
        price = read("unit_price", parse_statement_amount)
        if price is None and not any(e.column == "unit_price" for e in errors):
            errors.append(StatementRowError.saying(number, "unit_price", "sheets.amount_missing"))
        amount = None if price is None else price * (qty or 1)  # type: ignore[operator]
    if (
        code is None
        and not (order_no and product)
        and not any(e.column in ("barcode", "order_no", "product") for e in errors)
    ):
        errors.append(StatementRowError.saying(number, None, "sheets.no_item"))
    if errors or not isinstance(amount, Decimal):
        return None, errors
    kind_text = str(kind) if kind else None
    if amount > 0 and is_credit_text(kind_text, notes, product):  # type: ignore[arg-type]
        amount = -amount
    return (
        StatementLine(
            row=number,
            code=code,  # type: ignore[arg-type]
            order_no=order_no,  # type: ignore[arg-type]
            product=product,  # type: ignore[arg-type]
            spec=spec,  # type: ignore[arg-type]
            qty=qty,  # type: ignore[arg-type]
            amount=amount.quantize(Decimal("0.01")),
            billed_on=billed_on,  # type: ignore[arg-type]
            kind=kind_text,
            is_rework=is_rework_type(kind_text),
            notes=notes,  # type: ignore[arg-type]
        ),
        [],
    )


def parse_statement(
    rows: Sequence[Sequence[object]], *, year_for: YearFor | None = None
) -> tuple[list[StatementLine], list[StatementRowError]]:
    """Every billed line and every error of one sheet (an empty error list means usable)."""
    header_index, columns = find_statement_header(rows)
    reading = read_sheet("", rows, SheetLayout(header_index, columns), year_for)
    return reading.lines, reading.errors


def drop_repeating_sheets(
    readings: list[SheetReading],
) -> tuple[list[SheetReading], list[tuple[str, str]]]:
    """The sheets to count, and the summaries left out so no line is billed twice.

    A sheet named 汇总/合计/总表/summary is a summary when other sheets hold
    lines; so is a sheet whose every line (code and amount) is already on the
    other sheets, as when a lab pastes its weekly sheets into a 汇总.
    """
    kept = [r for r in readings if r.lines or r.errors]
    ignored = [(r.sheet, "statements.sheet.no_lines") for r in readings if r not in kept]
    named = [r for r in kept if any(w in r.sheet.lower() for w in SUMMARY_SHEET_WORDS)]
    others = [r for r in kept if r not in named]
    if named and any(r.lines for r in others):
        ignored += [(r.sheet, "statements.sheet.summary") for r in named]
        kept = others
    for candidate in sorted(kept, key=lambda r: -len(r.lines)):
        rest = [r for r in kept if r is not candidate]
        if candidate.errors or not candidate.lines or not rest:
            continue
        theirs = Counter(_line_key(line) for r in rest for line in r.lines)
        if Counter(_line_key(line) for line in candidate.lines) <= theirs:
            kept = rest
            ignored.append((candidate.sheet, "statements.sheet.repeats"))
    order = [r.sheet for r in readings]
    return kept, sorted(ignored, key=lambda item: order.index(item[0]))


def _line_key(line: StatementLine) -> tuple[str, Decimal]:
    return (line.label, line.amount)


def is_rework_type(kind: str | None) -> bool:
    return kind is not None and _header_key(kind) in REWORK_TYPES


def is_credit_text(*texts: str | None) -> bool:
    """Whether a line's type, notes or product says it gives money back (退款, 冲红, refund…)."""
    return any(word in text.lower() for text in texts if text for word in CREDIT_WORDS)


def parse_statement_code(value: object) -> str | None:
    """A barcode cell: spreadsheets turn numeric codes into numbers (100000000001.0)."""
    refuse_error(value)
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
