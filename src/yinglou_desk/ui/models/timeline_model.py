"""One order's scan log, oldest first: who did what, when, at which PC, and how it went."""

from __future__ import annotations

from PySide6.QtGui import QColor

from ... import catalogue
from ...catalogue import text_or as t_or
from ...services.board import TimelineRow
from ..colours import outcome_colours, outcome_text
from .base import RowsModel
from .formatting import fmt_time

COLUMNS = ("time", "operator", "workstation", "station", "action", "code", "outcome", "message")


class TimelineModel(RowsModel[TimelineRow]):
    columns = COLUMNS
    coloured_column = "outcome"

    def set_rows(self, rows: list[TimelineRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def display(self, row: TimelineRow, column: str) -> str:
        detail = f"（{row.detail}）" if row.detail else ""
        return {
            "time": fmt_time(row.at),
            "operator": row.operator,
            "workstation": row.workstation,
            "station": catalogue.name("station", row.station),
            "action": t_or(f"action.{row.action}", row.action),
            "code": row.code,
            "outcome": outcome_text(row.outcome),
            "message": row.message + detail,
        }[column]

    def colours(self, row: TimelineRow) -> tuple[QColor, QColor]:
        return outcome_colours(row.outcome)
