"""Checking a vendor's month-end statement (对账单) against what was really sent and received.

Reads the statement (:mod:`.statement`), resolves each line to an item of the
vendor — by barcode, else by order number + product — gathers what the scan
log says about those items and about every item the vendor delivered in the
period (:func:`.vendor_history.delivered_in`: the item's first check-in from
this vendor falls in the period — the same rule as the vendor export), reads
what earlier confirmed statements settled (:mod:`.settlements`), and lets the
rules of :mod:`yinglou_desk.domain.statement_match` judge each line.

Lines are told apart by (sheet, row). Writes nothing but the vendor's
statement columns, when a manager chose them and they read the statement.

The export of a period's items lives in :mod:`.reconciliation_export`; its
public names are re-exported here so callers need one import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine

from yinglou_desk.domain.roles import Actor, Permission, require
from yinglou_desk.domain.sheet_values import clean_text
from yinglou_desk.domain.statement_match import Category, ItemFacts, MatchResult, match_statement
from yinglou_desk.domain.statement_sheet import ColumnChoice, Statement, StatementLine
from yinglou_desk.services.clock import Clock, local_date, utc_now
from yinglou_desk.services.reconciliation.export import (
    ExportRow,
    ExportSummary,
    NameMode,
    ReconciliationError,
    build_export,
    export_reconciliation,
    mask_name,
    vendor_named,
)
from yinglou_desk.services.reconciliation.settlements import (
    memory_for,
    remember_columns,
    remembered_columns,
)
from yinglou_desk.services.reconciliation.statement import read_statement
from yinglou_desk.services.reconciliation.vendor_history import (
    History,
    Period,
    day_fits,
    delivered_in,
    histories,
    item_rows,
    item_rows_by_code,
    item_rows_by_order,
)
from yinglou_desk.storage.errors import environment_errors

__all__ = [
    "ExportRow",
    "ExportSummary",
    "NameMode",
    "Reconciliation",
    "ReconciliationError",
    "build_export",
    "export_reconciliation",
    "mask_name",
    "reconcile_statement",
]


LineKey = tuple[str, int]


@dataclass
class Reconciliation:
    """One statement checked. ``statement`` is the file as read (skipped rows, sheets,
    totals); ``memory_since`` the first day earlier confirmations are counted from
    (None: no confirmation of this vendor yet)."""

    vendor: str
    period: Period | None
    period_source: str
    result: MatchResult
    statement: Statement | None = None
    vendor_id: int | None = None
    memory_since: date | None = None

    @property
    def lines(self) -> int:
        return self.result.lines

    def to_json(self) -> dict[str, Any]:
        """The ``reconcile --json`` contract of CLI.md, plus period, totals and reasons."""

        def money(value: Decimal | None) -> float | None:
            return None if value is None else float(value)

        data: dict[str, Any] = {"vendor": self.vendor, "lines": self.lines}
        for category in Category:
            if category is Category.AMOUNT_MISMATCH:
                data[category.value] = [
                    {
                        "code": f.code,
                        "billed": money(f.billed),
                        "expected": money(f.expected),
                        "row": f.row,
                    }
                    for f in self.result.of(category)
                ]
            else:
                data[category.value] = self.result.codes(category)
        data["period"] = (
            {"from": self.period.start.isoformat(), "to": self.period.end.isoformat()}
            if self.period
            else None
        )
        data["period_source"] = self.period_source
        data["billed_total"] = money(self.result.billed_total)
        statement = self.statement
        data["skipped"] = [
            {"sheet": s.sheet, "row": s.row, "reason": s.reason, "text": s.text}
            for s in (statement.skipped if statement else [])
        ]
        data["sheets"] = {
            "read": list(statement.sheets_read) if statement else [],
            "ignored": [
                {"sheet": sheet, "reason": reason}
                for sheet, reason in (statement.sheets_ignored if statement else [])
            ],
        }
        data["stated_total"] = money(statement.stated_total if statement else None)
        data["line_total"] = money(statement.line_total if statement else None)
        data["findings"] = [
            {
                "category": f.category.value,
                "code": f.code,
                "sheet": f.sheet,
                "row": f.row,
                "billed": money(f.billed),
                "expected": money(f.expected),
                "reason": f.reason,
            }
            for f in self.result.findings
        ]
        return data


def reconcile_statement(
    engine: Engine,
    vendor_name: str,
    statement: Path,
    period: Period | None = None,
    *,
    actor: Actor | None,
    columns: ColumnChoice | None = None,
    clock: Clock = utc_now,
) -> Reconciliation:
    """Check a statement file against the vendor's items.

    ``columns``: the code and amount columns, chosen by hand; without it the
    vendor's remembered choice (if any) is used, and a given choice that reads
    the statement is remembered for next time (audit-logged). A statement whose
    columns cannot be told raises
    :class:`~yinglou_desk.services.reconciliation.statement.StatementNeedsColumns`.

    The period: ``period`` when given; else the period the statement states
    (its title, "2026年11月"); else the statement's own dates (first to last);
    else the days on which the billed items first came back.
    """
    require(actor, Permission.RECONCILE)
    vendor = vendor_named(engine, vendor_name)
    remembered = None
    if columns is None:
        with environment_errors(), engine.connect() as conn:
            remembered = remembered_columns(conn, vendor.id)
    read = read_statement(
        statement,
        columns=columns or remembered,
        period=(period.start, period.end) if period else None,
        today=local_date(clock()),
    )
    if columns is not None:
        remember_columns(engine, vendor.id, vendor.name, columns, actor=actor, clock=clock)
    lines = read.lines
    source = "given"
    if period is None:
        period, source = _stated_period(read), "statement_period"
    if period is None:
        period, source = _period_of(lines), "statement_dates"
    with environment_errors(), engine.connect() as conn:
        resolved, facts = _resolve(conn, vendor.id, lines)
        if period is None:
            period, source = _period_of_deliveries(facts), "billed_deliveries"
        received: list[ItemFacts] = []
        if period is not None:
            found = delivered_in(conn, vendor.id, period)
            received = _facts(item_rows(conn, sorted(found)), found)
        named_ids = [fact.item_id for fact in facts.values() if fact.item_id is not None]
        memory = memory_for(conn, vendor.id, period, [*named_ids, *found_ids(received)])
        carried: list[ItemFacts] = []
        if memory.carried:
            carried = _facts(item_rows(conn, sorted(memory.carried)), memory.carried)
    if period is None:
        source = "none"
    paid = memory.settled or {}
    # Delivered in the period but paid by an earlier confirmed statement: not unbilled.
    received = [fact for fact in received if fact.item_id not in paid]
    by_id = {fact.item_id: fact.code for fact in facts.values()}
    settled = {by_id[item_id]: day for item_id, day in paid.items() if item_id in by_id}
    result = match_statement(lines, resolved, facts, received, settled=settled, carried=carried)
    return Reconciliation(
        vendor.name, period, source, result, read, vendor.id, memory_since=memory.since
    )


def found_ids(facts: list[ItemFacts]) -> list[int]:
    return [fact.item_id for fact in facts if fact.item_id is not None]


def _stated_period(statement: Statement) -> Period | None:
    stated = getattr(statement, "stated_period", None)
    if not stated:
        return None
    try:
        return Period(stated[0], stated[1])
    except ValueError:
        return None


def _period_of(lines: list[StatementLine]) -> Period | None:
    # a statement's date the calendar cannot hold in a period (year 1…) is no guide to it
    days = [line.billed_on for line in lines if line.billed_on and day_fits(line.billed_on)]
    return Period(min(days), max(days)) if days else None


def _period_of_deliveries(facts: dict[str, ItemFacts]) -> Period | None:
    days = [fact.received_on for fact in facts.values() if fact.received_on is not None]
    return Period(min(days), max(days)) if days else None


def _product_key(text: str | None) -> str:
    return re.sub(r"\s", "", (clean_text(text) or "")).lower()


def _resolve(
    conn: Connection, vendor_id: int, lines: list[StatementLine]
) -> tuple[dict[LineKey, str | None], dict[str, ItemFacts]]:
    """Each line's barcode, by the line's (sheet, row) (None: no such item of this
    vendor), and the facts of those items."""
    codes = sorted({line.code for line in lines if line.code})
    rows = {row.code: row for row in item_rows_by_code(conn, vendor_id, codes)}
    resolved: dict[LineKey, str | None] = {
        line.key: line.code if line.code in rows else None for line in lines if line.code
    }
    by_order = [line for line in lines if not line.code]
    if by_order:
        candidates: dict[tuple[str, str], list[Any]] = {}
        order_nos = sorted({str(line.order_no) for line in by_order})
        for row in item_rows_by_order(conn, vendor_id, order_nos):
            candidates.setdefault((row.order_no, _product_key(row.product)), []).append(row)
            rows.setdefault(row.code, row)
        taken = {code for code in resolved.values() if code}  # billed by barcode already
        for line in by_order:
            choices = candidates.get((str(line.order_no), _product_key(line.product)), [])
            if line.spec:
                choices = [
                    r for r in choices if _product_key(r.spec) == _product_key(line.spec)
                ] or choices
            free = [r for r in choices if r.code not in taken]
            # Once every such item is billed, a further line names the last one again,
            # so the rules see it as billed twice rather than as unknown.
            chosen = free[0] if free else (choices[-1] if choices else None)
            resolved[line.key] = chosen.code if chosen is not None else None
            if chosen is not None:
                taken.add(chosen.code)
    named = {code for code in resolved.values() if code}
    used = [rows[code] for code in sorted(named)]
    found = histories(conn, [row.id for row in used])
    facts = {fact.code: fact for fact in _facts(used, found)}
    return resolved, facts


def _facts(rows: list[Any], found: dict[int, History]) -> list[ItemFacts]:
    return [
        ItemFacts(
            code=row.code,
            order_no=row.order_no,
            product=row.product,
            spec=row.spec,
            qty=row.qty,
            unit_cost=row.unit_cost,
            received_on=_first_return(row, found[row.id]),
            reworked=row.rework_count > 0 or bool(found[row.id].reworks),
            item_id=row.id,
        )
        for row in rows
    ]


def _first_return(row: Any, history: History) -> date | None:
    """The studio's day the vendor first delivered the item (the log, else the item)."""
    moment = history.first_check_in or row.returned_at
    return None if moment is None else local_date(moment)
