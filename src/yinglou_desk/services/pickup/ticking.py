"""Batch ticking: the same actions as scans, for staff who tick items in a list.

Sending out and checking in item by item: each goes through
:meth:`ScanService.apply` on its own, so validation, refusal messages and the
scan log are exactly those of a scan, and one refused item does not stop the
others. Ticked pickups are a hand-over, whole or not at all (:mod:`.handover`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from yinglou_desk.domain.states import Action
from yinglou_desk.services.pickup.handover import hand_over
from yinglou_desk.services.scanning.service import ScanResult, ScanService, ScanSession

Progress = Callable[[int, int], None]


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
