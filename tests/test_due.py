"""A month at the studio with a moving clock: every due list says what it must, when it must."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from yinglou_desk.domain.states import Action
from yinglou_desk.services.notifications.due import due_lists, queue_reminders
from yinglou_desk.services.notifications.outbox import OutgoingMessage, send_queued
from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.storage.models import Notification

from .helpers.cli import run_cli
from .helpers.studio import make_studio


@pytest.fixture
def studio(engine, clock):
    return make_studio(engine, clock)


def _orders(entries):
    return [(e["order_no"], e.get("code")) for e in entries]


def test_a_month_of_due_lists(studio, engine, clock) -> None:
    scan = ScanService(engine, clock=clock)
    sent: list[OutgoingMessage] = []
    studio.add_order("A", ["A1", "A2"], promised=date(2026, 3, 20))
    studio.add_order("B", ["B1", "B2", "B3"], stages=["百天", "百天", "周岁"], phone="13911112222")
    studio.add_order("C", ["C1"], promised=date(2026, 3, 4))

    # Monday 2 March: A goes to the album lab (10 days), B's first stage too.
    for code in ("A1", "A2", "B1", "B2"):
        scan.scan(studio.session("send-out"), code)
    lists = due_lists(engine, clock)
    assert lists.overdue_at_vendor == []
    assert lists.due_back_soon == []
    assert _orders(lists.pickups_due) == [("C", None)]  # promised in 2 days, nothing sent
    assert lists.pickups_due[0]["items_missing"] == 1
    assert not lists.pickups_due[0]["late"]

    clock.advance(days=8)  # Tuesday 10 March: due back on the 12th
    lists = due_lists(engine, clock)
    assert _orders(lists.due_back_soon) == [("A", "A1"), ("A", "A2"), ("B", "B1"), ("B", "B2")]
    assert lists.pickups_due[0]["late"]  # C's promised day has passed, still not made

    clock.advance(days=3)  # Friday 13 March: one day late
    lists = due_lists(engine, clock)
    assert lists.due_back_soon == []
    assert [(e["vendor"], e["code"], e["days_overdue"]) for e in lists.overdue_at_vendor] == [
        ("金彩相册厂", c, 1) for c in ("A1", "A2", "B1", "B2")
    ]

    scan.scan(studio.session("check-in"), "A1")
    scan.scan(studio.session("check-in"), "B1")
    scan.scan(studio.session("check-in"), "B2")  # B's 百天 stage is complete
    lists = due_lists(engine, clock)
    assert _orders(lists.overdue_at_vendor) == [("A", "A2")]
    assert [(e["order_no"], e["stage"], e["notification"]) for e in lists.ready_not_notified] == [
        ("B", "百天", "queued")
    ]

    clock.advance(days=1)
    scan.scan(studio.session("check-in"), "A2")  # A complete: queued automatically
    lists = due_lists(engine, clock)
    assert [(e["order_no"], e["notification"]) for e in lists.ready_not_notified] == [
        ("B", "queued"),
        ("A", "queued"),
    ]
    assert _orders(lists.pickups_due) == [("C", None)]

    report = send_queued(engine, sent.append, clock)
    assert report.sent == 2
    assert [m.dedupe_key.split(":")[0] for m in sent] == ["ready", "ready"]
    assert "百天" in sent[0].message
    assert "张小梅" in sent[1].message
    assert due_lists(engine, clock).ready_not_notified == []

    clock.advance(days=6)  # not yet a week
    assert due_lists(engine, clock).uncollected == []
    clock.advance(days=1, hours=1)
    lists = due_lists(engine, clock)
    assert [(e["order_no"], e["days_waiting"], e["reminder"]) for e in lists.uncollected] == [
        ("A", 7, None),  # both told at the same moment: by order number
        ("B", 7, None),
    ]
    assert queue_reminders(engine, clock) == 2
    assert queue_reminders(engine, clock) == 0  # never twice
    assert [e["reminder"] for e in due_lists(engine, clock).uncollected] == ["queued", "queued"]

    for code in ("A1", "A2"):
        scan.scan(studio.session("pickup", operator="小张"), code)
    lists = due_lists(engine, clock)
    assert _orders(lists.uncollected) == [("B", None)]
    send_queued(engine, sent.append, clock)
    # A was collected before its reminder went out: only B is reminded.
    # the day-7 reminder of the cadence (7, 30, 60 days after ready), once
    assert [m.dedupe_key for m in sent[2:]] == [f"uncollected:{_order_id(engine, 'B')}:1:7"]
    with engine.connect() as conn:
        states = dict(conn.execute(select(Notification.dedupe_key, Notification.state)).all())
    assert states[f"uncollected:{_order_id(engine, 'A')}:0:7"] == "cancelled"


def _order_id(engine, order_no):
    from yinglou_desk.storage.models import Order

    with engine.connect() as conn:
        return conn.execute(select(Order.id).where(Order.order_no == order_no)).scalar_one()


def test_a_rework_does_not_queue_a_second_ready_message(studio, engine, clock) -> None:
    scan = ScanService(engine, clock=clock)
    studio.add_order("R", ["R1"])
    scan.scan(studio.session("send-out"), "R1")
    scan.scan(studio.session("check-in"), "R1")
    scan.apply(studio.session("check-in"), "R1", Action.FLAG_REWORK, detail="划痕")
    clock.advance(seconds=10)
    scan.scan(studio.session("send-out"), "R1")
    scan.scan(studio.session("check-in"), "R1")
    with engine.connect() as conn:
        assert conn.execute(select(Notification.dedupe_key)).scalars().all() == ["ready:1:0"]


def test_due_on_the_command_line(studio, engine, db_url) -> None:
    studio.add_order("D", ["D1"], promised=date(2030, 1, 1))
    ScanService(engine).scan(studio.session("send-out"), "D1")
    run = run_cli("due", "--json", "--db", db_url)
    assert run.code == 0, run.err
    data = run.json()
    assert set(data) >= {
        "overdue_at_vendor",
        "due_back_soon",
        "ready_not_notified",
        "uncollected",
        "pickups_due",
    }
    assert all(isinstance(data[key], list) for key in data if key not in ("today", "counts"))
    assert data["counts"]["due_back_soon"] == len(data["due_back_soon"])
    text = run_cli("due", "--db", db_url)
    assert text.code == 0
    assert "逾期未回" in text.out


def test_a_capped_list_holds_the_earliest_and_counts_them_all(studio, engine, clock) -> None:
    """The 今日 tiles once said "2000" for 3,280 overdue items: the cap passed off as a
    count. Each list now holds the earliest ``limit`` entries and counts every one."""
    scan = ScanService(engine, clock=clock)
    start = clock.today()
    studio.add_order("A", ["A1"], promised=start + timedelta(days=22))
    studio.add_order("B", ["B1"], promised=start + timedelta(days=20))
    studio.add_order("C", ["C1"], promised=start + timedelta(days=21))
    scan.scan(studio.session("send-out"), "A1")  # 金彩, 10 days: due back on day 10
    clock.advance(days=6)
    scan.scan(studio.session("send-out", vendor="晶典水晶"), "B1")  # 5 days: day 11
    clock.advance(days=2)
    scan.scan(studio.session("send-out", vendor="晶典水晶"), "C1")  # day 13
    clock.advance(days=12)  # day 20: all three overdue; promised pickups B, C, A ahead

    lists = due_lists(engine, clock, limit=2)
    # the two earliest expected back (not the first two of the vendor list), shown by vendor
    assert _orders(lists.overdue_at_vendor) == [("B", "B1"), ("A", "A1")]
    assert lists.total("overdue_at_vendor") == 3
    assert lists.capped("overdue_at_vendor")
    assert _orders(lists.pickups_due) == [("B", None), ("C", None)]
    assert lists.total("pickups_due") == 3
    assert lists.to_json()["counts"] == {
        "overdue_at_vendor": 3,
        "due_back_soon": 0,
        "ready_not_notified": 0,
        "uncollected": 0,
        "pickups_due": 3,
        "overdue_pickup": 0,
    }
    whole = due_lists(engine, clock)
    assert whole.total("overdue_at_vendor") == len(whole.overdue_at_vendor) == 3
    assert not whole.capped("overdue_at_vendor")

    for code in ("C1", "A1", "B1"):  # back one a day: ready in this order
        scan.scan(studio.session("check-in"), code)
        clock.advance(days=1)
    lists = due_lists(engine, clock, limit=2)
    assert [e["order_no"] for e in lists.ready_not_notified] == ["C", "A"]
    assert lists.total("ready_not_notified") == 3
    send_queued(engine, lambda _message: None, clock)
    clock.advance(days=8)
    lists = due_lists(engine, clock, limit=2)
    assert lists.ready_not_notified == []
    assert lists.total("ready_not_notified") == 0
    assert [e["order_no"] for e in lists.uncollected] == ["A", "B"]  # told at once: by number
    assert lists.total("uncollected") == 3
    assert queue_reminders(engine, clock) == 3  # the cap is for screens, not for reminders
