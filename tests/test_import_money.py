"""An order sheet's money (SQLite and PostgreSQL): 套系金额/已付/尾款 read as written, any two
give the third, three that disagree refuse the sheet, a deposit is an ``imported`` payment,
a re-import keeps the payments and never overwrites a price already set."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yinglou_desk.domain.money import PaymentKind
from yinglou_desk.domain.order_money import SheetMoney, SheetMoneyError, sheet_money
from yinglou_desk.services.orders.importing import import_orders
from yinglou_desk.services.payments.ledger import PaymentRefused, money_of, payments_of, set_price
from yinglou_desk.services.payments.takings import takings
from yinglou_desk.services.staff.audit import command_line_actor
from yinglou_desk.services.staff.operators import add_operator

from .helpers.spreadsheets import openpyxl_xlsx

CLI = command_line_actor()
HEADER = ["订单号", "客户姓名", "手机", "产品", "套系金额", "定金", "尾款"]


def _import(engine, path, **options):  # type: ignore[no-untyped-def]
    return import_orders(engine, path, operator="王店长", actor=CLI, **options)


@pytest.mark.parametrize(
    ("price", "paid", "balance", "expected"),
    [
        ("1380", "500", "880", (138000, 50000)),
        ("1380", "500", None, (138000, 50000)),
        ("1380", None, "880", (138000, 50000)),
        (None, "500", "880", (138000, 50000)),
        ("1380", None, None, (138000, 0)),
        (None, "500", None, (None, 50000)),
        (None, None, "880", (88000, 0)),
    ],
)
def test_any_two_give_the_third(price, paid, balance, expected) -> None:
    money = sheet_money(*(None if v is None else Decimal(v) for v in (price, paid, balance)))
    assert money is not None
    assert (money.price, money.paid) == expected
    assert sheet_money(None, None, None) is None


_FEN = st.integers(min_value=0, max_value=99_999_999)


@given(_FEN, _FEN)
def test_two_columns_and_three_that_agree_settle_alike(paid, balance) -> None:
    price, a, b = (Decimal(v) / 100 for v in (paid + balance, paid, balance))
    settled = {sheet_money(price, a, b), sheet_money(price, a, None)}
    settled |= {sheet_money(price, None, b), sheet_money(None, a, b)}
    assert settled == {SheetMoney(paid + balance, paid)}


@pytest.mark.parametrize(
    ("values", "key"),
    [
        (("1380", "500", "800"), "payments.sheet.disagree"),
        (("1380", "1500", None), "payments.sheet.paid_over_price"),
        (("1380", None, "1500"), "payments.sheet.balance_over_price"),
    ],
)
def test_sums_that_do_not_add_up_are_refused(values, key) -> None:
    with pytest.raises(SheetMoneyError) as refused:
        sheet_money(*(None if v is None else Decimal(v) for v in values))
    assert refused.value.key == key


def test_a_real_sheet_with_a_title_and_a_total_row(engine, tmp_path: Path) -> None:
    rows = [
        HEADER,
        ["M-001", "张小梅", 13800138000, "大相册", "¥1,380.00", "500元", "880"],
        ["M-001", "张小梅", 13800138000, "摆台", None, None, None],  # order columns once
        ["M-002", "李雷", 13900139000, "相框", 2999.5, 999.5, None],
        ["M-003", "韩梅梅", 13700137000, "相册", None, None, None],  # no money written
        ["合计", None, None, None, 4379.5, 1499.5, 880],
    ]
    path = openpyxl_xlsx(rows, tmp_path / "五月.xlsx", title="五月订单（含金额）")
    report = _import(engine, path)
    assert report.ok, [str(e) for e in report.errors]
    assert (report.orders, report.items, report.deposits) == (3, 4, 2)
    first = money_of(engine, "M-001")
    assert (first.price, first.paid, first.due) == (138000, 50000, 88000)
    second = money_of(engine, "M-002")
    assert (second.price, second.paid, second.due) == (299950, 99950, 200000)
    third = money_of(engine, "M-003")
    assert (third.price, third.paid, third.due) == (None, 0, 0)
    (deposit,) = payments_of(engine, "M-001")
    assert (deposit.kind, deposit.amount, deposit.operator, deposit.method) == (
        PaymentKind.IMPORTED,
        50000,
        "王店长",
        None,
    )
    assert report.to_json()["deposits"] == 2
    day = deposit.at.astimezone().date()
    assert takings(engine, day, day).total == 0  # a deposit is not today's takings


def test_a_sheet_that_does_not_add_up_is_refused_whole(engine, tmp_path: Path) -> None:
    rows = [
        HEADER,
        ["M-001", "张小梅", 13800138000, "大相册", "1380", "500", "800"],
        ["M-002", "李雷", 13900139000, "相框", "100", "abc", None],
        ["M-003", "韩梅梅", 13700137000, "相册", "100", None, None],
        ["M-003", "韩梅梅", 13700137000, "摆台", "200", None, None],
    ]
    report = _import(engine, openpyxl_xlsx(rows, tmp_path / "bad.xlsx"))
    assert not report.ok
    found = {(e.row, e.column, e.key) for e in report.errors}
    assert (2, "balance", "payments.sheet.disagree") in found
    assert (3, "paid", "sheets.cell.amount_value") in found
    assert (5, "price", "payments.sheet.differs") in found
    said = [str(e) for e in report.errors if e.key == "payments.sheet.disagree"]
    assert said == ["第 2 行「尾款」：套系金额 1,380.00 ≠ 已付 500.00 + 尾款 800.00"]
    with pytest.raises(PaymentRefused) as nothing:  # nothing at all was written
        money_of(engine, "M-003")
    assert nothing.value.key == "payments.no_such_order"


def test_a_gb18030_csv_with_other_column_names(engine, tmp_path: Path) -> None:
    text = (
        "门店订单导出\n"
        "订单号,客户,电话,产品,总价,已付款,未付\n"
        'G-001,王芳,13600136000,全家福,"1,200.00",200,1000\n'
        '合计,,,,"1,200.00",200,1000\n'
    )
    path = tmp_path / "orders.csv"
    path.write_bytes(text.encode("gb18030"))
    report = _import(engine, path)
    assert report.ok, [str(e) for e in report.errors]
    money = money_of(engine, "G-001")
    assert (money.price, money.paid, money.due) == (120000, 20000, 100000)


def test_a_reimport_keeps_payments_fills_a_missing_price_and_keeps_a_set_one(
    engine, tmp_path: Path, clock
) -> None:
    first = [
        HEADER,
        ["R-001", "张小梅", 13800138000, "大相册", None, "300", None],
        ["R-002", "李雷", 13900139000, "相框", "800", "100", None],
    ]
    assert _import(engine, openpyxl_xlsx(first, tmp_path / "1.xlsx")).ok
    again = [
        HEADER,
        ["R-001", "张小梅", 13800138000, "大相册", "1000", "600", None],
        ["R-002", "李雷", 13900139000, "相框", "900", "100", None],
    ]
    path = openpyxl_xlsx(again, tmp_path / "2.xlsx")
    preview = _import(engine, path)
    assert preview.needs_approval
    assert [(c.order_no, c.field, c.old, c.new) for c in preview.changes] == [
        ("R-001", "price", None, Decimal("1000"))
    ]
    assert [(c.order_no, c.old, c.new) for c in preview.prices_kept] == [
        ("R-002", Decimal("800"), Decimal("900"))
    ]
    done = _import(engine, path, apply_changes=True)
    assert done.ok
    assert not done.needs_approval
    one, two = money_of(engine, "R-001"), money_of(engine, "R-002")
    assert (one.price, one.paid, one.due) == (100000, 30000, 70000)  # paid kept, not 600
    assert (two.price, two.paid) == (80000, 10000)  # the manager's price stands
    assert len(payments_of(engine, "R-001")) == 1
    assert done.to_json()["prices_kept"] == [
        {"order_no": "R-002", "price": "800", "sheet_price": "900"}
    ]
    manager = add_operator(engine, "店长", "manager", "1234", clock=clock, actor=CLI)
    set_price(engine, manager, "R-002", 90000, clock=clock)
    assert money_of(engine, "R-002").due == 80000
