"""Folding what scanners, input methods and spreadsheets send into one code."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yinglou_desk.domain.codes import (
    InvalidCode,
    fold_width,
    is_badge_code,
    new_badge_code,
    new_item_code,
    normalize_code,
    phone_tail,
)
from yinglou_desk.domain.search import QueryKind, name_initials, parse_query


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("dm0000000001", "DM0000000001"),
        ("  AB-12\r\n", "AB-12"),
        ("ＡＢ１２", "AB12"),
        ("A\u3000B", "A B"),
        ("\x02CODE\x03", "CODE"),
    ],
)
def test_normalize(raw: str, code: str) -> None:
    assert normalize_code(raw) == code


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("", "code.empty"),
        (" \t", "code.empty"),
        ("条码", "code.not_ascii"),
        ("9" * 41, "code.too_long"),
    ],
)
def test_bad_codes(raw: str, key: str) -> None:
    with pytest.raises(InvalidCode) as bad:
        normalize_code(raw)
    assert bad.value.key == key


@given(st.text(max_size=60))
def test_normalize_never_crashes_and_is_idempotent(raw: str) -> None:
    try:
        code = normalize_code(raw)
    except InvalidCode:
        return
    assert normalize_code(code) == code
    assert all(32 <= ord(ch) <= 126 for ch in code)


def test_generated_codes() -> None:
    codes = {new_item_code() for _ in range(2000)}
    assert len(codes) > 1990
    assert all(len(c) == 12 and c.isdigit() and c[0] != "0" for c in codes)
    badge = new_badge_code()
    assert is_badge_code(badge)
    assert len(badge) == 15
    assert normalize_code(badge) == badge


def test_phone_tail() -> None:
    assert phone_tail("138-0013-8000") == "8000"
    assert phone_tail("１３８００１３８０００") == "8000"
    assert phone_tail("123") is None
    assert fold_width("１２３") == "123"


def test_query_kinds() -> None:
    assert QueryKind.PHONE in parse_query("8000").kinds
    assert QueryKind.INITIALS in parse_query("zxm").kinds
    assert QueryKind.NAME in parse_query("张小梅").kinds
    assert parse_query("   ").kinds == ()
    assert name_initials("张小梅") == "zxm"


def test_control_characters_never_reach_a_query() -> None:
    assert parse_query("张\x00小梅\x07").text == "张小梅"
    assert parse_query("\x00\x01").kinds == ()
