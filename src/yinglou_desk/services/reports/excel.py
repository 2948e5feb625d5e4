"""Any list to .xlsx, formatted as a person expects, fast enough for 100,000 rows.

Built on openpyxl's *write-only* mode: rows stream straight to the file, so
memory stays flat however long the list. Everything that write-only mode needs
before the first row (column widths, frozen header) is settled from the column
specs and a small sample of the first rows; the auto filter and the totals row
are added at the end, when the last row is known.

Safety: text that begins with ``=``, ``+``, ``-``, ``@`` (or a tab / carriage
return) is written as a *text* cell with Excel's quote prefix, never as a
formula — an export may carry names or notes typed by anyone, and a vendor
opening the file must not run them (formula / CSV injection).

Totals are written as numbers computed here (exact, with ``Decimal``) rather
than as ``SUM()`` formulas: readers without a calculation engine (openpyxl,
pandas, a vendor's import script) then see the figure too.

Usage::

    book = XlsxBook()
    book.add_table("明细", [Column("条码"), Column("金额", "money", total=True)], rows)
    book.add_pairs("汇总", [("件数", 12), ("总金额", Decimal("1200.00"))])
    book.save(Path("out.xlsx"))
"""

from __future__ import annotations

import os
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from itertools import chain, islice
from pathlib import Path
from typing import Any, Literal

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from yinglou_desk import catalogue
from yinglou_desk.domain.wording import WordedError

ColumnKind = Literal["text", "int", "number", "money", "date", "datetime", "percent"]

NUMBER_FORMATS: dict[str, str] = {
    "int": "0",
    "number": "0.0",
    "money": "#,##0.00",
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
    "percent": "0.0%",
}
# Characters that make Excel, WPS or LibreOffice treat typed text as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
MAX_WIDTH = 60.0
_SAMPLE_ROWS = 200
_KIND_WIDTH = {"date": 10.0, "datetime": 16.0, "money": 12.0, "int": 6.0, "number": 8.0}
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
_TOTAL_FONT = Font(bold=True)
_BAD_TITLE_CHARS = str.maketrans({ch: "_" for ch in "[]:*?/\\"})


class ExportError(WordedError):
    """The workbook cannot be written (disk full, folder missing, file open in Excel)."""


@dataclass(frozen=True)
class Column:
    """One column of a table: its header, how its cells are formatted, whether it is summed.

    ``width`` is in characters (a CJK character counts two); ``None`` sizes the
    column from its header and the first rows.
    """

    title: str
    kind: ColumnKind = "text"
    width: float | None = None
    total: bool = False


def in_language(columns: Iterable[Column], lang: str | None = None) -> list[Column]:
    """Columns whose titles are catalogue keys, titled in ``lang`` (default: the current one).

    Lets a module declare its columns once, at import, and still write the headers
    in the language the program speaks when the file is written.
    """
    return [replace(column, title=catalogue.text(column.title, lang)) for column in columns]


def display_width(value: object) -> float:
    """Roughly how many character widths a value needs (CJK counts double)."""
    text = value if isinstance(value, str) else str(value)
    return float(sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text))


def safe_sheet_title(title: str) -> str:
    """A sheet name Excel accepts: no ``[]:*?/\\``, at most 31 characters."""
    cleaned = title.translate(_BAD_TITLE_CHARS).strip("'") or "Sheet"
    return cleaned[:31]


