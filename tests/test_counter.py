"""The hand-over at the counter: the money settled, the items, the proof — all or nothing.

On SQLite and PostgreSQL. The rule: a hand-over goes through only when nothing is owed
after what is taken and waived now; every other way of picking up (a scan at the pickup
station, items ticked in 查件) is refused while the order owes money.
"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select, update

from yinglou_desk.domain.money import PaymentKind, PaymentMethod
from yinglou_desk.domain.states import Action, ScanOutcome
from yinglou_desk.services.orders.privacy import erase_customer, export_customer
from yinglou_desk.services.pickup.counter import (
    BalanceOwed,
    Collector,
    CounterError,
    PaymentIn,
    Waiver,
    collect,
    handovers_of,
    may_waive,
)
from yinglou_desk.services.pickup.handover import hand_over
from yinglou_desk.services.pickup.ticking import apply_many
from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.storage.tables import (
    audit_log,
    handover_collectors,
    handover_items,
    handovers,
    items,
    orders,
    payments,
    scan_log,
)

from .helpers.studio import make_studio

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


@pytest.fixture
def studio(engine, clock):
    return make_studio(engine, clock)


@pytest.fixture
def service(engine, clock):
    return ScanService(engine, clock=clock, lang="zh")


def _ready_order(studio, service, order_no, codes, *, missing=(), price=None, imported=0):
    """An order whose ``codes`` are ready and ``missing`` still at the lab, with a price
    and what was paid before the program knew the order."""
    order_id = studio.add_order(order_no, [*codes, *missing])
    for code in [*codes, *missing]:
        service.scan(studio.session("send-out"), code)
    for code in codes:
        service.scan(studio.session("check-in"), code)
    with write_transaction(studio.engine) as conn:
        if price is not None:
            conn.execute(update(orders).where(orders.c.id == order_id).values(price_fen=price))
        if imported:
            conn.execute(
                payments.insert().values(
                    order_id=order_id,
                    at=studio.clock(),
                    kind=PaymentKind.IMPORTED.value,
                    amount_fen=imported,
                    operator_name="import",
                    workstation="pc-0",
                )
            )
    return order_id


def _count(engine, table, *where):
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one()


def _states(engine, codes):
    with engine.connect() as conn:
        rows = conn.execute(select(items.c.code, items.c.state).where(items.c.code.in_(codes)))
        return dict(rows.all())


def _nothing_recorded(engine, codes):
    assert set(_states(engine, codes).values()) == {"ready"}
    assert _count(engine, handovers) == 0
    assert _count(engine, payments, payments.c.kind != PaymentKind.IMPORTED.value) == 0


def test_an_order_without_a_price_is_handed_over_with_its_receipt_record(studio, service, engine):
    _ready_order(studio, service, "C-1", ["C1A", "C1B"], missing=["C1C"])
    desk = studio.session("pickup", "小张")

    done = collect(service, desk, "C-1")

    assert done.handed.done
    assert sorted(r.code for r in done.handed.results) == ["C1A", "C1B"]
    assert done.handover_id is not None
    assert done.paid == 0
    assert done.balance_after is None
    assert _states(engine, ["C1A", "C1B", "C1C"]) == {
        "C1A": "picked_up",
        "C1B": "picked_up",
        "C1C": "sent_out",
    }
    (view,) = handovers_of(engine, "C-1")
    assert view.id == done.handover_id
    assert view.receipt_no == f"QJ{done.handover_id:08d}"
    assert view.item_codes == ["C1A", "C1B"]
    assert (view.operator, view.workstation) == ("小张", "pc-1")
    assert view.balance_after is None
    assert view.collector_name is None
    with engine.connect() as conn:
        audited = conn.execute(select(audit_log.c.action, audit_log.c.operator_name)).all()
    assert ("pickup.handover", "小张") in audited


def test_a_balance_is_refused_naming_the_sum_and_nothing_is_recorded(studio, service, engine):
    _ready_order(studio, service, "C-2", ["C2A"], price=138000, imported=38000)
    desk = studio.session("pickup", "小张")

    with pytest.raises(BalanceOwed) as owed:
        collect(service, desk, "C-2")
    assert owed.value.key == "counter.balance_owed"
    assert owed.value.due == 100000
    assert owed.value.params == {"order_no": "C-2", "amount": "1,000.00"}
    _nothing_recorded(engine, ["C2A"])

    # A partial payment at the hand-over still leaves money owed: refused, with what is left.
    with pytest.raises(BalanceOwed) as partial:
        collect(service, desk, "C-2", payment=PaymentIn(60000, PaymentMethod.CASH))
    assert partial.value.due == 40000
    _nothing_recorded(engine, ["C2A"])


def test_the_whole_balance_paid_hands_over_and_records_the_payment(studio, service, engine):
    order_id = _ready_order(studio, service, "C-3", ["C3A", "C3B"], price=100000, imported=30050)
    desk = studio.session("pickup", "小张", workstation="前台")

    done = collect(service, desk, "C-3", payment=PaymentIn(69950, PaymentMethod.WECHAT, "WX-42"))

    assert done.handed.done
    assert done.paid == 69950
    assert done.balance_after == 0
    with engine.connect() as conn:
        paid = conn.execute(select(payments).where(payments.c.kind == "payment")).one()
        handover = conn.execute(select(handovers)).one()
        taken = conn.execute(select(handover_items.c.item_id)).scalars().all()
    assert (paid.order_id, paid.amount_fen, paid.method, paid.reference) == (
        order_id,
        69950,
        "wechat",
        "WX-42",
    )
    assert (paid.operator_name, paid.workstation, paid.handover_id) == ("小张", "前台", handover.id)
    assert (handover.paid_fen, handover.balance_fen, handover.items) == (69950, 0, 2)
    assert len(taken) == 2
    (view,) = handovers_of(engine, "C-3")
    assert view.method is PaymentMethod.WECHAT
    assert view.paid == 69950


def test_a_partial_payment_with_a_managers_waiver_of_the_rest(studio, service, engine):
    _ready_order(studio, service, "C-4", ["C4A"], price=50000)
    desk = studio.session("pickup", "小张")
    manager = studio.operators["王店长"]

    done = collect(
        service,
        desk,
        "C-4",
        payment=PaymentIn(45000, PaymentMethod.CASH),
        waiver=Waiver(5000, "老客户抹零", manager),
    )

    assert done.handed.done
    assert done.balance_after == 0
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                payments.c.kind, payments.c.amount_fen, payments.c.approved_by, payments.c.reason
            ).order_by(payments.c.id)
        ).all()
    assert [tuple(r) for r in rows] == [
        ("payment", 45000, None, None),
        ("waiver", 5000, "王店长", "老客户抹零"),
    ]
    assert handovers_of(engine, "C-4")[0].waived == 5000


@pytest.mark.parametrize(
    ("payment", "waiver", "key"),
    [
        (PaymentIn(0, PaymentMethod.CASH), None, "counter.amount_not_positive"),
        (PaymentIn(-100, PaymentMethod.CASH), None, "counter.amount_not_positive"),
        (PaymentIn(60000, PaymentMethod.CARD), None, "counter.overpaying"),
        (None, Waiver(50000, "  ", "manager"), "counter.waiver_reason_needed"),
        (None, Waiver(50000, "熟人", "desk"), "counter.waiver_not_permitted"),
        (
            PaymentIn(10000, PaymentMethod.CASH),
            Waiver(50000, "熟人", "manager"),
            "counter.waiver_too_much",
        ),
    ],
)
def test_bad_money_is_refused_by_key_and_changes_nothing(
    studio, service, engine, payment, waiver, key
):
    _ready_order(studio, service, "C-5", ["C5A"], price=50000)
    if waiver is not None:  # the role named in the case, as a real operator
        who = {"manager": "王店长", "desk": "小张"}[waiver.approved_by]
        waiver = Waiver(waiver.amount, waiver.reason, studio.operators[who])
    with pytest.raises(CounterError) as refused:
        collect(service, studio.session("pickup", "小张"), "C-5", payment=payment, waiver=waiver)
    assert refused.value.key == key
    _nothing_recorded(engine, ["C5A"])


def test_only_managers_and_admins_may_waive():
    assert [may_waive(r) for r in ("sorter", "desk", "manager", "admin")] == [
        False,
        False,
        True,
        True,
    ]


def test_a_payment_on_an_order_without_a_price_is_recorded(studio, service, engine):
    _ready_order(studio, service, "C-6", ["C6A", "C6B"])
    done = collect(
        service,
        studio.session("pickup", "小张"),
        "C-6",
        codes=["C6A"],
        payment=PaymentIn(2000, PaymentMethod.ALIPAY),
    )
    assert done.handed.done
    assert done.paid == 2000
    assert done.balance_after is None
    assert _count(engine, payments, payments.c.kind == "payment") == 1
    with pytest.raises(CounterError) as nothing:  # and there is nothing to waive on it
        collect(
            service,
            studio.session("pickup", "小张"),
            "C-6",
            codes=["C6B"],
            waiver=Waiver(100, "x", studio.operators["王店长"]),
        )
    assert nothing.value.key == "counter.nothing_to_waive"


def test_refusals_before_anything_is_tried(studio, service, engine):
    _ready_order(studio, service, "C-7", ["C7A"], missing=["C7B"])
    studio.add_order("C-8", ["C8A"])
    desk = studio.session("pickup", "小张")
    cases = [
        ({"order_no": "NO-SUCH"}, "counter.unknown_order"),
        ({"order_no": "C-8"}, "counter.nothing_ready"),
        ({"order_no": "C-7", "codes": ["C7A", "C8A"]}, "counter.not_of_order"),
        ({"order_no": "C-7", "codes": []}, "counter.nothing_ready"),
        ({"order_no": "C-7", "collector": Collector("李四", None)}, "counter.collector_incomplete"),
        ({"order_no": "C-7", "collector": Collector("李四", "12")}, "counter.phone_bad"),
        (
            {"order_no": "C-7", "collector": Collector(signature_png=b"GIF89a")},
            "counter.signature_not_png",
        ),
    ]
    for kwargs, key in cases:
        order_no = kwargs.pop("order_no")
        with pytest.raises(CounterError) as refused:
            collect(service, desk, order_no, **kwargs)
        assert refused.value.key == key, kwargs
    _nothing_recorded(engine, ["C7A"])


def test_an_item_not_ready_stops_the_whole_hand_over(studio, service, engine):
    _ready_order(studio, service, "C-9", ["C9A"], missing=["C9B"])
    done = collect(service, studio.session("pickup", "小张"), "C-9", codes=["C9A", "C9B"])
    assert not done.handed.done
    assert done.handover_id is None
    assert {r.message_key for r in done.handed.refused} == {"refused.pickup_at_vendor"}
    _nothing_recorded(engine, ["C9A"])


def test_a_collector_and_signature_are_recorded_and_erased_with_the_customer(
    studio, service, engine
):
    _ready_order(studio, service, "C-10", ["CXA"])
    done = collect(
        service,
        studio.session("pickup", "小张"),
        "C-10",
        collector=Collector("李四", "139 0000 2222", PNG),
    )
    (view,) = handovers_of(engine, "C-10")
    assert (view.collector_name, view.collector_phone, view.has_signature) == (
        "李四",
        "139 0000 2222",
        True,
    )

    exported = export_customer(engine, "C-10", studio.operators["小张"])
    assert [(h["collector_name"], h["signed"]) for h in exported["handovers"]] == [("李四", True)]

    erase_customer(engine, "C-10", studio.operators["王店长"])

    with engine.connect() as conn:
        row = conn.execute(
            select(handover_collectors).where(handover_collectors.c.handover_id == done.handover_id)
        ).one()
    assert (row.collector_name, row.collector_phone, row.signature_png) == (None, None, None)
    assert _count(engine, handovers) == 1  # the hand-over itself stays


def test_a_pickup_scan_or_tick_of_an_order_that_owes_is_refused_and_logged(studio, service, engine):
    _ready_order(studio, service, "C-11", ["CBA", "CBB"], price=20000)
    desk = studio.session("pickup", "小张")

    scanned = service.scan(desk, "CBA")
    assert scanned.outcome is ScanOutcome.REFUSED
    assert scanned.message_key == "counter.balance_owed"
    assert "200.00" in scanned.message

    ticked = apply_many(service, desk, ["CBA", "CBB"], Action.PICK_UP)
    assert {r.message_key for r in ticked} == {"counter.balance_owed"}
    _nothing_recorded(engine, ["CBA", "CBB"])
    with engine.connect() as conn:
        logged = conn.execute(
            select(scan_log.c.code, scan_log.c.outcome).where(
                scan_log.c.station == "pickup", scan_log.c.outcome == "refused"
            )
        ).all()
    assert {tuple(r) for r in logged} == {("CBA", "refused"), ("CBB", "refused")}
    assert len(logged) == 3  # the scan, and each ticked item


def test_pickups_without_money_owed_are_hand_overs_too(studio, service, engine):
    _ready_order(studio, service, "C-12", ["CCA"])
    _ready_order(studio, service, "C-13", ["CDA", "CDB"], price=10000, imported=10000)
    desk = studio.session("pickup", "小张")

    assert service.scan(desk, "CCA").outcome is ScanOutcome.ACCEPTED
    assert hand_over(service, desk, ["CDA", "CDB"]).done

    (scanned,) = handovers_of(engine, "C-12")
    (ticked,) = handovers_of(engine, "C-13")
    assert scanned.item_codes == ["CCA"]
    assert scanned.balance_after is None
    assert ticked.item_codes == ["CDA", "CDB"]
    assert ticked.balance_after == 0


def test_two_pcs_handing_over_the_same_order_at_once_record_one_hand_over(studio, engine, clock):
    _ready_order(studio, ScanService(engine, clock=clock), "C-14", ["CEA", "CEB"], price=30000)
    start = threading.Barrier(2)
    outcomes: list[object] = []
    lock = threading.Lock()

    def desk(pc: str) -> None:
        service = ScanService(engine, clock=clock)  # each PC has its own service
        session = studio.session("pickup", "小张", workstation=pc)
        start.wait()
        try:
            outcome: object = collect(
                service, session, "C-14", payment=PaymentIn(30000, PaymentMethod.CASH)
            )
        except CounterError as refused:
            outcome = refused
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=desk, args=(pc,)) for pc in ("pc-A", "pc-B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    done = [o for o in outcomes if getattr(getattr(o, "handed", None), "done", False)]
    assert len(outcomes) == 2
    assert len(done) == 1
    (other,) = [o for o in outcomes if o not in done]
    # The other PC either found its items gone, or found nothing ready any more.
    if isinstance(other, CounterError):
        assert other.key == "counter.nothing_ready"
    else:
        assert not other.handed.done  # type: ignore[attr-defined]
    assert _count(engine, handovers) == 1
    assert _count(engine, payments, payments.c.kind == "payment") == 1
    assert set(_states(engine, ["CEA", "CEB"]).values()) == {"picked_up"}


def test_two_pcs_taking_the_balance_for_different_items_take_it_once(studio, engine, clock):
    """Each PC hands over another item of the same order and takes the whole balance:
    the second one, waiting on the order's lock, sees the first payment and is refused."""
    _ready_order(studio, ScanService(engine, clock=clock), "C-15", ["CFA", "CFB"], price=30000)
    start = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def desk(pc: str, code: str) -> None:
        service = ScanService(engine, clock=clock)
        session = studio.session("pickup", "小张", workstation=pc)
        start.wait()
        try:
            outcomes[pc] = collect(
                service, session, "C-15", codes=[code], payment=PaymentIn(30000, PaymentMethod.CASH)
            )
        except CounterError as refused:
            outcomes[pc] = refused

    threads = [
        threading.Thread(target=desk, args=(pc, code))
        for pc, code in (("pc-A", "CFA"), ("pc-B", "CFB"))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    refused = [o for o in outcomes.values() if isinstance(o, CounterError)]
    assert len(outcomes) == 2
    assert [r.key for r in refused] == ["counter.overpaying"]
    assert _count(engine, payments, payments.c.kind == "payment") == 1
    assert _count(engine, handovers) == 1
    assert sorted(_states(engine, ["CFA", "CFB"]).values()) == ["picked_up", "ready"]
