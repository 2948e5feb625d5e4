"""How dates and times read in tables: local time, short, empty when unknown."""

from __future__ import annotations

from datetime import date, datetime


def fmt_date(value: date | None) -> str:
    return value.isoformat() if value else ""


def fmt_time(value: datetime | None) -> str:
    return value.astimezone().strftime("%m-%d %H:%M") if value else ""


def fmt_clock(value: datetime | None) -> str:
    return value.astimezone().strftime("%H:%M:%S") if value else ""
