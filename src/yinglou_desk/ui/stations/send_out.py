"""发件: scan items into a send-out batch for one vendor (or each item's planned vendor).

The batch list shows every scan of this session, newest on top, refused ones
in red with the reason; the count above it is what actually went out.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QTableView, QWidget

from ...domain.states import Station
from ...services.scanning import ScanResult
from ...services.vendors import all_vendors
from ..context import DeskContext
from ..models.scans_model import ScansModel
from ..texts import t
from .base import StationPage


class SendOutPage(StationPage):
    station = Station.SEND_OUT

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        self.batch = ScansModel()
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
        self.layout_.addLayout(bar)
        self.table = QTableView(self)
        self.table.setModel(self.batch)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.layout_.addWidget(self.table, 1)
        self.load_vendors()

    def load_vendors(self) -> None:
        engine = self.ctx.engine

        def load() -> list[tuple[int, str]]:
            with engine.connect() as conn:
                return sorted((v.id, v.name) for v in all_vendors(conn).values())

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
        self.batch.add(result)
        self._update_count()

    def _update_count(self) -> None:
        self.count_label.setText(t("send.batch", n=self.batch.accepted_count()))
