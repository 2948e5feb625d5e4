"""What the command line says of itself: its arguments, outputs and databases."""

from __future__ import annotations

from yinglou_desk.catalogue._langs import EN, ZH

ENTRIES: dict[str, dict[str, str]] = {
    "cli.output_is_folder": {
        ZH: "输出位置是一个文件夹，请给出文件名：{path}",
        EN: "The output is a folder; give a file name: {path}",
    },
    "cli.output_folder_missing": {
        ZH: "输出文件所在的目录不存在：{path}",
        EN: "The output's folder does not exist: {path}",
    },
    "cli.output_failed": {ZH: "无法写入 {path}：{error}", EN: "Cannot write {path}: {error}"},
    "cli.db_not_yinglou": {
        ZH: "无法打开数据库 {url}：这不是数据库文件",
        EN: "Cannot open the database {url}: this is not a database file",
    },
    "cli.db_cannot_open": {
        ZH: "无法打开数据库 {url}：{error}",
        EN: "Cannot open the database {url}: {error}",
    },
    "cli.db_unknown_version": {
        ZH: "无法打开数据库 {url}：它由更新版本的程序或其他程序建立（{error}）",
        EN: "Cannot open the database {url}: a newer version or another program made it ({error})",
    },
    "cli.desk_could_not_start": {
        ZH: "桌面程序没能启动：\n\n{said}\n\n详细记录在 {log}。可以在命令行运行 yinglou-desk-cli doctor 自检，把结果发给技术人员。",
        EN: "The desk could not start:\n\n{said}\n\nThe details are in {log}. Run yinglou-desk-cli doctor for a self-check and send the result to IT.",
    },
    "cli.db_driver_missing": {
        ZH: "这台电脑没有装连接 PostgreSQL 数据库的组件：{url}。请安装 yinglou-desk[postgres]（安装包已自带），或改用 SQLite 文件",
        EN: "This PC has no driver for the PostgreSQL database {url}. Install yinglou-desk[postgres] (the installer includes it), or use an SQLite file",
    },
    "cli.db_bad_url": {
        ZH: "数据库地址无效：{url}（可用 SQLite 文件路径，或 postgresql+psycopg://用户@主机/库名）",
        EN: "Invalid database address: {url} (use an SQLite file path or postgresql+psycopg://user@host/db)",
    },
    "help.operator": {
        ZH: "以此员工身份执行（须提供其密码）",
        EN: "act as this operator (their password is needed)",
    },
    "help.password_stdin": {
        ZH: "从标准输入读取该员工的密码（一行）；也可用 YINGLOU_PASSWORD 或在终端中输入",
        EN: "read that operator's password from stdin (one line); or YINGLOU_PASSWORD, or the terminal prompt",
    },
    "help.user_operator": {
        ZH: "执行此操作的管理员（已有管理员时必须给出，其密码在终端中输入或用 YINGLOU_PASSWORD）",
        EN: "the admin doing this (required once an admin exists; password from the terminal prompt or YINGLOU_PASSWORD)",
    },
    "cli.argument_not_text": {
        ZH: "参数不是有效的文字（编码不对？）：{argument}",
        EN: "An argument is not valid text (wrong encoding?): {argument}",
    },
    "cli.internal_error": {
        ZH: "程序出错：{error}，详情已写入 {log}",
        EN: "Program error: {error}; the details are in {log}",
    },
    "cli.interrupted": {ZH: "已中断", EN: "Interrupted"},
    "cli.not_available": {
        ZH: "「{command}」在此版本中尚未提供",
        EN: "“{command}” is not available in this version",
    },
    "cli.db_unavailable": {
        ZH: "数据库暂时无法使用：{error}",
        EN: "The database is unavailable right now: {error}",
    },
    "cli.list_sep": {ZH: "、", EN: ", "},
    "cli.comma_sep": {ZH: "，", EN: ", "},
    # argparse's own words: headings, usage, errors
    "cli.args.usage": {ZH: "用法：", EN: "usage: "},
    "cli.args.positionals": {ZH: "位置参数", EN: "positional arguments"},
    "cli.args.options": {ZH: "选项", EN: "options"},
    "cli.args.error": {ZH: "{prog}: 错误：{message}", EN: "{prog}: error: {message}"},
    "cli.args.required": {
        ZH: "缺少必需的参数：{names}",
        EN: "these arguments are required: {names}",
    },
    "cli.args.unrecognized": {ZH: "无法识别的参数：{names}", EN: "unrecognised arguments: {names}"},
    "cli.args.ambiguous": {
        ZH: "选项 {option} 不明确，可能是：{matches}",
        EN: "the option {option} is ambiguous; it could be {matches}",
    },
    "cli.args.argument": {ZH: "参数 {argument}：{problem}", EN: "argument {argument}: {problem}"},
    "cli.args.invalid_choice": {
        ZH: "无效的选择：{value}（可选：{choices}）",
        EN: "invalid choice: {value} (choose from {choices})",
    },
    "cli.args.not_a_number": {ZH: "不是整数：{value}", EN: "not a whole number: {value}"},
    "cli.args.invalid_value": {
        ZH: "无效的 {type} 值：{value}",
        EN: "invalid {type} value: {value}",
    },
    "cli.args.expected_one": {ZH: "需要一个值", EN: "expected one value"},
    "cli.args.expected_at_most_one": {ZH: "最多一个值", EN: "expected at most one value"},
    "cli.args.expected_at_least_one": {ZH: "至少需要一个值", EN: "expected at least one value"},
    "cli.args.expected_n": {ZH: "需要 {n} 个值", EN: "expected {n} values"},
    "cli.args.not_allowed_with": {
        ZH: "不能与参数 {other} 同时使用",
        EN: "not allowed with the argument {other}",
    },
    "cli.args.ignored_value": {ZH: "多余的值：{value}", EN: "a value that is not taken: {value}"},
    # what the parser says of the program and each command
    "help.program": {
        ZH: "影楼客件追踪：发件、回件、理件、取件，全程扫码。",
        EN: "Yinglou desk: send-out, check-in, sorting and pickup, every move a scan.",
    },
    "help.help": {ZH: "显示帮助并退出", EN: "show this help and exit"},
    "help.version": {ZH: "显示版本号并退出", EN: "show the program's version and exit"},
    "help.db": {
        ZH: "数据库 URL 或 SQLite 文件路径（默认：用户数据目录中的 SQLite 文件；也可用 YINGLOU_DB）",
        EN: "database URL or SQLite file path (default: the SQLite file in the user's data folder; or YINGLOU_DB)",
    },
    "help.gui": {ZH: "打开桌面程序", EN: "open the desk window"},
    "help.lang": {
        ZH: "语言：zh 中文（默认）或 en 英文；也可设 YINGLOU_LANG",
        EN: "language: zh Chinese (the default) or en English; or set YINGLOU_LANG",
    },
    "help.gui_lang": {
        ZH: "界面语言（默认 zh：中文）",
        EN: "the window's language (default zh: Chinese)",
    },
    "help.gui_serial": {
        ZH: "串口扫描枪，可重复；也可用 YINGLOU_SERIAL_SCANNERS（逗号分隔）",
        EN: "a serial scanner, repeatable; or YINGLOU_SERIAL_SCANNERS (comma-separated)",
    },
    "help.db_group": {ZH: "数据库维护", EN: "database maintenance"},
    "help.db_upgrade": {
        ZH: "升级数据库结构到最新",
        EN: "upgrade the database to the latest schema",
    },
    "help.demo": {ZH: "生成演示数据", EN: "create demo data"},
    "help.user": {ZH: "员工账号", EN: "operator accounts"},
    "help.user_add": {ZH: "添加员工", EN: "add an operator"},
    "help.user_disable": {ZH: "停用员工（离职）", EN: "disable an operator who has left"},
    "help.user_new_badge": {
        ZH: "补办工牌（旧工牌立即失效）",
        EN: "issue a new badge (the old one stops working at once)",
    },
    "help.user_badge": {ZH: "生成员工工牌", EN: "render an operator's badge"},
    "help.user_list": {
        ZH: "列出员工：姓名、角色、是否在职、工牌条码",
        EN: "list the staff: name, role, active or not, badge code",
    },
    "help.vendor": {ZH: "厂商", EN: "vendors"},
    "help.vendor_add": {ZH: "添加或修改厂商", EN: "add or update a vendor"},
    "help.vendor_product": {
        ZH: "只对这个产品生效的制作周期",
        EN: "a turnaround for this product only",
    },
    "help.import": {ZH: "导入", EN: "import"},
    "help.import_orders": {
        ZH: "从订单表导入订单（.xlsx、.xls、.ods 或 .csv）",
        EN: "import orders from an order sheet (.xlsx, .xls, .ods or .csv)",
    },
    "help.apply_changes": {
        ZH: "把表中与数据库不同的内容也写入（先不加此项看一遍修改清单）",
        EN: "also write the fields the sheet has differently (look at the list without it first)",
    },
    "help.importer": {ZH: "记录为导入人", EN: "recorded as the importer"},
    "help.scan": {
        ZH: "扫描条码（参数或标准输入每行一个）",
        EN: "scan codes (given as arguments, or one per line on stdin)",
    },
    "help.show": {
        ZH: "查件：订单号、条码、姓名或电话后 4 位",
        EN: "find an order: order number, code, name or the phone's last 4 digits",
    },
    "help.listen": {
        ZH: "串口扫描枪监听（无界面）",
        EN: "listen to a serial scanner (no window)",
    },
    "help.listen_journal": {ZH: "离线扫描日志文件", EN: "the offline scan journal file"},
    "help.labels": {ZH: "打印条码标签", EN: "print item labels"},
    "help.labels_item": {ZH: "单件货品的标签（可重复）", EN: "one item's label (repeatable)"},
    "help.labels_batch": {ZH: "一个发件批次的全部标签", EN: "every label of one send-out batch"},
    "help.labels_unlabelled": {ZH: "全部尚未打印标签的货品", EN: "every item not yet labelled"},
    "help.export": {ZH: "导出", EN: "export"},
    "help.export_reconciliation": {
        ZH: "厂商对账导出",
        EN: "export a vendor's items for month-end reconciliation",
    },
    "help.reconcile": {ZH: "核对厂商对账单", EN: "check a vendor's statement"},
    "help.due": {
        ZH: "待办：逾期、待通知、待取件",
        EN: "what is due: overdue items, customers to tell, pickups",
    },
    "help.notify": {ZH: "客户通知", EN: "customer messages"},
    "help.notify_send": {ZH: "发送待发短信", EN: "send the queued messages"},
    "help.notify_export": {ZH: "导出待发短信", EN: "export the queued messages"},
    "help.notify_remind": {
        ZH: "为久未取件的订单排队二次提醒",
        EN: "queue second reminders for orders long uncollected",
    },
    "help.settings": {ZH: "门店设置", EN: "studio settings"},
    "help.settings_show": {ZH: "显示设置", EN: "show the settings"},
    "help.settings_set": {
        ZH: "修改一项设置（值为 JSON 或文字）",
        EN: "change one setting (the value is JSON or text)",
    },
    "help.customer": {ZH: "客户资料", EN: "customer data"},
    "help.customer_export": {ZH: "导出一位客户的全部资料", EN: "export all of one customer's data"},
    "help.customer_erase": {
        ZH: "删除一位客户的个人资料",
        EN: "erase one customer's personal data",
    },
    "help.confirm_erase": {ZH: "确认删除", EN: "confirm the erasure"},
    # shared by several commands
    "cli.unknown_vendor": {
        ZH: "没有名为 {name} 的厂商（用 yinglou-desk vendor add 添加）",
        EN: "There is no vendor named {name} (add one with yinglou-desk vendor add)",
    },
    "cli.output_not_xlsx": {
        ZH: "输出文件须为 .xlsx：{path}",
        EN: "The output must be an .xlsx file: {path}",
    },
    # db, demo, user, vendor, import, scan, show
    "cli.db_current": {
        ZH: "数据库已是最新版本 {revision}：{url}",
        EN: "The database is at the latest version {revision}: {url}",
    },
    "cli.demo_orders_range": {
        ZH: "--orders 须在 1 到 2000000 之间",
        EN: "--orders must be between 1 and 2000000",
    },
    "cli.demo_progress": {ZH: "生成演示数据", EN: "Creating demo data"},
    "cli.demo_done": {
        ZH: "已生成 {orders} 个订单、{items} 件货品、{scans} 条扫描记录",
        EN: "Created {orders} orders, {items} items and {scans} scan records",
    },
    "cli.demo_account": {
        ZH: "演示账号：{name}（{role}）密码 {password}，工牌条码 {badge}",
        EN: "Demo account: {name} ({role}), password {password}, badge code {badge}",
    },
    "cli.user_added": {ZH: "已添加员工 {name}（{role}）", EN: "Added the operator {name} ({role})"},
    "cli.user_disabled": {ZH: "已停用员工 {name}", EN: "Disabled the operator {name}"},
    "cli.badge_renewed": {
        ZH: "已为 {name} 补办工牌，旧工牌已失效（用 yinglou-desk user badge 打印）",
        EN: "Issued a new badge for {name}; the old one no longer works (print it with yinglou-desk user badge)",
    },
    "cli.product_needs_days": {
        ZH: "--product 需要同时给出 --turnaround-days",
        EN: "--product needs --turnaround-days as well",
    },
    "cli.product_turnaround": {
        ZH: "{vendor} 的「{product}」制作周期为 {days} 天",
        EN: "{vendor} makes “{product}” in {days} days",
    },
    "cli.vendor_added": {
        ZH: "已添加厂商 {name}，制作周期 {days} 天",
        EN: "Added the vendor {name}, turnaround {days} days",
    },
    "cli.vendor_exists": {
        ZH: "已存在厂商 {name}，制作周期 {days} 天",
        EN: "The vendor {name} exists, turnaround {days} days",
    },
    "cli.import_progress": {ZH: "导入", EN: "Importing"},
    "cli.import_refused": {
        ZH: "导入被拒绝：{n} 处错误，未写入任何数据",
        EN: "Import refused: {n} errors, nothing was written",
    },
    "cli.import_checked": {
        ZH: "检查通过（未写入）：{counts}",
        EN: "Checked, nothing written: {counts}",
    },
    "cli.import_done": {ZH: "已导入：{counts}", EN: "Imported: {counts}"},
    "cli.import_new_vendors": {ZH: "，新建厂商 {vendors}", EN: "; new vendors: {vendors}"},
    "cli.import_barcodes": {ZH: "，自动生成条码 {n} 个", EN: "; {n} barcodes generated"},
    "cli.scans_refused": {ZH: "{n} 次扫描被拒绝", EN: "Scans refused: {n}"},
    "cli.overdue_mark": {ZH: "【逾期】", EN: "[overdue]"},
    "cli.no_order_found": {
        ZH: "没有找到与「{query}」相符的订单",
        EN: "No order matches “{query}”",
    },
    # customer export / erase
    "cli.customer_exported": {
        ZH: "已导出客户资料到 {path}",
        EN: "Exported the customer's data to {path}",
    },
    "cli.erase_needs_yes": {
        ZH: "删除客户资料不可撤销：确认请加 --yes",
        EN: "Erasing a customer's data cannot be undone: add --yes to confirm",
    },
    "cli.customer_erased": {
        ZH: "已删除客户 #{id} 的个人资料；订单与货品记录已匿名保留",
        EN: "Erased the personal data of customer #{id}; the orders and items are kept, anonymised",
    },
    # due, notify, settings
    "cli.due.overdue_at_vendor": {
        ZH: "逾期未回（按厂商）",
        EN: "Overdue at the vendor (by vendor)",
    },
    "cli.due.due_back_soon": {ZH: "即将回件", EN: "Due back soon"},
    "cli.due.ready_not_notified": {ZH: "已到齐未通知", EN: "Ready, customer not told"},
    "cli.due.uncollected": {ZH: "已通知未取件", EN: "Told, not collected"},
    "cli.due.pickups_due": {
        ZH: "承诺取件日将到但未到齐",
        EN: "Pickup date near, items still missing",
    },
    "cli.due.heading": {ZH: "{title}：{n}", EN: "{title}: {n}"},
    "cli.due.capped": {
        ZH: "    （只列出最早的 {shown} 条，共 {total} 条）",
        EN: "    (only the earliest {shown} of {total} are listed)",
    },
    "cli.due.overdue": {ZH: "逾期 {days} 天", EN: "{days} days overdue"},
    "cli.due.expected": {ZH: "预计 {date}", EN: "due {date}"},
    "cli.due.stage": {ZH: "（{stage}）", EN: " ({stage})"},
    "cli.due.no_mobile": {ZH: "无手机号", EN: "no mobile number"},
    "cli.due.notification.none": {ZH: "未排队", EN: "not queued"},
    "cli.due.notification.queued": {ZH: "待发", EN: "queued"},
    "cli.due.notification.sending": {ZH: "发送中", EN: "sending"},
    "cli.due.notification.sent": {ZH: "已发送", EN: "sent"},
    "cli.due.notification.failed": {ZH: "发送失败", EN: "failed"},
    "cli.due.notification.cancelled": {ZH: "已取消", EN: "cancelled"},
    "cli.due.waiting": {
        ZH: "已等 {days} 天  二次提醒：{reminder}",
        EN: "waiting {days} days  second reminder: {reminder}",
    },
    "cli.due.reminder.none": {ZH: "未发", EN: "not sent"},
    "cli.due.late": {ZH: "【已过承诺日】", EN: " [past the promised date]"},
    "cli.due.promised": {
        ZH: "承诺 {date}{late}  缺 {n} 件",
        EN: "promised {date}{late}  {n} items missing",
    },
    "cli.sms_not_set": {
        ZH: "{error}（yinglou-desk settings set sms_url URL）",
        EN: "{error} (yinglou-desk settings set sms_url URL)",
    },
    "cli.notify_sent": {
        ZH: "已发送 {sent} 条，稍后重试 {retrying} 条，失败 {failed} 条",
        EN: "{sent} sent, {retrying} to retry later, {failed} failed",
    },
    "cli.export_csv_or_xlsx": {
        ZH: "导出文件须为 .csv 或 .xlsx",
        EN: "Export to a .csv or an .xlsx file",
    },
    "cli.notify_exported": {
        ZH: "已导出 {n} 条待发短信到 {path}（已标记为已发送）",
        EN: "Exported {n} queued messages to {path} (now marked as sent)",
    },
    "cli.reminders_queued": {
        ZH: "已为 {n} 个久未取件的订单排队二次提醒",
        EN: "Queued second reminders for {n} orders long uncollected",
    },
    "cli.unknown_setting": {
        ZH: "未知设置 {setting}；可选：{known}",
        EN: "Unknown setting {setting}; the settings are: {known}",
    },
    "cli.setting_needs_json": {
        ZH: "{setting} 需要 JSON 值，例如 {example}",
        EN: "{setting} needs a JSON value, for example {example}",
    },
    "cli.setting_wrong_type": {
        ZH: "{setting} 的值类型不对，例如 {example}",
        EN: "{setting} has a value of the wrong type; for example {example}",
    },
    "cli.setting_set": {ZH: "已设置 {setting}", EN: "{setting} is set"},
    # labels and badges
    "cli.labels_written": {
        ZH: "已生成 {n} 张标签（{where}）",
        EN: "{n} labels written ({where})",
    },
    "cli.labels_one_selection": {
        ZH: "请只给出一种：订单号、--item、--batch 或 --unlabelled",
        EN: "Give exactly one of: order numbers, --item, --batch or --unlabelled",
    },
    "cli.badge_written": {
        ZH: "已生成 {name} 的工牌（{code}）",
        EN: "Badge for {name} written ({code})",
    },
    # reconciliation
    "cli.bad_date": {
        ZH: "{flag} 日期无效：{value}（格式 YYYY-MM-DD，例：2026-03-01）",
        EN: "{flag}: invalid date {value} (write YYYY-MM-DD, e.g. 2026-03-01)",
    },
    "cli.need_both_dates": {ZH: "--from 与 --to 须同时给出", EN: "Give both --from and --to"},
    "cli.rec_exported": {
        ZH: "已导出 {vendor} {period}：{n} 件，金额合计 {total}，仍在厂 {out} 件 → {path}",
        EN: "Exported {vendor} {period}: {n} items, total {total}, {out} still at the vendor → {path}",
    },
    "cli.statement_missing": {
        ZH: "找不到对账单文件：{path}",
        EN: "Statement file not found: {path}",
    },
    "cli.rec_row": {ZH: "第{row}行", EN: "row {row}"},
    "cli.rec_period": {ZH: "（期间 {period}）", EN: " (period {period})"},
    "cli.rec_no_period": {
        ZH: "（无期间：未检查漏计费）",
        EN: " (no period: unbilled items not checked)",
    },
    "cli.rec_summary": {
        ZH: "{vendor} 对账单 {lines} 行{period}：{counts}",
        EN: "{vendor} statement, {lines} lines{period}: {counts}",
    },
    "cli.report_written": {ZH: "报告已写入 {path}", EN: "Report written to {path}"},
}
