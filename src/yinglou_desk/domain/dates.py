"""Expected-return arithmetic: calendar days or working days."""

from __future__ import annotations

from datetime import date, timedelta


def add_days(start: date, days: int, working_days: bool = False) -> date:
    """``start`` plus ``days``; with ``working_days`` Saturdays and Sundays are skipped."""
    if not working_days:
        return start + timedelta(days=days)
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current
