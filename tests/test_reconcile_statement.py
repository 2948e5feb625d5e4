"""Reading a vendor statement and the matching rules, without a database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from yinglou_desk.domain.statement_match import Category, ItemFacts, match_statement
from yinglou_desk.domain.statement_sheet import (
    StatementError,
    find_statement_header,
    parse_statement,
)


def test_header_is_found_below_a_title_with_english_or_chinese_names() -> None:
    rows = [
        ("金彩相册厂 2026年3月对账单", None, None),
        (None, None, None),
        ("Barcode", "Amount (¥)", "TYPE"),
        ("C1", 100, "新做"),
    ]
    index, columns = find_statement_header(rows)
    assert index == 2
    assert columns == {0: "barcode", 1: "amount", 2: "type"}
    assert find_statement_header([("订单号", "产品", "金额：")])[1] == {
        0: "order_no",
        1: "product",
        2: "amount",
    }


def test_a_sheet_without_amount_or_item_column_is_refused() -> None:
    with pytest.raises(StatementError, match="找不到对账单表头"):
        find_statement_header([("条码", "数量"), ("C1", 1)])
    with pytest.raises(StatementError):
        find_statement_header([("订单号", "金额"), ("A1", 1)])  # order number alone names no item


def test_lines_read_numbers_dates_money_and_types_as_spreadsheets_write_them() -> None:
    rows = [
        ("日期", "条码", "订单号", "产品", "金额", "类型"),
        (46086, 100000000001.0, None, None, "¥1,200.00", "新做"),
        ("2026/3/5", None, "A002", " 大相册 ", 100, None),
        (None, "c-rw", None, None, 80.5, "返工"),
        (None, None, None, None, None, None),
        ("合计", None, None, None, 1380.5, None),
    ]
    lines, errors = parse_statement(rows)
    assert errors == []
    assert [(ln.row, ln.code, ln.amount, ln.is_rework) for ln in lines] == [
        (2, "100000000001", Decimal("1200.00"), False),
        (3, None, Decimal("100.00"), False),
        (4, "C-RW", Decimal("80.50"), True),
    ]
    assert lines[0].billed_on == date(2026, 3, 5)
    assert lines[1].billed_on == date(2026, 3, 5)
    assert lines[1].label == "A002/大相册"


def test_unreadable_rows_are_all_listed_with_their_row_numbers() -> None:
    rows = [
        ("条码", "金额", "日期"),
        ("C1", "一百", None),
        ("C2", None, None),
        (None, 5, None),
        ("C3", 5, "下周"),
    ]
    lines, errors = parse_statement(rows)
    assert [(e.row, e.column) for e in errors] == [
        (2, "amount"),
        (3, "amount"),
        (4, None),
        (5, "date"),
    ]
    assert "第 2 行「金额」" in str(errors[0])
    assert lines == []


def _facts(code: str, **changes: object) -> ItemFacts:
    values: dict[str, object] = dict(
        code=code,
        order_no="A1",
        product="大相册",
        spec=None,
        qty=1,
        unit_cost=Decimal("100"),
        received_on=date(2026, 3, 9),
        reworked=False,
    )
    values.update(changes)
    return ItemFacts(**values)  # type: ignore[arg-type]


def test_each_rule_on_its_own() -> None:
    rows = [
        ("条码", "金额", "类型"),
        ("OK", 100, None),
        ("TWICE", 100, None),
        ("TWICE", 100, None),
        ("PRICE", 90, None),
        ("OUT", 100, None),
        ("NOCOST", 100, None),
        ("RW", 100, "新做"),
        ("RW", 100, "返工"),
        ("RW2", 100, None),
        ("RW2", 100, None),
        ("FAKE-RW", 30, "重做"),
        ("GHOST", 100, None),
    ]
    lines, errors = parse_statement(rows)
    assert errors == []
    items = {
        f.code: f
        for f in (
            _facts("OK"),
            _facts("TWICE"),
            _facts("PRICE"),
            _facts("OUT", received_on=None),
            _facts("NOCOST", unit_cost=None),
            _facts("RW", reworked=True),
            _facts("RW2", reworked=True),
            _facts("FAKE-RW"),
            _facts("LATE"),
        )
    }
    resolved = {ln.row: (ln.code if ln.code in items else None) for ln in lines}
    result = match_statement(lines, resolved, items, [items["OK"], items["LATE"]])
    assert result.codes(Category.MATCHED) == ["OK", "TWICE", "RW", "RW2"]
    assert result.codes(Category.DUPLICATE) == ["TWICE"]
    assert result.codes(Category.AMOUNT_MISMATCH) == ["PRICE", "NOCOST"]
    assert [(f.billed, f.expected) for f in result.of(Category.AMOUNT_MISMATCH)] == [
        (Decimal("90.00"), Decimal("100.00")),
        (Decimal("100.00"), None),
    ]
    assert result.codes(Category.BILLED_NOT_RECEIVED) == ["OUT"]
    assert result.codes(Category.REWORK_BILLED) == ["RW", "RW2", "FAKE-RW"]
    assert result.codes(Category.UNKNOWN) == ["GHOST"]
    assert result.codes(Category.RECEIVED_NOT_BILLED) == ["LATE"]
    assert result.lines == 12
    assert result.billed_total == Decimal("1120.00")


def test_quantity_multiplies_the_expected_amount() -> None:
    lines, _ = parse_statement([("条码", "金额"), ("Q", 250)])
    item = _facts("Q", qty=2, unit_cost=Decimal("125"))
    result = match_statement(lines, {2: "Q"}, {"Q": item}, [])
    assert result.codes(Category.MATCHED) == ["Q"]
