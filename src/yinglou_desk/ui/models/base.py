"""What the desk's table models share: rows of records, named columns, one coloured column.

A model says how a row reads in a column (:meth:`RowsModel.display`), which
colours its state column gets (:meth:`RowsModel.colours`) and what extra roles
it answers (:meth:`RowsModel.role_data`); counting, bounds, headers, tooltips
and colour roles are done once here, so every model behaves the same.
"""

from __future__ import annotations

from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ...catalogue import text as t

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")


class RowsModel(QAbstractTableModel, Generic[Row]):
    columns: ClassVar[tuple[str, ...]] = ()
    coloured_column: ClassVar[str] = ""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []

    # -- what a model says about its rows -------------------------------------------------

    def display(self, row: Row, column: str) -> str:
        raise NotImplementedError

    def colours(self, _row: Row) -> tuple[QColor, QColor] | None:
        """(background, text) of the coloured column, or None for no colour."""
        return None

    def role_data(self, _row: Row, _role: int) -> Any:
        """Answers for the model's own roles (codes, ids); None otherwise."""
        return None

    # -- Qt -----------------------------------------------------------------------------------

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.display(row, column)
        if column == self.coloured_column and role in (
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            colours = self.colours(row)
            if colours is None:
                return None
            return colours[0] if role == Qt.ItemDataRole.BackgroundRole else colours[1]
        if role >= Qt.ItemDataRole.UserRole:
            return self.role_data(row, role)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return t(f"col.{self.columns[section]}")
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None
