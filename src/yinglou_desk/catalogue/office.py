"""The office pages: 店铺设置 (the studio's settings, messages, SMS gateway) and 员工 (staff, badges)."""

from __future__ import annotations

from yinglou_desk.catalogue._langs import EN, ZH

ENTRIES: dict[str, dict[str, str]] = {
    "page.studio": {ZH: "店铺设置", EN: "Studio"},
    "page.staff": {ZH: "员工", EN: "Staff"},
    # 店铺设置
    "studio_page.studio": {ZH: "店名", EN: "Studio name"},
    "studio_page.address": {ZH: "地址", EN: "Address"},
    "studio_page.hours": {ZH: "营业时间", EN: "Opening hours"},
    "studio_page.ready_template": {ZH: "取件通知模板", EN: "Ready-for-pickup message"},
    "studio_page.reminder_template": {ZH: "催取提醒模板", EN: "Pickup reminder message"},
    "studio_page.sms_url": {ZH: "短信网关地址", EN: "SMS gateway URL"},
    "studio_page.sms_headers": {ZH: "短信网关请求头", EN: "SMS gateway headers"},
    "studio_page.headers_hint": {
        ZH: "每行一项，如 X-Api-Key: 你的密钥",
        EN: "One a line, e.g. X-Api-Key: your key",
    },
    "studio_page.bad_header_line": {
        ZH: "请求头“{line}”须写成 名称: 值",
        EN: "The header “{line}” must read Name: value",
    },
    "studio_page.preview": {ZH: "顾客收到", EN: "Customer sees"},
    "studio_page.preview_order": {
        ZH: "预览按最近到齐待取的订单 {order_no}（{customer}）填写",
        EN: "The previews are filled with the latest order ready for pickup, {order_no} ({customer})",
    },
    "studio_page.preview_sample": {
        ZH: "本店还没有到齐待取的订单，预览按示例订单填写",
        EN: "No order is ready for pickup yet, so the previews use a sample order",
    },
    "studio_page.test_title": {ZH: "测试短信", EN: "Test message"},
    "studio_page.test_phone": {ZH: "接收测试短信的手机号", EN: "Mobile number for the test"},
    "studio_page.send_test": {ZH: "发送测试短信", EN: "Send a test message"},
    "studio_page.test_sending": {
        ZH: "正在向 {phone} 发送测试短信…",
        EN: "Sending a test message to {phone}…",
    },
    "studio_page.test_sent": {
        ZH: "短信网关已接收发往 {phone} 的测试短信",
        EN: "The SMS gateway accepted the test message to {phone}",
    },
    "studio_page.test_failed": {
        ZH: "测试短信未发出：{reason}",
        EN: "The test message was not sent: {reason}",
    },
    "studio_page.save": {ZH: "保存", EN: "Save"},
    "studio_page.saved": {ZH: "店铺设置已保存", EN: "The studio's settings were saved"},
    "studio_page.nothing_changed": {ZH: "没有改动，无需保存", EN: "Nothing changed"},
    "notifications.test_message": {
        ZH: "【{studio}】这是一条测试短信，收到说明短信设置正确。",
        EN: "[{studio}] This is a test message: the SMS settings work.",
    },
    "notifications.test_bad_phone": {
        ZH: "手机号 {phone} 不对：请填写 5 到 20 位数字",
        EN: "The number {phone} is not valid: give 5 to 20 digits",
    },
    # 员工
    "staff_page.col.name": {ZH: "姓名", EN: "Name"},
    "staff_page.col.role": {ZH: "角色", EN: "Role"},
    "staff_page.col.state": {ZH: "状态", EN: "State"},
    "staff_page.col.badge": {ZH: "工牌条码", EN: "Badge code"},
    "staff_page.col.created": {ZH: "建档日期", EN: "Added on"},
    "staff_page.active": {ZH: "在职", EN: "active"},
    "staff_page.disabled": {ZH: "已停用", EN: "disabled"},
    "staff_page.count": {ZH: "共 {n} 人，在职 {active} 人", EN: "{n} people, {active} active"},
    "staff_page.capped": {
        ZH: "显示前 {shown} 人，共 {total} 人",
        EN: "Showing the first {shown} of {total} people",
    },
    "staff_page.disable": {ZH: "停用", EN: "Disable"},
    "staff_page.enable": {ZH: "恢复启用", EN: "Enable again"},
    "staff_page.new_badge": {ZH: "补办工牌", EN: "New badge"},
    "staff_page.new_password": {ZH: "新密码（至少 4 位）", EN: "New password (4 or more)"},
    "staff_page.reset_password": {ZH: "重置密码", EN: "Reset password"},
    "staff_page.add_title": {ZH: "添加员工：", EN: "Add a person:"},
    "staff_page.name": {ZH: "姓名", EN: "Name"},
    "staff_page.first_password": {ZH: "初始密码（至少 4 位）", EN: "First password (4 or more)"},
    "staff_page.add": {ZH: "添加", EN: "Add"},
    "staff_page.print_sheet": {ZH: "打印全部工牌…", EN: "Print all badges…"},
    "staff_page.save_sheet": {ZH: "工牌存为 PDF…", EN: "Save badges as PDF…"},
    "staff_page.disable_question": {
        ZH: "停用 {name}？停用后不能再登录或扫描，记录仍保留。",
        EN: "Disable {name}? They can no longer log in or scan; their records stay.",
    },
    "staff_page.new_badge_question": {
        ZH: "为 {name} 补办工牌？旧工牌将立即失效。",
        EN: "Issue a new badge for {name}? The old badge stops working at once.",
    },
    "staff_page.reset_question": {
        ZH: "把 {name} 的密码改为刚输入的新密码？",
        EN: "Change the password of {name} to the new one typed?",
    },
    "staff_page.done.operator.add": {ZH: "已添加员工", EN: "The person was added"},
    "staff_page.done.operator.disable": {ZH: "已停用", EN: "Disabled"},
    "staff_page.done.operator.enable": {ZH: "已恢复启用", EN: "Enabled again"},
    "staff_page.done.operator.new_badge": {
        ZH: "已补办工牌，旧工牌已失效：请打印新工牌",
        EN: "New badge issued; the old one no longer works: print the new one",
    },
    "staff_page.done.operator.reset_password": {ZH: "密码已重置", EN: "The password was reset"},
    "staff_page.sheet_rendering": {ZH: "正在生成工牌…", EN: "Preparing the badges…"},
    "staff_page.sheet_printed": {ZH: "工牌已送去打印", EN: "The badges were sent to the printer"},
    "staff_page.sheet_closed": {ZH: "未打印工牌", EN: "The badges were not printed"},
    "staff.not_disabled": {
        ZH: "{name} 不是已停用的员工",
        EN: "{name} is not a disabled operator",
    },
    "staff.last_admin": {
        ZH: "{name} 是最后一位在职管理员，不能停用：请先添加另一位管理员",
        EN: "{name} is the last active administrator and cannot be disabled: add another first",
    },
    "badges.nobody": {
        ZH: "没有在职员工，没有工牌可打印",
        EN: "No active staff: no badges to print",
    },
    "badges.sheet_title": {ZH: "{studio} 员工工牌（{n} 人）", EN: "{studio} staff badges ({n})"},
    "badges.page_title": {
        ZH: "{title}　第 {page}/{pages} 页",
        EN: "{title}, page {page} of {pages}",
    },
    "badges.caption": {ZH: "{name}（{role}）{code}", EN: "{name} ({role}) {code}"},
    "badges.file_name": {ZH: "员工工牌.pdf", EN: "staff-badges.pdf"},
}
