"""Statements, reconciliation and what a lab's bill is checked against."""

from __future__ import annotations

from yinglou_desk.catalogue._langs import EN, ZH

ENTRIES: dict[str, dict[str, str]] = {
    # What a line of the statement turned out to be.
    "reconciliation.category.matched": {ZH: "相符", EN: "Matched"},
    "reconciliation.category.unknown": {ZH: "未知条码", EN: "Unknown item"},
    "reconciliation.category.duplicate": {ZH: "重复计费", EN: "Billed twice"},
    "reconciliation.category.amount_mismatch": {ZH: "金额不符", EN: "Amount differs"},
    "reconciliation.category.billed_not_received": {
        ZH: "已计费未回件",
        EN: "Billed, not received",
    },
    "reconciliation.category.received_not_billed": {
        ZH: "已回件未计费",
        EN: "Received, not billed",
    },
    "reconciliation.category.rework_billed": {ZH: "返工重复计费", EN: "Rework billed"},
    "reconciliation.category.credit": {ZH: "退款/冲红", EN: "Credit"},
    "reconciliation.category.already_settled": {ZH: "已结算", EN: "Already settled"},
    # Why.
    "reconciliation.reason.matched": {ZH: "相符", EN: "Matched"},
    "reconciliation.reason.received_not_billed": {
        ZH: "期间内已回件，对账单未列出",
        EN: "Received in the period, but not on the statement",
    },
    "reconciliation.reason.received_earlier_not_billed": {
        ZH: "{day} 已回件，此前确认的对账单均未计费",
        EN: "Received on {day}; no confirmed statement has billed it yet",
    },
    "reconciliation.reason.credit": {
        ZH: "厂商退款/冲红 {amount}",
        EN: "A refund or reversal of {amount} from the vendor",
    },
    "reconciliation.reason.already_settled": {
        ZH: "已在 {year}年{month}月 对账单结算",
        EN: "Already settled on the statement of {year}-{month:02d}",
    },
    "reconciliation.reason.no_such_product": {
        ZH: "订单 {order_no} 中没有发往该厂商的「{product}」",
        EN: "No “{product}” of order {order_no} was sent to this vendor",
    },
    "reconciliation.reason.unknown_code": {
        ZH: "本店没有发往该厂商的此条码",
        EN: "No item with this code was sent to this vendor",
    },
    "reconciliation.reason.rework_is_vendor_cost": {
        ZH: "返工由厂商承担，不应再计费",
        EN: "A rework of a defect is the vendor's cost and should not be billed",
    },
    "reconciliation.reason.rework_not_recorded": {
        ZH: "标为返工，但本店无返工记录",
        EN: "Billed as rework, but no rework was recorded",
    },
    "reconciliation.reason.reworked_charged_again": {
        ZH: "返工件再次计费",
        EN: "A reworked item charged a second time",
    },
    "reconciliation.reason.duplicate": {ZH: "同一件重复计费", EN: "The same item billed again"},
    "reconciliation.reason.not_received": {ZH: "尚未回件", EN: "The item has not come back"},
    "reconciliation.reason.no_unit_cost": {
        ZH: "本店未录入单价，无法核对金额",
        EN: "No unit cost was recorded, so the amount cannot be checked",
    },
    "reconciliation.reason.amount": {
        ZH: "应为 {expected}（单价 {unit_cost} × {qty}），差额 {difference}",
        EN: "Expected {expected} (unit cost {unit_cost} × {qty}), a difference of {difference}",
    },
}
