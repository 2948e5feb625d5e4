"""店铺设置 (managers, admins): the studio's name, address, hours, uncollected items (holding
period, reminder cadence, signature at pickup), customer messages, SMS gateway.

Each message template shows, as it is typed, the message a customer would
get — filled with the order most recently ready for pickup, else a sample —
or, in red, why it cannot be saved: the same rules ``yinglou-desk settings
set`` applies (:mod:`~yinglou_desk.domain.settings_rules`). While anything on
the page is refused, 保存 stays off. Saving goes through
:func:`~yinglou_desk.services.settings.studio.save_settings`, which checks the
operator's right and writes the audit log; only what changed is sent.

发送测试短信 sends one message through the real gateway code with the URL
and headers on screen (saved or not) to the number typed, on a worker, and
says plainly whether the gateway took it or what it answered.

Log-out or a switch of operator empties every field, preview and message; the
next manager's page loads anew.

Signals:
    loaded(object): the :class:`StudioSettings` now on screen.
    checked(bool): the fields were checked again; True when all can be saved.
    saved(object): the :class:`StudioSettings` as saved.
    save_refused(str): what was said when saving was refused.
    test_done(bool, str): the test message went (True) or not, and what was said.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from yinglou_desk.catalogue import text as t
from yinglou_desk.domain.roles import Permission, may
from yinglou_desk.domain.settings_rules import SettingRefused, check_setting
from yinglou_desk.domain.wording import WordedError
from yinglou_desk.services.notifications.outbox import SendFailed
from yinglou_desk.services.notifications.preview import (
    PreviewOrder,
    preview_message,
    preview_order,
    send_test_sms,
)
from yinglou_desk.services.settings.studio import StudioSettings, current_settings, save_settings
from yinglou_desk.ui.context import DeskContext
from yinglou_desk.ui.pages.holding_fields import HoldingFields
from yinglou_desk.ui.widgets.session_guard import SessionGuard

PROBLEM_STYLE = "QLabel { color: #E53935; }"
DONE_STYLE = "QLabel { color: #2E7D32; }"
PREVIEW_STYLE = "QLabel { background: #F5F5F5; padding: 6px; }"
TEXT_FIELDS = ("studio", "address", "hours", "sms_url")
TEMPLATES = ("ready_template", "reminder_template")
# fields whose label is not ``studio_page.<name>``
FIELD_LABELS = {"reminder_days": "uncollected.field.reminder_days"}


def parse_headers(text: str) -> dict[str, str]:
    """``Name: value`` one a line (blank lines skipped) → the gateway's headers.

    A line without ``Name:`` is refused, quoting the line.
    """
    headers: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        name, colon, value = line.partition(":")
        if not colon or not name.strip():
            raise SettingRefused("studio_page.bad_header_line", "sms_headers", line=line.strip())
        headers[name.strip()] = value.strip()
    return headers


def shown_headers(headers: dict[str, str]) -> str:
    return "\n".join(f"{name}: {value}" for name, value in headers.items())


class StudioSettingsPage(QWidget):
    loaded = Signal(object)
    checked = Signal(bool)
    saved = Signal(object)
    save_refused = Signal(str)
    test_done = Signal(bool, str)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._guard = SessionGuard()  # late answers of a previous operator are dropped
        self.settings: StudioSettings | None = None  # as loaded or last saved
        self.order: PreviewOrder | None = None
        self.problems: dict[str, str] = {}
        outer = QVBoxLayout(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        body = QWidget(scroll)
        form = QFormLayout(body)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.edits: dict[str, QLineEdit] = {}
        self.notes: dict[str, QLabel] = {}
        for name in ("studio", "address", "hours"):
            self._line(form, name)
        self.holding = HoldingFields(form, body, self.recheck)
        self.holding.note.setStyleSheet(PROBLEM_STYLE)
        self.notes["reminder_days"] = self.holding.note
        self.templates: dict[str, QPlainTextEdit] = {}
        self.previews: dict[str, QLabel] = {}
        self.order_label = self._label(body)
        form.addRow(self.order_label)
        for name in TEMPLATES:
            edit = QPlainTextEdit(body)
            edit.setFixedHeight(70)
            edit.textChanged.connect(self.recheck)
            self.templates[name] = edit
            form.addRow(t(f"studio_page.{name}"), edit)
            preview = self._label(body)
            preview.setStyleSheet(PREVIEW_STYLE)
            self.previews[name] = preview
            form.addRow(t("studio_page.preview"), preview)
            self.notes[name] = self._label(body, PROBLEM_STYLE)
            form.addRow(self.notes[name])
        self._line(form, "sms_url")
        self.headers_edit = QPlainTextEdit(body)
        self.headers_edit.setFixedHeight(60)
        self.headers_edit.setPlaceholderText(t("studio_page.headers_hint"))
        self.headers_edit.textChanged.connect(self.recheck)
        form.addRow(t("studio_page.sms_headers"), self.headers_edit)
        self.notes["sms_headers"] = self._label(body, PROBLEM_STYLE)
        form.addRow(self.notes["sms_headers"])
        trial = QHBoxLayout()
        self.phone_edit = QLineEdit(body)
        self.phone_edit.setPlaceholderText(t("studio_page.test_phone"))
        trial.addWidget(self.phone_edit, 1)
        self.test_button = QPushButton(t("studio_page.send_test"), body)
        self.test_button.clicked.connect(lambda _=False: self.send_test())
        trial.addWidget(self.test_button)
        form.addRow(t("studio_page.test_title"), trial)
        self.test_result = self._label(body)
        form.addRow(self.test_result)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        bottom = QHBoxLayout()
        self.status = self._label(self)
        bottom.addWidget(self.status, 1)
        self.save_button = QPushButton(t("studio_page.save"), self)
        self.save_button.clicked.connect(lambda _=False: self.save())
        bottom.addWidget(self.save_button)
        outer.addLayout(bottom)
        ctx.operator_changed.connect(self._operator_changed)
        for name in self.notes:
            self._note(name, "")
        self._set_enabled(False)

    def _line(self, form: QFormLayout, name: str) -> None:
        edit = QLineEdit(form.parentWidget())
        edit.textChanged.connect(self.recheck)
        self.edits[name] = edit
        form.addRow(t(f"studio_page.{name}"), edit)
        self.notes[name] = self._label(form.parentWidget(), PROBLEM_STYLE)
        form.addRow(self.notes[name])

    def _label(self, parent: QWidget | None, style: str = "") -> QLabel:
        label = QLabel(parent)
        label.setWordWrap(True)
        label.setStyleSheet(style)
        return label

    # -- whose page it is -------------------------------------------------------------------

    def _may_change(self) -> bool:
        operator = self.ctx.operator
        return operator is not None and may(operator.role, Permission.CHANGE_SETTINGS)

    def _operator_changed(self, _operator: object) -> None:
        """Nothing the previous person saw or typed stays on the page."""
        self._guard.next_session()
        self.settings = self.order = None
        for edit in self.edits.values():
            edit.blockSignals(True)
            edit.clear()
            edit.blockSignals(False)
        for text in (*self.templates.values(), self.headers_edit):
            text.blockSignals(True)
            text.clear()
            text.blockSignals(False)
        self.holding.show(None)
        for label in (*self.previews.values(), self.order_label):
            label.clear()
        for name in self.notes:
            self._note(name, "")
        self.phone_edit.clear()
        self.test_result.clear()
        self.status.clear()
        self.problems = {}
        self._set_enabled(False)
        if self._may_change():
            self.reload()

    def _set_enabled(self, on: bool) -> None:
        self.save_button.setEnabled(on and not self.problems)
        self.test_button.setEnabled(on)

    def reload(self) -> None:
        engine, actor = self.ctx.engine, self.ctx.operator

        def load() -> tuple[StudioSettings, PreviewOrder]:
            return current_settings(engine), preview_order(engine, actor=actor)

        self.ctx.ops.read(load, self._guard.still(self._loaded), self._guard.still(self._failed))

    def _loaded(self, found: tuple[StudioSettings, PreviewOrder]) -> None:
        if not self._may_change():  # logged out while it was loading
            return
        self.settings, self.order = found
        for name, edit in self.edits.items():
            edit.setText(getattr(self.settings, name))
        for name, text in self.templates.items():
            text.setPlainText(getattr(self.settings, name))
        self.headers_edit.setPlainText(shown_headers(self.settings.sms_headers))
        self.holding.show(self.settings)
        facts = self.order.facts
        self.order_label.setText(
            t("studio_page.preview_order", order_no=facts["order_no"], customer=facts["customer"])
            if self.order.real
            else t("studio_page.preview_sample")
        )
        self.recheck()
        self.loaded.emit(self.settings)

    # -- checking as it is typed --------------------------------------------------------------

    def draft(self) -> dict[str, Any]:
        """The values on screen (headers parsed; may raise :class:`SettingRefused`)."""
        values: dict[str, Any] = {name: edit.text() for name, edit in self.edits.items()}
        values |= {name: edit.toPlainText() for name, edit in self.templates.items()}
        values["sms_headers"] = parse_headers(self.headers_edit.toPlainText())
        return values | self.holding.values()

    def recheck(self) -> None:
        if self.settings is None:
            return
        self.problems = {}
        values: dict[str, Any] = {name: edit.text() for name, edit in self.edits.items()}
        defaults = StudioSettings().to_json()
        for name, value in values.items():
            self._check(name, lambda n=name, v=value: check_setting(n, v, defaults[n]))
        try:
            values["sms_headers"] = parse_headers(self.headers_edit.toPlainText())
            check_setting("sms_headers", values["sms_headers"], {})
        except SettingRefused as refused:
            self._refused_at("sms_headers", refused)
        else:
            self._note("sms_headers", "")
        cadence_refused = self.holding.check()
        if cadence_refused is None:
            self._note("reminder_days", "")
        else:
            self._refused_at("reminder_days", cadence_refused)
        draft = StudioSettings(**(self.settings.to_json() | values))
        for name, edit in self.templates.items():
            self._preview(name, edit.toPlainText(), draft)
        self._set_enabled(self._may_change())
        self.checked.emit(not self.problems)

    def _check(self, name: str, check: Any) -> None:
        try:
            check()
        except SettingRefused as refused:
            self._refused_at(name, refused)
        else:
            self._note(name, "")

    def _preview(self, name: str, template: str, draft: StudioSettings) -> None:
        assert self.order is not None
        try:
            shown = preview_message(name, template, draft, self.order)
        except SettingRefused as refused:
            self.previews[name].clear()
            self._refused_at(name, refused)
            return
        self.previews[name].setText(shown)
        self._note(name, "")

    def _refused_at(self, name: str, refused: SettingRefused) -> None:
        """The reason in red under the field, naming the field as the page does."""
        label = FIELD_LABELS.get(name, f"studio_page.{name}")
        params = refused.params | {"setting": t(label)}
        said = t(refused.key, None, **params)
        self.problems[name] = refused.key
        self._note(name, said)

    def _note(self, name: str, text: str) -> None:
        """The red line under a field: there only while the field is refused."""
        self.notes[name].setText(text)
        self.notes[name].setVisible(bool(text))

    # -- saving ---------------------------------------------------------------------------

    def save(self) -> None:
        if self.settings is None or self.problems or not self._may_change():
            return
        before = self.settings.to_json()
        changes = {k: v for k, v in self.draft().items() if before.get(k) != v}
        if not changes:
            self._say(t("studio_page.nothing_changed"))
            return
        engine, actor = self.ctx.engine, self.ctx.operator
        self.save_button.setEnabled(False)
        self.ctx.ops.write(
            lambda: save_settings(engine, changes, actor=actor),
            self._guard.still(self._saved),
            self._guard.still(self._save_failed),
        )

    def _saved(self, settings: StudioSettings) -> None:
        self.settings = settings
        self._say(t("studio_page.saved"), DONE_STYLE)
        self._set_enabled(self._may_change())
        self.saved.emit(settings)

    def _save_failed(self, error: BaseException) -> None:
        said = str(error) if isinstance(error, ValueError | PermissionError) else None
        text = said or t("error.failed", error=error)
        self._say(text, PROBLEM_STYLE)
        self._set_enabled(self._may_change())
        self.save_refused.emit(text)

    # -- the test message -------------------------------------------------------------------

    def send_test(self) -> None:
        if self.settings is None or not self._may_change():
            return
        try:
            draft = self.draft()
        except SettingRefused as refused:
            self._test_said(False, str(refused))
            return
        gateway = {k: draft[k] for k in ("sms_url", "sms_headers", "studio")}
        engine, actor, phone = self.ctx.engine, self.ctx.operator, self.phone_edit.text()
        self.test_button.setEnabled(False)
        self.test_result.setStyleSheet("")
        self.test_result.setText(t("studio_page.test_sending", phone=phone))
        self.ctx.ops.long_write(
            lambda: send_test_sms(engine, gateway, phone, actor=actor),
            self._guard.still(
                lambda _done: self._test_said(True, t("studio_page.test_sent", phone=phone))
            ),
            self._guard.still(self._test_failed),
        )

    def _test_failed(self, error: BaseException) -> None:
        if isinstance(error, SendFailed):
            self._test_said(False, t("studio_page.test_failed", reason=error))
        elif isinstance(error, WordedError | ValueError | PermissionError):
            self._test_said(False, str(error))
        else:
            self._test_said(False, t("error.failed", error=error))

    def _test_said(self, sent: bool, text: str) -> None:
        self.test_button.setEnabled(self._may_change())
        self.test_result.setStyleSheet(DONE_STYLE if sent else PROBLEM_STYLE)
        self.test_result.setText(text)
        self.test_done.emit(sent, text)

    def _failed(self, error: BaseException) -> None:
        self._say(t("error.failed", error=error), PROBLEM_STYLE)

    def _say(self, text: str, style: str = "") -> None:
        self.status.setStyleSheet(style)
        self.status.setText(text)
