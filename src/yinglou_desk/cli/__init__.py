"""The ``yinglou-desk`` command: the studio's services for automation and scripts.

The parser knows every command of the contract in ``CLI.md``; each handler
imports what it needs only when it runs, so ``--version`` answers at once and
nothing here imports Qt unless the window is opened.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from yinglou_desk import __version__, catalogue
from yinglou_desk.cli.arguments import Parser
from yinglou_desk.cli.output import CliError, fail

STATIONS = ("send-out", "check-in", "pickup")
ROLES = ("sorter", "desk", "manager", "admin")
PAYMENT_METHODS = ("cash", "wechat", "alipay", "card", "other")


def _add_db(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: given after the subcommand it wins, else the top-level value stays.
    parser.add_argument(
        "--db",
        metavar="URL",
        default=argparse.SUPPRESS,
        help=catalogue.text("help.db"),
    )


def _add_acting(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    """``--operator NAME`` and ``--password-stdin``: a command acting for an operator who proves it."""
    parser.add_argument(
        "--operator", required=required, metavar="NAME", help=catalogue.text("help.operator")
    )
    parser.add_argument(
        "--password-stdin", action="store_true", help=catalogue.text("help.password_stdin")
    )


def _leaf(sub: argparse._SubParsersAction[Parser], name: str, help_key: str) -> Parser:
    help_text = catalogue.text(help_key)
    parser = sub.add_parser(name, help=help_text, description=help_text)
    _add_db(parser)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="yinglou-desk", description=catalogue.text("help.program"))
    parser.add_argument(
        "--version",
        action="version",
        version=f"yinglou-desk {__version__}",
        help=catalogue.text("help.version"),
    )
    parser.add_argument("--db", metavar="URL", default=None, help=argparse.SUPPRESS)
    parser.add_argument(
        "--lang", choices=LANGUAGES, dest="program_lang", help=catalogue.text("help.lang")
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = _leaf(sub, "gui", "help.gui")
    gui.add_argument("--station", choices=STATIONS)
    gui.add_argument("--lang", choices=("zh", "en"), help=catalogue.text("help.gui_lang"))
    gui.add_argument(
        "--serial",
        action="append",
        default=[],
        metavar="PORT[@BAUD[:cr|lf|crlf]][=STATION]",
        help=catalogue.text("help.gui_serial"),
    )

    db = sub.add_parser("db", help=catalogue.text("help.db_group"))
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    _leaf(db_sub, "upgrade", "help.db_upgrade")

    demo = _leaf(sub, "demo", "help.demo")
    demo.add_argument("--orders", type=int, required=True, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")

    user = sub.add_parser("user", help=catalogue.text("help.user"))
    user_sub = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    user_add = _leaf(user_sub, "add", "help.user_add")
    user_add.add_argument("name")
    user_add.add_argument("--role", choices=ROLES, required=True)
    user_add.add_argument("--password-stdin", action="store_true", required=True)
    # stdin carries the new operator's password: the admin's comes from the prompt or the env
    user_add.add_argument("--operator", metavar="NAME", help=catalogue.text("help.user_operator"))
    disable = _leaf(user_sub, "disable", "help.user_disable")
    disable.add_argument("name")
    _add_acting(disable)
    renew = _leaf(user_sub, "new-badge", "help.user_new_badge")
    renew.add_argument("name")
    _add_acting(renew)
    user_list = _leaf(user_sub, "list", "help.user_list")
    user_list.add_argument("--json", action="store_true")
    _add_acting(user_list)
    badge = _leaf(user_sub, "badge", "help.user_badge")
    badge.add_argument("name")
    badge.add_argument("-o", "--output", metavar="FILE.png")
    _add_acting(badge)

    vendor = sub.add_parser("vendor", help=catalogue.text("help.vendor"))
    vendor_sub = vendor.add_subparsers(dest="vendor_command", metavar="ACTION", required=True)
    vendor_add = _leaf(vendor_sub, "add", "help.vendor_add")
    vendor_add.add_argument("name")
    vendor_add.add_argument("--turnaround-days", type=int, metavar="N")
    vendor_add.add_argument(
        "--product",
        metavar="PRODUCT",
        help=catalogue.text("help.vendor_product"),
    )

    imp = sub.add_parser("import", help=catalogue.text("help.import"))
    imp_sub = imp.add_subparsers(dest="import_command", metavar="WHAT", required=True)
    imp_orders = _leaf(imp_sub, "orders", "help.import_orders")
    imp_orders.add_argument("file", metavar="FILE")
    imp_orders.add_argument("--dry-run", action="store_true")
    imp_orders.add_argument(
        "--apply-changes", action="store_true", help=catalogue.text("help.apply_changes")
    )
    imp_orders.add_argument("--json", action="store_true")
    imp_orders.add_argument("--operator", metavar="NAME", help=catalogue.text("help.importer"))

    scan = _leaf(sub, "scan", "help.scan")
    scan.add_argument("--station", choices=STATIONS, required=True)
    scan.add_argument("--operator", required=True, metavar="NAME")
    scan.add_argument("--vendor", metavar="NAME")
    scan.add_argument("--json", action="store_true")
    scan.add_argument("codes", nargs="*", metavar="CODE")

    show = _leaf(sub, "show", "help.show")
    show.add_argument("query")
    show.add_argument("--json", action="store_true")

    listen = _leaf(sub, "listen", "help.listen")
    listen.add_argument("--serial", required=True, metavar="PORT")
    listen.add_argument("--baud", type=int, default=9600, metavar="N")
    listen.add_argument("--station", choices=STATIONS, required=True)
    listen.add_argument("--operator", required=True, metavar="NAME")
    listen.add_argument("--vendor", metavar="NAME")
    listen.add_argument("--json", action="store_true")
    listen.add_argument("--journal", metavar="FILE", help=catalogue.text("help.listen_journal"))

    labels = _leaf(sub, "labels", "help.labels")
    labels.add_argument("order_nos", nargs="*", metavar="ORDER_NO")
    labels.add_argument(
        "--item",
        dest="items",
        action="append",
        default=[],
        metavar="CODE",
        help=catalogue.text("help.labels_item"),
    )
    labels.add_argument("--batch", metavar="BATCH_CODE", help=catalogue.text("help.labels_batch"))
    labels.add_argument(
        "--unlabelled",
        action="store_true",
        help=catalogue.text("help.labels_unlabelled"),
    )
    labels.add_argument(
        "--slots", metavar="A-01..A-20", help=catalogue.text("shelf_labels.help_slots")
    )
    labels.add_argument("--size", default="50x30")
    labels.add_argument("--dpi", type=int, default=300)
    labels.add_argument("-o", "--output", required=True, metavar="FILE")

    export = sub.add_parser("export", help=catalogue.text("help.export"))
    export_sub = export.add_subparsers(dest="export_command", metavar="WHAT", required=True)
    rec_export = _leaf(export_sub, "reconciliation", "help.export_reconciliation")
    rec_export.add_argument("--vendor", required=True)
    rec_export.add_argument("--from", dest="date_from", required=True, metavar="YYYY-MM-DD")
    rec_export.add_argument("--to", dest="date_to", required=True, metavar="YYYY-MM-DD")
    rec_export.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")

    reconcile = _leaf(sub, "reconcile", "help.reconcile")
    reconcile.add_argument("--vendor", required=True)
    reconcile.add_argument("statement", metavar="STATEMENT.xlsx")
    reconcile.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    reconcile.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    reconcile.add_argument("-o", "--output", metavar="REPORT.xlsx")
    reconcile.add_argument("--json", action="store_true")
    reconcile.add_argument(
        "--code-column", metavar="X", help=catalogue.text("settlements.help_code_column")
    )
    reconcile.add_argument(
        "--amount-column", metavar="Y", help=catalogue.text("settlements.help_amount_column")
    )
    reconcile.add_argument(
        "--confirm", action="store_true", help=catalogue.text("settlements.help_confirm")
    )
    _add_acting(reconcile)

    due = _leaf(sub, "due", "help.due")
    due.add_argument(
        "which",
        nargs="?",
        choices=("overdue-pickup",),
        metavar="overdue-pickup",
        help=catalogue.text("uncollected.help.due_which"),
    )
    due.add_argument("--json", action="store_true")
    due.add_argument(
        "-o", "--output", metavar="FILE.xlsx", help=catalogue.text("uncollected.help.output")
    )

    notify = sub.add_parser("notify", help=catalogue.text("help.notify"))
    notify_sub = notify.add_subparsers(dest="notify_command", metavar="ACTION", required=True)
    notify_sub_send = _leaf(notify_sub, "send", "help.notify_send")
    notify_sub_send.add_argument("--json", action="store_true")
    notify_export = _leaf(notify_sub, "export", "help.notify_export")
    notify_export.add_argument("output", metavar="FILE.csv|FILE.xlsx")
    _leaf(notify_sub, "remind", "help.notify_remind")

    settings = sub.add_parser("settings", help=catalogue.text("help.settings"))
    settings_sub = settings.add_subparsers(dest="settings_command", metavar="ACTION", required=True)
    _leaf(settings_sub, "show", "help.settings_show")
    settings_set = _leaf(settings_sub, "set", "help.settings_set")
    settings_set.add_argument("key")
    settings_set.add_argument("value")
    _add_acting(settings_set)

    customer = sub.add_parser("customer", help=catalogue.text("help.customer"))
    customer_sub = customer.add_subparsers(dest="customer_command", metavar="ACTION", required=True)
    customer_export = _leaf(customer_sub, "export", "help.customer_export")
    customer_export.add_argument("query", metavar="PHONE|ORDER_NO")
    customer_export.add_argument("-o", "--output", required=True, metavar="FILE.json")
    _add_acting(customer_export)
    customer_erase = _leaf(customer_sub, "erase", "help.customer_erase")
    customer_erase.add_argument("query", metavar="PHONE|ORDER_NO")
    _add_acting(customer_erase, required=True)
    customer_erase.add_argument(
        "--yes", action="store_true", help=catalogue.text("help.confirm_erase")
    )

    pickup = _leaf(sub, "pickup", "counter.help.pickup")
    pickup.add_argument("order_no", metavar="ORDER_NO")
    pickup.add_argument("--paid", metavar="AMOUNT", help=catalogue.text("counter.help.paid"))
    pickup.add_argument(
        "--method", choices=PAYMENT_METHODS, help=catalogue.text("counter.help.method")
    )
    pickup.add_argument("--reference", metavar="R", help=catalogue.text("counter.help.reference"))
    pickup.add_argument(
        "--collector", metavar="NAME", help=catalogue.text("counter.help.collector")
    )
    pickup.add_argument("--collector-phone", metavar="PHONE")
    pickup.add_argument(
        "--receipt", metavar="FILE.pdf", help=catalogue.text("counter.help.receipt")
    )
    pickup.add_argument("--json", action="store_true")
    _add_acting(pickup, required=True)
    from yinglou_desk.cli.shelf_commands import add_parsers as add_shelf_parsers

    add_shelf_parsers(sub, _leaf)

    backup = _leaf(sub, "backup", "backup.help.backup")
    backup.add_argument("-o", "--output", metavar="FILE", help=catalogue.text("backup.help.output"))
    restore = _leaf(sub, "restore", "backup.help.restore")
    restore.add_argument("file", metavar="FILE", help=catalogue.text("backup.help.file"))
    _add_acting(restore)

    from yinglou_desk.cli.payment_commands import add_parsers as add_payment_parsers

    add_payment_parsers(sub, _leaf, _add_acting)
    from yinglou_desk.cli.phone_commands import add_parsers as add_phone_parsers

    add_phone_parsers(sub, _leaf, _add_acting)
    doctor = _leaf(sub, "doctor", "checkup.help.doctor")
    doctor.add_argument("--json", action="store_true", help=catalogue.text("checkup.help.json"))
    return parser


LANGUAGES = ("zh", "en")


def _choose_language(argv: Sequence[str]) -> None:
    """``yinglou-desk --lang en COMMAND …`` (or ``gui --lang en``): the language is set
    before the parser is built, so help, errors and output are all in it."""
    for index, word in enumerate(argv):
        value = word.removeprefix("--lang=") if word.startswith("--lang=") else None
        if word == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        if value in LANGUAGES:
            os.environ["YINGLOU_LANG"] = value
            return


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; every way it can end is an exit code and at most one line on stderr."""
    _choose_language(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    from yinglou_desk.cli.crash import broken_pipe, report_crash

    try:
        _refuse_undecodable(args)
        from yinglou_desk.cli.dispatch import dispatch

        code = dispatch(args)
        sys.stdout.flush()  # a reader gone away shows here, not at interpreter exit
        return code
    except CliError as error:
        return fail(str(error), error.exit_code)
    except KeyboardInterrupt:
        return fail(catalogue.text("cli.interrupted"), 130)
    except BrokenPipeError:
        return broken_pipe()
    except Exception as error:  # noqa: BLE001 - the last resort; see cli/crash.py
        return report_crash(error, " ".join(_command_words(args)))


def _refuse_undecodable(args: argparse.Namespace) -> None:
    """Bytes in argv that are not UTF-8 (they arrive as lone surrogates) can be no name,
    path or query: one clear refusal instead of a crash when they are printed or stored.
    ``scan`` codes are the exception — each becomes a refused, logged scan."""
    for key, value in vars(args).items():
        if args.command == "scan" and key == "codes":
            continue
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and any("\ud800" <= ch <= "\udfff" for ch in text):
                try:
                    raw = text.encode("utf-8", "surrogateescape")
                except UnicodeEncodeError:
                    raw = text.encode("utf-8", "backslashreplace")
                shown = raw.decode("utf-8", "backslashreplace")
                raise CliError(catalogue.text("cli.argument_not_text", argument=shown), 2)


def _command_words(args: argparse.Namespace) -> list[str]:
    """The command's name (``customer erase``) for the error log — never its arguments,
    which may hold a database password."""
    name = getattr(args, "command", None) or "gui"
    sub = getattr(args, f"{name}_command", None)
    return [name, sub] if sub else [name]


def gui_main(argv: Sequence[str] | None = None) -> int:
    """The console-less entry (``yinglou-desk-gui``, the frozen desk on Windows): see
    :mod:`yinglou_desk.cli.windowed`."""
    from yinglou_desk.cli.windowed import gui_main as windowed_main

    return windowed_main(argv)


if __name__ == "__main__":
    sys.exit(main())
