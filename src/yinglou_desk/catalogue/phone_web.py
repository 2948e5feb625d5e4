"""The phone server and its command line: what the PC answers a phone, and what
``yinglou-desk serve`` and ``yinglou-desk phones`` say. Keys start with ``phone_web.``.
(The phone page's own words are ``phone_page.``; the trust page's ``phone_trust.``;
the desk's 手机 page ``phone_desk.``.)"""

from __future__ import annotations

from yinglou_desk.catalogue._langs import EN, ZH

ENTRIES: dict[str, dict[str, str]] = {
    # -- answers to a phone ---------------------------------------------------------------
    "phone_web.awaiting_approval": {
        ZH: "这部手机已登记，请店长在电脑上的「手机」页批准后再登录",
        EN: "This phone is registered: a manager must approve it on the PC's Phones page, then log in again",
    },
    "phone_web.revoked": {
        ZH: "手机「{phone}」已被停用，不能再扫码；请找店长",
        EN: "The phone “{phone}” has been revoked and can no longer scan; ask a manager",
    },
    "phone_web.no_such_phone": {
        ZH: "没有手机「{phone}」",
        EN: "There is no phone “{phone}”",
    },
    "phone_web.amount": {ZH: "¥{amount}", EN: "¥{amount}"},
    "phone_web.station_not_allowed": {
        ZH: "你的岗位不能在手机上使用这个工作台",
        EN: "Your role cannot use this station on a phone",
    },
    "phone_web.bad_ref": {
        ZH: "扫码记录的编号不对，请刷新页面",
        EN: "The scan's reference is not valid; reload the page",
    },
    "phone_web.bad_request": {
        ZH: "手机发来的内容不完整，请刷新页面",
        EN: "The phone sent an incomplete request; reload the page",
    },
    "phone_web.photo_empty": {ZH: "没有收到照片", EN: "No photo arrived"},
    "phone_web.photo_too_large": {
        ZH: "照片太大（最多 {mb} MB），请用较小的尺寸再拍",
        EN: "The photo is too large (at most {mb} MB); take it at a smaller size",
    },
    "phone_web.photo_not_a_picture": {
        ZH: "这不是一张能打开的照片",
        EN: "This is not a picture that can be opened",
    },
    "phone_web.too_many_logins": {
        ZH: "登录失败次数太多，请 {seconds} 秒后再试",
        EN: "Too many failed log-ins: try again in {seconds} seconds",
    },
    "phone_web.no_phone_key": {
        ZH: "请先刷新页面再登录",
        EN: "Reload the page, then log in",
    },
    "phone_web.logged_out": {
        ZH: "已退出登录，请重新扫工牌登录",
        EN: "You are logged out: scan your badge to log in again",
    },
    "phone_web.csrf": {
        ZH: "页面已过期，请刷新后再扫",
        EN: "The page has expired; reload it and scan again",
    },
    "phone_web.batch_too_long": {
        ZH: "一次最多提交 {limit} 条，请分批提交",
        EN: "At most {limit} scans at a time: commit them in parts",
    },
    "phone_web.database_away": {
        ZH: "电脑暂时连不上数据库，扫码已保存在手机上，稍后自动补传",
        EN: "The PC cannot reach the database just now: the scans are kept on the phone and sent later",
    },
    "phone_web.port_taken": {
        ZH: "手机扫码服务没有启动：端口 {port} 已被其他程序占用，请在本机设置中换一个端口",
        EN: "The phone server did not start: port {port} is used by another program; choose another port in This PC",
    },
    # -- yinglou-desk serve ----------------------------------------------------------------
    "phone_web.serving": {
        ZH: "手机扫码已开启：手机连上店里的 Wi-Fi 后打开 {pairing}（先装证书），扫码页 {page}。按 Ctrl+C 停止",
        EN: "Phone scanning is on: on the studio's Wi-Fi, phones open {pairing} (to install the certificate first), the scanning page is {page}. Ctrl+C stops it",
    },
    "phone_web.fingerprint": {
        ZH: "证书指纹（SHA-256）：{fingerprint}",
        EN: "Certificate fingerprint (SHA-256): {fingerprint}",
    },
    "phone_web.stopped": {ZH: "手机扫码已停止", EN: "Phone scanning stopped"},
    # -- yinglou-desk phones ---------------------------------------------------------------
    "phone_web.status.waiting": {ZH: "待批准", EN: "waiting for approval"},
    "phone_web.status.approved": {ZH: "已批准", EN: "approved"},
    "phone_web.status.revoked": {ZH: "已停用", EN: "revoked"},
    "phone_web.list_line": {
        ZH: "{id}  {name}  {status}  最近使用 {seen}  {operator}",
        EN: "{id}  {name}  {status}  last seen {seen}  {operator}",
    },
    "phone_web.none": {ZH: "还没有手机登录过", EN: "No phone has logged in yet"},
    "phone_web.approved": {ZH: "已批准手机「{phone}」", EN: "Phone “{phone}” approved"},
    "phone_web.revoked_done": {ZH: "已停用手机「{phone}」", EN: "Phone “{phone}” revoked"},
    "phone_web.never": {ZH: "从未", EN: "never"},
    "phone_web.bad_port": {
        ZH: "「{port}」不是端口号：请写 1 到 65535 之间的数",
        EN: "“{port}” is not a port: give a number from 1 to 65535",
    },
    "phone_web.help.serve": {
        ZH: "开启手机扫码：在本机所有地址上提供加密的扫码页和证书页",
        EN: "Turn on phone scanning: the scanning page (HTTPS) and the certificate page on every address of this PC",
    },
    "phone_web.help.phones": {
        ZH: "登记过的手机：列出、批准、停用",
        EN: "Registered phones: list, approve, revoke",
    },
    "phone_web.help.list": {ZH: "列出登记过的手机", EN: "List the registered phones"},
    "phone_web.help.approve": {ZH: "批准一部手机扫码（店长）", EN: "Let a phone scan (managers)"},
    "phone_web.help.revoke": {ZH: "停用一部手机（店长）", EN: "Revoke a phone (managers)"},
}
