"""An order sheet's money columns: what the package costs, what was paid, what is still owed.

Studios write two of 套系金额 (price), 已付/定金 (paid) and 尾款/未付 (balance), sometimes
all three. Any two give the third; when all three are written they must agree to the
fen (price = paid + balance), else the order is refused — a sheet that does not add
up would put a wrong balance in front of the customer at pickup. One alone:
a price alone means nothing paid yet; paid alone leaves the price unset (nothing is
owed until a manager sets it); a balance alone is taken as what is owed (the price
is that balance and nothing is known paid).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from yinglou_desk.domain.money import fen_of, yuan
from yinglou_desk.domain.wording import WordedError

MONEY_COLUMNS = ("price", "paid", "balance")


class SheetMoneyError(WordedError, ValueError):
    """The money columns of one order do not add up; ``column`` is the one to look at."""

    def __init__(self, column: str, key: str, /, **params: object) -> None:
        super().__init__(key, **params)
        self.column = column


@dataclass(frozen=True)
class SheetMoney:
    """What an order sheet says of one order's money, in fen."""

    price: int | None  # None: the sheet gives no price
    paid: int  # paid before the import (an ``imported`` payment row when > 0)


def sheet_money(
    price: Decimal | None, paid: Decimal | None, balance: Decimal | None
) -> SheetMoney | None:
    """The price and what was paid, from any of the three columns; None when none is written."""
    p, a, b = (None if v is None else fen_of(v) for v in (price, paid, balance))
    if p is None and a is None and b is None:
        return None
    if p is not None and a is not None and b is not None:
        if p != a + b:
            raise SheetMoneyError(
                "balance", "payments.sheet.disagree", price=yuan(p), paid=yuan(a), balance=yuan(b)
            )
        return SheetMoney(p, a)
    if p is not None and a is not None:
        if a > p:
            raise SheetMoneyError(
                "paid", "payments.sheet.paid_over_price", paid=yuan(a), price=yuan(p)
            )
        return SheetMoney(p, a)
    if p is not None and b is not None:
        if b > p:
            raise SheetMoneyError(
                "balance", "payments.sheet.balance_over_price", balance=yuan(b), price=yuan(p)
            )
        return SheetMoney(p, p - b)
    if a is not None and b is not None:
        return SheetMoney(a + b, a)
    if p is not None:
        return SheetMoney(p, 0)
    if a is not None:
        return SheetMoney(None, a)
    assert b is not None
    return SheetMoney(b, 0)
