"""Uncollected items (超期未取): the holding period, the reminder cadence, each order's
reminder history and the manager's list of what stayed on the shelf too long. Keys
start with ``uncollected.`` (the receipt's ``uncollected.policy`` is in ``counter``)."""

from __future__ import annotations

from yinglou_desk.catalogue._langs import EN, ZH

ENTRIES: dict[str, dict[str, str]] = {
    # -- the settings: refusals name the setting ({setting}) --------------------------------
    "uncollected.days_not_whole": {
        ZH: "{setting}：「{value}」不是正整数天数；请写成 7,30,60",
        EN: "{setting}: “{value}” is not a whole number of days; write them as 7,30,60",
    },
    "uncollected.days_not_ascending": {
        ZH: "{setting}：天数须从小到大且不重复，「{value}」不能排在这里",
        EN: "{setting}: days go from smallest to largest, each once; “{value}” cannot come here",
    },
    "uncollected.too_many_days": {
        ZH: "{setting}：最多 {limit} 次提醒",
        EN: "{setting}: at most {limit} reminders",
    },
    "uncollected.day_after_holding": {
        ZH: "{setting}：第 {value} 天已不在保管期（{days} 天）内",
        EN: "{setting}: day {value} is not within the holding period ({days} days)",
    },
    "uncollected.field.holding_days": {ZH: "保管期限（天）", EN: "Holding period (days)"},
    "uncollected.field.reminder_days": {
        ZH: "提醒（到店后第几天）",
        EN: "Reminders (days after ready)",
    },
    "uncollected.field.reminder_hint": {ZH: "例如 7,30,60", EN: "e.g. 7,30,60"},
    "uncollected.field.signature": {ZH: "取件签名", EN: "Signature at pickup"},
    "uncollected.field.signature_box": {
        ZH: "取件时请客户在屏幕上签名",
        EN: "The customer signs on the screen at pickup",
    },
    # -- reminders --------------------------------------------------------------------------
    "uncollected.no_phone": {ZH: "客户没有手机号", EN: "the customer has no mobile number"},
    "uncollected.not_told": {
        ZH: "到店通知还未发出",
        EN: "the ready message has not gone out yet",
    },
    "uncollected.remind": {ZH: "排队未取提醒", EN: "Queue pickup reminders"},
    "uncollected.reminded": {
        ZH: "已排队 {n} 条未取提醒",
        EN: "{n} pickup reminders queued",
    },
    "uncollected.reminded_skipped": {
        ZH: "已排队 {n} 条未取提醒；{skipped} 个订单未提醒：{details}",
        EN: "{n} pickup reminders queued; {skipped} orders not reminded: {details}",
    },
    "uncollected.skipped_line": {
        ZH: "{order_no}{stage} 第 {day} 天：{reason}",
        EN: "{order_no}{stage} day {day}: {reason}",
    },
    "uncollected.stage": {ZH: "（{stage}）", EN: " ({stage})"},
    "uncollected.separator": {ZH: "；", EN: "; "},
    # -- an order's reminder history (查件) -------------------------------------------------
    "uncollected.history.title": {ZH: "通知记录：", EN: "Messages: "},
    "uncollected.history.none": {ZH: "通知记录：无", EN: "Messages: none"},
    "uncollected.history.ready": {ZH: "到店通知", EN: "ready message"},
    "uncollected.history.day": {ZH: "第 {day} 天提醒", EN: "day-{day} reminder"},
    "uncollected.history.reminder": {ZH: "催取提醒", EN: "reminder"},
    "uncollected.history.entry": {
        ZH: "{what}{stage} {when} {state}",
        EN: "{what}{stage} {when} {state}",
    },
    "uncollected.state.queued": {ZH: "待发", EN: "queued"},
    "uncollected.state.sending": {ZH: "发送中", EN: "sending"},
    "uncollected.state.sent": {ZH: "已发 {when}", EN: "sent {when}"},
    "uncollected.state.failed": {ZH: "失败（{note}）", EN: "failed ({note})"},
    "uncollected.state.cancelled": {ZH: "取消（{note}）", EN: "cancelled ({note})"},
    # -- 超期未取 ------------------------------------------------------------------------------
    "uncollected.list": {ZH: "超期未取", EN: "Uncollected too long"},
    "uncollected.st.past_holding": {
        ZH: "超期 {over} 天（保管 {holding} 天）",
        EN: "{over} days past holding ({holding} days)",
    },
    "uncollected.st.reminded_out": {
        ZH: "提醒已发完，在架 {days} 天",
        EN: "all reminders out, {days} days on shelf",
    },
    "uncollected.col.days": {ZH: "在架天数", EN: "Days on shelf"},
    "uncollected.col.since": {ZH: "到店时间", EN: "On shelf since"},
    "uncollected.col.slot": {ZH: "货架位", EN: "Slot"},
    "uncollected.col.items": {ZH: "件数", EN: "Items"},
    "uncollected.col.value": {ZH: "在架成本（元）", EN: "Value on shelf (yuan)"},
    "uncollected.col.balance": {ZH: "未付尾款（元）", EN: "Balance due (yuan)"},
    "uncollected.slots": {ZH: "{slot} 等 {n} 处", EN: "{slot} and {more} more"},
    "uncollected.no_cost": {ZH: "（{n} 件无成本）", EN: " ({n} without a cost)"},
    # -- the command line --------------------------------------------------------------------
    "uncollected.cli.line": {
        ZH: "{order_no}  {customer}  {phone}  {slot}  在架 {days} 天  成本 ¥{value}{balance}  {status}",
        EN: "{order_no}  {customer}  {phone}  {slot}  {days} days on shelf  value ¥{value}"
        "{balance}  {status}",
    },
    "uncollected.cli.balance": {ZH: "  尾款 ¥{balance}", EN: "  balance ¥{balance}"},
    "uncollected.cli.no_mobile": {ZH: "无手机号", EN: "no mobile"},
    "uncollected.cli.xlsx_only": {
        ZH: "超期未取清单只能导出为 .xlsx 文件",
        EN: "The uncollected list is written as an .xlsx file only",
    },
    "uncollected.cli.output_needs_list": {
        ZH: "-o 只用于超期未取清单：yinglou-desk due overdue-pickup -o FILE.xlsx",
        EN: "-o is for the uncollected list: yinglou-desk due overdue-pickup -o FILE.xlsx",
    },
    "uncollected.cli.saved": {
        ZH: "已将 {n} 个超期未取订单写入 {path}",
        EN: "Wrote {n} orders uncollected too long to {path}",
    },
    "uncollected.help.due_which": {
        ZH: "只列出一张清单：overdue-pickup（超期未取，含在架成本）",
        EN: "list one list only: overdue-pickup (uncollected too long, with the value on shelf)",
    },
    "uncollected.help.output": {
        ZH: "写入 Excel 文件（与 overdue-pickup 一起用）",
        EN: "write it to an Excel file (with overdue-pickup)",
    },
}
