"""Handlers for ``export reconciliation`` and ``reconcile``: month-end with a vendor.

Both only read the database, except ``reconcile --confirm`` (it records the
settlement after the check) and ``--code-column``/``--amount-column`` (a
choice that reads the statement is remembered for the vendor). Everything is
checked before any work starts — dates, vendor, the statement file — so a
mistake costs one clear message on stderr and a non-zero exit, never a
half-written file. A statement whose code or amount column cannot be told
prints its first rows (numbered, with column letters) and exits 2.
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


def _print_preview(error) -> None:  # type: ignore[no-untyped-def]
    """The statement's first rows, numbered, under their column letters (on stderr)."""
    from yinglou_desk.domain.statement_sheet import column_letter

    say(catalogue.text("settlements.needs_columns"))
    width = max((len(row) for row in error.preview), default=0)
    say("\t".join(["", *(column_letter(i) for i in range(width))]))
    for number, row in enumerate(error.preview, start=1):
        say("\t".join([catalogue.text("settlements.preview_row", row=number), *row]))


def _sheet_prefix(sheet: str | None, several: bool) -> str:
    return catalogue.text("settlements.sheet_prefix", sheet=sheet) if sheet and several else ""


def _print_statement(outcome) -> None:  # type: ignore[no-untyped-def]
    """Skipped rows, sheets ignored and the totals when they differ (on stderr)."""
    statement = outcome.statement
    if statement is None:
        return
    if statement.read_from:
        say(catalogue.text("statements.read_from", **statement.read_from))
    several = len(statement.sheets_read) > 1
    for skipped in statement.skipped:
        say(
            catalogue.text(
                "settlements.skipped_row",
                sheet=_sheet_prefix(skipped.sheet, several),
                row=skipped.row,
                reason=skipped.reason_text,
                text=skipped.text,
            )
        )
    for sheet, reason in statement.sheets_ignored:
        say(catalogue.text("settlements.sheet_ignored", sheet=sheet, reason=catalogue.text(reason)))
    if statement.total_differs:
        say(
            catalogue.text(
                "settlements.totals_differ",
                stated=f"{statement.stated_total:,.2f}",
                lines=f"{statement.line_total:,.2f}",
            )
        )


def cmd_reconcile(args: argparse.Namespace) -> int:
    from yinglou_desk.cli.acting import acting_operator
    from yinglou_desk.domain.statement_match import CATEGORY_NAMES
    from yinglou_desk.domain.statement_sheet import ColumnChoice
    from yinglou_desk.services.reconciliation.matching import (
        ReconciliationError,
        reconcile_statement,
    )
    from yinglou_desk.services.reconciliation.report import REPORT_ORDER, write_report
    from yinglou_desk.services.reconciliation.settlements import (
        SettlementRefused,
        confirm_reconciliation,
    )
    from yinglou_desk.services.reconciliation.statement import (
        StatementNeedsColumns,
        StatementRefused,
    )
    from yinglou_desk.services.reports.excel import ExportError

    period = _period(args, required=False)
    statement = Path(args.statement)
    if not existing_file(args.statement):
        raise CliError(catalogue.text("cli.statement_missing", path=statement), 2)
    output = _output_path(args.output) if args.output else None
    columns = None
    if args.code_column or args.amount_column:
        columns = ColumnChoice(args.code_column or None, args.amount_column or None)
    engine = open_database(args)
    actor = acting_operator(engine, args) if args.operator else command_line_actor()
    try:
        outcome = reconcile_statement(
            engine, args.vendor, statement, period, actor=actor, columns=columns
        )
        if output is not None:
            write_report(outcome, output)
    except StatementNeedsColumns as error:
        _print_preview(error)
        raise CliError(str(error), 2) from None
    except (ReconciliationError, StatementRefused, ExportError) as error:
        raise CliError(str(error), 2) from None

    result = outcome.result
    if args.json:
        emit_json(outcome.to_json())
    else:
        several = bool(outcome.statement and len(outcome.statement.sheets_read) > 1)
        for category in REPORT_ORDER:
            for finding in result.of(category):
                row = (
                    _sheet_prefix(finding.sheet, several)
                    + catalogue.text("cli.rec_row", row=finding.row)
                    + " "
                    if finding.row
                    else ""
                )
                emit(f"{CATEGORY_NAMES[category]:<20} {finding.code}  {row}{finding.reason}")
    _print_statement(outcome)
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
    if args.confirm:
        try:
            settled = confirm_reconciliation(engine, outcome, actor=actor)
        except SettlementRefused as error:
            raise CliError(str(error), 2) from None
        several = bool(outcome.statement and len(outcome.statement.sheets_read) > 1)
        for finding in result.settles():
            say(
                catalogue.text(
                    "settlements.cli_settled_item",
                    code=finding.code,
                    sheet=_sheet_prefix(finding.sheet, several),
                    row=finding.row,
                    amount=f"{finding.billed:,.2f}",
                )
            )
        say(
            catalogue.text(
                "settlements.cli_settled",
                vendor=settled.vendor,
                period=settled.period,
                items=settled.items,
                amount=f"{settled.amount:,.2f}",
            )
        )
    return 0  # discrepancies are the answer, not a failure of the command


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "export reconciliation": cmd_export_reconciliation,
    "reconcile": cmd_reconcile,
}
