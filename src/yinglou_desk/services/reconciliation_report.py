"""The result of a statement check as an .xlsx a manager can act on.

Two sheets: 汇总 (per category: how many lines and how much money) and 明细
(one row per finding, problems first, with the statement row, the billed and
the expected amount, the difference and the reason). A line with two
problems (billed before it came back *and* at the wrong price) has two rows,
so filtering the 类别 column shows every case of one kind.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from ..domain.statement_match import CATEGORY_NAMES, Category, Finding
from .excel_export import Column, XlsxBook
from .reconciliation import Reconciliation

# Problems first, in the order a manager deals with them; matched lines last.
REPORT_ORDER = (
    Category.UNKNOWN,
    Category.DUPLICATE,
    Category.REWORK_BILLED,
    Category.AMOUNT_MISMATCH,
    Category.BILLED_NOT_RECEIVED,
    Category.RECEIVED_NOT_BILLED,
    Category.MATCHED,
)

DETAIL_COLUMNS = (
    Column("类别 / Category", width=26),
    Column("条码 / Barcode"),
    Column("订单号 / Order"),
    Column("产品 / Product"),
    Column("规格 / Spec"),
    Column("对账单行 / Statement row", "int"),
    Column("对账单类型 / Type"),
    Column("对账单日期 / Billed on", "date"),
    Column("对账金额 / Billed", "money", total=True),
    Column("应付金额 / Expected", "money", total=True),
    Column("差额 / Difference", "money", total=True),
    Column("说明 / Reason", width=50),
)


def _detail_row(finding: Finding) -> list[object]:
    line, item = finding.line, finding.item
    difference: Decimal | None = None
    if finding.category is Category.AMOUNT_MISMATCH and finding.expected is not None:
        difference = (finding.billed or Decimal("0")) - finding.expected
    return [
        CATEGORY_NAMES[finding.category],
        item.code if item else (line.code if line else finding.code),
        item.order_no if item else (line.order_no if line else None),
        item.product if item else (line.product if line else None),
        item.spec if item else (line.spec if line else None),
        finding.row,
        line.kind if line else None,
        line.billed_on if line else None,
        finding.billed,
        finding.expected,
        difference,
        finding.reason,
    ]


def write_report(reconciliation: Reconciliation, path: Path) -> None:
    """Write the report; the detail's totals add the billed and expected columns as listed."""
    result = reconciliation.result
    period = reconciliation.period
    pairs: list[tuple[str, object]] = [
        ("厂商 / Vendor", reconciliation.vendor),
        ("期间 / Period", str(period) if period else "（无）/ none"),
        ("对账单行数 / Statement lines", result.lines),
        ("对账单总额 / Statement total", result.billed_total),
    ]
    for category in REPORT_ORDER:
        found = result.of(category)
        pairs.append((f"{CATEGORY_NAMES[category]}（行/件）", len(found)))
        if category is not Category.RECEIVED_NOT_BILLED:
            billed = sum((f.billed for f in found if f.billed is not None), Decimal("0.00"))
            pairs.append((f"{CATEGORY_NAMES[category]}（金额）", billed))
    book = XlsxBook()
    book.add_pairs("汇总 Summary", pairs)
    order = {category: index for index, category in enumerate(REPORT_ORDER)}
    findings = sorted(result.findings, key=lambda f: (order[f.category], f.row or 10**9, f.code))
    book.add_table("明细 Details", DETAIL_COLUMNS, (_detail_row(f) for f in findings))
    book.save(path)
