"""The scans of this station session (the send-out batch list, the check-in log).

Newest first, so the last scan is always the top row; the outcome cell is in
the outcome's palette colour with its word beside it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor

from yinglou_desk.services.scanning.service import ScanResult
from yinglou_desk.ui.models.base import RowsModel
from yinglou_desk.ui.models.formatting import fmt_clock
from yinglou_desk.ui.widgets.colours import item_state_text, outcome_colours, outcome_text

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("time", "outcome", "code", "product", "order_no", "state", "message")


class ScansModel(RowsModel[ScanResult]):
    columns = COLUMNS
    coloured_column = "outcome"

    def add(self, result: ScanResult) -> None:
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._rows.insert(0, result)
        self.endInsertRows()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows = []
        self.endResetModel()

    def results(self) -> list[ScanResult]:
        return list(self._rows)

    def accepted_count(self) -> int:
        return sum(1 for r in self._rows if r.outcome.value == "accepted")

    def display(self, row: ScanResult, column: str) -> str:
        return {
            "time": fmt_clock(row.at),
            "outcome": outcome_text(row.outcome.value),
            "code": row.code,
            "product": row.product or "",
            "order_no": row.order_no or "",
            "state": item_state_text(row.item_state) if row.item_state else "",
            "message": row.message,
        }[column]

    def colours(self, row: ScanResult) -> tuple[QColor, QColor]:
        return outcome_colours(row.outcome.value)

    def role_data(self, row: ScanResult, role: int) -> Any:
        return row.code if role == CODE_ROLE else None
