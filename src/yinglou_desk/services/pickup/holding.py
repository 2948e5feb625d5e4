"""Uncollected items (超期未取): how long the studio holds them and when it reminds customers.

CONTRACT (filled in by the uncollected-items work): the policy comes from the studio
settings ``holding_days`` and ``reminder_days``; :func:`policy_wording` is the sentence
printed on every receipt (取件单), in the current language.
"""

from __future__ import annotations

from dataclasses import dataclass

from yinglou_desk import catalogue
from yinglou_desk.services.settings.studio import StudioSettings


@dataclass(frozen=True)
class HoldingPolicy:
    holding_days: int
    reminder_days: tuple[int, ...]


def policy_of(settings: StudioSettings) -> HoldingPolicy:
    days = tuple(sorted({int(d) for d in settings.reminder_days.split(",") if d.strip()}))
    return HoldingPolicy(settings.holding_days, days)


def policy_wording(settings: StudioSettings) -> str:
    """The holding policy as printed on the receipt."""
    return catalogue.text("uncollected.policy", days=settings.holding_days)
