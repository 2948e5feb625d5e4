"""Rows of plain records (dicts) as a table: the due lists, the figures, the statement check.

The services hand back small lists of dicts (a due list, a figures table, the
findings of a statement check); this model shows them with one
:class:`RecordColumn` per column. One column may carry the row's *status*:
its cell gets the palette colour of the status and its words, so colour is
never the only cue. :meth:`export_table` gives the same columns and cells, as
shown, for :class:`~yinglou_desk.services.reports.excel.XlsxBook`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from yinglou_desk.services.reports.excel import Column, ColumnKind
from yinglou_desk.ui.models.base import RowsModel
from yinglou_desk.ui.widgets.colours import colours_for

Record = dict[str, Any]
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
# a record → (palette key, words); the words are shown in the status column
StatusFn = Callable[[Record], tuple[str, str]]


@dataclass(frozen=True)
class RecordColumn:
    """``key`` of the record, the header text, the Excel kind; ``status``: the coloured cell."""

    key: str
    title: str
    kind: ColumnKind = "text"
    status: bool = False
    total: bool = False


def _shown(value: Any, kind: ColumnKind) -> str:
    if value is None:
        return ""
    if kind in ("date", "datetime") and isinstance(value, str):
        value = _excel_value(value, kind)
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.strftime("%Y-%m-%d %H:%M")
    if kind == "percent" and isinstance(value, int | float):
        return f"{value:.1%}"
    if kind == "number" and isinstance(value, int | float):
        return f"{value:.1f}"
    if kind == "money" and value is not None:
        return f"{value:,.2f}"
    if isinstance(value, datetime):
        return value.astimezone().strftime("%Y-%m-%d %H:%M")
    return str(value)


def _excel_value(value: Any, kind: ColumnKind) -> Any:
    """Typed cells for Excel: ISO dates from the services become real dates."""
    if kind == "date" and isinstance(value, str) and value:
        return date.fromisoformat(value[:10])
    if kind == "datetime" and isinstance(value, str) and value:
        moment = datetime.fromisoformat(value)
        return moment.astimezone().replace(tzinfo=None) if moment.tzinfo else moment
    return value


class RecordsModel(RowsModel[Record]):
    """See the module docstring: a :class:`RowsModel` whose columns come at run time."""

    def __init__(
        self,
        columns: Sequence[RecordColumn],
        status: StatusFn | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.record_columns = list(columns)
        self._status = status

    def set_rows(self, rows: Sequence[Record]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Record]:
        return list(self._rows)

    def status_of(self, row: int) -> tuple[str, str]:
        """The palette key and words of a row's status (``("registered", "")`` without one)."""
        return self._status_of_record(self._rows[row])

    def _status_of_record(self, record: Record) -> tuple[str, str]:
        return self._status(record) if self._status else ("registered", "")

    # -- the run-time columns ---------------------------------------------------------------

    def column_count(self) -> int:
        return len(self.record_columns)

    def header(self, section: int) -> str:
        return self.record_columns[section].title

    def column_key(self, section: int) -> str:
        return self.record_columns[section].key

    def display_at(self, row: Record, section: int) -> str:
        column = self.record_columns[section]
        if column.status:
            return self._status_of_record(row)[1]
        return _shown(row.get(column.key), column.kind)

    def is_coloured(self, section: int) -> bool:
        return self.record_columns[section].status

    def colours(self, row: Record) -> tuple[QColor, QColor]:
        return colours_for(self._status_of_record(row)[0])

    def alignment(self, section: int) -> int | None:
        column = self.record_columns[section]
        if column.status or column.kind == "text":
            return None
        return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def role_data(self, row: Record, role: int) -> Any:
        return row if role == RECORD_ROLE else None

    # -- as shown, for Excel ---------------------------------------------------------------

    def export_table(self) -> tuple[list[Column], list[list[Any]]]:
        """The columns and rows as on screen (status words, typed numbers and dates)."""
        columns = [
            Column(c.title, "text" if c.status else c.kind, total=c.total)
            for c in self.record_columns
        ]
        rows = []
        for number, record in enumerate(self._rows):
            cells: list[Any] = []
            for column in self.record_columns:
                if column.status:
                    cells.append(self.status_of(number)[1])
                else:
                    cells.append(_excel_value(record.get(column.key), column.kind))
            rows.append(cells)
        return columns, rows
