"""Shelf slots: one slot per order, next free slot otherwise, logged (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.services.scanning.shelving import ShelvingError, shelve, slot_names, suggest_slot

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


def test_a_check_in_shelves_the_item_in_its_own_transaction(studio, engine, clock):
    service = ScanService(engine, clock=clock)
    studio.add_order("S001", ["200000000001"])
    service.scan(studio.session("send-out"), "200000000001")
    result = service.scan(studio.session("check-in"), "200000000001")
    assert result.shelf_slot == "A-01"
    assert result.to_json()["shelf_slot"] == "A-01"
    assert "A-01" in result.message
    assert item_row(engine, "200000000001").shelf_slot == "A-01"


def test_a_slot_typed_by_the_sorter_is_refused_when_another_order_holds_it(studio, engine, clock):
    service = ScanService(engine, clock=clock)
    studio.add_order("S001", ["200000000001"])
    studio.add_order("S002", ["200000000002"], customer="李雷", phone="13900139000")
    _back(studio, service, "200000000001", "200000000002")
    assert item_row(engine, "200000000002").shelf_slot == "A-02"
    with pytest.raises(ShelvingError) as refused:
        shelve(engine, studio.session("check-in"), "200000000002", "a-01", clock=clock)
    assert refused.value.key == "shelf.taken"
    assert item_row(engine, "200000000002").shelf_slot == "A-02"
    # moved to a free slot, its old one is free again
    shelve(engine, studio.session("check-in"), "200000000002", "C-07", clock=clock)
    studio.add_order("S003", ["200000000003"], customer="韩梅梅", phone="13700137000")
    _back(studio, service, "200000000003")
    assert item_row(engine, "200000000003").shelf_slot == "A-02"


def test_an_undone_check_in_frees_its_slot(studio, engine, clock):
    from yinglou_desk.services.scanning.undo import undo_last_scan

    service = ScanService(engine, clock=clock)
    studio.add_order("S001", ["200000000001"])
    studio.add_order("S002", ["200000000002"], customer="李雷", phone="13900139000")
    _back(studio, service, "200000000001")
    assert undo_last_scan(engine, studio.session("check-in"), clock=clock).ok
    _back(studio, service, "200000000002")
    assert item_row(engine, "200000000002").shelf_slot == "A-01"


@pytest.fixture
def pg_engine(pg_database_url):
    from yinglou_desk.storage.engine import make_engine

    from .conftest import _truncate_all

    _truncate_all(pg_database_url)
    engine = make_engine(pg_database_url)
    yield engine
    engine.dispose()


@pytest.mark.postgres
def test_two_pcs_checking_in_two_orders_at_once_get_two_slots(pg_engine, clock):
    """Both check-ins find A-01 free before either claims it (a barrier makes sure of it);
    the database lets only one order have it. (On SQLite, writers are serialised by
    ``BEGIN IMMEDIATE``: two check-ins cannot overlap at all.)"""
    import threading

    from yinglou_desk.services.scanning import shelving

    engine = pg_engine
    studio = make_studio(engine, clock)
    service = ScanService(engine, clock=clock)
    studio.add_order("S001", ["200000000001"])
    studio.add_order("S002", ["200000000002"], customer="李雷", phone="13900139000")
    for code in ("200000000001", "200000000002"):
        service.scan(studio.session("send-out"), code)
    barrier = threading.Barrier(2, timeout=30)
    real_names = shelving.slot_names

    def names_after_both_looked(*args):
        barrier.wait()  # both have read which slots are taken: neither has claimed yet
        yield from real_names(*args)

    shelving.slot_names = names_after_both_looked
    results = {}
    try:

        def check_in(code: str, pc: str) -> None:
            results[code] = ScanService(engine, clock=clock).scan(
                studio.session("check-in", workstation=pc), code
            )

        threads = [
            threading.Thread(target=check_in, args=("200000000001", "pc-1")),
            threading.Thread(target=check_in, args=("200000000002", "pc-2")),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        shelving.slot_names = real_names
    assert barrier.broken is False
    assert {r.outcome.value for r in results.values()} == {"accepted"}
    slots = {item_row(engine, c).shelf_slot for c in ("200000000001", "200000000002")}
    assert slots == {"A-01", "A-02"}
