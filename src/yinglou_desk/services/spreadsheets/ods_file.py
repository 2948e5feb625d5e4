"""Reading an .ods (LibreOffice's and WPS's OpenDocument spreadsheet) from its XML.

An .ods is a zip whose ``content.xml`` lists each table's rows and cells; a
run of equal rows or cells is written once with a repeat count, a merge as a
span on its first cell. Hidden sheets are tables whose style says
``table:display="false"``; an error cell carries ``calcext:value-type="error"``
and its text (``#N/A``). Read with the standard library: no reader on PyPI
keeps both error cells and merges.
"""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree

from yinglou_desk.domain.sheet_values import ErrorValue
from yinglou_desk.services.spreadsheets.workbook import Row, Sheet, Workbook, not_a_workbook

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "calcext": "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0",
}
MAX_REPEAT = 10_000  # a repeated row or cell with a value is never spread wider than this


def _q(prefix: str, name: str) -> str:
    return f"{{{_NS[prefix]}}}{name}"


_CELL, _COVERED = _q("table", "table-cell"), _q("table", "covered-table-cell")
_ROW = _q("table", "table-row")


def read_ods(path: Path) -> Workbook:
    try:
        with zipfile.ZipFile(path) as archive:
            content = archive.read("content.xml")
        root = ElementTree.fromstring(content)
    except (KeyError, zipfile.BadZipFile, OSError, ElementTree.ParseError) as error:
        raise not_a_workbook(path, error) from None
    hidden_styles = {
        style.get(_q("style", "name"))
        for style in root.iter(_q("style", "style"))
        if style.get(_q("style", "family")) == "table"
        and any(
            props.get(_q("table", "display")) == "false"
            for props in style.iter(_q("style", "table-properties"))
        )
    }
    sheets: list[Sheet] = []
    hidden: list[str] = []
    for table in root.iter(_q("table", "table")):
        name = table.get(_q("table", "name")) or ""
        if table.get(_q("table", "style-name")) in hidden_styles:
            hidden.append(name)
            continue
        sheets.append(Sheet(name, _rows(table)))
    return Workbook(path.name, "ods", sheets, hidden)


def _rows(table: ElementTree.Element) -> list[Row]:
    grid: list[list[object]] = []
    spans: list[tuple[int, int, int, int]] = []  # top, left, bottom (excl.), right (excl.)
    for row in table.iter(_ROW):
        cells: list[object] = []
        for cell in row:
            if cell.tag not in (_CELL, _COVERED):
                continue
            repeat = int(cell.get(_q("table", "number-columns-repeated"), "1"))
            value = None if cell.tag == _COVERED else _value(cell)
            if value is None:
                cells.extend([None] * min(repeat, MAX_REPEAT))
                continue
            across = int(cell.get(_q("table", "number-columns-spanned"), "1"))
            down = int(cell.get(_q("table", "number-rows-spanned"), "1"))
            if across > 1 or down > 1:
                spans.append((len(grid), len(cells), len(grid) + down, len(cells) + across))
            cells.extend([value] * min(repeat, MAX_REPEAT))
        while cells and cells[-1] is None:
            cells.pop()
        repeat_rows = int(row.get(_q("table", "number-rows-repeated"), "1"))
        grid.extend(list(cells) for _ in range(min(repeat_rows, MAX_REPEAT) if cells else 1))
        if not cells and repeat_rows > 1:
            grid.extend([] for _ in range(min(repeat_rows, MAX_REPEAT) - 1))
    while grid and not grid[-1]:
        grid.pop()
    for top, left, bottom, right in spans:
        value = grid[top][left]
        for r in range(top, min(bottom, len(grid))):
            row_cells = grid[r]
            if len(row_cells) < right:
                row_cells.extend([None] * (right - len(row_cells)))
            for c in range(left, right):
                row_cells[c] = value
    return [tuple(row) for row in grid]


def _value(cell: ElementTree.Element) -> object:
    office = _NS["office"]
    kind = cell.get(f"{{{office}}}value-type")
    if cell.get(_q("calcext", "value-type")) == "error":
        return ErrorValue(_text(cell) or "#VALUE!")
    if kind in ("float", "percentage", "currency"):
        raw = cell.get(f"{{{office}}}value", "")
        try:
            number = float(raw)
        except ValueError:
            return _text(cell)
        return (
            int(number)
            if number.is_integer() and "." not in raw and "e" not in raw.lower()
            else number
        )
    if kind == "date":
        raw = cell.get(f"{{{office}}}date-value", "")
        try:
            moment = datetime.fromisoformat(raw)
        except ValueError:
            return _text(cell)
        return moment.date() if "T" not in raw else moment
    if kind == "boolean":
        return cell.get(f"{{{office}}}boolean-value") == "true"
    if kind == "string" and cell.get(f"{{{office}}}string-value") is not None:
        return cell.get(f"{{{office}}}string-value") or None
    text = _text(cell)
    return text or None


def _text(cell: ElementTree.Element) -> str:
    """The cell's paragraphs, with ODF's encoded spaces, tabs and line breaks restored."""
    paragraphs = [_flatten(p) for p in cell.iter(_q("text", "p"))]
    return "\n".join(paragraphs)


def _flatten(element: ElementTree.Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag == _q("text", "s"):
            parts.append(" " * int(child.get(_q("text", "c"), "1")))
        elif child.tag == _q("text", "tab"):
            parts.append("\t")
        elif child.tag == _q("text", "line-break"):
            parts.append("\n")
        else:
            parts.append(_flatten(child))
        parts.append(child.tail or "")
    return "".join(parts)
