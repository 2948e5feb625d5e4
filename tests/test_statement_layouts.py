"""Lab statements as real programs write them (tests/fixtures/statements, written by
scripts/make_statement_fixtures.py with openpyxl and LibreOffice), read whole."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from yinglou_desk.domain.statement_sheet import ColumnChoice
from yinglou_desk.services.reconciliation.statement import (
    StatementNeedsColumns,
    StatementRefused,
    read_statement,
)

FIXTURES = Path(__file__).parent / "fixtures" / "statements"
TODAY = date(2027, 1, 10)


def _lines(statement) -> list[tuple[str, int, str, Decimal]]:
    return [(ln.sheet, ln.row, ln.label, ln.amount) for ln in statement.lines]


def _skipped(statement) -> list[tuple[str, int, str]]:
    return [(row.sheet, row.row, row.reason) for row in statement.skipped]


@pytest.mark.parametrize("name", ["lab_statement.xlsx", "lab_statement.xls", "lab_statement.ods"])
def test_a_lab_statement_under_its_title_and_header_block(name: str) -> None:
    statement = read_statement(FIXTURES / name, today=TODAY)
    assert [(ln.row, ln.code, ln.amount, ln.billed_on) for ln in statement.lines] == [
        (6, "100000000001", Decimal("380.00"), date(2026, 12, 2)),
        (7, "100000000002", Decimal("120.00"), date(2026, 12, 2)),
        (9, "100000000003", Decimal("1260.00"), date(2026, 12, 9)),
        (10, "100000000004", Decimal("60.00"), date(2026, 12, 30)),
    ]
    assert {ln.sheet for ln in statement.lines} == {"对账单"}
    assert _skipped(statement) == [
        ("对账单", 12, "statements.skip.total"),
        ("对账单", 14, "statements.skip.footer"),
    ]
    assert statement.stated_total == Decimal("1820.00")
    assert not statement.total_differs
    assert statement.stated_period == (date(2026, 12, 1), date(2026, 12, 31))
    assert statement.sheets_read == ["对账单"]
    assert statement.sheets_ignored == []


def test_the_year_of_12月2日_comes_from_the_period_asked_for_first() -> None:
    asked = (date(2025, 12, 1), date(2025, 12, 31))
    statement = read_statement(FIXTURES / "lab_statement.xlsx", period=asked, today=TODAY)
    assert statement.lines[0].billed_on == date(2025, 12, 2)


def test_weekly_sheets_are_read_and_the_summary_and_hidden_sheets_are_not() -> None:
    statement = read_statement(FIXTURES / "weekly.xlsx", today=TODAY)
    assert _lines(statement) == [
        ("第1周", 3, "W1-001", Decimal("300.00")),
        ("第1周", 4, "W1-002", Decimal("80.00")),
        ("第2周", 3, "W2-001", Decimal("300.00")),
        ("第2周", 4, "W2-002", Decimal("50.00")),
        ("第2周", 5, "W2-003", Decimal("80.00")),
    ]
    assert statement.sheets_read == ["第1周", "第2周"]
    assert statement.sheets_ignored == [
        ("汇总", "statements.sheet.summary"),
        ("价目表", "statements.sheet.hidden"),
    ]
    assert _skipped(statement) == [
        ("第1周", 5, "statements.skip.total"),
        ("第2周", 6, "statements.skip.total"),
    ]
    assert statement.stated_total == Decimal("810.00")  # each week's 合计, added
    assert statement.line_total == Decimal("810.00")
    assert len({ln.key for ln in statement.lines}) == 5


def test_a_gb18030_csv_with_a_title_and_a_合计_row() -> None:
    statement = read_statement(FIXTURES / "gb18030.csv", today=TODAY)
    assert [(ln.row, ln.label, ln.amount) for ln in statement.lines] == [
        (3, "A1001/大相册", Decimal("500.00")),
        (4, "A1002/相框", Decimal("120.00")),
        (5, "A1003/摆台", Decimal("60.00")),
    ]
    assert statement.lines[2].billed_on == date(2026, 11, 28)
    assert _skipped(statement) == [("gb18030", 6, "statements.skip.total")]
    assert statement.stated_total == Decimal("680.00")
    assert statement.stated_period == (date(2026, 11, 1), date(2026, 11, 30))


def test_a_multi_page_print_skips_its_repeated_headers_and_page_totals() -> None:
    statement = read_statement(FIXTURES / "multi_page.xlsx", today=TODAY)
    assert [ln.code for ln in statement.lines] == [f"HM000{n}" for n in range(1, 7)]
    assert _skipped(statement) == [
        ("Sheet1", 6, "statements.skip.subtotal"),
        ("Sheet1", 7, "statements.skip.header"),
        ("Sheet1", 8, "statements.skip.header"),
        ("Sheet1", 12, "statements.skip.subtotal"),
        ("Sheet1", 13, "statements.skip.total"),
    ]
    assert statement.stated_total == Decimal("621.00")  # 总计, not the last 本页合计
    assert not statement.total_differs


def test_a_total_that_differs_from_the_lines_is_kept_to_be_shown() -> None:
    statement = read_statement(FIXTURES / "total_differs.xlsx", today=TODAY)
    assert statement.line_total == Decimal("760.00")
    assert statement.stated_total == Decimal("780.00")
    assert statement.total_differs
    assert _skipped(statement) == [("Sheet", 4, "statements.skip.total")]


def test_unusual_headers_ask_for_the_columns_then_read_with_them() -> None:
    with pytest.raises(StatementNeedsColumns) as asked:
        read_statement(FIXTURES / "unusual_headers.xlsx", today=TODAY)
    assert asked.value.key == "statements.needs_columns"
    assert asked.value.sheet == "Sheet"
    assert asked.value.header_row is None
    assert asked.value.preview[0] == ("宏达冲印结算单", "", "", "")
    assert asked.value.preview[1] == ("编号", "品名", "日期", "应结")
    assert len(asked.value.preview) == 5

    choice = ColumnChoice(code="A", amount="应结")
    statement = read_statement(FIXTURES / "unusual_headers.xlsx", columns=choice, today=TODAY)
    assert [(ln.row, ln.code, ln.product, ln.amount) for ln in statement.lines] == [
        (3, "HD-01", "相册", Decimal("260.00")),
        (4, "HD-02", "相框", Decimal("90.00")),
    ]
    assert statement.lines[0].billed_on == date(2026, 11, 5)
    assert statement.columns == choice
    assert _skipped(statement) == [("Sheet", 5, "statements.skip.total")]
    assert statement.stated_total == Decimal("350.00")

    by_number = read_statement(
        FIXTURES / "unusual_headers.xlsx", columns=ColumnChoice(code="1", amount="d")
    )
    assert _lines(by_number) == _lines(statement)


@pytest.mark.parametrize(
    "choice", [ColumnChoice(code="A", amount="应付"), ColumnChoice(code="A", amount="Z")]
)
def test_a_choice_naming_no_column_of_the_sheet_asks_again(choice: ColumnChoice) -> None:
    with pytest.raises(StatementNeedsColumns) as asked:
        read_statement(FIXTURES / "unusual_headers.xlsx", columns=choice, today=TODAY)
    assert asked.value.key == "statements.choice_missing"
    assert asked.value.params["amount"] == choice.amount


def test_a_found_header_is_shown_when_a_choice_misses() -> None:
    with pytest.raises(StatementNeedsColumns) as asked:
        read_statement(FIXTURES / "lab_statement.xlsx", columns=ColumnChoice(amount="应结"))
    assert asked.value.header_row == 4


def test_refunds_and_冲红_are_credits() -> None:
    statement = read_statement(FIXTURES / "credits.xlsx", today=TODAY)
    assert [(ln.code, ln.amount, ln.is_credit) for ln in statement.lines] == [
        ("R-1", Decimal("400.00"), False),
        ("R-2", Decimal("-80.00"), True),  # 退款, written positive
        ("R-3", Decimal("-50.00"), True),  # 冲红 in 备注
        ("R-4", Decimal("-30.00"), True),  # written negative, stays so
        ("R-5", Decimal("-20.00"), True),  # (20.00), as accountants write it
    ]
    assert statement.stated_total == statement.line_total == Decimal("220.00")


def test_a_text_file_under_an_xlsx_name_is_still_refused(tmp_path: Path) -> None:
    fake = tmp_path / "statement.xlsx"
    fake.write_text("条码,金额\nC-1,100\n", encoding="utf-8")
    with pytest.raises(StatementRefused) as refused:
        read_statement(fake)
    assert refused.value.key == "workbooks.unreadable"
