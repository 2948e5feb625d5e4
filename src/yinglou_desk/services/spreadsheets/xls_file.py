"""Reading an old-format .xls (Excel 97–2003, WPS, older lab software) with xlrd.

xlrd keeps what the others lose: error cells (``#N/A``) by their code, merged
cells (with ``formatting_info``) and which sheets are hidden. Dates are cells
of number type with a date format; they come back as ``datetime``.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from yinglou_desk.domain.sheet_values import ErrorValue
from yinglou_desk.services.spreadsheets.workbook import Row, Sheet, Workbook, not_a_workbook


def read_xls(path: Path) -> Workbook:
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    except NotImplementedError:  # some writers' files lack formatting records
        book = _open_plain(path)
    except (xlrd.XLRDError, OSError, ValueError, AssertionError, IndexError, KeyError) as error:
        raise not_a_workbook(path, error) from None
    sheets: list[Sheet] = []
    hidden: list[str] = []
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            if sheet.visibility:  # 1 hidden, 2 very hidden
                hidden.append(sheet.name)
                continue
            sheets.append(Sheet(sheet.name, _rows(book, sheet)))
    except (xlrd.XLRDError, AssertionError, IndexError, KeyError, ValueError) as error:
        raise not_a_workbook(path, error) from None
    finally:
        book.release_resources()
    return Workbook(path.name, "xls", sheets, hidden)


def _open_plain(path: Path) -> object:
    import xlrd

    try:
        return xlrd.open_workbook(str(path), on_demand=True)
    except (xlrd.XLRDError, OSError, ValueError, AssertionError, IndexError, KeyError) as error:
        raise not_a_workbook(path, error) from None


def _rows(book: object, sheet: object) -> list[Row]:
    grid = [
        [_value(book, sheet.cell(r, c)) for c in range(sheet.ncols)]  # type: ignore[attr-defined]
        for r in range(sheet.nrows)  # type: ignore[attr-defined]
    ]
    for top, bottom, left, right in getattr(sheet, "merged_cells", []):
        if top >= len(grid):
            continue
        value = grid[top][left]
        for r in range(top, min(bottom, len(grid))):
            for c in range(left, min(right, len(grid[r]))):
                grid[r][c] = value
    while grid and all(v is None for v in grid[-1]):
        grid.pop()
    return [tuple(row) for row in grid]


def _value(book: object, cell: object) -> object:
    import xlrd

    kind, value = cell.ctype, cell.value  # type: ignore[attr-defined]
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if kind == xlrd.XL_CELL_TEXT:
        return value if value.strip() else None
    if kind == xlrd.XL_CELL_NUMBER:
        return int(value) if float(value).is_integer() else value
    if kind == xlrd.XL_CELL_DATE:
        try:
            moment: datetime = xlrd.xldate.xldate_as_datetime(value, book.datemode)  # type: ignore[attr-defined]
        except (xlrd.xldate.XLDateError, ValueError, OverflowError):
            return value
        return moment
    if kind == xlrd.XL_CELL_BOOLEAN:
        return bool(value)
    if kind == xlrd.XL_CELL_ERROR:
        return ErrorValue(xlrd.error_text_from_code.get(value, "#VALUE!"))
    return value
