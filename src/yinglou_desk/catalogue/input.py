"""Text, names, dates and files that staff give the program, refused with a reason."""

from __future__ import annotations

from ._langs import EN, ZH

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
}
