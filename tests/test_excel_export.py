"""The .xlsx writer: formatting a person expects, totals, and no formula ever from text."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from yinglou_desk.services.reports.excel import (
    Column,
    ExportError,
    XlsxBook,
    display_width,
    local_naive,
    safe_sheet_title,
)

from .helpers.office import xlsx_to_csv_sheets

HOSTILE = ["=1+1", "+1+1", "-1+1", "@SUM(1,1)", '=HYPERLINK("http://x","点我")', "\t=1+1"]
COLUMNS = [
    Column("名称 / Name"),
    Column("数量", "int", total=True),
    Column("金额", "money", total=True),
    Column("日期", "date"),
    Column("时间", "datetime"),
    Column("比例", "percent"),
]
MOMENT = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)
ROWS = [
    ["水晶摆台", 2, Decimal("1234.5"), date(2026, 3, 1), MOMENT, 0.25],
    ["张小梅的大相册 12寸 特别长的名字", 1, Decimal("0.10"), None, None, None],
    *[[text, None, None, None, None, None] for text in HOSTILE],
    ["-5", 3, Decimal("10"), None, None, None],
]


def _write(path: Path) -> Path:
    book = XlsxBook()
    assert book.add_table("明细", COLUMNS, ROWS) == len(ROWS)
    book.add_pairs("汇总", [("件数", 3), ("总金额", Decimal("1244.60")), ("平均天数", 7.5)])
    book.save(path)
    return path


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write(tmp_path_factory.mktemp("xlsx") / "list.xlsx")


@pytest.fixture(scope="module")
def as_libreoffice_shows_it(workbook: Path, tmp_path_factory: pytest.TempPathFactory):
    """Both sheets converted to CSV by LibreOffice once for the module, cells as displayed."""
    folder = tmp_path_factory.mktemp("lo")
    return xlsx_to_csv_sheets([workbook], folder / "out", folder / "profile")[workbook.stem]


def test_header_is_bold_frozen_filtered_and_columns_are_sized(workbook: Path) -> None:
    sheet = load_workbook(workbook)["明细"]
    assert [c.value for c in sheet[1]] == [c.title for c in COLUMNS]
    assert all(c.font.b for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:F{len(ROWS) + 1}"  # the data, not the totals row
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCDEF"}
    assert widths["A"] >= display_width("张小梅的大相册 12寸 特别长的名字")
    assert widths["D"] >= 10
    assert widths["E"] >= 16


def test_numbers_and_dates_carry_their_formats(workbook: Path) -> None:
    sheet = load_workbook(workbook)["明细"]
    first = sheet[2]
    assert first[1].value == 2
    assert first[1].data_type == "n"
    assert first[2].value == 1234.5
    assert first[2].number_format == "#,##0.00"
    assert first[3].value == datetime(2026, 3, 1)
    assert first[3].number_format == "yyyy-mm-dd"
    assert first[4].value == local_naive(MOMENT)
    assert first[4].number_format == "yyyy-mm-dd hh:mm"
    assert first[5].number_format == "0.0%"


def test_totals_row_sums_the_summed_columns(workbook: Path) -> None:
    sheet = load_workbook(workbook)["明细"]
    totals = sheet[len(ROWS) + 2]
    assert totals[0].value.startswith("合计")
    assert totals[0].font.b
    assert totals[1].value == 6
    assert Decimal(str(totals[2].value)) == Decimal("1244.60")
    assert totals[3].value is None


def test_text_that_looks_like_a_formula_stays_text_for_openpyxl(workbook: Path) -> None:
    sheet = load_workbook(workbook)["明细"]
    cells = [sheet.cell(row=3 + index, column=1) for index in range(1, len(HOSTILE) + 1)]
    assert [c.value for c in cells] == HOSTILE
    assert all(c.data_type == "s" for c in cells)
    assert all(c.quotePrefix for c in cells)


def test_libreoffice_shows_values_formats_and_totals(as_libreoffice_shows_it) -> None:
    rows = as_libreoffice_shows_it["明细"]
    assert rows[0] == [c.title for c in COLUMNS]
    shown = local_naive(MOMENT).strftime("%Y-%m-%d %H:%M")
    assert rows[1] == ["水晶摆台", "2", "1,234.50", "2026-03-01", shown, "25.0%"]
    assert rows[2][:3] == ["张小梅的大相册 12寸 特别长的名字", "1", "0.10"]
    assert rows[-1][:3] == ["合计", "6", "1,244.60"]
    summary = as_libreoffice_shows_it["汇总"]
    assert summary[1:] == [["件数", "3"], ["总金额", "1,244.60"], ["平均天数", "7.5"]]


def test_libreoffice_never_evaluates_text_as_a_formula(as_libreoffice_shows_it) -> None:
    rows = as_libreoffice_shows_it["明细"]
    assert [row[0] for row in rows[3 : 3 + len(HOSTILE)]] == HOSTILE  # a formula would show 2, 0...
    assert rows[3 + len(HOSTILE)][0] == "-5"


def test_a_table_without_rows_still_has_its_header(tmp_path: Path) -> None:
    book = XlsxBook()
    assert book.add_table("空", COLUMNS, []) == 0
    book.save(tmp_path / "empty.xlsx")
    sheet = load_workbook(tmp_path / "empty.xlsx")["空"]
    assert [c.value for c in sheet[1]] == [c.title for c in COLUMNS]
    assert [c.value for c in sheet[2]][:3] == ["合计", 0, 0]


def test_rows_must_fit_the_columns() -> None:
    with pytest.raises(ValueError, match=f"row has 1 values for {len(COLUMNS)} columns"):
        XlsxBook().add_table("x", COLUMNS, [["only one value"]])


def test_an_unwritable_target_is_refused_and_leaves_no_file(tmp_path: Path) -> None:
    book = XlsxBook()
    book.add_table("x", [Column("a")], [["1"]])
    with pytest.raises(ExportError, match="无法写入"):
        book.save(tmp_path / "missing-folder" / "out.xlsx")
    target = tmp_path / "out.xlsx"
    target.mkdir()  # a folder where the file should go: replace fails
    with pytest.raises(ExportError):
        book.save(target)
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]  # no temp file left behind


def test_sheet_titles_are_made_acceptable() -> None:
    assert safe_sheet_title("3/2026 [对账]*?") == "3_2026 _对账___"
    assert len(safe_sheet_title("x" * 40)) == 31
