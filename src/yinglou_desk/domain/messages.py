"""Every sentence the program says to staff, in Chinese and English.

Code elsewhere refers to a message by key and fills its ``{placeholders}``;
the language is chosen once per process (``YINGLOU_LANG``, default Chinese).
"""

from __future__ import annotations

import os

ZH = "zh"
EN = "en"

MESSAGES: dict[str, dict[str, str]] = {
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
    "settings.unknown": {
        ZH: "未知设置：{names}；可以设置的有：{known}",
        EN: "Unknown setting: {names}; the settings are: {known}",
    },
    "settings.not_bool": {
        ZH: "{setting} 只能是 true 或 false",
        EN: "{setting} must be true or false",
    },
    "settings.not_text": {ZH: "{setting} 须为文字", EN: "{setting} must be text"},
    "settings.too_long": {
        ZH: "{setting} 最多 {limit} 个字",
        EN: "{setting} takes at most {limit} characters",
    },
    "settings.template_braces": {
        ZH: "{setting} 的花括号不成对。可用的字段：{fields}",
        EN: "{setting} has unbalanced braces. Fields you can use: {fields}",
    },
    "settings.template_field": {
        ZH: "{setting} 里的 {field} 不能用。可用的字段：{fields}",
        EN: "{setting} cannot use {field}. Fields you can use: {fields}",
    },
    "settings.template_format": {
        ZH: "{setting} 里的 {field} 带有格式说明，请只写字段名。可用的字段：{fields}",
        EN: "{setting}: {field} carries a format spec; write the field name only. Fields you can use: {fields}",
    },
    "settings.out_of_range": {
        ZH: "{setting} 须为 {low} 到 {high} 之间的整数",
        EN: "{setting} must be a whole number from {low} to {high}",
    },
    "settings.bad_headers": {
        ZH: '{setting} 须为 {{"名称": "值"}} 形式的 JSON，最多 20 项',
        EN: '{setting} must be JSON like {{"Name": "value"}}, 20 entries at most',
    },
    "settings.bad_url": {
        ZH: "{setting} 须以 http:// 或 https:// 开头",
        EN: "{setting} must start with http:// or https://",
    },
    "settings.bad_method": {
        ZH: "{setting} 只能是 {allowed}",
        EN: "{setting} must be one of {allowed}",
    },
    # -- who may act (services and the command line) ------------------------------------
    "login.wrong": {ZH: "姓名或密码不对", EN: "Wrong name or password"},
    "login.locked": {
        ZH: "密码错误次数过多，账号已锁定，请 {minutes} 分钟后再试或扫工牌登录",
        EN: "Account locked for {minutes} min after repeated wrong passwords; try later or scan your badge",
    },
    "auth.login_first": {
        ZH: "请先登录：此操作须由已登录的员工执行",
        EN: "Please log in first: this must be done by a logged-in operator",
    },
    "auth.not_permitted": {
        ZH: "{name}（{role}）无权执行此操作：{permission}",
        EN: "{name} ({role}) is not permitted to do this: {permission}",
    },
    "auth.admin_required": {
        ZH: "已有管理员账号：员工账号只能由管理员本人验证身份后管理",
        EN: "An administrator exists: only an administrator who proves it may manage staff accounts",
    },
    "auth.operator_needed": {
        ZH: "此命令须由员工本人执行：请加 --operator 姓名，并提供该员工的密码",
        EN: "This command acts for an operator: add --operator NAME and give their password",
    },
    "auth.admin_needed": {
        ZH: "已有管理员账号：请加 --operator 管理员姓名，并提供其密码",
        EN: "An administrator exists: add --operator ADMIN_NAME and give their password",
    },
    "auth.password_needed": {
        ZH: "需要 {name} 的密码：请在终端中运行以输入密码，或加 --password-stdin（从标准输入读一行），或设环境变量 YINGLOU_PASSWORD",
        EN: "The password of {name} is needed: run this in a terminal to type it, or add --password-stdin (one line on stdin), or set YINGLOU_PASSWORD",
    },
    "auth.password_needed_stdin_taken": {
        ZH: "需要 {name} 的密码：标准输入已用于新员工的密码，请在终端中运行以输入密码，或设环境变量 YINGLOU_PASSWORD",
        EN: "The password of {name} is needed: stdin already carries the new operator's password, so run this in a terminal to type it, or set YINGLOU_PASSWORD",
    },
    "auth.password_prompt": {ZH: "{name} 的密码：", EN: "Password of {name}: "},
    "auth.failed": {
        ZH: "身份验证失败：{reason}（未做任何更改）",
        EN: "Authentication failed: {reason} (nothing was changed)",
    },
    "auth.refused": {
        ZH: "{reason}（未做任何更改）",
        EN: "{reason} (nothing was changed)",
    },
    "auth.cannot_verify": {
        ZH: "无法打开数据库以验证身份：{error}（未做任何更改）",
        EN: "Cannot open the database to check who you are: {error} (nothing was changed)",
    },
    "operator.unknown": {
        ZH: "没有名为 {name} 的员工（用 yinglou-desk user add 添加）",
        EN: "No operator named {name} (add one with yinglou-desk user add)",
    },
    "operator.disabled": {
        ZH: "员工 {name} 已停用，不能扫描",
        EN: "Operator {name} is disabled and may not scan",
    },
    # -- text that does not fit -------------------------------------------------------------
    "text.too_long": {
        ZH: "{what}过长：最多 {limit} 个字符，这里有 {length} 个",
        EN: "{what} is too long: {limit} characters at most, this one has {length}",
    },
    "field.operator_name": {ZH: "员工姓名", EN: "The operator's name"},
    "field.vendor_name": {ZH: "厂商名称", EN: "The vendor's name"},
    "field.product": {ZH: "产品名称", EN: "The product's name"},
    "field.importer": {ZH: "导入人姓名", EN: "The importer's name"},
    "date.out_of_range": {
        ZH: "日期 {value} 超出范围：须在 {first} 到 {last} 之间",
        EN: "The date {value} is out of range: it must lie between {first} and {last}",
    },
    "import.conflict": {
        ZH: "另一处刚刚导入了相同的订单或条码；本次未写入任何数据，请重新检查后再导入",
        EN: "The same orders or codes were just imported elsewhere; nothing was written, check the sheet again",
    },
    # -- the command line's own troubles ----------------------------------------------------
    "file.unreadable": {
        ZH: "无法读取文件 {path}：{error}",
        EN: "Cannot read the file {path}: {error}",
    },
    "cli.output_is_folder": {
        ZH: "输出位置是一个文件夹，请给出文件名：{path}",
        EN: "The output is a folder; give a file name: {path}",
    },
    "cli.output_folder_missing": {
        ZH: "输出文件所在的目录不存在：{path}",
        EN: "The output's folder does not exist: {path}",
    },
    "cli.output_failed": {
        ZH: "无法写入 {path}：{error}",
        EN: "Cannot write {path}: {error}",
    },
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
    # -- backup, restore and who has the database open ----------------------------------------
    "backup.help.backup": {ZH: "备份数据库", EN: "back up the database"},
    "backup.help.output": {
        ZH: "备份文件（默认：数据库旁的 backups 文件夹）",
        EN: "the backup file (default: the backups folder beside the database)",
    },
    "backup.help.restore": {ZH: "从备份恢复", EN: "restore a backup"},
    "backup.help.file": {ZH: "要恢复的备份文件", EN: "the backup file to restore"},
    "backup.done": {ZH: "已备份到 {path}", EN: "Backed up to {path}"},
    "backup.restored": {ZH: "已从 {source} 恢复", EN: "Restored from {source}"},
    "backup.restored_kept": {
        ZH: "已从 {source} 恢复；原数据库已保留为 {kept}",
        EN: "Restored from {source}; the replaced database is kept as {kept}",
    },
    "backup.restored_upgraded": {
        ZH: "备份的数据库版本 {old} 已升级到 {new}",
        EN: "The backup's schema version {old} was upgraded to {new}",
    },
    "backup.nothing_changed": {
        ZH: "{reason}（未做任何更改）",
        EN: "{reason} (nothing was changed)",
    },
    "backup.list_separator": {ZH: "；", EN: "; "},
    "backup.database_missing": {
        ZH: "数据库文件不存在：{path}",
        EN: "The database file does not exist: {path}",
    },
    "backup.file_missing": {ZH: "找不到备份文件：{path}", EN: "Backup file not found: {path}"},
    "backup.cannot_read": {ZH: "无法读取 {path}：{error}", EN: "Cannot read {path}: {error}"},
    "backup.not_sqlite": {
        ZH: "{name} 不是 SQLite 数据库文件",
        EN: "{name} is not an SQLite database file",
    },
    "backup.damaged": {ZH: "{name} 已损坏：{detail}", EN: "{name} is damaged: {detail}"},
    "backup.not_yinglou": {
        ZH: "{name} 不是影楼客件追踪的数据库",
        EN: "{name} is not a yinglou-desk database",
    },
    "backup.unreadable": {
        ZH: "{name} 无法作为数据库打开：{error}",
        EN: "{name} cannot be opened as a database: {error}",
    },
    "backup.target_is_folder": {
        ZH: "备份位置是一个文件夹，请给出文件名：{path}",
        EN: "The backup target is a folder; give a file name: {path}",
    },
    "backup.target_is_database": {
        ZH: "不能把备份写到 {path}：那就是数据库 {database} 或它的 -wal/-shm/-journal 文件；请另选文件名",
        EN: "Cannot write the backup to {path}: that is the database {database} or one of its -wal/-shm/-journal files; choose another file name",
    },
    "backup.failed": {
        ZH: "备份到 {path} 失败：{error}（没有留下不完整的文件）",
        EN: "The backup to {path} failed: {error} (no incomplete file was left behind)",
    },
    "backup.pg_dump_missing": {
        ZH: "没有找到 pg_dump：请在这台电脑上安装 PostgreSQL 客户端（Debian：apt-get install postgresql-client），或由数据库服务器备份",
        EN: "pg_dump was not found: install the PostgreSQL client on this PC (Debian: apt-get install postgresql-client), or back up on the database server",
    },
    "backup.pg_dump_failed": {ZH: "pg_dump 失败：{error}", EN: "pg_dump failed: {error}"},
    "backup.restore_sqlite_only": {
        ZH: "恢复只支持 SQLite 数据库；PostgreSQL 请用 pg_restore",
        EN: "Restore works on SQLite databases only; for PostgreSQL use pg_restore",
    },
    "backup.restore_from_itself": {
        ZH: "备份文件 {path} 就是当前数据库（或它的附属文件），不能用它恢复自己",
        EN: "The backup file {path} is the live database (or one of its files); it cannot restore itself",
    },
    "backup.newer_revision": {
        ZH: "备份来自更新版本的程序（数据库版本 {revision}），请先升级程序",
        EN: "The backup comes from a newer version of the program (schema version {revision}); upgrade the program first",
    },
    "backup.no_revision": {
        ZH: "{name} 没有记录数据库版本，无法确认它的结构",
        EN: "{name} records no schema version; its structure cannot be checked",
    },
    "backup.schema_mismatch": {
        ZH: "{name} 的结构与本程序数据库版本 {revision} 的结构不一致（可能被其他程序改过）：{differences}",
        EN: "The structure of {name} differs from this program's schema version {revision} (another program may have changed it): {differences}",
    },
    "backup.diff.more": {ZH: "等共 {count} 处不同", EN: "{count} differences in all"},
    "backup.diff.extra_table": {ZH: "多了表 {name}", EN: "extra table {name}"},
    "backup.diff.missing_table": {ZH: "缺少表 {name}", EN: "missing table {name}"},
    "backup.diff.extra_column": {
        ZH: "表 {table} 多了列 {name}",
        EN: "extra column {name} in table {table}",
    },
    "backup.diff.missing_column": {
        ZH: "表 {table} 缺少列 {name}",
        EN: "missing column {name} in table {table}",
    },
    "backup.diff.changed_column": {
        ZH: "表 {table} 的列 {name} 定义不同",
        EN: "column {name} of table {table} is defined differently",
    },
    "backup.diff.column_order": {
        ZH: "表 {table} 的列顺序不同",
        EN: "the columns of table {table} are in another order",
    },
    "backup.diff.changed_foreign_keys": {
        ZH: "表 {table} 的外键不同",
        EN: "the foreign keys of table {table} differ",
    },
    "backup.diff.extra_index": {ZH: "多了索引 {name}", EN: "extra index {name}"},
    "backup.diff.missing_index": {ZH: "缺少索引 {name}", EN: "missing index {name}"},
    "backup.diff.changed_index": {ZH: "索引 {name} 不同", EN: "index {name} differs"},
    "backup.diff.extra_trigger": {ZH: "多了触发器 {name}", EN: "extra trigger {name}"},
    "backup.diff.missing_trigger": {ZH: "缺少触发器 {name}", EN: "missing trigger {name}"},
    "backup.diff.changed_trigger": {ZH: "触发器 {name} 不同", EN: "trigger {name} differs"},
    "backup.diff.extra_view": {ZH: "多了视图 {name}", EN: "extra view {name}"},
    "backup.diff.missing_view": {ZH: "缺少视图 {name}", EN: "missing view {name}"},
    "backup.diff.changed_view": {ZH: "视图 {name} 不同", EN: "view {name} differs"},
    "backup.schema_unavailable": {
        ZH: "无法建立数据库版本 {revision} 的参照结构：{error}",
        EN: "Cannot build the reference structure of schema version {revision}: {error}",
    },
    "backup.upgrade_failed": {
        ZH: "无法把备份从数据库版本 {revision} 升级到当前版本：{error}",
        EN: "Cannot upgrade the backup from schema version {revision} to the current one: {error}",
    },
    "backup.restore_failed": {ZH: "恢复失败：{error}", EN: "The restore failed: {error}"},
    "backup.in_use": {
        ZH: "数据库正在使用中：{holders}；请先关闭这些程序再恢复",
        EN: "The database is in use: {holders}; close these programs before restoring",
    },
    "backup.in_use_starting": {
        ZH: "数据库正在使用中（有程序正在启动）；请稍后再试",
        EN: "The database is in use (a program is starting); try again in a moment",
    },
    "backup.in_use_unknown": {
        ZH: "无法确认数据库是否正在使用（{path}：{error}），因此没有恢复",
        EN: "Cannot tell whether the database is in use ({path}: {error}), so nothing was restored",
    },
    "backup.holder": {
        ZH: "{workstation} 上的{program}（进程 {pid}，自 {since} 起）",
        EN: "{program} on {workstation} (process {pid}, since {since})",
    },
    "backup.holder_on_host": {
        ZH: "{workstation} 上的{program}（电脑 {host}，进程 {pid}，自 {since} 起）",
        EN: "{program} on {workstation} (computer {host}, process {pid}, since {since})",
    },
    "backup.holder_unknown": {
        ZH: "一个无法识别的程序（{file}）",
        EN: "an unidentified program ({file})",
    },
    "backup.kind.desk": {ZH: "桌面程序", EN: "the desk program"},
    "backup.kind.listen": {ZH: "扫描枪监听程序", EN: "the scanner listener"},
    "backup.kind.restore": {ZH: "恢复程序", EN: "a restore"},
    "backup.restoring": {
        ZH: "正在从备份恢复数据库 {database}，请等恢复完成后再启动",
        EN: "The database {database} is being restored from a backup; start again once the restore is done",
    },
}

