"""发件: scan items into a send-out batch for one vendor (or each item's planned vendor).

The batch list shows every scan of this session, newest on top, refused ones
in red with the reason; the count above it is what actually went out. The
batch's manifest (发件单, one per vendor) prints with a preview or saves as
a PDF; rendering runs on a worker.

A row shows its item as it is now: an undo (F6) marks its row undone with the
state it went back to (and it no longer counts), and a move of a listed item
here or on another PC updates its state cell.

Signals:
    manifest_done(str): what happened to the manifest (printed, saved, nothing to print).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QTableView, QWidget

from yinglou_desk.catalogue import text as t
from yinglou_desk.domain.states import ScanOutcome, Station
from yinglou_desk.services.clock import local_date
from yinglou_desk.services.orders.query import OrderView, orders_by_id
from yinglou_desk.services.scanning.service import ScanResult
from yinglou_desk.services.scanning.undo import UndoResult
from yinglou_desk.services.settings.vendors import vendor_choices
from yinglou_desk.ui.context import Change, DeskContext
from yinglou_desk.ui.dialogs.file_choice import file_dialogs
from yinglou_desk.ui.models.scans_model import ScansModel
from yinglou_desk.ui.printing.manifests import manifest_job, save_manifests
from yinglou_desk.ui.printing.printer import PrintError, PrintJob, exec_dialog, print_with_preview
from yinglou_desk.ui.stations.base import StationPage
from yinglou_desk.ui.widgets.columns import fit_columns

UNDONE_KEY = "orders.undo.done"  # the message key of an undone row


def _counts(row: ScanResult) -> bool:
    """Whether a row is an item that went out in this batch (accepted, not undone)."""
    return row.outcome is ScanOutcome.ACCEPTED and row.message_key != UNDONE_KEY


class SendOutPage(StationPage):
    station = Station.SEND_OUT
    manifest_done = Signal(str)
    # how the print preview is shown; tests replace it so nothing blocks
    run_print_dialog: Callable[[QPrintPreviewDialog], int] = staticmethod(exec_dialog)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        self.batch = ScansModel()
        self._version = 0  # rows added or changed: a state read started before is stale
        super().__init__(ctx, parent)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(t("send.vendor")))
        self.vendor_box = QComboBox(self)
        self.vendor_box.addItem(t("send.planned"), None)
        self.vendor_box.currentIndexChanged.connect(self._vendor_chosen)
        bar.addWidget(self.vendor_box, 1)
        self.count_label = QLabel(t("send.batch", n=0))
        bar.addWidget(self.count_label, 1)
        self.new_batch = QPushButton(t("send.clear"), self)
        self.new_batch.clicked.connect(self.start_new_batch)
        bar.addWidget(self.new_batch)
        self.print_button = QPushButton(t("send.print"), self)
        self.print_button.clicked.connect(lambda _=False: self.print_manifest())
        bar.addWidget(self.print_button)
        self.pdf_button = QPushButton(t("send.pdf"), self)
        self.pdf_button.clicked.connect(lambda _=False: self.save_manifest())
        bar.addWidget(self.pdf_button)
        self.layout_.addLayout(bar)
        self.table = QTableView(self)
        self.table.setModel(self.batch)
        fit_columns(self.table)  # codes and order numbers whole, the message takes the rest
        self.layout_.addWidget(self.table, 1)
        self.load_vendors()

    def load_vendors(self) -> None:
        engine = self.ctx.engine

        def load() -> list[tuple[int, str]]:
            return vendor_choices(engine)

        self.ctx.ops.read(load, self._vendors_loaded)

    def _vendors_loaded(self, vendors: list[tuple[int, str]]) -> None:
        chosen = self.vendor_box.currentData()
        self.vendor_box.blockSignals(True)
        while self.vendor_box.count() > 1:
            self.vendor_box.removeItem(1)
        for vendor_id, name in vendors:
            self.vendor_box.addItem(name, vendor_id)
        found = self.vendor_box.findData(chosen)
        self.vendor_box.setCurrentIndex(max(found, 0))
        self.vendor_box.blockSignals(False)

    def choose_vendor(self, name: str | None) -> None:
        index = 0 if name is None else self.vendor_box.findText(name)
        if index < 0:
            raise ValueError(f"unknown vendor {name!r}")
        self.vendor_box.setCurrentIndex(index)
        self._vendor_chosen()

    def _vendor_chosen(self, *_: object) -> None:
        if self.session is not None:
            self.session.vendor_id = self.vendor_box.currentData()

    def session_started(self) -> None:
        self._vendor_chosen()
        self.batch.clear()
        self._update_count()

    def start_new_batch(self) -> None:
        """A fresh batch (发件单): the next item sent opens a new batch per vendor."""
        if self.session is not None:
            self.session.batch_ids.clear()
        self.batch.clear()
        self._update_count()

    def show_result(self, result: ScanResult) -> None:
        super().show_result(result)
        self._version += 1
        self.batch.add(result)
        self._update_count()

    def _update_count(self) -> None:
        n = sum(1 for row in self.batch.results() if _counts(row))
        self.count_label.setText(t("send.batch", n=n))

    # -- the rows tell the truth ---------------------------------------------------------

    def _show_rows(self, rows: list[ScanResult]) -> None:
        """The batch list anew, ``rows`` newest first."""
        self._version += 1
        self.batch.clear()
        for row in reversed(rows):
            self.batch.add(row)
        self._update_count()

    def show_undone(self, result: UndoResult) -> None:
        """The newest row of the undone item says so, with the state it went back to."""
        rows = self.batch.results()
        for index, row in enumerate(rows):
            if row.code == result.code and _counts(row):
                rows[index] = replace(
                    row,
                    item_state=result.item_state,
                    message=result.message,
                    message_key=result.message_key,
                )
                self._show_rows(rows)
                return

    def refresh_shown(self, change: Change) -> None:
        """Listed items moved (an undo, another page, another PC): their states as now."""
        listed = {r.order_id for r in self.batch.results() if r.order_id is not None}
        touched = listed if change.everything else listed & change.order_ids
        if not touched:
            return
        engine, today, version = self.ctx.engine, local_date(self.ctx.clock()), self._version

        def arrived(orders: list[OrderView]) -> None:
            if version != self._version:  # a scan came in meanwhile: read again
                self.refresh_shown(change)
                return
            states = {item.code: item.state for order in orders for item in order.items}
            rows = self.batch.results()
            now = [
                replace(r, item_state=states[r.code])
                if r.code in states and r.item_state != states[r.code]
                else r
                for r in rows
            ]
            if now != rows:
                self._show_rows(now)

        self.ctx.ops.read(lambda: orders_by_id(engine, sorted(touched), today), arrived)

    # -- manifest (发件单) ------------------------------------------------------------------

    def _batch_ids(self) -> list[int]:
        return sorted(self.session.batch_ids.values()) if self.session else []

    def print_manifest(self) -> None:
        """The batch's manifests, rendered on a worker, printed through the preview."""
        engine, ids = self.ctx.engine, self._batch_ids()
        self.ctx.ops.read(lambda: manifest_job(engine, ids), self._print, self._manifest_failed)

    def _print(self, job: PrintJob | None) -> None:
        if job is None:
            self.manifest_done.emit(self._say(t("send.no_batch"), "problem"))
            return
        try:
            printed = print_with_preview(job, self, run_dialog=type(self).run_print_dialog)
        except PrintError as error:
            self.manifest_done.emit(self._say(str(error), "problem"))
            return
        key = "send.printed" if printed else "send.not_printed"
        self.manifest_done.emit(self._say(t(key), "ready" if printed else "registered"))

    def save_manifest(self, path: Path | None = None) -> None:
        """The batch's manifests as a PDF (``path`` skips the file chooser)."""
        ids = self._batch_ids()
        if not ids:
            self.manifest_done.emit(self._say(t("send.no_batch"), "problem"))
            return
        path = path or file_dialogs(self.ctx.dialogs).choose_save_file(
            self, t("send.pdf"), t("send.pdf_file"), "PDF (*.pdf)"
        )
        if path is None:
            return
        target = path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")
        engine = self.ctx.engine
        self.ctx.ops.read(
            lambda: save_manifests(engine, ids, target),
            lambda paths: self.manifest_done.emit(
                self._say(t("export.saved", path=paths[0] if paths else target), "ready")
            ),
            self._manifest_failed,
        )

    def _manifest_failed(self, error: BaseException) -> None:
        self.manifest_done.emit(self._say(t("error.failed", error=error), "problem"))

    def _say(self, text: str, colour: str) -> str:
        self.panel.show_message(colour, text)
        return text
