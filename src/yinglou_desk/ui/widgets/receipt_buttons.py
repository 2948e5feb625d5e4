"""A receipt (取件单) printed, printed again, or saved as PDF: 取件 and 查件 share this.

Rendering runs on a worker (:class:`~yinglou_desk.ui.stations.counter_links.CounterLinks`
``receipt_job``); the preview runs through ``run_dialog`` so tests never block. The
buttons act on :attr:`ReceiptButtons.handover_id`: the last hand-over at 取件, the
chosen one in 查件's record. What became of the receipt is said beside them.

Signals:
    done(str): printed, not printed, saved, or why not.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QPushButton, QWidget

from yinglou_desk.catalogue import text as t
from yinglou_desk.services.pickup.counter import receipt_no
from yinglou_desk.ui.context import DeskContext
from yinglou_desk.ui.dialogs.file_choice import file_dialogs
from yinglou_desk.ui.printing.printer import PrintError
from yinglou_desk.ui.printing.receipts import print_receipt
from yinglou_desk.ui.widgets.fit_label import FitLabel

RunDialog = Callable[[QPrintPreviewDialog], int]


class ReceiptButtons(QObject):
    done = Signal(str)

    def __init__(
        self,
        ctx: DeskContext,
        parent: QWidget,
        links: Callable[[], Any],
        run_dialog: Callable[[], RunDialog],
        reprint_key: str = "pickup_desk.reprint",
        pdf_key: str = "pickup_desk.save_pdf",
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.parent_widget = parent
        self._links = links  # the station's CounterLinks, as they are when a button is pressed
        self._run_dialog = run_dialog
        self.handover_id: int | None = None
        self.reprint_button = QPushButton(t(reprint_key), parent)
        self.reprint_button.clicked.connect(lambda _=False: self.print_receipt())
        self.pdf_button = QPushButton(t(pdf_key), parent)
        self.pdf_button.clicked.connect(lambda _=False: self.save_pdf())
        self.status = FitLabel("", parent)
        self._enable()

    def widgets(self) -> list[QWidget]:
        return [self.status, self.reprint_button, self.pdf_button]

    def forget(self) -> None:
        self.handover_id = None
        self.status.clear()
        self._enable()

    def choose(self, handover_id: int | None) -> None:
        self.handover_id = handover_id
        self._enable()

    def _enable(self) -> None:
        for button in (self.reprint_button, self.pdf_button):
            button.setEnabled(self.handover_id is not None)

    def print_receipt(self, handover_id: int | None = None) -> None:
        """The receipt rendered on a worker, then the print preview."""
        if handover_id is not None:
            self.choose(handover_id)
        chosen = self.handover_id
        if chosen is None:
            self._say(t("pickup_desk.no_receipt"))
            return
        engine, render = self.ctx.engine, self._links().receipt_job
        self.ctx.ops.read(
            lambda: render(engine, chosen), lambda job: self._print(job, chosen), self._failed
        )

    def _print(self, job: Any, handover_id: int) -> None:
        receipt = receipt_no(handover_id)
        if not self.parent_widget.isVisible():  # the page went away meanwhile (log-out)
            self._say(t("pickup_desk.not_printed", receipt=receipt))
            return
        try:
            printed = print_receipt(job, self.parent_widget, run_dialog=self._run_dialog())
        except PrintError as error:
            self._say(str(error))
            return
        key = "pickup_desk.printed" if printed else "pickup_desk.not_printed"
        self._say(t(key, receipt=receipt))

    def save_pdf(self, path: Path | None = None) -> None:
        """The chosen receipt as a PDF (``path`` skips the file chooser)."""
        chosen = self.handover_id
        if chosen is None:
            self._say(t("pickup_desk.no_receipt"))
            return
        receipt = receipt_no(chosen)
        path = path or file_dialogs(self.ctx.dialogs).choose_save_file(
            self.parent_widget,
            t("pickup_desk.save_pdf"),
            t("pickup_desk.pdf_file", receipt=receipt),
            "PDF (*.pdf)",
        )
        if path is None:
            return
        target = path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")
        engine, save = self.ctx.engine, self._links().save_receipt_pdf
        self.ctx.ops.read(
            lambda: save(engine, chosen, target),
            lambda _saved: self._say(t("export.saved", path=target)),
            self._failed,
        )

    def _failed(self, error: BaseException) -> None:
        self._say(t("error.failed", error=error))
        self.ctx.ops.report_failure(error)

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.done.emit(text)
