"""The manager's figures over a fortnight of scans made through the scan service."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import update

from yinglou_desk.domain.states import Action
from yinglou_desk.services.reports.figures import figures, last_days
from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.services.scanning.undo import undo_last_scan
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.storage.tables import items

from .helpers.studio import make_studio


@pytest.fixture
def fortnight(engine, clock):
    """Three orders and a growth package, sent, returned (one late), reworked, picked up.

    Day 0 is Monday 2026-03-02; the figures are read on day 14.
    """
    studio = make_studio(engine, clock)
    service = ScanService(engine, clock=clock)
    send, back = studio.session("send-out"), studio.session("check-in")
    pickup = studio.session("pickup", operator="小张")
    studio.add_order("F-A", ["960000000001", "960000000002", "960000000003"])
    studio.add_order("F-B", ["960000000011", "960000000012"], vendor="晶典水晶")
    studio.add_order("F-C", ["960000000021", "960000000022"], vendor="晶典水晶")
    studio.add_order(
        "F-G", ["960000000031", "960000000032"], vendor="晶典水晶", stages=["100天", "1岁"]
    )
    with write_transaction(engine) as conn:
        conn.execute(
            update(items)
            .where(items.c.code.in_(["960000000011", "960000000012"]))
            .values(product="水晶摆台")
        )

    def at(day: int, hour: int = 10) -> None:
        clock.now = clock.start + timedelta(days=day, hours=hour - 10)

    clock.start = clock.now
    for code in ("960000000001", "960000000002", "960000000003", "960000000011"):
        service.scan(send, code)
    for code in ("960000000012", "960000000021", "960000000022"):
        service.scan(send, code)
    service.scan(send, "NO-SUCH-CODE")  # refused, still a scan of 小李's day
    at(1)
    service.scan(send, "960000000031")
    service.scan(send, "960000000032")
    at(3)
    service.scan(back, "960000000021")
    service.scan(back, "960000000022")
    service.scan(pickup, "960000000021")  # F-C: one item today ...
    at(4)
    service.scan(back, "960000000011")
    service.apply(back, "960000000011", Action.FLAG_REWORK, detail="尺寸不对")
    at(5)
    service.scan(pickup, "960000000022")  # ... the other two days later: two visits
    service.scan(back, "960000000031")
    service.scan(back, "960000000032")
    at(6)
    service.scan(pickup, "960000000031")  # growth stages: each stage its own visit
    at(7)
    service.scan(back, "960000000003")
    at(8)
    service.scan(back, "960000000001")
    service.apply(back, "960000000001", Action.FLAG_REWORK, detail=" 褪色 ")
    at(8, 11)
    service.scan(send, "960000000001")  # the redo goes back to 金彩
    at(10)
    service.scan(pickup, "960000000032")
    at(12)
    service.scan(back, "960000000002")  # expected on day 10: late
    at(13)
    service.scan(back, "960000000001")  # the redo: 5 days
    at(14)
    for code in ("960000000001", "960000000002", "960000000003"):
        service.scan(pickup, code)  # F-A: everything on one visit
    return studio


@pytest.mark.usefixtures("fortnight")
def test_turnaround_per_vendor(engine, clock):
    found = {t.vendor: t for t in figures(engine, clock, 30).turnaround}
    gold = found["金彩相册厂"]  # latest trips: 5 (the redo), 7, 12 days
    assert (gold.returned, gold.median_days, gold.p90_days, gold.late) == (3, 7.0, 12.0, 1)
    assert gold.overdue_share == pytest.approx(1 / 3)
    crystal = found["晶典水晶"]  # 4, 3, 3, 4, 4 days, none late
    assert (crystal.returned, crystal.median_days, crystal.p90_days, crystal.late) == (
        5,
        4.0,
        4.0,
        0,
    )


def test_an_even_count_has_the_mean_of_the_two_middle_values_as_median(engine, clock, fortnight):
    ScanService(engine, clock=clock).scan(fortnight.session("check-in"), "960000000012")  # 14 d
    crystal = {t.vendor: t for t in figures(engine, clock, 30).turnaround}["晶典水晶"]
    assert (crystal.returned, crystal.median_days, crystal.p90_days) == (6, 4.0, 14.0)
    assert crystal.late == 1


@pytest.mark.usefixtures("fortnight")
def test_rework_rates_and_reasons(engine, clock):
    result = figures(engine, clock, 30)
    by_vendor = {r.name: (r.delivered, r.reworked) for r in result.rework_by_vendor}
    assert by_vendor == {"金彩相册厂": (4, 1), "晶典水晶": (5, 1)}
    by_product = {r.name: (r.delivered, r.reworked, r.rate) for r in result.rework_by_product}
    assert by_product == {"大相册": (8, 1, 1 / 8), "水晶摆台": (1, 1, 1.0)}
    assert [(r.reason, r.count, r.share) for r in result.rework_by_reason] == [
        ("尺寸不对", 1, 0.5),
        ("褪色", 1, 0.5),
    ]


@pytest.mark.usefixtures("fortnight")
def test_items_out_now(engine, clock):
    out = figures(engine, clock, 30).items_out
    assert [(o.vendor, o.out, o.overdue) for o in out] == [("晶典水晶", 1, 1)]


@pytest.mark.usefixtures("fortnight")
def test_order_cycle_and_complaints_avoided(engine, clock):
    result = figures(engine, clock, 30)
    # shoot 2026-02-01; last pickups 03-07 (F-C), 03-12 (F-G), 03-16 (F-A)
    assert result.cycle.orders == 3
    assert (result.cycle.median_days, result.cycle.p90_days) == (39.0, 43.0)
    assert result.cycle.mean_days == pytest.approx(38.7)
    # F-A once; F-C twice; each growth stage once
    assert (result.first_visit.pickups, result.first_visit.first_visit) == (4, 3)
    assert result.first_visit.share == 0.75


@pytest.mark.usefixtures("fortnight")
def test_scans_per_operator_per_day(engine, clock):
    result = figures(engine, clock, 30)
    rows = {(r.operator, r.day): (r.scans, r.accepted) for r in result.scans}
    assert rows[("小李", date(2026, 3, 2))] == (8, 7)
    assert rows[("小李", date(2026, 3, 10))] == (3, 3)  # check-in, rework flag, re-send
    assert rows[("小张", date(2026, 3, 16))] == (3, 3)
    assert result.scans_per_operator() == {"小李": 22, "小张": 7}


@pytest.mark.usefixtures("fortnight")
def test_the_period_decides_what_counts(engine, clock):
    clock.advance(days=40)
    short = figures(engine, clock, 30)
    assert short.period == last_days(date(2026, 4, 25), 30)
    assert short.turnaround == []
    assert short.rework_by_vendor == []
    assert short.scans == []
    assert (short.cycle.orders, short.first_visit.pickups) == (0, 0)
    assert short.cycle.median_days is None
    assert short.first_visit.share is None
    assert [(o.vendor, o.out) for o in short.items_out] == [("晶典水晶", 1)]  # now is now
    longer = figures(engine, clock, 90)
    assert len(longer.turnaround) == 2
    assert longer.cycle.orders == 3


def test_a_rework_flag_taken_back_with_undo_is_not_a_rework(engine, clock, fortnight):
    back = fortnight.session("check-in")
    service = ScanService(engine, clock=clock)
    service.scan(back, "960000000012")
    service.apply(back, "960000000012", Action.FLAG_REWORK, detail="按错了")
    assert undo_last_scan(engine, back, clock=clock).ok  # the sorter pressed the wrong key

    result = figures(engine, clock, 30)
    by_vendor = {r.name: (r.delivered, r.reworked) for r in result.rework_by_vendor}
    assert by_vendor["晶典水晶"] == (6, 1)  # the check-in counts, the undone flag does not
    assert [r.reason for r in result.rework_by_reason] == ["尺寸不对", "褪色"]


def test_numbers_are_written_for_people() -> None:
    from yinglou_desk.domain import wording

    assert wording.percent(0.0489796) == "4.9%"
    assert wording.percent(0.65, 0) == "65%"
    assert wording.count(3280) == "3,280"
    assert wording.count(2000) == "2,000"
    assert wording.count(7) == "7"
