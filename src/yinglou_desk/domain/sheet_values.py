"""Reading the cells of an order sheet the way Excel, WPS and LibreOffice write them.

Phones arrive as numbers (13800138000.0), dates as Excel serials, datetimes or
text in half a dozen styles, and any text may carry full-width characters or
stray spaces. Each parser returns a clean value or raises :class:`CellError`
with a message staff can act on.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from yinglou_desk.domain.codes import fold_width
from yinglou_desk.domain.wording import CatalogueNames, WordedError


class CellError(WordedError, ValueError):
    """A cell that cannot be read; ``key`` names the message, the text says what is wrong."""


@dataclass(frozen=True)
class ErrorValue:
    """A spreadsheet error cell (``#N/A``, ``#REF!``, ``#VALUE!``…) as the file holds it.

    The readers hand it on instead of text, so no parser takes ``#N/A`` for a
    customer's name: every parser refuses it with :func:`refuse_error`.
    """

    code: str

    def __str__(self) -> str:
        return self.code


def refuse_error(value: object) -> None:
    """Raise :class:`CellError` when ``value`` is a spreadsheet error cell."""
    if isinstance(value, ErrorValue):
        raise CellError("sheets.cell.error_value", value=value.code)


# canonical column → accepted header spellings (compared after clean_header)
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "order_no": ("订单号", "订单编号", "单号", "order_no", "orderno", "order"),
    "customer": ("客户", "客户姓名", "顾客", "姓名", "customer", "customername", "name"),
    "phone": ("电话", "手机", "手机号", "联系电话", "phone", "mobile", "tel"),
    "package": ("套系", "套餐", "package"),
    "shoot_date": ("拍摄日期", "拍照日期", "shoot_date", "shootdate"),
    "stage": ("阶段", "stage"),
    "product": ("产品", "产品名称", "品名", "product"),
    "spec": ("规格", "尺寸", "spec", "size"),
    "qty": ("数量", "qty", "quantity"),
    "vendor": ("厂商", "供应商", "工厂", "vendor", "supplier", "lab"),
    "unit_cost": ("单价", "成本", "unit_cost", "unitcost", "cost", "price"),
    "barcode": ("条码", "条形码", "barcode", "code"),
    "promised_date": ("承诺取件日期", "取件日期", "promised_date", "promiseddate"),
    "store": ("门店", "店铺", "store"),
    "notes": ("备注", "notes", "note", "remark"),
    # an order's money (see domain/order_money.py)
    "price": ("套系金额", "套系价", "套系价格", "总价", "总金额", "金额", "packageprice", "total"),
    "paid": ("已付", "已付款", "已付金额", "定金", "订金", "paid", "deposit"),
    "balance": ("尾款", "未付", "未付款", "余款", "补款", "balance", "balancedue"),
}
REQUIRED_COLUMNS = ("order_no", "customer", "product")
# canonical column → its name in errors, in the current language (sheet order)
_LABEL_KEYS = {column: f"payments.column.{column}" for column in ("price", "paid", "balance")}
COLUMN_LABELS: CatalogueNames[str] = CatalogueNames(
    {column: _LABEL_KEYS.get(column, f"sheets.column.{column}") for column in HEADER_ALIASES}
)
MAX_TEXT = {
    "order_no": 64,
    "customer": 100,
    "product": 100,
    "spec": 100,
    "package": 100,
    "stage": 50,
    "vendor": 100,
    "store": 100,
    "notes": 2000,
}

_ALIAS_TO_COLUMN = {
    re.sub(r"[\s_\-]", "", alias.lower()): column
    for column, aliases in HEADER_ALIASES.items()
    for alias in aliases
}


_TOTAL_LABEL = re.compile(
    r"^(?:本页|总)?(?:合计|总计|小计|共计|total|grandtotal|subtotal|sum)(?:[:：].*)?$"
)


def is_total_label(value: object) -> bool:
    """Whether a cell labels a 合计 row (合计, 总计, 小计, Total…), as a sheet's own sums do."""
    if not isinstance(value, str):
        return False
    return bool(_TOTAL_LABEL.match(re.sub(r"\s", "", fold_width(value).lower())))


def clean_header(value: object) -> str | None:
    """The canonical column a header cell names, or None."""
    if value is None:
        return None
    key = re.sub(r"[\s_\-:：*]", "", fold_width(str(value)).lower())
    return _ALIAS_TO_COLUMN.get(key)


def clean_text(value: object, column: str = "") -> str | None:
    """Text with width folded and runs of spaces collapsed; None when empty."""
    refuse_error(value)
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        value = value.isoformat()
    text = " ".join(_visible(fold_width(str(value))).split())
    if not text:
        return None
    limit = MAX_TEXT.get(column)
    if limit and len(text) > limit:
        raise CellError("sheets.cell.too_long", limit=limit)
    return text


def _visible(text: str) -> str:
    """Control characters (NUL, bell...) never belong in a name or a product."""
    return "".join(ch if unicodedata.category(ch) != "Cc" else " " for ch in text)


def clean_name(value: object) -> str | None:
    """A person's name: Chinese names lose all inner spaces (张 三 → 张三)."""
    text = clean_text(value, "customer")
    if text and not text.isascii():
        text = text.replace(" ", "")
    return text


def parse_phone(value: object) -> str | None:
    refuse_error(value)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellError("sheets.cell.phone")
    if isinstance(value, float):
        if not value.is_integer():
            raise CellError("sheets.cell.phone")
        value = int(value)
    text = fold_width(str(value)).strip()
    if not text:
        return None
    if not re.fullmatch(r"\+?[0-9\s\-()]+", text):
        raise CellError("sheets.cell.phone_value", value=text)
    digits = re.sub(r"[^0-9]", "", text)
    if not 5 <= len(digits) <= 20:
        raise CellError("sheets.cell.phone_digits", value=text)
    return digits


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
# Dates written without a year, as labs write them on a month's statement: 12月2日, 12-02, 12/2
_YEARLESS_PATTERNS = (
    re.compile(r"^(\d{1,2})月(\d{1,2})[日号]?$"),
    re.compile(r"^(\d{1,2})[-/](\d{1,2})$"),
)
_EXCEL_EPOCH = date(1899, 12, 30)

YearFor = Callable[[int, int], int]
"""Which year a day written without one (month, day) falls in; see :func:`year_within`."""


def year_within(first: date, last: date) -> YearFor:
    """The year that puts the day inside ``first``–``last``, else nearest to it.

    A statement's period is the surest guide: 12月28日 on a statement for
    2026-12-01 – 2027-01-10 is 2026, 1月3日 on it is 2027.
    """

    def year(month: int, day: int) -> int:
        return _nearest_year(month, day, first, last, range(first.year - 1, last.year + 2))

    return year


def year_before(reference: date) -> YearFor:
    """The year that puts the day on or nearest before ``reference`` (today, say).

    A statement bills work already done, so with nothing else to go by a day
    in December read in January is last December, not next.
    """

    def year(month: int, day: int) -> int:
        for candidate in range(reference.year, reference.year - 5, -1):  # 2月29日 too
            try:
                if date(candidate, month, day) <= reference:
                    return candidate
            except ValueError:
                continue
        raise CellError("sheets.cell.date_value", value=f"{month}-{day}")

    return year


def year_near(reference: date) -> YearFor:
    """The year that puts the day nearest ``reference`` on either side (another date written in full)."""

    def year(month: int, day: int) -> int:
        return _nearest_year(
            month, day, reference, reference, range(reference.year - 1, reference.year + 2)
        )

    return year


def _nearest_year(month: int, day: int, first: date, last: date, years: range) -> int:
    best: tuple[int, int] | None = None
    for candidate in years:
        try:
            day_of = date(candidate, month, day)
        except ValueError:
            continue
        distance = max((first - day_of).days, (day_of - last).days, 0)
        if best is None or distance < best[0]:
            best = (distance, candidate)
    if best is None:
        raise CellError("sheets.cell.date_value", value=f"{month}-{day}")
    return best[1]


def parse_date(value: object) -> date | None:
    """A date as spreadsheets hold it, year and all (an order sheet's shoot date must be whole)."""
    return parse_date_guessing_year(value, None)


def parse_date_guessing_year(value: object, year_for: YearFor | None) -> date | None:
    """A date as spreadsheets hold it, or a day written without its year (12月2日, 12-02, 12/2)
    dated by ``year_for``; without ``year_for`` such a day is refused, as :func:`parse_date` does.

    Kept apart from :func:`parse_date` so that a column of one-argument parsers
    (the order sheet's) stays one type.
    """
    refuse_error(value)
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise CellError("sheets.cell.date")
    if isinstance(value, int | float):
        if 20000 <= value <= 80000:  # an Excel serial day number (1954–2119)
            return _EXCEL_EPOCH + timedelta(days=int(value))
        if 19000101 <= value <= 21001231 and float(value).is_integer():
            return parse_date_guessing_year(str(int(value)), None)
        raise CellError("sheets.cell.date_value", value=value)
    text = fold_width(str(value)).strip()
    if not text:
        return None
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            year, month, day = (int(part) for part in match.groups())
            try:
                return date(year, month, day)
            except ValueError:
                break
    else:
        if year_for is not None:
            for pattern in _YEARLESS_PATTERNS:
                match = pattern.match(text)
                if match:
                    month, day = (int(part) for part in match.groups())
                    if not (1 <= month <= 12 and 1 <= day <= 31):
                        break
                    try:
                        return date(year_for(month, day), month, day)
                    except (ValueError, CellError):
                        break
    raise CellError("sheets.cell.date_example", value=text)


def parse_qty(value: object) -> int:
    refuse_error(value)
    if value is None or value == "":
        return 1
    if isinstance(value, bool):
        raise CellError("sheets.cell.qty")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        number = value
    else:
        text = fold_width(str(value)).strip()
        if not re.fullmatch(r"[0-9]+", text):
            raise CellError("sheets.cell.qty_value", value=text)
        number = int(text)
    if not 1 <= number <= 10000:
        raise CellError("sheets.cell.qty_range", value=number)
    return number


MAX_AMOUNT = Decimal("10000000")
# How labs write a sum: ¥380.00, ￥380, 380元, 1,380.00, RMB 380, CNY380, (380.00) for a credit
_CURRENCY = re.compile(r"^(?:rmb|cny)|(?:rmb|cny)$|[¥￥元,，\s]", re.IGNORECASE)
_ACCOUNTING_NEGATIVE = re.compile(r"^\((.*)\)$")
_PLAIN_NUMBER = re.compile(r"^(?:[0-9]+\.?[0-9]*|\.[0-9]+)$")


def _signed_amount(value: object) -> Decimal | None:
    """The sum a cell writes, sign and all, or :class:`CellError`."""
    refuse_error(value)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellError("sheets.cell.amount")
    if isinstance(value, int | float):
        amount = Decimal(str(value))
    else:
        written = fold_width(str(value)).strip()
        if not written:
            return None
        negative = False
        bracketed = _ACCOUNTING_NEGATIVE.match(written)
        if bracketed:
            negative, written = True, bracketed.group(1)
        text = _CURRENCY.sub("", written)
        if text.startswith("-") and not negative:
            negative, text = True, text[1:]
        text = _CURRENCY.sub("", text)  # -¥380 as well as ¥-380
        if not text and not bracketed:
            return None
        if not _PLAIN_NUMBER.match(text):
            raise CellError("sheets.cell.amount_value", value=value)
        amount = Decimal(text)
        if negative:
            amount = -amount
    if not amount.is_finite() or abs(amount) >= MAX_AMOUNT:
        raise CellError("sheets.cell.amount_value", value=value)
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)  # 四舍五入, as labs round


def parse_money(value: object) -> Decimal | None:
    """A unit cost: never negative, written in any of the notations of :func:`parse_statement_amount`."""
    amount = _signed_amount(value)
    if amount is not None and amount < 0:
        raise CellError("sheets.cell.amount_value", value=value)
    return amount


def parse_statement_amount(value: object) -> Decimal | None:
    """A statement's sum, which may be a credit: ``-380``, ``(380.00)``, ``¥-380``.

    ``380-`` (a trailing minus, as some old ledgers print it) is refused rather
    than guessed at: read the wrong way it would turn a refund into a charge.
    """
    return _signed_amount(value)
