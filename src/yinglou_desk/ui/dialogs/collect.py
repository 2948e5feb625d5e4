"""The counter dialog (收取尾款) F8 opens when an order still owes money, or when the
studio wants the customer's signature.

It asks for what the counter needs and checks what it can without the database:
the amount (the balance by default; less is a payment only — nothing is handed
over), how it was paid and the slip's reference; 免收 of the rest with a reason and
a manager's badge or name and password (not needed when the operator at the desk is
a manager); 代取 with the collector's name and phone; the signature when the studio
asks for one. The manager's badge or password is checked afterwards, on a worker,
by the station (a password check is deliberately slow).

The dialog never records anything itself: :attr:`CounterDialog.answer` is what the
station acts on. Tests build it without ``exec()`` and type into it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from yinglou_desk import catalogue
from yinglou_desk.catalogue import text as t
from yinglou_desk.domain.money import MoneyError, PaymentMethod, parse_fen, yuan
from yinglou_desk.domain.records import OperatorInfo
from yinglou_desk.domain.roles import Permission, may
from yinglou_desk.domain.wording import WordedError
from yinglou_desk.ui.widgets.fit_label import FitLabel
from yinglou_desk.ui.widgets.signature_pad import SignaturePad


def may_waive(role: str) -> bool:
    """Managers and admins let a balance go: the roles that may cancel items."""
    return may(role, Permission.CANCEL)


@dataclass(frozen=True)
class CounterRequest:
    """What the dialog is asked about: the order, its balance (fen), the items going home."""

    order_no: str
    customer: str
    due: int
    ready: int
    signature: bool  # the studio wants the customer to sign
    operator: OperatorInfo  # at the desk; a manager approves a waiver themselves


@dataclass(frozen=True)
class ManagerProof:
    """How the approving manager proves who they are: a badge, or name and password."""

    badge: str | None = None
    name: str | None = None
    password: str | None = None


@dataclass(frozen=True)
class CounterAnswer:
    """What staff entered. ``amount`` fen taken now (0: nothing); ``waive_reason`` set:
    the rest of the balance is waived, approved by ``manager`` (None: the operator)."""

    amount: int = 0
    method: PaymentMethod = PaymentMethod.CASH
    reference: str | None = None
    waive_reason: str | None = None
    manager: ManagerProof | None = None
    collector_name: str | None = None
    collector_phone: str | None = None
    signature_png: bytes | None = None

    def waived(self, due: int) -> int:
        return max(due - self.amount, 0) if self.waive_reason else 0

    def settles(self, due: int) -> bool:
        """Whether the items go home: nothing is owed after what is taken and waived."""
        return self.amount + self.waived(due) >= due


class DialogRefused(WordedError):
    """What the dialog will not take as it stands; its text is shown in the dialog."""


class CounterDialog(QDialog):
    """See the module docstring; :attr:`answer` is set when staff confirm."""

    def __init__(self, request: CounterRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.request = request
        self.answer: CounterAnswer | None = None
        self.setWindowTitle(t("pickup_desk.title", order_no=request.order_no))
        self.setObjectName("counter_dialog")
        columns = QHBoxLayout()
        columns.addLayout(self._money_column(), 1)
        columns.addLayout(self._proof_column(), 1)
        self.problem = FitLabel("", self, lines=2)
        self.problem.setObjectName("counter_problem")
        self.problem.setStyleSheet("QLabel { color: #C62828; font-weight: bold; }")
        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton(
            t("pickup_desk.confirm"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setDefault(True)
        buttons.addButton(t("pickup_desk.cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if request.due > 0:
            intro = t("pickup_desk.intro", customer=request.customer, amount=yuan(request.due))
        else:
            intro = t("pickup_desk.intro_paid", customer=request.customer, n=request.ready)
        self.intro = FitLabel(intro, self, lines=2)
        self.intro.setStyleSheet("QLabel { font-size: 14pt; }")
        layout.addWidget(self.intro)
        layout.addLayout(columns, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self._waive_toggled()
        self._proxy_toggled()
        target = self.amount_edit if request.due > 0 else self.ok_button
        target.setFocus()
        self.amount_edit.selectAll()

    # -- building -------------------------------------------------------------------------

    def _money_column(self) -> QFormLayout:
        request = self.request
        form = QFormLayout()
        self.amount_edit = QLineEdit(yuan(request.due) if request.due else "", self)
        self.amount_edit.setObjectName("counter_amount")
        self.amount_edit.setStyleSheet("QLineEdit { font-size: 16pt; }")
        form.addRow(t("pickup_desk.amount"), self.amount_edit)
        self.method_box = QComboBox(self)
        for method in PaymentMethod:
            self.method_box.addItem(catalogue.name("pickup_desk.method", method), method)
        form.addRow(t("pickup_desk.method"), self.method_box)
        self.reference_edit = QLineEdit(self)
        self.reference_edit.setMaxLength(100)
        form.addRow(t("pickup_desk.reference"), self.reference_edit)
        self.waive_box = QCheckBox(t("pickup_desk.waive"), self)
        self.waive_box.toggled.connect(self._waive_toggled)
        form.addRow(self.waive_box)
        self.reason_edit = QLineEdit(self)
        form.addRow(t("pickup_desk.waive_reason"), self.reason_edit)
        self.manager_self = may_waive(request.operator.role)
        self.badge_edit = QLineEdit(self)
        self.manager_name_edit = QLineEdit(self)
        self.manager_password_edit = QLineEdit(self)
        self.manager_password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        if self.manager_self:
            form.addRow(QLabel(t("pickup_desk.manager_self", name=request.operator.name), self))
            for edit in (self.badge_edit, self.manager_name_edit, self.manager_password_edit):
                edit.hide()
        else:
            form.addRow(t("pickup_desk.manager_badge"), self.badge_edit)
            form.addRow(t("pickup_desk.manager_name"), self.manager_name_edit)
            form.addRow(t("pickup_desk.manager_password"), self.manager_password_edit)
        if request.due == 0:  # nothing owed: only the proof of collection is asked
            for row in range(form.rowCount()):
                for role in (QFormLayout.ItemRole.LabelRole, QFormLayout.ItemRole.FieldRole):
                    item = form.itemAt(row, role)
                    widget = item.widget() if item is not None else None
                    if widget is not None:
                        widget.hide()
        return form

    def _proof_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        self.proxy_box = QCheckBox(t("pickup_desk.proxy"), self)
        self.proxy_box.toggled.connect(self._proxy_toggled)
        column.addWidget(self.proxy_box)
        form = QFormLayout()
        self.proxy_name_edit = QLineEdit(self)
        self.proxy_name_edit.setMaxLength(64)
        self.proxy_phone_edit = QLineEdit(self)
        self.proxy_phone_edit.setMaxLength(32)
        form.addRow(t("pickup_desk.proxy_name"), self.proxy_name_edit)
        form.addRow(t("pickup_desk.proxy_phone"), self.proxy_phone_edit)
        column.addLayout(form)
        self.pad: SignaturePad | None = None
        if self.request.signature:
            box = QGroupBox(t("pickup_desk.signature"), self)
            inner = QVBoxLayout(box)
            self.pad = SignaturePad(box)
            inner.addWidget(self.pad)
            clear = QPushButton(t("pickup_desk.signature_clear"), box)
            clear.setAutoDefault(False)
            clear.clicked.connect(self.pad.clear)
            inner.addWidget(clear, 0, Qt.AlignmentFlag.AlignRight)
            column.addWidget(box)
        column.addStretch(1)
        return column

    def _waive_toggled(self, *_: object) -> None:
        on = self.waive_box.isChecked()
        for edit in (
            self.reason_edit,
            self.badge_edit,
            self.manager_name_edit,
            self.manager_password_edit,
        ):
            edit.setEnabled(on)

    def _proxy_toggled(self, *_: object) -> None:
        on = self.proxy_box.isChecked()
        self.proxy_name_edit.setEnabled(on)
        self.proxy_phone_edit.setEnabled(on)

    # -- confirming ------------------------------------------------------------------------

    def accept(self) -> None:
        try:
            self.answer = self.read_answer()
        except (DialogRefused, MoneyError) as refused:
            self.problem.setText(str(refused))
            return
        super().accept()

    def read_answer(self) -> CounterAnswer:
        """What was entered, checked; :class:`DialogRefused` (or :class:`MoneyError`) says
        what is missing."""
        due = self.request.due
        amount = (parse_fen(self.amount_edit.text()) or 0) if due > 0 else 0
        if amount > due:
            raise DialogRefused("pickup_desk.amount_too_much", amount=yuan(amount), due=yuan(due))
        reason, manager = None, None
        if self.waive_box.isChecked() and amount < due:
            reason = self.reason_edit.text().strip()
            if not reason:
                raise DialogRefused("pickup_desk.reason_needed")
            manager = None if self.manager_self else self._manager()
        elif amount == 0 and due > 0:
            raise DialogRefused("pickup_desk.amount_needed")
        name = phone = None
        if self.proxy_box.isChecked():
            name = self.proxy_name_edit.text().strip() or None
            phone = self.proxy_phone_edit.text().strip() or None
            if name is None or phone is None:
                raise DialogRefused("pickup_desk.proxy_incomplete")
        answer = CounterAnswer(
            amount=amount,
            method=PaymentMethod(self.method_box.currentData()),
            reference=self.reference_edit.text().strip() or None,
            waive_reason=reason,
            manager=manager,
            collector_name=name,
            collector_phone=phone,
        )
        signature = None
        if self.pad is not None and answer.settles(due):  # a payment alone is not signed for
            signature = self.pad.png()
            if signature is None:
                raise DialogRefused("pickup_desk.signature_needed")
        return replace(answer, signature_png=signature)

    def _manager(self) -> ManagerProof:
        badge = self.badge_edit.text().strip()
        if badge:
            return ManagerProof(badge=badge)
        name, password = self.manager_name_edit.text().strip(), self.manager_password_edit.text()
        if not name or not password:
            raise DialogRefused("pickup_desk.manager_needed")
        return ManagerProof(name=name, password=password)
