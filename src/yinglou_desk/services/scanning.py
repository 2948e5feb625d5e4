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
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, select

from ..domain import messages
from ..domain.codes import BATCH_PREFIX, InvalidCode, is_badge_code, new_badge_code, normalize_code
from ..domain.dates import add_days
from ..domain.progress import OrderProgress
from ..domain.roles import may, permission_for
from ..domain.states import Action, ItemState, ScanOutcome, TransitionRefused, next_state
from ..storage.engine import is_sqlite, write_transaction
from ..storage.errors import environment_errors
from ..storage.tables import items, orders, scan_log
from ..storage.tables import send_out_batches as batches
from .clock import Clock, local_date, utc_now
from .notifications import cancel_queued, queue_ready
from .order_status import OrderStatus, refresh_order
from .scan_records import LogLine, ScanResult, ScanSession, already_recorded
from .studio_settings import StudioSettings, load_settings
from .vendors import VendorInfo, all_vendors, product_turnarounds

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
        orders.c.order_no,
        orders.c.progress,
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
        self._lang = lang or messages.current_language()
        self._working_days_override = working_days
        self._lock_orders = not is_sqlite(engine)  # SQLite: BEGIN IMMEDIATE serialises
        self._reference = _ReferenceData({}, {}, StudioSettings())
        self._reference_loaded_at = float("-inf")

    # -- public -----------------------------------------------------------------

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
        with environment_errors(), write_transaction(self._engine) as conn:
            if client_ref is not None:
                recorded = conn.execute(_BY_CLIENT_REF, {"ref": client_ref}).first()
                if recorded is not None:
                    return already_recorded(recorded)
            log = LogLine(conn, session, action, now, detail, client_ref)
            result = self._apply_in(conn, log, session, raw_code, action, now, opened_batches)
        session.batch_ids.update(opened_batches)  # only once committed
        return result

    # -- one transaction ----------------------------------------------------------

    def _apply_in(
        self,
        conn: Connection,
        log: LogLine,
        session: ScanSession,
        raw_code: str,
        action: Action,
        now: datetime,
        opened_batches: dict[int, int],
    ) -> ScanResult:
        try:
            code = normalize_code(raw_code)
        except InvalidCode as bad:
            return log.refused(
                raw_code[:_LOGGED_CODE_LIMIT], bad.key, self._text(bad.key, code=raw_code)
            )

        row = conn.execute(_ITEM_BY_CODE, {"code": code}).first()
        if row is not None:
            log.item(row)
        if action is session.station.action and self._is_repeat(conn, session, code, now):
            seconds = int(self._window.total_seconds())
            text = self._text("scan.duplicate", seconds=seconds)
            return log.write(code, ScanOutcome.DUPLICATE, "scan.duplicate", text)
        if not may(session.operator.role, permission_for(action)):
            key = "refused.not_permitted"
            text = self._text(
                key,
                operator=session.operator.name,
                role=messages.name_of(messages.ROLE_NAMES, session.operator.role, self._lang),
                station=messages.name_of(messages.STATION_NAMES, session.station, self._lang),
            )
            return log.refused(code, key, text)
        if row is None:
            key = "refused.badge" if is_badge_code(code) else "refused.unknown_code"
            return log.refused(code, key, self._text(key, code=code))
        state = ItemState(row.state)
        try:
            new_state = next_state(state, action)
        except TransitionRefused as refusal:
            return log.refused(code, refusal.key, self._refusal_text(refusal.key, row, now))

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
                batch_id=self._batch_for(conn, session, vendor, now, opened_batches),
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
        updated = conn.execute(
            items.update()
            .where(items.c.id == row.id, items.c.state == state.value)
            .values(**changes)
        ).rowcount
        if updated != 1:
            now_state = conn.execute(_STATE_OF, {"item_id": row.id}).scalar_one()
            key = "refused.moved_meanwhile"
            text = self._text(
                key, state=messages.name_of(messages.STATE_NAMES, now_state, self._lang)
            )
            return log.refused(code, key, text, item_state=now_state)

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
            progress=messages.name_of(messages.PROGRESS_NAMES, progress, self._lang),
        )
        return log.write(
            code,
            ScanOutcome.ACCEPTED,
            key,
            text,
            from_state=state.value,
            item_state=new_state.value,
            order_progress=progress.value,
        )

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
        return messages.text(key, self._lang, **params)

    def _refusal_text(self, key: str, row: Any, now: datetime) -> str:
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
