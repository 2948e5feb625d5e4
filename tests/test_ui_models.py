"""Every table model of the desk through pytest-qt's model tester, and the board's lazy paging."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, Qt

from yinglou_desk.domain.palette import STATE_COLOURS
from yinglou_desk.services.orders.board import BoardFilter, order_timeline
from yinglou_desk.services.orders.query import find_orders
from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.ui.models.board_model import COLUMNS as BOARD_COLUMNS
from yinglou_desk.ui.models.board_model import BoardModel
from yinglou_desk.ui.models.items_model import ItemsModel
from yinglou_desk.ui.models.scans_model import ScansModel
from yinglou_desk.ui.models.timeline_model import TimelineModel

pytest_plugins = ["tests.helpers.desk_fixtures"]


@pytest.fixture
def busy_studio(ui_studio, ui_engine, clock):
    """Three orders in different states; one of them overdue at the vendor."""
    service = ScanService(ui_engine, clock=clock)
    ui_studio.add_order("M001", ["800000000001", "800000000002"])
    ui_studio.add_order("M002", ["800000000003"], customer="李雷", phone="13900139000")
    ui_studio.add_order("M003", ["800000000004"], customer="韩梅梅", phone="13700137000")
    service.scan(ui_studio.session("send-out"), "800000000001")
    service.scan(ui_studio.session("send-out", vendor="晶典水晶"), "800000000003")
    service.scan(ui_studio.session("check-in"), "800000000003")
    service.scan(ui_studio.session("check-in"), "NOT-A-CODE")  # refused, logged
    clock.advance(days=20)  # M001's album is now overdue
    return ui_studio


@pytest.mark.usefixtures("busy_studio")
def test_items_model(qtmodeltester, ui_engine):
    model = ItemsModel()
    model.set_orders(find_orders(ui_engine, "M001", today=date(2026, 3, 22)))
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    state = model.index(0, 5)
    assert state.data() == "在厂商（逾期）"
    assert state.data(Qt.ItemDataRole.BackgroundRole).name().upper() == STATE_COLOURS["overdue"][0]


def test_scans_model(qtmodeltester, busy_studio, ui_engine, clock):
    service = ScanService(ui_engine, clock=clock)
    model = ScansModel()
    model.add(service.scan(busy_studio.session("send-out"), "800000000002"))
    model.add(service.scan(busy_studio.session("send-out"), "NOPE"))
    qtmodeltester.check(model)
    assert model.accepted_count() == 1
    assert model.index(0, 1).data() == "拒绝"
    colour = model.index(0, 1).data(Qt.ItemDataRole.BackgroundRole).name().upper()
    assert colour == STATE_COLOURS["problem"][0]


@pytest.mark.usefixtures("busy_studio")
def test_timeline_model(qtmodeltester, ui_engine):
    with ui_engine.connect() as conn:
        order_id = conn.exec_driver_sql("SELECT id FROM orders WHERE order_no='M002'").scalar()
        rows = order_timeline(conn, order_id)
    model = TimelineModel()
    model.set_rows(rows)
    qtmodeltester.check(model)
    assert [model.index(r, 4).data() for r in range(model.rowCount())] == ["发件", "回件"]
    assert model.index(0, 1).data() == "小李"


def _wait_loaded(qtbot, model):
    qtbot.waitUntil(lambda: not model.is_loading() and model.total is not None, timeout=10000)


@pytest.mark.usefixtures("busy_studio")
def test_board_model(qtmodeltester, qtbot, ctx):
    model = BoardModel(ctx.ops, ctx.engine, ctx.clock)
    model.reload()
    _wait_loaded(qtbot, model)
    qtmodeltester.check(model)
    assert model.total == 3
    progress_col = BOARD_COLUMNS.index("progress")
    by_no = {model.row_at(r).order_no: r for r in range(model.rowCount())}
    overdue = model.index(by_no["M001"], progress_col)
    assert overdue.data() == "制作中（逾期）"
    assert (
        overdue.data(Qt.ItemDataRole.BackgroundRole).name().upper() == STATE_COLOURS["overdue"][0]
    )
    ready = model.index(by_no["M002"], progress_col)
    assert ready.data(Qt.ItemDataRole.BackgroundRole).name().upper() == STATE_COLOURS["ready"][0]


def test_board_model_loads_page_by_page(qtbot, ctx, ui_studio):
    for n in range(12):
        ui_studio.add_order(f"L{n:03d}", [f"81000000{n:04d}"], phone=f"1380013{n:04d}")
    model = BoardModel(ctx.ops, ctx.engine, ctx.clock, page_size=5)
    model.reload()
    _wait_loaded(qtbot, model)
    assert model.rowCount() == 5  # only the first page is in memory
    assert model.total == 12
    assert model.canFetchMore(QModelIndex())
    assert model.row_at(0).order_no == "L011"  # newest first

    model.fetchMore(QModelIndex())
    _wait_loaded(qtbot, model)
    model.fetchMore(QModelIndex())
    _wait_loaded(qtbot, model)
    assert model.rowCount() == 12
    assert not model.canFetchMore(QModelIndex())
    assert len({model.row_at(r).order_no for r in range(12)}) == 12  # pages never overlap

    model.sort(BOARD_COLUMNS.index("order_no"), Qt.SortOrder.AscendingOrder)
    _wait_loaded(qtbot, model)
    assert [model.row_at(r).order_no for r in range(model.rowCount())] == [
        f"L{n:03d}" for n in range(5)
    ]


def test_board_filters(qtbot, ctx, busy_studio):
    model = BoardModel(ctx.ops, ctx.engine, ctx.clock)

    def shown(filt):
        model.set_filter(filt)
        _wait_loaded(qtbot, model)
        return sorted(model.row_at(r).order_no for r in range(model.rowCount()))

    assert shown(BoardFilter(overdue_only=True)) == ["M001"]
    assert shown(BoardFilter(pickup_due_only=True)) == ["M002"]
    assert shown(BoardFilter(progress="not_started")) == ["M003"]
    assert shown(BoardFilter(vendor_id=busy_studio.vendor_ids["晶典水晶"])) == ["M002"]
    assert shown(BoardFilter(vendor_id=busy_studio.vendor_ids["金彩相册厂"])) == ["M001", "M003"]
    assert model.total == 2


def test_the_board_counts_and_filters_completed_orders_too(
    qtbot, ctx, busy_studio, ui_engine, clock
):
    """全部 is every order — a studio's board once showed 661 of 2000 — and 已完成 is a
    progress like any other."""
    service = ScanService(ui_engine, clock=clock)
    busy_studio.add_order("M004", ["800000000005"])
    for station in ("send-out", "check-in"):
        service.scan(busy_studio.session(station), "800000000005")
    service.scan(busy_studio.session("pickup", operator="小张"), "800000000005")
    model = BoardModel(ctx.ops, ctx.engine, ctx.clock)

    def shown(filt):
        model.set_filter(filt)
        _wait_loaded(qtbot, model)
        return sorted(model.row_at(r).order_no for r in range(model.rowCount()))

    assert shown(BoardFilter(include_completed=True)) == ["M001", "M002", "M003", "M004"]
    assert model.total == 4
    assert shown(BoardFilter(progress="completed")) == ["M004"]
    assert model.total == 1
    assert shown(BoardFilter()) == ["M001", "M002", "M003"]  # open orders only
