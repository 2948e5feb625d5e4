"""Labels, badges and send-out manifests: their printed words and their errors."""

from __future__ import annotations

from yinglou_desk.catalogue._langs import EN, ZH

ENTRIES: dict[str, dict[str, str]] = {
    # Printed on an item label and a badge.
    "labels.line.order": {ZH: "订单 {order_no}", EN: "Order {order_no}"},
    "labels.line.vendor": {ZH: "厂商 {vendor}", EN: "Vendor {vendor}"},
    "labels.badge_role": {ZH: "{role} · 员工工牌", EN: "{role} · staff badge"},
    # Printed on the send-out manifest (发件单).
    "labels.manifest.title": {ZH: "发件单", EN: "Send-out manifest"},
    "labels.manifest.vendor": {ZH: "厂商：{vendor}", EN: "Vendor: {vendor}"},
    "labels.manifest.date": {ZH: "日期：{date}  {time}", EN: "Date: {date}  {time}"},
    "labels.manifest.operator": {
        ZH: "经办：{operator}（{workstation}）",
        EN: "Operator: {operator} ({workstation})",
    },
    "labels.manifest.count": {
        ZH: "件数：{items}    第 {page}/{pages} 页",
        EN: "Items: {items}    Page {page}/{pages}",
    },
    "labels.manifest.sent_by": {
        ZH: "发件人签字：________________",
        EN: "Sent by: ________________",
    },
    "labels.manifest.received_by": {
        ZH: "厂商签收：________________",
        EN: "Received by: ________________",
    },
    "labels.manifest.where": {ZH: "A4 发件单", EN: "the A4 manifest"},
    "labels.manifest.col.seq": {ZH: "序号", EN: "No."},
    "labels.manifest.col.code": {ZH: "条码", EN: "Barcode"},
    "labels.manifest.col.order_no": {ZH: "订单号", EN: "Order"},
    "labels.manifest.col.customer": {ZH: "客户", EN: "Customer"},
    "labels.manifest.col.product": {ZH: "产品", EN: "Product"},
    "labels.manifest.col.spec": {ZH: "规格", EN: "Spec"},
    "labels.manifest.col.qty": {ZH: "数量", EN: "Qty"},
    "labels.manifest.col.stage": {ZH: "阶段", EN: "Stage"},
    "labels.manifest.col.expected": {ZH: "预计回件", EN: "Due back"},
    # Refusals.
    "labels.code_too_long": {
        ZH: "条码 {code} 太长：{where} 至少需要 {needed} 点宽，只有 {available} 点；"
        "请换更宽的标签或更高分辨率的打印机，不打印无法扫描的标签",
        EN: "The code {code} is too long for {where}: it needs {needed} dots, only {available} "
        "are available; use a wider label or a higher resolution rather than print a label "
        "that will not scan",
    },
    "labels.not_code128": {
        ZH: "条码 {code} 含有 Code 128 无法表示的字符",
        EN: "The code {code} has characters Code 128 cannot carry ({error})",
    },
    "labels.font_file_missing": {
        ZH: "找不到标签字体文件 {path}（请检查 {env} 或字体设置）",
        EN: "Label font file not found: {path} (check {env} or the font setting)",
    },
    "labels.no_chinese_font": {
        ZH: "找不到中文字体，无法打印客户姓名。请安装中文字体（Windows：微软雅黑/黑体；"
        "Linux：fonts-noto-cjk 或 fonts-wqy-microhei），或用环境变量 {env} 指定字体文件路径",
        EN: "No Chinese font found, so customers' names cannot be printed. Install one "
        "(Windows: Microsoft YaHei or SimHei; Linux: fonts-noto-cjk or fonts-wqy-microhei), "
        "or set {env} to a font file",
    },
    "labels.bad_size": {
        ZH: "不支持的标签尺寸 {size}，可选：{choices}（毫米）",
        EN: "Unsupported label size {size}; choose one of {choices} (mm)",
    },
    "labels.bad_dpi": {
        ZH: "不支持的打印分辨率 {dpi} dpi，可选：203 或 300",
        EN: "Unsupported resolution {dpi} dpi; choose 203 or 300",
    },
    "labels.nothing_to_label": {ZH: "没有需要打印标签的货品", EN: "No items need a label"},
    "labels.nothing_to_write": {ZH: "没有可输出的标签", EN: "No labels to write"},
    "labels.bad_output": {
        ZH: "输出文件须以 .pdf 或 .png 结尾：{path}",
        EN: "The output file must end in .pdf or .png: {path}",
    },
    "labels.unknown_orders": {
        ZH: "没有这些订单号：{numbers}",
        EN: "Unknown order number(s): {numbers}",
    },
    "labels.unknown_codes": {ZH: "没有这些条码：{codes}", EN: "Unknown item code(s): {codes}"},
    "labels.unknown_batch": {ZH: "没有发件批次 {batch}", EN: "Unknown send-out batch {batch}"},
    "labels.unknown_batches": {
        ZH: "没有发件批次：{batches}",
        EN: "Unknown send-out batch(es): {batches}",
    },
}
