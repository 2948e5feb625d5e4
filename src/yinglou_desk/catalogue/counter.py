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
    # -- the hand-over at the counter (counter.*) -------------------------------------------
    "counter.balance_owed": {
        ZH: "订单 {order_no} 还欠 ¥{amount}：请先收款或由店长减免，才能取件",
        EN: "Order {order_no} still owes ¥{amount}: take the money or have a manager "
        "waive it before handing anything over",
    },
    "counter.nothing_ready": {
        ZH: "订单 {order_no} 没有可取的成品",
        EN: "Order {order_no} has nothing ready to hand over",
    },
    "counter.unknown_order": {
        ZH: "没有订单号为「{order_no}」的订单",
        EN: "There is no order numbered “{order_no}”",
    },
    "counter.not_of_order": {
        ZH: "{codes} 不属于订单 {order_no}",
        EN: "{codes} do not belong to order {order_no}",
    },
    "counter.amount_not_positive": {
        ZH: "金额必须大于零（收到「{amount}」）",
        EN: "The sum must be more than zero (got “{amount}”)",
    },
    "counter.overpaying": {
        ZH: "收款 ¥{amount} 超过应收 ¥{due}：不能多收",
        EN: "¥{amount} is more than the ¥{due} owed: the counter does not take more than is due",
    },
    "counter.waiver_reason_needed": {
        ZH: "减免必须写明原因",
        EN: "A waiver needs a reason",
    },
    "counter.waiver_not_permitted": {
        ZH: "{name} 无权减免：须店长或管理员批准",
        EN: "{name} may not waive a balance: a manager or an admin must approve it",
    },
    "counter.approver_disabled": {
        ZH: "批准人 {name} 的账号已停用",
        EN: "The approver {name}'s account is disabled",
    },
    "counter.nothing_to_waive": {
        ZH: "订单 {order_no} 没有定价，无可减免",
        EN: "Order {order_no} has no price, so there is nothing to waive",
    },
    "counter.waiver_too_much": {
        ZH: "减免 ¥{amount} 超过收款后仍欠的 ¥{due}",
        EN: "Waiving ¥{amount} is more than the ¥{due} still owed after the payment",
    },
    "counter.collector_incomplete": {
        ZH: "代取须同时填写代取人姓名和电话",
        EN: "Someone collecting for the customer needs both a name and a phone number",
    },
    "counter.phone_bad": {
        ZH: "「{phone}」不是电话号码",
        EN: "“{phone}” is not a phone number",
    },
    "counter.too_long": {
        ZH: "「{value}…」太长（最多 {limit} 个字）",
        EN: "“{value}…” is too long (at most {limit} characters)",
    },
    "counter.signature_not_png": {
        ZH: "签名不是 PNG 图片",
        EN: "The signature is not a PNG image",
    },
    # -- the receipt (取件单, receipt.*) ---------------------------------------------------
    "receipt.unknown": {ZH: "没有取件单 {number}", EN: "There is no receipt {number}"},
    "receipt.title": {ZH: "取件单", EN: "Collection receipt"},
    "receipt.job": {ZH: "取件单 {number}", EN: "Receipt {number}"},
    "receipt.address": {
        ZH: "地址：{address}　营业时间：{hours}",
        EN: "Address: {address} · Open: {hours}",
    },
    "receipt.number": {ZH: "单号：{number}", EN: "Receipt no.: {number}"},
    "receipt.order": {ZH: "订单号：{order_no}", EN: "Order: {order_no}"},
    "receipt.customer": {ZH: "客户：{name}　{phone}", EN: "Customer: {name} {phone}"},
    "receipt.time": {ZH: "取件时间：{time}", EN: "Collected: {time}"},
    "receipt.operator": {ZH: "经办：{name}", EN: "Handed over by: {name}"},
    "receipt.taken": {ZH: "本次取走（{n} 件）", EN: "Collected now ({n})"},
    "receipt.missing": {ZH: "尚未取走（{n} 件）", EN: "Still to collect ({n})"},
    "receipt.item": {ZH: "{product} {spec} ×{qty}", EN: "{product} {spec} ×{qty}"},
    "receipt.missing_state": {ZH: "{state}", EN: "{state}"},
    "receipt.expected": {ZH: "预计 {date} 到店", EN: "expected {date}"},
    "receipt.amount": {ZH: "¥{amount}", EN: "¥{amount}"},
    "receipt.price": {ZH: "套系金额", EN: "Package price"},
    "receipt.no_price": {ZH: "未定价", EN: "No price set"},
    "receipt.paid_before": {ZH: "此前已付", EN: "Paid before"},
    "receipt.paid_now": {ZH: "本次收款", EN: "Paid now"},
    "receipt.paid_now_by": {ZH: "本次收款（{method}）", EN: "Paid now ({method})"},
    "receipt.reference": {ZH: "流水号：{reference}", EN: "Reference: {reference}"},
    "receipt.waived": {ZH: "店长减免", EN: "Waived by the manager"},
    "receipt.balance": {ZH: "尚欠", EN: "Balance due"},
    "receipt.collector": {
        ZH: "代取人：{name}　{phone}",
        EN: "Collected for the customer by: {name} {phone}",
    },
    "receipt.collector_self": {
        ZH: "取件人：{name}（本人）",
        EN: "Collected by: {name} (in person)",
    },
    "receipt.signature": {ZH: "客户签名", EN: "Signature"},
    "receipt.pc_printer": {ZH: "小票打印机", EN: "Receipt printer"},
    "receipt.pc_printer_preview": {ZH: "（打印前预览）", EN: "(show the print preview)"},
    "receipt.bad_page": {
        ZH: "取件单纸张「{page}」不可用：可选 {choices}",
        EN: "“{page}” is not a receipt page size: choose {choices}",
    },
    "receipt.method.cash": {ZH: "现金", EN: "cash"},
    "receipt.method.wechat": {ZH: "微信", EN: "WeChat"},
    "receipt.method.alipay": {ZH: "支付宝", EN: "Alipay"},
    "receipt.method.card": {ZH: "刷卡", EN: "card"},
    "receipt.method.other": {ZH: "其他", EN: "other"},
    # -- the command line's pickup (counter.help.*, counter.cli.*) ------------------------
    "counter.help.pickup": {
        ZH: "取件：交付订单所有已回件的成品（有尾款须同时收清）",
        EN: "hand over every ready item of an order (any balance must be paid with it)",
    },
    "counter.help.paid": {
        ZH: "本次收款金额，如 1380 或 1380.50",
        EN: "the sum taken now, e.g. 1380 or 1380.50",
    },
    "counter.help.method": {ZH: "收款方式", EN: "how it was paid"},
    "counter.help.reference": {
        ZH: "支付凭证号（流水号）",
        EN: "the payment's reference (the slip's number)",
    },
    "counter.help.collector": {
        ZH: "代取人姓名（须同时给 --collector-phone）",
        EN: "someone collecting for the customer (with --collector-phone)",
    },
    "counter.help.receipt": {
        ZH: "把取件单存为 PDF",
        EN: "save the receipt as a PDF",
    },
    "counter.cli.paid_and_method": {
        ZH: "--paid 和 --method 须一起给出",
        EN: "--paid and --method go together",
    },
    "counter.cli.nothing_handed": {
        ZH: "订单 {order_no} 未交付任何成品",
        EN: "Nothing of order {order_no} was handed over",
    },
    "counter.cli.handed": {
        ZH: "取件单 {number}：交付 {n} 件，本次收款 ¥{paid}，尚欠 {balance}",
        EN: "Receipt {number}: {n} handed over, ¥{paid} taken, balance {balance}",
    },
    "counter.cli.receipt_written": {ZH: "取件单已存：{path}", EN: "Receipt saved: {path}"},
    "counter.cli.receipt_failed": {
        ZH: "已交付，但取件单 {path} 未能保存：{error}",
        EN: "Handed over, but the receipt {path} could not be saved: {error}",
    },
    # -- uncollected items -------------------------------------------------------------
    "uncollected.policy": {
        ZH: "成品到店后请于 {days} 天内取件，逾期未取本店不再保管。",
        EN: "Please collect within {days} days of being told your order is ready; "
        "after that the studio no longer holds it.",
    },
    "counter.cli.bad_number": {
        ZH: "「{value}」不是有效的编号：请写 1 以上的整数",
        EN: "“{value}” is not a valid number: write a whole number from 1 up",
    },
}
