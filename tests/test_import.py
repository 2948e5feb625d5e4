"""Importing orders from spreadsheets: all rows or none, every error listed."""

from __future__ import annotations

import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from yinglou_desk.services.orders.importing import ImportRefused, import_orders
from yinglou_desk.services.orders.query import find_orders
from yinglou_desk.services.staff.audit import command_line_actor
from yinglou_desk.storage.models import Customer, Item, Order, Stage, Vendor

from .helpers.spreadsheets import libreoffice_xlsx, openpyxl_xlsx

CLI = command_line_actor()  # these tests act as the command line does

HEADER_ZH = [
    "订单号",
    "客户姓名",
    "手机",
    "套系",
    "拍摄日期",
    "阶段",
    "产品",
    "规格",
    "数量",
    "供应商",
    "成本",
    "条码",
    "承诺取件日期",
    "备注",
]
GOOD_ROWS = [
    [
        "W2024-001",
        "张小梅",
        13800138000,
        "经典婚纱套系",
        45413,
        None,
        "大相册",
        "12寸 30P",
        1,
        "金彩相册厂",
        380,
        "W001A",
        "2024-06-15",
        None,
    ],
    [
        "W2024-001",
        " 张 小梅 ",
        13800138000.0,
        None,
        None,
        None,
        "放大框画",
        "24寸",
        2,
        "艺美框画",
        "¥160",
        None,
        None,
        "加急",
    ],
    [
        "ＷＢ２０２４－００２",
        "Anna Lee",
        "138 0000 1234",
        "写真套系",
        "2024/5/3",
        None,
        "水晶摆台",
        "7寸",
        "1",
        "晶典水晶",
        85.5,
        "ｗ００２ａ",
        None,
        None,
    ],
    [None, None, None, None, None, None, None, None, None, None, None, None, None, None],
    [
        "G2024-003",
        "李宝宝",
        13912345678,
        "宝宝成长套系",
        "2024年1月2日",
        "百天",
        "大相册",
        None,
        1,
        "金彩相册厂",
        200,
        None,
        None,
        None,
    ],
    [
        "G2024-003",
        "李宝宝",
        None,
        None,
        None,
        "周岁",
        "大相册",
        None,
        1,
        "金彩相册厂",
        200,
        None,
        None,
        None,
    ],
]


def _counts(engine):
    with engine.connect() as conn:
        return tuple(
            conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in (Order, Item, Customer, Vendor, Stage)
        )


def test_a_good_sheet_is_imported_whole(engine, tmp_path: Path) -> None:
    path = openpyxl_xlsx([HEADER_ZH, *GOOD_ROWS], tmp_path / "orders.xlsx", title="五月订单")
    report = import_orders(engine, path, operator="王店长", actor=CLI)
    assert report.ok, report.errors
    assert (report.orders, report.items, report.generated_barcodes) == (3, 5, 3)
    assert sorted(report.vendors_created) == ["晶典水晶", "艺美框画", "金彩相册厂"]
    assert _counts(engine) == (3, 5, 3, 3, 2)

    first = find_orders(engine, "W2024-001")[0]
    assert (first.customer, first.phone, first.package) == ("张小梅", "13800138000", "经典婚纱套系")
    assert first.shoot_date == date(2024, 5, 1)
    assert first.promised_date == date(2024, 6, 15)
    assert first.items[0].code == "W001A"
    generated = first.items[1].code
    assert len(generated) == 12
    assert generated.isdigit()
    assert first.items[1].qty == 2
    assert first.items[1].unit_cost == Decimal("160.00")
    assert first.items[1].vendor == "艺美框画"
    assert first.progress == "not_started"

    second = find_orders(engine, "WB2024-002")[0]
    assert second.items[0].code == "W002A"
    assert second.phone == "13800001234"
    growth = find_orders(engine, "G2024-003")[0]
    assert [i.stage for i in growth.items] == ["百天", "周岁"]
    with engine.connect() as conn:
        assert conn.execute(select(Order.created_by)).scalars().all() == ["王店长"] * 3


