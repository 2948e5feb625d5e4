"""手机理件 at the desk: 本机设置's phone server, the 手机 page (the code phones scan, the
phones registered, approving and revoking them) and what the status bar says of the server.
Keys start with ``phone_desk.`` (the tab's name is ``page.phones``, as every tab's)."""

from __future__ import annotations

from yinglou_desk.catalogue._langs import EN, ZH

ENTRIES: dict[str, dict[str, str]] = {
    "page.phones": {ZH: "手机", EN: "Phones"},
    # -- 本机设置 --------------------------------------------------------------------------
    "phone_desk.setting": {ZH: "手机扫码", EN: "Phones as scanners"},
    "phone_desk.allow": {ZH: "允许手机扫码", EN: "Let phones scan through this PC"},
    "phone_desk.port": {ZH: "端口", EN: "Port"},
    "phone_desk.setting_note": {
        ZH: "保存后立即生效。新手机怎样开始，见“手机”页。",
        EN: "Takes effect once saved. The Phones page shows how a new phone starts.",
    },
    "phone_desk.bad_port": {
        ZH: "手机扫码端口 {port} 不可用，请填 {low} 到 {high} 之间的数字",
        EN: "The phone port {port} cannot be used; choose a number from {low} to {high}",
    },
    "phone_desk.port_is_trust_port": {
        ZH: "端口 {port} 留给手机装证书的页面，请换一个端口",
        EN: "Port {port} is kept for the page where phones get the certificate; choose another",
    },
    # -- the server, in the status bar and on the page ------------------------------------
    "phone_desk.starting": {ZH: "正在开启手机扫码…", EN: "Starting phones as scanners…"},
    "phone_desk.started": {
        ZH: "手机扫码已开启：{url}",
        EN: "Phones can scan now: {url}",
    },
    "phone_desk.stopped": {ZH: "手机扫码已关闭", EN: "Phones can no longer scan here"},
    "phone_desk.port_taken": {
        ZH: "手机扫码未能开启：端口 {port} 已被其他程序占用。请在本机设置中换一个端口，"
        "或关闭占用它的程序",
        EN: "Phones cannot scan: port {port} is taken by another program. Choose another "
        "port in This PC, or close that program",
    },
    "phone_desk.trust_port_taken": {
        ZH: "手机扫码未能开启：手机装证书的页面要用端口 {port}，它已被其他程序占用。"
        "请关闭占用它的程序后重试",
        EN: "Phones cannot scan: the page where phones get the certificate needs port "
        "{port}, which another program uses. Close that program and try again",
    },
    "phone_desk.failed": {
        ZH: "手机扫码未能开启：{error}",
        EN: "Phones cannot scan: {error}",
    },
    # -- the page ---------------------------------------------------------------------------
    "phone_desk.off": {
        ZH: "本机未开启手机扫码。开启后，员工的手机连上店里的 Wi-Fi，就能用摄像头扫条码。",
        EN: "Phones cannot scan through this PC. Once this is on, staff phones on the "
        "studio's Wi-Fi scan labels with their cameras.",
    },
    "phone_desk.turn_on": {ZH: "开启手机扫码", EN: "Let phones scan"},
    "phone_desk.retry": {ZH: "重试", EN: "Try again"},
    "phone_desk.address": {ZH: "扫码打开：{url}", EN: "The code opens: {url}"},
    "phone_desk.page_address": {ZH: "扫码页面：{url}", EN: "Scanning page: {url}"},
    "phone_desk.fingerprint": {
        ZH: "证书指纹：{fingerprint}",
        EN: "Certificate fingerprint: {fingerprint}",
    },
    "phone_desk.steps": {ZH: "新手机这样用：", EN: "A new phone:"},
    "phone_desk.step.1": {ZH: "1 手机连店里的 Wi-Fi", EN: "1 Join the studio's Wi-Fi"},
    "phone_desk.step.2": {ZH: "2 用手机扫左边的码", EN: "2 Scan the code on the left"},
    "phone_desk.step.3": {ZH: "3 按页面提示安装证书", EN: "3 Install the certificate as shown"},
    "phone_desk.step.4": {ZH: "4 用工牌登录", EN: "4 Log in with a staff badge"},
    "phone_desk.step.5": {ZH: "5 在下面的列表中批准", EN: "5 Approve it in the list below"},
    # -- the phones registered ------------------------------------------------------------
    "phone_desk.count": {
        ZH: "已登记 {n} 部手机，{waiting} 部待批准",
        EN: "{n} phones registered, {waiting} waiting for approval",
    },
    "phone_desk.col.name": {ZH: "手机名称", EN: "Phone"},
    "phone_desk.col.status": {ZH: "状态", EN: "Status"},
    "phone_desk.col.registered": {ZH: "登记时间", EN: "Registered"},
    "phone_desk.col.approved_by": {ZH: "批准人", EN: "Approved by"},
    "phone_desk.col.last_seen": {ZH: "最近使用", EN: "Last seen"},
    "phone_desk.col.last_operator": {ZH: "最近使用人", EN: "Last used by"},
    "phone_desk.col.last_address": {ZH: "最近地址", EN: "Last address"},
    "phone_desk.status.waiting": {ZH: "待批准", EN: "Waiting"},
    "phone_desk.status.approved": {ZH: "已批准", EN: "Approved"},
    "phone_desk.status.revoked": {ZH: "已停用", EN: "Revoked"},
    "phone_desk.approve": {ZH: "批准", EN: "Approve"},
    "phone_desk.revoke": {ZH: "停用", EN: "Revoke"},
    "phone_desk.revoke_question": {
        ZH: "停用“{name}”？这部手机会立即退出登录，不能再扫码。",
        EN: "Revoke “{name}”? The phone is logged out at once and can no longer scan.",
    },
    "phone_desk.done.approve": {ZH: "已批准“{name}”", EN: "“{name}” approved"},
    "phone_desk.done.revoke": {ZH: "已停用“{name}”", EN: "“{name}” revoked"},
}
