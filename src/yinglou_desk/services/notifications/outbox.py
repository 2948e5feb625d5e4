"""Telling customers their order is ready: an outbox of messages, each sent once.

A message is queued in the same transaction as the check-in that made an
order (or a growth-package stage) ready, so it can neither be forgotten nor
queued twice (``dedupe_key``). Sending claims a message with a conditional
update before the gateway is called: two PCs never send the same message, and
a message whose send was interrupted is marked failed for a person to check,
never re-sent blindly.
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, select
from sqlalchemy.dialects import postgresql, sqlite

from yinglou_desk import catalogue
from yinglou_desk.domain.states import ItemState
from yinglou_desk.services.clock import Clock, utc_now
from yinglou_desk.services.reports.excel import FORMULA_TRIGGERS, Column, XlsxBook, in_language
from yinglou_desk.services.settings.studio import (
    DEFAULT_READY_TEMPLATE,
    DEFAULT_REMINDER_TEMPLATE,
    StudioSettings,
    load_settings,
)
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.storage.tables import customers, items, notifications, orders, stages

QUEUED, SENDING, SENT, FAILED, CANCELLED = "queued", "sending", "sent", "failed", "cancelled"
STALE_SENDING = timedelta(minutes=10)
# The export for a bulk-SMS platform; titles are catalogue keys.
EXPORT_COLUMNS = (
    Column("exports.col.phone"),
    Column("exports.col.message"),
    Column("exports.col.order_no"),
)
log = logging.getLogger(__name__)


class SendFailed(Exception):
    """The gateway did not take the message; ``retry`` says whether trying later may help."""

    def __init__(self, reason: str, retry: bool) -> None:
        super().__init__(reason)
        self.retry = retry


@dataclass(frozen=True)
class OutgoingMessage:
    id: int
    dedupe_key: str
    phone: str | None
    message: str


Channel = Callable[[OutgoingMessage], None]  # raises SendFailed


def _insert_ignoring_duplicates(conn: Connection, values: dict[str, Any]) -> bool:
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(notifications)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
        .returning(notifications.c.id)  # psycopg reports no rowcount for DO NOTHING
    )
    return conn.execute(statement).first() is not None


def _order_facts(conn: Connection, order_id: int, stage_id: int | None) -> dict[str, Any]:
    order = conn.execute(
        select(orders.c.order_no, customers.c.name, customers.c.phone)
        .join(customers, customers.c.id == orders.c.customer_id)
        .where(orders.c.id == order_id)
    ).one()
    query = select(items.c.product).where(
        items.c.order_id == order_id, items.c.state == ItemState.READY.value
    )
    stage_name = ""
    if stage_id is not None:
        query = query.where(items.c.stage_id == stage_id)
        stage_name = conn.execute(select(stages.c.name).where(stages.c.id == stage_id)).scalar_one()
    products = list(dict.fromkeys(conn.execute(query.order_by(items.c.id)).scalars()))
    return {
        "order_no": order.order_no,
        "customer": order.name,
        "phone": order.phone,
        "stage": f"（{stage_name}）" if stage_name else "",
        "items": "、".join(products) or "产品",
    }


def render(
    template: str,
    settings: StudioSettings,
    facts: dict[str, Any],
    fallback: str = DEFAULT_READY_TEMPLATE,
    **extra: Any,
) -> str:
    """The message from the studio's template, or from the built-in ``fallback`` wording.

    Saved templates are checked (:mod:`~yinglou_desk.domain.settings_rules`), but one
    written straight into the database, or saved by an older program, may still fail:
    whatever it raises, the check-in that queues the message must go through.
    """
    values = {
        "studio": settings.studio,
        "address": settings.address,
        "hours": settings.hours,
        **facts,
        **extra,
    }
    try:
        return template.format(**values)
    except Exception as error:  # noqa: BLE001 - a message never costs a scan
        log.warning("message template %r failed (%s); using the built-in wording", template, error)
        return fallback.format(**values)


def queue_ready(
    conn: Connection,
    order_id: int,
    stage_id: int | None,
    now: datetime,
    by: str,
    settings: StudioSettings | None = None,
) -> bool:
    """Queue the "your order is ready" message; False when it was queued before.

    ``settings``: the scan service passes its cached copy, saving a query per check-in.
    """
    return _queue(conn, "ready", order_id, stage_id, now, by, settings)


def queue_reminder(
    conn: Connection,
    order_id: int,
    stage_id: int | None,
    days: int,
    now: datetime,
    by: str,
    day: int,
    settings: StudioSettings | None = None,
) -> bool:
    """Queue the reminder of cadence day ``day`` for an uncollected order or stage: once
    a day of the cadence (``uncollected:ORDER:STAGE:DAY``); False when it was queued
    before. ``days``: how long it has waited, as the message says."""
    key = f"uncollected:{order_id}:{stage_id or 0}:{day}"
    return _queue(conn, "reminder", order_id, stage_id, now, by, settings, key=key, days=days)


def _queue(
    conn: Connection,
    event: str,
    order_id: int,
    stage_id: int | None,
    now: datetime,
    by: str,
    settings: StudioSettings | None,
    key: str | None = None,
    **extra: Any,
) -> bool:
    """One message per event, order and stage (``dedupe_key``, unless ``key`` names it
    otherwise), rendered from its template."""
    settings = settings or load_settings(conn)
    facts = _order_facts(conn, order_id, stage_id)
    template = settings.ready_template if event == "ready" else settings.reminder_template
    fallback = DEFAULT_READY_TEMPLATE if event == "ready" else DEFAULT_REMINDER_TEMPLATE
    return _insert_ignoring_duplicates(
        conn,
        {
            "dedupe_key": key or f"{event}:{order_id}:{stage_id or 0}",
            "order_id": order_id,
            "stage_id": stage_id,
            "event": event,
            "phone": facts["phone"],
            "message": render(template, settings, facts, fallback, **extra),
            "state": QUEUED,
            "attempts": 0,
            "next_attempt_at": now,
            "created_at": now,
            "created_by": by,
        },
    )


def cancel_queued(conn: Connection, order_id: int, stage_id: int | None) -> None:
    conn.execute(
        notifications.update()
        .where(
            notifications.c.order_id == order_id,
            notifications.c.stage_id.is_(None)
            if stage_id is None
            else notifications.c.stage_id == stage_id,
            notifications.c.state == QUEUED,
        )
        .values(state=CANCELLED, last_error=catalogue.text("notifications.collected"))
    )


@dataclass
class SendReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def send_queued(
    engine: Engine, channel: Channel, clock: Clock = utc_now, limit: int = 100
) -> SendReport:
    """Send what is due now through ``channel``; failures are retried with back-off."""
    report = SendReport()
    now = clock()
    _fail_stale_sends(engine, now)
    with engine.connect() as conn:
        settings = load_settings(conn)
        due = (
            conn.execute(
                select(notifications.c.id)
                .where(notifications.c.state == QUEUED, notifications.c.next_attempt_at <= now)
                .order_by(notifications.c.id)
                .limit(limit)
            )
            .scalars()
            .all()
        )
    for notification_id in due:
        message = _claim(engine, notification_id, clock())
        if message is None:
            continue  # another PC took it
        if not message.phone:
            _finish(engine, message.id, FAILED, catalogue.text("notifications.no_phone"), None)
            report.failed += 1
            continue
        try:
            channel(message)
        except SendFailed as failure:
            attempts = _attempts(engine, message.id)
            if failure.retry and attempts < settings.sms_max_attempts:
                delay = timedelta(seconds=settings.sms_backoff_seconds * 2 ** (attempts - 1))
                _finish(engine, message.id, QUEUED, str(failure), clock() + delay)
                report.retrying += 1
            else:
                _finish(engine, message.id, FAILED, str(failure), None)
                report.failed += 1
            continue
        _finish(engine, message.id, SENT, None, None, sent_at=clock())
        report.sent += 1
    return report


def _claim(engine: Engine, notification_id: int, now: datetime) -> OutgoingMessage | None:
    with write_transaction(engine) as conn:
        claimed = conn.execute(
            notifications.update()
            .where(notifications.c.id == notification_id, notifications.c.state == QUEUED)
            .values(
                state=SENDING,
                attempts=notifications.c.attempts + 1,
                next_attempt_at=now,  # while sending: when the claim was made
            )
        ).rowcount
        if claimed != 1:
            return None
        row = conn.execute(
            select(
                notifications.c.id,
                notifications.c.dedupe_key,
                notifications.c.phone,
                notifications.c.message,
            ).where(notifications.c.id == notification_id)
        ).one()
    return OutgoingMessage(row.id, row.dedupe_key, row.phone, row.message)


def _attempts(engine: Engine, notification_id: int) -> int:
    with engine.connect() as conn:
        return int(
            conn.execute(
                select(notifications.c.attempts).where(notifications.c.id == notification_id)
            ).scalar_one()
        )


def _finish(
    engine: Engine,
    notification_id: int,
    state: str,
    error: str | None,
    next_attempt_at: datetime | None,
    sent_at: datetime | None = None,
) -> None:
    with write_transaction(engine) as conn:
        conn.execute(
            notifications.update()
            .where(notifications.c.id == notification_id, notifications.c.state == SENDING)
            .values(state=state, last_error=error, next_attempt_at=next_attempt_at, sent_at=sent_at)
        )


def _fail_stale_sends(engine: Engine, now: datetime) -> None:
    """A send that never finished (program killed mid-send) may or may not have gone out."""
    with write_transaction(engine) as conn:
        conn.execute(
            notifications.update()
            .where(
                notifications.c.state == SENDING,
                notifications.c.next_attempt_at < now - STALE_SENDING,
            )
            .values(
                state=FAILED,
                last_error=catalogue.text("notifications.interrupted"),
            )
        )


def export_queued(
    engine: Engine, path: Path, clock: Clock = utc_now, mark_sent: bool = True
) -> int:
    """Queued messages as CSV (or .xlsx) for a bulk-SMS platform; marks them sent."""
    now = clock()
    with write_transaction(engine) as conn:
        rows = conn.execute(
            select(
                notifications.c.id,
                notifications.c.phone,
                notifications.c.message,
                orders.c.order_no,
            )
            .join(orders, orders.c.id == notifications.c.order_id)
            .where(notifications.c.state == QUEUED, notifications.c.phone.is_not(None))
            .order_by(notifications.c.id)
        ).all()
        columns = in_language(EXPORT_COLUMNS)
        header = [column.title for column in columns]
        body = [[r.phone, r.message, r.order_no] for r in rows]
        if path.suffix.lower() == ".xlsx":
            book = XlsxBook()
            book.add_table(catalogue.text("exports.sheet.messages"), columns, body)
            book.save(path)
        else:
            with path.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(header)
                writer.writerows([[csv_safe(v) for v in line] for line in body])
        if mark_sent and rows:
            conn.execute(
                notifications.update()
                .where(
                    notifications.c.id.in_([r.id for r in rows]), notifications.c.state == QUEUED
                )
                .values(
                    state=SENT, sent_at=now, last_error=catalogue.text("notifications.exported")
                )
            )
    return len(rows)


def csv_safe(value: object) -> object:
    """Spreadsheet programs run CSV cells starting with = + - @ as formulas: not ours."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value
