"""手机理件, the page on a staff phone: logging in by badge, choosing a station, scanning
with the camera, scans kept on the phone while the PC is out of reach, batch mode, 查件.

The page holds no sentence of its own: the PC sends every ``phone_page.`` entry in
the studio's language with ``GET /api/hello``, and the page fills ``{placeholders}``.
Keys start with ``phone_page.``."""

from __future__ import annotations

from yinglou_desk.catalogue._langs import EN, ZH

ENTRIES: dict[str, dict[str, str]] = {
    "phone_page.title": {ZH: "手机理件", EN: "Phone scanning"},
    "phone_page.connecting": {ZH: "正在连接电脑……", EN: "Connecting to the PC…"},
    "phone_page.unreachable": {
        ZH: "连不上店里的电脑：请确认手机连着店里的无线网，电脑上已开启手机扫码。",
        EN: "Cannot reach the studio's PC: check that this phone is on the studio's "
        "wireless network and that phone scanning is on at the PC.",
    },
    "phone_page.retry": {ZH: "重试", EN: "Retry"},
    # -- logging in -------------------------------------------------------------------------
    "phone_page.login.title": {ZH: "登录", EN: "Log in"},
    "phone_page.login.badge": {
        ZH: "把工牌上的条码对准摄像头",
        EN: "Hold your badge's barcode up to the camera",
    },
    "phone_page.login.or_password": {
        ZH: "或者用姓名和密码登录",
        EN: "Or log in with your name and password",
    },
    "phone_page.login.name": {ZH: "姓名", EN: "Name"},
    "phone_page.login.password": {ZH: "密码", EN: "Password"},
    "phone_page.login.submit": {ZH: "登录", EN: "Log in"},
    "phone_page.login.checking": {ZH: "正在登录……", EN: "Logging in…"},
    "phone_page.login.phone_name": {ZH: "这部手机的名字", EN: "This phone's name"},
    "phone_page.login.first_time": {
        ZH: "第一次在这部手机上登录：请给它起个名字，经理会在电脑上按这个名字批准它。",
        EN: "First log-in from this phone: give it a name; a manager approves it "
        "at the PC by that name.",
    },
    "phone_page.awaiting.title": {ZH: "等待经理批准", EN: "Waiting for a manager's approval"},
    "phone_page.awaiting.text": {
        ZH: "这部手机（{phone}）还没有被批准：请经理在电脑的「手机」页批准它，然后点「重试」。",
        EN: "This phone ({phone}) is not approved yet: a manager approves it on the "
        "desk's Phones page; then tap Retry.",
    },
    "phone_page.revoked": {
        ZH: "这部手机已被停用，请找经理。",
        EN: "This phone has been withdrawn; ask a manager.",
    },
    "phone_page.logout": {ZH: "退出", EN: "Log out"},
    "phone_page.who": {ZH: "{operator} · {phone}", EN: "{operator} · {phone}"},
    # -- stations ---------------------------------------------------------------------------
    "phone_page.station.title": {ZH: "选择工位", EN: "Choose a station"},
    "phone_page.station.send_out": {ZH: "发件", EN: "Send out"},
    "phone_page.station.check_in": {ZH: "回件/理件", EN: "Check in"},
    "phone_page.station.pickup_lookup": {ZH: "取件查询", EN: "Pickup lookup"},
    "phone_page.station.lookup": {ZH: "查件", EN: "Look up"},
    "phone_page.station.change": {ZH: "换工位", EN: "Change station"},
    "phone_page.station.none": {
        ZH: "你的角色在手机上没有可用的工位。",
        EN: "Your role has no station on the phone.",
    },
    "phone_page.vendor.choose": {ZH: "发往哪家厂商？", EN: "Sending to which vendor?"},
    "phone_page.vendor.current": {ZH: "发往 {vendor}", EN: "To {vendor}"},
    # -- the camera -------------------------------------------------------------------------
    "phone_page.camera.starting": {ZH: "正在打开摄像头……", EN: "Starting the camera…"},
    "phone_page.camera.aim": {ZH: "把条码对准取景框", EN: "Hold a barcode in the frame"},
    "phone_page.camera.failed": {
        ZH: "打不开摄像头：{error}。可以用「拍照」代替。",
        EN: "Cannot open the camera: {error}. Use Take a photo instead.",
    },
    "phone_page.camera.untrusted": {
        ZH: "这部手机还不信任本店的证书，网页不能直接用摄像头：请用「拍照」，"
        "或在电脑上扫二维码安装证书。",
        EN: "This phone does not trust the studio's certificate yet, so the page cannot "
        "use the camera: use Take a photo, or scan the QR code at the PC to install it.",
    },
    "phone_page.photo": {ZH: "拍照", EN: "Take a photo"},
    "phone_page.photo.reading": {ZH: "正在识别照片……", EN: "Reading the photo…"},
    "phone_page.photo.nothing": {
        ZH: "照片上没有找到条码：请靠近一些、拿稳再拍。",
        EN: "No barcode found in the photo: come closer, hold still and try again.",
    },
    "phone_page.type.placeholder": {
        ZH: "输入条码、订单号或手机后四位",
        EN: "Type a code, an order number or a phone's last four digits",
    },
    "phone_page.type.go": {ZH: "确定", EN: "OK"},
    # -- results ----------------------------------------------------------------------------
    "phone_page.outcome.accepted": {ZH: "成功", EN: "Done"},
    "phone_page.outcome.duplicate": {ZH: "重复", EN: "Repeated"},
    "phone_page.outcome.refused": {ZH: "拒绝", EN: "Refused"},
    "phone_page.result.received": {
        ZH: "本单已回 {received}/{total} 件",
        EN: "{received} of {total} items of this order back",
    },
    "phone_page.result.shelf": {ZH: "货架位 {slot}", EN: "Shelf {slot}"},
    "phone_page.result.customer": {
        ZH: "{customer}（尾号 {tail}）",
        EN: "{customer} (phone ending {tail})",
    },
    "phone_page.result.order": {ZH: "订单 {order_no}", EN: "Order {order_no}"},
    "phone_page.result.already": {
        ZH: "这次扫码之前已经记录过，没有重复记录。",
        EN: "This scan had already been recorded; it was not applied twice.",
    },
    "phone_page.result.at": {ZH: "扫码时间 {at}", EN: "Scanned at {at}"},
    # -- kept on the phone ------------------------------------------------------------------
    "phone_page.pending": {ZH: "待同步 {count}", EN: "To sync: {count}"},
    "phone_page.offline": {
        ZH: "连不上电脑：扫码已存在手机上，恢复连接后按顺序自动补发。",
        EN: "Cannot reach the PC: scans are kept on this phone and sent in order once it is back.",
    },
    "phone_page.late.title": {
        ZH: "补发后被拒绝的扫码",
        EN: "Scans refused when they were sent later",
    },
    "phone_page.late.clear": {ZH: "知道了", EN: "Understood"},
    "phone_page.logged_out": {
        ZH: "登录已过期，请重新登录；没发出的扫码仍保存在手机上。",
        EN: "Your log-in has expired; log in again. Unsent scans are still on this phone.",
    },
    # -- batch mode -------------------------------------------------------------------------
    "phone_page.batch.toggle": {ZH: "批量模式", EN: "Batch mode"},
    "phone_page.batch.count": {
        ZH: "已扫 {count} 件，核对后提交",
        EN: "{count} scanned; check, then submit",
    },
    "phone_page.batch.submit": {ZH: "提交", EN: "Submit"},
    "phone_page.batch.submitting": {ZH: "正在提交……", EN: "Submitting…"},
    "phone_page.batch.remove": {ZH: "删除", EN: "Remove"},
    "phone_page.batch.empty": {ZH: "还没有扫码", EN: "Nothing scanned yet"},
    "phone_page.batch.waiting": {ZH: "待提交", EN: "Not submitted"},
    "phone_page.batch.queued": {ZH: "已提交，等待电脑", EN: "Submitted, waiting for the PC"},
    "phone_page.batch.clear": {ZH: "清空结果", EN: "Clear results"},
    # -- 查件 / 取件查询 ---------------------------------------------------------------------
    "phone_page.lookup.nothing": {
        ZH: "没有找到订单：{code}",
        EN: "No order found: {code}",
    },
    "phone_page.lookup.ready": {ZH: "可取 {ready}/{total} 件", EN: "{ready} of {total} ready"},
    "phone_page.lookup.balance": {ZH: "尾款 {balance}", EN: "Balance {balance}"},
    "phone_page.lookup.slot": {ZH: "货架位 {slot}", EN: "Shelf {slot}"},
    "phone_page.error": {ZH: "出错了：{message}", EN: "Something went wrong: {message}"},
}
