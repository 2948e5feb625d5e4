"""Rows of plain records (dicts) as a table: the due lists, the figures, the statement check.

The services hand back small lists of dicts (a due list, a figures table, the
findings of a statement check); this model shows them with one
:class:`RecordColumn` per column. One column may carry the row's *status*:
its cell gets the palette colour of the status and its words, so colour is
never the only cue. :meth:`export_table` gives the same columns and cells, as
shown, for :class:`~yinglou_desk.services.excel_export.XlsxBook`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ...services.excel_export import Column, ColumnKind
from ..colours import colours_for

Index = QModelIndex | QPersistentModelIndex
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


class RecordsModel(QAbstractTableModel):
    """See the module docstring. No signals of its own beyond Qt's model signals."""

    def __init__(
        self,
        columns: Sequence[RecordColumn],
        status: StatusFn | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._status = status
        self._rows: list[Record] = []

    def set_rows(self, rows: Sequence[Record]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Record]:
        return list(self._rows)

    def status_of(self, row: int) -> tuple[str, str]:
        """The palette key and words of a row's status (``("registered", "")`` without one)."""
        return self._status(self._rows[row]) if self._status else ("registered", "")

    # -- Qt model ---------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self.columns):
            return None
        record = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == RECORD_ROLE:
            return record
        if column.status:
            key, words = self.status_of(index.row())
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return words
            if role == Qt.ItemDataRole.BackgroundRole:
                return colours_for(key)[0]
            if role == Qt.ItemDataRole.ForegroundRole:
                return colours_for(key)[1]
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return _shown(record.get(column.key), column.kind)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind != "text":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].title
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    # -- as shown, for Excel ---------------------------------------------------------------

    def export_table(self) -> tuple[list[Column], list[list[Any]]]:
        """The columns and rows as on screen (status words, typed numbers and dates)."""
        columns = [
            Column(c.title, "text" if c.status else c.kind, total=c.total) for c in self.columns
        ]
        rows = []
        for number, record in enumerate(self._rows):
            cells: list[Any] = []
            for column in self.columns:
                if column.status:
                    cells.append(self.status_of(number)[1])
                else:
                    cells.append(_excel_value(record.get(column.key), column.kind))
            rows.append(cells)
        return columns, rows
