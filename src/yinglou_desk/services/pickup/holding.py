"""Uncollected items (超期未取): how long the studio holds them and when it reminds customers.

The policy comes from the studio settings ``holding_days`` and ``reminder_days``
(checked when saved: :func:`~yinglou_desk.domain.settings_rules.parse_reminder_days`);
:func:`policy_wording` is the sentence printed on every receipt (取件单), in the
current language. The reminders themselves: :mod:`~yinglou_desk.services.pickup.reminders`;
the manager's list of what stayed too long: :mod:`~yinglou_desk.services.pickup.overdue`.
"""

from __future__ import annotations

from dataclasses import dataclass

from yinglou_desk import catalogue
from yinglou_desk.domain.settings_rules import SettingRefused, parse_reminder_days
from yinglou_desk.services.settings.studio import StudioSettings


@dataclass(frozen=True)
class HoldingPolicy:
    holding_days: int
    reminder_days: tuple[int, ...]  # ascending, each within the holding period

    @property
    def last_reminder(self) -> int | None:
        return self.reminder_days[-1] if self.reminder_days else None

    def due_day(self, days_waiting: int) -> int | None:
        """The cadence day a unit waiting ``days_waiting`` days is reminded for: the latest
        one reached (days missed while nobody ran the reminders are not sent late — the
        customer gets one message, never a backlog), or None before the first."""
        reached = [d for d in self.reminder_days if d <= days_waiting]
        return reached[-1] if reached else None


def policy_of(settings: StudioSettings) -> HoldingPolicy:
    """The policy the settings say; a stored cadence that no longer parses, or days past
    the holding period (edited by hand), are left out rather than failing a reminder run."""
    try:
        days = parse_reminder_days(settings.reminder_days)
    except SettingRefused:
        days = ()
    return HoldingPolicy(settings.holding_days, tuple(d for d in days if d < settings.holding_days))


def policy_wording(settings: StudioSettings) -> str:
    """The holding policy as printed on the receipt."""
    return catalogue.text("uncollected.policy", days=settings.holding_days)
