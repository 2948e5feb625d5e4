"""Undo the last scan of a station: a new event, a conditional revert (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.services.scanning.shelving import shelve
from yinglou_desk.services.scanning.undo import undo_last_scan
from yinglou_desk.storage.models import ScanLog

from .helpers.desk import item_row, log_rows, order_row
from .helpers.studio import make_studio


@pytest.fixture
def studio(engine, clock):
    return make_studio(engine, clock)


@pytest.fixture
def service(engine, clock):
    return ScanService(engine, clock=clock)


def test_undo_reverts_a_send_out_and_logs_its_own_event(studio, service, engine, clock):
    studio.add_order("U001", ["300000000001", "300000000002"])
    session = studio.session("send-out")
    service.scan(session, "300000000001")
    before = log_rows(engine)

    clock.advance(seconds=20)
    result = undo_last_scan(engine, session, clock=clock)

    assert result.ok, result.message
    item = item_row(engine, "300000000001")
    assert item.state == "registered"
    assert item.vendor_id is None
    assert item.sent_at is None
    assert item.expected_return is None
    assert order_row(engine, "U001").progress == "not_started"
    after = log_rows(engine)
    assert [tuple(r) for r in after[: len(before)]] == [tuple(r) for r in before]  # untouched
    undo = after[-1]
    assert (undo.action, undo.from_state, undo.to_state) == ("undo", "sent_out", "registered")
    assert undo.reverses_id == before[-1].id
    assert str(before[-1].id) in undo.detail


def test_undo_of_a_check_in_clears_the_return_and_the_shelf(studio, service, engine, clock):
    studio.add_order("U001", ["300000000001"])
    service.scan(studio.session("send-out"), "300000000001")
    session = studio.session("check-in")
    service.scan(session, "300000000001")
    shelve(engine, session, "300000000001", clock=clock)
    assert item_row(engine, "300000000001").shelf_slot == "A-01"

    assert undo_last_scan(engine, session, clock=clock).ok
    item = item_row(engine, "300000000001")
    assert (item.state, item.returned_at, item.shelf_slot) == ("sent_out", None, None)
    assert order_row(engine, "U001").progress == "in_production"


def test_only_one_undo_and_only_within_the_window(studio, service, engine, clock):
    studio.add_order("U001", ["300000000001", "300000000002"])
    session = studio.session("send-out")
    service.scan(session, "300000000001")
    assert undo_last_scan(engine, session, clock=clock).ok
    second = undo_last_scan(engine, session, clock=clock)
    assert not second.ok  # the last event is the undo itself: nothing further to undo
    assert item_row(engine, "300000000001").state == "registered"

    service.scan(session, "300000000002")
    clock.advance(minutes=5)
    late = undo_last_scan(engine, session, window_s=120, clock=clock)
    assert not late.ok
    assert item_row(engine, "300000000002").state == "sent_out"


def test_undo_is_refused_when_the_item_moved_since(studio, service, engine, clock):
    studio.add_order("U001", ["300000000001"])
    service.scan(studio.session("send-out"), "300000000001")
    check_in = studio.session("check-in")
    service.scan(check_in, "300000000001")
    service.scan(studio.session("pickup", operator="小张"), "300000000001")  # another station

    result = undo_last_scan(engine, check_in, clock=clock)
    assert not result.ok
    assert item_row(engine, "300000000001").state == "picked_up"
    with engine.connect() as conn:
        undos = conn.execute(
            select(func.count()).select_from(ScanLog).where(ScanLog.action == "undo")
        ).scalar_one()
    assert undos == 0


def test_undo_only_looks_at_this_station_on_this_pc(studio, service, engine, clock):
    studio.add_order("U001", ["300000000001"])
    service.scan(studio.session("send-out", workstation="pc-2"), "300000000001")
    assert not undo_last_scan(
        engine, studio.session("send-out", workstation="pc-1"), clock=clock
    ).ok
    assert item_row(engine, "300000000001").state == "sent_out"


def test_undo_needs_the_permission_of_the_undone_action(studio, service, engine, clock):
    studio.add_order("U001", ["300000000001"])
    service.scan(studio.session("send-out"), "300000000001")
    desk = studio.session("send-out", operator="小张")  # front desk may not send out
    assert not undo_last_scan(engine, desk, clock=clock).ok
    assert item_row(engine, "300000000001").state == "sent_out"
