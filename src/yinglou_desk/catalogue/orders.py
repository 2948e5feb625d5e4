"""Orders and items: details, corrections, undo, customers' data."""

from __future__ import annotations

from yinglou_desk.catalogue._langs import EN, ZH

ENTRIES: dict[str, dict[str, str]] = {
    # The desk corrects an order.
    "orders.no_such_order": {ZH: "没有订单 {order_no}", EN: "No order {order_no}"},
    "orders.promised_before_shoot": {
        ZH: "承诺取件日 {promised} 早于拍摄日 {shoot}",
        EN: "The promised pickup date {promised} is before the shoot on {shoot}",
    },
    "orders.customer_empty": {ZH: "客户姓名不能为空", EN: "The customer's name is empty"},
    "orders.customer_too_long": {
        ZH: "客户姓名太长（最多 {limit} 字）",
        EN: "The customer's name is too long ({limit} characters at most)",
    },
    "orders.notes_too_long": {
        ZH: "备注太长（最多 {limit} 字）",
        EN: "The note is too long ({limit} characters at most)",
    },
    # Undoing the last scan of a station.
    "orders.undo.nothing": {ZH: "没有可撤销的扫描", EN: "Nothing to undo"},
    "orders.undo.too_old": {
        ZH: "只能撤销 {seconds} 秒内的扫描",
        EN: "Only scans of the last {seconds} s can be undone",
    },
    "orders.undo.not_permitted": {
        ZH: "无权撤销此操作",
        EN: "You are not permitted to undo this",
    },
    "orders.undo.moved": {
        ZH: "该件已被再次处理，无法撤销",
        EN: "The item has moved since, so this cannot be undone",
    },
    "orders.undo.done": {
        ZH: "已撤销：{code} 恢复为「{state}」",
        EN: "Undone: {code} is back to “{state}”",
    },
    # A customer's data: found, exported, erased.
    "orders.customer_not_found": {
        ZH: "没有找到客户：{query}（请用完整手机号或订单号）",
        EN: "No customer found for {query} (use the full phone number or the order number)",
    },
    "orders.several_customers": {
        ZH: "「{query}」对应 {count} 位客户，请改用订单号",
        EN: "“{query}” matches {count} customers; use the order number instead",
    },
    "orders.erased_customer": {ZH: "已删除客户 #{id}", EN: "Erased customer #{id}"},
    "orders.erased_message": {ZH: "（客户资料已删除）", EN: "(customer data erased)"},
}
