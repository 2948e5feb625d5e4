"""The ``yinglou-desk`` command: the studio's services for automation and scripts.

The parser knows every command of the contract in ``CLI.md``; each handler
imports what it needs only when it runs, so ``--version`` answers at once and
nothing here imports Qt unless the window is opened.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .. import __version__, catalogue
from .output import CliError, fail

STATIONS = ("send-out", "check-in", "pickup")
ROLES = ("sorter", "desk", "manager", "admin")


def _add_db(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: given after the subcommand it wins, else the top-level value stays.
    parser.add_argument(
        "--db",
        metavar="URL",
        default=argparse.SUPPRESS,
        help="数据库 URL 或 SQLite 文件路径（默认：用户数据目录中的 SQLite 文件；也可用 YINGLOU_DB）",
    )


def _add_acting(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    """``--operator NAME`` and ``--password-stdin``: a command acting for an operator who proves it."""
    parser.add_argument(
        "--operator", required=required, metavar="NAME", help=catalogue.text("help.operator")
    )
    parser.add_argument(
        "--password-stdin", action="store_true", help=catalogue.text("help.password_stdin")
    )


def _leaf(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str, help_text: str
) -> argparse.ArgumentParser:
    parser = sub.add_parser(name, help=help_text, description=help_text)
    _add_db(parser)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="yinglou-desk", description="影楼客件追踪：发件、回件、理件、取件，全程扫码。"
    )
    parser.add_argument("--version", action="version", version=f"yinglou-desk {__version__}")
    parser.add_argument("--db", metavar="URL", default=None, help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = _leaf(sub, "gui", "打开桌面程序 / open the desk window")
    gui.add_argument("--station", choices=STATIONS)
    gui.add_argument("--lang", choices=("zh", "en"), help="界面语言 / language (default zh)")
    gui.add_argument(
        "--serial",
        action="append",
        default=[],
        metavar="PORT[@BAUD[:cr|lf|crlf]][=STATION]",
        help="串口扫描枪，可重复；也可用 YINGLOU_SERIAL_SCANNERS（逗号分隔）/ a serial scanner",
    )

    db = sub.add_parser("db", help="数据库维护 / database maintenance")
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    _leaf(db_sub, "upgrade", "升级数据库结构到最新 / upgrade the schema")

    demo = _leaf(sub, "demo", "生成演示数据 / create demo data")
    demo.add_argument("--orders", type=int, required=True, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")

    user = sub.add_parser("user", help="员工账号 / operators")
    user_sub = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    user_add = _leaf(user_sub, "add", "添加员工 / add an operator")
    user_add.add_argument("name")
    user_add.add_argument("--role", choices=ROLES, required=True)
    user_add.add_argument("--password-stdin", action="store_true", required=True)
    # stdin carries the new operator's password: the admin's comes from the prompt or the env
    user_add.add_argument("--operator", metavar="NAME", help=catalogue.text("help.user_operator"))
    disable = _leaf(user_sub, "disable", "停用员工（离职）/ disable an operator")
    disable.add_argument("name")
    _add_acting(disable)
    renew = _leaf(user_sub, "new-badge", "补办工牌（旧工牌立即失效）/ replace a lost badge")
    renew.add_argument("name")
    _add_acting(renew)
    badge = _leaf(user_sub, "badge", "生成员工工牌 / render an operator badge")
    badge.add_argument("name")
    badge.add_argument("-o", "--output", metavar="FILE.png")
    _add_acting(badge)

    vendor = sub.add_parser("vendor", help="厂商 / vendors")
    vendor_sub = vendor.add_subparsers(dest="vendor_command", metavar="ACTION", required=True)
    vendor_add = _leaf(vendor_sub, "add", "添加或修改厂商 / add or update a vendor")
    vendor_add.add_argument("name")
    vendor_add.add_argument("--turnaround-days", type=int, metavar="N")
    vendor_add.add_argument(
        "--product",
        metavar="PRODUCT",
        help="只对这个产品生效的制作周期 / turnaround for one product",
    )

    imp = sub.add_parser("import", help="导入 / import")
    imp_sub = imp.add_subparsers(dest="import_command", metavar="WHAT", required=True)
    imp_orders = _leaf(imp_sub, "orders", "从 Excel 导入订单 / import orders from .xlsx")
    imp_orders.add_argument("file", metavar="FILE.xlsx")
    imp_orders.add_argument("--dry-run", action="store_true")
    imp_orders.add_argument("--json", action="store_true")
    imp_orders.add_argument(
        "--operator", metavar="NAME", help="记录为导入人 / recorded as importer"
    )

    scan = _leaf(sub, "scan", "扫描条码（参数或标准输入每行一个）/ scan codes")
    scan.add_argument("--station", choices=STATIONS, required=True)
    scan.add_argument("--operator", required=True, metavar="NAME")
    scan.add_argument("--vendor", metavar="NAME")
    scan.add_argument("--json", action="store_true")
    scan.add_argument("codes", nargs="*", metavar="CODE")

    show = _leaf(sub, "show", "查件：订单号、条码、姓名或电话后 4 位 / where is my order")
    show.add_argument("query")
    show.add_argument("--json", action="store_true")

    listen = _leaf(sub, "listen", "串口扫描枪监听（无界面）/ headless serial scanner listener")
    listen.add_argument("--serial", required=True, metavar="PORT")
    listen.add_argument("--baud", type=int, default=9600, metavar="N")
    listen.add_argument("--station", choices=STATIONS, required=True)
    listen.add_argument("--operator", required=True, metavar="NAME")
    listen.add_argument("--vendor", metavar="NAME")
    listen.add_argument("--json", action="store_true")
    listen.add_argument("--journal", metavar="FILE", help="离线扫描日志文件 / offline journal file")

    labels = _leaf(sub, "labels", "打印条码标签 / item labels")
    labels.add_argument("order_nos", nargs="*", metavar="ORDER_NO")
    labels.add_argument(
        "--item",
        dest="items",
        action="append",
        default=[],
        metavar="CODE",
        help="单件货品的标签（可重复）/ one item's label (repeatable)",
    )
    labels.add_argument(
        "--batch", metavar="BATCH_CODE", help="一个发件批次的全部标签 / a send-out batch"
    )
    labels.add_argument(
        "--unlabelled",
        action="store_true",
        help="全部尚未打印标签的货品 / every item not yet labelled",
    )
    labels.add_argument("--size", default="50x30")
    labels.add_argument("--dpi", type=int, default=300)
    labels.add_argument("-o", "--output", required=True, metavar="FILE")

    export = sub.add_parser("export", help="导出 / export")
    export_sub = export.add_subparsers(dest="export_command", metavar="WHAT", required=True)
    rec_export = _leaf(export_sub, "reconciliation", "厂商对账导出 / reconciliation export")
    rec_export.add_argument("--vendor", required=True)
    rec_export.add_argument("--from", dest="date_from", required=True, metavar="YYYY-MM-DD")
    rec_export.add_argument("--to", dest="date_to", required=True, metavar="YYYY-MM-DD")
    rec_export.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")

    reconcile = _leaf(sub, "reconcile", "核对厂商对账单 / check a vendor statement")
    reconcile.add_argument("--vendor", required=True)
    reconcile.add_argument("statement", metavar="STATEMENT.xlsx")
    reconcile.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    reconcile.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    reconcile.add_argument("-o", "--output", metavar="REPORT.xlsx")
    reconcile.add_argument("--json", action="store_true")

    due = _leaf(sub, "due", "待办：逾期、待通知、待取件 / due lists")
    due.add_argument("--json", action="store_true")

    notify = sub.add_parser("notify", help="客户通知 / customer messages")
    notify_sub = notify.add_subparsers(dest="notify_command", metavar="ACTION", required=True)
    notify_sub_send = _leaf(notify_sub, "send", "发送待发短信 / send queued messages")
    notify_sub_send.add_argument("--json", action="store_true")
    notify_export = _leaf(notify_sub, "export", "导出待发短信 / export queued messages")
    notify_export.add_argument("output", metavar="FILE.csv|FILE.xlsx")
    _leaf(notify_sub, "remind", "为久未取件的订单排队二次提醒 / queue second reminders")

    settings = sub.add_parser("settings", help="门店设置 / studio settings")
    settings_sub = settings.add_subparsers(dest="settings_command", metavar="ACTION", required=True)
    _leaf(settings_sub, "show", "显示设置 / show settings")
    settings_set = _leaf(settings_sub, "set", "修改一项设置（值为 JSON 或文字）/ change a setting")
    settings_set.add_argument("key")
    settings_set.add_argument("value")
    _add_acting(settings_set)

    customer = sub.add_parser("customer", help="客户资料 / customer data")
    customer_sub = customer.add_subparsers(dest="customer_command", metavar="ACTION", required=True)
    customer_export = _leaf(
        customer_sub, "export", "导出一位客户的全部资料 / export a customer's data"
    )
    customer_export.add_argument("query", metavar="PHONE|ORDER_NO")
    customer_export.add_argument("-o", "--output", required=True, metavar="FILE.json")
    _add_acting(customer_export)
    customer_erase = _leaf(
        customer_sub, "erase", "删除一位客户的个人资料 / erase a customer's data"
    )
    customer_erase.add_argument("query", metavar="PHONE|ORDER_NO")
    _add_acting(customer_erase, required=True)
    customer_erase.add_argument("--yes", action="store_true", help="确认删除 / confirm")

    backup = _leaf(sub, "backup", catalogue.text("backup.help.backup"))
    backup.add_argument("-o", "--output", metavar="FILE", help=catalogue.text("backup.help.output"))
    restore = _leaf(sub, "restore", catalogue.text("backup.help.restore"))
    restore.add_argument("file", metavar="FILE", help=catalogue.text("backup.help.file"))
    _add_acting(restore)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; every way it can end is an exit code and at most one line on stderr."""
    args = build_parser().parse_args(argv)
    from .crash import broken_pipe, report_crash

    try:
        _refuse_undecodable(args)
        from .dispatch import dispatch

        code = dispatch(args)
        sys.stdout.flush()  # a reader gone away shows here, not at interpreter exit
        return code
    except CliError as error:
        return fail(str(error), error.exit_code)
    except KeyboardInterrupt:
        return fail("已中断 / interrupted", 130)
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


if __name__ == "__main__":
    sys.exit(main())
