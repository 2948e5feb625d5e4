"""Reading the cells of an order sheet the way Excel, WPS and LibreOffice write them.

Phones arrive as numbers (13800138000.0), dates as Excel serials, datetimes or
text in half a dozen styles, and any text may carry full-width characters or
stray spaces. Each parser returns a clean value or raises :class:`CellError`
with a message staff can act on.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from .codes import fold_width


class CellError(ValueError):
    """A cell that cannot be read; the message says what is wrong (Chinese / English)."""


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
}
REQUIRED_COLUMNS = ("order_no", "customer", "product")
COLUMN_LABELS = {
    "order_no": "订单号",
    "customer": "客户",
    "phone": "电话",
    "package": "套系",
    "shoot_date": "拍摄日期",
    "stage": "阶段",
    "product": "产品",
    "spec": "规格",
    "qty": "数量",
    "vendor": "厂商",
    "unit_cost": "单价",
    "barcode": "条码",
    "promised_date": "承诺取件日期",
    "store": "门店",
    "notes": "备注",
}
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


def clean_header(value: object) -> str | None:
    """The canonical column a header cell names, or None."""
    if value is None:
        return None
    key = re.sub(r"[\s_\-:：*]", "", fold_width(str(value)).lower())
    return _ALIAS_TO_COLUMN.get(key)


def clean_text(value: object, column: str = "") -> str | None:
    """Text with width folded and runs of spaces collapsed; None when empty."""
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
        raise CellError(f"内容过长（最多 {limit} 个字符）/ too long ({limit} characters at most)")
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
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellError("电话号码无效 / not a phone number")
    if isinstance(value, float):
        if not value.is_integer():
            raise CellError("电话号码无效 / not a phone number")
        value = int(value)
    text = fold_width(str(value)).strip()
    if not text:
        return None
    if not re.fullmatch(r"\+?[0-9\s\-()]+", text):
        raise CellError(f"电话号码无效：{text} / not a phone number")
    digits = re.sub(r"[^0-9]", "", text)
    if not 5 <= len(digits) <= 20:
        raise CellError(f"电话号码位数不对：{text} / wrong number of digits")
    return digits


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
_EXCEL_EPOCH = date(1899, 12, 30)


def parse_date(value: object) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise CellError("日期无效 / not a date")
    if isinstance(value, int | float):
        if 20000 <= value <= 80000:  # an Excel serial day number (1954–2119)
            return _EXCEL_EPOCH + timedelta(days=int(value))
        if 19000101 <= value <= 21001231 and float(value).is_integer():
            return parse_date(str(int(value)))
        raise CellError(f"日期无效：{value} / not a date")
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
    raise CellError(f"日期无效：{text}（例：2024-05-01）/ not a date")


def parse_qty(value: object) -> int:
    if value is None or value == "":
        return 1
    if isinstance(value, bool):
        raise CellError("数量须为正整数 / quantity must be a whole number")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        number = value
    else:
        text = fold_width(str(value)).strip()
        if not re.fullmatch(r"[0-9]+", text):
            raise CellError(f"数量须为正整数：{text} / quantity must be a whole number")
        number = int(text)
    if not 1 <= number <= 10000:
        raise CellError(f"数量须在 1–10000 之间：{number} / quantity out of range")
    return number


def parse_money(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellError("金额无效 / not an amount")
    if isinstance(value, int | float):
        amount = Decimal(str(value))
    else:
        text = re.sub(r"[¥￥,，元\s]", "", fold_width(str(value)))
        if not text:
            return None
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise CellError(f"金额无效：{value} / not an amount") from None
    if not amount.is_finite() or amount < 0 or amount >= Decimal("10000000"):
        raise CellError(f"金额无效：{value} / not an amount")
    return amount.quantize(Decimal("0.01"))
