"""取件 at the desk with money and proof: the balance beside the customer, the counter
dialog (收款, 免收, 代取, 签名), the receipt's buttons, and 查件's 取件记录.
Keys start with ``pickup_desk.``."""

from __future__ import annotations

from yinglou_desk.catalogue._langs import EN, ZH

ENTRIES: dict[str, dict[str, str]] = {
    # -- the balance beside the customer ----------------------------------------------------
    "pickup_desk.due": {ZH: "尾款 ¥{amount} 未付", EN: "Balance ¥{amount} unpaid"},
    "pickup_desk.settled": {ZH: "已付清", EN: "Paid in full"},
    # -- the counter dialog -----------------------------------------------------------------
    "pickup_desk.title": {ZH: "收取尾款：{order_no}", EN: "Take the balance: {order_no}"},
    "pickup_desk.intro": {
        ZH: "{customer} 尚欠 ¥{amount}。少于尾款只收款，不交付货品。",
        EN: "{customer} owes ¥{amount}. Less than the balance is taken as a payment; "
        "nothing is handed over.",
    },
    "pickup_desk.intro_paid": {
        ZH: "{customer} 的订单已付清，交付 {n} 件。",
        EN: "{customer}'s order is paid in full: handing over {n} items.",
    },
    "pickup_desk.amount": {ZH: "收款金额（元）", EN: "Amount (yuan)"},
    "pickup_desk.method": {ZH: "付款方式", EN: "Paid by"},
    "pickup_desk.method.cash": {ZH: "现金", EN: "Cash"},
    "pickup_desk.method.wechat": {ZH: "微信", EN: "WeChat Pay"},
    "pickup_desk.method.alipay": {ZH: "支付宝", EN: "Alipay"},
    "pickup_desk.method.card": {ZH: "刷卡", EN: "Card"},
    "pickup_desk.method.other": {ZH: "其他", EN: "Other"},
    "pickup_desk.reference": {ZH: "凭证号（可不填）", EN: "Slip reference (optional)"},
    "pickup_desk.waive": {
        ZH: "免收其余尾款（须经理确认）",
        EN: "Waive the rest (a manager approves)",
    },
    "pickup_desk.waive_reason": {ZH: "免收原因", EN: "Why it is waived"},
    "pickup_desk.manager_badge": {ZH: "经理工牌（扫描）", EN: "Manager's badge (scan)"},
    "pickup_desk.manager_name": {ZH: "或经理姓名", EN: "or the manager's name"},
    "pickup_desk.manager_password": {ZH: "经理密码", EN: "Manager's password"},
    "pickup_desk.manager_self": {
        ZH: "由当前经理 {name} 确认",
        EN: "Approved by {name}, the manager at the desk",
    },
    "pickup_desk.proxy": {ZH: "代取（非本人取件）", EN: "Collected by someone else"},
    "pickup_desk.proxy_name": {ZH: "代取人姓名", EN: "Collector's name"},
    "pickup_desk.proxy_phone": {ZH: "代取人电话", EN: "Collector's phone"},
    "pickup_desk.signature": {ZH: "客户签名", EN: "Customer's signature"},
    "pickup_desk.signature_clear": {ZH: "重签", EN: "Clear"},
    "pickup_desk.confirm": {ZH: "确认", EN: "Confirm"},
    "pickup_desk.cancel": {ZH: "取消", EN: "Cancel"},
    # -- what the dialog refuses (nothing is taken or handed over) --------------------------
    "pickup_desk.amount_needed": {
        ZH: "请填写收款金额，或勾选免收",
        EN: "Enter the amount taken, or tick waive",
    },
    "pickup_desk.amount_too_much": {
        ZH: "收款 ¥{amount} 超过尾款 ¥{due}",
        EN: "¥{amount} is more than the balance of ¥{due}",
    },
    "pickup_desk.reason_needed": {ZH: "免收须填写原因", EN: "A waiver needs a reason"},
    "pickup_desk.manager_needed": {
        ZH: "免收须经理扫描工牌或输入姓名和密码",
        EN: "A waiver needs a manager's badge scan, or name and password",
    },
    "pickup_desk.not_a_manager": {
        ZH: "{name} 不是经理，不能免收",
        EN: "{name} is not a manager and may not waive a balance",
    },
    "pickup_desk.signature_needed": {
        ZH: "请客户在签名框内签名",
        EN: "The customer signs in the signature box first",
    },
    "pickup_desk.proxy_incomplete": {
        ZH: "代取须填写代取人姓名和电话",
        EN: "Collection by someone else needs their name and phone",
    },
    # -- what happened ----------------------------------------------------------------------
    "pickup_desk.not_handed_owed": {
        ZH: "未交付：尾款 ¥{amount} 未收",
        EN: "Nothing handed over: the balance of ¥{amount} was not taken",
    },
    "pickup_desk.payment_taken": {
        ZH: "已收 ¥{amount}（{method}），尚欠 ¥{due}，货品未交付",
        EN: "Took ¥{amount} ({method}); ¥{due} still owed, nothing handed over",
    },
    "pickup_desk.handed_paid": {
        ZH: "已交付 {n} 件，收款 ¥{amount}（{method}），取件单 {receipt}",
        EN: "Handed over {n} items, took ¥{amount} ({method}), receipt {receipt}",
    },
    "pickup_desk.handed_waived": {ZH: "免收 ¥{amount}", EN: "¥{amount} waived"},
    # -- the receipt ------------------------------------------------------------------------
    "pickup_desk.reprint": {ZH: "补打取件单", EN: "Reprint receipt"},
    "pickup_desk.save_pdf": {ZH: "保存取件单 PDF", EN: "Save receipt as PDF"},
    "pickup_desk.pdf_file": {ZH: "取件单_{receipt}.pdf", EN: "receipt_{receipt}.pdf"},
    "pickup_desk.printed": {ZH: "取件单 {receipt} 已打印", EN: "Receipt {receipt} printed"},
    "pickup_desk.not_printed": {
        ZH: "取件单 {receipt} 未打印（可补打）",
        EN: "Receipt {receipt} not printed (reprint it later)",
    },
    "pickup_desk.no_receipt": {ZH: "还没有取件单", EN: "No receipt yet"},
    # -- 查件: the pickup record ------------------------------------------------------------
    "pickup_desk.record": {ZH: "取件记录", EN: "Pickup record"},
    "pickup_desk.record_none": {ZH: "尚无取件记录", EN: "Nothing collected yet"},
    "pickup_desk.col.at": {ZH: "取件时间", EN: "When"},
    "pickup_desk.col.operator": {ZH: "经办人", EN: "Handed by"},
    "pickup_desk.col.collector": {ZH: "取件人", EN: "Collected by"},
    "pickup_desk.col.receipt": {ZH: "取件单号", EN: "Receipt"},
    "pickup_desk.col.items": {ZH: "货品", EN: "Items"},
    "pickup_desk.col.paid": {ZH: "收款", EN: "Paid"},
    "pickup_desk.in_person": {ZH: "本人", EN: "In person"},
    "pickup_desk.by_proxy": {ZH: "代取：{name} {phone}", EN: "For them: {name} {phone}"},
    "pickup_desk.signed": {ZH: "（已签名）", EN: " (signed)"},
    "pickup_desk.record_reprint": {ZH: "补打所选取件单", EN: "Reprint the chosen receipt"},
    "pickup_desk.record_pdf": {ZH: "所选取件单存 PDF", EN: "Chosen receipt as PDF"},
}
