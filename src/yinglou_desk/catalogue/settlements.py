"""Confirmed reconciliations: which statement settled which items, month after month."""

from __future__ import annotations

from yinglou_desk.catalogue._langs import EN, ZH

ENTRIES: dict[str, dict[str, str]] = {
    # Confirming a statement (确认对账).
    "settlements.need_period": {
        ZH: "没有对账期间，无法确认对账：请给出期间后重新核对",
        EN: "The check has no period, so it cannot be confirmed: give a period and check again",
    },
    "settlements.already_confirmed": {
        ZH: "{vendor} {period} 的对账单已于 {at} 由 {by} 确认，不能重复确认",
        EN: "{vendor}'s statement for {period} was confirmed by {by} on {at}; "
        "it cannot be confirmed again",
    },
    "settlements.already_confirmed_now": {
        ZH: "{vendor} {period} 的对账单刚刚已在另一台电脑上确认，不能重复确认",
        EN: "{vendor}'s statement for {period} was just confirmed on another PC; "
        "it cannot be confirmed again",
    },
    "settlements.confirmed": {
        ZH: "已确认 {vendor} {period} 的对账：结算 {items} 件，金额 ¥{amount}",
        EN: "Confirmed {vendor}'s statement for {period}: {items} items settled, {amount}",
    },
    # The vendor export on the return basis.
    "settlements.export.basis": {ZH: "计入规则", EN: "Items counted"},
    "settlements.export.basis_rule": {
        ZH: "本期内首次回件的货品（按回件日期，不按发件日期）",
        EN: "Items first delivered back in the period (by return date, not send-out date)",
    },
    "settlements.export.items_delivered": {ZH: "本期回件件数", EN: "Items delivered"},
    "settlements.export.sheet_out": {ZH: "未回件", EN: "Not back"},
    # The statement as read: totals, skipped rows, sheets.
    "settlements.totals_differ": {
        ZH: "对账单合计 ¥{stated}，明细合计 ¥{lines}",
        EN: "Statement total {stated}, lines add up to {lines}",
    },
    "settlements.skipped_row": {
        ZH: "跳过 {sheet}第 {row} 行：{reason}　{text}",
        EN: "Skipped {sheet}row {row}: {reason}  {text}",
    },
    "settlements.sheet_read": {ZH: "已读取工作表：{sheets}", EN: "Sheets read: {sheets}"},
    "settlements.sheet_ignored": {
        ZH: "未读取工作表「{sheet}」：{reason}",
        EN: "Sheet “{sheet}” not read: {reason}",
    },
    "settlements.sheet_prefix": {ZH: "「{sheet}」", EN: "“{sheet}” "},
    # Choosing the columns by hand.
    "settlements.needs_columns": {
        ZH: "无法认出条码列或金额列。对账单前几行如下，请用 --code-column 和 "
        "--amount-column 指定（列字母、列号或表头文字）：",
        EN: "The code or amount column cannot be told. The statement's first rows are "
        "below; name them with --code-column and --amount-column "
        "(a letter, a number or the header text):",
    },
    "settlements.preview_row": {ZH: "第 {row} 行", EN: "Row {row}"},
    "settlements.column_option": {ZH: "{letter} 列：{header}", EN: "Column {letter}: {header}"},
    "settlements.columns_title": {ZH: "指定对账单的列", EN: "Choose the statement's columns"},
    "settlements.columns_hint": {
        ZH: "无法认出「{sheet}」的条码列或金额列，请指定。选择会记住，下次同一厂商自动使用。",
        EN: "The code or amount column of “{sheet}” cannot be told; choose them. "
        "The choice is remembered for this vendor.",
    },
    "settlements.code_column": {ZH: "条码列", EN: "Code column"},
    "settlements.amount_column": {ZH: "金额列", EN: "Amount column"},
    "settlements.use_columns": {ZH: "按此重新核对", EN: "Check again"},
    "settlements.cancel": {ZH: "取消", EN: "Cancel"},
    # The command line.
    "settlements.cli_settled": {
        ZH: "已确认对账：{vendor} {period}，结算 {items} 件，金额合计 ¥{amount}",
        EN: "Reconciliation confirmed: {vendor} {period}, {items} items settled, total {amount}",
    },
    "settlements.cli_settled_item": {
        ZH: "  已结算 {code}　{sheet}第 {row} 行　¥{amount}",
        EN: "  settled {code}  {sheet}row {row}  {amount}",
    },
    "settlements.help_confirm": {
        ZH: "核对后确认对账，记录本对账单结算的货品",
        EN: "after the check, confirm it and record the items this statement settles",
    },
    "settlements.help_code_column": {
        ZH: "条码列（列字母、列号或表头文字）",
        EN: "the code column (a letter, a number or the header text)",
    },
    "settlements.help_amount_column": {
        ZH: "金额列（列字母、列号或表头文字）",
        EN: "the amount column (a letter, a number or the header text)",
    },
    # The 对账 page.
    "settlements.skipped_title": {ZH: "跳过的行", EN: "Rows skipped"},
    "settlements.col_sheet": {ZH: "工作表", EN: "Sheet"},
    "settlements.col_row": {ZH: "行", EN: "Row"},
    "settlements.col_reason": {ZH: "原因", EN: "Why"},
    "settlements.col_text": {ZH: "内容", EN: "Content"},
    "settlements.confirm": {ZH: "确认对账", EN: "Confirm reconciliation"},
    "settlements.confirm_question": {
        ZH: "确认 {vendor} {period} 的对账单？将结算 {items} 件，金额 ¥{amount}。确认后不能修改。",
        EN: "Confirm {vendor}'s statement for {period}? {items} items, {amount}, will be "
        "settled. A confirmation cannot be changed.",
    },
    "settlements.report.stated_total": {ZH: "对账单自列合计", EN: "Total stated on the statement"},
    "settlements.sheets_none": {ZH: "–", EN: "–"},
    "settlements.rechoose_columns": {ZH: "改选列…", EN: "Other columns…"},
}
