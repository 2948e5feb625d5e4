"""Uncollected items with a moving clock: the cadence reminds once a day of it, the history
says so, and the manager's 超期未取 list holds the exact value left on the shelf."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, update

from yinglou_desk.domain.settings_rules import SettingRefused, check_setting, parse_reminder_days
from yinglou_desk.services.notifications.due import due_lists, queue_reminders
from yinglou_desk.services.notifications.outbox import OutgoingMessage, send_queued
from yinglou_desk.services.pickup.holding import policy_of, policy_wording
from yinglou_desk.services.pickup.overdue import slot_words, status_words
from yinglou_desk.services.pickup.reminders import queue_cadence, reminders_of
from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.services.settings.studio import current_settings, save_settings
from yinglou_desk.services.staff.audit import command_line_actor
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.storage.tables import customers, items, notifications, orders, payments

from .helpers.cli import run_cli
from .helpers.studio import make_studio

CLI = command_line_actor()


@pytest.fixture
def studio(engine, clock):
    return make_studio(engine, clock)


def _ready(studio, engine, clock, order_no, codes, no_phone=False, **kwargs):
    order_id = studio.add_order(order_no, codes, **kwargs)
    if no_phone:  # the customer left no mobile number
        with write_transaction(engine) as conn:
            customer = select(orders.c.customer_id).where(orders.c.id == order_id)
            conn.execute(
                update(customers)
                .where(customers.c.id == customer.scalar_subquery())
                .values(phone=None)
            )
    scan = ScanService(engine, clock=clock)
    for code in codes:
        scan.scan(studio.session("send-out"), code)
    for code in codes:
        scan.scan(studio.session("check-in"), code)


def _keys(engine):
    with engine.connect() as conn:
        return sorted(
            conn.execute(
                select(notifications.c.dedupe_key).where(notifications.c.event == "reminder")
            ).scalars()
        )


def _order_id(engine, order_no):
    with engine.connect() as conn:
        return conn.execute(select(orders.c.id).where(orders.c.order_no == order_no)).scalar_one()


def test_each_cadence_day_is_queued_once_and_shown_in_the_history(studio, engine, clock) -> None:
    _ready(studio, engine, clock, "A", ["A1", "A2"])
    _ready(studio, engine, clock, "B", ["B1", "B2"], stages=["百天", "周岁"], phone="13911112222")
    _ready(studio, engine, clock, "C", ["C1"], no_phone=True)
    sent: list[OutgoingMessage] = []
    send_queued(engine, sent.append, clock)
    assert len(sent) == 3  # A, B's two stages (C has no phone: failed, not sent)
    a, b = _order_id(engine, "A"), _order_id(engine, "B")

    clock.advance(days=6)
    assert queue_cadence(engine, clock).queued == 0  # not yet a week
    clock.advance(days=1)
    run = queue_cadence(engine, clock, by="小李")
    assert run.queued == 3  # A and both stages of B
    assert [(s.order_no, s.day, s.reason) for s in run.skipped] == [
        ("C", 7, "uncollected.no_phone")
    ]
    assert queue_reminders(engine, clock) == 0  # each day once, however often it is run
    clock.advance(days=1)
    assert queue_reminders(engine, clock) == 0
    send_queued(engine, sent.append, clock)
    assert "已到店7天" in sent[-1].message

    clock.advance(days=22)  # day 30
    assert queue_reminders(engine, clock) == 3
    # B's 周岁 stage is collected: its day-60 reminder is never queued, its history stays
    ScanService(engine, clock=clock).scan(studio.session("pickup", operator="小张"), "B2")
    clock.advance(days=30)  # day 60
    assert queue_reminders(engine, clock) == 2
    clock.advance(days=20)
    assert queue_reminders(engine, clock) == 0  # past the last day of the cadence
    stage_b1 = _stage_id(engine, "B1")
    assert f"uncollected:{a}:0:7" in _keys(engine)
    assert f"uncollected:{b}:{stage_b1}:60" in _keys(engine)
    assert len(_keys(engine)) == 8

    history = reminders_of(engine, "A")
    assert [(m.event, m.day, m.state) for m in history] == [
        ("ready", None, "sent"),
        ("reminder", 7, "sent"),
        ("reminder", 30, "queued"),
        ("reminder", 60, "queued"),
    ]
    assert history[1].queued_by == "小李"
    b_history = reminders_of(engine, "B")
    assert [(m.stage, m.day, m.state) for m in b_history if m.stage == "周岁"] == [
        ("周岁", None, "sent"),
        ("周岁", 7, "sent"),
        ("周岁", 30, "cancelled"),  # collected before it went out
    ]
    assert reminders_of(engine, "C")[0].state == "failed"  # the ready message, no phone
    assert reminders_of(engine, "nope") == []


def _stage_id(engine, code):
    with engine.connect() as conn:
        return conn.execute(select(items.c.stage_id).where(items.c.code == code)).scalar_one()


def test_the_uncollected_list_shows_the_latest_reminder(studio, engine, clock) -> None:
    _ready(studio, engine, clock, "A", ["A1"])
    clock.advance(days=7, hours=1)
    run = queue_cadence(engine, clock)  # not told yet: a reminder never comes with the news
    assert [(s.order_no, s.day, s.reason) for s in run.skipped] == [
        ("A", 7, "uncollected.not_told")
    ]
    send_queued(engine, lambda _m: None, clock)
    assert queue_reminders(engine, clock) == 1
    send_queued(engine, lambda _m: None, clock)
    clock.advance(days=23)
    queue_reminders(engine, clock)
    assert [e["reminder"] for e in due_lists(engine, clock).uncollected] == ["queued"]


def test_overdue_pickup_list_with_the_exact_value_on_the_shelf(studio, engine, clock) -> None:
    save_settings(engine, {"reminder_days": "7,30", "holding_days": 45}, clock, actor=CLI)
    _ready(studio, engine, clock, "A", ["A1", "A2", "A3"], unit_cost="0.10")
    _ready(studio, engine, clock, "N", ["N1"], unit_cost="5.00")  # no price: no balance
    with write_transaction(engine) as conn:
        conn.execute(update(items).where(items.c.code == "A1").values(qty=3))
        conn.execute(update(items).where(items.c.code == "A2").values(unit_cost=None))
        for code, slot in (("A1", "A-01"), ("A2", "A-02"), ("N1", "B-07")):
            conn.execute(update(items).where(items.c.code == code).values(shelf_slot=slot))
    clock.advance(days=3)
    _ready(studio, engine, clock, "L", ["L1"])  # three days later: not yet past day 30
    ScanService(engine, clock=clock).scan(
        studio.session("pickup", operator="小张"), "A3"
    )  # one collected
    with write_transaction(engine) as conn:  # the price known, part of it paid
        conn.execute(update(orders).where(orders.c.order_no == "A").values(price_fen=138050))
        conn.execute(
            payments.insert().values(
                order_id=_order_id(engine, "A"),
                at=clock(),
                kind="imported",
                amount_fen=50000,
                operator_name="test",
                workstation="pc-1",
            )
        )

    clock.advance(days=27, hours=1)  # A and N: 30 days on the shelf, every reminder sent
    assert due_lists(engine, clock).overdue_pickup == []  # the labs' costs: not for anyone
    desk = studio.operators["小张"]
    assert due_lists(engine, clock, actor=desk).overdue_pickup == []
    lists = due_lists(engine, clock, actor=studio.operators["王店长"])
    assert [e["order_no"] for e in lists.overdue_pickup] == ["A", "N"]
    assert lists.total("overdue_pickup") == 2
    a = lists.overdue_pickup[0]
    # 0.10 × 3 (A1) + no cost (A2); A3 is no longer on the shelf
    assert (a["value_fen"], a["costed"], a["items"]) == (30, 1, 2)
    assert (a["price_fen"], a["balance_fen"]) == (138050, 88050)
    assert a["days_on_shelf"] == 30
    assert not a["past_holding"]
    assert (a["slot"], a["slots"]) == ("A-01", 2)
    assert slot_words(a) == "A-01 等 2 处"
    assert "30" in status_words(a)
    assert a["phone"] == "13800138000"
    assert lists.overdue_pickup[1]["balance_fen"] is None
    assert lists.overdue_pickup[1]["value_fen"] == 500

    clock.advance(days=15)  # day 45: the holding period has run out for A and N
    lists = due_lists(engine, clock, limit=1, actor=CLI)
    assert [(e["order_no"], e["past_holding"]) for e in lists.overdue_pickup] == [("A", True)]
    assert lists.total("overdue_pickup") == 3  # L too, past its last reminder; count true
    assert json.loads(json.dumps(lists.to_json()))["counts"]["overdue_pickup"] == 3


def test_overdue_pickup_on_the_command_line(studio, engine, clock, db_url, tmp_path) -> None:
    _ready(studio, engine, clock, "A", ["A1"], unit_cost="123.45")
    with write_transaction(engine) as conn:  # back 61 days ago
        conn.execute(update(items).values(returned_at=clock().replace(year=2025, month=12)))
    run = run_cli("due", "overdue-pickup", "--json", "--db", db_url)
    assert run.code == 0, run.err
    data = run.json()
    assert [(e["order_no"], e["value_fen"]) for e in data["overdue_pickup"]] == [("A", 12345)]
    assert data["counts"]["overdue_pickup"] == 1
    text = run_cli("due", "overdue-pickup", "--db", db_url)
    assert text.code == 0, text.err
    assert "¥123.45" in text.out
    assert "超期未取" in text.out
    target = tmp_path / "overdue.xlsx"
    saved = run_cli("due", "overdue-pickup", "-o", str(target), "--db", db_url)
    assert saved.code == 0, saved.err
    from openpyxl import load_workbook

    sheet = load_workbook(target).active
    assert sheet is not None
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert any("A" in row and 123.45 in row for row in values) or any(
        "A" in row and "123.45" in row for row in values
    )
    refused = run_cli("due", "overdue-pickup", "-o", str(tmp_path / "x.csv"), "--db", db_url)
    assert refused.code == 2
    assert ".xlsx" in refused.err
    assert not (tmp_path / "x.csv").exists()
    refused = run_cli("due", "-o", str(tmp_path / "all.xlsx"), "--db", db_url)
    assert refused.code == 2
    assert "overdue-pickup" in refused.err
    reminded = run_cli("notify", "remind", "--db", db_url)
    assert reminded.code == 0, reminded.err


# -- the settings --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "days"),
    [("7,30,60", (7, 30, 60)), ("7，30、60", (7, 30, 60)), (" 3 , 10 ", (3, 10)), ("", ())],
)
def test_reminder_days_accepted(text, days) -> None:
    assert parse_reminder_days(text) == days
    check_setting("reminder_days", text, "")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("7,abc", "uncollected.days_not_whole"),
        ("0,7", "uncollected.days_not_whole"),
        ("-3", "uncollected.days_not_whole"),
        ("7.5", "uncollected.days_not_whole"),
        ("30,7", "uncollected.days_not_ascending"),
        ("7,7", "uncollected.days_not_ascending"),
        ("1,2,3,4,5,6,7", "uncollected.too_many_days"),
    ],
)
def test_reminder_days_refused(text, key) -> None:
    with pytest.raises(SettingRefused) as refused:
        check_setting("reminder_days", text, "")
    assert refused.value.key == key


def test_reminders_must_fall_within_the_holding_period(engine, clock) -> None:
    with pytest.raises(SettingRefused) as refused:
        save_settings(engine, {"holding_days": 60}, clock, actor=CLI)  # 60 is a reminder day
    assert refused.value.key == "uncollected.day_after_holding"
    with pytest.raises(SettingRefused) as refused:
        save_settings(engine, {"reminder_days": "7,100"}, clock, actor=CLI)
    assert refused.value.key == "uncollected.day_after_holding"
    assert current_settings(engine).holding_days == 90  # nothing changed
    saved = save_settings(engine, {"holding_days": 20, "reminder_days": "3，10"}, clock, actor=CLI)
    assert (saved.holding_days, saved.reminder_days) == (20, "3,10")
    assert policy_of(saved).reminder_days == (3, 10)
    assert "20" in policy_wording(saved)
    with pytest.raises(SettingRefused) as refused:
        save_settings(engine, {"holding_days": 10}, clock, actor=CLI)  # day 10 is not within
    assert refused.value.key == "uncollected.day_after_holding"


def test_settings_set_on_the_command_line_refuses_a_bad_cadence(db_url) -> None:
    run = run_cli("settings", "set", "reminder_days", "30,7", "--db", db_url)
    assert run.code == 2
    assert "30,7" not in run.out
