"""``pickup ORDER_NO``: hand over every ready item of an order at the counter, with the money.

The same hand-over as the desk's (:func:`~yinglou_desk.services.pickup.counter.collect`):
refused, naming the balance, while the order owes money that ``--paid`` does not
settle; a payment larger than the balance is refused too. Nothing changes on a refusal.
The operator proves who they are (:mod:`.acting`): money is taken in their name.

``--receipt FILE.pdf`` writes the 取件单 once the hand-over is recorded. It is the only
part that needs Qt, imported here and only then, with the off-screen platform, so the
command line never needs a display (or Qt at all without ``--receipt``).

Exit codes: 0 handed over; 1 refused (money owed, an item not ready, nothing ready);
2 the request itself is wrong (a sum, a method without a sum, a collector without a
phone, a code of another order); 6 not proven or not permitted.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from yinglou_desk import catalogue
from yinglou_desk.cli.acting import acting_operator
from yinglou_desk.cli.common import open_database, output_file, print_scan
from yinglou_desk.cli.output import CliError, emit, emit_json, say

_REFUSALS = {"counter.nothing_ready", "counter.unknown_order"}  # exit 1, not a wrong request


def cmd_pickup(args: argparse.Namespace) -> int:
    from yinglou_desk.domain.money import MoneyError, PaymentMethod, parse_fen, yuan
    from yinglou_desk.domain.roles import Permission, require
    from yinglou_desk.domain.states import Station
    from yinglou_desk.services.pickup.counter import (
        BalanceOwed,
        Collector,
        CounterError,
        PaymentIn,
        collect,
        receipt_no,
    )
    from yinglou_desk.services.scanning.service import ScanService, ScanSession

    payment = None
    if args.paid is not None or args.method is not None:
        if args.paid is None or args.method is None:
            raise CliError(catalogue.text("counter.cli.paid_and_method"), 2)
        try:
            amount = parse_fen(args.paid)
        except MoneyError as error:
            raise CliError(str(error), 2) from None
        if amount is None:
            raise CliError(catalogue.text("counter.amount_not_positive", amount=args.paid), 2)
        payment = PaymentIn(amount, PaymentMethod(args.method), args.reference or None)
    receipt_path = output_file(args.receipt) if args.receipt else None
    collector = None
    if args.collector is not None or args.collector_phone is not None:
        collector = Collector(args.collector, args.collector_phone)

    engine = open_database(args)
    operator = acting_operator(engine, args)
    require(operator, Permission.PICK_UP)
    session = ScanSession(station=Station.PICKUP, operator=operator)
    service = ScanService(engine)
    try:
        done = collect(service, session, args.order_no, payment=payment, collector=collector)
    except BalanceOwed as owed:
        _refused(args, owed.key, str(owed), balance_fen=owed.due)
        raise CliError(str(owed), 1) from None
    except CounterError as error:
        _refused(args, error.key, str(error))
        raise CliError(str(error), 1 if error.key in _REFUSALS else 2) from None
    if not done.handed.done:
        if args.json:
            emit_json(
                {
                    "order_no": args.order_no,
                    "handed_over": False,
                    "items": [r.to_json() for r in done.handed.results],
                }
            )
        else:
            for result in done.handed.results:
                print_scan(result, False)
        raise CliError(catalogue.text("counter.cli.nothing_handed", order_no=args.order_no), 1)

    assert done.handover_id is not None
    number = receipt_no(done.handover_id)
    failed = _write_receipt(engine, done.handover_id, receipt_path) if receipt_path else None
    if args.json:
        data: dict[str, Any] = {
            "order_no": args.order_no,
            "handed_over": True,
            "handover_id": done.handover_id,
            "receipt_no": number,
            "items": [r.to_json() for r in done.handed.results],
            "paid_fen": done.paid,
            "balance_fen": done.balance_after,
        }
        if receipt_path is not None and failed is None:
            data["receipt"] = str(receipt_path)
        emit_json(data)
    else:
        for result in done.handed.results:
            print_scan(result, False)
        balance = (
            catalogue.text("receipt.no_price")
            if done.balance_after is None
            else catalogue.text("receipt.amount", amount=yuan(done.balance_after))
        )
        emit(
            catalogue.text(
                "counter.cli.handed",
                number=number,
                n=len(done.handed.results),
                paid=yuan(done.paid),
                balance=balance,
            )
        )
        if receipt_path is not None and failed is None:
            say(catalogue.text("counter.cli.receipt_written", path=receipt_path))
    if failed is not None:  # the hand-over stands; only the file is missing
        raise CliError(failed, 1)
    return 0


def _refused(args: argparse.Namespace, key: str, message: str, **extra: object) -> None:
    """With ``--json``, a refusal is a document too (the message also goes to stderr)."""
    if args.json:
        emit_json(
            {"order_no": args.order_no, "handed_over": False, "refusal": key, "message": message}
            | extra
        )


def _write_receipt(engine: Any, handover_id: int, path: Path) -> str | None:
    """The 取件单 as PDF through the desk's own renderer (Qt, off-screen, loaded only
    now); what went wrong, or None."""
    from yinglou_desk.ui.printing.receipts import save_receipt_pdf_offscreen

    try:
        save_receipt_pdf_offscreen(engine, handover_id, path)
    except Exception as error:  # noqa: BLE001 - the hand-over stands; say what failed
        return catalogue.text("counter.cli.receipt_failed", path=path, error=error)
    return None


HANDLERS = {"pickup": cmd_pickup}
