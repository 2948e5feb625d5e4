"""A shelf audit's findings as a table: the finding in colour AND words, then what it
means, the code, the order, the customer and the value."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from yinglou_desk.catalogue import text as t
from yinglou_desk.domain.money import yuan
from yinglou_desk.domain.palette import STATE_COLOURS
from yinglou_desk.domain.shelf_audit import FindingKind
from yinglou_desk.services.shelf.audit import Finding, describe
from yinglou_desk.ui.models.base import RowsModel

# finding → colour key of the palette: missing red, misplaced orange, stale purple,
# found green, unknown grey
KIND_COLOURS = {
    FindingKind.MISSING: "problem",
    FindingKind.MISPLACED: "overdue",
    FindingKind.STALE: "rework",
    FindingKind.FOUND: "ready",
    FindingKind.UNKNOWN: "registered",
}
CODE_ROLE = Qt.ItemDataRole.UserRole + 1


class FindingsModel(RowsModel[Finding]):
    columns: ClassVar[tuple[str, ...]] = (
        "kind",
        "what",
        "code",
        "order_no",
        "customer",
        "product",
        "value",
    )
    coloured_column: ClassVar[str] = "kind"

    def set_findings(self, findings: list[Finding]) -> None:
        self.beginResetModel()
        self._rows = list(findings)
        self.endResetModel()

    def findings(self) -> list[Finding]:
        return list(self._rows)

    def header(self, section: int) -> str:
        return t(f"shelf_audit.col.{self.columns[section]}")

    def display(self, row: Finding, column: str) -> str:
        if column == "kind":
            return t(f"shelf_audit.kind.{row.kind.value}")
        if column == "what":
            return describe(row)
        if column == "value":
            return "" if row.value_fen is None else yuan(row.value_fen)
        value = getattr(row, column)
        return "" if value is None else str(value)

    def colours(self, row: Finding) -> tuple[QColor, QColor]:
        background, text = STATE_COLOURS[KIND_COLOURS[row.kind]]
        return QColor(background), QColor(text)

    def alignment(self, section: int) -> int | None:
        if self.columns[section] == "value":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def role_data(self, row: Finding, role: int) -> object:
        return row.code if role == CODE_ROLE else None
