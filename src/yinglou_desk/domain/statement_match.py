"""Checking a vendor's statement against what was really sent and received: the rules.

Pure: the service hands in the statement's lines (each already resolved to a
barcode where possible) and the facts about the items concerned; this module
decides, line by line, into which categories each falls. The categories and
exactly what they mean:

``matched``
    The item's first ordinary charge (a line not typed as rework) on this
    statement, for an item that was sent to this vendor and has come back at
    least once, billed at exactly unit cost × quantity.
``unknown``
    A line whose code (or order number + product) names no item this vendor
    ever had: a code the studio does not know, an item never sent out, or an
    item that went to another vendor.
``duplicate``
    A second (third...) ordinary charge for the same item when the item was
    never reworked — the same work billed twice.
``amount_mismatch``
    The item's first ordinary charge differs from unit cost × quantity, or
    the studio recorded no unit cost so the amount cannot be confirmed.
``billed_not_received``
    The item's first ordinary charge, but the item has never been checked in
    back from the vendor (it is still out, or was cancelled while out).
    A line can be both this and ``amount_mismatch``.
``received_not_billed``
    An item of this vendor whose *first* check-in falls in the period, named
    by no line of the statement at all. The first check-in is when the vendor
    delivered the work; a rework coming back later is not billable again.
``rework_billed``
    A rework charged to the vendor, billed again. Every rework in this
    program is a defect or wrong spec found at check-in (``flag_rework``), so
    the redo is the vendor's own cost. Counted here: (a) any line typed as
    rework (返工/重做/...) — with a recorded rework it is the redo billed;
    without one there was nothing to redo; (b) a second ordinary charge for
    an item that was reworked (recorded ``rework_count > 0`` or a
    ``flag_rework`` scan) — the redo billed as new work.

"In the period" is by the studio's calendar day (local time), both ends
included. Billed lines are judged whatever their date: a lab may bill in
March what it delivered on 28 February.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from yinglou_desk import catalogue
from yinglou_desk.domain.statement_sheet import StatementLine
from yinglou_desk.domain.wording import CatalogueNames


class Category(StrEnum):
    MATCHED = "matched"
    UNKNOWN = "unknown"
    DUPLICATE = "duplicate"
    AMOUNT_MISMATCH = "amount_mismatch"
    BILLED_NOT_RECEIVED = "billed_not_received"
    RECEIVED_NOT_BILLED = "received_not_billed"
    REWORK_BILLED = "rework_billed"


# category → its name, in the current language
CATEGORY_NAMES: CatalogueNames[Category] = CatalogueNames(
    {category: f"reconciliation.category.{category.value}" for category in Category}
)


@dataclass(frozen=True)
class ItemFacts:
    """What the studio knows about one item sent to the vendor being reconciled."""

    code: str
    order_no: str
    product: str
    spec: str | None
    qty: int
    unit_cost: Decimal | None
    received_on: date | None  # the first check-in: when the vendor delivered it
    reworked: bool  # rework_count > 0 or a flag_rework scan

    @property
    def received(self) -> bool:
        return self.received_on is not None

    @property
    def expected(self) -> Decimal | None:
        return (
            None
            if self.unit_cost is None
            else (self.unit_cost * self.qty).quantize(Decimal("0.01"))
        )


@dataclass(frozen=True)
class Finding:
    """One line (or one unbilled item) in one category, with why.

    ``reason`` is the sentence in the language current when the statement was
    checked; ``reason_key`` names it in the catalogue.
    """

    category: Category
    code: str  # the barcode, or order_no/product for an unresolved line
    row: int | None  # the statement row; None for received_not_billed
    billed: Decimal | None
    expected: Decimal | None
    reason: str
    item: ItemFacts | None = None
    line: StatementLine | None = None
    reason_key: str = ""


@dataclass
class MatchResult:
    lines: int
    findings: list[Finding] = field(default_factory=list)

    def of(self, category: Category) -> list[Finding]:
        return [f for f in self.findings if f.category is category]

    def codes(self, category: Category) -> list[str]:
        return [f.code for f in self.of(category)]

    @property
    def billed_total(self) -> Decimal:
        """The sum of every line of the statement, as the vendor asks to be paid."""
        seen: dict[int, Decimal] = {}
        for finding in self.findings:
            if finding.row is not None and finding.billed is not None:
                seen[finding.row] = finding.billed
        return sum(seen.values(), Decimal("0.00"))


def match_statement(
    lines: Sequence[StatementLine],
    resolved: dict[int, str | None],
    items: dict[str, ItemFacts],
    received_in_period: Iterable[ItemFacts],
) -> MatchResult:
    """Put every line, and every unbilled item received in the period, in its categories.

    ``resolved`` maps a line's row to the barcode it names (None: no item);
    ``items`` holds the facts for every resolved code that this vendor had.
    """
    result = MatchResult(lines=len(lines))
    charged: set[str] = set()  # items whose first ordinary charge has been seen
    named: set[str] = set()
    for line in lines:
        code = resolved.get(line.row)
        item = items.get(code) if code else None
        if item is None:
            result.findings.append(_unknown(line, code))
            continue
        named.add(item.code)
        result.findings.extend(_judge_line(line, item, first=item.code not in charged))
        if not line.is_rework:
            charged.add(item.code)
    for item in received_in_period:
        if item.code not in named:
            key = "reconciliation.reason.received_not_billed"
            result.findings.append(
                Finding(
                    Category.RECEIVED_NOT_BILLED,
                    item.code,
                    None,
                    None,
                    item.expected,
                    catalogue.text(key),
                    item=item,
                    reason_key=key,
                )
            )
    return result


def _unknown(line: StatementLine, code: str | None) -> Finding:
    if code is None and line.code is None:
        key = "reconciliation.reason.no_such_product"
        reason = catalogue.text(key, order_no=line.order_no, product=line.product)
    else:
        key = "reconciliation.reason.unknown_code"
        reason = catalogue.text(key)
    return Finding(
        Category.UNKNOWN,
        code or line.label,
        line.row,
        line.amount,
        None,
        reason,
        line=line,
        reason_key=key,
    )


def _judge_line(line: StatementLine, item: ItemFacts, *, first: bool) -> list[Finding]:
    def finding(category: Category, reason: str, **params: object) -> Finding:
        key = f"reconciliation.reason.{reason}"
        return Finding(
            category,
            item.code,
            line.row,
            line.amount,
            item.expected,
            catalogue.text(key, None, **params),
            item=item,
            line=line,
            reason_key=key,
        )

    if line.is_rework:
        reason = "rework_is_vendor_cost" if item.reworked else "rework_not_recorded"
        return [finding(Category.REWORK_BILLED, reason)]
    if not first:
        if item.reworked:
            return [finding(Category.REWORK_BILLED, "reworked_charged_again")]
        return [finding(Category.DUPLICATE, "duplicate")]

    problems: list[Finding] = []
    if not item.received:
        problems.append(finding(Category.BILLED_NOT_RECEIVED, "not_received"))
    expected = item.expected
    if expected is None:
        problems.append(finding(Category.AMOUNT_MISMATCH, "no_unit_cost"))
    elif line.amount != expected:
        problems.append(
            finding(
                Category.AMOUNT_MISMATCH,
                "amount",
                expected=expected,
                unit_cost=item.unit_cost,
                qty=item.qty,
                difference=line.amount - expected,
            )
        )
    if problems:
        return problems
    return [finding(Category.MATCHED, "matched")]
