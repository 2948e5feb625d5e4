"""看板 on both databases: 全部 counts every order, completed ones too; 已完成 filters them."""

from __future__ import annotations

from sqlalchemy import func, select

from yinglou_desk.services.orders.board import BoardFilter, SortKey, board_count, board_page
from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.storage.models import Order

from .helpers.studio import make_studio


def test_all_means_every_order_and_completed_is_a_choice(engine, clock) -> None:
    studio = make_studio(engine, clock)
    service = ScanService(engine, clock=clock)
    studio.add_order("B-OPEN", ["940000000001"])
    studio.add_order("B-DONE", ["940000000002"], customer="李雷", phone="13900139000")
    studio.add_order("B-EMPTY", [])  # an order whose items are not entered yet
    for station in ("send-out", "check-in"):
        service.scan(studio.session(station), "940000000002")
    service.scan(studio.session("pickup", operator="小张"), "940000000002")
    today = clock.today()

    def shown(filt: BoardFilter) -> list[str]:
        rows = board_page(engine, filt, today, 0, 50, SortKey.ORDER_NO, False)
        assert board_count(engine, filt, today) == len(rows)
        return [r.order_no for r in rows]

    with engine.connect() as conn:
        every = conn.execute(select(func.count()).select_from(Order)).scalar_one()
    assert shown(BoardFilter(include_completed=True)) == ["B-DONE", "B-EMPTY", "B-OPEN"]
    assert every == 3
    assert shown(BoardFilter(progress="completed")) == ["B-DONE"]
    assert shown(BoardFilter(progress="completed", include_completed=True)) == ["B-DONE"]
    assert shown(BoardFilter()) == ["B-EMPTY", "B-OPEN"]  # the open ones
