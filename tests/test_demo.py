"""Demo data: realistic, consistent with the rules, repeatable."""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import func, select

from yinglou_desk.demo.studio import generate_demo
from yinglou_desk.domain.progress import progress_of_states
from yinglou_desk.domain.states import ItemState
from yinglou_desk.services.orders.query import find_orders
from yinglou_desk.storage.models import Item, Notification, Operator, Order, ScanLog


def test_demo_data_is_consistent(engine, clock) -> None:
    report = generate_demo(engine, 400, seed=3, clock=clock)
    assert report.orders == 400
    assert report.items > 2000
    with engine.connect() as conn:
        states = Counter(conn.execute(select(Item.state)).scalars())
        assert set(states) == {s.value for s in ItemState}
        items_by_order = defaultdict(list)
        for order_id, state in conn.execute(select(Item.order_id, Item.state)):
            items_by_order[order_id].append(ItemState(state))
        for order_id, progress in conn.execute(select(Order.id, Order.progress)):
            assert progress == progress_of_states(items_by_order[order_id]).value
        codes = conn.execute(select(func.count(func.distinct(Item.code)))).scalar_one()
        assert codes == report.items
        sent = conn.execute(select(func.count()).where(Item.sent_at.is_not(None))).scalar_one()
        logged = conn.execute(
            select(func.count(func.distinct(ScanLog.item_id))).where(ScanLog.action == "send_out")
        ).scalar_one()
        assert sent == logged
        assert conn.execute(select(func.count()).select_from(Operator)).scalar_one() == 4


def test_demo_can_run_twice_and_is_searchable(engine) -> None:
    generate_demo(engine, 20, seed=1)
    second = generate_demo(engine, 20, seed=1)
    assert second.operators_created == []
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Order)).scalar_one() == 40
    order = find_orders(engine, "DM0000000001")[0]
    assert order.items
    assert order.customer


def test_demo_history_includes_the_messages_already_sent(engine, clock) -> None:
    from yinglou_desk.services.notifications.due import due_lists

    generate_demo(engine, 300, seed=5, clock=clock)
    with engine.connect() as conn:
        states = Counter(conn.execute(select(Notification.state)).scalars())
    assert states["sent"] > 50
    lists = due_lists(engine, clock)
    # Everything ready more than a day ago was told; only the fresh ones wait.
    assert len(lists.ready_not_notified) == states["queued"]


def test_demo_orders_on_the_shelf_each_hold_their_own_slot(engine, clock) -> None:
    """The demo's shelf looks like one a check-in filled: one slot per order, recorded, so
    the next check-in on the desk is given a slot nobody's items are in."""
    from yinglou_desk.services.scanning.shelving import OVERFLOW, free_slots
    from yinglou_desk.storage.models import ShelfSlot

    generate_demo(engine, 2000, seed=3, clock=clock)  # more orders waiting than slots
    generate_demo(engine, 50, seed=4, clock=clock)  # a second run adds to the same shelf
    with engine.connect() as conn:
        held = dict(conn.execute(select(ShelfSlot.slot, ShelfSlot.order_id)).all())
        on_shelf = conn.execute(
            select(Item.shelf_slot, Item.order_id).where(Item.state == ItemState.READY.value)
        ).all()
        assert on_shelf
        orders_in: defaultdict[str, set[int]] = defaultdict(set)
        for slot, order_id in on_shelf:
            orders_in[slot].add(order_id)
        for slot, orders in orders_in.items():
            if slot != OVERFLOW:
                assert orders == {held[slot]}, slot
        next_slot = next(free_slots(conn), OVERFLOW)
    assert next_slot != OVERFLOW  # the desk's first check-in finds an empty slot
    assert next_slot not in orders_in


def test_demo_history_is_the_staffs_and_never_later_than_now(engine, clock, tmp_path) -> None:
    """The demo's scans were all 管理员's (an empty staff chart) and some dated later today."""
    from yinglou_desk.services.reports.figures import figures
    from yinglou_desk.storage import tables
    from yinglou_desk.storage.engine import make_engine
    from yinglou_desk.storage.migrate import upgrade

    generate_demo(engine, 300, seed=1, clock=clock)
    now = clock()
    moments = {
        tables.scan_log: ("at",),
        tables.items: ("sent_at", "returned_at", "picked_up_at", "updated_at"),
        tables.orders: ("created_at", "updated_at"),
        tables.customers: ("created_at",),
        tables.notifications: ("created_at", "sent_at", "next_attempt_at"),
        tables.shelf_slots: ("taken_at",),
    }
    with engine.connect() as conn:
        for table, columns in moments.items():
            for column in columns:
                later = select(func.count()).where(table.c[column] > now)
                assert conn.execute(later).scalar_one() == 0, f"{table.name}.{column}"
        by_who = Counter(
            (who, action)
            for who, action in conn.execute(select(ScanLog.operator_name, ScanLog.action))
        )
    assert not any(who == "管理员" for who, _action in by_who)
    for action in ("send_out", "check_in"):
        assert by_who[("小李", action)] > 3 * by_who[("王店长", action)] > 0
        assert by_who[("小张", action)] == 0
    assert by_who[("小张", "pick_up")] > 3 * by_who[("王店长", "pick_up")] > 0
    assert by_who[("小李", "pick_up")] == 0
    found = figures(engine, clock, 365)
    assert set(found.scans_per_operator()) == {"小李", "小张", "王店长"}
    assert len(found.rework_by_reason) > 1  # reworks say why, as sorters type it

    again = make_engine(f"sqlite:///{tmp_path / 'again.db'}")  # same seed, same clock
    upgrade(again)
    generate_demo(again, 300, seed=1, clock=clock)

    def history(db):
        with db.connect() as conn:
            return conn.execute(
                select(ScanLog.at, ScanLog.code, ScanLog.action, ScanLog.operator_name).order_by(
                    ScanLog.id
                )
            ).all()

    assert history(again) == history(engine)
    again.dispose()
