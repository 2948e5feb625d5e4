"""Spreadsheet files as other programs write them open as the same grid of values.

The files in tests/fixtures/workbooks were written by openpyxl and converted
by LibreOffice (scripts/make_workbook_fixtures.py); each format must give the
rows a person sees when opening the file.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from yinglou_desk.domain.sheet_values import CellError, ErrorValue, clean_text, parse_money
from yinglou_desk.services.spreadsheets.workbook import WorkbookRefused, read_workbook

FIXTURES = Path(__file__).parent / "fixtures" / "workbooks"


def day(value: object) -> date:
    assert isinstance(value, date)
    return value.date() if isinstance(value, datetime) else value


def test_a_stale_size_tag_does_not_cut_the_sheet_short() -> None:
    book = read_workbook(FIXTURES / "stale_dimension.xlsx")
    rows = book.sheets[0].rows
    assert len(rows) == 12
    assert rows[-1] == ("S011", "客户11", "相册")


@pytest.mark.parametrize("name", ["merged.xlsx", "merged.xls", "merged.ods", "really_xlsx.xls"])
def test_merged_cells_carry_their_value_and_a_blank_outside_stays_blank(name: str) -> None:
    book = read_workbook(FIXTURES / name)
    assert [sheet.name for sheet in book.sheets] == ["十二月"]
    rows = book.sheets[0].rows
    assert rows[0][:4] == ("十二月订单",) * 4
    assert rows[1] == ("订单号", "客户", "产品", "拍摄日期")
    assert [row[:3] for row in rows[2:5]] == [
        ("M001", "张三", "相册"),
        ("M001", "张三", "摆台"),
        ("M001", "张三", "水晶"),
    ]
    assert day(rows[2][3]) == date(2026, 12, 2)
    # the date was not merged: the item rows below it have none
    assert all(len(row) < 4 or row[3] is None for row in rows[3:5])
    assert rows[5][:3] == ("M002", None, "相册")


@pytest.mark.parametrize("name", ["errors.xlsx", "errors.xls", "errors.ods"])
def test_error_cells_stay_errors_in_every_format(name: str) -> None:
    rows = read_workbook(FIXTURES / name).sheets[0].rows
    assert rows[1][1] == ErrorValue("#N/A")
    assert rows[2][1] == ErrorValue("#DIV/0!")
    assert rows[2][2] == ErrorValue("#REF!")
    assert rows[1][2] == "好"


def test_every_parser_refuses_an_error_cell() -> None:
    for parse in (clean_text, parse_money):
        with pytest.raises(CellError) as refused:
            parse(ErrorValue("#N/A"))
        assert refused.value.key == "sheets.cell.error_value"
        assert refused.value.params == {"value": "#N/A"}


@pytest.mark.parametrize("name", ["hidden_first.xlsx", "hidden_first.xls", "hidden_first.ods"])
def test_hidden_sheets_are_named_and_not_read(name: str) -> None:
    book = read_workbook(FIXTURES / name)
    assert book.hidden == ["旧价目"]
    assert [sheet.name for sheet in book.sheets] == ["对账单"]
    assert book.sheets[0].rows[1][0] == "100000000001"


@pytest.mark.parametrize("name", ["gb18030.csv", "utf8_bom.csv", "tab_text.xls"])
def test_text_files_in_the_encodings_and_separators_windows_programs_write(name: str) -> None:
    book = read_workbook(FIXTURES / name)
    assert book.kind == "csv"
    assert book.sheets[0].rows == (
        [("订单号", "客户", "产品"), ("C001", "张三", "相册"), ("C002", "李四", "摆台")]
    )


def test_a_file_that_is_no_spreadsheet_is_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(WorkbookRefused) as refused:
        read_workbook(FIXTURES / "not_a_sheet.xlsx")
    assert refused.value.key == "workbooks.unreadable"
    with pytest.raises(WorkbookRefused) as missing:
        read_workbook(tmp_path / "nowhere.xlsx")
    assert missing.value.key == "sheets.file_missing"
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 200)  # a zip that breaks off
    with pytest.raises(WorkbookRefused) as damaged:
        read_workbook(broken)
    assert damaged.value.key == "workbooks.unreadable"


def test_the_kind_is_told_by_content_not_by_name(tmp_path: Path) -> None:
    renamed = tmp_path / "statement.xlsx"
    renamed.write_bytes((FIXTURES / "merged.ods").read_bytes())
    assert read_workbook(renamed).kind == "ods"
    old = tmp_path / "statement.dat"
    old.write_bytes((FIXTURES / "merged.xls").read_bytes())
    assert read_workbook(old).kind == "xls"
