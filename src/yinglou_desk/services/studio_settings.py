"""Studio-wide settings shared by every PC (kept in the ``settings`` table).

Each setting has a default here, so a new studio works without configuring
anything; a studio changes only what differs for it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from sqlalchemy import Connection, Engine, select

from ..domain import messages
from ..domain.roles import Actor, Permission, require
from ..storage.engine import write_transaction
from ..storage.tables import settings as settings_table
from . import audit
from .clock import Clock, utc_now

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
    sms_url: str = ""
    sms_method: str = "POST"
    sms_headers: dict[str, str] = field(default_factory=dict)
    sms_body_template: str = '{"phone": "{phone}", "message": "{message}", "id": "{id}"}'
    sms_max_attempts: int = 8
    sms_backoff_seconds: int = 30

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


# what a number setting may be: beyond these, date arithmetic overflows (or makes no sense)
NUMBER_LIMITS: dict[str, tuple[int, int]] = {
    "due_back_soon_days": (0, 365),
    "uncollected_days": (0, 3650),
    "pickup_window_days": (0, 365),
    "sms_max_attempts": (1, 100),
    "sms_backoff_seconds": (0, 86400),
}


def load_settings(conn: Connection) -> StudioSettings:
    stored = dict(conn.execute(select(settings_table.c.key, settings_table.c.value)).all())
    values: dict[str, Any] = {}
    for f in fields(StudioSettings):
        if f.name in stored:
            try:
                values[f.name] = json.loads(stored[f.name])
            except ValueError:
                continue  # a hand-edited bad value falls back to the default
    return StudioSettings(**values)


def save_settings(
    engine: Engine,
    changes: dict[str, Any],
    clock: Clock = utc_now,
    *,
    actor: Actor | None,
) -> StudioSettings:
    """Change some settings for every PC; managers and admins only, audited as ``actor``."""
    require(actor, Permission.CHANGE_SETTINGS)
    assert actor is not None
    known = {f.name for f in fields(StudioSettings)}
    unknown = set(changes) - known
    if unknown:
        raise ValueError(f"未知设置 / unknown settings: {', '.join(sorted(unknown))}")
    for key, value in changes.items():
        low, high = NUMBER_LIMITS.get(key, (None, None))
        if low is not None and high is not None and not low <= value <= high:
            raise ValueError(
                messages.text("settings.out_of_range", setting=key, low=low, high=high, value=value)
            )
    with write_transaction(engine) as conn:
        for key, value in changes.items():
            text = json.dumps(value, ensure_ascii=False)
            updated = conn.execute(
                settings_table.update().where(settings_table.c.key == key).values(value=text)
            ).rowcount
            if not updated:
                conn.execute(settings_table.insert().values(key=key, value=text))
        audit.record(
            conn, clock(), actor.name, "settings.change", ", ".join(sorted(changes)), changes
        )
        return load_settings(conn)
