"""The desk corrects an order (SQLite and PostgreSQL): name and phone for the customer, the
promised date and note for the order, searchable at once, each change in the audit log."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select, update

from yinglou_desk.domain.roles import NotPermitted
from yinglou_desk.services.orders.details import OrderEditRefused, correct_order, order_details
from yinglou_desk.services.orders.query import find_orders
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.storage.tables import audit_log, orders

from .helpers.studio import make_studio


@pytest.fixture
def studio(engine, clock):
    studio = make_studio(engine, clock)
    studio.add_order("D001", ["700000000001"], customer="张小梅", phone="13800138000")
    return studio


def _correct(engine, studio, clock, operator="小张", **changes):  # type: ignore[no-untyped-def]
    wanted = {
        "customer": "张小梅",
        "phone": "13800138000",
        "promised_date": None,
        "notes": None,
        **changes,
    }
    actor = studio.operators[operator]
    return correct_order(
        engine, "D001", **wanted, actor=actor, operator_name=actor.name, clock=clock
    )


def _audit(engine):  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return conn.execute(select(audit_log).where(audit_log.c.action == "order.correct")).all()


def test_a_correction_is_saved_searchable_and_audited(engine, studio, clock):
    changed = _correct(
        engine,
        studio,
        clock,
        customer="李 晓 梅",
        phone="139-0013-9111",
        promised_date=date(2026, 3, 20),
        notes="  客人要求加急  ",
    )
    assert changed == {
        "customer": ["张小梅", "李晓梅"],
        "phone": ["13800138000", "13900139111"],
        "promised_date": [None, date(2026, 3, 20)],
        "notes": [None, "客人要求加急"],
    }
    assert [o.order_no for o in find_orders(engine, "9111")] == ["D001"]  # new phone tail
    assert [o.order_no for o in find_orders(engine, "lxm")] == ["D001"]  # new initials
    assert find_orders(engine, "8000") == []
    details = order_details(engine, "D001")
    assert (details.customer, details.promised_date, details.notes) == (
        "李晓梅",
        date(2026, 3, 20),
        "客人要求加急",
    )
    (row,) = _audit(engine)
    assert (row.operator_name, row.subject, row.at) == ("小张", "D001", clock())
    assert json.loads(row.detail)["phone"] == ["13800138000", "13900139111"]


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        ({"phone": "138-abc"}, "电话号码无效"),
        ({"phone": "1234"}, "位数不对"),
        ({"customer": "   "}, "姓名不能为空"),
        ({"promised_date": date(2026, 1, 15)}, "早于拍摄日"),  # shot on 2026-02-01
        ({"notes": "很长" * 1001}, "备注太长"),
    ],
)
def test_a_correction_that_cannot_be_saved_changes_nothing(engine, studio, clock, changes, said):
    with pytest.raises(OrderEditRefused, match=said):
        _correct(engine, studio, clock, **changes)
    details = order_details(engine, "D001")
    assert (details.customer, details.phone, details.promised_date) == (
        "张小梅",
        "13800138000",
        None,
    )
    assert _audit(engine) == []


def test_only_the_desk_and_managers_correct_orders(engine, studio, clock):
    with pytest.raises(NotPermitted):
        _correct(engine, studio, clock, operator="小李", customer="李四")
    assert order_details(engine, "D001").customer == "张小梅"
    assert _correct(engine, studio, clock, operator="王店长", customer="李四")


def test_saving_without_a_change_records_nothing(engine, studio, clock):
    assert _correct(engine, studio, clock) == {}
    assert _audit(engine) == []
    with pytest.raises(OrderEditRefused, match="没有订单"):
        order_details(engine, "NOPE")


def test_name_and_phone_are_the_customer_s_for_all_their_orders(engine, studio, clock):
    studio.add_order("D002", ["700000000002"])
    with write_transaction(engine) as conn:  # the same customer's second order
        first = conn.execute(select(orders.c.customer_id).where(orders.c.order_no == "D001"))
        conn.execute(
            update(orders).where(orders.c.order_no == "D002").values(customer_id=first.scalar_one())
        )
    assert order_details(engine, "D001").other_orders == 1
    _correct(engine, studio, clock, phone="13900139111", promised_date=date(2026, 3, 1))
    assert sorted(o.order_no for o in find_orders(engine, "9111")) == ["D001", "D002"]
    assert order_details(engine, "D002").promised_date is None  # the date stays with D001
