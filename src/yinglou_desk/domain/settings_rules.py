"""What a studio may put in its settings: templates that always render, numbers in sane bounds.

A setting is checked when it is saved (from the desk or the command line), so a
typo in a message template is refused at once, with the fields it may use —
rather than discovered by the check-in that completes an order, which must
never fail because of a message. A template is checked twice: its fields one
by one (no attribute or index access, no format specs, no positional fields),
then by rendering it against a sample order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from string import Formatter
from typing import Any

from yinglou_desk import catalogue
from yinglou_desk.domain.wording import listing

# Fields each message template may use; the values are filled in by the outbox.
READY_FIELDS = ("studio", "address", "hours", "customer", "order_no", "stage", "items")
TEMPLATE_FIELDS: dict[str, tuple[str, ...]] = {
    "ready_template": READY_FIELDS,
    "reminder_template": (*READY_FIELDS, "days"),
}
# The SMS gateway's request is filled by plain replacement of these names (JSON
# bodies keep their own braces), so only ``{name}`` placeholders are looked at.
GATEWAY_FIELDS: dict[str, tuple[str, ...]] = {
    "sms_body_template": ("phone", "message", "id"),
    "sms_url": ("phone", "message", "id"),
}
NUMBER_BOUNDS: dict[str, tuple[int, int]] = {
    "due_back_soon_days": (0, 365),
    "uncollected_days": (0, 365),
    "pickup_window_days": (0, 365),
    "holding_days": (1, 3650),
    "sms_max_attempts": (1, 20),
    "sms_backoff_seconds": (1, 3600),
}
TEXT_LIMITS: dict[str, int] = {
    "studio": 60,
    "address": 200,
    "hours": 60,
    "ready_template": 500,
    "reminder_template": 500,
    "sms_url": 500,
    "sms_body_template": 2000,
    "reminder_days": 100,
}
SMS_METHODS = ("GET", "POST", "PUT")
# The reminder cadence (提醒天数): days after an order is ready, e.g. "7,30,60".
MAX_REMINDERS = 6
REMINDER_SEPARATORS = re.compile(r"[,，、\s]+")
MAX_HEADERS = 20

SAMPLE_ORDER: dict[str, object] = {
    "studio": "花漾影楼",
    "address": "人民路 8 号",
    "hours": "9:00–21:00",
    "customer": "张小梅",
    "order_no": "2611230000016",
    "stage": "（百天）",
    "items": "大相册、水晶摆台",
    "days": 7,
}
_GATEWAY_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


class SettingRefused(ValueError):
    """A value a setting cannot take; ``key`` names the message, the text says why."""

    def __init__(self, key: str, setting: str, **params: object) -> None:
        self.key = key
        self.setting = setting
        self.params = params
        super().__init__(catalogue.text(key, None, setting=setting, **params))


def check_setting(name: str, value: Any, default: Any) -> None:
    """Refuse a value ``name`` cannot take (``default`` gives its type)."""
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise SettingRefused("settings.not_bool", name)
        return
    if isinstance(default, int):
        _check_number(name, value)
        return
    if isinstance(default, dict):
        _check_headers(name, value)
        return
    if not isinstance(value, str):
        raise SettingRefused("settings.not_text", name)
    limit = TEXT_LIMITS.get(name)
    if limit is not None and len(value) > limit:
        raise SettingRefused("settings.too_long", name, limit=limit)
    if name in TEMPLATE_FIELDS:
        check_template(name, value, TEMPLATE_FIELDS[name])
    elif name in GATEWAY_FIELDS:
        _check_gateway_text(name, value, GATEWAY_FIELDS[name])
    if name == "reminder_days":
        parse_reminder_days(value)
    if name == "sms_url" and value and not value.startswith(("http://", "https://")):
        raise SettingRefused("settings.bad_url", name)
    if name == "sms_method" and value.upper() not in SMS_METHODS:
        raise SettingRefused("settings.bad_method", name, allowed="、".join(SMS_METHODS))


def parse_reminder_days(text: str) -> tuple[int, ...]:
    """The reminder cadence as days after ready: ``"7,30,60"`` → ``(7, 30, 60)``.

    Whole positive days, ascending, each once, at most :data:`MAX_REMINDERS`; the
    full-width comma and 、 are accepted (an IME types them), so are spaces. Empty
    means no reminders. Anything else is refused with what was wrong.
    """
    name = "reminder_days"
    parts = [p for p in REMINDER_SEPARATORS.split(text.strip()) if p]
    days: list[int] = []
    for part in parts:
        if not part.isascii() or not part.isdigit() or int(part) < 1:
            raise SettingRefused("uncollected.days_not_whole", name, value=part)
        day = int(part)
        if days and day <= days[-1]:
            raise SettingRefused("uncollected.days_not_ascending", name, value=part)
        days.append(day)
    if len(days) > MAX_REMINDERS:
        raise SettingRefused("uncollected.too_many_days", name, limit=MAX_REMINDERS)
    return tuple(days)


def check_reminders_fit(holding_days: int, reminder_days: str) -> None:
    """Every reminder falls within the holding period (a reminder after it means nothing)."""
    late = [d for d in parse_reminder_days(reminder_days) if d >= holding_days]
    if late:
        raise SettingRefused(
            "uncollected.day_after_holding", "reminder_days", value=late[0], days=holding_days
        )


def check_template(name: str, template: str, allowed: tuple[str, ...]) -> None:
    """A message template that can only ever render: named fields from ``allowed``, nothing else."""
    fields = listing(["{" + f + "}" for f in allowed])
    try:
        parts = list(Formatter().parse(template))
    except ValueError:
        raise SettingRefused("settings.template_braces", name, fields=fields) from None
    for _literal, field, spec, conversion in parts:
        if field is None:
            continue
        if field not in allowed:  # also "{a.b}", "{a[0]}", "{}" and "{0}"
            shown = "{" + field + "}"
            raise SettingRefused("settings.template_field", name, field=shown, fields=fields)
        if spec or conversion:
            shown = (
                "{"
                + field
                + (f"!{conversion}" if conversion else "")
                + (f":{spec}" if spec else "")
            )
            raise SettingRefused("settings.template_format", name, field=shown + "}", fields=fields)
    try:
        template.format(**SAMPLE_ORDER)
    except (KeyError, IndexError, ValueError, AttributeError, TypeError):
        raise SettingRefused("settings.template_braces", name, fields=fields) from None


def _check_gateway_text(name: str, text: str, allowed: tuple[str, ...]) -> None:
    for found in _GATEWAY_PLACEHOLDER.findall(text):
        if found not in allowed:
            fields = listing(["{" + f + "}" for f in allowed])
            raise SettingRefused(
                "settings.template_field", name, field="{" + found + "}", fields=fields
            )


def _check_number(name: str, value: Any) -> None:
    low, high = NUMBER_BOUNDS.get(name, (0, 10_000))
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise SettingRefused("settings.out_of_range", name, low=low, high=high)


def _check_headers(name: str, value: Any) -> None:
    if not isinstance(value, Mapping) or len(value) > MAX_HEADERS:
        raise SettingRefused("settings.bad_headers", name)
    for key, text in value.items():
        if not isinstance(key, str) or not isinstance(text, str) or "\n" in key + text:
            raise SettingRefused("settings.bad_headers", name)
