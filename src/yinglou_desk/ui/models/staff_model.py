"""The 员工 page's table: one staff account a row — name, role, active or disabled, badge.

Rows come from :func:`~yinglou_desk.services.staff.roster.list_staff` (a
bounded query, run on a worker); the state column is coloured (green at work,
grey disabled) and says it in words too.
"""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from yinglou_desk import catalogue
from yinglou_desk.catalogue import text as t
from yinglou_desk.services.staff.roster import StaffMember
from yinglou_desk.ui.models.base import RowsModel
from yinglou_desk.ui.models.formatting import fmt_date
from yinglou_desk.ui.widgets.colours import colours_for

NAME_ROLE = Qt.ItemDataRole.UserRole + 1  # the account's name, whatever the column


class StaffModel(RowsModel[StaffMember]):
    columns: ClassVar[tuple[str, ...]] = ("name", "role", "state", "badge", "created")
    coloured_column: ClassVar[str] = "state"

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.total = 0

    def set_members(self, members: list[StaffMember], total: int) -> None:
        self.beginResetModel()
        self._rows = list(members)
        self.total = total
        self.endResetModel()

    def clear(self) -> None:
        self.set_members([], 0)

    def header(self, section: int) -> str:
        return t(f"staff_page.col.{self.columns[section]}")

    def display(self, row: StaffMember, column: str) -> str:
        if column == "name":
            return row.name
        if column == "role":
            return catalogue.name("role", row.role)
        if column == "state":
            return t("staff_page.active" if row.active else "staff_page.disabled")
        if column == "badge":
            return row.badge_code
        return fmt_date(row.created_at.astimezone().date() if row.created_at else None)

    def colours(self, row: StaffMember) -> tuple[QColor, QColor]:
        return colours_for("ready" if row.active else "registered")

    def role_data(self, row: StaffMember, role: int) -> Any:
        return row.name if role == NAME_ROLE else None

    def member_named(self, name: str) -> StaffMember | None:
        return next((m for m in self._rows if m.name == name), None)
