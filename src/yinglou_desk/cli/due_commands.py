"""``due``, ``notify`` and ``settings``: what needs chasing, telling or handing over today."""

from __future__ import annotations

import argparse
import json

from yinglou_desk import catalogue
from yinglou_desk.cli.common import open_database, output_file
from yinglou_desk.cli.output import CliError, emit, emit_json, say
from yinglou_desk.domain import wording

# the five lists, in the order they are printed (超期未取 is asked for by name: ``due overdue-pickup``)
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


def _overdue_line(entry: dict) -> str:  # type: ignore[type-arg]
    from yinglou_desk.domain.money import yuan
    from yinglou_desk.services.pickup.overdue import slot_words, status_words

    t = catalogue.text
    balance = entry["balance_fen"]
    return t(
        "uncollected.cli.line",
        order_no=entry["order_no"],
        customer=entry["customer"],
        phone=entry["phone"] or t("uncollected.cli.no_mobile"),
        slot=slot_words(entry),
        days=entry["days_on_shelf"],
        value=yuan(entry["value_fen"]),
        balance=t("uncollected.cli.balance", balance=yuan(balance)) if balance else "",
        status=status_words(entry),
    )


def cmd_overdue_pickup(args: argparse.Namespace) -> int:
    """``due overdue-pickup``: the manager's 超期未取 list, as text, JSON or an .xlsx file."""
    from yinglou_desk.services.notifications.due import due_lists
    from yinglou_desk.services.pickup.overdue import write_overdue_xlsx
    from yinglou_desk.services.staff.audit import command_line_actor

    path = output_file(args.output) if args.output else None
    if path is not None and path.suffix.lower() != ".xlsx":
        raise CliError(catalogue.text("uncollected.cli.xlsx_only"), 2)
    lists = due_lists(open_database(args), actor=command_line_actor())
    entries, total = lists.overdue_pickup, lists.total("overdue_pickup")
    if path is not None:
        try:
            write_overdue_xlsx(entries, path)
        except OSError as error:
            raise CliError(
                catalogue.text("cli.output_failed", path=path, error=error.strerror or error), 2
            ) from None
        say(catalogue.text("uncollected.cli.saved", n=len(entries), path=path))
    if args.json:
        emit_json(
            {
                "today": lists.today.isoformat(),
                "overdue_pickup": entries,
                "counts": {"overdue_pickup": total},
            }
        )
        return 0
    if path is None:
        title = catalogue.text("uncollected.list")
        emit(catalogue.text("cli.due.heading", title=title, n=wording.count(total)))
        for entry in entries:
            emit("    " + _overdue_line(entry))
        if lists.capped("overdue_pickup"):
            shown = wording.count(len(entries))
            emit(catalogue.text("cli.due.capped", shown=shown, total=wording.count(total)))
    return 0


def cmd_due(args: argparse.Namespace) -> int:
    from yinglou_desk.services.notifications.due import due_lists
    from yinglou_desk.services.staff.audit import command_line_actor

    if args.which == "overdue-pickup":
        return cmd_overdue_pickup(args)
    if args.output:
        raise CliError(catalogue.text("uncollected.cli.output_needs_list"), 2)
    lists = due_lists(open_database(args), actor=command_line_actor())
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
    """Today's reminders of the cadence; those skipped are named with the reason."""
    from yinglou_desk.services.pickup.reminders import queue_cadence, skipped_words

    run = queue_cadence(open_database(args))
    say(catalogue.text("uncollected.reminded", n=run.queued))
    for skipped in run.skipped:
        say("    " + skipped_words(skipped))
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
