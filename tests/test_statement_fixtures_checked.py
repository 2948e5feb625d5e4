"""Every lab statement of tests/fixtures/statements, checked against a real studio database.

For each statement the studio below has exactly the items its lines bill, at
the prices billed, sent to 金彩相册厂 and delivered back inside the period: so
each charge must come out 相符, each refund as a credit, and nothing unknown or
unbilled. On SQLite and PostgreSQL, through the same service the 对账 page uses.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import update

from yinglou_desk.domain.statement_match import Category
from yinglou_desk.domain.statement_sheet import ColumnChoice
from yinglou_desk.services.reconciliation.matching import reconcile_statement
from yinglou_desk.services.reconciliation.statement import read_statement
from yinglou_desk.services.reconciliation.vendor_history import Period
from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.storage.models import Item

from .helpers.clock import FakeClock, studio_time
from .helpers.studio import make_studio

FIXTURES = Path(__file__).parent / "fixtures" / "statements"
VENDOR = "金彩相册厂"
TODAY = date(2027, 1, 10)
COLUMNS = {"unusual_headers.xlsx": ColumnChoice("A", "应结")}
STATEMENTS = sorted(
    path.name for path in FIXTURES.iterdir() if path.suffix in (".xlsx", ".xls", ".ods", ".csv")
)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(studio_time(2026, 11, 2, 10))


def _studio_billed_by(engine, clock, name: str):  # type: ignore[no-untyped-def]
    """The studio whose 金彩 items are exactly the statement's charges, back in the period."""
    statement = read_statement(FIXTURES / name, columns=COLUMNS.get(name), today=TODAY)
    studio = make_studio(engine, clock)
    charges = [line for line in statement.lines if not line.is_credit]
    by_order: dict[str, list[tuple[str, object]]] = {}
    for number, line in enumerate(charges):
        code = line.code or f"GEN-{number:04d}"
        by_order.setdefault(line.order_no or f"S-{number:04d}", []).append((code, line))
    for order_no, entries in by_order.items():
        studio.add_order(order_no, [code for code, _ in entries])
        with write_transaction(engine) as conn:
            for code, line in entries:
                qty = line.qty or 1  # type: ignore[attr-defined]
                conn.execute(
                    update(Item)
                    .where(Item.code == code)
                    .values(
                        product=line.product or "大相册",  # type: ignore[attr-defined]
                        spec=line.spec,  # type: ignore[attr-defined]
                        qty=qty,
                        unit_cost=line.amount / qty,  # type: ignore[attr-defined]
                    )
                )
    service = ScanService(engine, clock=clock, lang="zh")
    codes = [code for entries in by_order.values() for code, _ in entries]
    for station in ("send-out", "check-in"):
        for code in codes:
            done = service.scan(studio.session(station, vendor=VENDOR), code)
            assert done.outcome.value == "accepted", (code, done.message)
        clock.advance(days=1)
    return studio, statement, codes


@pytest.mark.parametrize("name", STATEMENTS)
def test_each_statement_matches_the_studio_that_it_bills(engine, clock, name: str) -> None:
    studio, statement, codes = _studio_billed_by(engine, clock, name)
    # the items were sent and delivered on 2 and 3 November: any period holding them will do
    period = Period(date(2026, 11, 1), date(2026, 11, 30))
    checked = reconcile_statement(
        engine,
        VENDOR,
        FIXTURES / name,
        period,
        actor=studio.operators["王店长"],
        columns=COLUMNS.get(name),
    )
    charges = [line for line in statement.lines if not line.is_credit]
    credits = [line for line in statement.lines if line.is_credit]
    assert len(checked.result.of(Category.MATCHED)) == len(charges)
    assert sorted(checked.result.codes(Category.MATCHED)) == sorted(codes)
    assert len(checked.result.of(Category.CREDIT)) == len(credits)
    others = {
        f.category
        for f in checked.result.findings
        if f.category not in (Category.MATCHED, Category.CREDIT)
    }
    assert others == set()
    assert checked.result.billed_total == statement.line_total