STATE_NAMES: dict[str, dict[str, str]] = {
    "registered": {ZH: "未发件", EN: "not sent"},
    "sent_out": {ZH: "在厂商", EN: "at vendor"},
    "ready": {ZH: "已回件待取", EN: "ready"},
    "picked_up": {ZH: "已取件", EN: "picked up"},
    "rework": {ZH: "返工", EN: "rework"},
    "cancelled": {ZH: "已取消", EN: "cancelled"},
}

PROGRESS_NAMES: dict[str, dict[str, str]] = {
    "not_started": {ZH: "未开始", EN: "not started"},
    "in_production": {ZH: "制作中", EN: "in production"},
    "partly_ready": {ZH: "部分回件", EN: "partly ready"},
    "ready": {ZH: "全部到齐", EN: "ready"},
    "partly_picked_up": {ZH: "部分取件", EN: "partly picked up"},
    "completed": {ZH: "已完成", EN: "completed"},
}

STATION_NAMES: dict[str, dict[str, str]] = {
    "send-out": {ZH: "发件", EN: "send-out"},
    "check-in": {ZH: "回件", EN: "check-in"},
    "pickup": {ZH: "取件", EN: "pickup"},
}

ROLE_NAMES: dict[str, dict[str, str]] = {
    "sorter": {ZH: "理件员", EN: "sorter"},
    "desk": {ZH: "门市", EN: "front desk"},
    "manager": {ZH: "店长", EN: "manager"},
    "admin": {ZH: "管理员", EN: "administrator"},
}


def current_language() -> str:
    lang = os.environ.get("YINGLOU_LANG", ZH).lower()
    return EN if lang.startswith("en") else ZH


def text(key: str, lang: str | None = None, **params: object) -> str:
    """The message ``key`` in ``lang`` with its placeholders filled."""
    entry = MESSAGES[key]
    template = entry[lang or current_language()]
    return template.format_map(_Lenient(params))


def name_of(table: dict[str, dict[str, str]], value: str, lang: str | None = None) -> str:
    entry = table.get(value)
    return entry[lang or current_language()] if entry else value


class _Lenient(dict[str, object]):
    """Leaves an unknown placeholder visible instead of failing a scan message."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
