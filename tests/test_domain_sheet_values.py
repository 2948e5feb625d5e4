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
    parse_money,
    parse_phone,
    parse_qty,
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
    for parser in (parse_date, parse_phone, parse_qty, parse_money):
        with contextlib.suppress(CellError):
            parser(value)


@pytest.mark.parametrize("value", ["¹", "²3", "٣", "１²"])
def test_digits_that_are_not_ascii_digits(value: str) -> None:
    with pytest.raises(CellError):
        parse_qty(value)
    with pytest.raises(CellError):
        parse_phone(value * 6)
