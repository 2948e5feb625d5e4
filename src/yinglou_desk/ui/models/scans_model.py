"""The scans of this station session (the send-out batch list, the check-in log).

Newest first, so the last scan is always the top row; the outcome cell is in
the outcome's palette colour with its word beside it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ...services.scanning import ScanResult
from ..colours import item_state_text, outcome_colours, outcome_text
from ..texts import t
from .formatting import fmt_clock

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("time", "outcome", "code", "product", "order_no", "state", "message")


class ScansModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._results: list[ScanResult] = []

    def add(self, result: ScanResult) -> None:
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._results.insert(0, result)
        self.endInsertRows()

    def clear(self) -> None:
        self.beginResetModel()
        self._results = []
        self.endResetModel()

    def results(self) -> list[ScanResult]:
        return list(self._results)

    def accepted_count(self) -> int:
        return sum(1 for r in self._results if r.outcome.value == "accepted")

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._results)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._results):
            return None
        result = self._results[index.row()]
        column = COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return {
                "time": fmt_clock(result.at),
                "outcome": outcome_text(result.outcome.value),
                "code": result.code,
                "product": result.product or "",
                "order_no": result.order_no or "",
                "state": item_state_text(result.item_state) if result.item_state else "",
                "message": result.message,
            }[column]
        if role == CODE_ROLE:
            return result.code
        if column == "outcome" and role == Qt.ItemDataRole.BackgroundRole:
            return outcome_colours(result.outcome.value)[0]
        if column == "outcome" and role == Qt.ItemDataRole.ForegroundRole:
            return outcome_colours(result.outcome.value)[1]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return t(f"col.{COLUMNS[section]}")
        if orientation == Qt.Orientation.Vertical:
            return str(len(self._results) - section)
        return None
