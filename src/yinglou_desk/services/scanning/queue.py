"""One ordered queue from every scanner into the scan service.

Wedge, serial scanners and batch ticking all submit here; one worker thread
takes the scans out in arrival order and runs each through
:meth:`ScanService.scan` (one short transaction each). Submitting never
blocks and never touches the database, so a burst of labels through a
serial scanner (50+ a second) simply queues while the database works —
nothing is dropped, merged or reordered.

The queue is the thread that drives :class:`~.scan_pipeline.ScanPipeline`
(the desk drives the same pipeline from its write worker). When the database
is unreachable or locked the scan in hand stays at the head of the queue and
is retried with back-off; the queue reports ``waiting`` with the number of
scans held and ``ok`` again once a scan goes through. It never gives a scan
up. With a :class:`~.journal.ScanJournal`, every scan is written to disk on
arrival, so scans held through an outage survive a crash or a restart too:
pending journal entries are replayed first, in order, exactly once. A scan
that meets an unexpected error is reported, stays in the journal and is
tried again when the queue is idle (every ``retry_s``).

Qt-free: results and state changes are reported through callbacks on the
worker thread; the desk turns them into queued signals.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from yinglou_desk.services.clock import utc_now
from yinglou_desk.services.scanning.journal import JournalEntry, ScanJournal
from yinglou_desk.services.scanning.pipeline import (
    DEFAULT_RETRY_S,
    Held,
    Kept,
    Scanner,
    ScanPipeline,
)
from yinglou_desk.services.scanning.service import ScanResult, ScanSession

log = logging.getLogger(__name__)

DEFAULT_BACKOFF_S = (0.1, 0.25, 0.5, 1.0, 2.0, 5.0)


@dataclass(frozen=True)
class QueuedScan:
    """A scan as it arrived: ``seq`` numbers arrivals from 1 in this queue."""

    seq: int
    code: str
    source: str
    session: ScanSession = field(compare=False)
    received_at: float = 0.0
    journal_id: str | None = None  # with a journal: its entry, and when it was scanned
    scanned_at: datetime | None = None
    replayed: bool = False  # pending in the journal from an earlier run
    entry: JournalEntry | None = field(default=None, compare=False, repr=False)


class QueueState(StrEnum):
    OK = "ok"
    WAITING = "waiting"  # the database said "not now": retrying, scans held


@dataclass(frozen=True)
class QueueStatus:
    state: QueueState
    pending: int  # scans received and not yet recorded, the one in hand included
    detail: str = ""  # why it is waiting
    attempts: int = 0


ResultCallback = Callable[[QueuedScan, ScanResult], None]
StatusCallback = Callable[[QueueStatus], None]
ErrorCallback = Callable[[QueuedScan, BaseException], None]


class ScanQueue:
    """Arrival-ordered scans into the service on one worker thread.

    Callbacks (called on the worker thread):
        on_result(scan, result): each scan recorded, in arrival order.
        on_status(status): the queue started waiting for the database, or
            recovered (``QueueState.OK``); repeated while waiting with the
            growing count of held scans.
        on_error(scan, error): the scan met an unexpected error (not the
            environment's "not now"): reported loudly and logged; the scan
            stays in the journal for a later retry and the queue moves on, so
            one bad scan cannot block the station.
    """

    def __init__(
        self,
        service: Scanner,
        on_result: ResultCallback,
        on_status: StatusCallback | None = None,
        on_error: ErrorCallback | None = None,
        backoff_s: Sequence[float] = DEFAULT_BACKOFF_S,
        clock: Callable[[], float] = time.monotonic,
        journal: ScanJournal | None = None,
        wall_clock: Callable[[], datetime] = utc_now,
        retry_s: float = DEFAULT_RETRY_S,
    ) -> None:
        self.pipeline = ScanPipeline(
            service, journal, wall_clock=wall_clock, retry_s=retry_s, monotonic=clock
        )
        self._retry_s = retry_s
        self._on_result = on_result
        self._on_status = on_status
        self._on_error = on_error
        self._backoff = tuple(backoff_s) or (1.0,)
        self._clock = clock
        self._pending: deque[QueuedScan] = deque()
        self._cond = threading.Condition()
        self._seq = itertools.count(1)
        self._stopping = False
        self._drain = True
        self._waiting = False
        self._thread: threading.Thread | None = None
        for entry in self.pipeline.leftovers():
            self._pending.append(self._queued(entry, replayed=True))

    def _queued(self, entry: JournalEntry, replayed: bool = False) -> QueuedScan:
        return QueuedScan(
            next(self._seq),
            entry.code,
            entry.source,
            entry.session,
            self._clock(),
            entry.id,
            entry.at,
            replayed=replayed,
            entry=entry,
        )

    # -- any thread --------------------------------------------------------------------

    def submit(self, session: ScanSession, code: str, source: str) -> QueuedScan:
        """Queue a scan; returns at once. Safe from any thread, in any number."""
        with self._cond:
            entry = self.pipeline.arrive(session, code, source)  # on disk before anything else
            scan = self._queued(entry)
            self._pending.append(scan)
            self._cond.notify()
        return scan

    @property
    def pending(self) -> int:
        with self._cond:
            return len(self._pending)

    @property
    def waiting_for_database(self) -> bool:
        return self._waiting

    def start(self) -> None:
        with self._cond:
            if self._thread is not None:
                return
            self._stopping = False
            self._thread = threading.Thread(target=self._run, name="scan-queue", daemon=True)
            self._thread.start()

    def stop(self, drain: bool = True, timeout: float | None = 30.0) -> list[QueuedScan]:
        """Finish the scan in hand (and with ``drain`` the rest while the database answers).

        Returns the scans that were *not* recorded, oldest first: the caller
        must tell the operator about them. Retrying stops at once on stop.
        """
        with self._cond:
            self._stopping = True
            self._drain = drain
            self._cond.notify_all()
            thread = self._thread
        if thread is not None:
            thread.join(timeout)
            if not thread.is_alive():
                self._thread = None
        with self._cond:
            return list(self._pending)

    def join_idle(self, timeout: float | None = None) -> bool:
        """Wait until every submitted scan is recorded (tests, shutdown); True if so."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while self._pending:
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._cond.wait(remaining)
        return True

    # -- worker thread -------------------------------------------------------------------

    def _run(self) -> None:
        attempts = 0
        while True:
            with self._cond:
                while not self._pending and not self._stopping:
                    if not self._cond.wait(self._retry_s) and self.pipeline.kept:
                        break  # idle for a while: try the scans kept after an error
                if self._stopping and (not self._pending or not self._drain):
                    return
                scan = self._pending[0] if self._pending else None  # stays queued until done
            if scan is None:
                self._retry_kept()
                continue
            outcome = self.pipeline.run(self._entry(scan))
            if isinstance(outcome, Held):
                attempts += 1
                delay = self._backoff[min(attempts, len(self._backoff)) - 1]
                self._report_waiting(outcome.detail, attempts)
                with self._cond:
                    if self._stopping:
                        return  # the held scans go back to the caller of stop()
                    self._cond.wait_for(lambda: self._stopping, delay)
                    if self._stopping:
                        return
                continue
            if attempts:
                attempts = 0
                self._waiting = False
                self._call(self._on_status, QueueStatus(QueueState.OK, self.pending))
            if isinstance(outcome, Kept):
                self._call(self._on_error, scan, outcome.error)
            else:
                self._call(self._on_result, scan, outcome)
            self._done(scan)  # after the report, so join_idle() means "all reported"

    @staticmethod
    def _entry(scan: QueuedScan) -> JournalEntry:
        assert scan.entry is not None  # every queued scan is made by _queued()
        return scan.entry

    def _retry_kept(self) -> None:
        for entry, outcome in self.pipeline.retry_kept():
            scan = self._queued(entry, replayed=True)
            if isinstance(outcome, Kept):
                self._call(self._on_error, scan, outcome.error)
            else:
                self._call(self._on_result, scan, outcome)

    def _done(self, scan: QueuedScan) -> None:
        with self._cond:
            if self._pending and self._pending[0] is scan:
                self._pending.popleft()
            self._cond.notify_all()

    def _report_waiting(self, detail: str, attempts: int) -> None:
        self._waiting = True
        self._call(self._on_status, QueueStatus(QueueState.WAITING, self.pending, detail, attempts))

    @staticmethod
    def _call(callback: Callable[..., None] | None, *args: object) -> None:
        if callback is None:
            return
        try:
            callback(*args)
        except Exception:  # a consumer's bug must not stop the scans
            log.exception("scan queue callback failed")
