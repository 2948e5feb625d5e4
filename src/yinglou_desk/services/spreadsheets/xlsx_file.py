"""Reading an .xlsx (Excel, WPS, LibreOffice, openpyxl, lab software) with openpyxl.

Full mode, not read-only: read-only mode trusts the sheet's ``<dimension>``
tag, and an exporter that writes a stale one would have its sheet cut short
without a word. Full mode also knows merged cells and error cells.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from yinglou_desk.domain.sheet_values import ErrorValue
from yinglou_desk.services.spreadsheets.workbook import (
    Row,
    Sheet,
    Workbook,
    not_a_workbook,
)


def read_xlsx(path: Path) -> Workbook:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    sheets: list[Sheet] = []
    hidden: list[str] = []
    # Opened as a file, not by name: openpyxl refuses a name not ending in .xlsx,
    # and WPS saves .xlsx content under an .xls name.
    with path.open("rb") as handle:
        try:
            book = load_workbook(handle, data_only=True)
        except (
            InvalidFileException,
            zipfile.BadZipFile,
            KeyError,
            OSError,
            ValueError,
            TypeError,  # a damaged part openpyxl cannot map
        ) as error:
            raise not_a_workbook(path, error) from None
        try:
            for sheet in book.worksheets:
                if sheet.sheet_state != "visible":
                    hidden.append(sheet.title)
                    continue
                sheets.append(Sheet(sheet.title, _rows(sheet)))
        finally:
            book.close()
    return Workbook(path.name, "xlsx", sheets, hidden)


def _rows(sheet: object) -> list[Row]:
    grid: list[list[object]] = []
    for row in sheet.iter_rows():  # type: ignore[attr-defined]
        grid.append([_value(cell) for cell in row])
    for merged in sheet.merged_cells.ranges:  # type: ignore[attr-defined]
        top, left = merged.min_row - 1, merged.min_col - 1
        if top >= len(grid):
            continue
        value = grid[top][left] if left < len(grid[top]) else None
        for r in range(top, min(merged.max_row, len(grid))):
            row = grid[r]
            if len(row) < merged.max_col:
                row.extend([None] * (merged.max_col - len(row)))
            for c in range(left, merged.max_col):
                row[c] = value
    return [tuple(row) for row in _trimmed(grid)]


def _value(cell: object) -> object:
    value = cell.value  # type: ignore[attr-defined]
    if cell.data_type == "e":  # type: ignore[attr-defined]
        return ErrorValue(str(value))
    return value


def _trimmed(grid: list[list[object]]) -> list[list[object]]:
    """Trailing rows with nothing in them (a formatted but empty tail) are not rows."""
    end = len(grid)
    while end and all(v is None or v == "" for v in grid[end - 1]):
        end -= 1
    return grid[:end]
