"""手机 (managers): the code a new phone scans, and the phones that may scan through this PC.

While this PC's phone server runs (:mod:`~yinglou_desk.ui.phone_service`), the page
shows the QR code of its trust page — where a phone gets the studio's certificate
and goes on to the scanning page — with the address in words, the certificate's
fingerprint (to compare with what the phone shows) and the five steps for a new
phone. When the server is off, a sentence says so, with the button that turns it on.

Below, every phone registered: a phone logs in once from its own page and then
waits here until a manager approves it; 停用 shuts one out at once (a lost phone,
someone who left). Phones register from their side at any time, so the list is
read again every few seconds while the page is on screen. Approving and revoking
are the registry service's (:mod:`~yinglou_desk.services.phones.registry`), which
checks the manager's rights and writes the audit log; the page only asks.

Signals:
    loaded(int): the number of phones now listed.
    changed(str): ``approve`` or ``revoke`` went through.
    refused(str): what was said when a change was refused.
    turn_on_asked(): the manager pressed 开启手机扫码 (the window saves 本机设置).
"""

from __future__ import annotations

from collections.abc import Callable

import segno
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from yinglou_desk.catalogue import text as t
from yinglou_desk.domain.roles import Permission, may
from yinglou_desk.domain.wording import WordedError
from yinglou_desk.services.phones.registry import (
    PhoneInfo,
    approve_phone,
    list_phones,
    revoke_phone,
)
from yinglou_desk.ui.context import Change, DeskContext
from yinglou_desk.ui.models.phones_model import PhonesModel
from yinglou_desk.ui.phone_service import PhoneService, PhoneState
from yinglou_desk.ui.widgets.columns import fit_columns
from yinglou_desk.ui.widgets.fit_label import FitLabel
from yinglou_desk.ui.widgets.session_guard import SessionGuard

REFRESH_MS = 4000  # phones register from their side: the list is read again this often
QR_SCALE = 6  # pixels a module: a phone across the desk reads it at once
PROBLEM_STYLE = "QLabel { color: #E53935; }"
STEPS = 5


def qr_png(url: str, scale: int = QR_SCALE) -> bytes:
    """``url`` as a QR code in PNG: a full QR code (every phone camera reads one; a
    Micro QR, which segno would choose for a short text, many cannot)."""
    from io import BytesIO

    buffer = BytesIO()
    segno.make_qr(url, error="m").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def qr_pixmap(url: str, scale: int = QR_SCALE) -> QPixmap:
    pixmap = QPixmap()
    pixmap.loadFromData(qr_png(url, scale), "PNG")
    return pixmap