def test_english_headers(engine, tmp_path: Path) -> None:
    rows = [
        ["order_no", "customer", "phone", "product", "qty", "vendor", "unit_cost", "barcode"],
        ["E-1", "Wang Fang", "13700001111", "Album", 1, "Lab One", 12.5, "E1"],
    ]
    report = import_orders(engine, openpyxl_xlsx(rows, tmp_path / "en.xlsx"), actor=CLI)
    assert report.ok
    assert report.items == 1


def test_a_bad_sheet_is_refused_whole_with_every_error(engine, tmp_path: Path) -> None:
    rows = [
        HEADER_ZH,
        GOOD_ROWS[0],
        [
            "B-2",
            None,
            13800138000,
            None,
            None,
            None,
            "大相册",
            None,
            1,
            None,
            None,
            None,
            None,
            None,
        ],
        [
            "B-3",
            "王五",
            "abc",
            None,
            "明天",
            None,
            "大相册",
            None,
            0,
            None,
            "免费",
            None,
            None,
            None,
        ],
        ["B-4", "赵六", None, None, None, None, "相册", None, 1, None, None, "W001A", None, None],
        [
            "W2024-001",
            "别人",
            None,
            None,
            None,
            None,
            "台历",
            None,
            1,
            None,
            None,
            None,
            None,
            None,
        ],
        ["B-5", "钱七", None, None, None, None, "相册", None, 1, None, None, "条码", None, None],
    ]
    path = openpyxl_xlsx(rows, tmp_path / "bad.xlsx")
    report = import_orders(engine, path, actor=CLI)
    assert not report.ok
    found = {(e.row, e.column) for e in report.errors}
    assert {
        (3, "customer"),
        (4, "phone"),
        (4, "shoot_date"),
        (4, "qty"),
        (4, "unit_cost"),
        (5, "barcode"),
        (6, "customer"),
        (7, "barcode"),
    } <= found
    assert all(e.message for e in report.errors)
    assert _counts(engine) == (0, 0, 0, 0, 0)


def test_the_same_sheet_again_imports_nothing_and_says_so(engine, tmp_path: Path) -> None:
    path = openpyxl_xlsx([HEADER_ZH, *GOOD_ROWS], tmp_path / "orders.xlsx")
    assert import_orders(engine, path, actor=CLI).ok
    again = import_orders(engine, path, actor=CLI)
    assert again.ok
    assert (again.orders_new, again.orders_unchanged, again.items_added) == (0, 3, 0)
    assert again.changes == []
    assert not again.writes_anything
    assert _counts(engine)[:2] == (3, 5)


def test_dry_run_checks_without_writing(engine, tmp_path: Path) -> None:
    path = openpyxl_xlsx([HEADER_ZH, *GOOD_ROWS], tmp_path / "orders.xlsx")
    report = import_orders(engine, path, dry_run=True, actor=CLI)
    assert report.ok
    assert report.items == 5
    assert len(report.vendors_created) == 3
    assert _counts(engine) == (0, 0, 0, 0, 0)


