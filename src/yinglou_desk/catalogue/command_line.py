"""What the command line says of itself: its arguments, outputs and databases."""

from __future__ import annotations

from ._langs import EN, ZH

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
}
