"""Cells as Excel, WPS and LibreOffice write them."""

from __future__ import annotations

import contextlib
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yinglou_desk.domain.sheet_values import (
    CellError,
    clean_header,
    clean_name,
    parse_date,
    parse_date_guessing_year,
    parse_money,
    parse_phone,
    parse_qty,
    parse_statement_amount,
    year_before,
    year_within,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2024, 5, 1, 0, 0), date(2024, 5, 1)),
        (date(2024, 5, 1), date(2024, 5, 1)),
        (45413, date(2024, 5, 1)),
        (45413.0, date(2024, 5, 1)),
        ("2024-05-01", date(2024, 5, 1)),
        ("2024/5/1", date(2024, 5, 1)),
        ("2024.5.1", date(2024, 5, 1)),
        ("2024年5月1日", date(2024, 5, 1)),
        ("２０２４－０５－０１", date(2024, 5, 1)),
        ("20240501", date(2024, 5, 1)),
        (20240501, date(2024, 5, 1)),
        ("2024-05-01 10:30:00", date(2024, 5, 1)),
        (None, None),
        ("", None),
    ],
)
def test_dates(value: object, expected: date | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["2024-13-01", "明天", 12, True, "2024-02-30"])
def test_bad_dates(value: object) -> None:
    with pytest.raises(CellError):
        parse_date(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (13800138000, "13800138000"),
        (13800138000.0, "13800138000"),
        ("138 0013 8000", "13800138000"),
        ("１３８００１３８０００", "13800138000"),
        ("+86 138-0013-8000", "8613800138000"),
        (None, None),
    ],
)
def test_phones(value: object, expected: str | None) -> None:
    assert parse_phone(value) == expected


@pytest.mark.parametrize("value", ["abc", "12", 1.5, "138001380001380013800"])
def test_bad_phones(value: object) -> None:
    with pytest.raises(CellError):
        parse_phone(value)


def test_numbers() -> None:
    assert parse_qty(None) == 1
    assert parse_qty(2.0) == 2
    assert parse_qty("３") == 3
    assert parse_money("¥1,280.5") == Decimal("1280.50")
    assert parse_money(99) == Decimal("99.00")
    assert parse_money("２０元") == Decimal("20.00")
    for bad in (0, -1, "2.5", True):
        with pytest.raises(CellError):
            parse_qty(bad)
    for bad in ("-5", "abc", "NaN", "Infinity"):
        with pytest.raises(CellError):
            parse_money(bad)


def test_headers_and_names() -> None:
    assert clean_header(" 订单号 ") == "order_no"
    assert clean_header("Order_No") == "order_no"
    assert clean_header("客户姓名") == "customer"
    assert clean_header("供应商") == "vendor"
    assert clean_header("成本") == "unit_cost"
    assert clean_header("ｐｈｏｎｅ") == "phone"
    assert clean_header("whatever") is None
    assert clean_name(" 张　小梅 ") == "张小梅"
    assert clean_name("Anna  Lee") == "Anna Lee"


@given(st.one_of(st.text(max_size=40), st.integers(), st.floats(allow_nan=True), st.none()))
def test_parsers_never_crash_on_junk(value: object) -> None:
    for parser in (parse_date, parse_phone, parse_qty, parse_money, parse_statement_amount):
        with contextlib.suppress(CellError):
            parser(value)


@pytest.mark.parametrize("value", ["¹", "²3", "٣", "１²"])
def test_digits_that_are_not_ascii_digits(value: str) -> None:
    with pytest.raises(CellError):
        parse_qty(value)
    with pytest.raises(CellError):
        parse_phone(value * 6)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("380", "380.00"),
        ("¥380.00", "380.00"),
        ("￥380", "380.00"),
        ("380元", "380.00"),
        ("1,380.00", "1380.00"),
        ("RMB 380", "380.00"),
        ("CNY380", "380.00"),
        ("３８０", "380.00"),
        ("-380", "-380.00"),
        ("¥-380", "-380.00"),
        ("-¥380", "-380.00"),
        ("(380.00)", "-380.00"),
        ("（¥1,200.5）", "-1200.50"),
        (-12.345, "-12.35"),
        (None, None),
        ("", None),
    ],
)
def test_statement_amounts(value: object, expected: str | None) -> None:
    assert parse_statement_amount(value) == (None if expected is None else Decimal(expected))


@pytest.mark.parametrize("value", ["380-", "abc", "NaN", "()", "1e5", "٣٨٠", "²", True, 1e8])
def test_bad_statement_amounts(value: object) -> None:
    with pytest.raises(CellError):
        parse_statement_amount(value)


def test_unit_costs_take_the_same_notations_but_stay_non_negative() -> None:
    assert parse_money("RMB 1,280") == Decimal("1280.00")
    assert parse_money("CNY99") == Decimal("99.00")
    for bad in ("(5)", "-¥5", -1):
        with pytest.raises(CellError):
            parse_money(bad)


def test_dates_without_a_year() -> None:
    january = year_before(date(2027, 1, 10))
    assert parse_date_guessing_year("12月2日", january) == date(2026, 12, 2)
    assert parse_date_guessing_year("１２月２号", january) == date(2026, 12, 2)
    assert parse_date_guessing_year("12-02", january) == date(2026, 12, 2)
    assert parse_date_guessing_year("1/9", january) == date(2027, 1, 9)
    assert parse_date_guessing_year("2026.12.02", january) == date(2026, 12, 2)
    assert parse_date_guessing_year(46358, january) == date(2026, 12, 2)
    across = year_within(date(2026, 12, 1), date(2027, 1, 10))
    assert parse_date_guessing_year("12月28日", across) == date(2026, 12, 28)
    assert parse_date_guessing_year("1月3日", across) == date(2027, 1, 3)
    assert parse_date_guessing_year("2月29日", january) == date(2024, 2, 29)
    for bad in ("13月2日", "2月30日", "12-40"):
        with pytest.raises(CellError):
            parse_date_guessing_year(bad, january)
    with pytest.raises(CellError):
        parse_date("12月2日")  # an order sheet's date must be whole
