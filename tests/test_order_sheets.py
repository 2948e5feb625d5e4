"""Order sheets as studios keep them, imported on SQLite and PostgreSQL.

The files in tests/fixtures/orders were written by openpyxl and LibreOffice
(scripts/make_order_fixtures.py): a stale size tag, two stores' sheets beside
a notes sheet and a hidden one, order columns merged down over their items,
real error values, a GB18030 CSV with a title, and a studio's monthly export
twice — the second repeating the first with what changed in a month.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from yinglou_desk.services.orders.importing import import_orders
from yinglou_desk.services.scanning.order_status import refresh_order
from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.services.staff.audit import command_line_actor
from yinglou_desk.storage.models import Customer, Item, Order
from yinglou_desk.storage.tables import audit_log

from .helpers.clock import FakeClock, studio_time
from .helpers.studio import make_studio

FIXTURES = Path(__file__).parent / "fixtures" / "orders"
CLI = command_line_actor()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(studio_time(2026, 12, 1, 10))


def _counts(engine) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return tuple(  # type: ignore[return-value]
            conn.execute(select(func.count()).select_from(t)).scalar_one() for t in (Order, Item)
        )


def _items_of(engine, order_no: str) -> list[tuple[str, str, int]]:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        rows = conn.execute(
            select(Item.product, Customer.name, Item.qty)
            .join(Order, Order.id == Item.order_id)
            .join(Customer, Customer.id == Order.customer_id)
            .where(Order.order_no == order_no)
            .order_by(Item.id)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


def test_every_row_is_imported_whatever_the_size_tag_says(engine) -> None:
    report = import_orders(engine, FIXTURES / "stale_dimension.xlsx", actor=CLI)
    assert report.ok
    assert (report.orders, report.orders_new) == (10, 10)
    assert _counts(engine) == (10, 10)


def test_each_store_sheet_is_read_the_notes_skipped_and_the_hidden_left_alone(engine) -> None:
    report = import_orders(engine, FIXTURES / "two_stores.xlsx", actor=CLI)
    assert report.ok, [str(e) for e in report.errors]
    assert report.sheets_read == ["东门店", "西门店"]
    assert report.sheets_skipped == [("说明", "import.sheet_no_header")]
    assert report.hidden_sheets == ["旧单"]
    assert _counts(engine) == (6, 6)
    with engine.connect() as conn:
        assert conn.execute(select(Order.id).where(Order.order_no == "T099")).first() is None


def test_one_order_number_on_two_store_sheets_is_refused_naming_both(engine) -> None:
    report = import_orders(engine, FIXTURES / "two_stores_clash.xlsx", actor=CLI)
    assert not report.ok
    [clash] = [e for e in report.errors if e.key == "import.order_on_two_sheets"]
    assert (clash.sheet, clash.row, clash.column) == ("西门店", 3, "order_no")
    assert "东门店" in clash.message
    assert str(clash).startswith("工作表「西门店」第 3 行")
    assert _counts(engine) == (0, 0)


@pytest.mark.parametrize("name", ["merged_orders.xlsx", "merged_orders.xls", "merged_orders.ods"])
def test_order_columns_merged_over_their_items_reach_every_item(engine, name: str) -> None:
    report = import_orders(engine, FIXTURES / name, actor=CLI)
    assert report.ok, [str(e) for e in report.errors]
    assert (report.orders, report.items) == (2, 5)
    assert _items_of(engine, "T001") == [
        ("大相册", "客户1", 1),
        ("摆台", "客户1", 1),
        ("放大框画", "客户1", 2),
    ]
    assert _items_of(engine, "T002") == [("大相册", "客户2", 1), ("水晶", "客户2", 1)]


def test_a_blank_outside_any_merge_is_still_blank(engine) -> None:
    report = import_orders(engine, FIXTURES / "merged_orders_blank.xlsx", actor=CLI)
    assert [(e.row, e.column, e.key) for e in report.errors] == [(9, "customer", "sheets.required")]
    assert _counts(engine) == (0, 0)


@pytest.mark.parametrize("name", ["error_cells.xlsx", "error_cells.xls", "error_cells.ods"])
def test_error_cells_are_refused_where_they_are(engine, name: str) -> None:
    report = import_orders(engine, FIXTURES / name, actor=CLI)
    found = [(e.row, e.column, e.key) for e in report.errors]
    assert found == [
        (3, "customer", "sheets.cell.error_value"),
        (4, "notes", "sheets.cell.error_value"),
    ]
    assert "#N/A" in report.errors[0].message
    assert "#REF!" in report.errors[1].message
    assert _counts(engine) == (0, 0)


def test_a_gb18030_csv_with_a_title_line(engine) -> None:
    report = import_orders(engine, FIXTURES / "gb18030.csv", actor=CLI)
    assert report.ok, [str(e) for e in report.errors]
    assert _counts(engine) == (3, 3)
    assert _items_of(engine, "T002") == [("大相册", "客户2", 1)]


# -- a month later: the same export again, with what changed ---------------------------------


def _progress(engine, order_no: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """The order's stored progress, and what its items make of it (computed, not kept)."""
    with engine.connect() as conn:
        order_id, stored = conn.execute(
            select(Order.id, Order.progress).where(Order.order_no == order_no)
        ).one()
        derived = refresh_order(conn, order_id, studio_time(2026, 12, 2, 12)).progress.value
        conn.rollback()
    return stored, derived


