"""Batch ticking and the hand-over: the same actions as scans, for items chosen in a list.

Sending out and checking in item by item: each goes through
:meth:`ScanService.apply` on its own, so validation, refusal messages and the
scan log are exactly those of a scan, and one refused item does not stop the
others. A hand-over is different — the customer takes the set that was chosen
— so it is one transaction: every item, or none (:func:`hand_over`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..domain.states import Action
from .scanning import AllOrNone, ScanResult, ScanService, ScanSession

Progress = Callable[[int, int], None]


def hand_over(service: ScanService, session: ScanSession, codes: Iterable[str]) -> AllOrNone:
    """取件: hand the chosen items to the customer, all of them in one transaction or none."""
    return service.apply_all(session, list(codes), Action.PICK_UP)


def apply_many(
    service: ScanService,
    session: ScanSession,
    codes: Iterable[str],
    action: Action,
    progress: Progress | None = None,
) -> list[ScanResult]:
    if action is Action.PICK_UP:  # a hand-over is whole, ticked or not
        return hand_over(service, session, codes).results
    todo = list(dict.fromkeys(codes))  # the same item ticked twice is one action
    results = []
    for done, code in enumerate(todo, start=1):
        results.append(service.apply(session, code, action))
        if progress is not None:
            progress(done, len(todo))
    return results
