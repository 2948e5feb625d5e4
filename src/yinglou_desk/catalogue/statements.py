"""Reading a lab's statement: headers, skipped rows, totals, columns chosen by hand."""

from __future__ import annotations

from yinglou_desk.catalogue._langs import EN, ZH

ENTRIES: dict[str, dict[str, str]] = {
    # Columns a statement may have beyond those of sheets.statement_column.*
    "statements.column.unit_price": {ZH: "单价", EN: "Unit price"},
    "statements.column.notes": {ZH: "备注", EN: "Notes"},
    # Why a row is not an item line.
    "statements.skip.total": {ZH: "合计行", EN: "Total row"},
    "statements.skip.subtotal": {ZH: "小计或本页合计", EN: "Subtotal or page total"},
    "statements.skip.footer": {
        ZH: "表尾（制表、审核、签收、账号等）",
        EN: "Footer (prepared by, checked by, signature, bank details…)",
    },
    "statements.skip.header": {
        ZH: "重复的表头或标题（分页打印）",
        EN: "Repeated header or title (a printed page break)",
    },
    "statements.skip.no_item": {
        ZH: "条码、金额等列都为空，只在其他列有文字",
        EN: "Nothing in the item or amount columns, only text elsewhere",
    },
    # Why a sheet was not read.
    "statements.sheet.hidden": {ZH: "隐藏的工作表", EN: "Hidden sheet"},
    "statements.sheet.no_table": {
        ZH: "没有对账表格（找不到条码和金额列）",
        EN: "No statement table (no barcode and amount columns)",
    },
    "statements.sheet.no_lines": {ZH: "有表头，但没有计费行", EN: "A header, but no billed lines"},
    "statements.sheet.summary": {
        ZH: "汇总表，与其他工作表重复，不重复计算",
        EN: "A summary of the other sheets, not counted twice",
    },
    "statements.sheet.repeats": {
        ZH: "所有行都已在其他工作表中，不重复计算",
        EN: "Every line is on another sheet already, not counted twice",
    },
    # Where an error of a statement of several sheets is.
    "statements.on_sheet": {ZH: "工作表「{sheet}」{error}", EN: "Sheet “{sheet}”, {error}"},
    # The columns must be pointed at by hand.
    "statements.needs_columns": {
        ZH: "对账单 {file} 中找不到表头：前 {rows} 行中没有一行同时含有金额列和条码列，请指定条码列和金额列",
        EN: "No header found in the statement {file}: none of the first {rows} rows names both "
        "an amount and a barcode column; choose the barcode and amount columns",
    },
    "statements.choice_missing": {
        ZH: "对账单 {file} 中没有所选的列（条码：{code}，金额：{amount}），请重新选择",
        EN: "The statement {file} has no such columns (barcode: {code}, amount: {amount}); "
        "choose again",
    },
    "statements.choice_unset": {ZH: "未指定", EN: "not chosen"},
    # Which columns the code and the amount were read from.
    "statements.column_at": {ZH: "{letter} 列「{header}」", EN: "column {letter} ({header})"},
    "statements.read_by_order": {
        ZH: "{order_no} + {product}（没有条码列）",
        EN: "{order_no} + {product} (no barcode column)",
    },
    "statements.read_by_price": {
        ZH: "{unit_price} × {qty}（没有金额列）",
        EN: "{unit_price} × {qty} (no amount column)",
    },
    "statements.read_from": {
        ZH: "条码取自 {code}；金额取自 {amount}",
        EN: "Codes read from {code}; amounts from {amount}",
    },
}
