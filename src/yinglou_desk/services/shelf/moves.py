"""Moving items to another slot by scanning: the slot label, then the items.

At 回件/理件 a slot label scanned first makes the items after it go there:
:func:`scan_into` moves an item already back, and checks in (into that slot,
:func:`check_in_into`) one coming back from the lab.

Each item is one :func:`~yinglou_desk.services.scanning.shelving.shelve` (its own
transaction, its own ``shelve`` row in the scan log, like every move), so one
refused item — not back, unknown, the slot held by another order — leaves the
others moved and says why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import Connection, Engine, select

from yinglou_desk import catalogue
from yinglou_desk.domain.codes import InvalidCode, normalize_code
from yinglou_desk.domain.roles import Permission, require
from yinglou_desk.domain.shelf_slots import parse_slot, slot_of_label
from yinglou_desk.domain.states import Action, ItemState, ScanOutcome
from yinglou_desk.services.clock import Clock, utc_now
from yinglou_desk.services.scanning.records import ScanResult, ScanSession, log_row
from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.services.scanning.shelving import (
    SHELVE_ACTION,
    ShelvingError,
    claim_slot,
    release_slot,
    shelve,
)
from yinglou_desk.storage.errors import environment_errors
from yinglou_desk.storage.tables import items


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


def check_in_into(service: ScanService, session: ScanSession, code: str, slot: str) -> ScanResult:
    """A check-in that puts the item on ``slot`` (the sorter scanned its label first).

    One transaction: the check-in, then ``claim_slot(wanted=slot)`` in the same
    transaction (:meth:`ScanService.apply_all`'s ``within``). A slot another order
    holds refuses the whole scan — nothing is checked in, the refusal says which
    order is there — so the item never lands somewhere the sorter did not mean.
    """
    placed: dict[str, str] = {}

    def into(conn: Connection, results: list[ScanResult], now: datetime) -> None:
        [result] = results
        assert result.order_id is not None
        assert result.item_id is not None
        chosen = claim_slot(conn, result.order_id, now, wanted=slot)
        if chosen != result.shelf_slot:
            conn.execute(
                items.update().where(items.c.id == result.item_id).values(shelf_slot=chosen)
            )
            release_slot(conn, result.order_id, result.shelf_slot)
            log_row(  # the check-in's own row names the slot it was first given
                conn,
                session,
                at=now,
                action=SHELVE_ACTION,
                code=result.code,
                outcome=ScanOutcome.ACCEPTED,
                item_id=result.item_id,
                order_id=result.order_id,
                from_state=ItemState.READY.value,
                to_state=ItemState.READY.value,
                message=catalogue.text("scanning.shelf_slot", slot=chosen),
                detail=result.shelf_slot,
            )
        placed["slot"] = chosen

    try:
        outcome = service.apply_all(session, [code], Action.CHECK_IN, within=into)
    except ShelvingError as error:
        return ScanResult(code, ScanOutcome.REFUSED, str(error), error.key)
    [result] = outcome.results
    if not outcome.done:
        return result
    progress = catalogue.name("progress", result.order_progress) if result.order_progress else ""
    message = catalogue.text(
        "scan.accepted.check_in",
        product=result.product or "",
        order_no=result.order_no or "",
        progress=progress,
        slot=placed["slot"],
    )
    return replace(result, shelf_slot=placed["slot"], message=message)


def scan_into(
    engine: Engine,
    service: ScanService,
    session: ScanSession,
    raw_code: str,
    slot: str,
    clock: Clock = utc_now,
) -> ScanResult:
    """An item scanned after a slot label at 回件/理件: an item already back is moved
    there (a logged shelf move); any other goes through the check-in into ``slot``."""
    try:
        code = normalize_code(raw_code)
    except InvalidCode:
        return service.scan(session, raw_code)  # refused and logged as any bad scan
    with environment_errors(), engine.connect() as conn:  # database away: the scan is held
        row = conn.execute(
            select(items.c.state, items.c.product).where(items.c.code == code)
        ).first()
    if row is None or row.state != ItemState.READY.value:
        return check_in_into(service, session, code, slot)
    require(session.operator, Permission.CHECK_IN)
    try:
        done = shelve(engine, session, code, slot, clock=clock)
    except ShelvingError as error:
        return ScanResult(code, ScanOutcome.REFUSED, str(error), error.key, item_state=row.state)
    return ScanResult(
        code,
        ScanOutcome.ACCEPTED,
        catalogue.text("shelf_audit.station.moved", slot=done.slot),
        "shelf_audit.station.moved",
        item_state=row.state,
        order_id=done.order_id,
        product=row.product,
        shelf_slot=done.slot,
    )
