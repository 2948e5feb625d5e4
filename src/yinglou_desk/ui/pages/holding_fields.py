"""店铺设置's rows for uncollected items: 保管期限（天）, 提醒（到店后第几天）, 取件签名.

Kept apart from the settings page so the page stays about its messages and gateway.
The cadence is checked as it is typed by the same rules saving applies
(:func:`~yinglou_desk.domain.settings_rules.parse_reminder_days` and, against the
holding period on screen, :func:`~yinglou_desk.domain.settings_rules.check_reminders_fit`);
the refusal is shown in red under the field, naming it as the page does.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import Any

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QWidget

from yinglou_desk.catalogue import text as t
from yinglou_desk.domain.settings_rules import (
    NUMBER_BOUNDS,
    SettingRefused,
    check_reminders_fit,
    check_setting,
    parse_reminder_days,
)
from yinglou_desk.services.settings.studio import StudioSettings

FIELDS = ("holding_days", "reminder_days", "signature_at_pickup")


class HoldingFields:
    """The three rows, added to ``form``; ``changed`` is called on every edit."""

    def __init__(self, form: QFormLayout, parent: QWidget, changed: Callable[[], None]) -> None:
        self.holding = QSpinBox(parent)
        low, high = NUMBER_BOUNDS["holding_days"]
        self.holding.setRange(low, high)
        self.holding.valueChanged.connect(lambda _v: changed())
        form.addRow(t("uncollected.field.holding_days"), self.holding)
        self.reminders = QLineEdit(parent)
        self.reminders.setPlaceholderText(t("uncollected.field.reminder_hint"))
        self.reminders.textChanged.connect(lambda _text: changed())
        form.addRow(t("uncollected.field.reminder_days"), self.reminders)
        self.note = QLabel(parent)
        self.note.setWordWrap(True)
        form.addRow(self.note)
        self.signature = QCheckBox(t("uncollected.field.signature_box"), parent)
        self.signature.toggled.connect(lambda _on: changed())
        form.addRow(t("uncollected.field.signature"), self.signature)

    def show(self, settings: StudioSettings | None) -> None:
        """The settings' values (``None``: empty), without calling ``changed``."""
        widgets = (self.holding, self.reminders, self.signature)
        for widget in widgets:
            widget.blockSignals(True)
        self.holding.setValue(settings.holding_days if settings else self.holding.minimum())
        self.reminders.setText(settings.reminder_days if settings else "")
        self.signature.setChecked(settings.signature_at_pickup if settings else False)
        for widget in widgets:
            widget.blockSignals(False)

    def values(self) -> dict[str, Any]:
        """What is on screen, the cadence written as it is saved (``7,30,60``) when it reads."""
        text = self.reminders.text()
        with suppress(SettingRefused):  # refused by check(); saving is off meanwhile
            text = ",".join(str(d) for d in parse_reminder_days(text))
        return {
            "holding_days": self.holding.value(),
            "reminder_days": text,
            "signature_at_pickup": self.signature.isChecked(),
        }

    def check(self) -> SettingRefused | None:
        """Why the cadence on screen cannot be saved, or None."""
        try:
            check_setting("reminder_days", self.reminders.text(), "")
            check_reminders_fit(self.holding.value(), self.reminders.text())
        except SettingRefused as refused:
            return refused
        return None
