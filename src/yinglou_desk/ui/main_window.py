"""The desk window: login, then 今日, the stations, 查件, the board and the office pages as tabs.

The window owns this PC's phone server (手机理件, :mod:`.phone_service`): it follows
本机设置 while the program runs and closes with the window.

Every code, from any scanner, arrives at :meth:`MainWindow.on_scanned`: a
badge logs in or switches operator (one scan), anything else goes to the page
on screen — or, on a page that takes no scans (今日, figures, reconciliation),
to 查件, which looks it up without changing anything. The tabs an operator's
role cannot use are hidden (the services refuse them anyway).

Whoever logs out (F9, 退出登录) or is switched by a badge scan leaves nothing
open behind: every dialog of the window closes (the import dialog, the order
editor, 本机设置, a question box), so nothing goes on with their rights.

A login from the login screen opens 今日 (what needs doing today), unless the
program was started with ``--station``; switching operator with a badge scan
keeps the page on screen, so a station is never pulled away mid-work.

Input stays in order around a badge. Checking a badge runs on a worker, so
while it is being checked the scans and F-keys that follow it are held and
then handled, in the order they came, once the badge is accepted or refused:
the label a front-desk clerk scans right after her badge is handed over in
her name, and F3 finds the pickup tab her role opens. A refused badge is
said on the page on screen, not only on the hidden login page.

Shortcuts: F1 send-out, F2 check-in, F3 pickup, F4 查件, F5 board,
F6 undo the last scan of this station, F7 flag rework, F8 hand over,
F9 log out, F10 今日, F11 figures (managers), F12 reconciliation (managers).

Signals:
    page_changed(str): the page now on screen ("login", "send-out", …, "board").
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from yinglou_desk import __version__, catalogue
from yinglou_desk.catalogue import text as t
from yinglou_desk.domain.codes import InvalidCode, is_badge_code, normalize_code
from yinglou_desk.domain.roles import Permission, may
from yinglou_desk.services.settings.this_pc import (
    PcSettings,
    PcSettingsInvalid,
    save_pc_settings,
    saved_pc_settings,
    with_environment,
)
from yinglou_desk.services.staff.operators import OperatorInfo
from yinglou_desk.ui.context import DeskContext
from yinglou_desk.ui.dialogs.checkup import AboutDialog, CheckupDialog
from yinglou_desk.ui.dialogs.login import LoginPage
from yinglou_desk.ui.dialogs.this_pc import PcSettingsDialog
from yinglou_desk.ui.pages.board import BoardPage
from yinglou_desk.ui.pages.figures import FiguresPage
from yinglou_desk.ui.pages.phones import PhonesPage
from yinglou_desk.ui.pages.query import QueryPage
from yinglou_desk.ui.pages.reconcile import ReconcilePage
from yinglou_desk.ui.pages.shelf_audit import ShelfAuditPage
from yinglou_desk.ui.pages.staff import StaffPage
from yinglou_desk.ui.pages.studio_settings import StudioSettingsPage
from yinglou_desk.ui.pages.takings import TakingsPage
from yinglou_desk.ui.pages.today import TodayPage
from yinglou_desk.ui.phone_service import MakeServer, PhoneService, make_phone_server
from yinglou_desk.ui.scanning.answer_gate import AnswerGate
from yinglou_desk.ui.scanning.scan_field import ScanField
from yinglou_desk.ui.stations.base import StationPage
from yinglou_desk.ui.stations.check_in import CheckInPage
from yinglou_desk.ui.stations.pickup import PickupPage
from yinglou_desk.ui.stations.send_out import SendOutPage
from yinglou_desk.ui.widgets.fit_label import FitLabel
from yinglou_desk.ui.window_place import WindowPlace

PAGES = (
    "today",
    "send-out",
    "check-in",
    "pickup",
    "query",
    "board",
    "figures",
    "takings",
    "reconcile",
    "studio",
    "staff",
    "shelf-audit",
    "phones",
)
# page → permission needed to see it (None: everyone logged in)
PAGE_PERMISSION = {
    "today": None,
    "send-out": Permission.SEND_OUT,
    "check-in": Permission.CHECK_IN,
    "pickup": Permission.PICK_UP,
    "query": None,
    "board": None,
    "figures": Permission.EXPORT,
    "takings": Permission.EXPORT,  # 日结: managers and admins (who also set prices)
    "reconcile": Permission.RECONCILE,
    "studio": Permission.CHANGE_SETTINGS,
    "staff": Permission.MANAGE_OPERATORS,
    "shelf-audit": Permission.CHECK_IN,  # 盘点: sorters and up
    "phones": Permission.CHANGE_SETTINGS,  # 手机: who approves phones (managers, admins)
}


class ScanTarget(Protocol):
    """A page that takes a scanned code itself (the stations and 查件)."""

    def on_scanned(self, code: str, source: str) -> None: ...


class MainWindow(QMainWindow):
    page_changed = Signal(str)

    def __init__(
        self,
        ctx: DeskContext,
        start_station: str | None = None,
        make_server: MakeServer = make_phone_server,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        # this PC's phone server: off until open_window applies 本机设置
        self.phones = PhoneService(ctx.engine, ctx.ops, make_server, parent=self)
        self.start_station = start_station
        self.setWindowTitle(f"{t('app.title')} {__version__}")
        self.place = WindowPlace(self)  # inside the screen, where it was last left

        central = QWidget(self)
        outer = QVBoxLayout(central)
        top = QHBoxLayout()
        top.addWidget(QLabel(t("top.scan")))
        self.scan_field = ScanField(self)
        self.scan_field.setPlaceholderText(t("top.scan_hint"))
        self.scan_field.setStyleSheet("QLineEdit { font-size: 16pt; padding: 4px; }")
        self.scan_field.scanned.connect(self.on_scanned)
        top.addWidget(self.scan_field, 2)
        self.operator_label = FitLabel("", self)  # a long name is cut, the buttons stay on screen
        self.operator_label.setStyleSheet("QLabel { font-size: 13pt; }")
        top.addWidget(self.operator_label, 1)
        self.undo_button = QPushButton(t("undo"), self)
        self.undo_button.clicked.connect(self.undo_last)
        top.addWidget(self.undo_button)
        self.pc_settings_button = QPushButton(t("top.pc_settings"), self)
        self.pc_settings_button.clicked.connect(self.open_pc_settings)
        top.addWidget(self.pc_settings_button)
        self.pc_settings_path: Path | None = None  # None: this user's config folder
        self.logout_button = QPushButton(t("top.logout"), self)
        self.logout_button.clicked.connect(self.logout)
        top.addWidget(self.logout_button)
        # 帮助 stays on screen logged out too: a studio calls IT when it cannot log in
        self.help_button = QPushButton(t("checkup.menu"), self)
        self.help_button.setObjectName("help_button")
        help_menu = QMenu(self.help_button)
        self.checkup_action = help_menu.addAction(t("checkup.menu.check"))
        self.checkup_action.triggered.connect(self.open_checkup)
        self.about_action = help_menu.addAction(t("checkup.menu.about"))
        self.about_action.triggered.connect(self.open_about)
        self.help_button.setMenu(help_menu)
        top.addWidget(self.help_button)
        self.checkup_dialog: CheckupDialog | None = None
        self.about_dialog: AboutDialog | None = None
        outer.addLayout(top)

        self.stack = QStackedWidget(self)
        self.login_page = LoginPage(ctx, self)
        self.login_page.logged_in.connect(self._logged_in)
        self.login_page.login_failed.connect(self._login_failed)
        self._badge_check = AnswerGate()  # scans and F-keys wait for a badge being checked
        self.stack.addWidget(self.login_page)
        self.tabs = QTabWidget(self)
        self.check_in_page = CheckInPage(ctx)
        self.pickup_page = PickupPage(ctx)
        self.query_page = QueryPage(ctx)
        send_out = SendOutPage(ctx)
        self.shelf_audit_page = ShelfAuditPage(ctx)
        self.phones_page = PhonesPage(ctx, self.phones)
        self.phones_page.turn_on_asked.connect(self.turn_phones_on)
        # the pages that take a scanned code themselves; on the others a scan looks it up in 查件
        self.scan_pages: dict[str, ScanTarget] = {
            "send-out": send_out,
            "check-in": self.check_in_page,
            "pickup": self.pickup_page,
            "query": self.query_page,
            "shelf-audit": self.shelf_audit_page,
        }
        self.pages: dict[str, QWidget] = {
            "today": TodayPage(ctx),
            "send-out": send_out,
            "check-in": self.check_in_page,
            "pickup": self.pickup_page,
            "query": self.query_page,
            "board": BoardPage(ctx),
            "figures": FiguresPage(ctx),
            "takings": TakingsPage(ctx),
            "reconcile": ReconcilePage(ctx),
            "studio": StudioSettingsPage(ctx),
            "staff": StaffPage(ctx),
            "shelf-audit": self.shelf_audit_page,
            "phones": self.phones_page,
        }
        for name, page in self.pages.items():
            self.tabs.addTab(page, t(f"page.{name}"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.stack.addWidget(self.tabs)
        outer.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.busy = QProgressBar(self)
        self.busy.setMaximumWidth(160)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.statusBar().addPermanentWidget(self.busy)
        ctx.ops.busy_changed.connect(self._busy)
        ctx.ops.progress.connect(self._progress)
        ctx.ops.failed.connect(self._failed)
        self.phones.said.connect(self._phones_said)

        ctx.session_ended.connect(self.close_dialogs)
        self._shortcuts()
        self._show_logged_out()

    # -- routing scans -------------------------------------------------------------------

    def on_scanned(self, code: str, source: str) -> None:
        """Every code from every scanner: badges log in, the rest go to the page on screen."""
        self._badge_check.after(lambda: self._route_scan(code, source))

    def _route_scan(self, code: str, source: str) -> None:
        try:
            badge = is_badge_code(normalize_code(code))
        except InvalidCode:
            badge = False
        if badge or self.ctx.operator is None:
            self._badge_check.expect()  # what follows waits for the answer
            self.login_page.on_scanned(code, source)
            return
        target = self.scan_pages.get(self.current_page_name())
        if target is None:  # 今日 and the office pages: look the code up
            self.show_page("query")
            target = self.query_page
        target.on_scanned(code, source)

    def current_page_name(self) -> str:
        if self.stack.currentWidget() is self.login_page:
            return "login"
        return PAGES[self.tabs.currentIndex()]

    def show_page(self, name: str) -> None:
        index = PAGES.index(name)
        if self.ctx.operator is not None and self.tabs.isTabVisible(index):
            self.tabs.setCurrentIndex(index)
            self.scan_field.setFocus()

    # -- operator ------------------------------------------------------------------------------

    def _login_failed(self, text: str) -> None:
        if self.stack.currentWidget() is not self.login_page:  # a refused switch of operator
            self.statusBar().showMessage(text, 15000)
            page = self.tabs.currentWidget()
            if isinstance(page, StationPage):
                page.panel.show_message("problem", text)
        self._badge_check.answered()

    def _logged_in(self, operator: OperatorInfo) -> None:
        try:
            self._show_operator(operator)
        finally:
            self._badge_check.answered()  # a password login too: no harm

    def _show_operator(self, operator: OperatorInfo) -> None:
        self.ctx.set_operator(operator)
        role = catalogue.name("role", operator.role)
        self.operator_label.setText(t("top.operator", name=operator.name, role=role))
        fresh = self.stack.currentWidget() is self.login_page
        # The tab bar on screen first, then its tabs shown or hidden: a tab bar hidden behind
        # the login page lays out tabs shown meanwhile at zero width, leaving a gap
        # where the previous person's tab was and no tab for the new one (seen on screen).
        self.stack.setCurrentWidget(self.tabs)
        first_visible = None
        for index, name in enumerate(PAGES):
            permission = PAGE_PERMISSION[name]
            visible = permission is None or may(operator.role, permission)
            self.tabs.setTabVisible(index, visible)
            if visible and first_visible is None and name != "today":
                first_visible = name
        self.undo_button.setVisible(True)
        self.logout_button.setVisible(True)
        self.pc_settings_button.setVisible(may(operator.role, Permission.CHANGE_SETTINGS))
        current = "today" if fresh else self.current_page_name()
        wanted = self.start_station or current
        self.start_station = None
        if not self.tabs.isTabVisible(PAGES.index(wanted)):
            wanted = first_visible or "today"
        self.show_page(wanted)
        self.undo_button.setEnabled(isinstance(self.tabs.currentWidget(), StationPage))
        self.page_changed.emit(self.current_page_name())

    def logout(self) -> None:
        self.ctx.set_operator(None)
        self._show_logged_out()

    def close_dialogs(self) -> None:
        """Close every dialog of this window that is open (a modal one ends its ``exec``)."""
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()

    def _show_logged_out(self) -> None:
        self.operator_label.setText("")
        self.undo_button.setVisible(False)
        self.logout_button.setVisible(False)
        self.pc_settings_button.setVisible(False)
        self.stack.setCurrentWidget(self.login_page)
        self.scan_field.setFocus()
        self.page_changed.emit("login")

    def _tab_changed(self, _index: int) -> None:
        page = self.tabs.currentWidget()
        self.undo_button.setEnabled(isinstance(page, StationPage))
        if self.stack.currentWidget() is self.tabs:
            self.page_changed.emit(self.current_page_name())

    # -- actions ---------------------------------------------------------------------------------

    def undo_last(self) -> None:
        page = self.tabs.currentWidget()
        if self.ctx.operator is not None and isinstance(page, StationPage):
            page.undo_last()

    def _shortcuts(self) -> None:
        keys = {
            "F1": lambda: self.show_page("send-out"),
            "F2": lambda: self.show_page("check-in"),
            "F3": lambda: self.show_page("pickup"),
            "F4": lambda: self.show_page("query"),
            "F5": lambda: self.show_page("board"),
            "F6": self.undo_last,
            "F7": self._flag,
            "F8": self._hand_over,
            "F9": self.logout,
            "F10": lambda: self.show_page("today"),
            "F11": lambda: self.show_page("figures"),
            "F12": lambda: self.show_page("reconcile"),
        }
        for key, slot in keys.items():
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda slot=slot: self._badge_check.after(slot))

    def _flag(self) -> None:
        if self.current_page_name() == "check-in":
            self.check_in_page.flag_defect()

    def _hand_over(self) -> None:
        if self.current_page_name() == "pickup":
            self.pickup_page.hand_over()

    def pc_settings_dialog(self) -> PcSettingsDialog:
        """本机设置 with what this PC's file holds now (a damaged file: the defaults)."""
        try:
            current = saved_pc_settings(self.pc_settings_path)
        except PcSettingsInvalid:
            current = PcSettings()
        return PcSettingsDialog(current, self.pc_settings_path, self)

    def open_pc_settings(self) -> None:
        operator = self.ctx.operator
        if operator is None or not may(operator.role, Permission.CHANGE_SETTINGS):
            return
        dialog = self.pc_settings_dialog()
        if dialog.exec() and dialog.saved is not None:
            self.apply_pc_settings(dialog.saved)

    def open_checkup(self) -> CheckupDialog:
        """帮助 → 自检: the self-check in a dialog that does not block the desk. One dialog,
        kept: a check still running when it is closed lands in it, not in a deleted one."""
        if self.checkup_dialog is None:
            url = self.ctx.engine.url.render_as_string(hide_password=False)
            self.checkup_dialog = CheckupDialog(self.ctx.ops, url, self.ctx.workstation, self)
        self.checkup_dialog.open()
        self.checkup_dialog.run()
        return self.checkup_dialog

    def open_about(self) -> AboutDialog:
        """帮助 → 关于."""
        if self.about_dialog is None:
            database = self.ctx.engine.url.render_as_string(hide_password=True)
            self.about_dialog = AboutDialog(database, self.ctx.workstation, self)
        self.about_dialog.open()
        return self.about_dialog

    def apply_pc_settings(self, saved: PcSettings) -> None:
        """What takes effect at once: the sounds and the phone server (labels read the file
        at each print)."""
        settings = with_environment(saved, os.environ)
        self.ctx.sounds.silent = settings.silent
        self.statusBar().showMessage(t("pc.saved"), 8000)
        self.phones.apply(settings)

    def turn_phones_on(self) -> None:
        """开启手机扫码 on the 手机 page: 本机设置 saved with phones allowed, then applied."""
        operator = self.ctx.operator
        if operator is None or not may(operator.role, Permission.CHANGE_SETTINGS):
            return
        try:
            current = saved_pc_settings(self.pc_settings_path)
        except PcSettingsInvalid:
            current = PcSettings()  # a damaged file: saving writes a good one
        wanted = replace(current, phone_server=True)
        try:
            save_pc_settings(wanted, self.pc_settings_path)
        except PcSettingsInvalid as error:
            self.statusBar().showMessage(str(error))
            return
        except OSError as error:
            self.statusBar().showMessage(t("pc.not_saved", error=error))
            return
        self.apply_pc_settings(wanted)

    def _phones_said(self, text: str, stays: bool) -> None:
        self.statusBar().showMessage(text, 0 if stays else 15000)

    # -- status ------------------------------------------------------------------------------------

    def _busy(self, busy: bool) -> None:
        self.busy.setRange(0, 0)  # indeterminate until a long job reports steps
        self.busy.setVisible(busy)

    def _progress(self, done: int, total: int) -> None:
        self.busy.setRange(0, max(total, 1))
        self.busy.setValue(done)

    def _failed(self, text: str, environment: bool) -> None:
        key = "error.storage" if environment else "error.bug"
        self.statusBar().showMessage(t(key, error=text), 15000)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.ctx.stop()
        self.phones.stop_now()  # after the workers: a start under way has finished
        super().closeEvent(event)
