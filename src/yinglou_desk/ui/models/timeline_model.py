"""One order's scan log, oldest first: who did what, when, at which PC, and how it went."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ...domain import messages
from ...services.board import TimelineRow
from ..colours import outcome_colours, outcome_text
from ..texts import t, t_or
from .formatting import fmt_time

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("time", "operator", "workstation", "station", "action", "code", "outcome", "message")


class TimelineModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[TimelineRow] = []

    def set_rows(self, rows: list[TimelineRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            detail = f"（{row.detail}）" if row.detail else ""
            return {
                "time": fmt_time(row.at),
                "operator": row.operator,
                "workstation": row.workstation,
                "station": messages.name_of(messages.STATION_NAMES, row.station),
                "action": t_or(f"action.{row.action}", row.action),
                "code": row.code,
                "outcome": outcome_text(row.outcome),
                "message": row.message + detail,
            }[column]
        if column == "outcome" and role == Qt.ItemDataRole.BackgroundRole:
            return outcome_colours(row.outcome)[0]
        if column == "outcome" and role == Qt.ItemDataRole.ForegroundRole:
            return outcome_colours(row.outcome)[1]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return t(f"col.{COLUMNS[section]}")
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None
