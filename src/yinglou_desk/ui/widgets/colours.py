"""The palette as Qt colours, and the words that always go beside a colour.

Colour values live in :mod:`yinglou_desk.domain.palette` (no Qt there); this is
the only place that turns them into ``QColor`` and the state text models show.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QColor

from yinglou_desk import catalogue
from yinglou_desk.catalogue import text as t
from yinglou_desk.catalogue import text_or as t_or
from yinglou_desk.domain.palette import OUTCOME_COLOURS, STATE_COLOURS, colour_key

# Order progress → palette key (an order is coloured by where its items are).
PROGRESS_COLOURS = {
    "not_started": "registered",
    "in_production": "sent_out",
    "partly_ready": "sent_out",
    "ready": "ready",
    "partly_picked_up": "ready",
    "completed": "picked_up",
}


@lru_cache(maxsize=64)
def colours_for(key: str) -> tuple[QColor, QColor]:
    background, foreground = STATE_COLOURS.get(key, STATE_COLOURS["registered"])
    return QColor(background), QColor(foreground)


def item_colours(state: str, overdue: bool = False) -> tuple[QColor, QColor]:
    return colours_for(colour_key(state, overdue))


def item_state_text(state: str, overdue: bool = False) -> str:
    name = catalogue.name("state", state)
    return t("desk.overdue_state", name=name) if overdue and state == "sent_out" else name


def progress_colours(progress: str, overdue: bool = False) -> tuple[QColor, QColor]:
    return colours_for("overdue" if overdue else PROGRESS_COLOURS.get(progress, "registered"))


def progress_text(progress: str, overdue: bool = False) -> str:
    name = catalogue.name("progress", progress)
    return t("desk.overdue_state", name=name) if overdue else name


def outcome_colours(outcome: str) -> tuple[QColor, QColor]:
    return colours_for(OUTCOME_COLOURS.get(outcome, "problem"))


def outcome_text(outcome: str) -> str:
    return t_or(f"outcome.{outcome}", outcome)
