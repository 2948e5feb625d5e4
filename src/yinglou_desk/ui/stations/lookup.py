"""Whether a scanned code names the orders a look-up found.

A look-up takes phone tails, names and pinyin initials as well as labels, so a
scanned label of no order can still find somebody ("ZXM" is 张小梅's initials).
A scan is a label, never a name: only an order whose label or order number it
is may be shown for it, at 取件 and in 查件 alike.
"""

from __future__ import annotations

from yinglou_desk.domain.codes import InvalidCode, normalize_code
from yinglou_desk.services.orders.query import OrderView


def names_code(scanned: str, orders: list[OrderView]) -> bool:
    """Whether ``scanned`` is a label or the order number of one of ``orders``."""
    text = scanned.strip().upper()
    try:
        code = normalize_code(scanned)
    except InvalidCode:
        code = text
    return any(
        order.order_no.upper() in (text, code) or any(i.code in (text, code) for i in order.items)
        for order in orders
    )
