"""Every word the window shows, in Chinese and English (``YINGLOU_LANG``), by key.

Scan results come from :mod:`yinglou_desk.domain.messages`; this table holds
only the window's own labels so the two never drift apart.
"""

from __future__ import annotations

from ..domain.messages import EN, ZH, current_language

UI_TEXTS: dict[str, dict[str, str]] = {
    "app.title": {ZH: "影楼客件追踪", EN: "Yinglou desk"},
    "login.title": {ZH: "请扫描工牌登录", EN: "Scan your badge to log in"},
    "login.or": {ZH: "或输入姓名和密码", EN: "or enter name and password"},
    "login.name": {ZH: "姓名", EN: "Name"},
    "login.password": {ZH: "密码", EN: "Password"},
    "login.button": {ZH: "登录", EN: "Log in"},
    "login.checking": {ZH: "正在核对…", EN: "Checking…"},
    "login.welcome": {ZH: "{name}（{role}）已登录", EN: "{name} ({role}) logged in"},
    "top.operator": {ZH: "当前员工：{name}（{role}）", EN: "Operator: {name} ({role})"},
    "top.logout": {ZH: "退出登录", EN: "Log out"},
    "top.scan": {ZH: "扫码", EN: "Scan"},
    "top.scan_hint": {
        ZH: "扫描条码或工牌（扫工牌即切换员工）",
        EN: "Scan a label or a badge (a badge switches operator)",
    },
    "page.send-out": {ZH: "发件 F1", EN: "Send-out F1"},
    "page.check-in": {ZH: "回件/理件 F2", EN: "Check-in F2"},
    "page.pickup": {ZH: "取件 F3", EN: "Pickup F3"},
    "page.query": {ZH: "查件 F4", EN: "Query F4"},
    "page.board": {ZH: "看板 F5", EN: "Board F5"},
    "panel.ready": {ZH: "请扫描货品条码", EN: "Scan an item label"},
    "panel.working": {ZH: "处理中…", EN: "Working…"},
    "send.vendor": {ZH: "厂商", EN: "Vendor"},
    "send.planned": {ZH: "按各件计划厂商", EN: "Each item's planned vendor"},
    "send.batch": {ZH: "本次发件清单：{n} 件", EN: "This send-out batch: {n} items"},
    "send.clear": {ZH: "新建清单", EN: "New batch"},
    "check.slot": {ZH: "货架位", EN: "Shelf slot"},
    "check.slot_set": {ZH: "改放此位", EN: "Put here"},
    "check.slot_done": {ZH: "请放入货架位 {slot}", EN: "Put it on shelf {slot}"},
    "check.defect": {ZH: "次品原因", EN: "Defect reason"},
    "check.flag": {ZH: "标记返工 F7", EN: "Flag rework F7"},
    "check.need_reason": {ZH: "请先填写次品原因", EN: "Enter the defect reason first"},
    "check.complete": {ZH: "该订单已全部到齐", EN: "All items of this order are back"},
    "check.missing": {ZH: "还差 {n} 件未回", EN: "{n} items still missing"},
    "pickup.search": {ZH: "电话后4位/姓名/订单号", EN: "Phone tail / name / order no."},
    "pickup.find": {ZH: "查找", EN: "Find"},
    "pickup.hand_over": {ZH: "交付全部已到件 F8", EN: "Hand over all ready F8"},
    "pickup.nothing_ready": {ZH: "没有可交付的货品", EN: "Nothing is ready to hand over"},
    "pickup.confirm_title": {ZH: "部分取件", EN: "Partial pickup"},
    "pickup.confirm_text": {
        ZH: "本次交付 {ready} 件。以下货品尚未到齐：\n{missing}\n确定先交付已到的货品吗？",
        EN: "Handing over {ready} items. These are not ready yet:\n{missing}\nHand over the ready items now?",
    },
    "pickup.missing_line": {ZH: "· {product}（{state}{due}）", EN: "· {product} ({state}{due})"},
    "pickup.due": {ZH: "，预计 {date} 回件", EN: ", due back {date}"},
    "pickup.handed": {ZH: "已交付 {n} 件", EN: "Handed over {n} items"},
    "pickup.cancelled": {ZH: "已取消交付", EN: "Hand-over cancelled"},
    "query.placeholder": {
        ZH: "电话后4位、姓名、拼音首字母、订单号或扫描条码",
        EN: "Phone tail, name, initials, order no. or scan a label",
    },
    "query.none": {ZH: "没有找到：{q}", EN: "Nothing found: {q}"},
    "query.found": {ZH: "{orders} 个订单，{items} 件", EN: "{orders} orders, {items} items"},
    "tick.send_out": {ZH: "勾选发件", EN: "Send out selected"},
    "tick.check_in": {ZH: "勾选回件", EN: "Check in selected"},
    "tick.pick_up": {ZH: "勾选取件", EN: "Hand over selected"},
    "tick.result": {
        ZH: "完成 {ok} 件，拒绝 {bad} 件",
        EN: "{ok} done, {bad} refused",
    },
    "undo": {ZH: "撤销上一次扫描 F6", EN: "Undo last scan F6"},
    "board.any": {ZH: "全部", EN: "any"},
    "board.progress": {ZH: "进度", EN: "Progress"},
    "board.vendor": {ZH: "厂商", EN: "Vendor"},
    "board.store": {ZH: "门店", EN: "Store"},
    "board.overdue": {ZH: "只看逾期", EN: "Overdue only"},
    "board.pickup_due": {ZH: "待取件", EN: "Due for pickup"},
    "board.count": {ZH: "共 {n} 个订单", EN: "{n} orders"},
    "board.loading": {ZH: "加载中…", EN: "Loading…"},
    "detail.timeline": {ZH: "扫描记录", EN: "Scan timeline"},
    "error.storage": {ZH: "数据库暂时无法使用：{error}", EN: "Database unavailable: {error}"},
    "error.bug": {ZH: "程序出错：{error}", EN: "Program error: {error}"},
    "overdue": {ZH: "逾期", EN: "overdue"},
    "col.order_no": {ZH: "订单号", EN: "Order"},
    "col.customer": {ZH: "客户", EN: "Customer"},
    "col.phone": {ZH: "电话", EN: "Phone"},
    "col.store": {ZH: "门店", EN: "Store"},
    "col.package": {ZH: "套系", EN: "Package"},
    "col.progress": {ZH: "进度", EN: "Progress"},
    "col.items": {ZH: "到齐", EN: "Back"},
    "col.next_due": {ZH: "最早回件", EN: "Next due"},
    "col.promised": {ZH: "承诺取件", EN: "Promised"},
    "col.updated": {ZH: "更新", EN: "Updated"},
    "col.code": {ZH: "条码", EN: "Code"},
    "col.product": {ZH: "产品", EN: "Product"},
    "col.spec": {ZH: "规格", EN: "Spec"},
    "col.stage": {ZH: "阶段", EN: "Stage"},
    "col.state": {ZH: "状态", EN: "State"},
    "col.vendor": {ZH: "厂商", EN: "Vendor"},
    "col.sent": {ZH: "发件", EN: "Sent"},
    "col.expected": {ZH: "预计回件", EN: "Expected"},
    "col.returned": {ZH: "回件", EN: "Back"},
    "col.picked": {ZH: "取件", EN: "Picked up"},
    "col.slot": {ZH: "货架位", EN: "Shelf"},
    "col.time": {ZH: "时间", EN: "Time"},
    "col.operator": {ZH: "员工", EN: "Operator"},
    "col.workstation": {ZH: "电脑", EN: "PC"},
    "col.station": {ZH: "站点", EN: "Station"},
    "col.action": {ZH: "动作", EN: "Action"},
    "col.outcome": {ZH: "结果", EN: "Outcome"},
    "col.message": {ZH: "说明", EN: "Message"},
    "action.send_out": {ZH: "发件", EN: "send out"},
    "action.check_in": {ZH: "回件", EN: "check in"},
    "action.pick_up": {ZH: "取件", EN: "pick up"},
    "action.flag_rework": {ZH: "标记返工", EN: "flag rework"},
    "action.cancel": {ZH: "取消", EN: "cancel"},
    "action.undo": {ZH: "撤销", EN: "undo"},
    "action.shelve": {ZH: "上架", EN: "shelve"},
    "outcome.accepted": {ZH: "成功", EN: "accepted"},
    "outcome.refused": {ZH: "拒绝", EN: "refused"},
    "outcome.duplicate": {ZH: "重复", EN: "repeat"},
}


def t_or(key: str, fallback: str) -> str:
    """The label ``key`` if the table has it, else ``fallback`` (e.g. a new action name)."""
    return t(key) if key in UI_TEXTS else fallback


def t(key: str, **params: object) -> str:
    """The label ``key`` in the current language, placeholders filled."""
    template = UI_TEXTS[key][current_language()]
    return template.format(**params) if params else template
