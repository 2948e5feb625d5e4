"""``payments report|list|take|reverse`` and ``order price``: money on the order from a script.

``payments report`` (日结) and ``payments list`` only read, as the command line
itself. ``payments take``, ``payments reverse`` and ``order price`` change money, so
they act for ``--operator NAME`` who proves it (:mod:`.acting`); whether that
operator's role may is the ledger's own check (front desk takes, managers reverse
and set prices). Sums are typed as staff write them (``380``, ``1380.50``,
``¥1,380``) and kept in fen; ``--json`` gives fen as integers beside yuan as text.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from yinglou_desk import catalogue
from yinglou_desk.cli.numbers import record_number
from yinglou_desk.cli.output import CliError, emit, emit_json, say

if TYPE_CHECKING:
    from pathlib import Path

    from sqlalchemy import Engine

METHODS = ("cash", "wechat", "alipay", "card", "other")


def add_parsers(
    sub: Any,
    leaf: Callable[[Any, str, str], argparse.ArgumentParser],
    add_acting: Callable[..., None],
) -> None:
    """The ``payments`` and ``order`` commands, added to the program's parser."""
    group = sub.add_parser("payments", help=catalogue.text("payments.help.group"))
    actions = group.add_subparsers(dest="payments_command", metavar="ACTION", required=True)
    report = leaf(actions, "report", "payments.help.report")
    report.add_argument("--from", dest="date_from", required=True, metavar="YYYY-MM-DD")
    report.add_argument("--to", dest="date_to", required=True, metavar="YYYY-MM-DD")
    report.add_argument("-o", "--output", metavar="FILE.xlsx")
    report.add_argument("--json", action="store_true")
    listing = leaf(actions, "list", "payments.help.list")
    listing.add_argument("order_no", metavar="ORDER_NO")
    listing.add_argument("--json", action="store_true")
    take = leaf(actions, "take", "payments.help.take")
    take.add_argument("order_no", metavar="ORDER_NO")
    take.add_argument(
        "--amount", required=True, metavar="AMOUNT", help=catalogue.text("payments.help.amount")
    )
    take.add_argument("--method", required=True, choices=METHODS)
    take.add_argument("--reference", metavar="REF")
    take.add_argument("--json", action="store_true")
    add_acting(take, required=True)
    reverse = leaf(actions, "reverse", "payments.help.reverse")
    reverse.add_argument("payment_id", type=record_number, metavar="ID")
    reverse.add_argument("--reason", required=True, metavar="TEXT")
    add_acting(reverse, required=True)

    order = sub.add_parser("order", help=catalogue.text("payments.help.order_group"))
    order_actions = order.add_subparsers(dest="order_command", metavar="ACTION", required=True)
    price = leaf(order_actions, "price", "payments.help.price")
    price.add_argument("order_no", metavar="ORDER_NO")
    price.add_argument("amount", metavar="AMOUNT", help=catalogue.text("payments.help.amount"))
    add_acting(price, required=True)


def open_database(args: argparse.Namespace) -> Engine:
    """The database, opened as every command opens it (imported only when a command runs:
    the parser is built with this module and ``--version`` must stay quick)."""
    from yinglou_desk.cli.common import open_database as opened

    return opened(args)


def output_file(text: str) -> Path:
    from yinglou_desk.cli.common import output_file as checked

    return checked(text)


