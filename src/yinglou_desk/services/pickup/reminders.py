"""Reminding customers of what waits on the ready shelf, on the studio's cadence.

A studio sets the days after ready on which a customer is reminded (``reminder_days``,
e.g. 7, 30 and 60). :func:`queue_cadence` — run from 今日's 提醒未取 button or
``yinglou-desk notify remind`` — queues, for every order (or growth-package stage)
ready on the shelf, the reminder of the latest cadence day it has reached, in the
outbox with the key ``uncollected:ORDER:STAGE:DAY``: each day of the cadence is
sent once, however often the reminders are run. The message is the studio's
``reminder_template``; it replaces the single second reminder of earlier versions.

*Ready since*, for the cadence, is when the unit became ready: the latest
``returned_at`` of its items waiting on the shelf — the moment its "ready" message
was queued, so a first reminder never follows the ready message by a day because
one item came back early. (The 超期未取 list counts from the oldest instead: how
long something has physically sat on the shelf.)

A customer without a mobile number is skipped, with the reason, and nothing is
queued; so is a unit whose "ready" message is still waiting to go out (a reminder
follows being told, never arrives with it) — it is reminded once that is sent. The program has no "declines messages" mark on customers yet; when it gets
one, it belongs here beside the phone check.

:func:`reminders_of` is an order's history: the ready message and every reminder,
with the cadence day, when it was queued, by whom, and what became of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection, Engine, and_, select

from yinglou_desk import catalogue
from yinglou_desk.services.clock import Clock, local_date, utc_now
from yinglou_desk.services.notifications.due import ready_units
from yinglou_desk.services.notifications.outbox import QUEUED, SENDING, queue_reminder
from yinglou_desk.services.pickup.holding import policy_of
from yinglou_desk.services.settings.studio import load_settings
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.storage.tables import customers, notifications, orders, stages

KEY_PREFIX = "uncollected"


@dataclass(frozen=True)
class Skipped:
    """A reminder the cadence asked for and that was not queued; ``reason`` is a catalogue key."""

    order_no: str
    stage: str | None
    day: int
    reason: str


@dataclass
class ReminderRun:
    queued: int = 0
    skipped: list[Skipped] = field(default_factory=list)


def queue_cadence(engine: Engine, clock: Clock = utc_now, by: str = "system") -> ReminderRun:
    """Queue today's reminders of the cadence, each cadence day once per order or stage."""
    now = clock()
    today = local_date(now)
    run = ReminderRun()
    with write_transaction(engine) as conn:
        settings = load_settings(conn)
        policy = policy_of(settings)
        if not policy.reminder_days:
            return run
        units = ready_units()
        ready = notifications.alias("ready")
        rows = conn.execute(
            select(
                units.c.order_id,
                units.c.stage_id,
                units.c.ready_since,
                orders.c.order_no,
                stages.c.name.label("stage"),
                customers.c.phone,
                ready.c.state.label("told"),
            )
            .select_from(units)
            .outerjoin(
                ready,
                and_(
                    ready.c.order_id == units.c.order_id,
                    ready.c.stage_id.is_not_distinct_from(units.c.stage_id),
                    ready.c.event == "ready",
                ),
            )
            .join(orders, orders.c.id == units.c.order_id)
            .join(customers, customers.c.id == orders.c.customer_id)
            .outerjoin(stages, stages.c.id == units.c.stage_id)
            .where(units.c.ready_since.is_not(None))
            .order_by(units.c.ready_since, orders.c.order_no, units.c.stage_id)
        ).all()
        due = []
        for row in rows:
            waited = (today - local_date(row.ready_since)).days
            day = policy.due_day(waited)
            if day is not None:
                due.append((row, waited, day, reminder_key(row.order_id, row.stage_id, day)))
        queued_before = _existing(conn, [key for *_rest, key in due])
        for row, waited, day, key in due:
            if key in queued_before:
                continue
            if not row.phone:
                run.skipped.append(Skipped(row.order_no, row.stage, day, "uncollected.no_phone"))
                continue
            if row.told in (QUEUED, SENDING):
                run.skipped.append(Skipped(row.order_no, row.stage, day, "uncollected.not_told"))
                continue
            if queue_reminder(
                conn, row.order_id, row.stage_id, waited, now, by, day=day, settings=settings
            ):
                run.queued += 1
    return run


def reminder_key(order_id: int, stage_id: int | None, day: int) -> str:
    """The outbox's dedupe key of a cadence day's reminder (as :func:`queue_reminder` writes it)."""
    return f"{KEY_PREFIX}:{order_id}:{stage_id or 0}:{day}"


def _existing(conn: Connection, keys: list[str]) -> set[str]:
    """Which of ``keys`` are in the outbox already (on its unique key, a few hundred a query),
    so a run that has nothing new to say costs no message rendering."""
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        found.update(
            conn.execute(
                select(notifications.c.dedupe_key).where(notifications.c.dedupe_key.in_(chunk))
            ).scalars()
        )
    return found


@dataclass(frozen=True)
class SentMessage:
    """One message of an order's history: the ready message (``day`` None) or a reminder."""

    event: str  # "ready" or "reminder"
    day: int | None  # the cadence day of a reminder; None for the ready message (or older ones)
    stage: str | None
    state: str  # queued, sending, sent, failed, cancelled
    queued_at: datetime
    queued_by: str
    sent_at: datetime | None
    note: str | None  # why it failed or was cancelled


def cadence_day(dedupe_key: str) -> int | None:
    """``uncollected:12:0:30`` → 30; any other key → None."""
    parts = dedupe_key.split(":")
    if len(parts) == 4 and parts[0] == KEY_PREFIX and parts[3].isdigit():
        return int(parts[3])
    return None


def reminders_of(engine: Engine, order_no: str) -> list[SentMessage]:
    """The order's ready messages and reminders, oldest first (one indexed query)."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                notifications.c.event,
                notifications.c.dedupe_key,
                stages.c.name.label("stage"),
                notifications.c.state,
                notifications.c.created_at,
                notifications.c.created_by,
                notifications.c.sent_at,
                notifications.c.last_error,
            )
            .join(orders, orders.c.id == notifications.c.order_id)
            .outerjoin(stages, stages.c.id == notifications.c.stage_id)
            .where(
                orders.c.order_no == order_no,
                notifications.c.event.in_(("ready", "reminder")),
            )
            .order_by(notifications.c.created_at, notifications.c.id)
        ).all()
    return [
        SentMessage(
            r.event,
            cadence_day(r.dedupe_key),
            r.stage,
            r.state,
            r.created_at,
            r.created_by,
            r.sent_at,
            r.last_error,
        )
        for r in rows
    ]


def skipped_words(skipped: Skipped) -> str:
    """``2611230000016（百天） 第 7 天：客户没有手机号``"""
    stage = catalogue.text("uncollected.stage", stage=skipped.stage) if skipped.stage else ""
    return catalogue.text(
        "uncollected.skipped_line",
        order_no=skipped.order_no,
        stage=stage,
        day=skipped.day,
        reason=catalogue.text(skipped.reason),
    )
