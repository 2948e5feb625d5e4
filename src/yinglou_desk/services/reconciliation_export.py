"""The reconciliation export: what a vendor made for the studio in a period, as .xlsx.

One row per item whose *first* send-out to the vendor falls in the period (a
rework sent again later belongs to the month the job started), plus a summary
sheet: counts, totals, items still out, average and 90th-percentile
turnaround. No customer phone number is ever written; customer names are
masked (张*) unless asked otherwise, or left out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Engine

from ..domain.roles import Actor, Permission, require
from ..domain.states import ItemState
from ..storage.errors import environment_errors
from .clock import local_date
from .excel_export import Column, XlsxBook
from .vendor_history import History, Period, first_sent_in, item_rows
from .vendors import VendorInfo, find_vendor

NameMode = Literal["masked", "full", "none"]


class ReconciliationError(Exception):
    """A request that cannot be carried out (unknown vendor); the text says why."""


def mask_name(name: str | None) -> str | None:
    """``张小梅`` → ``张*``: enough for a lab to tell parcels apart, not to identify anyone."""
    if not name:
        return name
    return name[0] + "*"


def vendor_named(engine: Engine, name: str) -> VendorInfo:
    with environment_errors(), engine.connect() as conn:
        vendor = find_vendor(conn, name)
    if vendor is None:
        raise ReconciliationError(
            f"没有名为 {name} 的厂商（用 yinglou-desk vendor add 添加）/ unknown vendor"
        )
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
    vendor: str
    period: Period
    rows: list[ExportRow] = field(default_factory=list)

    @property
    def still_out(self) -> int:
        return sum(1 for r in self.rows if r.state == ItemState.SENT_OUT.value)

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

    def pairs(self) -> list[tuple[str, object]]:
        return [
            ("厂商 / Vendor", self.vendor),
            ("期间 / Period", str(self.period)),
            ("发件件数 / Items sent", len(self.rows)),
            ("总数量 / Total quantity", self.total_qty),
            ("总金额 / Total cost", self.total_amount),
            ("已回件 / Returned", sum(1 for r in self.rows if r.returned_at is not None)),
            ("仍在厂 / Still out", self.still_out),
            ("返工件数 / Items reworked", sum(1 for r in self.rows if r.rework_count)),
            ("返工次数 / Reworks", sum(r.rework_count for r in self.rows)),
            (
                "无单价件数 / Items without unit cost",
                sum(1 for r in self.rows if r.unit_cost is None),
            ),
            ("平均周期（天）/ Average turnaround (days)", self.average_days),
            ("90% 周期（天）/ 90th percentile turnaround (days)", self.p90_days),
        ]


EXPORT_COLUMNS = (
    Column("条码 / Barcode"),
    Column("订单号 / Order"),
    Column("客户 / Customer"),
    Column("产品 / Product"),
    Column("规格 / Spec"),
    Column("数量 / Qty", "int", total=True),
    Column("发件时间 / Sent", "datetime"),
    Column("发件人 / Sent by"),
    Column("回件时间 / Returned", "datetime"),
    Column("送厂天数 / Days at vendor", "int"),
    Column("状态 / State"),
    Column("返工次数 / Reworks", "int", total=True),
    Column("返工原因 / Rework reasons", width=30),
    Column("单价 / Unit cost", "money"),
    Column("金额 / Amount", "money", total=True),
)


def build_export(
    engine: Engine, vendor_name: str, period: Period, names: NameMode = "masked"
) -> ExportSummary:
    """The rows and figures of a vendor's reconciliation export."""
    vendor = vendor_named(engine, vendor_name)
    summary = ExportSummary(vendor.name, period)
    with environment_errors(), engine.connect() as conn:
        found = first_sent_in(conn, vendor.id, period)
        for row in item_rows(conn, sorted(found)):
            summary.rows.append(_export_row(row, found[row.id], names))
    summary.rows.sort(key=lambda r: (r.sent_at, r.code))
    return summary


def _export_row(row: Any, history: History, names: NameMode) -> ExportRow:
    sent_at, sent_by = history.sends[0]
    days = None
    if row.returned_at is not None:
        days = (local_date(row.returned_at) - local_date(sent_at)).days
    customer = None if names == "none" else row.customer
    if names == "masked":
        customer = mask_name(customer)
    reasons = "；".join(reason or "（未填原因）" for _, reason in history.reworks)
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
    """Write the export to ``path`` (.xlsx: 明细 + 汇总) and return what was written."""
    require(actor, Permission.EXPORT)
    from .. import catalogue

    summary = build_export(engine, vendor_name, period, names)
    columns = [c for c in EXPORT_COLUMNS if names != "none" or not c.title.startswith("客户")]
    book = XlsxBook()

    def cells(row: ExportRow) -> list[object]:
        values: list[object] = [
            row.code,
            row.order_no,
            row.customer,
            row.product,
            row.spec,
            row.qty,
            row.sent_at,
            row.sent_by,
            row.returned_at,
            row.days_at_vendor,
            catalogue.name("state", row.state),
            row.rework_count,
            row.rework_reasons or None,
            row.unit_cost,
            row.amount,
        ]
        if names == "none":
            del values[2]
        return values

    book.add_table("明细 Items", columns, (cells(r) for r in summary.rows))
    book.add_pairs(
        "汇总 Summary",
        summary.pairs(),
        formats={
            "平均周期（天）/ Average turnaround (days)": "number",
            "90% 周期（天）/ 90th percentile turnaround (days)": "int",
        },
    )
    book.save(path)
    return summary