def pixmap_png(pixmap: QPixmap) -> bytes:
    """What a pixmap shows, as PNG bytes (to read the code back as a phone would)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pixmap.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


class PhonesPage(QWidget):
    loaded = Signal(int)
    changed = Signal(str)
    refused = Signal(str)
    turn_on_asked = Signal()

    def __init__(
        self, ctx: DeskContext, phones: PhoneService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.phones = phones
        self._guard = SessionGuard()  # late answers of a previous operator are dropped
        self._loading = False
        self._shown_url = ""  # the address the QR code on screen holds
        layout = QVBoxLayout(self)
        layout.addWidget(self._off_part())
        layout.addWidget(self._failed_part())
        self.starting_label = FitLabel(t("phone_desk.starting"), self)
        layout.addWidget(self.starting_label)
        layout.addWidget(self._running_part())

        self.count_label = FitLabel("", self)
        layout.addWidget(self.count_label)
        self.model = PhonesModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        fit_columns(self.table)
        layout.addWidget(self.table, 1)
        actions = QHBoxLayout()
        self.approve_button = self._button(actions, "phone_desk.approve", self.approve_selected)
        self.revoke_button = self._button(actions, "phone_desk.revoke", self.revoke_selected)
        self.status = FitLabel("", self, lines=2)
        actions.addWidget(self.status, 1)
        layout.addLayout(actions)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.reload)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        ctx.operator_changed.connect(self._operator_changed)
        ctx.data_changed.connect(self._data_changed)
        phones.changed.connect(self.show_server)
        self.show_server()
        self._update_buttons()

    # -- the parts -------------------------------------------------------------------------------

    def _off_part(self) -> QWidget:
        self.off_part = QWidget(self)
        box = QVBoxLayout(self.off_part)
        box.setContentsMargins(0, 0, 0, 0)
        self.off_label = FitLabel(t("phone_desk.off"), self.off_part, lines=3)
        box.addWidget(self.off_label)
        row = QHBoxLayout()
        self.turn_on_button = self._button(row, "phone_desk.turn_on", self.turn_on_asked.emit)
        row.addStretch(1)
        box.addLayout(row)
        return self.off_part

    def _failed_part(self) -> QWidget:
        self.failed_part = QWidget(self)
        box = QVBoxLayout(self.failed_part)
        box.setContentsMargins(0, 0, 0, 0)
        self.error_label = FitLabel("", self.failed_part, lines=3)
        self.error_label.setStyleSheet(PROBLEM_STYLE)
        box.addWidget(self.error_label)
        row = QHBoxLayout()
        self.retry_button = self._button(row, "phone_desk.retry", self.phones.retry)
        row.addStretch(1)
        box.addLayout(row)
        return self.failed_part

    def _running_part(self) -> QWidget:
        self.running_part = QWidget(self)
        row = QHBoxLayout(self.running_part)
        row.setContentsMargins(0, 0, 0, 0)
        self.qr_label = QLabel(self.running_part)
        self.qr_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        row.addWidget(self.qr_label)
        words = QVBoxLayout()
        self.address_label = FitLabel("", self.running_part)
        self.address_label.setStyleSheet("QLabel { font-size: 14pt; }")
        self.address_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        words.addWidget(self.address_label)
        self.page_label = FitLabel("", self.running_part)
        words.addWidget(self.page_label)
        self.fingerprint_label = FitLabel("", self.running_part, lines=2)
        words.addWidget(self.fingerprint_label)
        words.addWidget(FitLabel(t("phone_desk.steps"), self.running_part))
        self.step_labels = [
            FitLabel(t(f"phone_desk.step.{n}"), self.running_part) for n in range(1, STEPS + 1)
        ]
        for label in self.step_labels:
            words.addWidget(label)
        words.addStretch(1)
        row.addLayout(words, 1)
        return self.running_part

    def _button(self, row: QHBoxLayout, key: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(t(key), self)
        button.clicked.connect(lambda _=False: slot())
        row.addWidget(button)
        return button

    # -- the server ------------------------------------------------------------------------------

    def show_server(self) -> None:
        """The part that fits the server's state: the code, a refusal, or the way to turn it on."""
        state = self.phones.state
        running = self.phones.running
        self.off_part.setVisible(state is PhoneState.OFF)
        self.failed_part.setVisible(state is PhoneState.FAILED)
        self.starting_label.setVisible(state is PhoneState.STARTING)
        self.running_part.setVisible(state is PhoneState.RUNNING)
        self.turn_on_button.setEnabled(self._is_manager())
        self.retry_button.setEnabled(self._is_manager())
        self.error_label.setText(self.phones.error if state is PhoneState.FAILED else "")
        if running is None:
            self._shown_url = ""
            self.qr_label.clear()
            for label in (self.address_label, self.page_label, self.fingerprint_label):
                label.clear()
            return
        if running.pairing_url != self._shown_url:
            self._shown_url = running.pairing_url
            pixmap = qr_pixmap(running.pairing_url)
            self.qr_label.setPixmap(pixmap)
            self.qr_label.setFixedSize(pixmap.size())
        self.address_label.setText(t("phone_desk.address", url=running.pairing_url))
        self.page_label.setText(t("phone_desk.page_address", url=running.page_url))
        self.fingerprint_label.setText(
            t("phone_desk.fingerprint", fingerprint=running.ca_fingerprint)
        )

    def qr_shown(self) -> QPixmap | None:
        """The QR code on screen, if any."""
        pixmap = self.qr_label.pixmap()
        return None if pixmap is None or pixmap.isNull() else pixmap

    # -- whose page it is ------------------------------------------------------------------------

    def _is_manager(self) -> bool:
        operator = self.ctx.operator
        return operator is not None and may(operator.role, Permission.CHANGE_SETTINGS)

    def _operator_changed(self, _operator: object) -> None:
        self._guard.next_session()
        self._loading = False
        self.model.clear()
        self.count_label.clear()
        self._say("")
        self.show_server()
        self._update_buttons()
        if self._is_manager() and self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        """On screen: read the list now, then every few seconds until the page is left."""
        super().showEvent(event)
        if self._is_manager():
            self.reload()
            self._timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._timer.stop()

    def _data_changed(self, _change: Change) -> None:
        if self.isVisible():
            self.reload()

    # -- the list ------------------------------------------------------------------------------------

    def reload(self) -> None:
        if not self._is_manager() or self._loading:
            return
        self._loading = True
        engine = self.ctx.engine
        self.ctx.ops.read(
            lambda: list_phones(engine),
            self._guard.still(self._loaded),
            self._guard.still(self._load_failed),
        )

    def _loaded(self, phones: list[PhoneInfo]) -> None:
        self._loading = False
        if not self._is_manager():
            return
        chosen = self.selected_id()
        self.model.set_phones(phones)
        if chosen is not None:
            self.select(chosen)
        waiting = sum(phone.status == "waiting" for phone in phones)
        self.count_label.setText(t("phone_desk.count", n=len(phones), waiting=waiting))
        self._update_buttons()
        self.loaded.emit(len(phones))

    def _load_failed(self, error: BaseException) -> None:
        self._loading = False
        self._say(t("error.failed", error=error), problem=True)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()).id if rows else None

    def select(self, phone_id: int) -> None:
        row = self.model.row_of(phone_id)
        if row is not None:
            self.table.selectRow(row)

    def _update_buttons(self) -> None:
        manager = self._is_manager()
        phone = self.model.phone(self.selected_id())
        # a revoked phone may be approved again: that is a new decision, said in the audit log
        self.approve_button.setEnabled(manager and phone is not None and phone.status != "approved")
        self.revoke_button.setEnabled(manager and phone is not None and phone.status != "revoked")

    # -- approving and revoking ----------------------------------------------------------------------

    def approve_selected(self) -> None:
        phone = self.model.phone(self.selected_id())
        if phone is not None:
            self._change("approve", phone, approve_phone)

    def revoke_selected(self) -> None:
        phone = self.model.phone(self.selected_id())
        if phone is None:
            return
        question = t("phone_desk.revoke_question", name=phone.name)
        if self.ctx.dialogs.confirm(self, t("phone_desk.revoke"), question):
            self._change("revoke", phone, revoke_phone)

    def _change(self, action: str, phone: PhoneInfo, job: Callable[..., None]) -> None:
        engine, actor, clock, phone_id = (
            self.ctx.engine,
            self.ctx.operator,
            self.ctx.clock,
            phone.id,
        )

        def done(_result: object) -> None:
            self._say(t(f"phone_desk.done.{action}", name=phone.name))
            self.changed.emit(action)
            self.reload()

        self.ctx.ops.write(
            lambda: job(engine, actor, phone_id, clock=clock),
            self._guard.still(done),
            self._guard.still(self._refused),
        )

    def _refused(self, error: BaseException) -> None:
        said = str(error) if isinstance(error, WordedError | PermissionError) else None
        text = said or t("error.failed", error=error)
        self._say(text, problem=True)
        self.refused.emit(text)
        self.reload()

    def _say(self, text: str, problem: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(PROBLEM_STYLE if problem else "")
