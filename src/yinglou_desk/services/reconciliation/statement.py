"""Opening a vendor's statement file: the first sheet of an .xlsx from Excel, WPS or LibreOffice.

A statement that cannot be read — not a workbook, no header, any unreadable
row — is refused whole with every reason listed; nothing is half-checked.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from yinglou_desk import catalogue
from yinglou_desk.domain.statement_sheet import (
    ColumnChoice,
    Statement,
    StatementError,
    StatementRowError,
    parse_statement,
)
from yinglou_desk.services.orders.importing import ImportRefused, read_rows

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
    dates written without one, else ``today`` does.
    """
    del columns, period, today  # not used yet
    try:
        rows = read_rows(Path(path))
    except ImportRefused as error:
        raise StatementRefused(error.key, None, **error.params) from None
    name = Path(path).name
    try:
        lines, errors = parse_statement(rows)
    except StatementError as error:
        raise StatementRefused("sheets.statement_named", file=name, error=error) from None
    if errors:
        listed = "\n".join(str(e) for e in errors[:MAX_LISTED_ERRORS])
        more = len(errors) - MAX_LISTED_ERRORS
        if more > 0:
            listed += "\n" + catalogue.text("sheets.statement_more", more=more)
        raise StatementRefused(
            "sheets.statement_unreadable", errors, file=name, count=len(errors), listed=listed
        )
    if not lines:
        raise StatementRefused("sheets.statement_empty", file=name)
    return Statement(name, lines)
