"""The board and query results to .xlsx "as shown": the same columns, words and order.

The board is lazy (only the pages scrolled to are loaded), so its export
pages through the same query with the same filter and sort on a worker and
streams the rows into the workbook; small views (查件) are copied cell by
cell from their model on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractItemModel, Qt

from yinglou_desk.catalogue import text as t
from yinglou_desk.services.database import Database
from yinglou_desk.services.orders.board import BoardFilter, BoardRow, SortKey, board_page
from yinglou_desk.services.reports.excel import Column, XlsxBook
from yinglou_desk.ui.exports.files import Fill
from yinglou_desk.ui.models.board_model import COLUMNS as BOARD_COLUMNS
from yinglou_desk.ui.models.board_model import board_value

_EXPORT_PAGE = 2000
_KINDS: dict[str, Any] = {"next_due": "date", "promised": "date", "updated": "datetime"}


def board_columns() -> list[Column]:
    return [Column(t(f"col.{c}"), _KINDS.get(c, "text")) for c in BOARD_COLUMNS]


def board_cells(row: BoardRow) -> list[object]:
    """One board row as the board shows it (dates as real dates for Excel)."""
    return [board_value(row, c) for c in BOARD_COLUMNS]


def board_rows(
    engine: Database, filt: BoardFilter, today: date, sort: SortKey, descending: bool
) -> Iterator[list[object]]:
    """Every order the filter matches, in the board's order, a page at a time (worker)."""
    offset = 0
    while True:
        page = board_page(engine, filt, today, offset, _EXPORT_PAGE, sort, descending)
        for row in page:
            yield board_cells(row)
        if len(page) < _EXPORT_PAGE:
            return
        offset += len(page)


def board_sheet(
    engine: Database, filt: BoardFilter, today: date, sort: SortKey, descending: bool
) -> Fill:
    def fill(book: XlsxBook) -> None:
        book.add_table(
            t("page.board").split(" ")[0],
            board_columns(),
            board_rows(engine, filt, today, sort, descending),
        )

    return fill


def view_sheet(model: QAbstractItemModel, title: str) -> Fill:
    """Any small table model as on screen (display texts); copied now, on the GUI thread."""
    columns = [
        Column(str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
        for c in range(model.columnCount())
    ]
    rows = [
        [model.index(r, c).data() or "" for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]

    def fill(book: XlsxBook) -> None:
        book.add_table(title, columns, rows)

    return fill
