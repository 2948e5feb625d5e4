"""Messages to customers: the outbox, the SMS gateway, due lists."""

from __future__ import annotations

from yinglou_desk.catalogue._langs import EN, ZH

ENTRIES: dict[str, dict[str, str]] = {
    # Why a message was not sent, as the outbox records it.
    "notifications.collected": {
        ZH: "客户已取件",
        EN: "Collected before the message was sent",
    },
    "notifications.no_phone": {ZH: "客户没有手机号", EN: "The customer has no mobile number"},
    "notifications.interrupted": {
        ZH: "发送中断，结果未知：请核实客户是否收到后再手动重发",
        EN: "Sending was interrupted and its outcome is unknown: check with the customer "
        "before sending it again by hand",
    },
    "notifications.exported": {ZH: "已导出", EN: "Exported"},
    # The SMS gateway.
    "notifications.no_gateway": {
        ZH: "未设置短信网关地址",
        EN: "No SMS gateway URL is configured",
    },
    "notifications.gateway_refused": {
        ZH: "短信网关返回 {status}：{detail}",
        EN: "The SMS gateway answered {status}: {detail}",
    },
    "notifications.gateway_unreachable": {
        ZH: "无法连接短信网关：{reason}",
        EN: "Cannot reach the SMS gateway: {reason}",
    },
}
