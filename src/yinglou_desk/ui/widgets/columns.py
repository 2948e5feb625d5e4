"""Table columns as wide as what they hold; the column of words takes the rest.

Staff read codes, order numbers, dates and states at a glance, so those are
never cut ("DM000000…" cannot be checked against a label): every column is
sized to its content (the header included), measured on at most
:data:`MEASURED_ROWS` rows so a long list stays cheap, and sized again when
rows arrive, the model is reset or sorted. The one column of free words (a scan's message, a reason, a
statement's own text) stretches over the room left and is the one cut when
room runs out; its whole text is in the cell's tooltip. A table without such
a column leaves the room to the right empty rather than stretch a code.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QHeaderView, QTableView

from yinglou_desk.ui.models.base import RowsModel

MEASURED_ROWS = 200  # rows measured for a column's width (the visible ones always are)
WORDS_COLUMNS = frozenset({"message", "reason", "text", "note", "notes"})


def words_column(model: RowsModel[Any]) -> int | None:
    """The column of free words that takes the room left (the last, if there are several)."""
    found = None
    for section in range(model.column_count()):
        if model.column_key(section) in WORDS_COLUMNS:
            found = section
    return found


def fit_columns(view: QTableView) -> None:
    """Size ``view``'s columns to their content, the words column stretched; again when rows
    arrive or the model is reset or sorted (a model may change its columns)."""
    model = view.model()
    if not isinstance(model, RowsModel):
        raise TypeError("fit_columns needs a RowsModel")
    view.horizontalHeader().setResizeContentsPrecision(MEASURED_ROWS)
    fitter = _ColumnFitter(view)
    fitter.apply()
    model.modelReset.connect(fitter.apply)
    model.layoutChanged.connect(fitter.apply)
    model.rowsInserted.connect(fitter.apply)


class _ColumnFitter(QObject):
    """Measures the columns when the rows change (not in the header's own ResizeToContents
    mode, whose delayed re-measuring keeps a timer running in every table), so staff may
    still widen a column by hand.

    A child of its view that holds no reference to a model or view of its own, so no
    Python reference cycle keeps a model alive until the garbage collector (which may run
    on a worker thread) gets to it."""

    @Slot()
    def apply(self) -> None:
        view = self.parent()
        model = view.model() if isinstance(view, QTableView) else None
        if not isinstance(view, QTableView) or not isinstance(model, RowsModel):
            return
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        words = words_column(model)
        for section in range(model.column_count()):
            if section == words:
                header.setSectionResizeMode(section, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(section, QHeaderView.ResizeMode.Interactive)
                view.resizeColumnToContents(section)