def test_a_newer_export_adds_the_new_and_lists_the_changed_for_approval(engine, clock) -> None:
    studio = make_studio(engine, clock)
    assert import_orders(engine, FIXTURES / "month_1.xlsx", actor=CLI).ok
    assert _counts(engine) == (3, 4)
    with engine.connect() as conn:  # T002's album is back from the lab: the order is ready
        album = conn.execute(
            select(Item.code).join(Order, Order.id == Item.order_id).where(Order.order_no == "T002")
        ).scalar_one()
    service = ScanService(engine, clock=clock, lang="zh")
    for station in ("send-out", "check-in"):
        done = service.scan(studio.session(station, vendor="金彩相册厂"), album)
        assert done.outcome.value == "accepted", done.message
    ready, _ = _progress(engine, "T002")

    preview = import_orders(engine, FIXTURES / "month_2.xlsx", dry_run=True, actor=CLI)
    assert preview.ok
    assert (preview.orders_new, preview.items_added, preview.orders_unchanged) == (1, 1, 1)
    assert sorted((c.order_no, c.field, str(c.old), str(c.new)) for c in preview.changes) == [
        ("T002", "phone", "13800138002", "13700137000"),
        ("T003", "unit_cost", "160.00", "180.00"),
    ]

    waiting = import_orders(engine, FIXTURES / "month_2.xlsx", actor=CLI)
    assert waiting.needs_approval
    assert not waiting.to_json()["imported"]
    assert _counts(engine) == (3, 4)  # nothing at all without approval

    done = import_orders(engine, FIXTURES / "month_2.xlsx", apply_changes=True, actor=CLI)
    assert done.ok
    assert not done.needs_approval
    assert _counts(engine) == (4, 6)
    assert [p for p, *_ in _items_of(engine, "T002")] == ["大相册", "水晶"]
    stored, derived = _progress(engine, "T002")
    assert stored == derived != ready  # a new item still to make: no longer all ready
    with engine.connect() as conn:
        phone = conn.execute(
            select(Customer.phone)
            .join(Order, Order.customer_id == Customer.id)
            .where(Order.order_no == "T002")
        ).scalar_one()
        cost = conn.execute(
            select(Item.unit_cost)
            .join(Order, Order.id == Item.order_id)
            .where(Order.order_no == "T003")
        ).scalar_one()
        changes = conn.execute(
            select(audit_log.c.subject, audit_log.c.detail).where(
                audit_log.c.action == "orders.import_change"
            )
        ).all()
    assert (phone, cost) == ("13700137000", Decimal("180.00"))
    assert sorted((s, json.loads(d)["field"]) for s, d in changes) == [
        ("T002", "phone"),
        ("T003", "unit_cost"),
    ]

    again = import_orders(engine, FIXTURES / "month_2.xlsx", actor=CLI)
    assert (again.orders_new, again.items_added, again.orders_unchanged) == (0, 0, 4)
    assert not again.writes_anything
    assert _counts(engine) == (4, 6)

    earlier = import_orders(engine, FIXTURES / "month_1.xlsx", actor=CLI)  # nothing is deleted
    assert earlier.ok
    assert _counts(engine) == (4, 6)


def test_the_command_line_waits_for_apply_changes(db_url, engine, capsys, monkeypatch) -> None:
    from yinglou_desk.cli import commands, main

    # the command's own connection would outlive the test: it uses the test's engine
    monkeypatch.setattr(commands, "open_database", lambda _args: engine)

    assert main(["--db", db_url, "import", "orders", str(FIXTURES / "month_1.xlsx")]) == 0
    args = ["--db", db_url, "import", "orders", str(FIXTURES / "month_2.xlsx")]
    capsys.readouterr()
    assert main(args) == 3
    said = capsys.readouterr()
    assert "订单 T002「电话」：13800138002 → 13700137000" in said.out + said.err
    assert "--apply-changes" in said.out + said.err
    assert _counts(engine) == (3, 4)
    assert main([*args, "--apply-changes"]) == 0
    assert _counts(engine) == (4, 6)
