"""Opening a vendor's statement file: the first sheet of an .xlsx from Excel, WPS or LibreOffice.

A statement that cannot be read — not a workbook, no header, any unreadable
row — is refused whole with every reason listed; nothing is half-checked.
"""

from __future__ import annotations

from pathlib import Path

from ..domain.statement_sheet import (
    StatementError,
    StatementLine,
    StatementRowError,
    parse_statement,
)
from .importing import ImportRefused, read_rows

MAX_LISTED_ERRORS = 20


class StatementRefused(Exception):
    """The statement cannot be used; ``errors`` lists the unreadable rows, if that is why."""

    def __init__(self, message: str, errors: list[StatementRowError] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or []


def read_statement(path: Path) -> list[StatementLine]:
    """Every billed line of the statement, or :class:`StatementRefused`."""
    try:
        rows = read_rows(Path(path))
    except ImportRefused as error:
        raise StatementRefused(str(error)) from None
    try:
        lines, errors = parse_statement(rows)
    except StatementError as error:
        raise StatementRefused(f"{Path(path).name}：{error}") from None
    if errors:
        listed = "\n".join(str(e) for e in errors[:MAX_LISTED_ERRORS])
        more = len(errors) - MAX_LISTED_ERRORS
        if more > 0:
            listed += f"\n……另有 {more} 处 / {more} more"
        raise StatementRefused(
            f"对账单 {Path(path).name} 有 {len(errors)} 处无法读取，未做核对 / "
            f"{len(errors)} unreadable cell(s), nothing checked:\n{listed}",
            errors,
        )
    if not lines:
        raise StatementRefused(
            f"对账单 {Path(path).name} 没有任何计费行 / the statement has no billed lines"
        )
    return lines
