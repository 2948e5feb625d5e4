"""Moving items to another slot by scanning: the slot label, then the items.

Each item is one :func:`~yinglou_desk.services.scanning.shelving.shelve` (its own
transaction, its own ``shelve`` row in the scan log, like every move), so one
refused item — not back, unknown, the slot held by another order — leaves the
others moved and says why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Engine

from yinglou_desk import catalogue
from yinglou_desk.domain.codes import InvalidCode, normalize_code
from yinglou_desk.domain.roles import Permission, require
from yinglou_desk.domain.shelf_slots import parse_slot, slot_of_label
from yinglou_desk.services.clock import Clock, utc_now
from yinglou_desk.services.scanning.records import ScanSession
from yinglou_desk.services.scanning.shelving import ShelvingError, shelve


@dataclass(frozen=True)
class Moved:
    code: str
    slot: str | None  # None: refused
    order_id: int | None
    key: str  # the catalogue key of what happened
    message: str


def slot_from(text: str) -> str:
    """A slot label's code (``SL-A-05``) or a slot as typed (``a-5``), as a slot."""
    try:
        code = normalize_code(text)
    except InvalidCode:
        code = text
    return slot_of_label(code) or parse_slot(text)


def move_items(
    engine: Engine,
    session: ScanSession,
    slot: str,
    codes: Sequence[str],
    clock: Clock = utc_now,
) -> list[Moved]:
    """Put each of ``codes`` in ``slot``; one :class:`Moved` per code, in order."""
    require(session.operator, Permission.CHECK_IN)
    target = slot_from(slot)
    out = []
    for raw in codes:
        try:
            code = normalize_code(raw)
        except InvalidCode as bad:
            out.append(Moved(raw, None, None, bad.key, catalogue.text(bad.key, code=raw)))
            continue
        try:
            done = shelve(engine, session, code, target, clock=clock)
        except ShelvingError as error:
            out.append(Moved(code, None, None, error.key, str(error)))
            continue
        text = catalogue.text("shelf_audit.moved", code=code, slot=done.slot)
        out.append(Moved(code, done.slot, done.order_id, "shelf_audit.moved", text))
    return out
