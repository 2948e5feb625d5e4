"""Files the program writes for people: Excel exports and their columns."""

from __future__ import annotations

from yinglou_desk.catalogue._langs import EN, ZH

ENTRIES: dict[str, dict[str, str]] = {
    # Any workbook.
    "exports.total": {ZH: "合计", EN: "Total"},
    "exports.item": {ZH: "项目", EN: "Item"},
    "exports.value": {ZH: "数值", EN: "Value"},
    "exports.already_saved": {
        ZH: "工作簿已保存",
        EN: "The workbook has been saved already",
    },
    "exports.cannot_write": {ZH: "无法写入 {path}：{error}", EN: "Cannot write {path}: {error}"},
    "exports.cannot_write_open": {
        ZH: "无法写入 {path}：{error}（文件是否已在 Excel 中打开？）",
        EN: "Cannot write {path}: {error} (is the file open in Excel?)",
    },
    # Sheet names.
    "exports.sheet.items": {ZH: "明细", EN: "Items"},
    "exports.sheet.details": {ZH: "明细", EN: "Details"},
    "exports.sheet.summary": {ZH: "汇总", EN: "Summary"},
    "exports.sheet.messages": {ZH: "短信", EN: "Messages"},
    # Column headers.
    "exports.col.category": {ZH: "类别", EN: "Category"},
    "exports.col.barcode": {ZH: "条码", EN: "Barcode"},
    "exports.col.order_no": {ZH: "订单号", EN: "Order"},
    "exports.col.customer": {ZH: "客户", EN: "Customer"},
    "exports.col.product": {ZH: "产品", EN: "Product"},
    "exports.col.spec": {ZH: "规格", EN: "Spec"},
    "exports.col.qty": {ZH: "数量", EN: "Qty"},
    "exports.col.sent_at": {ZH: "发件时间", EN: "Sent"},
    "exports.col.sent_by": {ZH: "发件人", EN: "Sent by"},
    "exports.col.returned_at": {ZH: "回件时间", EN: "Returned"},
    "exports.col.days_at_vendor": {ZH: "送厂天数", EN: "Days at vendor"},
    "exports.col.state": {ZH: "状态", EN: "State"},
    "exports.col.rework_count": {ZH: "返工次数", EN: "Reworks"},
    "exports.col.rework_reasons": {ZH: "返工原因", EN: "Rework reasons"},
    "exports.col.unit_cost": {ZH: "单价", EN: "Unit cost"},
    "exports.col.amount": {ZH: "金额", EN: "Amount"},
    "exports.col.statement_row": {ZH: "对账单行", EN: "Statement row"},
    "exports.col.statement_type": {ZH: "对账单类型", EN: "Type"},
    "exports.col.billed_on": {ZH: "对账单日期", EN: "Billed on"},
    "exports.col.billed": {ZH: "对账金额", EN: "Billed"},
    "exports.col.expected": {ZH: "应付金额", EN: "Expected"},
    "exports.col.difference": {ZH: "差额", EN: "Difference"},
    "exports.col.reason": {ZH: "说明", EN: "Reason"},
    "exports.col.phone": {ZH: "手机号", EN: "Mobile"},
    "exports.col.message": {ZH: "短信内容", EN: "Message"},
    "exports.no_reason": {ZH: "（未填原因）", EN: "(no reason given)"},
    "exports.reason_separator": {ZH: "；", EN: "; "},
    # The summary of a vendor's period.
    "exports.sum.vendor": {ZH: "厂商", EN: "Vendor"},
    "exports.sum.period": {ZH: "期间", EN: "Period"},
    "exports.sum.items_sent": {ZH: "发件件数", EN: "Items sent"},
    "exports.sum.total_qty": {ZH: "总数量", EN: "Total quantity"},
    "exports.sum.total_cost": {ZH: "总金额", EN: "Total cost"},
    "exports.sum.returned": {ZH: "已回件", EN: "Returned"},
    "exports.sum.still_out": {ZH: "仍在厂", EN: "Still out"},
    "exports.sum.items_reworked": {ZH: "返工件数", EN: "Items reworked"},
    "exports.sum.reworks": {ZH: "返工次数", EN: "Reworks"},
    "exports.sum.no_unit_cost": {ZH: "无单价件数", EN: "Items without unit cost"},
    "exports.sum.average_days": {ZH: "平均周期（天）", EN: "Average turnaround (days)"},
    "exports.sum.p90_days": {ZH: "90% 周期（天）", EN: "90th percentile turnaround (days)"},
    # The summary of a statement check.
    "exports.sum.no_period": {ZH: "（无）", EN: "(none)"},
    "exports.sum.statement_lines": {ZH: "对账单行数", EN: "Statement lines"},
    "exports.sum.statement_total": {ZH: "对账单总额", EN: "Statement total"},
    "exports.sum.category_count": {ZH: "{category}（行/件）", EN: "{category} (lines/items)"},
    "exports.sum.category_amount": {ZH: "{category}（金额）", EN: "{category} (amount)"},
}
