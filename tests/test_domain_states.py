"""The item state machine, exhaustively: every state × every action and every station."""

from __future__ import annotations

import itertools

import pytest

from yinglou_desk import catalogue
from yinglou_desk.domain.states import (
    Action,
    ItemState,
    Station,
    TransitionRefused,
    next_state,
    refusal_reason,
)

S, A = ItemState, Action
# The whole rule set written out independently of states.py: what must be allowed.
ALLOWED = {
    (S.REGISTERED, A.SEND_OUT): S.SENT_OUT,
    (S.REWORK, A.SEND_OUT): S.SENT_OUT,
    (S.SENT_OUT, A.CHECK_IN): S.READY,
    (S.READY, A.PICK_UP): S.PICKED_UP,
    (S.READY, A.FLAG_REWORK): S.REWORK,
    (S.REGISTERED, A.CANCEL): S.CANCELLED,
    (S.SENT_OUT, A.CANCEL): S.CANCELLED,
    (S.READY, A.CANCEL): S.CANCELLED,
    (S.REWORK, A.CANCEL): S.CANCELLED,
}


@pytest.mark.parametrize(("state", "action"), list(itertools.product(ItemState, Action)))
def test_every_state_and_action(state: ItemState, action: Action) -> None:
    if (state, action) in ALLOWED:
        assert next_state(state, action) is ALLOWED[(state, action)]
    else:
        with pytest.raises(TransitionRefused) as refused:
            next_state(state, action)
        key = refused.value.key
        assert key == refusal_reason(state, action)
        assert catalogue.has(key), f"no message for {key}"


@pytest.mark.parametrize(("state", "station"), list(itertools.product(ItemState, Station)))
def test_every_state_at_every_station(state: ItemState, station: Station) -> None:
    expected = ALLOWED.get((state, station.action))
    if expected is None:
        with pytest.raises(TransitionRefused):
            next_state(state, station.action)
    else:
        assert next_state(state, station.action) is expected


def test_stations_perform_their_actions() -> None:
    assert Station("send-out").action is Action.SEND_OUT
    assert Station("check-in").action is Action.CHECK_IN
    assert Station("pickup").action is Action.PICK_UP


@pytest.mark.parametrize(
    ("state", "action", "key"),
    [
        (S.SENT_OUT, A.PICK_UP, "refused.pickup_at_vendor"),
        (S.READY, A.CHECK_IN, "refused.already_checked_in"),
        (S.CANCELLED, A.CHECK_IN, "refused.cancelled"),
        (S.PICKED_UP, A.SEND_OUT, "refused.already_picked_up"),
    ],
)
def test_the_reasons_staff_see(state: ItemState, action: Action, key: str) -> None:
    assert refusal_reason(state, action) == key


def test_every_message_exists_in_both_languages() -> None:
    for key, entry in catalogue.entries().items():
        assert set(entry) == {catalogue.ZH, catalogue.EN}, key
        assert all(entry.values()), key
    states = {key.removeprefix("state.") for key in catalogue.entries() if key.startswith("state.")}
    assert states == {s.value for s in ItemState}
    from yinglou_desk.domain.progress import OrderProgress

    progress = {
        k.removeprefix("progress.") for k in catalogue.entries() if k.startswith("progress.")
    }
    assert progress == {p.value for p in OrderProgress}
