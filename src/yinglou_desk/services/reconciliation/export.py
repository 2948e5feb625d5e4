"""The reconciliation export: what a vendor made for the studio in a period, as .xlsx.

The period rule is the check's own (:func:`.vendor_history.delivered_in`): one
row per item this vendor *delivered back* in the period — its first check-in
from the vendor falls on one of the period's days, whenever it was sent (an
album sent on 28 October and back on 3 November is November's; a rework coming
back later is not delivered again). So the export the studio sends and the
statement the lab returns cover the same items, and this file read back as a
statement bills exactly the delivered items.

Sheets: 明细 (the delivered items, with unit cost and amount), 汇总 (counts,
totals, average and 90th-percentile turnaround, and how many items the lab
still had at the end of the period) and 未回件 (those items: sent on or before
the period's last day and not back by then — for the lab's information, with
no amount column, since they are not billed in this period). No customer
phone number is ever written; customer names are masked (张*) unless asked
otherwise, or left out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Engine

from yinglou_desk import catalogue
from yinglou_desk.domain.roles import Actor, Permission, require
from yinglou_desk.domain.wording import WordedError
from yinglou_desk.services.clock import local_date
from yinglou_desk.services.reconciliation.vendor_history import (
    History,
    Period,
    delivered_in,
    item_rows,
    still_out_at_end,
)
from yinglou_desk.services.reports.excel import Column, ColumnKind, XlsxBook, in_language
from yinglou_desk.services.settings.vendors import VendorInfo, find_vendor
from yinglou_desk.storage.errors import environment_errors

NameMode = Literal["masked", "full", "none"]


class ReconciliationError(WordedError):
    """A request that cannot be carried out (unknown vendor); ``key`` says why."""


def mask_name(name: str | None) -> str | None:
    """``张小梅`` → ``张*``: enough for a lab to tell parcels apart, not to identify anyone."""
    if not name:
        return name
    return name[0] + "*"


def vendor_named(engine: Engine, name: str) -> VendorInfo:
    with environment_errors(), engine.connect() as conn:
        vendor = find_vendor(conn, name)
    if vendor is None:
        raise ReconciliationError("input.unknown_vendor", name=name)
    return vendor


@dataclass(frozen=True)
class ExportRow:
    code: str
    order_no: str
    customer: str | None
    product: str
    spec: str | None
    qty: int
    sent_at: datetime
    sent_by: str
    returned_at: datetime | None
    days_at_vendor: int | None
    state: str
    rework_count: int
    rework_reasons: str
    unit_cost: Decimal | None

    @property
    def amount(self) -> Decimal | None:
        return None if self.unit_cost is None else self.unit_cost * self.qty


@dataclass
class ExportSummary:
    """``rows``: the items delivered in the period (the bill); ``out``: the items the
    lab still had at the end of the period (information, not billed)."""

    vendor: str
    period: Period
    rows: list[ExportRow] = field(default_factory=list)
    out: list[ExportRow] = field(default_factory=list)

    @property
    def still_out(self) -> int:
        return len(self.out)

    @property
    def turnarounds(self) -> list[int]:
        return sorted(r.days_at_vendor for r in self.rows if r.days_at_vendor is not None)

    @property
    def average_days(self) -> float | None:
        days = self.turnarounds
        return round(sum(days) / len(days), 1) if days else None

    @property
    def p90_days(self) -> int | None:
        """The 90th percentile by nearest rank: 9 in 10 items came back within this many days."""
        days = self.turnarounds
        return days[math.ceil(0.9 * len(days)) - 1] if days else None

    @property
    def total_qty(self) -> int:
        return sum(r.qty for r in self.rows)

    @property
    def total_amount(self) -> Decimal:
        return sum((r.amount for r in self.rows if r.amount is not None), Decimal("0.00"))

    def keyed_pairs(self) -> list[tuple[str, object]]:
        """The summary's figures, each named by its catalogue key."""
        return [
            ("exports.sum.vendor", self.vendor),
            ("exports.sum.period", str(self.period)),
            ("settlements.export.basis", catalogue.text("settlements.export.basis_rule")),
            ("settlements.export.items_delivered", len(self.rows)),
            ("exports.sum.total_qty", self.total_qty),
            ("exports.sum.total_cost", self.total_amount),
            ("exports.sum.still_out", self.still_out),
            ("exports.sum.items_reworked", sum(1 for r in self.rows if r.rework_count)),
            ("exports.sum.reworks", sum(r.rework_count for r in self.rows)),
            ("exports.sum.no_unit_cost", sum(1 for r in self.rows if r.unit_cost is None)),
            ("exports.sum.average_days", self.average_days),
            ("exports.sum.p90_days", self.p90_days),
        ]

    def pairs(self) -> list[tuple[str, object]]:
        """The summary's figures, named in the current language."""
        return [(catalogue.text(key), value) for key, value in self.keyed_pairs()]


