"""The counter: money on an order, hand-overs and receipts (取件单), the shelf audit (盘点),
uncollected items (超期未取). Keys start with ``money.``, ``counter.``, ``receipt.``,
``shelf_audit.`` or ``uncollected.``; each helper adds its own below its heading."""

from __future__ import annotations

from yinglou_desk.catalogue._langs import EN, ZH

ENTRIES: dict[str, dict[str, str]] = {
    # -- money -----------------------------------------------------------------------------
    "money.not_a_sum": {
        ZH: "「{value}」不是金额：请写成 1380 或 1380.50",
        EN: "“{value}” is not a sum of money: write it as 1380 or 1380.50",
    },
    "money.too_precise": {
        ZH: "金额「{value}」超过两位小数",
        EN: "The sum “{value}” has more than two decimals",
    },
    # -- uncollected items -------------------------------------------------------------
    "uncollected.policy": {
        ZH: "成品到店后请于 {days} 天内取件，逾期未取本店不再保管。",
        EN: "Please collect within {days} days of being told your order is ready; "
        "after that the studio no longer holds it.",
    },
}
