"""Order (and growth-package stage) progress, derived from the items' states.

Progress is never edited by hand: it is a function of the item states, so it
can be recomputed at any time and stored only as a cache for fast lists.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from enum import StrEnum

from yinglou_desk.domain.states import ItemState


class OrderProgress(StrEnum):
    NOT_STARTED = "not_started"
    IN_PRODUCTION = "in_production"
    PARTLY_READY = "partly_ready"
    READY = "ready"
    PARTLY_PICKED_UP = "partly_picked_up"
    COMPLETED = "completed"


def derive_progress(counts: Mapping[ItemState, int]) -> OrderProgress:
    """Progress from the number of items in each state; cancelled items do not count."""
    active = {s: n for s, n in counts.items() if s is not ItemState.CANCELLED and n > 0}
    total = sum(active.values())
    if total == 0:
        return OrderProgress.NOT_STARTED
    picked = active.get(ItemState.PICKED_UP, 0)
    ready = active.get(ItemState.READY, 0)
    if picked == total:
        return OrderProgress.COMPLETED
    if picked:
        return OrderProgress.PARTLY_PICKED_UP
    if ready == total:
        return OrderProgress.READY
    if ready:
        return OrderProgress.PARTLY_READY
    if active.get(ItemState.SENT_OUT) or active.get(ItemState.REWORK):
        return OrderProgress.IN_PRODUCTION
    return OrderProgress.NOT_STARTED


def progress_of_states(states: Iterable[ItemState]) -> OrderProgress:
    counts: dict[ItemState, int] = {}
    for state in states:
        counts[state] = counts.get(state, 0) + 1
    return derive_progress(counts)


def is_item_overdue(state: ItemState, expected_return: date | None, today: date) -> bool:
    """An item is overdue while it is at the vendor past its expected return date."""
    return state is ItemState.SENT_OUT and expected_return is not None and expected_return < today


def is_order_overdue(next_due_back: date | None, today: date) -> bool:
    """``next_due_back`` is the earliest expected return among items still at a vendor."""
    return next_due_back is not None and next_due_back < today