@pytest.mark.parametrize("content", [b"not a spreadsheet at all", b"PK\x03\x04broken zip", b""])
def test_a_file_that_is_not_a_workbook_is_refused(engine, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "orders.xlsx"
    path.write_bytes(content)
    with pytest.raises(ImportRefused, match="xlsx"):
        import_orders(engine, path, actor=CLI)


def test_a_zip_that_is_not_a_workbook_is_refused(engine, tmp_path: Path) -> None:
    path = tmp_path / "orders.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(ImportRefused):
        import_orders(engine, path, actor=CLI)


def test_a_sheet_without_the_required_columns_is_refused(engine, tmp_path: Path) -> None:
    path = openpyxl_xlsx([["名字", "电话"], ["张三", 1]], tmp_path / "x.xlsx")
    with pytest.raises(ImportRefused, match="表头"):
        import_orders(engine, path, actor=CLI)


def test_a_sheet_written_by_libreoffice(engine, tmp_path: Path) -> None:
    rows = [
        [
            "订单号",
            "客户",
            "电话",
            "套系",
            "拍摄日期",
            "产品",
            "规格",
            "数量",
            "厂商",
            "单价",
            "条码",
            "承诺取件日期",
        ],
        [
            "LO-001",
            "张小梅",
            "13800138000",
            "经典婚纱套系",
            "2024-05-01",
            "大相册",
            "12寸",
            "1",
            "金彩相册厂",
            "380",
            "LO0001",
            "2024/6/15",
        ],
        [
            "LO-001",
            "张小梅",
            "13800138000",
            "",
            "",
            "水晶摆台",
            "7寸",
            "2",
            "晶典水晶",
            "85.5",
            "",
            "",
        ],
        [
            "LO-002",
            "王 芳",
            "13912340000",
            "写真套系",
            "2024-05-03",
            "放大框画",
            "24寸",
            "1",
            "艺美框画",
            "160",
            "LO0003",
            "",
        ],
    ]
    path = libreoffice_xlsx(rows, tmp_path / "libreoffice.xlsx")
    report = import_orders(engine, path, actor=CLI)
    assert report.ok, report.errors
    assert (report.orders, report.items, report.generated_barcodes) == (2, 3, 1)
    order = find_orders(engine, "LO-001")[0]
    assert order.phone == "13800138000"
    assert order.shoot_date == date(2024, 5, 1)
    assert order.promised_date == date(2024, 6, 15)
    assert order.items[1].qty == 2
    assert order.items[1].unit_cost == Decimal("85.50")
    assert find_orders(engine, "LO-002")[0].customer == "王芳"


def test_a_large_sheet_imports_in_one_go(engine, tmp_path: Path) -> None:
    rows = [["订单号", "客户", "电话", "产品", "厂商"]]
    rows += [
        [f"N{n // 4:05d}", f"客户{n // 4}", 13800000000 + n // 4, "相册", f"厂{n % 3}"]
        for n in range(4000)
    ]
    calls: list[tuple[int, int]] = []
    report = import_orders(
        engine,
        openpyxl_xlsx(rows, tmp_path / "big.xlsx"),
        progress=lambda done, total: calls.append((done, total)),
        actor=CLI,
    )
    assert report.ok
    assert (report.orders, report.items) == (1000, 4000)
    assert calls[-1] == (1000, 1000)
    assert _counts(engine)[:3] == (1000, 4000, 1000)
    with engine.connect() as conn:
        assert conn.execute(select(func.count(func.distinct(Item.code)))).scalar_one() == 4000


def test_the_loser_of_two_imports_at_once_writes_each_order_once(
    engine, tmp_path: Path, monkeypatch
) -> None:
    """Both imports plan before either has written. The second to reach the write plans
    again inside its transaction and finds the orders there, unchanged: it writes
    nothing. Had that plan missed them too, the unique index refuses the write — a
    refusal, never a database error, and nothing of it written."""
    import yinglou_desk.services.orders.importing as importing
    from yinglou_desk.services.orders.reimport import ImportPlan

    path = openpyxl_xlsx([HEADER_ZH, *GOOD_ROWS], tmp_path / "orders.xlsx")
    assert import_orders(engine, path, actor=CLI).ok  # the winner
    real = importing.plan_import

    for blind_plans in (1, 2):  # 1: the plan before the write is too early; 2: both are
        calls = []

        def late(conn, sheet_orders, several, calls=calls, blind=blind_plans):
            calls.append(1)
            if len(calls) <= blind:  # as if the winner had not committed yet
                return ImportPlan(new_orders=list(sheet_orders))
            return real(conn, sheet_orders, several)

        monkeypatch.setattr(importing, "plan_import", late)
        if blind_plans == 1:
            loser = import_orders(engine, path, actor=CLI)
            assert loser.ok
            assert (loser.orders_new, loser.orders_unchanged) == (0, 3)
        else:
            with pytest.raises(ImportRefused) as refused:
                import_orders(engine, path, actor=CLI)
            assert refused.value.key == "import.conflict"
        assert len(calls) == 2
        assert _counts(engine)[:2] == (3, 5)  # nothing of the loser's written
