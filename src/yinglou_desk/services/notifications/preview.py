"""Trying the customer messages before they go out: a template's preview, a test SMS.

店铺设置 shows each template as a customer would read it, filled with a real
order of this studio — the one most recently ready for pickup, else a sample
(:data:`~yinglou_desk.domain.settings_rules.SAMPLE_ORDER`) — and checked by the
same rules ``settings set`` applies, so what the preview accepts is exactly
what saving accepts. The test SMS goes through the real gateway code
(:class:`~yinglou_desk.services.notifications.sms.HttpSmsChannel`) with the
gateway settings on screen, saved or not, so a manager can try a provider
before committing to it.

Both are a manager's (``CHANGE_SETTINGS``): the preview shows a customer's
name and the test spends the studio's SMS credit. The test is audited.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Engine, select

from yinglou_desk import catalogue
from yinglou_desk.domain.progress import OrderProgress
from yinglou_desk.domain.roles import Actor, Permission, require
from yinglou_desk.domain.settings_rules import SAMPLE_ORDER, TEMPLATE_FIELDS, check_template
from yinglou_desk.domain.wording import WordedError
from yinglou_desk.services.clock import Clock, utc_now
from yinglou_desk.services.notifications.outbox import OutgoingMessage, _order_facts, render
from yinglou_desk.services.notifications.sms import HttpSmsChannel
from yinglou_desk.services.settings.studio import StudioSettings, check_changes, load_settings
from yinglou_desk.services.staff import audit
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.storage.errors import environment_errors
from yinglou_desk.storage.tables import orders

_PHONE = re.compile(r"\+?\d{5,20}")


class SmsTestRefused(WordedError, ValueError):
    """The test message cannot be sent as asked (no number, no gateway)."""


@dataclass(frozen=True)
class PreviewOrder:
    """What a template is filled with: a real order's facts, or the sample's."""

    facts: dict[str, Any]
    real: bool


def preview_order(engine: Engine, *, actor: Actor | None) -> PreviewOrder:
    """The order most recently ready for pickup, as a message would name it; else the sample."""
    require(actor, Permission.CHANGE_SETTINGS)
    with environment_errors(), engine.connect() as conn:
        order_id = conn.execute(
            select(orders.c.id)
            .where(orders.c.progress == OrderProgress.READY.value)
            .order_by(orders.c.updated_at.desc(), orders.c.id.desc())
            .limit(1)
        ).scalar()
        if order_id is None:
            return PreviewOrder(_sample_facts(), real=False)
        return PreviewOrder(_order_facts(conn, order_id, None), real=True)


def _sample_facts() -> dict[str, Any]:
    keys = ("customer", "order_no", "stage", "items")
    return {key: SAMPLE_ORDER[key] for key in keys} | {"phone": None}


def preview_message(
    setting: str, template: str, settings: StudioSettings, order: PreviewOrder
) -> str:
    """``template`` (the ``ready_template`` or ``reminder_template`` being typed) as the
    customer would read it; :class:`SettingRefused` with the reason when it cannot be saved."""
    check_template(setting, template, TEMPLATE_FIELDS[setting])
    days = {"days": settings.uncollected_days} if setting == "reminder_template" else {}
    return render(template, settings, order.facts, template, **days)


def send_test_sms(
    engine: Engine,
    changes: dict[str, Any],
    phone: str,
    clock: Clock = utc_now,
    *,
    actor: Actor | None,
) -> None:
    """One test message to ``phone`` through the gateway the settings on screen describe
    (``changes`` over the saved ones); the gateway's refusal comes back as
    :class:`~yinglou_desk.services.notifications.outbox.SendFailed` with its words."""
    require(actor, Permission.CHANGE_SETTINGS)
    assert actor is not None
    number = re.sub(r"[\s-]", "", phone)
    if not _PHONE.fullmatch(number):
        raise SmsTestRefused("notifications.test_bad_phone", phone=phone)
    check_changes(changes)
    with environment_errors(), engine.connect() as conn:
        settings = replace(load_settings(conn), **changes)
    if not settings.sms_url:
        raise SmsTestRefused("notifications.no_gateway")
    text = catalogue.text("notifications.test_message", studio=settings.studio)
    key = f"test:{secrets.token_hex(8)}"
    HttpSmsChannel(settings)(OutgoingMessage(0, key, number, text))
    with environment_errors(), write_transaction(engine) as conn:
        audit.record(conn, clock(), actor.name, "sms.test", number, {"url": settings.sms_url})
