"""Money on the order: the price, payments outside a hand-over, reversals, the day's
takings (日结), the money columns of an order sheet. Keys start with ``payments.``."""

from __future__ import annotations

from yinglou_desk.catalogue._langs import EN, ZH

ENTRIES: dict[str, dict[str, str]] = {
    # -- how a customer paid -------------------------------------------------------------
    "payments.method.cash": {ZH: "现金", EN: "Cash"},
    "payments.method.wechat": {ZH: "微信", EN: "WeChat"},
    "payments.method.alipay": {ZH: "支付宝", EN: "Alipay"},
    "payments.method.card": {ZH: "刷卡", EN: "Card"},
    "payments.method.other": {ZH: "其他", EN: "Other"},
    # -- what a row is ---------------------------------------------------------------------
    "payments.kind.imported": {ZH: "导入已付", EN: "Paid before (imported)"},
    "payments.kind.payment": {ZH: "收款", EN: "Payment"},
    "payments.kind.reversal": {ZH: "冲正", EN: "Reversal"},
    "payments.kind.waiver": {ZH: "免收", EN: "Waived"},
    # -- refusals ----------------------------------------------------------------------------
    "payments.no_such_order": {
        ZH: "没有订单「{order_no}」",
        EN: "There is no order “{order_no}”",
    },
    "payments.price_negative": {
        ZH: "套系金额不能为负数",
        EN: "A price cannot be negative",
    },
    "payments.amount_not_positive": {
        ZH: "收款金额必须大于 0",
        EN: "The sum taken must be more than 0",
    },
    "payments.more_than_due": {
        ZH: "订单 {order_no} 只欠 ¥{due}，不能多收",
        EN: "Order {order_no} owes only ¥{due}; more cannot be taken",
    },
    "payments.nothing_due": {
        ZH: "订单 {order_no} 已付清，无需收款",
        EN: "Order {order_no} is paid in full; nothing is owed",
    },
    "payments.bad_method": {
        ZH: "付款方式「{method}」不认识：现金、微信、支付宝、刷卡或其他",
        EN: "Unknown payment method “{method}”: cash, wechat, alipay, card or other",
    },
    "payments.reference_too_long": {
        ZH: "参考号太长（最多 {limit} 个字符）",
        EN: "The reference is too long (at most {limit} characters)",
    },
    "payments.reason_needed": {
        ZH: "冲正必须写明原因",
        EN: "A reversal needs a reason",
    },
    "payments.reason_too_long": {
        ZH: "原因太长（最多 {limit} 个字符）",
        EN: "The reason is too long (at most {limit} characters)",
    },
    "payments.no_such_payment": {
        ZH: "没有编号为 {payment_id} 的收款记录",
        EN: "There is no payment number {payment_id}",
    },
    "payments.only_payments_reversed": {
        ZH: "只有收款记录可以冲正（记录 {payment_id} 是「{kind}」）",
        EN: "Only payments can be reversed (record {payment_id} is “{kind}”)",
    },
    "payments.already_reversed": {
        ZH: "收款记录 {payment_id} 已经冲正过了",
        EN: "Payment {payment_id} has already been reversed",
    },
    "payments.range_backwards": {
        ZH: "开始日期 {start} 晚于结束日期 {end}",
        EN: "The first day {start} is after the last day {end}",
    },
    "payments.range_too_long": {
        ZH: "日期范围太长（最多 {days} 天）",
        EN: "The range of days is too long (at most {days} days)",
    },
    # -- the sheet's money columns -----------------------------------------------------------
    "payments.column.price": {ZH: "套系金额", EN: "Price"},
    "payments.column.paid": {ZH: "已付", EN: "Paid"},
    "payments.column.balance": {ZH: "尾款", EN: "Balance"},
    "payments.sheet.disagree": {
        ZH: "套系金额 {price} ≠ 已付 {paid} + 尾款 {balance}",
        EN: "The price {price} is not paid {paid} + balance {balance}",
    },
    "payments.sheet.paid_over_price": {
        ZH: "已付 {paid} 超过套系金额 {price}",
        EN: "Paid {paid} is more than the price {price}",
    },
    "payments.sheet.balance_over_price": {
        ZH: "尾款 {balance} 超过套系金额 {price}",
        EN: "The balance {balance} is more than the price {price}",
    },
    "payments.sheet.differs": {
        ZH: "订单 {order_no} 的金额与第 {first} 行不同",
        EN: "Order {order_no}'s sum differs from row {first}",
    },
    "payments.import.price_kept": {
        ZH: "订单 {order_no}：表格的套系金额 ¥{new} 与系统中的 ¥{old} 不同，未改动（由店长修改）",
        EN: "Order {order_no}: the sheet's price ¥{new} differs from ¥{old}; "
        "left as it is (a manager changes it)",
    },
    "payments.import.prices_kept_n": {
        ZH: "{n} 个订单的套系金额与表格不同，未改动（由店长在订单中修改）。",
        EN: "{n} orders have a price other than the sheet's; left as they are "
        "(a manager changes them in the order).",
    },
    # -- what was done (command line and desk) ----------------------------------------------
    "payments.price_set": {
        ZH: "订单 {order_no} 套系金额：{before} → {after}",
        EN: "Order {order_no} price: {before} → {after}",
    },
    "payments.no_price": {ZH: "未定价", EN: "no price"},
    "payments.taken": {
        ZH: "已收款 ¥{amount}（{method}），收款记录 {payment_id}；尚欠 ¥{due}",
        EN: "Took ¥{amount} ({method}), payment {payment_id}; ¥{due} still owed",
    },
    "payments.reversed": {
        ZH: "已冲正收款记录 {payment_id}（¥{amount}），冲正记录 {reversal_id}",
        EN: "Reversed payment {payment_id} (¥{amount}), reversal {reversal_id}",
    },
    "payments.none_yet": {
        ZH: "订单 {order_no} 没有收款记录",
        EN: "Order {order_no} has no payments",
    },
    "payments.summary": {
        ZH: "订单 {order_no}：套系金额 {price}，已付 ¥{paid}，免收 ¥{waived}，尚欠 ¥{due}",
        EN: "Order {order_no}: price {price}, paid ¥{paid}, waived ¥{waived}, due ¥{due}",
    },
    "payments.report_saved": {
        ZH: "日结报表已保存到 {path}",
        EN: "The takings report was saved to {path}",
    },
    # -- 日结 (takings) -----------------------------------------------------------------------
    "payments.takings.title": {ZH: "日结", EN: "Takings"},
    "payments.takings.range": {
        ZH: "{start} 至 {end}",
        EN: "{start} to {end}",
    },
    "payments.takings.by_method": {ZH: "按付款方式", EN: "By method"},
    "payments.takings.by_operator": {ZH: "按收款人", EN: "By operator"},
    "payments.takings.rows": {ZH: "收款明细", EN: "Payments"},
    "payments.takings.total": {ZH: "合计", EN: "Total"},
    "payments.takings.count": {ZH: "笔数", EN: "Count"},
    "payments.takings.grand": {
        ZH: "合计 ¥{total}（{count} 笔）",
        EN: "Total ¥{total} ({count} payments)",
    },
    "payments.takings.empty": {
        ZH: "这段时间没有收款",
        EN: "No money was taken in these days",
    },
    "payments.col.at": {ZH: "时间", EN: "Time"},
    "payments.col.order_no": {ZH: "订单号", EN: "Order"},
    "payments.col.customer": {ZH: "客户", EN: "Customer"},
    "payments.col.kind": {ZH: "类型", EN: "Kind"},
    "payments.col.method": {ZH: "付款方式", EN: "Method"},
    "payments.col.amount": {ZH: "金额", EN: "Amount"},
    "payments.col.operator": {ZH: "收款人", EN: "Operator"},
    "payments.col.workstation": {ZH: "电脑", EN: "PC"},
    "payments.col.reference": {ZH: "参考号", EN: "Reference"},
    "payments.col.reason": {ZH: "原因", EN: "Reason"},
    "payments.col.id": {ZH: "编号", EN: "No."},
    "payments.col.reverses": {ZH: "冲正对象", EN: "Reverses"},
    # -- the desk ----------------------------------------------------------------------------
    "page.takings": {ZH: "日结", EN: "Takings"},  # the tab (named as the other pages' tabs)
    "payments.page.from": {ZH: "从", EN: "From"},
    "payments.page.to": {ZH: "到", EN: "To"},
    "payments.page.show": {ZH: "查询", EN: "Show"},
    "payments.page.export": {ZH: "导出 Excel", EN: "Export to Excel"},
    "payments.page.export_title": {ZH: "保存日结报表", EN: "Save the takings report"},
    "payments.page.file_name": {ZH: "日结_{start}_{end}.xlsx", EN: "takings_{start}_{end}.xlsx"},
    "payments.edit.price": {ZH: "套系金额", EN: "Price"},
    "payments.edit.paid": {ZH: "已付", EN: "Paid"},
    "payments.edit.due": {ZH: "尚欠", EN: "Due"},
    "payments.edit.price_hint": {
        ZH: "只有店长可以修改套系金额",
        EN: "Only a manager may change the price",
    },
    # -- the command line --------------------------------------------------------------------
    "payments.help.group": {ZH: "收款与日结", EN: "payments and takings"},
    "payments.help.report": {
        ZH: "日结：某几天的收款按付款方式与收款人合计",
        EN: "takings: the money taken on some days, by method and operator",
    },
    "payments.help.list": {ZH: "列出一个订单的收款记录", EN: "list an order's payments"},
    "payments.help.take": {
        ZH: "在取件之外收款（如提前补款）",
        EN: "take a payment outside a hand-over (a balance paid early)",
    },
    "payments.help.reverse": {
        ZH: "冲正一笔收错的款（店长，须写原因）",
        EN: "reverse a payment taken in error (managers, with a reason)",
    },
    "payments.help.order_group": {ZH: "订单的金额", EN: "an order's money"},
    "payments.help.price": {
        ZH: "设定订单的套系金额（店长）",
        EN: "set an order's price (managers)",
    },
    "payments.help.amount": {
        ZH: "金额，如 380 或 1380.50",
        EN: "a sum, such as 380 or 1380.50",
    },
    "payments.bad_date": {
        ZH: "「{value}」不是日期：请写成 2026-03-02",
        EN: "“{value}” is not a date: write it as 2026-03-02",
    },
}
