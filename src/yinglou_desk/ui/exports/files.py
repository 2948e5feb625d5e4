"""Saving a list to .xlsx from any page: choose where, then write off the GUI thread.

Pages snapshot what they show (on the GUI thread, where their models live)
and hand a ``fill(book)`` callable that adds the sheets; the workbook is
written by :class:`~yinglou_desk.services.reports.excel.XlsxBook` on a worker,
so a long list never freezes the window.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from yinglou_desk.catalogue import text as t
from yinglou_desk.services.reports.excel import XlsxBook
from yinglou_desk.ui.context import DeskContext
from yinglou_desk.ui.dialogs.file_choice import XLSX_FILTER, file_dialogs
from yinglou_desk.ui.models.records_model import RecordsModel

Fill = Callable[[XlsxBook], None]


def choose_xlsx(ctx: DeskContext, parent: QWidget | None, suggested: str) -> Path | None:
    """Where to save, through the injectable dialog service; None when cancelled."""
    path = file_dialogs(ctx.dialogs).choose_save_file(
        parent, t("export.title"), suggested, XLSX_FILTER
    )
    if path is not None and path.suffix.lower() != ".xlsx":
        path = path.with_suffix(".xlsx")
    return path


def write_xlsx(
    ctx: DeskContext,
    path: Path,
    fill: Fill,
    done: Callable[[Path], None],
    failed: Callable[[BaseException], None],
) -> None:
    """Write the book on a worker; ``done(path)`` or ``failed(error)`` on the GUI thread."""

    def job() -> Path:
        book = XlsxBook()
        fill(book)
        book.save(path)
        return path

    ctx.ops.read(job, done, failed)


def model_sheet(model: RecordsModel, title: str) -> Fill:
    """A fill that writes ``model`` as shown; the rows are copied now, on the GUI thread."""
    columns, rows = model.export_table()

    def fill(book: XlsxBook) -> None:
        book.add_table(title, columns, rows)

    return fill
