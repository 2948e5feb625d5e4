"""A scan from a phone: the same scan service, rules and log as the desk, with the phone's
name as the workstation; and what the phone is told back.

The phone keeps every scan (in its browser's IndexedDB) with a reference of its own until
the PC answered. The reference reaches the scan log as ``client_ref`` — hashed with the
phone's id, so one phone can neither guess nor replay another's — and a scan whose
reference is already there is not applied again: a phone that lost the answer and sends
it again is told the first answer. That is the whole of "exactly once".

What goes back names the customer and only the last four digits of the phone number:
the phone is a scanner, not a customer file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine

from yinglou_desk import catalogue
from yinglou_desk.domain.codes import phone_tail
from yinglou_desk.domain.money import yuan
from yinglou_desk.domain.palette import OUTCOME_COLOURS
from yinglou_desk.domain.records import OrderView
from yinglou_desk.domain.roles import Permission, may
from yinglou_desk.domain.states import ItemState, Station
from yinglou_desk.domain.wording import WordedError
from yinglou_desk.services.clock import local_date
from yinglou_desk.services.orders.query import find_orders, orders_by_id
from yinglou_desk.services.phones.sessions import PhoneSession
from yinglou_desk.services.scanning.records import ScanResult, ScanSession
from yinglou_desk.services.scanning.service import ScanService

BATCH_LIMIT = 200
LOOKUP_LIMIT = 20
_FUTURE_SLACK = timedelta(minutes=2)  # a phone's clock a little ahead is not a scan from the future

# what a phone may be used as → (the desk's station, the right it needs)
STATIONS: dict[str, tuple[Station | None, Permission | None]] = {
    "send_out": (Station.SEND_OUT, Permission.SEND_OUT),
    "check_in": (Station.CHECK_IN, Permission.CHECK_IN),
    "pickup_lookup": (None, Permission.PICK_UP),
    "lookup": (None, None),
}
_BACK = {ItemState.READY.value, ItemState.PICKED_UP.value}


class PhoneScanRefused(WordedError):
    """A request the phone should not have made: a station the role may not use, a bad
    reference or time. (A refused *scan* is a result, not this.)"""


@dataclass(frozen=True)
class PhoneScan:
    code: str
    ref: str
    at: datetime | None  # when the phone took it (a scan kept while the PC was away)


def stations_for(session: PhoneSession) -> list[str]:
    """The stations this operator's role may use on a phone, in the desk's order."""
    role = session.operator.role
    return [name for name, (_, right) in STATIONS.items() if right is None or may(role, right)]


def scan_station(session: PhoneSession, station: str) -> Station:
    """The desk station behind a scanning station, if the role may use it."""
    desk_station, _ = STATIONS.get(station, (None, None))
    if desk_station is None or station not in stations_for(session):
        raise PhoneScanRefused("phone_web.station_not_allowed")
    return desk_station


def lookup_allowed(session: PhoneSession, station: str) -> None:
    if station not in ("lookup", "pickup_lookup") or station not in stations_for(session):
        raise PhoneScanRefused("phone_web.station_not_allowed")


def stored_ref(session: PhoneSession, ref: str) -> str:
    """The scan log's ``client_ref`` for a phone's reference: in that phone's own space."""
    ref = ref.strip()
    if not 8 <= len(ref) <= 64 or not ref.isascii() or not ref.isprintable():
        raise PhoneScanRefused("phone_web.bad_ref")
    digest = hashlib.sha256(f"{session.phone_id}:{ref}".encode()).hexdigest()
    return "p" + digest[:32]


def scan_from_phone(
    service: ScanService,
    session: PhoneSession,
    station: str,
    scan: PhoneScan,
    *,
    vendor_id: int | None,
    now: datetime,
) -> dict[str, Any]:
    """Record one phone scan and say what the phone shows: outcome, colour, words, the
    order's completeness and shelf slot."""
    desk_station = scan_station(session, station)
    ref = stored_ref(session, scan.ref)
    at = scan.at if scan.at is not None and scan.at <= now + _FUTURE_SLACK else now
    at = min(at, now)
    scan_session = ScanSession(
        station=desk_station,
        operator=session.operator,
        workstation=session.phone_name,
        vendor_id=vendor_id,
    )
    result = service.scan(scan_session, scan.code, at=at, client_ref=ref)
    return answer(service.engine, result, scan.ref, now)


def answer(engine: Engine, result: ScanResult, ref: str, now: datetime) -> dict[str, Any]:
    """The phone's view of a scan result."""
    out: dict[str, Any] = {
        "ref": ref,
        "code": result.code,
        "outcome": result.outcome.value,
        "colour": OUTCOME_COLOURS[result.outcome.value],
        "message": result.message,
        "message_key": result.message_key,
        "item_state": result.item_state,
        "order_no": result.order_no,
        "customer": None,
        "phone_tail": None,
        "received": None,
        "total": None,
        "shelf_slot": result.shelf_slot,
        "already_recorded": result.message_key == "scan.already_recorded",
    }
    if result.order_id is not None:
        views = orders_by_id(engine, [result.order_id], local_date(now))
        if views:
            view = views[0]
            out["customer"] = view.customer
            out["phone_tail"] = phone_tail(view.phone)
            out["received"] = sum(1 for item in view.items if item.state in _BACK)
            out["total"] = len(view.items)
            if out["shelf_slot"] is None and result.code:
                out["shelf_slot"] = next(
                    (i.shelf_slot for i in view.items if i.code == result.code), None
                )
    return out


def lookup_from_phone(engine: Engine, query: str, now: datetime) -> list[dict[str, Any]]:
    """取件查询 / 查件 on a phone: the orders a code, order number or last four digits name."""
    return [order_for_phone(view) for view in find_orders(engine, query, local_date(now))][
        :LOOKUP_LIMIT
    ]


def order_for_phone(view: OrderView) -> dict[str, Any]:
    ready = sum(1 for item in view.items if item.state == ItemState.READY.value)
    return {
        "order_no": view.order_no,
        "customer": view.customer,
        "phone_tail": phone_tail(view.phone),
        "progress": view.progress,
        "progress_text": catalogue.name("progress", view.progress),
        "ready": ready,
        "total": len(view.items),
        "balance": catalogue.text("phone_web.amount", amount=yuan(view.due))
        if view.due > 0
        else None,
        "items": [
            {
                "code": item.code,
                "product": item.product,
                "state": "overdue" if item.overdue and item.state == "sent_out" else item.state,
                "state_text": catalogue.name("state", item.state),
                "shelf_slot": item.shelf_slot,
            }
            for item in view.items
        ],
    }
