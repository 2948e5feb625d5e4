"""Handlers for ``export reconciliation`` and ``reconcile``: month-end with a vendor.

Both only read the database. Everything is checked before any work starts —
dates, vendor, the statement file — so a mistake costs one clear message on
stderr and a non-zero exit, never a half-written file.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path

from ..services.audit import command_line_actor
from .common import existing_file, open_database, output_file
from .output import CliError, emit, emit_json, say


def _day(text: str | None, flag: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CliError(
            f"{flag} 日期无效：{text}（格式 YYYY-MM-DD，例：2026-03-01）/ invalid date", 2
        ) from None


def _period(args: argparse.Namespace, required: bool):  # type: ignore[no-untyped-def]
    from ..services.vendor_history import Period

    start, end = _day(args.date_from, "--from"), _day(args.date_to, "--to")
    if start is None and end is None and not required:
        return None
    if start is None or end is None:
        raise CliError("--from 与 --to 须同时给出 / give both --from and --to", 2)
    try:
        return Period(start, end)
    except ValueError as error:
        raise CliError(str(error), 2) from None


def _output_path(text: str) -> Path:
    path = output_file(text)
    if path.suffix.lower() != ".xlsx":
        raise CliError(f"输出文件须为 .xlsx：{text} / the output must be an .xlsx file", 2)
    return path


def cmd_export_reconciliation(args: argparse.Namespace) -> int:
    from ..services.excel_export import ExportError
    from ..services.reconciliation import ReconciliationError, export_reconciliation

    period = _period(args, required=True)
    output = _output_path(args.output)
    engine = open_database(args)
    try:
        summary = export_reconciliation(
            engine, args.vendor, period, output, actor=command_line_actor()
        )
    except (ReconciliationError, ExportError) as error:
        raise CliError(str(error), 2) from None
    say(
        f"已导出 {summary.vendor} {period}：{len(summary.rows)} 件，"
        f"金额合计 {summary.total_amount}，仍在厂 {summary.still_out} 件 → {output}"
    )
    return 0


def cmd_reconcile(args: argparse.Namespace) -> int:
    from ..domain.statement_match import CATEGORY_NAMES
    from ..services.excel_export import ExportError
    from ..services.reconciliation import ReconciliationError, reconcile_statement
    from ..services.reconciliation_report import REPORT_ORDER, write_report
    from ..services.statement import StatementRefused

    period = _period(args, required=False)
    statement = Path(args.statement)
    if not existing_file(args.statement):
        raise CliError(f"找不到对账单文件：{statement} / statement file not found", 2)
    output = _output_path(args.output) if args.output else None
    engine = open_database(args)
    try:
        outcome = reconcile_statement(
            engine, args.vendor, statement, period, actor=command_line_actor()
        )
        if output is not None:
            write_report(outcome, output)
    except (ReconciliationError, StatementRefused, ExportError) as error:
        raise CliError(str(error), 2) from None

    result = outcome.result
    if args.json:
        emit_json(outcome.to_json())
    else:
        for category in REPORT_ORDER:
            for finding in result.of(category):
                row = f"第{finding.row}行 " if finding.row else ""
                emit(f"{CATEGORY_NAMES[category]:<28} {finding.code}  {row}{finding.reason}")
    counts = "，".join(
        f"{CATEGORY_NAMES[c].split(' / ')[0]} {len(result.of(c))}"
        for c in REPORT_ORDER
        if result.of(c)
    )
    used = f"（期间 {outcome.period}）" if outcome.period else "（无期间：未检查漏计费）"
    say(f"{outcome.vendor} 对账单 {result.lines} 行{used}：{counts}")
    if output is not None:
        say(f"报告已写入 {output}")
    return 0  # discrepancies are the answer, not a failure of the command


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "export reconciliation": cmd_export_reconciliation,
    "reconcile": cmd_reconcile,
}
