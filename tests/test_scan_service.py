"""The scan service on a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, text

from yinglou_desk.domain.states import Action, ScanOutcome
from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.services.staff.audit import command_line_actor
from yinglou_desk.storage.models import Item, Order, ScanLog, SendOutBatch

from .helpers.studio import make_studio


@pytest.fixture
def studio(engine, clock):
    return make_studio(engine, clock)


@pytest.fixture
def service(engine, clock):
    return ScanService(engine, clock=clock, lang="zh")


def _item(engine, code):
    with engine.connect() as conn:
        return conn.execute(select(Item).where(Item.code == code)).one()


def _order(engine, order_no):
    with engine.connect() as conn:
        return conn.execute(select(Order).where(Order.order_no == order_no)).one()


def _log(engine, code=None):
    query = select(ScanLog).order_by(ScanLog.id)
    if code:
        query = query.where(ScanLog.code == code)
    with engine.connect() as conn:
        return conn.execute(query).all()


def test_an_item_goes_out_comes_back_and_is_picked_up(studio, service, engine, clock):
    studio.add_order("A001", ["100000000001", "100000000002"])

    sent = service.scan(studio.session("send-out"), "100000000001")
    assert sent.outcome is ScanOutcome.ACCEPTED
    assert sent.item_state == "sent_out"
    assert sent.order_progress == "in_production"
    assert sent.message_key == "scan.accepted.send_out"
    assert "金彩相册厂" in sent.message
    item = _item(engine, "100000000001")
    assert item.vendor_id == studio.vendor_ids["金彩相册厂"]
    assert item.expected_return == date(2026, 3, 12)  # 10 days' turnaround
    assert item.updated_by == "小李"
    assert _order(engine, "A001").next_due_back == date(2026, 3, 12)

    clock.advance(days=9)
    back = service.scan(studio.session("check-in"), "100000000001")
    assert (back.outcome, back.item_state, back.order_progress) == (
        ScanOutcome.ACCEPTED,
        "ready",
        "partly_ready",
    )
    assert _order(engine, "A001").next_due_back is None

    picked = service.scan(studio.session("pickup", operator="小张"), "100000000001")
    assert (picked.outcome, picked.item_state, picked.order_progress) == (
        ScanOutcome.ACCEPTED,
        "picked_up",
        "partly_picked_up",
    )
    assert _item(engine, "100000000001").picked_up_at == clock.now

    log = _log(engine)
    assert [(r.station, r.outcome, r.from_state, r.to_state, r.operator_name) for r in log] == [
        ("send-out", "accepted", "registered", "sent_out", "小李"),
        ("check-in", "accepted", "sent_out", "ready", "小李"),
        ("pickup", "accepted", "ready", "picked_up", "小张"),
    ]
    assert all(r.workstation == "pc-1" for r in log)


def test_send_out_opens_one_batch_per_vendor_per_session(studio, service, engine):
    studio.add_order("A002", ["C1", "C2", "C3"])
    session = studio.session("send-out")
    for code in ("C1", "C2"):
        assert service.scan(session, code).outcome is ScanOutcome.ACCEPTED
    other = studio.session("send-out", vendor="晶典水晶")
    assert service.scan(other, "C3").outcome is ScanOutcome.ACCEPTED
    with engine.connect() as conn:
        batches = conn.execute(select(SendOutBatch.id, SendOutBatch.vendor_id)).all()
        batch_of = dict(conn.execute(select(Item.code, Item.batch_id)).all())
    assert len(batches) == 2
    assert batch_of["C1"] == batch_of["C2"] != batch_of["C3"]
    assert _item(engine, "C3").vendor_id == studio.vendor_ids["晶典水晶"]


def test_a_repeat_within_three_seconds_is_one_scan(studio, service, engine, clock):
    studio.add_order("A003", ["D1"])
    session = studio.session("send-out")
    assert service.scan(session, "D1").outcome is ScanOutcome.ACCEPTED
    clock.advance(seconds=1.5)
    repeat = service.scan(session, "d1 ")
    assert repeat.outcome is ScanOutcome.DUPLICATE
    assert (repeat.item_state, repeat.order_no) == ("sent_out", "A003")
    clock.advance(seconds=5)
    later = service.scan(session, "D1")
    assert later.outcome is ScanOutcome.REFUSED
    assert later.message_key == "refused.already_sent_out"
    assert [r.outcome for r in _log(engine, "D1")] == ["accepted", "duplicate", "refused"]
    assert _item(engine, "D1").state == "sent_out"


def test_a_repeat_from_another_pc_is_not_a_duplicate_but_a_refusal(studio, service):
    studio.add_order("A004", ["E1"])
    service.scan(studio.session("send-out"), "E1")
    service.scan(studio.session("check-in", workstation="pc-1"), "E1")
    other = service.scan(studio.session("check-in", workstation="pc-2"), "E1")
    assert other.outcome is ScanOutcome.REFUSED
    assert other.message_key == "refused.already_checked_in"


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("NOPE-123", "refused.unknown_code"),
        ("   ", "code.empty"),
        ("条码", "code.not_ascii"),
        ("X" * 300, "code.too_long"),
    ],
)
def test_bad_codes_are_refused_and_still_logged(studio, service, engine, raw, key):
    result = service.scan(studio.session("check-in"), raw)
    assert result.outcome is ScanOutcome.REFUSED
    assert result.message_key == key
    assert result.item_state is None
    assert result.order_no is None
    log = _log(engine)
    assert len(log) == 1
    assert log[0].outcome == "refused"
    assert log[0].message == result.message


def test_full_width_scan_from_an_input_method_finds_the_item(studio, service):
    studio.add_order("A005", ["AB12"])
    result = service.scan(studio.session("send-out"), "ａｂ１２")
    assert (result.code, result.outcome) == ("AB12", ScanOutcome.ACCEPTED)


def test_pickup_of_an_item_at_the_vendor_says_where_it_is(studio, service):
    studio.add_order("A006", ["F1"])
    service.scan(studio.session("send-out"), "F1")
    result = service.scan(studio.session("pickup", operator="小张"), "F1")
    assert result.outcome is ScanOutcome.REFUSED
    assert result.message_key == "refused.pickup_at_vendor"
    assert "金彩相册厂" in result.message  # where it is
    assert "2026-03-12" in result.message  # and when it is due back


def test_send_out_without_any_vendor_is_refused(studio, service, engine):
    studio.add_order("A007", ["G1"], vendor=None)
    result = service.scan(studio.session("send-out"), "G1")
    assert result.message_key == "refused.no_vendor"
    assert _item(engine, "G1").state == "registered"


def test_roles_limit_stations_in_the_service(studio, service, engine):
    studio.add_order("A008", ["H1"])
    result = service.scan(studio.session("send-out", operator="小张"), "H1")
    assert result.message_key == "refused.not_permitted"
    assert _item(engine, "H1").state == "registered"


def test_rework_and_second_send_out(studio, service, engine, clock):
    studio.add_order("A009", ["R1"])
    service.scan(studio.session("send-out"), "R1")
    service.scan(studio.session("check-in"), "R1")
    flagged = service.apply(studio.session("check-in"), "R1", Action.FLAG_REWORK, detail="划痕")
    assert (flagged.outcome, flagged.item_state, flagged.order_progress) == (
        ScanOutcome.ACCEPTED,
        "rework",
        "in_production",
    )
    clock.advance(seconds=10)
    again = service.scan(studio.session("send-out"), "R1")
    assert again.item_state == "sent_out"
    item = _item(engine, "R1")
    assert item.rework_count == 1
    assert item.returned_at is None
    assert _log(engine, "R1")[2].detail == "划痕"


def test_cancelled_items_are_refused_and_leave_progress(studio, service):
    studio.add_order("A010", ["K1", "K2"])
    service.scan(studio.session("send-out"), "K1")
    service.scan(studio.session("check-in"), "K1")
    cancelled = service.apply(studio.session("check-in", operator="王店长"), "K2", Action.CANCEL)
    assert cancelled.order_progress == "ready"
    result = service.scan(studio.session("send-out"), "K2")
    assert result.message_key == "refused.cancelled"


def test_the_scan_log_refuses_updates_and_deletes(studio, service, engine):
    service.scan(studio.session("check-in"), "UNKNOWN1")
    for statement in ("UPDATE scan_log SET message = 'x'", "DELETE FROM scan_log"):
        with pytest.raises(Exception, match="append-only"), engine.begin() as conn:
            conn.execute(text(statement))
    assert len(_log(engine)) == 1


def test_english_messages(studio, engine, clock):
    service = ScanService(engine, clock=clock, lang="en")
    result = service.scan(studio.session("check-in"), "NOPE")
    assert result.message == "Unknown code: NOPE"


def test_turnaround_per_product_and_working_days(studio, engine, clock, db_url) -> None:
    from yinglou_desk.services.settings.studio import save_settings

    from .helpers.cli import run_cli

    studio.add_order("T-1", ["TP1", "TP2"])
    run = run_cli(
        "vendor",
        "add",
        "金彩相册厂",
        "--turnaround-days",
        "3",
        "--product",
        "大相册",
        "--db",
        db_url,
    )
    assert run.code == 0, run.err
    service = ScanService(engine, clock=clock)  # Monday 2 March 2026
    service.scan(studio.session("send-out"), "TP1")
    assert _item(engine, "TP1").expected_return == date(2026, 3, 5)  # 3 days for albums
    save_settings(engine, {"working_days": True}, actor=command_line_actor())
    later = ScanService(engine, clock=clock)
    clock.advance(days=3)  # Thursday
    later.scan(studio.session("send-out"), "TP2")
    assert _item(engine, "TP2").expected_return == date(2026, 3, 10)  # skips the weekend


# -- a hand-over is whole ---------------------------------------------------------------------


def _ready(studio, service, codes):
    for station in ("send-out", "check-in"):
        for code in codes:
            assert service.scan(studio.session(station), code).outcome is ScanOutcome.ACCEPTED


def test_a_hand_over_with_one_refused_item_hands_over_nothing(studio, service, engine):
    codes = ["800000000001", "800000000002", "800000000003"]
    studio.add_order("H001", codes)
    _ready(studio, service, codes[:2])  # the third is still registered
    before = _order(engine, "H001").progress

    handed = service.apply_all(studio.session("pickup", operator="小张"), codes, Action.PICK_UP)

    assert not handed.done
    assert [r.code for r in handed.refused] == ["800000000003"]
    assert handed.refused[0].message_key == "refused.pickup_not_sent"
    assert {r.message_key for r in handed.results[:2]} == {"refused.all_or_none"}
    assert [_item(engine, c).state for c in codes] == ["ready", "ready", "registered"]
    assert _order(engine, "H001").progress == before
    pickups = [r for r in _log(engine) if r.action == "pick_up"]
    assert [(r.code, r.outcome) for r in pickups] == [("800000000003", "refused")]


def test_a_hand_over_that_fails_part_way_leaves_nothing_handed_over(
    studio, service, engine, monkeypatch
):
    """An error after the first items were written (the third item's order refresh
    fails) rolls the whole hand-over back."""
    import yinglou_desk.services.scanning.service as scanning

    codes = ["800000000001", "800000000002", "800000000003"]
    studio.add_order("H001", codes)
    _ready(studio, service, codes)
    real_refresh = scanning.refresh_order
    calls = []

    def refresh(conn, order_id, now):
        calls.append(order_id)
        if len(calls) == 3:
            raise RuntimeError("power cut")
        return real_refresh(conn, order_id, now)

    monkeypatch.setattr(scanning, "refresh_order", refresh)
    with pytest.raises(RuntimeError):
        service.apply_all(studio.session("pickup", operator="小张"), codes, Action.PICK_UP)
    assert [_item(engine, c).state for c in codes] == ["ready"] * 3
    assert not [r for r in _log(engine) if r.action == "pick_up"]


def test_a_whole_hand_over_goes_through_in_one_transaction(studio, service, engine):
    codes = ["800000000001", "800000000002"]
    studio.add_order("H001", codes)
    _ready(studio, service, codes)
    handed = service.apply_all(
        studio.session("pickup", operator="小张"), [*codes, codes[0]], Action.PICK_UP
    )
    assert handed.done
    assert len(handed.results) == 2
    assert not handed.refused
    assert [_item(engine, c).state for c in codes] == ["picked_up"] * 2
    assert _order(engine, "H001").progress == "completed"


# -- who may scan, and what may be logged ------------------------------------------------------


def test_an_operator_disabled_on_another_pc_scans_no_more(studio, service, engine, clock):
    from yinglou_desk.services.staff.operators import disable_operator

    studio.add_order("D001", ["810000000001", "810000000002"])
    session = studio.session("send-out")
    assert service.scan(session, "810000000001").outcome is ScanOutcome.ACCEPTED
    disable_operator(engine, "小李", clock=clock, actor=command_line_actor())
    for code in ("810000000002", "NO-SUCH-CODE"):
        refused = service.scan(session, code)
        assert refused.outcome is ScanOutcome.REFUSED
        assert refused.message_key == "refused.operator_disabled"
    assert _item(engine, "810000000002").state == "registered"
    assert _log(engine, "810000000002")[-1].outcome == "refused"


def test_a_code_with_control_characters_is_refused_and_logged_readably(studio, service, engine):
    """PostgreSQL refuses a NUL character in text: the logged code shows it as an escape."""
    result = service.scan(studio.session("send-out"), "AB\x00\ufffdC")
    assert result.outcome is ScanOutcome.REFUSED
    assert result.message_key == "code.not_ascii"
    assert result.code == "AB\\x00\ufffdC"
    assert _log(engine)[-1].code == "AB\\x00\ufffdC"
