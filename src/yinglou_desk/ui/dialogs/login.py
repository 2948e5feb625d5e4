"""登录: scan a badge (the normal way) or type name and password.

Checking runs on a worker (a password check is deliberately slow). Badge scans
reach this page through :meth:`on_scanned`, like every scan; the main window
also routes a badge scanned on any other page here, which is how switching
operator is one scan.

Signals:
    logged_in(object): the :class:`OperatorInfo` who is now at the desk.
    login_failed(str): a badge or password was refused (or the database could
        not be asked); the text says why, as shown on this page.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from yinglou_desk import catalogue
from yinglou_desk.catalogue import text as t
from yinglou_desk.services.staff.auth import LoginFailed, login_by_badge, login_with_password
from yinglou_desk.services.staff.operators import OperatorInfo
from yinglou_desk.ui.context import DeskContext


class LoginPage(QWidget):
    logged_in = Signal(object)
    login_failed = Signal(str)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        title = QLabel(t("login.title"), self)
        font = QFont(title.font())
        font.setPointSize(26)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        self.status = QLabel("", self)
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setStyleSheet("QLabel { font-size: 16pt; }")
        layout.addWidget(self.status)
        hint = QLabel(t("login.or"), self)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(hint)
        form = QFormLayout()
        self.name_edit = QLineEdit(self)
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.returnPressed.connect(self.login_with_password)
        form.addRow(t("login.name"), self.name_edit)
        form.addRow(t("login.password"), self.password_edit)
        self.login_button = QPushButton(t("login.button"), self)
        self.login_button.clicked.connect(self.login_with_password)
        form.addRow("", self.login_button)
        box = QWidget(self)
        box.setLayout(form)
        box.setMaximumWidth(420)
        layout.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        ctx.operator_changed.connect(self._operator_changed)

    def _operator_changed(self, operator: OperatorInfo | None) -> None:
        """After a log-out the page greets nobody and keeps no password."""
        if operator is None:
            self.status.setText("")
            self.password_edit.clear()

    def on_scanned(self, code: str, _source: str) -> None:
        engine = self.ctx.engine
        self.status.setText(t("login.checking"))
        self.ctx.ops.read(lambda: login_by_badge(engine, code), self._success, self._failure)

    def login_with_password(self) -> None:
        name, password = self.name_edit.text(), self.password_edit.text()
        if not name.strip():
            return
        engine = self.ctx.engine
        self.status.setText(t("login.checking"))
        self.login_button.setEnabled(False)
        self.ctx.ops.read(
            lambda: login_with_password(engine, name, password), self._success, self._failure
        )

    def _success(self, operator: OperatorInfo) -> None:
        self.login_button.setEnabled(True)
        self.password_edit.clear()
        role = catalogue.name("role", operator.role)
        self.status.setStyleSheet("QLabel { font-size: 16pt; color: #43A047; }")
        self.status.setText(t("login.welcome", name=operator.name, role=role))
        self.logged_in.emit(operator)

    def _failure(self, error: BaseException) -> None:
        self.login_button.setEnabled(True)
        self.password_edit.clear()
        self.status.setStyleSheet("QLabel { font-size: 16pt; color: #E53935; }")
        if isinstance(error, LoginFailed):
            self.status.setText(str(error))
        else:
            self.status.setText(t("error.storage", error=error))
            self.ctx.ops.report_failure(error)
        self.login_failed.emit(self.status.text())
