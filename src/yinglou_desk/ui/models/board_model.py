"""Open orders for the board, loaded page by page as the view scrolls.

``canFetchMore``/``fetchMore`` drive the paging: the view asks for more when
its last row comes into sight, the model starts one page query on a worker and
appends the rows when they arrive, so the GUI thread never waits for SQL and
the whole table is never in memory at once. Changing the filter or the sort
starts over (a generation counter drops pages still in flight for the old
query).

Signals:
    loading_changed(bool): a page query started / finished.
    total_changed(int): how many orders match the filter (for the status line).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from yinglou_desk.services.clock import Clock, local_date
from yinglou_desk.services.database import Database
from yinglou_desk.services.orders.board import (
    PAGE_SIZE,
    BoardFilter,
    BoardRow,
    SortKey,
    board_count,
    board_page,
)
from yinglou_desk.ui.models.base import Index, RowsModel
from yinglou_desk.ui.models.formatting import fmt_date, fmt_time
from yinglou_desk.ui.operations import Operations
from yinglou_desk.ui.widgets.colours import progress_colours, progress_text

ORDER_ID_ROLE = Qt.ItemDataRole.UserRole + 1

COLUMNS = (
    "order_no",
    "customer",
    "phone",
    "store",
    "package",
    "progress",
    "items",
    "next_due",
    "promised",
    "updated",
)
_SORT_KEYS = {
    "order_no": SortKey.ORDER_NO,
    "customer": SortKey.CUSTOMER,
    "store": SortKey.STORE,
    "progress": SortKey.PROGRESS,
    "next_due": SortKey.NEXT_DUE_BACK,
    "promised": SortKey.PROMISED,
    "updated": SortKey.UPDATED,
}


def board_value(row: BoardRow, column: str) -> object:
    """What a board row holds in a column, as the board shows it — dates kept as dates, so
    the screen formats them and an Excel export writes real dates (one mapping for both)."""
    return {
        "order_no": row.order_no,
        "customer": row.customer,
        "phone": row.phone or "",
        "store": row.store or "",
        "package": row.package or "",
        "progress": progress_text(row.progress, row.overdue),
        "items": f"{row.items_back}/{row.items_total}",
        "next_due": row.next_due_back,
        "promised": row.promised_date,
        "updated": row.updated_at,
    }[column]


class BoardModel(RowsModel[BoardRow]):
    """See the module docstring."""

    columns = COLUMNS
    coloured_column = "progress"

    loading_changed = Signal(bool)
    total_changed = Signal(int)

    def __init__(
        self, ops: Operations, engine: Database, clock: Clock, page_size: int = PAGE_SIZE
    ) -> None:
        super().__init__()
        self._ops = ops
        self._engine = engine
        self._clock = clock
        self._page_size = page_size
        self._rows: list[BoardRow] = []
        self._filter = BoardFilter()
        self._sort = SortKey.NEWEST
        self._descending = True
        self._exhausted = False
        self._fetching = False
        self._generation = 0
        self.total: int | None = None

    # -- what to show ---------------------------------------------------------------

    def set_filter(self, filt: BoardFilter) -> None:
        self._filter = filt
        self.reload()

    def current_sort(self) -> tuple[SortKey, bool]:
        """The sort the view asked for, as (key, descending): an export keeps it."""
        return self._sort, self._descending

    def current_filter(self) -> BoardFilter:
        return self._filter

    def reload(self) -> None:
        """Start over from the first page (after a filter, sort or data change)."""
        self.beginResetModel()
        self._generation += 1
        self._rows = []
        self._exhausted = False
        self._fetching = False
        self.endResetModel()
        self._count()
        self.fetchMore(QModelIndex())

    def row_at(self, row: int) -> BoardRow:
        return self._rows[row]

    def is_loading(self) -> bool:
        return self._fetching

    # -- lazy loading -----------------------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self._fetching

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        self.loading_changed.emit(True)
        generation = self._generation
        engine, filt, today = self._engine, self._filter, self._today()
        offset, limit, sort, desc = len(self._rows), self._page_size, self._sort, self._descending

        def page() -> list[BoardRow]:
            return board_page(engine, filt, today, offset, limit, sort, desc)

        self._ops.read(
            page,
            lambda rows: self._page_arrived(generation, rows),
            lambda error: self._page_failed(generation, error),
        )

    def _page_arrived(self, generation: int, rows: list[BoardRow]) -> None:
        if generation != self._generation:
            return  # an answer to a query nobody shows any more
        self._fetching = False
        self._exhausted = len(rows) < self._page_size
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self.loading_changed.emit(False)

    def _page_failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self._fetching = False
            self.loading_changed.emit(False)
        self._ops.report_failure(error)

    def _count(self) -> None:
        generation = self._generation
        engine, filt, today = self._engine, self._filter, self._today()

        def count() -> int:
            return board_count(engine, filt, today)

        def arrived(total: int) -> None:
            if generation == self._generation:
                self.total = total
                self.total_changed.emit(total)

        self._ops.read(count, arrived)

    def _today(self) -> date:
        return local_date(self._clock())

    # -- Qt model -------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = (
            _SORT_KEYS.get(COLUMNS[column], SortKey.NEWEST)
            if 0 <= column < len(COLUMNS)
            else SortKey.NEWEST
        )
        self._sort = key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def display(self, row: BoardRow, column: str) -> str:
        value = board_value(row, column)
        if isinstance(value, datetime):
            return fmt_time(value)
        if isinstance(value, date):
            return fmt_date(value)
        return "" if value is None else str(value)

    def colours(self, row: BoardRow) -> tuple[QColor, QColor]:
        return progress_colours(row.progress, row.overdue)

    def role_data(self, row: BoardRow, role: int) -> Any:
        return row.order_id if role == ORDER_ID_ROLE else None
