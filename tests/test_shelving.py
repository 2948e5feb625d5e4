"""Shelf slots: one slot per order, next free slot otherwise, logged (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from yinglou_desk.services.scanning import ScanService
from yinglou_desk.services.shelving import ShelvingError, shelve, slot_names, suggest_slot

from .helpers.desk import item_row, log_rows
from .helpers.studio import make_studio


@pytest.fixture
def studio(engine, clock):
    return make_studio(engine, clock)


def _back(studio, service, *codes):
    for code in codes:
        assert service.scan(studio.session("send-out"), code).outcome.value == "accepted"
    for code in codes:
        assert service.scan(studio.session("check-in"), code).outcome.value == "accepted"


def test_items_of_one_order_share_a_slot_and_other_orders_get_the_next_free_one(
    studio, engine, clock
):
    service = ScanService(engine, clock=clock)
    studio.add_order("S001", ["200000000001", "200000000002"])
    studio.add_order("S002", ["200000000003"], customer="李雷", phone="13900139000")
    _back(studio, service, "200000000001", "200000000002", "200000000003")
    session = studio.session("check-in")

    first = shelve(engine, session, "200000000001", clock=clock)
    second = shelve(engine, session, "200000000002", clock=clock)
    other = shelve(engine, session, "200000000003", clock=clock)

    assert first.slot == "A-01"
    assert second.slot == "A-01"
    assert other.slot == "A-02"
    assert item_row(engine, "200000000003").shelf_slot == "A-02"
    assert item_row(engine, "200000000003").updated_by == "小李"
    shelved = [r for r in log_rows(engine, "200000000003") if r.action == "shelve"]
    assert [r.message for r in shelved] == ["货架位 A-02"]


def test_a_slot_is_free_again_once_its_items_are_picked_up(studio, engine, clock):
    service = ScanService(engine, clock=clock)
    studio.add_order("S001", ["200000000001"])
    studio.add_order("S002", ["200000000002"], customer="李雷", phone="13900139000")
    _back(studio, service, "200000000001")
    shelve(engine, studio.session("check-in"), "200000000001", clock=clock)
    service.scan(studio.session("pickup", operator="小张"), "200000000001")

    _back(studio, service, "200000000002")
    with engine.connect() as conn:
        order_id = item_row(engine, "200000000002").order_id
        assert suggest_slot(conn, order_id) == "A-01"


def test_a_chosen_slot_is_recorded_as_typed_in_upper_case(studio, engine, clock):
    service = ScanService(engine, clock=clock)
    studio.add_order("S001", ["200000000001"])
    _back(studio, service, "200000000001")
    assert (
        shelve(engine, studio.session("check-in"), "200000000001", " c-07 ", clock=clock).slot
        == "C-07"
    )
    assert item_row(engine, "200000000001").shelf_slot == "C-07"


def test_only_items_that_are_back_can_be_shelved(studio, engine, clock):
    studio.add_order("S001", ["200000000001"])
    with pytest.raises(ShelvingError):
        shelve(engine, studio.session("check-in"), "200000000001", clock=clock)
    with pytest.raises(ShelvingError):
        shelve(engine, studio.session("check-in"), "NOPE", clock=clock)
    assert item_row(engine, "200000000001").shelf_slot is None


def test_slot_names_run_rack_by_rack():
    names = list(slot_names("AB", 3))
    assert names == ["A-01", "A-02", "A-03", "B-01", "B-02", "B-03"]
