"""日结: the money taken at the desk over some of the studio's days, by method and operator.

A day is the studio's calendar day (the PC's time zone, as
:func:`~yinglou_desk.services.clock.local_date` reads it): the range is turned into
two instants and the ``payments.at`` index does the rest. Only ``payment`` and
``reversal`` rows are money in the till (:data:`~yinglou_desk.domain.money.TAKINGS_KINDS`);
a deposit paid before the program knew the order, or a waived balance, is not.

Every total is an ``int`` of fen summed from the same rows the report lists, so the
report adds up to the fen; the Excel file writes them as ``Decimal(fen) / 100``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from yinglou_desk import catalogue
from yinglou_desk.domain.money import TAKINGS_KINDS, PaymentKind, PaymentMethod, yuan
from yinglou_desk.domain.wording import WordedError
from yinglou_desk.services.reports.excel import Column, XlsxBook, in_language
from yinglou_desk.storage.engine import read_transaction
from yinglou_desk.storage.errors import environment_errors
from yinglou_desk.storage.tables import customers, orders, payments

MAX_DAYS = 366


class TakingsRefused(WordedError, ValueError):
    """The range of days cannot be reported; ``key`` says why."""


@dataclass(frozen=True)
class TakingRow:
    """One payment or reversal in the range (``amount`` negative for a reversal)."""

    id: int
    at: datetime
    order_no: str
    customer: str
    kind: PaymentKind
    method: PaymentMethod
    amount: int
    operator: str
    workstation: str
    reference: str | None
    reason: str | None
    reverses_id: int | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "order_no": self.order_no,
            "customer": self.customer,
            "kind": self.kind.value,
            "method": self.method.value,
            "amount_fen": self.amount,
            "amount": yuan(self.amount),
            "operator": self.operator,
            "workstation": self.workstation,
            "reference": self.reference,
            "reason": self.reason,
            "reverses": self.reverses_id,
        }


@dataclass(frozen=True)
class Takings:
    """The report: totals in fen by method, by operator, by both, and the rows they sum."""

    start: date
    end: date
    rows: list[TakingRow] = field(default_factory=list)
    by_method: dict[PaymentMethod, int] = field(default_factory=dict)
    by_operator: dict[str, int] = field(default_factory=dict)
    by_operator_method: dict[tuple[str, PaymentMethod], int] = field(default_factory=dict)
    total: int = 0

    @property
    def count(self) -> int:
        return len(self.rows)

    def to_json(self) -> dict[str, Any]:
        def money(fen: int) -> dict[str, Any]:
            return {"fen": fen, "yuan": yuan(fen)}

        return {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "total": money(self.total),
            "count": self.count,
            "by_method": {m.value: money(f) for m, f in self.by_method.items()},
            "by_operator": {o: money(f) for o, f in self.by_operator.items()},
            "by_operator_method": [
                {"operator": o, "method": m.value, **money(f)}
                for (o, m), f in self.by_operator_method.items()
            ],
            "rows": [row.to_json() for row in self.rows],
        }


def day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """The instants (UTC) at which the studio's ``start`` begins and the day after ``end``
    begins: ``start <= at < end`` covers the days whole, whatever the time zone."""
    first = datetime(start.year, start.month, start.day).astimezone(UTC)
    after = end + timedelta(days=1)
    last = datetime(after.year, after.month, after.day).astimezone(UTC)
    return first, last


def takings(engine: Engine, start: date, end: date) -> Takings:
    """The takings of the studio's days ``start`` to ``end`` (both included)."""
    if start > end:
        raise TakingsRefused("payments.range_backwards", start=start, end=end)
    if (end - start).days >= MAX_DAYS:
        raise TakingsRefused("payments.range_too_long", days=MAX_DAYS)
    first, last = day_bounds(start, end)
    query = (
        select(
            payments.c.id,
            payments.c.at,
            payments.c.kind,
            payments.c.method,
            payments.c.amount_fen,
            payments.c.operator_name,
            payments.c.workstation,
            payments.c.reference,
            payments.c.reason,
            payments.c.reverses_id,
            orders.c.order_no,
            customers.c.name,
        )
        .join(orders, orders.c.id == payments.c.order_id)
        .join(customers, customers.c.id == orders.c.customer_id)
        .where(payments.c.at >= first, payments.c.at < last, payments.c.kind.in_(TAKINGS_KINDS))
        .order_by(payments.c.at, payments.c.id)
    )
    with environment_errors(), read_transaction(engine) as conn:
        found = conn.execute(query).all()
    rows = [
        TakingRow(
            id=r.id,
            at=r.at,
            order_no=r.order_no,
            customer=r.name,
            kind=PaymentKind(r.kind),
            method=PaymentMethod(r.method or PaymentMethod.OTHER.value),
            amount=int(r.amount_fen),
            operator=r.operator_name,
            workstation=r.workstation,
            reference=r.reference,
            reason=r.reason,
            reverses_id=r.reverses_id,
        )
        for r in found
    ]
    return summed(start, end, rows)


