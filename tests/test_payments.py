"""Money on the order (SQLite and PostgreSQL): a manager sets the price, the desk takes a
payment before the hand-over, a manager reverses one with a reason; rows are only added."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from yinglou_desk.domain.money import PaymentKind, PaymentMethod
from yinglou_desk.domain.roles import NotPermitted, Permission, may
from yinglou_desk.services.payments.ledger import (
    PaymentRefused,
    money_of,
    payments_of,
    reverse_payment,
    set_price,
    take_payment,
)
from yinglou_desk.services.pickup.counter import PaymentIn
from yinglou_desk.storage.tables import audit_log, payments

from .helpers.studio import make_studio


@pytest.fixture
def studio(engine, clock):
    studio = make_studio(engine, clock)
    studio.add_order("M001", ["700000000101"])
    return studio


def _audit(engine, action):  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return conn.execute(select(audit_log).where(audit_log.c.action == action)).all()


def test_only_managers_and_admins_set_prices_and_reverse() -> None:
    for permission in (Permission.SET_PRICES, Permission.REVERSE_PAYMENTS):
        assert may("manager", permission)
        assert may("admin", permission)
        assert not may("desk", permission)
        assert not may("sorter", permission)
    assert may("desk", Permission.PICK_UP)


def test_a_manager_sets_the_price_and_the_audit_says_from_and_to(engine, studio, clock):
    manager = studio.operators["王店长"]
    assert set_price(engine, manager, "M001", 138000, clock=clock) == (None, 138000)
    assert set_price(engine, manager, "M001", 150050, clock=clock) == (138000, 150050)
    money = money_of(engine, "M001")
    assert (money.price, money.paid, money.due) == (150050, 0, 150050)
    rows = _audit(engine, "payments.set_price")
    assert [json.loads(r.detail) for r in rows] == [
        {"from": None, "to": 138000},
        {"from": 138000, "to": 150050},
    ]
    assert {(r.operator_name, r.subject) for r in rows} == {("王店长", "M001")}


@pytest.mark.parametrize("who", ["小张", "小李"])
def test_desk_and_sorter_cannot_set_a_price(engine, studio, clock, who):
    with pytest.raises(NotPermitted):
        set_price(engine, studio.operators[who], "M001", 100, clock=clock)
    with pytest.raises(NotPermitted):
        set_price(engine, None, "M001", 100, clock=clock)
    assert money_of(engine, "M001").price is None
    assert _audit(engine, "payments.set_price") == []


@pytest.mark.parametrize(
    ("order_no", "fen", "key"),
    [("M001", -1, "payments.price_negative"), ("NOPE", 100, "payments.no_such_order")],
)
def test_a_bad_price_is_refused_by_key(engine, studio, clock, order_no, fen, key):
    with pytest.raises(PaymentRefused) as refused:
        set_price(engine, studio.operators["王店长"], order_no, fen, clock=clock)
    assert refused.value.key == key
    assert money_of(engine, "M001").price is None


def test_the_desk_takes_part_of_the_balance_and_it_is_recorded_whole(engine, studio, clock):
    set_price(engine, studio.operators["王店长"], "M001", 138000, clock=clock)
    paid = PaymentIn(38000, PaymentMethod.WECHAT, " 4200001234 ")
    payment_id = take_payment(
        engine, studio.operators["小张"], "M001", paid, clock=clock, workstation="前台-1"
    )
    money = money_of(engine, "M001")
    assert (money.paid, money.due) == (38000, 100000)
    (view,) = payments_of(engine, "M001")
    assert (view.id, view.kind, view.method, view.amount) == (
        payment_id,
        PaymentKind.PAYMENT,
        PaymentMethod.WECHAT,
        38000,
    )
    assert (view.operator, view.workstation, view.at, view.reference) == (
        "小张",
        "前台-1",
        clock(),
        "4200001234",
    )


def test_a_station_session_pays_as_its_operator_at_its_pc(engine, studio, clock):
    session = studio.session("pickup", "小张", workstation="pc-9")
    take_payment(engine, session, "M001", PaymentIn(500, PaymentMethod.CASH), clock=clock)
    (view,) = payments_of(engine, "M001")
    assert (view.operator, view.workstation) == ("小张", "pc-9")


def test_without_a_price_any_sum_is_taken(engine, studio, clock):
    take_payment(engine, studio.operators["小张"], "M001", PaymentIn(99999, "cash"), clock=clock)
    money = money_of(engine, "M001")
    assert (money.price, money.paid, money.due) == (None, 99999, 0)


@pytest.mark.parametrize(
    ("order_no", "payment", "key"),
    [
        ("M001", PaymentIn(0, PaymentMethod.CASH), "payments.amount_not_positive"),
        ("M001", PaymentIn(-100, PaymentMethod.CASH), "payments.amount_not_positive"),
        ("M001", PaymentIn(100001, PaymentMethod.CASH), "payments.more_than_due"),
        ("M001", PaymentIn(100, "bitcoin"), "payments.bad_method"),  # type: ignore[arg-type]
        ("M001", PaymentIn(100, PaymentMethod.CARD, "x" * 101), "payments.reference_too_long"),
        ("NOPE", PaymentIn(100, PaymentMethod.CASH), "payments.no_such_order"),
    ],
)
def test_a_bad_payment_is_refused_and_nothing_is_recorded(
    engine, studio, clock, order_no, payment, key
):
    set_price(engine, studio.operators["王店长"], "M001", 100000, clock=clock)
    with pytest.raises(PaymentRefused) as refused:
        take_payment(engine, studio.operators["小张"], order_no, payment, clock=clock)
    assert refused.value.key == key
    if key == "payments.more_than_due":
        assert refused.value.params["due"] == "1,000.00"
    assert payments_of(engine, "M001") == []


def test_an_order_paid_in_full_takes_nothing_more(engine, studio, clock):
    set_price(engine, studio.operators["王店长"], "M001", 1000, clock=clock)
    take_payment(engine, studio.operators["小张"], "M001", PaymentIn(1000, "cash"), clock=clock)
    with pytest.raises(PaymentRefused) as refused:
        take_payment(engine, studio.operators["小张"], "M001", PaymentIn(1, "cash"), clock=clock)
    assert refused.value.key == "payments.nothing_due"


def test_a_sorter_takes_no_money(engine, studio, clock):
    with pytest.raises(NotPermitted):
        take_payment(engine, studio.operators["小李"], "M001", PaymentIn(1, "cash"), clock=clock)
    with pytest.raises(NotPermitted):
        take_payment(engine, None, "M001", PaymentIn(1, "cash"), clock=clock)
    assert payments_of(engine, "M001") == []


def test_a_manager_reverses_a_payment_once_with_a_reason(engine, studio, clock):
    set_price(engine, studio.operators["王店长"], "M001", 50000, clock=clock)
    desk = studio.operators["小张"]
    first = take_payment(engine, desk, "M001", PaymentIn(20000, "alipay"), clock=clock)
    clock.advance(minutes=5)
    reversal = reverse_payment(
        engine, studio.operators["王店长"], first, "  收错了 订单 ", clock=clock
    )
    original, back = payments_of(engine, "M001")
    assert (back.kind, back.amount, back.reverses_id, back.reason, back.method) == (
        PaymentKind.REVERSAL,
        -20000,
        first,
        "收错了 订单",
        PaymentMethod.ALIPAY,
    )
    assert (original.reversed_by, back.id) == (reversal, reversal)
    assert money_of(engine, "M001").due == 50000
    (line,) = _audit(engine, "payments.reverse")
    assert json.loads(line.detail) == {
        "payment": first,
        "reversal": reversal,
        "reason": "收错了 订单",
    }
    with pytest.raises(PaymentRefused) as twice:
        reverse_payment(engine, studio.operators["王店长"], first, "again", clock=clock)
    assert twice.value.key == "payments.already_reversed"
    with pytest.raises(PaymentRefused) as of_reversal:
        reverse_payment(engine, studio.operators["王店长"], reversal, "again", clock=clock)
    assert of_reversal.value.key == "payments.only_payments_reversed"
    assert len(payments_of(engine, "M001")) == 2


def test_the_unique_reversal_holds_even_past_the_check(engine, studio, clock):
    """Two managers at once: the second insert meets the unique constraint, not a second row."""
    paid = take_payment(
        engine, studio.operators["小张"], "M001", PaymentIn(300, "cash"), clock=clock
    )
    reverse_payment(engine, studio.operators["王店长"], paid, "错", clock=clock)
    with engine.connect() as conn:
        order_id = conn.execute(select(payments.c.order_id)).scalars().first()
    forged = payments.insert().values(
        order_id=order_id,
        at=clock(),
        kind="reversal",
        method="cash",
        amount_fen=-300,
        reason="again",
        reverses_id=paid,
        operator_name="x",
        workstation="x",
    )
    with pytest.raises(DBAPIError), engine.begin() as conn:
        conn.execute(forged)
    assert [p.kind for p in payments_of(engine, "M001")] == ["payment", "reversal"]


@pytest.mark.parametrize(
    ("reason", "payment_id", "key"),
    [
        ("   ", None, "payments.reason_needed"),
        ("x" * 501, None, "payments.reason_too_long"),
        ("错", 987654, "payments.no_such_payment"),
    ],
)
def test_a_bad_reversal_is_refused_by_key(engine, studio, clock, reason, payment_id, key):
    paid = take_payment(
        engine, studio.operators["小张"], "M001", PaymentIn(300, "cash"), clock=clock
    )
    with pytest.raises(PaymentRefused) as refused:
        reverse_payment(engine, studio.operators["王店长"], payment_id or paid, reason, clock=clock)
    assert refused.value.key == key
    assert len(payments_of(engine, "M001")) == 1


def test_the_desk_cannot_reverse(engine, studio, clock):
    paid = take_payment(
        engine, studio.operators["小张"], "M001", PaymentIn(300, "cash"), clock=clock
    )
    with pytest.raises(NotPermitted):
        reverse_payment(engine, studio.operators["小张"], paid, "错", clock=clock)
    assert len(payments_of(engine, "M001")) == 1


@pytest.mark.parametrize(
    "statement",
    ["UPDATE payments SET amount_fen = 1", "DELETE FROM payments"],
    ids=["update", "delete"],
)
def test_payments_are_append_only(engine, studio, clock, statement):
    take_payment(engine, studio.operators["小张"], "M001", PaymentIn(300, "cash"), clock=clock)
    with pytest.raises(DBAPIError), engine.begin() as conn:
        conn.execute(text(statement))
    (view,) = payments_of(engine, "M001")
    assert view.amount == 300


@pytest.mark.usefixtures("studio")
def test_payments_of_an_unknown_order_is_refused(engine):
    with pytest.raises(PaymentRefused) as refused:
        payments_of(engine, "NOPE")
    assert refused.value.key == "payments.no_such_order"


def test_a_payment_recorded_in_the_callers_transaction_goes_with_it(engine, studio, clock):
    """What a hand-over uses: the row is the caller's, so a refusal later undoes it."""
    from yinglou_desk.services.payments.ledger import record_payment
    from yinglou_desk.storage.engine import write_transaction
    from yinglou_desk.storage.tables import orders

    set_price(engine, studio.operators["王店长"], "M001", 1000, clock=clock)
    with engine.connect() as conn:
        order_id = conn.execute(select(orders.c.id)).scalar_one()

    def refused_handover() -> None:
        with write_transaction(engine) as conn:
            record_payment(conn, order_id, "M001", PaymentIn(600, "cash"), "小张", "pc", clock())
            raise RuntimeError("the hand-over was refused after the payment")

    with pytest.raises(RuntimeError):
        refused_handover()
    assert payments_of(engine, "M001") == []
    with write_transaction(engine) as conn:
        record_payment(conn, order_id, "M001", PaymentIn(600, "cash"), "小张", "pc", clock())
        with pytest.raises(PaymentRefused) as refused:
            record_payment(conn, order_id, "M001", PaymentIn(401, "cash"), "小张", "pc", clock())
    assert refused.value.params["due"] == "4.00"
    assert [p.amount for p in payments_of(engine, "M001")] == [600]
