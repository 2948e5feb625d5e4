"""Bad input, everywhere: random junk sheets never crash the import nor half-write it."""

from __future__ import annotations

import tempfile
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from yinglou_desk.services.orders.importing import ImportRefused, import_orders
from yinglou_desk.services.staff.audit import command_line_actor
from yinglou_desk.storage.models import Item, Order

from .helpers.spreadsheets import openpyxl_xlsx

CLI = command_line_actor()  # these tests act as the command line does

HEADERS = ["订单号", "客户", "电话", "拍摄日期", "产品", "数量", "厂商", "单价", "条码", "阶段"]
# Characters openpyxl refuses to store in a cell (XML 1.0 control characters).
_XML_SAFE = st.characters(blacklist_categories=("Cs", "Cc"))
cells = st.one_of(
    st.none(),
    st.text(_XML_SAFE, max_size=30),
    st.sampled_from(["' OR 1=1 --", "%", "_", "=1+1", "@SUM(A1)", "１３８", "２０２４年", "ＡＢ"]),
    st.text(_XML_SAFE, min_size=200, max_size=3000),  # huge cells
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 1, 1)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
)
rows = st.lists(st.lists(cells, min_size=0, max_size=len(HEADERS) + 2), max_size=12)


def _counts(engine) -> tuple[int, int]:
    with engine.connect() as conn:
        return (
            conn.execute(select(func.count()).select_from(Order)).scalar_one(),
            conn.execute(select(func.count()).select_from(Item)).scalar_one(),
        )


@pytest.mark.slow
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=rows, with_header=st.booleans())
def test_junk_sheets_are_refused_or_imported_whole(engine, body, with_header) -> None:
    before = _counts(engine)
    with tempfile.TemporaryDirectory() as folder:
        path = openpyxl_xlsx(([HEADERS] if with_header else []) + body, Path(folder) / "x.xlsx")
        try:
            report = import_orders(engine, path, actor=CLI)
        except ImportRefused as error:
            refusal: ImportRefused | None = error
        else:
            refusal = None
    if refusal is not None:  # refused as a whole: said why, wrote nothing
        assert str(refusal)
        assert _counts(engine) == before
    elif report.ok:
        # orders_new/items_new: an order an earlier example already imported (the engine
        # lives through every example) is unchanged, not written again
        assert _counts(engine) == (before[0] + report.orders_new, before[1] + report.items_new)
    else:
        assert all(error.message for error in report.errors)
        assert _counts(engine) == before


@pytest.mark.slow
def test_tens_of_thousands_of_rows_with_one_bad_one(engine, tmp_path) -> None:
    body = [
        [f"M{n // 5:06d}", f"客户{n // 5}", 13800000000 + n // 5, None, "相册", 1, "厂", 10]
        for n in range(30000)
    ]
    body[25000][5] = "很多"  # one bad quantity
    path = openpyxl_xlsx([HEADERS[:8], *body], tmp_path / "big.xlsx")
    report = import_orders(engine, path, actor=CLI)
    assert not report.ok
    assert [(e.row, e.column) for e in report.errors] == [(25002, "qty")]
    assert _counts(engine) == (0, 0)
    body[25000][5] = 2
    path = openpyxl_xlsx([HEADERS[:8], *body], tmp_path / "big.xlsx")
    report = import_orders(engine, path, actor=CLI)
    assert report.ok
    assert _counts(engine) == (6000, 30000)
