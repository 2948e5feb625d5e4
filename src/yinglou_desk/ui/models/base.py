"""What the desk's table models share: rows of records, named columns, one coloured column.

A model says how a row reads in a column (:meth:`RowsModel.display`), which
colours its state column gets (:meth:`RowsModel.colours`) and what extra roles
it answers (:meth:`RowsModel.role_data`); counting, bounds, headers, tooltips
and colour roles are done once here, so every model behaves the same.

Models with fixed columns name them in ``columns`` (keys of the ``col.*`` headers in
the catalogue); a model whose columns are chosen at run time (the due lists, the
statement check) overrides :meth:`column_count`, :meth:`header`, :meth:`column_key`,
:meth:`display_at` and :meth:`is_coloured` instead.
"""

from __future__ import annotations

from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from yinglou_desk.catalogue import text as t

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

    # -- the columns (fixed by default; run-time column sets override these) ----------------

    def column_count(self) -> int:
        return len(self.columns)

    def header(self, section: int) -> str:
        return t(f"col.{self.columns[section]}")

    def column_key(self, section: int) -> str:
        """What a column holds ("code", "message"…): how wide it is drawn depends on it."""
        return self.columns[section]

    def display_at(self, row: Row, section: int) -> str:
        return self.display(row, self.columns[section])

    def is_coloured(self, section: int) -> bool:
        return self.columns[section] == self.coloured_column

    def alignment(self, _section: int) -> int | None:
        """The cell alignment of a column (numbers to the right); None: Qt's default."""
        return None

    # -- Qt -----------------------------------------------------------------------------------

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.column_count()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        section = index.column()
        if not 0 <= section < self.column_count():
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.display_at(row, section)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.alignment(section)
        if self.is_coloured(section) and role in (
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
        if orientation == Qt.Orientation.Horizontal and 0 <= section < self.column_count():
            return self.header(section)
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None
