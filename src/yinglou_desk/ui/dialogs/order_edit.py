"""修改订单资料: the front desk corrects a customer's name or phone, the promised pickup date
and the order's note (:mod:`~yinglou_desk.services.orders.details`).

The dialog stays open, with the reason in red, when the correction cannot be
saved; it closes once the database has it — and when the operator who opened
it logs out or is switched by a badge scan (the service checks whoever saves). Loading and saving run on the
workers like every other database call.

The order's money is shown too: the price (套系金额), editable by whoever may set
prices (managers; the ledger refuses anyone else, whatever the field allows), and
what was paid and is still due, read-only — they follow from the payment rows.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from yinglou_desk.catalogue import text as t
from yinglou_desk.domain.money import parse_typed_fen, yuan
from yinglou_desk.domain.roles import Permission, may
from yinglou_desk.domain.wording import WordedError
from yinglou_desk.services.clock import local_date
from yinglou_desk.services.orders.details import (
    OrderDetails,
    OrderEditRefused,
    correct_order,
    order_details,
)
from yinglou_desk.services.payments.ledger import OrderMoney, money_of, set_price
from yinglou_desk.ui.context import DeskContext
from yinglou_desk.ui.scanning.input import IME_ALLOWED_PROPERTY


class OrderEditDialog(QDialog):
    """One order's correctable details. Signals ``saved(dict)`` with ``{field: [before, after]}``."""

    saved = Signal(object)

    def __init__(
        self,
        ctx: DeskContext,
        details: OrderDetails,
        parent: QWidget | None = None,
        money: OrderMoney | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.details = details
        self.money = money
        self.setWindowTitle(t("edit.title", order=details.order_no))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.customer = QLineEdit(details.customer, self)
        self.customer.setProperty(IME_ALLOWED_PROPERTY, True)  # Chinese names need the IME
        form.addRow(t("edit.customer"), self.customer)
        self.phone = QLineEdit(details.phone or "", self)
        form.addRow(t("edit.phone"), self.phone)
        promised = QHBoxLayout()
        self.promised = QDateEdit(self)
        self.promised.setCalendarPopup(True)
        self.promised.setDisplayFormat("yyyy-MM-dd")
        self.no_promise = QCheckBox(t("edit.no_promise"), self)
        self.no_promise.toggled.connect(lambda off: self.promised.setEnabled(not off))
        # no dates yet: start at the studio's today (the desk's clock, not the machine's day)
        start = details.promised_date or details.shoot_date or local_date(ctx.clock())
        self.promised.setDate(QDate(start.year, start.month, start.day))
        self.no_promise.setChecked(details.promised_date is None)
        self.promised.setEnabled(details.promised_date is not None)
        promised.addWidget(self.promised, 1)
        promised.addWidget(self.no_promise)
        form.addRow(t("edit.promised"), promised)
        self.notes = QPlainTextEdit(details.notes or "", self)
        self.notes.setProperty(IME_ALLOWED_PROPERTY, True)
        self.notes.setMaximumHeight(90)
        form.addRow(t("edit.notes"), self.notes)
        self._money_rows(form, money)
        layout.addLayout(form)
        if details.other_orders:
            shared = QLabel(t("edit.shared", n=details.other_orders), self)
            shared.setWordWrap(True)
            layout.addWidget(shared)
        self.error = QLabel("", self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("QLabel { color: #E53935; font-size: 12pt; }")
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        ctx.session_ended.connect(self.reject)

    def _money_rows(self, form: QFormLayout, money: OrderMoney | None) -> None:
        """套系金额 (managers edit it) and paid / due (read-only)."""
        price = "" if money is None or money.price is None else yuan(money.price).replace(",", "")
        self.price = QLineEdit(price, self)
        self.price.setPlaceholderText(t("payments.no_price"))
        operator = self.ctx.operator
        may_price = operator is not None and may(operator.role, Permission.SET_PRICES)
        self.price.setReadOnly(not may_price)
        if not may_price:
            self.price.setToolTip(t("payments.edit.price_hint"))
        form.addRow(t("payments.edit.price"), self.price)
        paid = 0 if money is None else money.paid
        due = 0 if money is None else money.due
        self.paid_label = QLabel(f"¥{yuan(paid)}", self)
        self.due_label = QLabel(f"¥{yuan(due)}", self)
        if due:
            self.due_label.setStyleSheet("QLabel { color: #E53935; font-weight: bold; }")
        form.addRow(t("payments.edit.paid"), self.paid_label)
        form.addRow(t("payments.edit.due"), self.due_label)

    def price_changed(self) -> bool:
        """Whether the price field says something else than the order's price."""
        before = None if self.money is None else self.money.price
        try:
            return parse_typed_fen(self.price.text()) != before
        except WordedError:
            return True  # a sum that cannot be read: saving says why

    def promised_date(self) -> date | None:
        if self.no_promise.isChecked():
            return None
        value = self.promised.date()
        return date(value.year(), value.month(), value.day())

    def save(self) -> None:
        operator = self.ctx.operator  # None (logged out): correct_order refuses
        engine, clock, order_no = self.ctx.engine, self.ctx.clock, self.details.order_no
        customer, phone = self.customer.text(), self.phone.text()
        promised, notes = self.promised_date(), self.notes.toPlainText()
        price_text = self.price.text() if self.price_changed() else None
        self.buttons.setEnabled(False)
        self.error.setText("")

        def job() -> dict[str, list[object]]:
            priced: dict[str, list[object]] = {}
            if price_text is not None:  # refused (a desk operator, a bad sum): nothing saved
                before, after = set_price(
                    engine, operator, order_no, parse_typed_fen(price_text), clock=clock
                )
                priced = {"price": [before, after]}
            return priced | correct_order(
                engine,
                order_no,
                customer=customer,
                phone=phone,
                promised_date=promised,
                notes=notes,
                actor=operator,
                operator_name=operator.name if operator else "",
                clock=clock,
            )

        self.ctx.ops.write(job, self._saved, self._refused)

    def _saved(self, changed: dict[str, list[object]]) -> None:
        self.buttons.setEnabled(True)
        self.saved.emit(changed)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, OrderEditRefused | PermissionError | WordedError):
            self.error.setText(str(error))
        else:
            self.error.setText(t("error.storage", error=error))
            self.ctx.ops.report_failure(error)


def open_order_editor(
    ctx: DeskContext,
    order_no: str,
    parent: QWidget,
    done: Callable[[dict[str, list[object]]], None],
    show: Callable[[OrderEditDialog], None] = lambda dialog: dialog.open(),
) -> None:
    """Load the order's details, then show the dialog (not blocking); ``done`` after a save."""
    engine = ctx.engine

    def opened(found: tuple[OrderDetails, OrderMoney]) -> None:
        details, money = found
        dialog = OrderEditDialog(ctx, details, parent, money)
        dialog.saved.connect(done)
        show(dialog)

    ctx.ops.read(lambda: (order_details(engine, order_no), money_of(engine, order_no)), opened)
