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

from yinglou_desk import catalogue
from yinglou_desk.domain.statement_match import CATEGORY_NAMES, Category, Finding
from yinglou_desk.services.reconciliation.matching import Reconciliation
from yinglou_desk.services.reports.excel import Column, XlsxBook, in_language

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

# Titles are catalogue keys: the headers follow the language when the file is written.
DETAIL_COLUMNS = (
    Column("exports.col.category", width=26),
    Column("exports.col.barcode"),
    Column("exports.col.order_no"),
    Column("exports.col.product"),
    Column("exports.col.spec"),
    Column("exports.col.statement_row", "int"),
    Column("exports.col.statement_type"),
    Column("exports.col.billed_on", "date"),
    Column("exports.col.billed", "money", total=True),
    Column("exports.col.expected", "money", total=True),
    Column("exports.col.difference", "money", total=True),
    Column("exports.col.reason", width=50),
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
    t = catalogue.text
    pairs: list[tuple[str, object]] = [
        (t("exports.sum.vendor"), reconciliation.vendor),
        (t("exports.sum.period"), str(period) if period else t("exports.sum.no_period")),
        (t("exports.sum.statement_lines"), result.lines),
        (t("exports.sum.statement_total"), result.billed_total),
    ]
    for category in REPORT_ORDER:
        found = result.of(category)
        name = CATEGORY_NAMES[category]
        pairs.append((t("exports.sum.category_count", category=name), len(found)))
        if category is not Category.RECEIVED_NOT_BILLED:
            billed = sum((f.billed for f in found if f.billed is not None), Decimal("0.00"))
            pairs.append((t("exports.sum.category_amount", category=name), billed))
    book = XlsxBook()
    book.add_pairs(t("exports.sheet.summary"), pairs)
    order = {category: index for index, category in enumerate(REPORT_ORDER)}
    findings = sorted(result.findings, key=lambda f: (order[f.category], f.row or 10**9, f.code))
    book.add_table(
        t("exports.sheet.details"), in_language(DETAIL_COLUMNS), (_detail_row(f) for f in findings)
    )
    book.save(path)
