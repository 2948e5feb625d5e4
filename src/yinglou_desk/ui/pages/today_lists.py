"""How the six due lists of :func:`~yinglou_desk.services.notifications.due.due_lists` are shown.

One :class:`DueListSpec` per list: its title, the palette colour of its tile,
its columns, and the coloured status words of each row (colour is never the
only cue). Kept apart from the page so the page stays about behaviour. The sixth, 超期未取
(``overdue_pickup``), carries what the studio paid for the goods on the shelf: the
page shows it to managers only (:data:`MANAGERS_ONLY`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from yinglou_desk.catalogue import text as t
from yinglou_desk.domain.roles import Permission
from yinglou_desk.services.pickup.overdue import slot_words, status_words, yuan_of
from yinglou_desk.ui.models.records_model import Record, RecordColumn
from yinglou_desk.ui.widgets.colours import progress_text


@dataclass(frozen=True)
class DueListSpec:
    key: str  # the DueLists attribute
    colour: str  # palette key of the tile and the usual row colour
    columns: tuple[RecordColumn, ...]
    status: Callable[[Record], tuple[str, str]]
    title_key: str | None = None  # when the title is not ``today.list.<key>``

    @property
    def title(self) -> str:
        return t(self.title_key or f"today.list.{self.key}")


# lists only some may see, and the permission they need (the value on the shelf is
# what the studio paid its labs: the manager's business, as reconciliation is)
MANAGERS_ONLY = {"overdue_pickup": Permission.RECONCILE}


def _short(iso: str | None) -> str:
    return date.fromisoformat(iso[:10]).strftime("%m-%d") if iso else "?"


def _overdue(record: Record) -> tuple[str, str]:
    return "overdue", t("today.st.overdue", days=record["days_overdue"])


def _due_soon(record: Record) -> tuple[str, str]:
    return "sent_out", t("today.st.due_soon", date=_short(record["expected_return"]))


def _ready(record: Record) -> tuple[str, str]:
    state = record.get("notification")
    if state == "failed":
        return "problem", t("today.st.notify_failed")
    if state in ("queued", "sending"):
        return "ready", t("today.st.notify_queued")
    return "ready", t("today.st.not_notified")


def _uncollected(record: Record) -> tuple[str, str]:
    if record.get("reminder") == "failed":
        return "problem", t("today.st.reminder_failed")
    return "ready", t("today.st.waiting", days=record["days_waiting"])


def _overdue_pickup(record: Record) -> tuple[str, str]:
    """Red and 超期 once the holding period has run out; orange while only the reminders have."""
    return ("problem" if record["past_holding"] else "overdue"), status_words(record)


def _pickup(record: Record) -> tuple[str, str]:
    if record["late"]:
        return "problem", t("today.st.late", n=record["items_missing"])
    return "overdue", t("today.st.missing", n=record["items_missing"])


def reminder_text(state: str | None) -> str:
    return (
        t(f"today.reminder.{state or 'none'}")
        if state in (None, "queued", "sent", "failed")
        else str(state)
    )


def _col(key: str, title_key: str, kind: Any = "text") -> RecordColumn:
    return RecordColumn(key, t(title_key), kind)


def _status() -> RecordColumn:
    return RecordColumn("status", t("col.state"), status=True)


def due_list_specs() -> list[DueListSpec]:
    """Built when asked, so the texts follow ``YINGLOU_LANG``."""
    item_cols = (
        _col("vendor", "col.vendor"),
        _col("order_no", "col.order_no"),
        _col("customer", "col.customer"),
        _col("product", "col.product"),
        _col("spec", "col.spec"),
        _col("code", "col.code"),
    )
    return [
        DueListSpec(
            "overdue_at_vendor",
            "overdue",
            (
                _status(),
                *item_cols,
                _col("sent_at", "col.sent", "datetime"),
                _col("expected_return", "col.expected", "date"),
            ),
            _overdue,
        ),
        DueListSpec(
            "due_back_soon",
            "sent_out",
            (_status(), *item_cols, _col("expected_return", "col.expected", "date")),
            _due_soon,
        ),
        DueListSpec(
            "ready_not_notified",
            "ready",
            (
                _status(),
                _col("order_no", "col.order_no"),
                _col("stage", "col.stage"),
                _col("customer", "col.customer"),
                _col("phone", "col.phone"),
                _col("ready_since", "col.ready_since", "datetime"),
            ),
            _ready,
        ),
        DueListSpec(
            "uncollected",
            "ready",
            (
                _status(),
                _col("order_no", "col.order_no"),
                _col("stage", "col.stage"),
                _col("customer", "col.customer"),
                _col("phone", "col.phone"),
                _col("notified_at", "col.notified_at", "datetime"),
                _col("days_waiting", "col.days_waiting", "int"),
                _col("reminder_text", "col.reminder"),
            ),
            _uncollected,
        ),
        DueListSpec(
            "pickups_due",
            "problem",
            (
                _status(),
                _col("promised_date", "col.promised", "date"),
                _col("order_no", "col.order_no"),
                _col("customer", "col.customer"),
                _col("phone", "col.phone"),
                _col("progress_text", "col.progress"),
                _col("items_missing", "col.items_missing", "int"),
                _col("last_expected_return", "col.last_expected", "date"),
            ),
            _pickup,
        ),
        DueListSpec(
            "overdue_pickup",
            "problem",
            (
                _status(),
                _col("order_no", "col.order_no"),
                _col("customer", "col.customer"),
                _col("phone", "col.phone"),
                _col("slot_text", "uncollected.col.slot"),
                _col("on_shelf_since", "uncollected.col.since", "datetime"),
                _col("days_on_shelf", "uncollected.col.days", "int"),
                _col("items", "uncollected.col.items", "int"),
                RecordColumn("value", t("uncollected.col.value"), "money", total=True),
                RecordColumn("balance", t("uncollected.col.balance"), "money", total=True),
            ),
            _overdue_pickup,
            "uncollected.list",
        ),
    ]


def prepared(key: str, records: list[Record]) -> list[Record]:
    """Adds the words some columns show (reminder state, order progress) to each record."""
    if key == "uncollected":
        return [{**r, "reminder_text": reminder_text(r.get("reminder"))} for r in records]
    if key == "pickups_due":
        return [{**r, "progress_text": progress_text(r["progress"])} for r in records]
    if key == "overdue_pickup":
        return [
            {
                **r,
                "slot_text": slot_words(r),
                "value": yuan_of(r["value_fen"]) or Decimal(0),
                "balance": yuan_of(r["balance_fen"]),
            }
            for r in records
        ]
    return records
