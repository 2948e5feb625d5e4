"""Money at the counter: integer fen, never floats; how staff write it and how we show it.

A sum is held as an ``int`` of fen (¥1,380.00 is ``138000``) from the moment it is
read — from a spreadsheet cell, a field in the desk, a command-line option — to the
moment it is shown, so totals add up to the fen on every machine and database.
Reading accepts what studios write (``¥1,380.00``, ``￥380``, ``380元``, ``1380.5``)
through :func:`~yinglou_desk.domain.sheet_values.parse_money`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from enum import StrEnum

from yinglou_desk.domain.codes import fold_width
from yinglou_desk.domain.sheet_values import CellError, parse_money
from yinglou_desk.domain.wording import WordedError


class MoneyError(WordedError, ValueError):
    """A sum the program cannot take; the text says what is wrong with it."""


class PaymentMethod(StrEnum):
    """How a customer paid (the catalogue names them: 现金, 微信, 支付宝, 刷卡, 其他)."""

    CASH = "cash"
    WECHAT = "wechat"
    ALIPAY = "alipay"
    CARD = "card"
    OTHER = "other"


class PaymentKind(StrEnum):
    """What a row of ``payments`` is; see :data:`yinglou_desk.storage.tables.payments`."""

    IMPORTED = "imported"  # paid before the program knew the order (the sheet's 已付/定金)
    PAYMENT = "payment"  # taken at the desk
    REVERSAL = "reversal"  # takes back an earlier row, with a reason
    WAIVER = "waiver"  # a balance let go by a manager, with a reason


# Rows that are money in the till (日结): taken at the desk, or taken back.
TAKINGS_KINDS = (PaymentKind.PAYMENT.value, PaymentKind.REVERSAL.value)
# Rows that reduce what the customer owes.
SETTLING_KINDS = tuple(kind.value for kind in PaymentKind)

_FEN = Decimal(100)


def fen_of(amount: Decimal) -> int:
    """``Decimal('1380.50')`` → ``138050``; more than two decimals is refused."""
    fen = amount * _FEN
    if fen != fen.to_integral_value():
        raise MoneyError("money.too_precise", value=str(amount))
    return int(fen)


def parse_fen(text: object) -> int | None:
    """A sum as staff or a sheet write it, in fen; ``None`` for an empty cell or field.

    Negative sums are refused (a payment back is a reversal, not a negative payment).
    """
    try:
        amount = parse_money(text)
    except CellError as bad:
        raise MoneyError("money.not_a_sum", value=str(text).strip()) from bad
    return None if amount is None else fen_of(amount)


def yuan(fen: int) -> str:
    """``138050`` → ``1,380.50``: how a sum is shown (the ``¥`` is the caller's, in the catalogue)."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole:,}.{cents:02d}"


_TOO_PRECISE = re.compile(r"\.[0-9]{3,}")


def parse_typed_fen(text: str) -> int | None:
    """A sum a person typed (a field in the desk, a command-line option), in fen.

    As :func:`parse_fen`, except that a third decimal is refused
    (``money.too_precise``) rather than rounded: a sheet's ``1380.005`` is a float's
    noise, a typed one is a typing mistake.
    """
    if _TOO_PRECISE.search(fold_width(str(text))):
        raise MoneyError("money.too_precise", value=str(text).strip())
    return parse_fen(text)
