"""What a scan answers: accepted, refused, repeated, shelved, kept for later."""

from __future__ import annotations

from yinglou_desk.catalogue._langs import EN, ZH

ENTRIES: dict[str, dict[str, str]] = {
    "scan.accepted.send_out": {
        ZH: "已发件：{product} → {vendor}，预计 {expected} 回件",
        EN: "Sent out: {product} → {vendor}, expected back {expected}",
    },
    "scan.accepted.check_in": {
        ZH: "已回件：{product}（订单 {order_no} {progress}），放货架位 {slot}",
        EN: "Checked in: {product} (order {order_no} {progress}), shelf {slot}",
    },
    "scan.accepted.pick_up": {
        ZH: "已取件：{product}（订单 {order_no} {progress}）",
        EN: "Picked up: {product} (order {order_no} {progress})",
    },
    "scan.accepted.flag_rework": {ZH: "已标记返工：{product}", EN: "Marked for rework: {product}"},
    "scan.accepted.cancel": {ZH: "已取消：{product}", EN: "Cancelled: {product}"},
    "scan.duplicate": {
        ZH: "重复扫描（{seconds} 秒内已扫过），未重复记录",
        EN: "Repeated scan (already scanned within {seconds} s), not applied twice",
    },
    "refused.unknown_code": {ZH: "未知条码：{code}", EN: "Unknown code: {code}"},
    "refused.cancelled": {ZH: "该件已取消：{product}", EN: "This item is cancelled: {product}"},
    "refused.already_picked_up": {
        ZH: "该件已于 {when} 取走：{product}",
        EN: "Already picked up on {when}: {product}",
    },
    "refused.already_sent_out": {
        ZH: "该件已发往 {vendor}，不能重复发件",
        EN: "Already sent out to {vendor}; cannot send again",
    },
    "refused.send_ready": {
        ZH: "该件已回件待取，不能发件（如需返工请先标记返工）",
        EN: "Item is back and ready; mark it for rework before sending it out again",
    },
    "refused.checkin_not_sent": {
        ZH: "该件尚未发件，不能回件：{product}",
        EN: "Item was never sent out; cannot check in: {product}",
    },
    "refused.already_checked_in": {
        ZH: "该件已回件（{when}），请勿重复回件",
        EN: "Already checked in ({when}); do not check in twice",
    },
    "refused.checkin_rework": {
        ZH: "该件待返工，尚未重新发件",
        EN: "Item is waiting for rework and has not been sent out again",
    },
    "refused.pickup_not_sent": {
        ZH: "该件尚未制作（未发件），不能取件",
        EN: "Item has not been produced yet (never sent out); cannot hand over",
    },
    "refused.pickup_at_vendor": {
        ZH: "该件仍在厂商 {vendor}，预计 {expected} 回件，不能取件",
        EN: "Item is still at {vendor}, expected back {expected}; cannot hand over",
    },
    "refused.pickup_rework": {
        ZH: "该件在返工中，不能取件",
        EN: "Item is in rework; cannot hand over",
    },
    "refused.rework_not_back": {
        ZH: "该件尚未回件，不能标记返工",
        EN: "Item is not back yet; cannot mark for rework",
    },
    "refused.already_rework": {ZH: "该件已在返工中", EN: "Item is already in rework"},
    "refused.no_vendor": {
        ZH: "未指定厂商：请选择厂商或在订单中填写计划厂商",
        EN: "No vendor: choose one or set the item's planned vendor",
    },
    "refused.moved_meanwhile": {
        ZH: "该件刚被另一台电脑处理（现为{state}），本次扫描未生效",
        EN: "Another station moved this item just now (now {state}); this scan was not applied",
    },
    "refused.not_permitted": {
        ZH: "{operator}（{role}）无权在{station}扫描",
        EN: "{operator} ({role}) may not scan at {station}",
    },
    "refused.all_or_none": {
        ZH: "未交付：同一次交付中有货品不能交付，全部未交付（{product}）",
        EN: "Not handed over: another item of this hand-over was refused, so none was ({product})",
    },
    "refused.operator_disabled": {
        ZH: "{operator} 已停用，不能再扫描",
        EN: "{operator} has been disabled and cannot scan",
    },
    "refused.badge": {
        ZH: "这是员工工牌，不是货品条码",
        EN: "This is an operator badge, not an item label",
    },
    "scan.not_recorded": {
        ZH: "扫描出错，未记录：{code}（{error}），请重扫",
        EN: "Scan failed and was not recorded: {code} ({error}); scan it again",
    },
    "scan.kept": {
        ZH: "扫描出错，已保留，稍后重试：{code}",
        EN: "Scan failed; kept on this PC and tried again later: {code}",
    },
    "shelf.empty": {ZH: "货架位名称为空", EN: "The shelf slot name is empty"},
    "shelf.too_long": {
        ZH: "货架位名称过长（最多 {limit} 个字符）",
        EN: "Shelf slot name too long ({limit} characters at most)",
    },
    "shelf.taken": {
        ZH: "货架位 {slot} 已放着订单 {order_no} 的货品，请换一个",
        EN: "Shelf slot {slot} holds order {order_no}; choose another",
    },
    "shelf.not_back": {
        ZH: "只有已回件的货品才能上架",
        EN: "Only items that are back can go on the shelf",
    },
    "shelf.put": {ZH: "请放入货架位 {slot}", EN: "Put it on shelf {slot}"},
    "code.empty": {ZH: "条码为空", EN: "Empty code"},
    "code.too_long": {
        ZH: "条码过长（最多 40 个字符）",
        EN: "Code too long (40 characters at most)",
    },
    "code.not_ascii": {
        ZH: "条码含有无法识别的字符：{code}",
        EN: "Code contains characters a barcode cannot carry: {code}",
    },
    "scanning.shelf_slot": {ZH: "货架位 {slot}", EN: "Shelf {slot}"},
    "scanning.no_reason": {ZH: "（未填）", EN: "(none given)"},
    "scanning.journal_busy": {
        ZH: "扫描日志 {path} 正被另一个程序使用",
        EN: "The scan journal {path} is in use by another program",
    },
}
