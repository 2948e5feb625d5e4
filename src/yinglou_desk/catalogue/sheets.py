"""Order sheets and lab statements read from Excel, WPS and CSV files: what was refused and why."""

from __future__ import annotations

from yinglou_desk.catalogue._langs import EN, ZH

ENTRIES: dict[str, dict[str, str]] = {
    # Where an error is: the row as the spreadsheet numbers it, and the column.
    "sheets.row": {ZH: "第 {row} 行", EN: "Row {row}"},
    "sheets.row_column": {ZH: "第 {row} 行「{column}」", EN: "Row {row}, column “{column}”"},
    "sheets.row_error": {ZH: "{where}：{message}", EN: "{where}: {message}"},
    "sheets.on_sheet": {ZH: "工作表「{sheet}」{where}", EN: "Sheet “{sheet}”, {where}"},
    # A workbook of several sheets; a sheet imported again.
    "import.no_visible_sheet": {
        ZH: "{name} 里没有可见的工作表",
        EN: "{name} has no visible sheet",
    },
    "import.sheet_no_header": {
        ZH: "没有订单表头（订单号、客户、产品），不是订单表",
        EN: "no order header (order number, customer, product): not an order sheet",
    },
    "import.order_on_two_sheets": {
        ZH: "订单 {order_no} 已在工作表「{first_sheet}」第 {first_row} 行，一个订单只能写在一张表里",
        EN: "Order {order_no} is already on sheet “{first_sheet}”, row {first_row}; "
        "an order belongs on one sheet only",
    },
    "import.code_on_two_sheets": {
        ZH: "条码 {code} 已在工作表「{first_sheet}」第 {first_row} 行",
        EN: "The barcode {code} is already on sheet “{first_sheet}”, row {first_row}",
    },
    "import.value_empty": {ZH: "（空）", EN: "(empty)"},
    "import.change_order": {
        ZH: "订单 {order_no}「{field}」：{old} → {new}",
        EN: "Order {order_no}, {field}: {old} → {new}",
    },
    "import.change_item": {
        ZH: "订单 {order_no} 条码 {code}「{field}」：{old} → {new}",
        EN: "Order {order_no}, item {code}, {field}: {old} → {new}",
    },
    "import.sheets_read": {ZH: "读取的工作表：{sheets}", EN: "Sheets read: {sheets}"},
    "import.sheet_skipped": {
        ZH: "跳过工作表「{sheet}」：{reason}",
        EN: "Sheet “{sheet}” skipped: {reason}",
    },
    "import.hidden_skipped": {
        ZH: "隐藏的工作表未读取：{sheets}",
        EN: "Hidden sheets not read: {sheets}",
    },
    "import.needs_approval": {
        ZH: "表中有 {n} 处与数据库不同的内容（见上）。确认无误后加 --apply-changes 重新导入；这次什么也没有写入",
        EN: "{n} fields on the sheet differ from the database (listed above). To write them, "
        "import again with --apply-changes; nothing was written this time",
    },
    "import.nothing_new": {
        ZH: "表中的订单都已导入过，没有新内容，什么也没有写入（未变的订单 {unchanged} 个）",
        EN: "Every order on the sheet is already imported as it is; nothing was written "
        "({unchanged} orders unchanged)",
    },
    "import.counts": {
        ZH: "新订单 {new} 个，老订单新增货品 {added} 件，未变的老订单 {unchanged} 个，修改 {changes} 处",
        EN: "{new} new orders, {added} items added to known orders, {unchanged} known orders "
        "unchanged, {changes} changes",
    },
    "import.changed_meanwhile": {
        ZH: "检查之后，数据库里这些订单又被修改过；请重新检查后再导入",
        EN: "These orders were changed in the database after the check; check the sheet again",
    },
    # The columns of an order sheet, as errors name them.
    "sheets.column.order_no": {ZH: "订单号", EN: "Order number"},
    "sheets.column.customer": {ZH: "客户", EN: "Customer"},
    "sheets.column.phone": {ZH: "电话", EN: "Phone"},
    "sheets.column.package": {ZH: "套系", EN: "Package"},
    "sheets.column.shoot_date": {ZH: "拍摄日期", EN: "Shoot date"},
    "sheets.column.stage": {ZH: "阶段", EN: "Stage"},
    "sheets.column.product": {ZH: "产品", EN: "Product"},
    "sheets.column.spec": {ZH: "规格", EN: "Spec"},
    "sheets.column.qty": {ZH: "数量", EN: "Quantity"},
    "sheets.column.vendor": {ZH: "厂商", EN: "Vendor"},
    "sheets.column.unit_cost": {ZH: "单价", EN: "Unit cost"},
    "sheets.column.barcode": {ZH: "条码", EN: "Barcode"},
    "sheets.column.promised_date": {ZH: "承诺取件日期", EN: "Promised pickup date"},
    "sheets.column.store": {ZH: "门店", EN: "Store"},
    "sheets.column.notes": {ZH: "备注", EN: "Notes"},
    # The columns of a lab's statement.
    "sheets.statement_column.barcode": {ZH: "条码", EN: "Barcode"},
    "sheets.statement_column.order_no": {ZH: "订单号", EN: "Order number"},
    "sheets.statement_column.product": {ZH: "产品", EN: "Product"},
    "sheets.statement_column.spec": {ZH: "规格", EN: "Spec"},
    "sheets.statement_column.qty": {ZH: "数量", EN: "Quantity"},
    "sheets.statement_column.amount": {ZH: "金额", EN: "Amount"},
    "sheets.statement_column.date": {ZH: "日期", EN: "Date"},
    "sheets.statement_column.type": {ZH: "类型", EN: "Type"},
    # Cells that cannot be read.
    "sheets.cell.too_long": {
        ZH: "内容过长（最多 {limit} 个字符）",
        EN: "Too long ({limit} characters at most)",
    },
    "sheets.cell.error_value": {
        ZH: "单元格是公式错误 {value}，请在表格里改正后再导入",
        EN: "The cell holds the formula error {value}; correct it in the spreadsheet first",
    },
    "sheets.cell.phone": {ZH: "电话号码无效", EN: "Not a phone number"},
    "sheets.cell.phone_value": {ZH: "电话号码无效：{value}", EN: "Not a phone number: {value}"},
    "sheets.cell.phone_digits": {
        ZH: "电话号码位数不对：{value}",
        EN: "The phone number {value} has the wrong number of digits",
    },
    "sheets.cell.date": {ZH: "日期无效", EN: "Not a date"},
    "sheets.cell.date_value": {ZH: "日期无效：{value}", EN: "Not a date: {value}"},
    "sheets.cell.date_example": {
        ZH: "日期无效：{value}（例：2024-05-01）",
        EN: "Not a date: {value} (write it like 2024-05-01)",
    },
    "sheets.cell.qty": {ZH: "数量须为正整数", EN: "The quantity must be a whole number"},
    "sheets.cell.qty_value": {
        ZH: "数量须为正整数：{value}",
        EN: "The quantity must be a whole number: {value}",
    },
    "sheets.cell.qty_range": {
        ZH: "数量须在 1–10000 之间：{value}",
        EN: "The quantity must lie between 1 and 10000: {value}",
    },
    "sheets.cell.amount": {ZH: "金额无效", EN: "Not an amount"},
    "sheets.cell.amount_value": {ZH: "金额无效：{value}", EN: "Not an amount: {value}"},
    "sheets.cell.barcode_value": {ZH: "条码无效：{value}", EN: "Not a barcode: {value}"},
    # Order sheets.
    "sheets.no_header": {
        ZH: "找不到表头：前 {rows} 行中没有同时含有 {missing} 的一行",
        EN: "No header row: none of the first {rows} rows names all of {missing}",
    },
    "sheets.required": {ZH: "必填项为空", EN: "Required, but empty"},
    "sheets.duplicate_code": {
        ZH: "条码 {code} 与第 {first} 行重复",
        EN: "The barcode {code} is on row {first} already",
    },
    "sheets.customer_differs": {
        ZH: "同一订单 {order_no} 的客户不一致（第 {first} 行为 {customer}）",
        EN: "Order {order_no} names another customer here (row {first} says {customer})",
    },
    "sheets.phone_differs": {
        ZH: "同一订单 {order_no} 的电话不一致",
        EN: "Order {order_no} has another phone number on an earlier row",
    },
    "sheets.order_exists": {
        ZH: "订单号 {order_no} 已存在",
        EN: "Order {order_no} already exists",
    },
    "sheets.code_in_use": {ZH: "条码 {code} 已被使用", EN: "The barcode {code} is already in use"},
    "sheets.file_missing": {ZH: "找不到文件：{path}", EN: "File not found: {path}"},
    # Lab statements.
    "sheets.statement_no_header": {
        ZH: "找不到对账单表头：前 {rows} 行中没有一行同时含有「金额」和「条码」（或「订单号」+「产品」）",
        EN: "No statement header: none of the first {rows} rows names both an amount and a "
        "barcode column (or an order number and a product column)",
    },
    "sheets.amount_missing": {ZH: "金额为空", EN: "The amount is empty"},
    "sheets.no_item": {
        ZH: "没有条码，也没有订单号 + 产品，无法确定是哪件",
        EN: "No barcode and no order number + product, so the item cannot be identified",
    },
    "sheets.statement_unreadable": {
        ZH: "对账单 {file} 有 {count} 处无法读取，未做核对：\n{listed}",
        EN: "The statement {file} has {count} unreadable cell(s); nothing was checked:\n{listed}",
    },
    "sheets.statement_more": {ZH: "……另有 {more} 处", EN: "… and {more} more"},
    "sheets.statement_empty": {
        ZH: "对账单 {file} 没有任何计费行",
        EN: "The statement {file} has no billed lines",
    },
}
