"""``customer export`` / ``customer erase``: a customer's data on request."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from .common import open_database
from .output import CliError, say


def cmd_customer_export(args: argparse.Namespace) -> int:
    from ..services.audit import command_line_user
    from ..services.privacy import PrivacyError, export_customer

    try:
        data = export_customer(
            open_database(args), args.query, args.operator or command_line_user()
        )
    except PrivacyError as error:
        raise CliError(str(error), 2) from None
    Path(args.output).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    say(f"已导出客户资料到 {args.output}")
    return 0


def cmd_customer_erase(args: argparse.Namespace) -> int:
    from ..services.operators import find_operator
    from ..services.privacy import PrivacyError, erase_customer

    if not args.yes:
        raise CliError("删除客户资料不可撤销：确认请加 --yes / add --yes to confirm", 2)
    engine = open_database(args)
    with engine.connect() as conn:
        operator = find_operator(conn, args.operator)
    if operator is None:
        raise CliError(f"没有名为 {args.operator} 的员工 / unknown operator", 2)
    try:
        customer_id = erase_customer(engine, args.query, operator)
    except PrivacyError as error:
        raise CliError(str(error), 2) from None
    say(f"已删除客户 #{customer_id} 的个人资料；订单与货品记录已匿名保留")
    return 0


HANDLERS = {"customer export": cmd_customer_export, "customer erase": cmd_customer_erase}
