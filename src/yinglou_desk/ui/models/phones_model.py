"""The 手机 page's table: one registered phone a row — its name, whether it may scan, who
approved it, and when, by whom and from where it was last used.

Rows come from :func:`~yinglou_desk.services.phones.registry.list_phones` (run on a
worker). The status column is coloured and says it in words too: amber for a phone
waiting for a manager (something to do), green approved, grey revoked.
"""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from yinglou_desk.catalogue import text as t
from yinglou_desk.catalogue import text_or as t_or
from yinglou_desk.services.phones.registry import PhoneInfo
from yinglou_desk.ui.models.base import RowsModel
from yinglou_desk.ui.models.formatting import fmt_time
from yinglou_desk.ui.widgets.colours import colours_for

PHONE_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the phone's id, whatever the column
STATUS_COLOURS = {"waiting": "partial", "approved": "ready", "revoked": "cancelled"}


class PhonesModel(RowsModel[PhoneInfo]):
    columns: ClassVar[tuple[str, ...]] = (
        "name",
        "status",
        "registered",
        "approved_by",
        "last_seen",
        "last_operator",
        "last_address",
    )
    coloured_column: ClassVar[str] = "status"

    def set_phones(self, phones: list[PhoneInfo]) -> None:
        self.beginResetModel()
        self._rows = list(phones)
        self.endResetModel()

    def clear(self) -> None:
        self.set_phones([])

    def header(self, section: int) -> str:
        return t(f"phone_desk.col.{self.columns[section]}")

    def display(self, row: PhoneInfo, column: str) -> str:
        if column == "name":
            return row.name
        if column == "status":
            return status_text(row.status)
        if column == "registered":
            return fmt_time(row.registered_at)
        if column == "approved_by":
            return row.approved_by or ""
        if column == "last_seen":
            return fmt_time(row.last_seen_at)
        if column == "last_operator":
            return row.last_operator or ""
        return row.last_address or ""

    def colours(self, row: PhoneInfo) -> tuple[QColor, QColor]:
        return colours_for(STATUS_COLOURS.get(row.status, "problem"))

    def role_data(self, row: PhoneInfo, role: int) -> Any:
        return row.id if role == PHONE_ID_ROLE else None

    def phone(self, phone_id: int | None) -> PhoneInfo | None:
        return next((p for p in self._rows if p.id == phone_id), None)

    def row_of(self, phone_id: int) -> int | None:
        return next((i for i, p in enumerate(self._rows) if p.id == phone_id), None)


def status_text(status: str) -> str:
    """A phone's status in words (a status from a newer program: as it is)."""
    return t_or(f"phone_desk.status.{status}", status)