def local_naive(moment: datetime) -> datetime:
    """Excel has no time zones: aware moments are shown in the PC's local time."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone().replace(tzinfo=None)


class XlsxBook:
    """A workbook being written sheet by sheet; call :meth:`save` once at the end."""

    def __init__(self) -> None:
        self._book = Workbook(write_only=True)
        self._saved = False

    def add_table(
        self,
        title: str,
        columns: Sequence[Column],
        rows: Iterable[Sequence[object]],
        *,
        totals_label: str | None = None,
        auto_filter: bool = True,
    ) -> int:
        """Write a header, the rows and (when a column is summed) a totals row.

        Returns the number of data rows written. Rows must have one value per
        column (``None`` for an empty cell). The totals row is labelled
        ``totals_label``, by default "合计" / "Total" in the current language.
        """
        if totals_label is None:
            totals_label = catalogue.text("exports.total")
        sheet = self._book.create_sheet(safe_sheet_title(title))
        iterator = iter(rows)
        sample = list(islice(iterator, _SAMPLE_ROWS))
        for row in sample:  # later rows are checked by zip(strict=True) as they stream
            if len(row) != len(columns):
                raise ValueError(f"row has {len(row)} values for {len(columns)} columns: {row!r}")
        for index, width in enumerate(_column_widths(columns, sample), start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        sheet.append([_header_cell(sheet, column.title) for column in columns])

        converters = [_converter(sheet, column.kind) for column in columns]
        summed = [index for index, column in enumerate(columns) if column.total]
        sums: dict[int, Any] = dict.fromkeys(summed, 0)
        count = 0
        append = sheet.append
        for row in chain(sample, iterator):
            append([convert(value) for convert, value in zip(converters, row, strict=True)])
            for index in summed:
                value = row[index]
                if value is not None:
                    sums[index] += value
            count += 1

        last_column = get_column_letter(len(columns))
        if auto_filter:
            sheet.auto_filter.ref = f"A1:{last_column}{count + 1}"
        if summed:
            sheet.append(_totals_row(sheet, columns, sums, totals_label))
        return count

    def add_pairs(
        self,
        title: str,
        pairs: Sequence[tuple[str, object]],
        *,
        heading: tuple[str, str] | None = None,
        formats: dict[str, ColumnKind] | None = None,
    ) -> None:
        """A two-column summary sheet (label, value); values formatted by their type.

        ``heading`` defaults to "项目 / 数值" ("Item / Value") in the current language.
        ``formats`` names the kind of a value whose type alone does not say it
        (``Decimal`` is money by default; a turnaround in days is ``number``).
        """
        if heading is None:
            heading = (catalogue.text("exports.item"), catalogue.text("exports.value"))
        formats = formats or {}
        sheet = self._book.create_sheet(safe_sheet_title(title))
        label_width = max(
            [display_width(h) for h in heading[:1]] + [display_width(k) for k, _ in pairs]
        )
        sheet.column_dimensions["A"].width = min(label_width + 2, MAX_WIDTH)
        sheet.column_dimensions["B"].width = 24
        sheet.freeze_panes = "A2"
        sheet.append([_header_cell(sheet, heading[0]), _header_cell(sheet, heading[1])])
        for label, value in pairs:
            kind = formats.get(label) or _kind_of(value)
            sheet.append([_text_cell(sheet, label), _converter(sheet, kind)(value)])

    def save(self, path: Path) -> None:
        """Write the file atomically: a half-written export never replaces a good one."""
        if self._saved:
            raise ExportError("exports.already_saved")
        if not self._book.worksheets:
            self._book.create_sheet("Sheet")
        path = Path(path)
        try:
            handle, temp_name = tempfile.mkstemp(
                prefix=".~" + path.stem, suffix=".xlsx", dir=path.parent
            )
        except OSError as error:
            raise ExportError("exports.cannot_write", path=path, error=error.strerror) from None
        os.close(handle)
        try:
            self._book.save(temp_name)
            os.replace(temp_name, path)
        except OSError as error:
            Path(temp_name).unlink(missing_ok=True)
            raise ExportError(
                "exports.cannot_write_open", path=path, error=error.strerror
            ) from None
        self._saved = True


def _kind_of(value: object) -> ColumnKind:
    if isinstance(value, datetime):
        return "datetime"
    if isinstance(value, date):
        return "date"
    if isinstance(value, Decimal):
        return "money"
    if isinstance(value, bool):
        return "text"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "number"
    return "text"


def _column_widths(columns: Sequence[Column], sample: Sequence[Sequence[object]]) -> list[float]:
    widths = []
    for index, column in enumerate(columns):
        if column.width is not None:
            widths.append(column.width)
            continue
        wanted = max(display_width(column.title), _KIND_WIDTH.get(column.kind, 4.0))
        if column.kind in ("text", "int", "number", "money"):
            for row in sample:
                value = row[index]
                if value is not None:
                    wanted = max(wanted, display_width(value))
        widths.append(min(wanted + 2, MAX_WIDTH))
    return widths


def _header_cell(sheet: Any, title: str) -> Cell:
    cell = _text_cell(sheet, title)
    cell.font = _HEADER_FONT
    cell.fill = _HEADER_FILL
    cell.alignment = _HEADER_ALIGN
    return cell


def _text_cell(sheet: Any, text: str) -> Cell:
    return (
        _as_text(sheet, text) if text.startswith(FORMULA_TRIGGERS) else WriteOnlyCell(sheet, text)
    )


def _as_text(sheet: Any, text: str) -> Cell:
    """A cell that shows ``text`` literally even when it looks like a formula."""
    cell = WriteOnlyCell(sheet, text)
    cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
    cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
    return cell


def _converter(sheet: Any, kind: ColumnKind) -> Callable[[object], object]:
    """How one column's values become cells.

    Plain values go to openpyxl as they are (its fastest path); only values
    that need a number format get a cell of their own, copied from one styled
    template cell per column so the style is looked up once, not per row.
    """
    if kind in ("text", "int"):  # General shows whole numbers as they are: no style needed

        def text(value: object) -> object:
            if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
                return _as_text(sheet, value)
            if isinstance(value, datetime):
                return local_naive(value)
            return value

        return text

    template = WriteOnlyCell(sheet)
    template.number_format = NUMBER_FORMATS[kind]
    style = template._style  # a StyleArray; copying it is how openpyxl copies styles

    def formatted(value: object) -> object:
        if value is None:
            return None
        if isinstance(value, datetime):
            value = local_naive(value)
        elif isinstance(value, str):
            return text_or_value(value)
        return Cell(sheet, row=1, column=1, value=value, style_array=style)

    def text_or_value(value: str) -> object:
        return _as_text(sheet, value) if value.startswith(FORMULA_TRIGGERS) else value

    return formatted


def _totals_row(
    sheet: Any, columns: Sequence[Column], sums: dict[int, Any], label: str
) -> list[object]:
    row: list[object] = []
    label_placed = False
    for index, column in enumerate(columns):
        if index in sums:
            cell = WriteOnlyCell(sheet, sums[index])
            cell.number_format = NUMBER_FORMATS.get(column.kind, "General")
        elif not label_placed:
            cell = WriteOnlyCell(sheet, label)
            label_placed = True
        else:
            row.append(None)
            continue
        cell.font = _TOTAL_FONT
        row.append(cell)
    return row
