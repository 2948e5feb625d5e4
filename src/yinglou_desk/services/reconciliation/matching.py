"""Checking a vendor's month-end statement (对账单) against what was really sent and received.

Reads the statement (:mod:`.statement`), resolves each line to an item of the
vendor — by barcode, else by order number + product — gathers what the scan
log says about those items and about every item first delivered in the
period (:mod:`.vendor_history`), and lets the rules of
:mod:`yinglou_desk.domain.statement_match` judge each line. Reads only.

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
from yinglou_desk.domain.statement_sheet import StatementLine
from yinglou_desk.services.clock import local_date
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
from yinglou_desk.services.reconciliation.statement import read_statement
from yinglou_desk.services.reconciliation.vendor_history import (
    History,
    Period,
    day_fits,
    first_received_in,
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


@dataclass
class Reconciliation:
    vendor: str
    period: Period | None
    period_source: str
    result: MatchResult

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
        data["findings"] = [
            {
                "category": f.category.value,
                "code": f.code,
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
) -> Reconciliation:
    """Check a statement file against the vendor's items. Reads only; writes nothing.

    Without ``period`` the statement's own dates (first to last) are used;
    without those, the days on which the billed items first came back.
    """
    require(actor, Permission.RECONCILE)
    vendor = vendor_named(engine, vendor_name)
    lines = read_statement(statement).lines
    source = "given"
    if period is None:
        period, source = _period_of(lines), "statement_dates"
    with environment_errors(), engine.connect() as conn:
        resolved, facts = _resolve(conn, vendor.id, lines)
        if period is None:
            period, source = _period_of_deliveries(facts), "billed_deliveries"
        received: list[ItemFacts] = []
        if period is not None:
            found = first_received_in(conn, vendor.id, period)
            received = _facts(item_rows(conn, sorted(found)), found)
    if period is None:
        source = "none"
    result = match_statement(lines, resolved, facts, received)
    return Reconciliation(vendor.name, period, source, result)


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
) -> tuple[dict[int, str | None], dict[str, ItemFacts]]:
    """Each line's barcode (None: no such item of this vendor) and the facts of those items."""
    codes = sorted({line.code for line in lines if line.code})
    rows = {row.code: row for row in item_rows_by_code(conn, vendor_id, codes)}
    resolved: dict[int, str | None] = {
        line.row: line.code if line.code in rows else None for line in lines if line.code
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
            resolved[line.row] = chosen.code if chosen is not None else None
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
        )
        for row in rows
    ]


def _first_return(row: Any, history: History) -> date | None:
    """The studio's day the vendor first delivered the item (the log, else the item)."""
    moment = history.first_check_in or row.returned_at
    return None if moment is None else local_date(moment)