def summed(start: date, end: date, rows: list[TakingRow]) -> Takings:
    """The totals of ``rows``: methods in the catalogue's order, operators by name."""
    by_method: dict[PaymentMethod, int] = {}
    by_operator: dict[str, int] = {}
    both: dict[tuple[str, PaymentMethod], int] = {}
    for row in rows:
        by_method[row.method] = by_method.get(row.method, 0) + row.amount
        by_operator[row.operator] = by_operator.get(row.operator, 0) + row.amount
        key = (row.operator, row.method)
        both[key] = both.get(key, 0) + row.amount
    order = list(PaymentMethod)
    return Takings(
        start,
        end,
        rows,
        {m: by_method[m] for m in order if m in by_method},
        dict(sorted(by_operator.items())),
        dict(sorted(both.items(), key=lambda kv: (kv[0][0], order.index(kv[0][1])))),
        sum(row.amount for row in rows),
    )


def method_name(method: PaymentMethod | str | None) -> str:
    """现金, 微信… in the current language."""
    return "" if method is None else catalogue.name("payments.method", method)


def _yuan(fen: int) -> Decimal:
    """Exact yuan for a spreadsheet cell: never a float."""
    return Decimal(fen) / 100


_ROW_COLUMNS = (
    Column("payments.col.id", "int"),
    Column("payments.col.at", "datetime"),
    Column("payments.col.order_no"),
    Column("payments.col.customer"),
    Column("payments.col.kind"),
    Column("payments.col.method"),
    Column("payments.col.amount", "money", total=True),
    Column("payments.col.operator"),
    Column("payments.col.workstation"),
    Column("payments.col.reference"),
    Column("payments.col.reason"),
    Column("payments.col.reverses", "int"),
)


def fill_book(book: XlsxBook, report: Takings) -> None:
    """The report's sheets: the summary, by method, by operator × method, every row."""
    title = catalogue.text("payments.takings.title")
    book.add_pairs(
        title,
        [
            (
                catalogue.text("payments.takings.range", start=report.start, end=report.end),
                "",
            ),
            (catalogue.text("payments.takings.total"), _yuan(report.total)),
            (catalogue.text("payments.takings.count"), report.count),
        ]
        + [(method_name(m), _yuan(f)) for m, f in report.by_method.items()],
    )
    money_column = Column(catalogue.text("payments.col.amount"), "money", total=True)
    book.add_table(
        catalogue.text("payments.takings.by_method"),
        [Column(catalogue.text("payments.col.method")), money_column],
        [(method_name(m), _yuan(f)) for m, f in report.by_method.items()],
    )
    book.add_table(
        catalogue.text("payments.takings.by_operator"),
        [
            Column(catalogue.text("payments.col.operator")),
            Column(catalogue.text("payments.col.method")),
            money_column,
        ],
        [(o, method_name(m), _yuan(f)) for (o, m), f in report.by_operator_method.items()],
    )
    book.add_table(
        catalogue.text("payments.takings.rows"),
        in_language(_ROW_COLUMNS),
        (
            (
                r.id,
                r.at,
                r.order_no,
                r.customer,
                catalogue.name("payments.kind", r.kind),
                method_name(r.method),
                _yuan(r.amount),
                r.operator,
                r.workstation,
                r.reference,
                r.reason,
                r.reverses_id,
            )
            for r in report.rows
        ),
    )


def write_takings(report: Takings, path: Path) -> None:
    """Save the report as .xlsx (atomically; :class:`ExportError` says why it could not)."""
    book = XlsxBook()
    fill_book(book, report)
    book.save(path)
