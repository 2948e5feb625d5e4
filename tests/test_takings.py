"""日结 (SQLite and PostgreSQL): the takings of the studio's days add up to the fen, count
only money in the till, and are written to Excel as exact sums."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from yinglou_desk.domain.money import PaymentMethod
from yinglou_desk.services.payments.ledger import reverse_payment, set_price, take_payment
from yinglou_desk.services.payments.takings import (
    TakingsRefused,
    day_bounds,
    takings,
    write_takings,
)
from yinglou_desk.services.pickup.counter import PaymentIn
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.storage.tables import orders, payments

from .helpers.clock import studio_time
from .helpers.studio import make_studio

DAY = date(2026, 3, 2)


@pytest.fixture
def studio(engine, clock):
    studio = make_studio(engine, clock)
    studio.add_order("T001", ["700000000201"])
    studio.add_order("T002", ["700000000202"], customer="李雷", phone="13900000002")
    return studio


def test_a_day_is_the_studios_calendar_day() -> None:
    first, last = day_bounds(DAY, DAY)
    assert first == studio_time(2026, 3, 2, 0, 0)
    assert last == studio_time(2026, 3, 3, 0, 0)


def test_totals_by_method_and_operator_with_a_reversal(engine, studio, clock):
    desk, manager = studio.operators["小张"], studio.operators["王店长"]
    clock.now = studio_time(2026, 3, 2, 0, 0)  # the first instant of the day counts
    take_payment(engine, desk, "T001", PaymentIn(38000, PaymentMethod.CASH), clock=clock)
    clock.now = studio_time(2026, 3, 2, 15, 30)
    wrong = take_payment(engine, manager, "T002", PaymentIn(12345, "wechat"), clock=clock)
    reverse_payment(engine, manager, wrong, "收错", clock=clock)
    take_payment(engine, desk, "T002", PaymentIn(10050, PaymentMethod.WECHAT), clock=clock)
    clock.now = studio_time(2026, 3, 3, 0, 0)  # the next day: not in the report
    take_payment(engine, desk, "T001", PaymentIn(777, PaymentMethod.CARD), clock=clock)

    report = takings(engine, DAY, DAY)
    assert report.total == 38000 + 10050
    assert report.count == 4
    assert report.by_method == {PaymentMethod.CASH: 38000, PaymentMethod.WECHAT: 10050}
    assert report.by_operator == {"小张": 48050, "王店长": 0}
    assert report.by_operator_method == {
        ("小张", PaymentMethod.CASH): 38000,
        ("小张", PaymentMethod.WECHAT): 10050,
        ("王店长", PaymentMethod.WECHAT): 0,
    }
    assert [r.amount for r in report.rows] == [38000, 12345, -12345, 10050]
    assert [r.customer for r in report.rows][:2] == ["张小梅", "李雷"]
    both_days = takings(engine, DAY, DAY + timedelta(days=1))
    assert both_days.total == 48050 + 777
    data = report.to_json()
    assert data["total"] == {"fen": 48050, "yuan": "480.50"}
    assert data["by_method"]["wechat"] == {"fen": 10050, "yuan": "100.50"}


@pytest.mark.usefixtures("studio")
def test_deposits_and_waivers_are_not_takings(engine, clock):
    with write_transaction(engine) as conn:
        order_id = conn.execute(orders.select().where(orders.c.order_no == "T001")).first().id  # type: ignore[union-attr]
        for kind, method in (("imported", None), ("waiver", None)):
            conn.execute(
                payments.insert().values(
                    order_id=order_id,
                    at=clock(),
                    kind=kind,
                    method=method,
                    amount_fen=5000,
                    reason="x",
                    operator_name="导入",
                    workstation="pc",
                )
            )
    report = takings(engine, DAY, DAY)
    assert (report.total, report.count, report.rows) == (0, 0, [])


def test_many_random_sums_add_up_to_the_fen(engine, studio, clock):
    set_price(engine, studio.operators["王店长"], "T001", None, clock=clock)
    chance = random.Random(15)
    operators = [studio.operators["小张"], studio.operators["王店长"]]
    methods = list(PaymentMethod)
    taken: list[int] = []
    for n in range(120):
        clock.now = studio_time(2026, 3, 2 + n % 3, 9) + timedelta(minutes=n)
        fen = chance.randint(1, 9_999_999)
        payment_id = take_payment(
            engine,
            chance.choice(operators),
            chance.choice(["T001", "T002"]),
            PaymentIn(fen, chance.choice(methods)),
            clock=clock,
        )
        taken.append(fen)
        if n % 7 == 0:
            reverse_payment(engine, operators[1], payment_id, "测试冲正", clock=clock)
            taken.append(-fen)
    report = takings(engine, DAY, DAY + timedelta(days=2))
    assert report.count == len(taken)
    assert report.total == sum(taken) == sum(r.amount for r in report.rows)
    assert sum(report.by_method.values()) == report.total
    assert sum(report.by_operator.values()) == report.total
    assert sum(report.by_operator_method.values()) == report.total
    for method, fen in report.by_method.items():
        assert fen == sum(r.amount for r in report.rows if r.method == method)
    for name, fen in report.by_operator.items():
        assert fen == sum(r.amount for r in report.rows if r.operator == name)
    assert all(isinstance(v, int) for v in report.by_method.values())
    one_day = takings(engine, DAY + timedelta(days=1), DAY + timedelta(days=1))
    on_the_3rd = [
        r for r in report.rows if studio_time(2026, 3, 3) <= r.at < studio_time(2026, 3, 4)
    ]
    assert one_day.rows == on_the_3rd
    assert one_day.count < report.count


@pytest.mark.parametrize(
    ("start", "end", "key"),
    [
        (DAY, DAY - timedelta(days=1), "payments.range_backwards"),
        (DAY, DAY + timedelta(days=400), "payments.range_too_long"),
    ],
)
@pytest.mark.usefixtures("studio")
def test_a_bad_range_is_refused(engine, start, end, key):
    with pytest.raises(TakingsRefused) as refused:
        takings(engine, start, end)
    assert refused.value.key == key


def test_the_excel_report_holds_exact_sums(engine, studio, clock, tmp_path):
    desk = studio.operators["小张"]
    for fen, method in ((1, "cash"), (10, "cash"), (33333, "alipay"), (199999, "card")):
        take_payment(engine, desk, "T001", PaymentIn(fen, method), clock=clock)  # type: ignore[arg-type]
    report = takings(engine, DAY, DAY)
    path = tmp_path / "日结.xlsx"
    write_takings(report, path)
    book = load_workbook(path)
    summary = book["日结"]
    pairs = {row[0]: row[1] for row in summary.iter_rows(min_row=2, values_only=True)}
    assert Decimal(str(pairs["合计"])) == Decimal("2333.43")
    assert pairs["现金"] == pytest.approx(0.11)
    assert summary["B3"].number_format == "#,##0.00"
    by_method = book["按付款方式"]
    cells = list(by_method.iter_rows(min_row=2, values_only=True))
    assert [c[0] for c in cells] == ["现金", "支付宝", "刷卡", "合计"]
    assert Decimal(str(cells[-1][1])) == Decimal("2333.43")
    rows = book["收款明细"]
    amounts = [r[6] for r in rows.iter_rows(min_row=2, values_only=True)]
    assert amounts[:-1] == [0.01, 0.1, 333.33, 1999.99]
    assert rows["G2"].number_format == "#,##0.00"


def test_the_demo_studio_has_prices_deposits_balances_and_takings(engine, clock):
    from sqlalchemy import func, select

    from yinglou_desk.demo.studio import generate_demo
    from yinglou_desk.services.payments.ledger import balance_in

    generate_demo(engine, 300, seed=2, clock=clock)
    with engine.connect() as conn:
        priced = conn.execute(
            select(func.count()).where(orders.c.price_fen.is_not(None))
        ).scalar_one()
        assert 200 < priced < 300
        order_ids = conn.execute(select(orders.c.id)).scalars().all()
        balances = [balance_in(conn, order_id) for order_id in order_ids]
        kinds = dict(
            conn.execute(select(payments.c.kind, func.count()).group_by(payments.c.kind)).all()
        )
        latest = conn.execute(select(func.max(payments.c.at))).scalar_one()
        taken = conn.execute(
            select(func.coalesce(func.sum(payments.c.amount_fen), 0)).where(
                payments.c.kind == "payment",
                payments.c.at >= day_bounds(DAY - timedelta(days=365), DAY)[0],
            )
        ).scalar_one()
    assert kinds["imported"] == priced
    assert kinds["payment"] > 0
    assert any(b.due > 0 for b in balances)  # balances due at the desk
    assert all(b.overpaid == 0 for b in balances)
    assert latest <= clock()
    year = takings(engine, DAY - timedelta(days=365), DAY)
    assert year.total == taken > 0


@given(
    st.lists(
        st.tuples(
            st.integers(min_value=-99_999_999, max_value=99_999_999),
            st.sampled_from(list(PaymentMethod)),
            st.sampled_from(["小张", "王店长", "Ann"]),
        ),
        max_size=60,
    )
)
def test_every_total_is_the_sum_of_its_rows(entries) -> None:
    from datetime import UTC, datetime

    from yinglou_desk.domain.money import PaymentKind
    from yinglou_desk.services.payments.takings import TakingRow, summed

    at = datetime(2026, 3, 2, 2, tzinfo=UTC)
    rows = [
        TakingRow(n, at, "X", "x", PaymentKind.PAYMENT, m, f, o, "pc", None, None, None)
        for n, (f, m, o) in enumerate(entries)
    ]
    report = summed(DAY, DAY, rows)
    assert report.total == sum(f for f, _, _ in entries)
    for totals in (report.by_method, report.by_operator, report.by_operator_method):
        assert sum(totals.values()) == report.total
    for (name, method), fen in report.by_operator_method.items():
        assert fen == sum(f for f, m, o in entries if (o, m) == (name, method))
