"""员工 (admins): the staff list, adding people, disabling, passwords, badges, the badge sheet.

Everything here is a call to the staff services
(:mod:`~yinglou_desk.services.staff.operators`,
:mod:`~yinglou_desk.services.staff.roster`), which check that the operator
logged in is an admin, write the audit log and refuse disabling the last
admin — the page only asks. A new badge makes the old one useless at once, so
it is asked first, as is disabling someone. The badge sheet (every active
person's badge on A4) opens in the print preview or is saved as a PDF.

When the operator logs out or is switched, the list, the typed names and
passwords and the last message are cleared; the next admin's list loads anew.

Signals:
    loaded(int): the number of accounts now listed.
    changed(str): an account change went through (the audit action, e.g. ``operator.add``).
    refused(str): what was said when a change was refused.
    sheet_done(str): what was said after the badge sheet was printed, saved or refused.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from yinglou_desk import catalogue
from yinglou_desk.catalogue import text as t
from yinglou_desk.domain.roles import Permission, Role, may
from yinglou_desk.domain.wording import WordedError
from yinglou_desk.services.labels.badge_sheet import BadgeSheet, badge_sheet
from yinglou_desk.services.staff.operators import (
    add_operator,
    disable_operator,
    enable_operator,
    new_badge,
    reset_password,
)
from yinglou_desk.services.staff.roster import StaffList, list_staff
from yinglou_desk.ui.context import DeskContext
from yinglou_desk.ui.dialogs.file_choice import file_dialogs
from yinglou_desk.ui.models.staff_model import StaffModel
from yinglou_desk.ui.printing.badges import preview_sheet, save_sheet_pdf
from yinglou_desk.ui.printing.printer import PrintError, exec_dialog
from yinglou_desk.ui.widgets.session_guard import SessionGuard

PROBLEM_STYLE = "QLabel { color: #E53935; }"
PDF_FILTER = "PDF (*.pdf)"


class StaffPage(QWidget):
    loaded = Signal(int)
    changed = Signal(str)
    refused = Signal(str)
    sheet_done = Signal(str)
    # how the print preview is shown; tests replace it so nothing blocks
    run_print_dialog: Callable[[QPrintPreviewDialog], int] = staticmethod(exec_dialog)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._guard = SessionGuard()  # late answers of a previous operator are dropped
        self._select_next: str | None = None  # the person just added, selected once listed
        layout = QVBoxLayout(self)
        self.count_label = QLabel(self)
        layout.addWidget(self.count_label)
        self.model = StaffModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)

        chosen = QHBoxLayout()  # what to do with the person selected above
        self.disable_button = self._button(chosen, "staff_page.disable", self.disable_selected)
        self.enable_button = self._button(chosen, "staff_page.enable", self.enable_selected)
        self.badge_button = self._button(chosen, "staff_page.new_badge", self.renew_selected)
        self.new_password = QLineEdit(self)
        self.new_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_password.setPlaceholderText(t("staff_page.new_password"))
        self.new_password.setMinimumWidth(220)
        chosen.addWidget(self.new_password)
        self.reset_button = self._button(chosen, "staff_page.reset_password", self.reset_selected)
        chosen.addStretch(1)
        layout.addLayout(chosen)

        adding = QHBoxLayout()
        adding.addWidget(QLabel(t("staff_page.add_title"), self))
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText(t("staff_page.name"))
        adding.addWidget(self.name_edit, 1)
        self.role_box = QComboBox(self)
        for role in Role:
            self.role_box.addItem(catalogue.name("role", role), role.value)
        adding.addWidget(self.role_box)
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(t("staff_page.first_password"))
        adding.addWidget(self.password_edit, 1)
        self.add_button = self._button(adding, "staff_page.add", self.add_person)
        layout.addLayout(adding)

        sheet = QHBoxLayout()
        self.print_button = self._button(sheet, "staff_page.print_sheet", self.print_sheet)
        self.pdf_button = self._button(sheet, "staff_page.save_sheet", self.save_sheet)
        sheet.addStretch(1)
        layout.addLayout(sheet)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        ctx.operator_changed.connect(self._operator_changed)
        self._update_buttons()

    def _button(self, row: QHBoxLayout, key: str, slot: Callable[[], Any]) -> QPushButton:
        button = QPushButton(t(key), self)
        button.clicked.connect(lambda _=False: slot())
        row.addWidget(button)
        return button

    # -- whose page it is ----------------------------------------------------------------

    def _is_admin(self) -> bool:
        operator = self.ctx.operator
        return operator is not None and may(operator.role, Permission.MANAGE_OPERATORS)

    def _operator_changed(self, _operator: object) -> None:
        """Nothing of the previous person's stays: list, typed text, messages."""
        self._guard.next_session()
        self._select_next = None
        self.model.clear()
        for edit in (self.name_edit, self.password_edit, self.new_password):
            edit.clear()
        self.count_label.setText("")
        self._say("")
        self._update_buttons()
        if self._is_admin():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        """Each time the tab comes up the list is read again (another PC may have changed it)."""
        super().showEvent(event)
        if self._is_admin():
            self.reload()

    def reload(self) -> None:
        engine, actor = self.ctx.engine, self.ctx.operator
        self.ctx.ops.read(
            lambda: list_staff(engine, actor=actor),
            self._guard.still(self._loaded),
            self._guard.still(self._failed),
        )

    def _loaded(self, staff: StaffList) -> None:
        if not self._is_admin():  # logged out while it was loading
            return
        chosen = self._select_next or self.selected_name()
        self._select_next = None
        self.model.set_members(staff.members, staff.total)
        active = sum(m.active for m in staff.members)
        if staff.total > len(staff.members):
            self.count_label.setText(
                t("staff_page.capped", shown=len(staff.members), total=staff.total)
            )
        else:
            self.count_label.setText(t("staff_page.count", n=staff.total, active=active))
        if chosen:
            self.select(chosen)
        self._update_buttons()
        self.loaded.emit(staff.total)

    # -- the person selected ---------------------------------------------------------------

    def selected_name(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()).name if rows else None

    def select(self, name: str) -> None:
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).name == name:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        admin = self._is_admin()
        member = self.model.member_named(self.selected_name() or "")
        self.disable_button.setEnabled(admin and member is not None and member.active)
        self.enable_button.setEnabled(admin and member is not None and not member.active)
        self.badge_button.setEnabled(admin and member is not None and member.active)
        self.reset_button.setEnabled(admin and member is not None and member.active)
        for widget in (self.add_button, self.print_button, self.pdf_button):
            widget.setEnabled(admin)

    def disable_selected(self) -> None:
        name = self.selected_name()
        if name and self._ask("staff_page.disable", "staff_page.disable_question", name):
            self._change("operator.disable", lambda e, a: disable_operator(e, name, actor=a))

    def enable_selected(self) -> None:
        name = self.selected_name()
        if name:
            self._change("operator.enable", lambda e, a: enable_operator(e, name, actor=a))

    def renew_selected(self) -> None:
        name = self.selected_name()
        if name and self._ask("staff_page.new_badge", "staff_page.new_badge_question", name):
            self._change("operator.new_badge", lambda e, a: new_badge(e, name, actor=a))

    def reset_selected(self) -> None:
        name, password = self.selected_name(), self.new_password.text()
        if not name:
            return
        if self._ask("staff_page.reset_password", "staff_page.reset_question", name):
            self._change(
                "operator.reset_password",
                lambda e, a: reset_password(e, name, password, actor=a),
                clear=self.new_password,
            )

    def add_person(self) -> None:
        name, role, password = (
            self.name_edit.text(),
            self.role_box.currentData(),
            self.password_edit.text(),
        )
        self._change(
            "operator.add",
            lambda e, a: add_operator(e, name, role, password, actor=a),
            clear=self.password_edit,
            select=name.strip(),
        )

    def _ask(self, title_key: str, question_key: str, name: str) -> bool:
        return self.ctx.dialogs.confirm(self, t(title_key), t(question_key, name=name))

    def _change(
        self,
        action: str,
        job: Callable[[Any, Any], object],
        clear: QLineEdit | None = None,
        select: str | None = None,
    ) -> None:
        engine, actor = self.ctx.engine, self.ctx.operator

        def done(_result: object) -> None:
            if clear is not None:
                clear.clear()
            if action == "operator.add":
                self.name_edit.clear()
            self._say(t(f"staff_page.done.{action}"))
            self._select_next = select
            self.changed.emit(action)
            self.reload()

        self.ctx.ops.write(
            lambda: job(engine, actor), self._guard.still(done), self._guard.still(self._refused)
        )

    def _refused(self, error: BaseException) -> None:
        said = str(error) if isinstance(error, WordedError | PermissionError) else None
        text = said or t("error.failed", error=error)
        self._say(text, problem=True)
        self.refused.emit(text)

    def _failed(self, error: BaseException) -> None:
        self._say(t("error.failed", error=error), problem=True)

    # -- the badge sheet -------------------------------------------------------------------

    def print_sheet(self) -> None:
        """Every active person's badge in the print preview."""
        self._with_sheet(self._preview)

    def save_sheet(self, path: Path | None = None) -> None:
        """The badge sheet as a PDF, where the dialog service's file chooser says."""
        path = path or file_dialogs(self.ctx.dialogs).choose_save_file(
            self, t("staff_page.save_sheet"), t("badges.file_name"), PDF_FILTER
        )
        if path is None:
            return
        target = path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")
        self._with_sheet(lambda sheet: self._save(sheet, target))

    def _with_sheet(self, then: Callable[[BadgeSheet], None]) -> None:
        engine, actor = self.ctx.engine, self.ctx.operator
        self._say(t("staff_page.sheet_rendering"))
        self.ctx.ops.read(
            lambda: badge_sheet(engine, actor=actor),
            self._guard.still(then),
            self._guard.still(self._sheet_failed),
        )

    def _preview(self, sheet: BadgeSheet) -> None:
        if not self._is_admin():
            return
        try:
            printed = preview_sheet(sheet, self, run_dialog=type(self).run_print_dialog)
        except PrintError as error:
            self._sheet_said(str(error), problem=True)
            return
        self._sheet_said(t("staff_page.sheet_printed" if printed else "staff_page.sheet_closed"))

    def _save(self, sheet: BadgeSheet, path: Path) -> None:
        if not self._is_admin():
            return
        try:
            save_sheet_pdf(sheet, path)
        except (OSError, PrintError) as error:
            self._sheet_said(t("error.failed", error=error), problem=True)
            return
        self._sheet_said(t("export.saved", path=path))

    def _sheet_failed(self, error: BaseException) -> None:
        said = str(error) if isinstance(error, WordedError | PermissionError) else None
        self._sheet_said(said or t("error.failed", error=error), problem=True)

    def _sheet_said(self, text: str, problem: bool = False) -> None:
        self._say(text, problem)
        self.sheet_done.emit(text)

    def _say(self, text: str, problem: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(PROBLEM_STYLE if problem else "")
        self.status.setAlignment(Qt.AlignmentFlag.AlignLeft)
