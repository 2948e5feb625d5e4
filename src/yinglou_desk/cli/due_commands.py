"""``due``, ``notify`` and ``settings``: what needs chasing, telling or handing over today."""

from __future__ import annotations

import argparse
import json

from .. import catalogue
from .common import open_database, output_file
from .output import CliError, emit, emit_json, say

_TITLES = {
    "overdue_at_vendor": "逾期未回（按厂商）",
    "due_back_soon": "即将回件",
    "ready_not_notified": "已到齐未通知",
    "uncollected": "已通知未取件",
    "pickups_due": "承诺取件日将到但未到齐",
}


def _line(key: str, entry: dict) -> str:  # type: ignore[type-arg]
    if key in ("overdue_at_vendor", "due_back_soon"):
        late = (
            f"逾期 {entry['days_overdue']} 天"
            if entry["days_overdue"]
            else "预计 " + str(entry["expected_return"])
        )
        return f"{entry['vendor'] or '-'}  {entry['code']}  {entry['order_no']}  {entry['customer']}  {entry['product']}  {late}"
    stage = f"（{entry['stage']}）" if entry.get("stage") else ""
    if key == "ready_not_notified":
        return f"{entry['order_no']}{stage}  {entry['customer']}  {entry['phone'] or '无手机号'}  {entry['notification'] or '未排队'}"
    if key == "uncollected":
        return f"{entry['order_no']}{stage}  {entry['customer']}  已等 {entry['days_waiting']} 天  二次提醒：{entry['reminder'] or '未发'}"
    late = "【已过承诺日】" if entry["late"] else ""
    return f"{entry['order_no']}  {entry['customer']}  承诺 {entry['promised_date']}{late}  缺 {entry['items_missing']} 件"


def cmd_due(args: argparse.Namespace) -> int:
    from ..services.due import due_lists

    lists = due_lists(open_database(args))
    if args.json:
        emit_json(lists.to_json())
        return 0
    for key, title in _TITLES.items():
        entries = getattr(lists, key)
        emit(f"{title}：{len(entries)}")
        for entry in entries:
            emit("    " + _line(key, entry))
    return 0


def cmd_notify_send(args: argparse.Namespace) -> int:
    from ..services.notifications import send_queued
    from ..services.sms import HttpSmsChannel
    from ..services.studio_settings import load_settings

    engine = open_database(args)
    with engine.connect() as conn:
        settings = load_settings(conn)
    try:
        channel = HttpSmsChannel(settings)
    except ValueError as error:
        raise CliError(f"{error}（yinglou-desk settings set sms_url URL）", 2) from None
    report = send_queued(engine, channel)
    if args.json:
        emit_json({"sent": report.sent, "retrying": report.retrying, "failed": report.failed})
    say(f"已发送 {report.sent} 条，稍后重试 {report.retrying} 条，失败 {report.failed} 条")
    return 0 if not report.failed else 1


def cmd_notify_export(args: argparse.Namespace) -> int:
    from ..services.notifications import export_queued

    path = output_file(args.output)
    if path.suffix.lower() not in (".csv", ".xlsx"):
        raise CliError("导出文件须为 .csv 或 .xlsx / export to .csv or .xlsx", 2)
    try:
        count = export_queued(open_database(args), path)
    except OSError as error:  # the file is written inside the transaction: nothing is marked
        raise CliError(
            catalogue.text("cli.output_failed", path=path, error=error.strerror or error), 2
        ) from None
    say(f"已导出 {count} 条待发短信到 {path}（已标记为已发送）")
    return 0


def cmd_notify_remind(args: argparse.Namespace) -> int:
    from ..services.due import queue_reminders

    count = queue_reminders(open_database(args))
    say(f"已为 {count} 个久未取件的订单排队二次提醒")
    return 0


def cmd_settings_show(args: argparse.Namespace) -> int:
    from ..services.studio_settings import load_settings

    with open_database(args).connect() as conn:
        emit_json(load_settings(conn).to_json())
    return 0


def cmd_settings_set(args: argparse.Namespace) -> int:
    from ..services.studio_settings import SettingRefused, StudioSettings, save_settings

    defaults = StudioSettings().to_json()
    if args.key not in defaults:
        raise CliError(f"未知设置 {args.key}；可选：{', '.join(defaults)} / unknown setting", 2)
    value: object = args.value
    if not isinstance(defaults[args.key], str):
        try:
            value = json.loads(args.value)
        except ValueError:
            raise CliError(
                f"{args.key} 需要 JSON 值，例如 {json.dumps(defaults[args.key])}", 2
            ) from None
        if type(value) is not type(defaults[args.key]):
            raise CliError(f"{args.key} 的值类型不对，例如 {json.dumps(defaults[args.key])}", 2)
    from .acting import acting_operator

    engine = open_database(args)
    # the role (managers, admins) is the settings service's check
    try:
        save_settings(engine, {args.key: value}, actor=acting_operator(engine, args))
    except SettingRefused as refused:
        raise CliError(str(refused), 2) from None
    say(f"已设置 {args.key}")
    return 0


HANDLERS = {
    "due": cmd_due,
    "notify send": cmd_notify_send,
    "notify export": cmd_notify_export,
    "notify remind": cmd_notify_remind,
    "settings show": cmd_settings_show,
    "settings set": cmd_settings_set,
}
