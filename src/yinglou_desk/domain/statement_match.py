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
``credit``
    A line with a negative amount: a refund or a reversal (退款/冲红) the lab
    grants. Never matched, never a duplicate, never settles an item; it counts
    in the statement's net total.
``already_settled``
    An ordinary charge for an item that an earlier *confirmed* statement of
    this vendor already paid (see :mod:`yinglou_desk.services.reconciliation.settlements`):
    billing it again is billing it twice across months. The reason names the
    month of that statement's period.

Which items are expected on the statement (``received_not_billed``) is one
rule, shared with the vendor export: the items this vendor delivered back in
the period — the item's *first* check-in from this vendor falls in the period
— plus, once the studio has confirmed a statement of this vendor, the items
delivered earlier (from the first confirmed period on) that no confirmed
statement has paid yet. Lines naming items that are not back yet are
``billed_not_received``, whatever the period.

Lines are told apart by their ``key`` (sheet, row): a lab may send one sheet
per week, each starting at row 2.

"In the period" is by the studio's calendar day (local time), both ends
included. Billed lines are judged whatever their date: a lab may bill in
March what it delivered on 28 February.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import cast

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
    CREDIT = "credit"
    ALREADY_SETTLED = "already_settled"


# A line whose findings all fall in these categories is one a confirmation settles:
# the item's first ordinary charge on this statement, accepted by the manager as billed.
SETTLING = frozenset({Category.MATCHED, Category.AMOUNT_MISMATCH, Category.BILLED_NOT_RECEIVED})


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
    item_id: int | None = None  # the item's id in the database, when the service knows it

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
    sheet: str | None = None  # the statement sheet; None for received_not_billed

    @property
    def line_key(self) -> tuple[str, int] | None:
        """The statement line this finding is about: (sheet, row); None for an unbilled item."""
        return None if self.row is None else (self.sheet or "", self.row)


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
        """The net sum of every line of the statement (credits subtract), as the vendor
        asks to be paid; each line (sheet, row) counted once."""
        seen: dict[tuple[str, int], Decimal] = {}
        for finding in self.findings:
            key = finding.line_key
            if key is not None and finding.billed is not None:
                seen[key] = finding.billed
        return sum(seen.values(), Decimal("0.00"))

    def settles(self) -> list[Finding]:
        """The lines a confirmation of this statement settles, one finding per line.

        Exactly: every line naming a known item of the vendor whose findings are
        all ``matched``, ``amount_mismatch`` or ``billed_not_received`` — the item's
        first ordinary charge on this statement, at the amount billed, which the
        manager accepts by confirming. Never settled: ``unknown`` lines (no item),
        ``duplicate`` and ``rework_billed`` lines (the item's charge is the first
        line, or the redo is the vendor's cost), ``credit`` lines and
        ``already_settled`` lines (paid by an earlier statement).
        """
        by_line: dict[tuple[str, int], list[Finding]] = {}
        for finding in self.findings:
            key = finding.line_key
            if key is not None:
                by_line.setdefault(key, []).append(finding)
        chosen: list[Finding] = []
        for found in by_line.values():
            if found[0].item is not None and all(f.category in SETTLING for f in found):
                chosen.append(found[0])
        return chosen


def match_statement(
    lines: Sequence[StatementLine],
    resolved: Mapping[tuple[str, int], str | None] | Mapping[int, str | None],
    items: dict[str, ItemFacts],
    received_in_period: Iterable[ItemFacts],
    *,
    settled: Mapping[str, date] | None = None,
    carried: Iterable[ItemFacts] = (),
) -> MatchResult:
    """Put every line, and every unbilled item expected on it, in its categories.

    ``resolved`` maps a line's key (sheet, row) to the barcode it names (None: no
    item); a one-sheet statement may be keyed by row alone. ``items`` holds the
    facts for every resolved code that this vendor had. ``settled`` maps the
    codes an earlier confirmed statement paid to the first day of that
    statement's period; ``carried`` are items delivered before the period that
    no confirmed statement has paid (both from the settlement memory).
    """
    result = MatchResult(lines=len(lines))
    settled = settled or {}
    charged: set[str] = set()  # items whose first ordinary charge has been seen
    named: set[str] = set()
    by_key = cast(Mapping[object, str | None], resolved)
    for line in lines:
        code = by_key[line.key] if line.key in by_key else by_key.get(line.row)
        item = items.get(code) if code else None
        if line.amount < 0:
            result.findings.append(_credit(line, code, item))
            if item is not None:
                named.add(item.code)
            continue
        if item is None:
            result.findings.append(_unknown(line, code))
            continue
        named.add(item.code)
        if not line.is_rework and item.code in settled:
            result.findings.append(_already_settled(line, item, settled[item.code]))
            continue
        result.findings.extend(_judge_line(line, item, first=item.code not in charged))
        if not line.is_rework:
            charged.add(item.code)
    unbilled = [(item, "received_not_billed") for item in received_in_period]
    unbilled += [(item, "received_earlier_not_billed") for item in carried]
    listed: set[str] = set()
    for item, why in unbilled:
        if item.code not in named and item.code not in settled and item.code not in listed:
            listed.add(item.code)
            key = f"reconciliation.reason.{why}"
            result.findings.append(
                Finding(
                    Category.RECEIVED_NOT_BILLED,
                    item.code,
                    None,
                    None,
                    item.expected,
                    catalogue.text(key, None, day=item.received_on),
                    item=item,
                    reason_key=key,
                )
            )
    return result


def _credit(line: StatementLine, code: str | None, item: ItemFacts | None) -> Finding:
    key = "reconciliation.reason.credit"
    return Finding(
        Category.CREDIT,
        code or line.label,
        line.row,
        line.amount,
        None,
        catalogue.text(key, None, amount=-line.amount),
        item=item,
        line=line,
        reason_key=key,
        sheet=line.sheet,
    )


def _already_settled(line: StatementLine, item: ItemFacts, period_start: date) -> Finding:
    key = "reconciliation.reason.already_settled"
    return Finding(
        Category.ALREADY_SETTLED,
        item.code,
        line.row,
        line.amount,
        item.expected,
        catalogue.text(key, None, year=period_start.year, month=period_start.month),
        item=item,
        line=line,
        reason_key=key,
        sheet=line.sheet,
    )


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
        sheet=line.sheet,
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
            sheet=line.sheet,
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
