"""Opening spreadsheet files: formats, encodings, sheets that were skipped."""

from __future__ import annotations

from yinglou_desk.catalogue._langs import EN, ZH

ENTRIES: dict[str, dict[str, str]] = {
    "workbooks.unreadable": {
        ZH: "无法读取 {name}：不是能打开的表格文件（.xlsx、.xls、.ods 或 .csv），或文件已损坏",
        EN: "Cannot read {name}: it is not a spreadsheet this program opens "
        "(.xlsx, .xls, .ods or .csv), or the file is damaged",
    },
    "workbooks.too_big": {
        ZH: "{name} 有 {megabytes} MB，太大了，不像是订单表或对账单",
        EN: "{name} is {megabytes} MB: too big for an order sheet or a statement",
    },
}
