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

from yinglou_desk import catalogue
from yinglou_desk.cli.common import existing_file, open_database, output_file
from yinglou_desk.cli.output import CliError, emit, emit_json, say
from yinglou_desk.services.staff.audit import command_line_actor


def _day(text: str | None, flag: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CliError(catalogue.text("cli.bad_date", flag=flag, value=text), 2) from None


def _period(args: argparse.Namespace, required: bool):  # type: ignore[no-untyped-def]
    from yinglou_desk.services.reconciliation.vendor_history import Period

    start, end = _day(args.date_from, "--from"), _day(args.date_to, "--to")
    if start is None and end is None and not required:
        return None
    if start is None or end is None:
        raise CliError(catalogue.text("cli.need_both_dates"), 2)
    try:
        return Period(start, end)
    except ValueError as error:
        raise CliError(str(error), 2) from None


def _output_path(text: str) -> Path:
    path = output_file(text)
    if path.suffix.lower() != ".xlsx":
        raise CliError(catalogue.text("cli.output_not_xlsx", path=text), 2)
    return path


def cmd_export_reconciliation(args: argparse.Namespace) -> int:
    from yinglou_desk.services.reconciliation.matching import (
        ReconciliationError,
        export_reconciliation,
    )
    from yinglou_desk.services.reports.excel import ExportError

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
        catalogue.text(
            "cli.rec_exported",
            vendor=summary.vendor,
            period=period,
            n=len(summary.rows),
            total=summary.total_amount,
            out=summary.still_out,
            path=output,
        )
    )
    return 0


def cmd_reconcile(args: argparse.Namespace) -> int:
    from yinglou_desk.domain.statement_match import CATEGORY_NAMES
    from yinglou_desk.services.reconciliation.matching import (
        ReconciliationError,
        reconcile_statement,
    )
    from yinglou_desk.services.reconciliation.report import REPORT_ORDER, write_report
    from yinglou_desk.services.reconciliation.statement import StatementRefused
    from yinglou_desk.services.reports.excel import ExportError

    period = _period(args, required=False)
    statement = Path(args.statement)
    if not existing_file(args.statement):
        raise CliError(catalogue.text("cli.statement_missing", path=statement), 2)
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
                row = catalogue.text("cli.rec_row", row=finding.row) + " " if finding.row else ""
                emit(f"{CATEGORY_NAMES[category]:<20} {finding.code}  {row}{finding.reason}")
    counts = catalogue.text("cli.comma_sep").join(
        f"{CATEGORY_NAMES[c]} {len(result.of(c))}" for c in REPORT_ORDER if result.of(c)
    )
    used = (
        catalogue.text("cli.rec_period", period=outcome.period)
        if outcome.period
        else catalogue.text("cli.rec_no_period")
    )
    say(
        catalogue.text(
            "cli.rec_summary", vendor=outcome.vendor, lines=result.lines, period=used, counts=counts
        )
    )
    if output is not None:
        say(catalogue.text("cli.report_written", path=output))
    return 0  # discrepancies are the answer, not a failure of the command


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "export reconciliation": cmd_export_reconciliation,
    "reconcile": cmd_reconcile,
}
