"""The time, injectable so tests can move a clock instead of sleeping."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def local_date(moment: datetime) -> date:
    """The studio's calendar day for a moment (the PC's local time zone)."""
    return moment.astimezone().date()
