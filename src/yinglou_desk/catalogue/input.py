"""Text, names, dates and files that staff give the program, refused with a reason."""

from __future__ import annotations

from yinglou_desk.catalogue._langs import EN, ZH

ENTRIES: dict[str, dict[str, str]] = {
    "text.too_long": {
        ZH: "{what}过长：最多 {limit} 个字符，这里有 {length} 个",
        EN: "{what} is too long: {limit} characters at most, this one has {length}",
    },
    "field.operator_name": {ZH: "员工姓名", EN: "The operator's name"},
    "field.vendor_name": {ZH: "厂商名称", EN: "The vendor's name"},
    "field.product": {ZH: "产品名称", EN: "The product's name"},
    "field.importer": {ZH: "导入人姓名", EN: "The importer's name"},
    "date.out_of_range": {
        ZH: "日期 {value} 超出范围：须在 {first} 到 {last} 之间",
        EN: "The date {value} is out of range: it must lie between {first} and {last}",
    },
    "import.conflict": {
        ZH: "另一处刚刚导入了相同的订单或条码；本次未写入任何数据，请重新检查后再导入",
        EN: "The same orders or codes were just imported elsewhere; nothing was written, check the sheet again",
    },
    "file.unreadable": {
        ZH: "无法读取文件 {path}：{error}",
        EN: "Cannot read the file {path}: {error}",
    },
    "input.list_separator": {ZH: "、", EN: ", "},
    "input.unknown_vendor": {
        ZH: "没有名为 {name} 的厂商（用 yinglou-desk vendor add 添加）",
        EN: "No vendor named {name} (add one with yinglou-desk vendor add)",
    },
    "input.vendor_name_empty": {ZH: "厂商名称不能为空", EN: "The vendor's name is empty"},
    "input.product_name_empty": {ZH: "产品名称不能为空", EN: "The product's name is empty"},
    "input.turnaround_range": {
        ZH: "制作周期须在 0–365 天之间",
        EN: "The turnaround must be from 0 to 365 days",
    },
    "input.period_too_short": {ZH: "期间至少 1 天", EN: "A period has at least one day"},
    "input.period_backwards": {
        ZH: "结束日期 {end} 早于开始日期 {start}",
        EN: "The end date {end} is before the start date {start}",
    },
}
