"""Order progress derived from item states."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yinglou_desk.domain.progress import (
    OrderProgress,
    is_item_overdue,
    is_order_overdue,
    progress_of_states,
)
from yinglou_desk.domain.states import ItemState

S, P = ItemState, OrderProgress


@pytest.mark.parametrize(
    ("states", "progress"),
    [
        ([], P.NOT_STARTED),
        ([S.REGISTERED, S.REGISTERED], P.NOT_STARTED),
        ([S.REGISTERED, S.SENT_OUT], P.IN_PRODUCTION),
        ([S.REWORK], P.IN_PRODUCTION),
        ([S.SENT_OUT, S.READY], P.PARTLY_READY),
        ([S.REGISTERED, S.READY], P.PARTLY_READY),
        ([S.READY, S.READY], P.READY),
        ([S.READY, S.CANCELLED], P.READY),
        ([S.READY, S.PICKED_UP], P.PARTLY_PICKED_UP),
        ([S.SENT_OUT, S.PICKED_UP], P.PARTLY_PICKED_UP),
        ([S.PICKED_UP, S.PICKED_UP, S.CANCELLED], P.COMPLETED),
        ([S.CANCELLED], P.NOT_STARTED),
    ],
)
def test_progress(states: list[ItemState], progress: OrderProgress) -> None:
    assert progress_of_states(states) is progress


@given(st.lists(st.sampled_from(list(ItemState)), max_size=30))
def test_progress_ignores_cancelled_items_and_order(states: list[ItemState]) -> None:
    active = [s for s in states if s is not S.CANCELLED]
    assert progress_of_states(states) is progress_of_states(list(reversed(active)))
    if active and all(s is S.PICKED_UP for s in active):
        assert progress_of_states(states) is P.COMPLETED


def test_overdue_only_at_the_vendor_past_the_expected_date() -> None:
    today = date(2026, 3, 10)
    assert is_item_overdue(S.SENT_OUT, date(2026, 3, 9), today)
    assert not is_item_overdue(S.SENT_OUT, date(2026, 3, 10), today)
    assert not is_item_overdue(S.READY, date(2026, 3, 1), today)
    assert not is_item_overdue(S.SENT_OUT, None, today)
    assert is_order_overdue(date(2026, 3, 9), today)
    assert not is_order_overdue(None, today)
