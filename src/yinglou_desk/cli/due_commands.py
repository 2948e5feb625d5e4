"""``due``, ``notify`` and ``settings``: what needs chasing, telling or handing over today."""

from __future__ import annotations

import argparse
import json

from yinglou_desk import catalogue
from yinglou_desk.cli.common import open_database, output_file
from yinglou_desk.cli.output import CliError, emit, emit_json, say
from yinglou_desk.domain import wording

# the five lists, in the order they are printed
_LISTS = ("overdue_at_vendor", "due_back_soon", "ready_not_notified", "uncollected", "pickups_due")


def _state(kind: str, state: str | None) -> str:
    """A message state (``queued``, ``sent``…) in words; a state this program does not know
    as it is."""
    key = f"cli.due.{kind}.{state or 'none'}"
    return catalogue.text_or(key, str(state))


def _line(key: str, entry: dict) -> str:  # type: ignore[type-arg]
    t = catalogue.text
    if key in ("overdue_at_vendor", "due_back_soon"):
        late = (
            t("cli.due.overdue", days=entry["days_overdue"])
            if entry["days_overdue"]
            else t("cli.due.expected", date=entry["expected_return"])
        )
        return f"{entry['vendor'] or '-'}  {entry['code']}  {entry['order_no']}  {entry['customer']}  {entry['product']}  {late}"
    stage = t("cli.due.stage", stage=entry["stage"]) if entry.get("stage") else ""
    if key == "ready_not_notified":
        phone = entry["phone"] or t("cli.due.no_mobile")
        told = _state("notification", entry["notification"])
        return f"{entry['order_no']}{stage}  {entry['customer']}  {phone}  {told}"
    if key == "uncollected":
        reminder = (
            _state("notification", entry["reminder"])
            if entry["reminder"]
            else t("cli.due.reminder.none")
        )
        waiting = t("cli.due.waiting", days=entry["days_waiting"], reminder=reminder)
        return f"{entry['order_no']}{stage}  {entry['customer']}  {waiting}"
    late = t("cli.due.late") if entry["late"] else ""
    promised = t(
        "cli.due.promised", date=entry["promised_date"], late=late, n=entry["items_missing"]
    )
    return f"{entry['order_no']}  {entry['customer']}  {promised}"


def cmd_due(args: argparse.Namespace) -> int:
    from yinglou_desk.services.notifications.due import due_lists

    lists = due_lists(open_database(args))
    if args.json:
        emit_json(lists.to_json())
        return 0
    for key in _LISTS:
        entries = getattr(lists, key)
        total = wording.count(lists.total(key))
        emit(catalogue.text("cli.due.heading", title=catalogue.text(f"cli.due.{key}"), n=total))
        for entry in entries:
            emit("    " + _line(key, entry))
        if lists.capped(key):
            emit(catalogue.text("cli.due.capped", shown=wording.count(len(entries)), total=total))
    return 0


def cmd_notify_send(args: argparse.Namespace) -> int:
    from yinglou_desk.services.notifications.outbox import send_queued
    from yinglou_desk.services.notifications.sms import HttpSmsChannel
    from yinglou_desk.services.settings.studio import current_settings

    engine = open_database(args)
    settings = current_settings(engine)
    try:
        channel = HttpSmsChannel(settings)
    except ValueError as error:
        raise CliError(catalogue.text("cli.sms_not_set", error=error), 2) from None
    report = send_queued(engine, channel)
    if args.json:
        emit_json({"sent": report.sent, "retrying": report.retrying, "failed": report.failed})
    say(
        catalogue.text(
            "cli.notify_sent", sent=report.sent, retrying=report.retrying, failed=report.failed
        )
    )
    return 0 if not report.failed else 1


def cmd_notify_export(args: argparse.Namespace) -> int:
    from yinglou_desk.services.notifications.outbox import export_queued

    path = output_file(args.output)
    if path.suffix.lower() not in (".csv", ".xlsx"):
        raise CliError(catalogue.text("cli.export_csv_or_xlsx"), 2)
    try:
        count = export_queued(open_database(args), path)
    except OSError as error:  # the file is written inside the transaction: nothing is marked
        raise CliError(
            catalogue.text("cli.output_failed", path=path, error=error.strerror or error), 2
        ) from None
    say(catalogue.text("cli.notify_exported", n=count, path=path))
    return 0


def cmd_notify_remind(args: argparse.Namespace) -> int:
    from yinglou_desk.services.notifications.due import queue_reminders

    count = queue_reminders(open_database(args))
    say(catalogue.text("cli.reminders_queued", n=count))
    return 0


def cmd_settings_show(args: argparse.Namespace) -> int:
    from yinglou_desk.services.settings.studio import current_settings

    emit_json(current_settings(open_database(args)).to_json())
    return 0


def cmd_settings_set(args: argparse.Namespace) -> int:
    from yinglou_desk.services.settings.studio import SettingRefused, StudioSettings, save_settings

    defaults = StudioSettings().to_json()
    if args.key not in defaults:
        known = ", ".join(defaults)
        raise CliError(catalogue.text("cli.unknown_setting", setting=args.key, known=known), 2)
    value: object = args.value
    if not isinstance(defaults[args.key], str):
        example = json.dumps(defaults[args.key])
        try:
            value = json.loads(args.value)
        except ValueError:
            raise CliError(
                catalogue.text("cli.setting_needs_json", setting=args.key, example=example), 2
            ) from None
        if type(value) is not type(defaults[args.key]):
            raise CliError(
                catalogue.text("cli.setting_wrong_type", setting=args.key, example=example), 2
            )
    from yinglou_desk.cli.acting import acting_operator

    engine = open_database(args)
    # the role (managers, admins) is the settings service's check
    try:
        save_settings(engine, {args.key: value}, actor=acting_operator(engine, args))
    except SettingRefused as refused:
        raise CliError(str(refused), 2) from None
    say(catalogue.text("cli.setting_set", setting=args.key))
    return 0


HANDLERS = {
    "due": cmd_due,
    "notify send": cmd_notify_send,
    "notify export": cmd_notify_export,
    "notify remind": cmd_notify_remind,
    "settings show": cmd_settings_show,
    "settings set": cmd_settings_set,
}
