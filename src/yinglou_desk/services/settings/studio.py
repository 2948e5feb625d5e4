"""Studio-wide settings shared by every PC (kept in the ``settings`` table).

Each setting has a default here, so a new studio works without configuring
anything; a studio changes only what differs for it.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from sqlalchemy import Connection, Engine, select

from yinglou_desk.domain.roles import Actor, Permission, require
from yinglou_desk.domain.settings_rules import (
    SettingRefused,
    check_reminders_fit,
    check_setting,
    parse_reminder_days,
)
from yinglou_desk.services.clock import Clock, utc_now
from yinglou_desk.services.staff import audit
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.storage.tables import settings as settings_table

log = logging.getLogger(__name__)
__all__ = ["SettingRefused", "StudioSettings", "check_changes", "load_settings", "save_settings"]

DEFAULT_READY_TEMPLATE = (
    "【{studio}】{customer}您好！您的订单{order_no}{stage}的{items}已到店，"
    "请于{hours}到{address}取件。"
)
DEFAULT_REMINDER_TEMPLATE = (
    "【{studio}】{customer}您好！您的订单{order_no}{stage}的{items}已到店{days}天，"
    "尚未取件，请于{hours}到{address}取件。"
)


@dataclass
class StudioSettings:
    studio: str = "影楼"
    address: str = "本店"
    hours: str = "9:00–21:00"
    ready_template: str = DEFAULT_READY_TEMPLATE
    reminder_template: str = DEFAULT_REMINDER_TEMPLATE
    working_days: bool = False
    due_back_soon_days: int = 2
    uncollected_days: int = 7
    pickup_window_days: int = 3
    # The counter (取件): how long uncollected items are held, when customers are reminded
    # (days after the order is ready, comma-separated), and whether the customer signs.
    holding_days: int = 90
    reminder_days: str = "7,30,60"
    signature_at_pickup: bool = False
    sms_url: str = ""
    sms_method: str = "POST"
    sms_headers: dict[str, str] = field(default_factory=dict)
    sms_body_template: str = '{"phone": "{phone}", "message": "{message}", "id": "{id}"}'
    sms_max_attempts: int = 8
    sms_backoff_seconds: int = 30

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def check_changes(changes: dict[str, Any], current: dict[str, Any] | None = None) -> None:
    """Refuse unknown settings and values a setting cannot take, before anything is written.

    With ``current`` (the settings as stored), settings that depend on each other are
    checked together: every reminder day falls within the holding period.
    """
    defaults = StudioSettings().to_json()
    unknown = sorted(set(changes) - set(defaults))
    if unknown:
        raise SettingRefused(
            "settings.unknown", unknown[0], names="、".join(unknown), known="、".join(defaults)
        )
    for name, value in changes.items():
        check_setting(name, value, defaults[name])
    if current is not None and {"holding_days", "reminder_days"} & set(changes):
        merged = current | changes
        check_reminders_fit(merged["holding_days"], merged["reminder_days"])


def current_settings(engine: Engine) -> StudioSettings:
    """The studio's settings as they are now, in a read of their own."""
    with engine.connect() as conn:
        return load_settings(conn)


def load_settings(conn: Connection) -> StudioSettings:
    """The studio's settings; a stored value that is unreadable or out of bounds (edited by
    hand, or saved by an older program) is logged and replaced by its default."""
    stored = dict(conn.execute(select(settings_table.c.key, settings_table.c.value)).all())
    defaults = StudioSettings().to_json()
    values: dict[str, Any] = {}
    for f in fields(StudioSettings):
        if f.name in stored:
            try:
                value = json.loads(stored[f.name])
                check_setting(f.name, value, defaults[f.name])
            except ValueError as error:  # SettingRefused is a ValueError too
                log.warning("setting %s ignored, default used: %s", f.name, error)
                continue
            values[f.name] = value
    return StudioSettings(**values)


def save_settings(
    engine: Engine,
    changes: dict[str, Any],
    clock: Clock = utc_now,
    *,
    actor: Actor | None,
) -> StudioSettings:
    """Save ``changes`` after checking every value (:mod:`~yinglou_desk.domain.settings_rules`);
    one bad value refuses the whole change with :class:`SettingRefused`. Managers and
    admins only, audited as ``actor``."""
    require(actor, Permission.CHANGE_SETTINGS)
    assert actor is not None
    check_changes(changes)
    if "reminder_days" in changes:  # kept as "7,30,60" however it was typed
        days = parse_reminder_days(changes["reminder_days"])
        changes = changes | {"reminder_days": ",".join(str(d) for d in days)}
    with write_transaction(engine) as conn:
        before = load_settings(conn).to_json()
        check_changes(changes, before)
        for key, value in changes.items():
            text = json.dumps(value, ensure_ascii=False)
            updated = conn.execute(
                settings_table.update().where(settings_table.c.key == key).values(value=text)
            ).rowcount
            if not updated:
                conn.execute(settings_table.insert().values(key=key, value=text))
        audit.record(
            conn,
            clock(),
            actor.name,
            "settings.change",
            ", ".join(sorted(changes)),
            audited_changes(before, changes),
        )
        return load_settings(conn)


def audited_changes(before: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """What the audit log keeps of a change: each setting's old and new value.

    The gateway's headers carry its credentials (an API key): only their names are
    kept, with whether their values changed, so the log never holds a secret.
    """
    kept: dict[str, Any] = {}
    for key, value in changes.items():
        old = before.get(key)
        if key == "sms_headers" and isinstance(value, dict) and isinstance(old, dict):
            kept[key] = {
                "from": sorted(old),
                "to": sorted(value),
                "values_changed": sorted(k for k in value if old.get(k) != value[k]),
            }
        else:
            kept[key] = {"from": old, "to": value}
    return kept
