"""Logging in, badges, passwords, roles and who may do what."""

from __future__ import annotations

from yinglou_desk.catalogue._langs import EN, ZH

ENTRIES: dict[str, dict[str, str]] = {
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
    "auth.refused": {ZH: "{reason}（未做任何更改）", EN: "{reason} (nothing was changed)"},
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
    "staff.name_empty": {ZH: "员工姓名不能为空", EN: "The operator's name is empty"},
    "staff.unknown_role": {
        ZH: "未知角色 {role}，可选：sorter、desk、manager、admin",
        EN: "Unknown role {role}; choose sorter, desk, manager or admin",
    },
    "staff.password_too_short": {
        ZH: "密码至少 4 位",
        EN: "The password must have at least 4 characters",
    },
    "staff.exists": {ZH: "员工 {name} 已存在", EN: "Operator {name} already exists"},
    "staff.no_active": {ZH: "没有在职员工 {name}", EN: "No active operator named {name}"},
    "staff.badge_invalid": {ZH: "工牌无效", EN: "Invalid badge"},
    "staff.not_a_badge": {ZH: "这不是员工工牌", EN: "This is not an operator badge"},
    "staff.badge_unknown": {ZH: "工牌未登记或已停用", EN: "Badge unknown or disabled"},
}
