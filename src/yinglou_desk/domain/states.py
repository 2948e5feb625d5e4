"""The life of one item and the stations that move it.

An item goes ``registered → sent_out → ready → picked_up``; a defect found
after the return sends it ``ready → rework → sent_out`` again; any item not
yet handed over can be ``cancelled``. Every move is an *action*; a scan at a
*station* asks for the action that station performs. The whole rule set is
the table :data:`TRANSITIONS` so it can be tested exhaustively.
"""

from __future__ import annotations

from enum import StrEnum


class ItemState(StrEnum):
    REGISTERED = "registered"
    SENT_OUT = "sent_out"
    READY = "ready"
    PICKED_UP = "picked_up"
    REWORK = "rework"
    CANCELLED = "cancelled"


class Action(StrEnum):
    SEND_OUT = "send_out"
    CHECK_IN = "check_in"
    PICK_UP = "pick_up"
    FLAG_REWORK = "flag_rework"
    CANCEL = "cancel"


class Station(StrEnum):
    """Where a scan happens; the value is what the CLI and the log use."""

    SEND_OUT = "send-out"
    CHECK_IN = "check-in"
    PICKUP = "pickup"

    @property
    def action(self) -> Action:
        return _STATION_ACTION[self]


_STATION_ACTION = {
    Station.SEND_OUT: Action.SEND_OUT,
    Station.CHECK_IN: Action.CHECK_IN,
    Station.PICKUP: Action.PICK_UP,
}


class ScanOutcome(StrEnum):
    ACCEPTED = "accepted"
    REFUSED = "refused"
    DUPLICATE = "duplicate"


TRANSITIONS: dict[tuple[ItemState, Action], ItemState] = {
    (ItemState.REGISTERED, Action.SEND_OUT): ItemState.SENT_OUT,
    (ItemState.REWORK, Action.SEND_OUT): ItemState.SENT_OUT,
    (ItemState.SENT_OUT, Action.CHECK_IN): ItemState.READY,
    (ItemState.READY, Action.PICK_UP): ItemState.PICKED_UP,
    (ItemState.READY, Action.FLAG_REWORK): ItemState.REWORK,
    (ItemState.REGISTERED, Action.CANCEL): ItemState.CANCELLED,
    (ItemState.SENT_OUT, Action.CANCEL): ItemState.CANCELLED,
    (ItemState.READY, Action.CANCEL): ItemState.CANCELLED,
    (ItemState.REWORK, Action.CANCEL): ItemState.CANCELLED,
}

# Why an action does not fit a state: the message key shown to the operator.
# Every (state, action) pair missing from TRANSITIONS has exactly one reason.
_REFUSAL_BY_STATE: dict[ItemState, str] = {
    ItemState.CANCELLED: "refused.cancelled",
    ItemState.PICKED_UP: "refused.already_picked_up",
}
_REFUSAL_BY_PAIR: dict[tuple[ItemState, Action], str] = {
    (ItemState.SENT_OUT, Action.SEND_OUT): "refused.already_sent_out",
    (ItemState.READY, Action.SEND_OUT): "refused.send_ready",
    (ItemState.REGISTERED, Action.CHECK_IN): "refused.checkin_not_sent",
    (ItemState.READY, Action.CHECK_IN): "refused.already_checked_in",
    (ItemState.REWORK, Action.CHECK_IN): "refused.checkin_rework",
    (ItemState.REGISTERED, Action.PICK_UP): "refused.pickup_not_sent",
    (ItemState.SENT_OUT, Action.PICK_UP): "refused.pickup_at_vendor",
    (ItemState.REWORK, Action.PICK_UP): "refused.pickup_rework",
    (ItemState.REGISTERED, Action.FLAG_REWORK): "refused.rework_not_back",
    (ItemState.SENT_OUT, Action.FLAG_REWORK): "refused.rework_not_back",
    (ItemState.REWORK, Action.FLAG_REWORK): "refused.already_rework",
}


class TransitionRefused(Exception):
    """An action that the item's state does not allow; ``key`` names the reason."""

    def __init__(self, key: str, state: ItemState, action: Action) -> None:
        super().__init__(key)
        self.key = key
        self.state = state
        self.action = action


def next_state(state: ItemState, action: Action) -> ItemState:
    """The state after ``action``, or :class:`TransitionRefused` with the reason."""
    try:
        return TRANSITIONS[(state, action)]
    except KeyError:
        raise TransitionRefused(refusal_reason(state, action), state, action) from None


def refusal_reason(state: ItemState, action: Action) -> str:
    if state in _REFUSAL_BY_STATE:
        return _REFUSAL_BY_STATE[state]
    return _REFUSAL_BY_PAIR[(state, action)]