# Titles are catalogue keys: the headers follow the language when the file is written.
EXPORT_COLUMNS = (
    Column("exports.col.barcode"),
    Column("exports.col.order_no"),
    Column("exports.col.customer"),
    Column("exports.col.product"),
    Column("exports.col.spec"),
    Column("exports.col.qty", "int", total=True),
    Column("exports.col.sent_at", "datetime"),
    Column("exports.col.sent_by"),
    Column("exports.col.returned_at", "datetime"),
    Column("exports.col.days_at_vendor", "int"),
    Column("exports.col.state"),
    Column("exports.col.rework_count", "int", total=True),
    Column("exports.col.rework_reasons", width=30),
    Column("exports.col.unit_cost", "money"),
    Column("exports.col.amount", "money", total=True),
)
# The items still at the lab: no unit cost, no amount — they are not billed in this period.
OUT_COLUMNS = (
    Column("exports.col.barcode"),
    Column("exports.col.order_no"),
    Column("exports.col.customer"),
    Column("exports.col.product"),
    Column("exports.col.spec"),
    Column("exports.col.qty", "int"),
    Column("exports.col.sent_at", "datetime"),
    Column("exports.col.sent_by"),
    Column("exports.col.state"),
)
_CUSTOMER_COLUMN = "exports.col.customer"
_SUMMARY_FORMATS: dict[str, ColumnKind] = {
    "exports.sum.average_days": "number",
    "exports.sum.p90_days": "int",
}


def build_export(
    engine: Engine, vendor_name: str, period: Period, names: NameMode = "masked"
) -> ExportSummary:
    """The rows and figures of a vendor's reconciliation export."""
    vendor = vendor_named(engine, vendor_name)
    summary = ExportSummary(vendor.name, period)
    with environment_errors(), engine.connect() as conn:
        found = delivered_in(conn, vendor.id, period)
        for row in item_rows(conn, sorted(found)):
            summary.rows.append(_export_row(row, found[row.id], names))
        out = still_out_at_end(conn, vendor.id, period)
        for row in item_rows(conn, sorted(out)):
            summary.out.append(_export_row(row, out[row.id], names))
    summary.rows.sort(key=lambda r: (r.sent_at, r.code))
    summary.out.sort(key=lambda r: (r.sent_at, r.code))
    return summary


def _export_row(row: Any, history: History, names: NameMode) -> ExportRow:
    sent_at, sent_by = history.sends[0]
    days = None
    if row.returned_at is not None:
        days = (local_date(row.returned_at) - local_date(sent_at)).days
    customer = None if names == "none" else row.customer
    if names == "masked":
        customer = mask_name(customer)
    no_reason = catalogue.text("exports.no_reason")
    reasons = catalogue.text("exports.reason_separator").join(
        reason or no_reason for _, reason in history.reworks
    )
    return ExportRow(
        code=row.code,
        order_no=row.order_no,
        customer=customer,
        product=row.product,
        spec=row.spec,
        qty=row.qty,
        sent_at=sent_at,
        sent_by=sent_by,
        returned_at=row.returned_at,
        days_at_vendor=days,
        state=row.state,
        rework_count=max(row.rework_count, len(history.reworks)),
        rework_reasons=reasons,
        unit_cost=row.unit_cost,
    )


def export_reconciliation(
    engine: Engine,
    vendor_name: str,
    period: Period,
    path: Path,
    names: NameMode = "masked",
    *,
    actor: Actor | None,
) -> ExportSummary:
    """Write the export to ``path`` (.xlsx: 明细 + 汇总 + 未回件) and return what was written."""
    require(actor, Permission.EXPORT)
    summary = build_export(engine, vendor_name, period, names)
    columns = in_language(
        c for c in EXPORT_COLUMNS if names != "none" or c.title != _CUSTOMER_COLUMN
    )
    book = XlsxBook()

    def sent(row: ExportRow) -> list[object]:
        """What both sheets say of an item: which it is, for whom, and how it went out."""
        values: list[object] = [row.code, row.order_no, row.customer, row.product, row.spec]
        values += [row.qty, row.sent_at, row.sent_by]
        if names == "none":
            del values[2]
        return values

    def cells(row: ExportRow) -> list[object]:
        return [
            *sent(row),
            row.returned_at,
            row.days_at_vendor,
            catalogue.name("state", row.state),
            row.rework_count,
            row.rework_reasons or None,
            row.unit_cost,
            row.amount,
        ]

    def out_cells(row: ExportRow) -> list[object]:
        return [*sent(row), catalogue.name("state", row.state)]

    out_columns = in_language(
        c for c in OUT_COLUMNS if names != "none" or c.title != _CUSTOMER_COLUMN
    )
    book.add_table(catalogue.text("exports.sheet.items"), columns, (cells(r) for r in summary.rows))
    book.add_pairs(
        catalogue.text("exports.sheet.summary"),
        summary.pairs(),
        formats={catalogue.text(key): kind for key, kind in _SUMMARY_FORMATS.items()},
    )
    book.add_table(
        catalogue.text("settlements.export.sheet_out"),
        out_columns,
        (out_cells(r) for r in summary.out),
    )
    book.save(path)
    return summary
