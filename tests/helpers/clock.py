"""A clock tests move by hand: no sleeping, and dates that do not depend on today.

The studio's calendar follows the PC's time zone (``tests/conftest.py`` pins it;
``YINGLOU_TEST_TZ`` picks another). So the clock starts at a time of day on the
studio's wall clock, not at a fixed UTC instant: day 0 is Monday 2 March 2026 in
every zone, and 10:00 is far enough from midnight that a test moving the clock by
whole days (or a few hours) never lands on another date than it meant.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta


def studio_time(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """The moment (in UTC) at which the studio's wall clock shows this date and time."""
    return datetime(year, month, day, hour, minute).astimezone(UTC)


def studio_date(moment: datetime) -> date:
    """The studio's calendar day at ``moment`` (what the program calls "today")."""
    return moment.astimezone().date()


class FakeClock:
    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or studio_time(2026, 3, 2, 10)  # a Monday, mid-morning

    def __call__(self) -> datetime:
        return self.now

    def today(self) -> date:
        """The studio's date now, as the program computes it."""
        return studio_date(self.now)

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now
