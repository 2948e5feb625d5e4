"""取件: handing a customer's items over — the whole set chosen, or nothing.

The customer takes the set that was chosen (every ready item with F8, or the
items ticked in a list), so a hand-over is one transaction: every item is
validated and logged like a scan, and if any one is refused nothing is handed
over and the refusal says why (:meth:`ScanService.apply_all`). Unsent "your
order is ready" messages lapse in the same transaction once everything of an
order or stage is collected.
"""

from __future__ import annotations

from collections.abc import Iterable

from yinglou_desk.domain.states import Action
from yinglou_desk.services.scanning.service import AllOrNone, ScanService, ScanSession


def hand_over(service: ScanService, session: ScanSession, codes: Iterable[str]) -> AllOrNone:
    """Hand the chosen items to the customer, all of them in one transaction or none."""
    return service.apply_all(session, list(codes), Action.PICK_UP)
