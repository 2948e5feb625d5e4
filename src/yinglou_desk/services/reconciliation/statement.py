"""Opening a vendor's statement file: every sheet of an .xlsx, .xls, .ods or CSV, as labs send them.

A lab may send one sheet per week beside a 汇总 that repeats them; each sheet
holding a statement table is read, the summary left out so nothing is billed
twice. Totals, footers and repeated headers are skipped and listed, not
refused. A statement with an unreadable line is refused whole with every
reason listed; nothing is half-checked. When no header can be found the
manager is shown the first rows to point at the code and amount columns
(:class:`StatementNeedsColumns`), and the choice is read the same way.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from yinglou_desk import catalogue
from yinglou_desk.domain.statement_sheet import (
    HEADER_SEARCH_ROWS,
    PREVIEW_ROWS,
    ColumnChoice,
    SheetLayout,
    Statement,
    StatementRowError,
    choose_layout,
    describe_layout,
    drop_repeating_sheets,
    find_layout,
    find_stated_period,
    full_dates,
    preview_rows,
    read_sheet,
    statement_year,
)
from yinglou_desk.services.spreadsheets.workbook import Sheet, WorkbookRefused, read_workbook

MAX_LISTED_ERRORS = 20


class StatementRefused(Exception):
    """The statement cannot be used; ``errors`` lists the unreadable rows, if that is why.

    ``key`` and ``params`` name the message in the catalogue.
    """

    def __init__(
        self, key: str, errors: list[StatementRowError] | None = None, **params: object
    ) -> None:
        super().__init__(catalogue.text(key, None, **params))
        self.key = key
        self.params = params
        self.errors = errors or []


class StatementNeedsColumns(StatementRefused):
    """The code or amount column cannot be told from the headers: a person must point at them.

    ``sheet`` is the sheet concerned, ``preview`` its first rows as text (what
    the 对账 page shows so the manager can choose), ``headers`` the header row
    found, if any (its index in ``preview``, else None).
    """

    def __init__(
        self,
        key: str,
        *,
        sheet: str,
        preview: list[tuple[str, ...]],
        header_row: int | None = None,
        **params: object,
    ) -> None:
        super().__init__(key, None, **params)
        self.sheet = sheet
        self.preview = preview
        self.header_row = header_row


def read_statement(
    path: Path,
    *,
    columns: ColumnChoice | None = None,
    period: tuple[date, date] | None = None,
    today: date | None = None,
) -> Statement:
    """Every billed line of the statement, or :class:`StatementRefused`.

    ``columns`` overrides the code and amount columns (a manager's choice,
    remembered per vendor); ``period`` (first and last day) gives the year to
    dates written without one, else the statement's own 结算周期, its other
    dates, or ``today`` (the date nearest before it) do.
    """
    try:
        book = read_workbook(Path(path))
    except WorkbookRefused as error:
        raise StatementRefused(error.key, None, **error.params) from None
    name = book.file
    if not book.sheets:
        raise StatementRefused("sheets.statement_empty", file=name)
    found: list[tuple[Sheet, SheetLayout]] = []
    ignored: list[tuple[str, str]] = []
    for sheet in book.sheets:
        layout = choose_layout(sheet.rows, columns) if columns else find_layout(sheet.rows)
        if layout is None:
            ignored.append((sheet.name, "statements.sheet.no_table"))
        else:
            found.append((sheet, layout))
    if not found:
        raise _needs_columns(book.sheets[0], name, columns)
    stated = next(
        (
            p
            for sheet, layout in found
            if (p := find_stated_period(sheet.rows[: layout.header_row]))
        ),
        None,
    )
    dated = [day for sheet, layout in found for day in full_dates(sheet.rows, layout)]
    year_for = statement_year(period, stated, dated, today or date.today())
    readings = [read_sheet(sheet.name, sheet.rows, layout, year_for) for sheet, layout in found]
    kept, dropped = drop_repeating_sheets(readings)
    order = [sheet.name for sheet in book.sheets]
    ignored = sorted(ignored + dropped, key=lambda item: order.index(item[0]))
    ignored += [(hidden, "statements.sheet.hidden") for hidden in book.hidden]
    errors = [error for reading in kept for error in reading.errors]
    if errors:
        raise _unreadable(name, errors, several=len(kept) > 1)
    lines = [line for reading in kept for line in reading.lines]
    if not lines:
        raise StatementRefused("sheets.statement_empty", file=name)
    totals = [reading.stated_total for reading in kept]
    return Statement(
        name,
        lines,
        skipped=[row for reading in kept for row in reading.skipped],
        sheets_read=[reading.sheet for reading in kept],
        sheets_ignored=ignored,
        stated_total=(
            sum((t for t in totals if t is not None), Decimal("0.00"))
            if all(t is not None for t in totals)
            else None
        ),
        columns=columns,
        stated_period=stated,
        read_from=describe_layout(found[0][0].rows, found[0][1]),
        first_sheet=found[0][0].name,
        preview=preview_rows(found[0][0].rows),
        header_row=found[0][1].header_row if found[0][1].header_row < PREVIEW_ROWS else None,
    )


def _needs_columns(sheet: Sheet, name: str, choice: ColumnChoice | None) -> StatementNeedsColumns:
    """The refusal that shows the manager the first rows to point at the columns."""
    found = find_layout(sheet.rows)
    preview = preview_rows(sheet.rows)
    header_row = found.header_row if found and found.header_row < len(preview) else None
    if choice is None:
        return StatementNeedsColumns(
            "statements.needs_columns",
            sheet=sheet.name,
            preview=preview,
            header_row=header_row,
            file=name,
            rows=HEADER_SEARCH_ROWS,
        )
    unset = catalogue.text("statements.choice_unset")
    return StatementNeedsColumns(
        "statements.choice_missing",
        sheet=sheet.name,
        preview=preview,
        header_row=header_row,
        file=name,
        code=choice.code or unset,
        amount=choice.amount or unset,
    )


def _unreadable(name: str, errors: list[StatementRowError], *, several: bool) -> StatementRefused:
    shown = [
        catalogue.text("statements.on_sheet", sheet=e.sheet, error=str(e)) if several else str(e)
        for e in errors[:MAX_LISTED_ERRORS]
    ]
    listed = "\n".join(shown)
    more = len(errors) - MAX_LISTED_ERRORS
    if more > 0:
        listed += "\n" + catalogue.text("sheets.statement_more", more=more)
    return StatementRefused(
        "sheets.statement_unreadable", errors, file=name, count=len(errors), listed=listed
    )
