"""``customer export`` / ``customer erase``: a customer's data on request.

Both act for an operator who proves it (:mod:`.acting`); whether that
operator's role may export or erase is the privacy service's check.
"""

from __future__ import annotations

import argparse
import json

from yinglou_desk import catalogue
from yinglou_desk.cli.acting import acting_operator
from yinglou_desk.cli.common import open_database, output_file, write_output
from yinglou_desk.cli.output import CliError, say


def cmd_customer_export(args: argparse.Namespace) -> int:
    from yinglou_desk.services.orders.privacy import PrivacyError, export_customer

    output = output_file(args.output)
    engine = open_database(args)
    operator = acting_operator(engine, args)
    try:
        data = export_customer(engine, args.query, operator)
    except PrivacyError as error:
        raise CliError(str(error), 2) from None
    write_output(output, json.dumps(data, ensure_ascii=False, indent=2))
    say(catalogue.text("cli.customer_exported", path=output))
    return 0


def cmd_customer_erase(args: argparse.Namespace) -> int:
    from yinglou_desk.services.orders.privacy import PrivacyError, erase_customer

    if not args.yes:
        raise CliError(catalogue.text("cli.erase_needs_yes"), 2)
    engine = open_database(args)
    operator = acting_operator(engine, args)
    try:
        customer_id = erase_customer(engine, args.query, operator)
    except PrivacyError as error:
        raise CliError(str(error), 2) from None
    say(catalogue.text("cli.customer_erased", id=customer_id))
    return 0


HANDLERS = {"customer export": cmd_customer_export, "customer erase": cmd_customer_erase}
