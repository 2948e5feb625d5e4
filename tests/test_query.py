"""查件: finding orders from whatever the customer remembers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yinglou_desk.services.orders.query import find_orders
from yinglou_desk.services.scanning.service import ScanService

from .helpers.studio import make_studio


@pytest.fixture
def studio(engine, clock):
    studio = make_studio(engine, clock)
    studio.add_order("Q-1", ["QA1", "QA2"], customer="张小梅", phone="13800138000")
    studio.add_order("Q-2", ["QB1"], customer="张小梅", phone="13800138000")
    studio.add_order("Q-3", ["QC1"], customer="张小明", phone="13911118000")
    studio.add_order("Q-4", ["QD1"], customer="李%_*?[a]", phone="13700001234")
    return studio


def _nos(engine, query):
    return sorted(o.order_no for o in find_orders(engine, query))


@pytest.mark.usefixtures("studio")
def test_by_phone_tail_name_prefix_order_and_label(engine) -> None:
    assert _nos(engine, "8000") == ["Q-1", "Q-2", "Q-3"]
    assert _nos(engine, "138000") == ["Q-1", "Q-2"]
    assert _nos(engine, "13911118000") == ["Q-3"]
    assert _nos(engine, "张小梅") == ["Q-1", "Q-2"]
    assert _nos(engine, "张小") == ["Q-1", "Q-2", "Q-3"]
    assert _nos(engine, "Q-3") == ["Q-3"]
    assert _nos(engine, "qa2") == ["Q-1"]
    assert _nos(engine, "ＱＢ１") == ["Q-2"]


@pytest.mark.parametrize(
    "query", ["%", "_", "*", "?", "[", "' OR 1=1 --", "张%", "\\", "李%_*?[b]"]
)
@pytest.mark.usefixtures("studio")
def test_wildcards_and_sql_are_just_text(engine, query) -> None:
    assert _nos(engine, query) == []


@pytest.mark.usefixtures("studio")
def test_a_name_full_of_wildcards_is_found_literally(engine) -> None:
    assert _nos(engine, "李%_*?[a]") == ["Q-4"]
    assert _nos(engine, "李%_") == ["Q-4"]


def test_overdue_is_shown_per_item_and_order(studio, engine, clock) -> None:
    ScanService(engine, clock=clock).scan(studio.session("send-out"), "QA1")
    order = find_orders(engine, "Q-1", today=clock.today())[0]
    assert not order.overdue
    later = find_orders(engine, "Q-1", today=order.next_due_back + timedelta(days=1))[0]
    assert later.overdue
    assert [i.overdue for i in later.items] == [True, False]


@pytest.mark.usefixtures("studio")
def test_empty_query_finds_nothing(engine) -> None:
    assert find_orders(engine, "   ") == []


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    query=st.text(max_size=80) | st.sampled_from(["%%", "_%_", "' OR ''='", "*?[]", "\\\\%", "李%"])
)
@pytest.mark.usefixtures("studio")
def test_any_search_text_is_answered_without_error(engine, query) -> None:
    found = find_orders(engine, query)
    assert all(order.order_no.startswith("Q-") for order in found)
    wild = set(query.strip()) <= set("%_*?[]' \\\\-=OR")
    if wild and query.strip():
        assert found == []  # wildcards and SQL match nothing but themselves


def test_ready_orders_come_first_then_in_progress_each_by_latest_activity(
    studio, engine, clock
) -> None:
    """A pinyin search once listed the one ready order last; the desk wants it first."""
    service = ScanService(engine, clock=clock)
    for code in ("QA1", "QA2", "QB1", "QC1"):
        service.scan(studio.session("send-out"), code)
    clock.advance(days=1)
    service.scan(studio.session("check-in"), "QC1")  # Q-3 ready
    clock.advance(days=1)
    service.scan(studio.session("check-in"), "QA1")  # Q-1 partly back: one item waits
    clock.advance(days=1)
    service.scan(studio.session("check-in"), "QB1")
    service.scan(studio.session("pickup", operator="小张"), "QB1")  # Q-2 completed, latest
    clock.advance(days=1)
    studio.add_order("Q-5", ["QE1"], customer="张小梅", phone="13800138000")  # newest, not sent
    expected = ["Q-1", "Q-3", "Q-5", "Q-2"]
    # (the test studio gives every customer the initials zxm: Q-4 is older than Q-5)
    assert [o.order_no for o in find_orders(engine, "zxm")] == ["Q-1", "Q-3", "Q-5", "Q-4", "Q-2"]
    assert [o.order_no for o in find_orders(engine, "8000")] == expected
    assert [o.order_no for o in find_orders(engine, "张小")] == expected
    assert [o.order_no for o in find_orders(engine, "张小梅")] == ["Q-1", "Q-5", "Q-2"]
