"""One order's scan log, oldest first: who did what, when, at which PC, and how it went."""

from __future__ import annotations

from PySide6.QtGui import QColor

from yinglou_desk import catalogue
from yinglou_desk.catalogue import text_or as t_or
from yinglou_desk.services.orders.board import TimelineRow
from yinglou_desk.ui.models.base import RowsModel
from yinglou_desk.ui.models.formatting import fmt_time
from yinglou_desk.ui.widgets.colours import outcome_colours, outcome_text

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
