"""The scan: the hot path of the whole program.

(:class:`ScanSession` and :class:`ScanResult` live in :mod:`.scan_records`.)

One scan is one short transaction: repeat check, item lookup, rule check,
conditional update, order refresh, log line. Refused and repeated scans are
logged too — a scan is never silently lost. Two stations racing for the same
item are settled by the conditional ``UPDATE ... WHERE state = old``: exactly
one wins, the other is told the item moved meanwhile.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, select
from sqlalchemy.exc import IntegrityError

from yinglou_desk import catalogue
from yinglou_desk.domain.codes import (
    BATCH_PREFIX,
    InvalidCode,
    is_badge_code,
    new_badge_code,
    normalize_code,
    visible,
)
from yinglou_desk.domain.dates import add_days
from yinglou_desk.domain.money import yuan
from yinglou_desk.domain.progress import OrderProgress
from yinglou_desk.domain.roles import may, permission_for
from yinglou_desk.domain.states import Action, ItemState, ScanOutcome, TransitionRefused, next_state
from yinglou_desk.services.clock import Clock, local_date, utc_now
from yinglou_desk.services.notifications.outbox import cancel_queued, queue_ready
from yinglou_desk.services.payments.ledger import balance_in
from yinglou_desk.services.pickup.recording import record_handovers
from yinglou_desk.services.scanning.order_status import OrderStatus, refresh_order
from yinglou_desk.services.scanning.records import LogLine, already_recorded
from yinglou_desk.services.scanning.records import (
    ScanResult as ScanResult,  # the scan's types, where callers look
)
from yinglou_desk.services.scanning.records import ScanSession as ScanSession
from yinglou_desk.services.scanning.shelving import claim_slot, release_slot
from yinglou_desk.services.settings.studio import StudioSettings, load_settings
from yinglou_desk.services.settings.vendors import VendorInfo, all_vendors, product_turnarounds
from yinglou_desk.storage.engine import is_sqlite, write_transaction
from yinglou_desk.storage.errors import environment_errors
from yinglou_desk.storage.tables import items, operators, orders, scan_log
from yinglou_desk.storage.tables import send_out_batches as batches

DEFAULT_DUPLICATE_WINDOW_S = 3.0
_LOGGED_CODE_LIMIT = 200
_REFERENCE_CACHE_TTL_S = 60.0  # vendors, turnarounds and settings change rarely


_LAST_SCAN_HERE = (
    select(scan_log.c.at)
    .where(
        scan_log.c.code == bindparam("code"),
        scan_log.c.station == bindparam("station"),
        scan_log.c.workstation == bindparam("workstation"),
    )
    .order_by(scan_log.c.id.desc())
    .limit(1)
)
# Rides along with the item lookup: a station left logged in as someone who has
# since been disabled (on another PC) scans no more, at no extra round trip.
_OPERATOR_ACTIVE = (
    select(operators.c.active).where(operators.c.id == bindparam("operator_id")).scalar_subquery()
)
_IS_ACTIVE = select(operators.c.active).where(operators.c.id == bindparam("operator_id"))
_ITEM_BY_CODE = (
    select(
        items.c.id,
        items.c.state,
        items.c.order_id,
        items.c.stage_id,
        items.c.product,
        items.c.planned_vendor_id,
        items.c.vendor_id,
        items.c.expected_return,
        items.c.returned_at,
        items.c.picked_up_at,
        items.c.shelf_slot,
        orders.c.order_no,
        orders.c.progress,
        _OPERATOR_ACTIVE.label("operator_active"),
    )
    .join(orders, orders.c.id == items.c.order_id)
    .where(items.c.code == bindparam("code"))
)
_LOCK_ORDER = select(orders.c.id).where(orders.c.id == bindparam("order_id")).with_for_update()
_STATE_OF = select(items.c.state).where(items.c.id == bindparam("item_id"))
_BY_CLIENT_REF = (
    select(
        scan_log.c.code,
        scan_log.c.outcome,
        scan_log.c.message,
        scan_log.c.to_state,
        scan_log.c.from_state,
        scan_log.c.item_id,
        scan_log.c.order_id,
        scan_log.c.at,
        orders.c.order_no,
        orders.c.progress,
    )
    .outerjoin(orders, orders.c.id == scan_log.c.order_id)
    .where(scan_log.c.client_ref == bindparam("ref"))
)


@dataclass(frozen=True)
class _ReferenceData:
    """What scans need besides the item (vendors, turnarounds, studio settings), cached."""

    vendors: dict[int, VendorInfo]
    product_days: dict[tuple[int, str], int]
    settings: StudioSettings


@dataclass
class _Step:
    """What every item of one call shares: who, what, when, and which checks apply.

    ``live``: scanned now (a journaled scan replayed later was taken while its
    operator was active, so it is not refused for a later disabling).
    ``collecting``: a hand-over through :func:`~yinglou_desk.services.pickup.counter.collect`,
    which settles the balance itself in the same transaction; every other pickup of an
    order that still owes money is refused (``counter.balance_owed``).
    """

    session: ScanSession
    action: Action
    now: datetime
    opened_batches: dict[int, int] = field(default_factory=dict)
    live: bool = True
    detect_repeats: bool = True
    collecting: bool = False


@dataclass(frozen=True)
class AllOrNone:
    """The outcome of :meth:`ScanService.apply_all`: every item done, or none of them."""

    done: bool
    results: list[ScanResult]

    @property
    def refused(self) -> list[ScanResult]:
        """The items that stopped it (not the ones held back with them)."""
        return [
            r
            for r in self.results
            if r.outcome is not ScanOutcome.ACCEPTED and r.message_key != "refused.all_or_none"
        ]


class _RolledBack(Exception):
    def __init__(self, results: list[ScanResult]) -> None:
        super().__init__("rolled back")
        self.results = results


class ScanService:
    """Applies scans and item actions; shared by the CLI, the listener and the desk."""

    def __init__(
        self,
        engine: Engine,
        clock: Clock = utc_now,
        duplicate_window_s: float = DEFAULT_DUPLICATE_WINDOW_S,
        lang: str | None = None,
        working_days: bool | None = None,
    ) -> None:
        self._engine = engine
        self._clock = clock
        self._window = timedelta(seconds=duplicate_window_s)
        self._lang = lang or catalogue.current_language()
        self._working_days_override = working_days
        self._lock_orders = not is_sqlite(engine)  # SQLite: BEGIN IMMEDIATE serialises
        self._reference = _ReferenceData({}, {}, StudioSettings())
        self._reference_loaded_at = float("-inf")

    # -- public -----------------------------------------------------------------

    @property
    def engine(self) -> Engine:
        """The database this service writes to (the counter reads the order from it)."""
        return self._engine

    def scan(
        self,
        session: ScanSession,
        raw_code: str,
        *,
        at: datetime | None = None,
        client_ref: str | None = None,
    ) -> ScanResult:
        """A code read at ``session``'s station: accepted, refused or a repeat.

        ``at`` and ``client_ref`` come with a scan replayed from the offline
        journal: when it was really scanned, and the journal's id for it (a scan
        whose id is already in the log is not applied again).
        """
        return self.apply(session, raw_code, session.station.action, at=at, client_ref=client_ref)

    def apply(
        self,
        session: ScanSession,
        raw_code: str,
        action: Action,
        detail: str | None = None,
        *,
        at: datetime | None = None,
        client_ref: str | None = None,
    ) -> ScanResult:
        """Apply ``action`` to the item with this code, with the same checks as a scan.

        Used for defects (flag_rework with the reason in ``detail``), batch
        ticking and cancelling; repeats are only detected for station scans.
        """
        now = at or self._clock()
        opened_batches: dict[int, int] = {}
        try:
            with environment_errors(), write_transaction(self._engine) as conn:
                if client_ref is not None:
                    recorded = conn.execute(_BY_CLIENT_REF, {"ref": client_ref}).first()
                    if recorded is not None:
                        return already_recorded(recorded)
                log = LogLine(conn, session, action, now, detail, client_ref)
                step = _Step(session, action, now, opened_batches, live=client_ref is None)
                result = self._apply_in(conn, log, raw_code, step)
                if action is Action.PICK_UP and result.outcome is ScanOutcome.ACCEPTED:
                    record_handovers(conn, session, [result], now)  # a pickup is a hand-over too
        except IntegrityError:
            # The same reference sent twice at once (a phone retrying while its first
            # request is still on its way): the other one was recorded first, and the
            # unique index on client_ref refused this copy. Its answer is the first one's.
            if client_ref is None:
                raise
            with environment_errors(), self._engine.connect() as conn:
                recorded = conn.execute(_BY_CLIENT_REF, {"ref": client_ref}).first()
            if recorded is None:
                raise
            return already_recorded(recorded)
        session.batch_ids.update(opened_batches)  # only once committed
        return result

    def apply_all(
        self,
        session: ScanSession,
        codes: Sequence[str],
        action: Action,
        within: Callable[[Connection, list[ScanResult], datetime], None] | None = None,
        *,
        collecting: bool = False,
    ) -> AllOrNone:
        """``action`` on every one of ``codes`` in one transaction: all of them, or none.

        For a hand-over: the customer leaves with the whole set that was chosen, or
        with nothing and a clear reason — never with half of it recorded. When any
        item is refused, every change is rolled back and only the refusals are
        logged (in a transaction of their own), each with its reason.

        ``within`` runs in the same transaction once every item went through (the
        hand-over's payment and receipt rows): if it raises, nothing is recorded and
        its exception reaches the caller.

        ``collecting`` (for :func:`~yinglou_desk.services.pickup.counter.collect` only): the
        hook settles the order's balance itself, so a pickup is not refused for it here.
        """
        todo = list(dict.fromkeys(codes))  # the same item chosen twice is one action
        now = self._clock()
        with environment_errors():
            try:
                with write_transaction(self._engine) as conn:
                    results = self._all_in(conn, session, todo, action, now, collecting)
                    if any(r.outcome is not ScanOutcome.ACCEPTED for r in results):
                        raise _RolledBack(results)
                    if within is not None:
                        within(conn, results, now)
            except _RolledBack as rolled_back:
                with write_transaction(self._engine) as conn:
                    refused = self._log_refusals(
                        conn, session, rolled_back.results, action, now, collecting
                    )
                return AllOrNone(False, refused)
        return AllOrNone(True, results)

    def _all_in(
        self,
        conn: Connection,
        session: ScanSession,
        codes: list[str],
        action: Action,
        now: datetime,
        collecting: bool = False,
    ) -> list[ScanResult]:
        step = _Step(session, action, now, {}, live=True, detect_repeats=False)
        step.collecting = collecting
        results = []
        for code in codes:
            log = LogLine(conn, session, action, now, None)
            results.append(self._apply_in(conn, log, code, step))
        return results

    def _log_refusals(
        self,
        conn: Connection,
        session: ScanSession,
        results: list[ScanResult],
        action: Action,
        now: datetime,
        collecting: bool = False,
    ) -> list[ScanResult]:
        """After a rolled-back hand-over: the refused items' rows, and a result for every
        item — the ones that would have gone through say that nothing was handed over."""
        step = _Step(session, action, now, {}, live=True, detect_repeats=False)
        step.collecting = collecting
        out = []
        for result in results:
            if result.outcome is ScanOutcome.ACCEPTED:
                out.append(
                    replace(
                        result,
                        outcome=ScanOutcome.REFUSED,
                        message_key="refused.all_or_none",
                        message=self._text("refused.all_or_none", product=result.product or ""),
                        item_state=None,
                    )
                )
                continue
            # Again, against the state as it is now (the rolled-back changes are gone).
            log = LogLine(conn, session, action, now, None)
            out.append(self._apply_in(conn, log, result.code, step))
        return out

    # -- one transaction ----------------------------------------------------------

    def _apply_in(self, conn: Connection, log: LogLine, raw_code: str, step: _Step) -> ScanResult:
        session, action, now = step.session, step.action, step.now
        try:
            code = normalize_code(raw_code)
        except InvalidCode as bad:
            shown = visible(raw_code, _LOGGED_CODE_LIMIT)
            return log.refused(shown, bad.key, self._text(bad.key, code=visible(raw_code, 60)))

        params = {"code": code, "operator_id": session.operator.id}
        row = conn.execute(_ITEM_BY_CODE, params).first()
        if row is not None:
            log.item(row)
        if step.live and not self._operator_active(conn, row, params):
            key = "refused.operator_disabled"
            return log.refused(code, key, self._text(key, operator=session.operator.name))
        if (
            step.detect_repeats
            and action is session.station.action
            and self._is_repeat(conn, session, code, now)
        ):
            seconds = int(self._window.total_seconds())
            text = self._text("scan.duplicate", seconds=seconds)
            return log.write(code, ScanOutcome.DUPLICATE, "scan.duplicate", text)
        if not may(session.operator.role, permission_for(action)):
            key = "refused.not_permitted"
            text = self._text(
                key,
                operator=session.operator.name,
                role=catalogue.name("role", session.operator.role, self._lang),
                station=catalogue.name("station", session.station, self._lang),
            )
            return log.refused(code, key, text)
        if row is None:
            key = "refused.badge" if is_badge_code(code) else "refused.unknown_code"
            return log.refused(code, key, self._text(key, code=code))
        state = ItemState(row.state)
        try:
            new_state = next_state(state, action)
        except TransitionRefused as refusal:
            return log.refused(code, refusal.key, self._refusal_text(refusal.key, row))

        changes: dict[str, Any] = {
            "state": new_state.value,
            "updated_at": now,
            "updated_by": session.operator.name,
        }
        vendor: VendorInfo | None = None
        if action is Action.SEND_OUT:
            vendor = self._vendor(session.vendor_id or row.planned_vendor_id)
            if vendor is None:
                return log.refused(code, "refused.no_vendor", self._text("refused.no_vendor"))
            changes.update(
                vendor_id=vendor.id,
                batch_id=self._batch_for(conn, session, vendor, now, step.opened_batches),
                sent_at=now,
                expected_return=self._expected_return(vendor, row.product, now),
                returned_at=None,
            )
        elif action is Action.CHECK_IN:
            changes["returned_at"] = now
        elif action is Action.PICK_UP:
            changes["picked_up_at"] = now
        elif action is Action.FLAG_REWORK:
            changes["rework_count"] = items.c.rework_count + 1

        if self._lock_orders:
            conn.execute(_LOCK_ORDER, {"order_id": row.order_id})
        if action is Action.PICK_UP and not step.collecting:
            due = balance_in(conn, row.order_id).due  # read under the order's lock
            if due:
                key = "counter.balance_owed"
                text = self._text(key, order_no=row.order_no, amount=yuan(due))
                return log.refused(code, key, text)
        updated = conn.execute(
            items.update()
            .where(items.c.id == row.id, items.c.state == state.value)
            .values(**changes)
        ).rowcount
        if updated != 1:
            now_state = conn.execute(_STATE_OF, {"item_id": row.id}).scalar_one()
            key = "refused.moved_meanwhile"
            text = self._text(key, state=catalogue.name("state", now_state, self._lang))
            return log.refused(code, key, text, item_state=now_state)

        slot = self._shelve_in(conn, row, state, new_state, now)
        status = refresh_order(conn, row.order_id, now)
        progress = status.progress
        if action is Action.CHECK_IN:
            _queue_if_ready(
                conn, row, status, now, session.operator.name, self._reference_data().settings
            )
        elif action is Action.PICK_UP:
            _cancel_if_collected(conn, row, status)
        key = f"scan.accepted.{action.value}"
        text = self._text(
            key,
            product=row.product,
            vendor=vendor.name if vendor else "",
            expected=changes.get("expected_return", ""),
            order_no=row.order_no,
            progress=catalogue.name("progress", progress, self._lang),
            slot=slot or "",
        )
        return log.write(
            code,
            ScanOutcome.ACCEPTED,
            key,
            text,
            from_state=state.value,
            item_state=new_state.value,
            order_progress=progress.value,
            shelf_slot=slot,
        )

    @staticmethod
    def _shelve_in(
        conn: Connection, row: Any, before: ItemState, after: ItemState, now: datetime
    ) -> str | None:
        """The shelf's side of a move, in the same transaction: a check-in claims the
        order's slot; an item leaving the shelf frees its slot once nothing of the
        order is left in it."""
        if after is ItemState.READY:
            slot = claim_slot(conn, row.order_id, now)
            conn.execute(items.update().where(items.c.id == row.id).values(shelf_slot=slot))
            return slot
        if before is ItemState.READY:
            release_slot(conn, row.order_id, row.shelf_slot)
        return None

    def _operator_active(self, conn: Connection, row: Any, params: dict[str, Any]) -> bool:
        if row is not None:
            return bool(row.operator_active)
        return bool(conn.execute(_IS_ACTIVE, params).scalar())  # unknown code: the rare path

    # -- helpers --------------------------------------------------------------------

    def _is_repeat(self, conn: Connection, session: ScanSession, code: str, now: datetime) -> bool:
        last = conn.execute(
            _LAST_SCAN_HERE,
            {"code": code, "station": session.station.value, "workstation": session.workstation},
        ).scalar()
        return last is not None and timedelta(0) <= now - last < self._window

    def _vendor(self, vendor_id: int | None) -> VendorInfo | None:
        if vendor_id is None:
            return None
        return self._reference_data(vendor_id).vendors.get(vendor_id)

    def _reference_data(self, vendor_id: int | None = None) -> _ReferenceData:
        """The cache, reloaded when a minute old or when it lacks a vendor asked for."""
        stale = time.monotonic() - self._reference_loaded_at > _REFERENCE_CACHE_TTL_S
        if stale or (vendor_id is not None and vendor_id not in self._reference.vendors):
            with self._engine.connect() as conn:
                self._reference = _ReferenceData(
                    all_vendors(conn), product_turnarounds(conn), load_settings(conn)
                )
            self._reference_loaded_at = time.monotonic()
        return self._reference

    def _expected_return(self, vendor: VendorInfo, product: str, now: datetime) -> date:
        """Send-out day + the vendor's turnaround for this product (or its usual one)."""
        reference = self._reference
        days = reference.product_days.get((vendor.id, product), vendor.turnaround_days)
        working = (
            reference.settings.working_days
            if self._working_days_override is None
            else self._working_days_override
        )
        return add_days(local_date(now), days, working)

    def _batch_for(
        self,
        conn: Connection,
        session: ScanSession,
        vendor: VendorInfo,
        now: datetime,
        opened: dict[int, int],
    ) -> int:
        """The session's open batch for this vendor, opened on the first item sent."""
        if vendor.id in session.batch_ids:
            return session.batch_ids[vendor.id]
        batch_id = conn.execute(
            batches.insert()
            .values(
                code=BATCH_PREFIX + new_badge_code().removeprefix("OP-"),
                vendor_id=vendor.id,
                operator_id=session.operator.id,
                workstation=session.workstation,
                created_at=now,
            )
            .returning(batches.c.id)
        ).scalar_one()
        opened[vendor.id] = int(batch_id)
        return int(batch_id)

    def _text(self, key: str, **params: object) -> str:
        return catalogue.text(key, self._lang, **params)

    def _refusal_text(self, key: str, row: Any) -> str:
        vendor = self._vendor(row.vendor_id)
        when = row.picked_up_at or row.returned_at
        return self._text(
            key,
            product=row.product,
            vendor=vendor.name if vendor else "",
            expected=row.expected_return or "",
            when=when.astimezone().strftime("%Y-%m-%d %H:%M") if when else "",
        )


def _queue_if_ready(
    conn: Connection,
    row: Any,
    status: OrderStatus,
    now: datetime,
    by: str,
    settings: StudioSettings,
) -> None:
    """The last check-in of an order (or of a growth-package stage) queues its message."""
    if row.stage_id is not None:
        if status.stages.get(row.stage_id) is OrderProgress.READY:
            queue_ready(conn, row.order_id, row.stage_id, now, by, settings)
    elif status.progress is OrderProgress.READY:
        queue_ready(conn, row.order_id, None, now, by, settings)


def _cancel_if_collected(conn: Connection, row: Any, status: OrderStatus) -> None:
    """Once everything of an order (or stage) is handed over, unsent messages about it lapse."""
    progress = status.stages.get(row.stage_id) if row.stage_id is not None else status.progress
    if progress is OrderProgress.COMPLETED:
        cancel_queued(conn, row.order_id, row.stage_id)