def _day(text: str, flag: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CliError(catalogue.text("cli.bad_date", flag=flag, value=text), 2) from None


def _fen(text: str) -> int:
    from yinglou_desk.domain.money import MoneyError, parse_typed_fen

    try:
        fen = parse_typed_fen(text)
    except MoneyError as error:
        raise CliError(str(error), 2) from None
    if fen is None:
        raise CliError(catalogue.text("money.not_a_sum", value=text), 2)
    return fen


def _refused(error: Exception) -> CliError:
    return CliError(str(error), 2)


def cmd_report(args: argparse.Namespace) -> int:
    from yinglou_desk.services.payments.takings import (
        TakingsRefused,
        method_name,
        takings,
        write_takings,
    )
    from yinglou_desk.services.reports.excel import ExportError

    start, end = _day(args.date_from, "--from"), _day(args.date_to, "--to")
    output = output_file(args.output) if args.output else None
    engine = open_database(args)
    try:
        report = takings(engine, start, end)
    except TakingsRefused as error:
        raise _refused(error) from None
    if output is not None:
        try:
            write_takings(report, output)
        except ExportError as error:
            raise CliError(str(error), 2) from None
        say(catalogue.text("payments.report_saved", path=output))
    if args.json:
        emit_json(report.to_json())
        return 0
    from yinglou_desk.domain.money import yuan

    emit(catalogue.text("payments.takings.range", start=start, end=end))
    if not report.rows:
        emit(catalogue.text("payments.takings.empty"))
    emit(f"[{catalogue.text('payments.takings.by_method')}]")
    for method, fen in report.by_method.items():
        emit(f"{method_name(method)}\t{yuan(fen)}")
    emit(f"[{catalogue.text('payments.takings.by_operator')}]")
    for (name, method), fen in report.by_operator_method.items():
        emit(f"{name}\t{method_name(method)}\t{yuan(fen)}")
    for name, fen in report.by_operator.items():
        emit(f"{name}\t{catalogue.text('payments.takings.total')}\t{yuan(fen)}")
    emit(catalogue.text("payments.takings.grand", total=yuan(report.total), count=report.count))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from yinglou_desk.domain.money import yuan
    from yinglou_desk.services.payments.ledger import PaymentRefused, money_of, payments_of
    from yinglou_desk.services.payments.takings import method_name

    engine = open_database(args)
    try:
        rows = payments_of(engine, args.order_no)
        money = money_of(engine, args.order_no)
    except PaymentRefused as error:
        raise _refused(error) from None
    if args.json:
        emit_json(
            {
                "order_no": money.order_no,
                "price_fen": money.price,
                "price": None if money.price is None else yuan(money.price),
                "paid_fen": money.paid,
                "waived_fen": money.waived,
                "due_fen": money.due,
                "due": yuan(money.due),
                "payments": [row.to_json() for row in rows],
            }
        )
        return 0
    if not rows:
        say(catalogue.text("payments.none_yet", order_no=args.order_no))
    for row in rows:
        emit(
            "\t".join(
                [
                    str(row.id),
                    row.at.astimezone().strftime("%Y-%m-%d %H:%M"),
                    catalogue.name("payments.kind", row.kind),
                    method_name(row.method),
                    yuan(row.amount),
                    row.operator,
                    row.reference or "",
                    row.reason or "",
                ]
            )
        )
    emit(_summary(money))
    return 0


def _summary(money: Any) -> str:
    from yinglou_desk.domain.money import yuan

    price = catalogue.text("payments.no_price") if money.price is None else f"¥{yuan(money.price)}"
    return catalogue.text(
        "payments.summary",
        order_no=money.order_no,
        price=price,
        paid=yuan(money.paid),
        waived=yuan(money.waived),
        due=yuan(money.due),
    )


def cmd_take(args: argparse.Namespace) -> int:
    from yinglou_desk.cli.acting import acting_operator
    from yinglou_desk.domain.money import PaymentMethod, yuan
    from yinglou_desk.services.payments.ledger import PaymentRefused, money_of, take_payment
    from yinglou_desk.services.payments.takings import method_name
    from yinglou_desk.services.pickup.counter import PaymentIn

    amount = _fen(args.amount)
    engine = open_database(args)
    operator = acting_operator(engine, args)
    payment = PaymentIn(amount, PaymentMethod(args.method), args.reference)
    try:
        payment_id = take_payment(engine, operator, args.order_no, payment)
    except PaymentRefused as error:
        raise _refused(error) from None
    due = money_of(engine, args.order_no).due
    if args.json:
        emit_json({"payment_id": payment_id, "amount_fen": amount, "due_fen": due})
    say(
        catalogue.text(
            "payments.taken",
            amount=yuan(amount),
            method=method_name(args.method),
            payment_id=payment_id,
            due=yuan(due),
        )
    )
    return 0


def cmd_reverse(args: argparse.Namespace) -> int:
    from yinglou_desk.cli.acting import acting_operator
    from yinglou_desk.domain.money import yuan
    from yinglou_desk.services.payments.ledger import PaymentRefused, reverse_payment

    engine = open_database(args)
    operator = acting_operator(engine, args)
    try:
        reversal_id = reverse_payment(engine, operator, args.payment_id, args.reason)
    except PaymentRefused as error:
        raise _refused(error) from None
    from sqlalchemy import select

    from yinglou_desk.storage.tables import payments

    with engine.connect() as conn:
        amount = conn.execute(
            select(payments.c.amount_fen).where(payments.c.id == args.payment_id)
        ).scalar_one()
    say(
        catalogue.text(
            "payments.reversed",
            payment_id=args.payment_id,
            amount=yuan(int(amount)),
            reversal_id=reversal_id,
        )
    )
    return 0


def cmd_price(args: argparse.Namespace) -> int:
    from yinglou_desk.cli.acting import acting_operator
    from yinglou_desk.domain.money import yuan
    from yinglou_desk.services.payments.ledger import PaymentRefused, set_price

    fen = _fen(args.amount)
    engine = open_database(args)
    operator = acting_operator(engine, args)
    try:
        before, after = set_price(engine, operator, args.order_no, fen)
    except PaymentRefused as error:
        raise _refused(error) from None
    none = catalogue.text("payments.no_price")
    say(
        catalogue.text(
            "payments.price_set",
            order_no=args.order_no,
            before=none if before is None else f"¥{yuan(before)}",
            after=none if after is None else f"¥{yuan(after)}",
        )
    )
    return 0


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "payments report": cmd_report,
    "payments list": cmd_list,
    "payments take": cmd_take,
    "payments reverse": cmd_reverse,
    "order price": cmd_price,
}
