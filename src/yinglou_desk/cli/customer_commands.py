"""``customer export`` / ``customer erase``: a customer's data on request.

Both act for an operator who proves it (:mod:`.acting`); whether that
operator's role may export or erase is the privacy service's check.
"""

from __future__ import annotations

import argparse
import json

from .acting import acting_operator
from .common import open_database, output_file, write_output
from .output import CliError, say


def cmd_customer_export(args: argparse.Namespace) -> int:
    from ..services.privacy import PrivacyError, export_customer

    output = output_file(args.output)
    engine = open_database(args)
    operator = acting_operator(engine, args)
    try:
        data = export_customer(engine, args.query, operator)
    except PrivacyError as error:
        raise CliError(str(error), 2) from None
    write_output(output, json.dumps(data, ensure_ascii=False, indent=2))
    say(f"已导出客户资料到 {output}")
    return 0


def cmd_customer_erase(args: argparse.Namespace) -> int:
    from ..services.privacy import PrivacyError, erase_customer

    if not args.yes:
        raise CliError("删除客户资料不可撤销：确认请加 --yes / add --yes to confirm", 2)
    engine = open_database(args)
    operator = acting_operator(engine, args)
    try:
        customer_id = erase_customer(engine, args.query, operator)
    except PrivacyError as error:
        raise CliError(str(error), 2) from None
    say(f"已删除客户 #{customer_id} 的个人资料；订单与货品记录已匿名保留")
    return 0


HANDLERS = {"customer export": cmd_customer_export, "customer erase": cmd_customer_erase}
