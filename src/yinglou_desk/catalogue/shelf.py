"""The ready shelf: slot labels (货架位标签), the shelf audit (盘点) and moving items
between slots by scanning. Keys start with ``shelf_labels.`` or ``shelf_audit.``
(and ``page.shelf-audit`` for the tab)."""

from __future__ import annotations

from yinglou_desk.catalogue._langs import EN, ZH

ENTRIES: dict[str, dict[str, str]] = {
    # -- slot labels -----------------------------------------------------------------------
    "shelf_labels.bad_slot": {
        ZH: "「{text}」不是货架位：货架位从 {first} 到 {last}，如 A-05",
        EN: "“{text}” is not a shelf slot: slots run from {first} to {last}, e.g. A-05",
    },
    "shelf_labels.no_slots": {
        ZH: "请写出货架位，如 A-01..A-20 或 A-01,A-05",
        EN: "Name the shelf slots, e.g. A-01..A-20 or A-01,A-05",
    },
    "shelf_labels.reversed": {
        ZH: "货架位范围 {start}..{end} 是倒着写的：请写成 {end}..{start}",
        EN: "The slot range {start}..{end} runs backwards: write {end}..{start}",
    },
    "shelf_labels.caption": {ZH: "货架位", EN: "Shelf slot"},
    "shelf_labels.written": {
        ZH: "已生成 {n} 张货架位标签（{where}）",
        EN: "{n} shelf-slot labels made ({where})",
    },
    "shelf_labels.one_selection": {
        ZH: "--slots 不能与订单号、--item、--batch 或 --unlabelled 同时使用",
        EN: "--slots cannot be combined with order numbers, --item, --batch or --unlabelled",
    },
    "shelf_labels.help_slots": {
        ZH: "打印货架位标签：A-01..A-20、A-01..B-10 或 A-01,A-05",
        EN: "print shelf-slot labels: A-01..A-20, A-01..B-10 or A-01,A-05",
    },
    "shelf_labels.job": {
        ZH: "货架位标签 {first}…{last}（{n} 张）",
        EN: "Shelf-slot labels {first}…{last} ({n})",
    },
    "shelf_labels.printed": {ZH: "已打印 {n} 张货架位标签", EN: "{n} shelf-slot labels printed"},
    "shelf_labels.not_printed": {ZH: "货架位标签未打印", EN: "Slot labels not printed"},
    "shelf_labels.print": {ZH: "打印货架位标签", EN: "Print slot labels"},
    "shelf_labels.range": {ZH: "货架位范围", EN: "Slots"},
    "shelf_labels.range_hint": {ZH: "A-01..A-20", EN: "A-01..A-20"},
    # -- audit: scopes, steps --------------------------------------------------------------
    "shelf_audit.bad_scope": {
        ZH: "盘点范围「{text}」不对：请写一个货架字母（{racks}）或 *（整个货架）",
        EN: "The audit scope “{text}” is wrong: give a rack letter ({racks}) or * (the whole shelf)",
    },
    "shelf_audit.nothing_scanned": {
        ZH: "还没有扫描任何货架位：请先扫描货架位标签，再扫描上面的货品",
        EN: "No shelf slot scanned yet: scan a slot label first, then the items on it",
    },
    "shelf_audit.no_such": {
        ZH: "没有编号为 {audit_id} 的盘点记录",
        EN: "There is no shelf audit number {audit_id}",
    },
    "shelf_audit.moved": {ZH: "{code} 已放入货架位 {slot}", EN: "{code} put on shelf {slot}"},
    "shelf_audit.step.slot": {
        ZH: "货架位 {slot}：请扫描上面的每一件货品",
        EN: "Slot {slot}: scan every item on it",
    },
    "shelf_audit.step.item": {ZH: "{code} 在 {slot}", EN: "{code} on {slot}"},
    "shelf_audit.step.repeat": {
        ZH: "{code} 已扫过（{slot}），只计一次",
        EN: "{code} was already scanned ({slot}); it counts once",
    },
    "shelf_audit.step.no_slot": {
        ZH: "请先扫描货架位标签，再扫描货品（{code} 未计入）",
        EN: "Scan a slot label first, then the items ({code} not counted)",
    },
    "shelf_audit.step.invalid": {
        ZH: "「{code}」不是条码，未计入",
        EN: "“{code}” is not a barcode; not counted",
    },
    # -- audit: findings -------------------------------------------------------------------
    "shelf_audit.kind.found": {ZH: "在位", EN: "Found"},
    "shelf_audit.kind.missing": {ZH: "缺失", EN: "Missing"},
    "shelf_audit.kind.misplaced": {ZH: "放错位", EN: "Misplaced"},
    "shelf_audit.kind.stale": {ZH: "不应在架", EN: "Should not be here"},
    "shelf_audit.kind.unknown": {ZH: "未知条码", EN: "Unknown code"},
    "shelf_audit.what.found": {ZH: "在 {slot}，无误", EN: "On {slot}, as recorded"},
    "shelf_audit.what.missing": {
        ZH: "应在 {expected} 但未扫到",
        EN: "Should be on {expected} but was not scanned",
    },
    "shelf_audit.what.misplaced": {
        ZH: "在 {slot}，应放 {expected}",
        EN: "On {slot}, belongs on {expected}",
    },
    "shelf_audit.what.misplaced_nowhere": {
        ZH: "在 {slot}，系统中没有货架位",
        EN: "On {slot}; no slot is recorded for it",
    },
    "shelf_audit.what.stale": {
        ZH: "在 {slot}，但状态是「{state}」",
        EN: "On {slot}, but it is “{state}”",
    },
    "shelf_audit.what.unknown": {
        ZH: "在 {slot}，没有货品用此条码",
        EN: "On {slot}; no item has this code",
    },
    "shelf_audit.col.kind": {ZH: "结果", EN: "Finding"},
    "shelf_audit.col.what": {ZH: "说明", EN: "What"},
    "shelf_audit.col.code": {ZH: "条码", EN: "Code"},
    "shelf_audit.col.slot": {ZH: "扫描位置", EN: "Scanned on"},
    "shelf_audit.col.expected_slot": {ZH: "应在位置", EN: "Belongs on"},
    "shelf_audit.col.order_no": {ZH: "订单号", EN: "Order"},
    "shelf_audit.col.customer": {ZH: "客户", EN: "Customer"},
    "shelf_audit.col.product": {ZH: "产品", EN: "Product"},
    "shelf_audit.col.value": {ZH: "价值", EN: "Value"},
    "shelf_audit.col.audit": {ZH: "盘点编号", EN: "Audit"},
    "shelf_audit.col.at": {ZH: "时间", EN: "When"},
    "shelf_audit.col.operator": {ZH: "操作员", EN: "Operator"},
    "shelf_audit.col.workstation": {ZH: "电脑", EN: "PC"},
    "shelf_audit.col.scope": {ZH: "范围", EN: "Scope"},
    "shelf_audit.col.scanned": {ZH: "扫描件数", EN: "Scanned"},
    "shelf_audit.sheet.summary": {ZH: "盘点", EN: "Audit"},
    "shelf_audit.sheet.findings": {ZH: "明细", EN: "Findings"},
    "shelf_audit.saved": {
        ZH: "盘点 #{id} 已保存：缺失 {missing}，放错位 {misplaced}，不应在架 {stale}，"
        "未知 {unknown}",
        EN: "Audit #{id} saved: {missing} missing, {misplaced} misplaced, {stale} should not "
        "be here, {unknown} unknown",
    },
    "shelf_audit.line": {
        ZH: "#{id}  {at}  {operator}@{workstation}  范围 {scope}  扫描 {scanned}  缺失 {missing}  "
        "放错位 {misplaced}  不应在架 {stale}  未知 {unknown}",
        EN: "#{id}  {at}  {operator}@{workstation}  scope {scope}  scanned {scanned}  "
        "missing {missing}  misplaced {misplaced}  stale {stale}  unknown {unknown}",
    },
    "shelf_audit.none_yet": {ZH: "还没有盘点记录", EN: "No shelf audits yet"},
    "shelf_audit.exported": {ZH: "已导出到 {path}", EN: "Exported to {path}"},
    # -- the command line ------------------------------------------------------------------
    "shelf_audit.help.group": {
        ZH: "货架：盘点、盘点记录、移位",
        EN: "the ready shelf: audits, saved audits, moving items",
    },
    "shelf_audit.help.audit": {
        ZH: "盘点：货架位后面跟着该位上扫到的条码（A-01 码1 码2 A-02 码3…）；保存并列出结果",
        EN: "audit the shelf: each slot followed by the codes found on it (A-01 C1 C2 A-02 C3 …); "
        "saves and prints the findings",
    },
    "shelf_audit.help.scope": {
        ZH: "同时盘点整排货架（如 A）或整个货架（*）：没扫到的位上的货品都算缺失",
        EN: "also answer for a whole rack (e.g. A) or the whole shelf (*): items on slots not "
        "scanned count as missing",
    },
    "shelf_audit.help.audits": {ZH: "列出最近的盘点", EN: "list the latest shelf audits"},
    "shelf_audit.help.show": {
        ZH: "显示一次盘点的结果（-o 导出 Excel）",
        EN: "show one audit's findings (-o writes Excel)",
    },
    "shelf_audit.help.move": {
        ZH: "把货品移到另一个货架位（记入扫描记录）",
        EN: "move items to another shelf slot (recorded in the scan log)",
    },
    "shelf_audit.cli.slot_first": {
        ZH: "「{code}」前面没有货架位：请先写货架位（如 A-01），再写该位上的条码",
        EN: "“{code}” comes before any slot: name a slot first (e.g. A-01), then the codes on it",
    },
    "shelf_audit.cli.refused": {ZH: "{code}：{reason}", EN: "{code}: {reason}"},
    # -- the desk's 盘点 page and the check-in station -------------------------------------
    "page.shelf-audit": {ZH: "盘点", EN: "Shelf audit"},
    "shelf_audit.page.hint": {
        ZH: "扫描货架位标签，再扫描该位上的每一件货品；换位时扫描下一个货架位标签",
        EN: "Scan a slot label, then every item on it; scan the next slot label to move on",
    },
    "shelf_audit.page.scope": {ZH: "范围", EN: "Scope"},
    "shelf_audit.page.scope_scanned": {ZH: "只盘扫过的货架位", EN: "Only the slots scanned"},
    "shelf_audit.page.scope_rack": {ZH: "整排 {rack}", EN: "Rack {rack}"},
    "shelf_audit.page.scope_whole": {ZH: "整个货架", EN: "The whole shelf"},
    "shelf_audit.page.finish": {ZH: "完成盘点", EN: "Finish audit"},
    "shelf_audit.page.restart": {ZH: "重新开始", EN: "Start again"},
    "shelf_audit.page.export": {ZH: "导出 Excel", EN: "Export to Excel"},
    "shelf_audit.page.move_here": {ZH: "改记到扫描位置", EN: "Record it where scanned"},
    "shelf_audit.page.scanned": {
        ZH: "已扫描 {slots} 个货架位，{items} 件货品",
        EN: "{slots} slots and {items} items scanned",
    },
    "shelf_audit.page.slot_line": {ZH: "{slot}：{n} 件", EN: "{slot}: {n} items"},
    "shelf_audit.page.saved_audits": {ZH: "已保存的盘点", EN: "Saved audits"},
    "shelf_audit.page.export_title": {ZH: "导出盘点结果", EN: "Export the audit"},
    "shelf_audit.page.labels_title": {ZH: "货架位标签", EN: "Shelf-slot labels"},
    "shelf_audit.station.armed": {
        ZH: "放入 {slot}：接下来扫描的货品都放到这里",
        EN: "Into {slot}: the items scanned next go here",
    },
    "shelf_audit.station.clear": {ZH: "取消放入", EN: "Stop putting here"},
    "shelf_audit.station.moved": {
        ZH: "已移到货架位 {slot}",
        EN: "Moved to shelf {slot}",
    },
}
