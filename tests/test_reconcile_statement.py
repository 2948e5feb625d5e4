"""Reading a vendor statement and the matching rules, without a database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from yinglou_desk.domain.sheet_values import ErrorValue, year_before
from yinglou_desk.domain.statement_match import Category, ItemFacts, match_statement
from yinglou_desk.domain.statement_sheet import (
    SheetLayout,
    StatementError,
    drop_repeating_sheets,
    find_stated_period,
    find_statement_header,
    header_column,
    parse_statement,
    read_sheet,
    statement_year,
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


def _read(rows: list[tuple[object, ...]], sheet: str = "S"):
    index, columns = find_statement_header(rows)
    return read_sheet(sheet, rows, SheetLayout(index, columns), year_before(date(2027, 1, 10)))


def test_bilingual_headers_and_a_lone_小计_that_is_no_header() -> None:
    assert header_column("条码 / Barcode") == "barcode"
    assert header_column("Amount/金额") == "amount"
    assert header_column("金额(元)") == "amount"
    assert header_column("金额\nAmount") == "amount"
    assert header_column("客件条码") == "barcode"
    rows = [
        ("小计", None, 300),  # a subtotal label where a header could be: names one column only
        ("货号", "单价", "小计"),
        ("G1", 100, 300),
    ]
    assert find_statement_header(rows)[0] == 1


def test_amount_is_unit_price_times_quantity_when_there_is_no_amount_column() -> None:
    reading = _read([("条码", "单价", "数量"), ("P1", "¥25.50", 4), ("P2", 10, None)])
    assert [(ln.code, ln.amount) for ln in reading.lines] == [
        ("P1", Decimal("102.00")),
        ("P2", Decimal("10.00")),
    ]


def test_totals_and_footers_are_skipped_with_their_keys_never_errors() -> None:
    rows = [
        ("条码", "产品", "金额"),
        ("T1", "相册", 100),
        ("合计：", None, 100),
        ("本页合计", None, "¥100"),
        (None, "共计", "#REF!"),
        ("合计", "共2件", ErrorValue("#REF!")),
        ("Subtotal:", None, 100),
        ("制表人：王芳", None, None),
        ("审核", None, None),
        ("开户行：杭州银行", "账号：6222", None),
        ("注：价格含税", None, None),
        (None, None, None),
        ("T2", "合计相册", 50),
    ]
    reading = _read(rows)
    assert reading.errors == []
    assert [ln.code for ln in reading.lines] == ["T1", "T2"]
    assert [(r.row, r.reason) for r in reading.skipped] == [
        (3, "statements.skip.total"),
        (4, "statements.skip.subtotal"),
        (5, "statements.skip.total"),
        (6, "statements.skip.total"),
        (7, "statements.skip.subtotal"),
        (8, "statements.skip.footer"),
        (9, "statements.skip.footer"),
        (10, "statements.skip.footer"),
        (11, "statements.skip.footer"),
    ]
    assert reading.stated_total is None  # the last 合计 states #REF!, not a sum


def test_the_grand_total_is_the_last_合计_not_a_page_total() -> None:
    rows = [("条码", "金额"), ("A", 10), ("本页小计", 10), ("合计", 10), ("B", 5), ("合计", 15)]
    assert _read(rows).stated_total == Decimal("15.00")


def test_an_item_row_with_a_footer_word_is_still_an_item() -> None:
    reading = _read([("备注", "条码", "金额"), ("备注：加急", "F1", 80)])
    assert [ln.code for ln in reading.lines] == ["F1"]
    assert reading.lines[0].notes == "备注:加急"  # width folded, as all text


def test_an_error_cell_in_a_line_names_its_row_and_column() -> None:
    rows = [
        ("条码", "金额", "折扣"),
        ("E1", ErrorValue("#N/A"), None),
        ("E2", 10, ErrorValue("#DIV/0!")),
    ]
    reading = _read(rows)
    assert [(e.row, e.column, e.key, e.sheet) for e in reading.errors] == [
        (2, "amount", "sheets.cell.error_value", "S"),
        (3, "折扣", "sheets.cell.error_value", "S"),
    ]
    assert "第 3 行「折扣」" in str(reading.errors[1])


def test_a_sheet_repeating_the_lines_of_the_others_is_not_counted_twice() -> None:
    week = _read([("条码", "金额"), ("A", 10), ("B", 20)], "W1")
    other = _read([("条码", "金额"), ("C", 5)], "W2")
    pasted = _read([("条码", "金额"), ("A", 10), ("C", 5), ("B", 20)], "Sheet3")
    kept, ignored = drop_repeating_sheets([week, other, pasted])
    assert [r.sheet for r in kept] == ["W1", "W2"]
    assert ignored == [("Sheet3", "statements.sheet.repeats")]
    alone, none = drop_repeating_sheets([_read([("条码", "金额"), ("A", 1)], "汇总")])
    assert [r.sheet for r in alone] == ["汇总"]  # a lone 汇总 is the statement
    assert none == []


@pytest.mark.parametrize(
    ("rows", "period"),
    [
        ([("结算周期：2026-11-01 至 2026-11-30",)], (date(2026, 11, 1), date(2026, 11, 30))),
        ([("账期 2026.11.01-2026.11.30",)], (date(2026, 11, 1), date(2026, 11, 30))),
        ([("金彩相册 2026年11月 对账单",)], (date(2026, 11, 1), date(2026, 11, 30))),
        ([("结算周期：", "2026-02")], (date(2026, 2, 1), date(2026, 2, 28))),
        ([("电话：0571-88886666",), ("打印日期：2026-12-05",)], None),
    ],
)
def test_the_period_a_lab_writes_above_its_table(rows, period) -> None:
    assert find_stated_period(rows) == period


def test_a_year_less_date_takes_its_year_from_the_surest_source() -> None:
    today = date(2027, 1, 10)
    november = (date(2026, 11, 1), date(2026, 11, 30))
    assert statement_year(november, None, [], today)(12, 2) == 2026
    assert statement_year(None, november, [], today)(11, 2) == 2026
    assert statement_year(None, None, [date(2024, 12, 30)], today)(1, 3) == 2025
    assert statement_year(None, None, [], today)(12, 2) == 2026  # last December, not next
    assert statement_year(None, None, [], today)(1, 9) == 2027
