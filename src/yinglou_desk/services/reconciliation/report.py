"""The result of a statement check as an .xlsx a manager can act on.

Three sheets: 汇总 (per category: how many lines and how much money; the
statement's own total beside the sum of its lines), 明细 (one row per
finding, problems first, with the statement row, the billed and the expected
amount, the difference, the reason and the statement sheet) and 跳过的行 (the
rows of the statement that were not item lines, and why). A line with two
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
    Category.ALREADY_SETTLED,
    Category.REWORK_BILLED,
    Category.AMOUNT_MISMATCH,
    Category.BILLED_NOT_RECEIVED,
    Category.RECEIVED_NOT_BILLED,
    Category.CREDIT,
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
    Column("settlements.col_sheet"),
)
SKIPPED_COLUMNS = (
    Column("settlements.col_sheet"),
    Column("settlements.col_row", "int"),
    Column("settlements.col_reason", width=30),
    Column("settlements.col_text", width=60),
)


def finding_order(finding: Finding) -> tuple[int, str, int, str]:
    """Problems first (:data:`REPORT_ORDER`), then by statement sheet and row."""
    return (
        REPORT_ORDER.index(finding.category),
        finding.sheet or "",
        finding.row or 10**9,
        finding.code,
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
        finding.sheet or None,
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
    statement = reconciliation.statement
    if statement is not None and statement.stated_total is not None:
        pairs.append((t("settlements.report.stated_total"), statement.stated_total))
    for category in REPORT_ORDER:
        found = result.of(category)
        name = CATEGORY_NAMES[category]
        pairs.append((t("exports.sum.category_count", category=name), len(found)))
        if category is not Category.RECEIVED_NOT_BILLED:
            billed = sum((f.billed for f in found if f.billed is not None), Decimal("0.00"))
            pairs.append((t("exports.sum.category_amount", category=name), billed))
    book = XlsxBook()
    book.add_pairs(t("exports.sheet.summary"), pairs)
    findings = sorted(result.findings, key=finding_order)
    book.add_table(
        t("exports.sheet.details"), in_language(DETAIL_COLUMNS), (_detail_row(f) for f in findings)
    )
    skipped = statement.skipped if statement is not None else []
    book.add_table(
        t("settlements.skipped_title"),
        in_language(SKIPPED_COLUMNS),
        ([s.sheet or None, s.row, s.reason_text, s.text] for s in skipped),
    )
    book.save(path)
