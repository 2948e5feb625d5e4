"""The one way a scan reaches the database, for the desk and for ``listen`` alike.

A scan is first written to this PC's journal (when there is one), then run
against the database, oldest first. Three things can happen:

- it is recorded: its journal entry is marked done;
- the database is away (:class:`StorageUnavailable`), or older scans still wait
  in the journal: the scan is **held** — it stays pending and is replayed, in
  order and exactly once, when the database answers again;
- anything else goes wrong (a bug, a bad value the database refuses): the scan
  is **kept** — it stays pending in the journal, is set aside so the scans
  behind it are not blocked, and is retried later (every start, and every
  ``retry_s`` while running). The operator is told ("扫描出错，已保留，稍后重试").

Nothing leaves the journal unless the database has it. The drivers only decide
*when* to call: the desk runs :meth:`ScanPipeline.take` on its single write
worker and :meth:`ScanPipeline.replay` on a timer (``ui/scanning/offline.py``);
``listen`` runs them on the worker thread of :class:`~.scan_queue.ScanQueue`.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from yinglou_desk.services.clock import utc_now
from yinglou_desk.services.scanning.journal import JournalEntry, ScanJournal
from yinglou_desk.services.scanning.records import ScanResult, ScanSession
from yinglou_desk.storage.errors import StorageUnavailable

log = logging.getLogger(__name__)

DEFAULT_RETRY_S = 60.0


class Scanner(Protocol):
    """What the pipeline needs of the scan service (a fake in unit tests)."""

    def scan(
        self,
        session: ScanSession,
        raw_code: str,
        *,
        at: datetime | None = None,
        client_ref: str | None = None,
    ) -> ScanResult: ...


# job(entry): the scan itself and whatever a station loads with it, on the worker.
Job = Callable[[JournalEntry], Any]


@dataclass(frozen=True)
class Held:
    """Not recorded yet, kept in the journal: the database is away or older scans wait."""

    code: str
    pending: int
    detail: str = ""


@dataclass(frozen=True)
class Kept:
    """Met an unexpected error; kept in the journal and retried later."""

    code: str
    error: BaseException
    pending: int


class ScanPipeline:
    """Journal first, then the database, oldest first; see the module docstring.

    Safe to share between threads, but meant to be driven by one worker at a
    time (the desk's write pool, or the scan queue's thread), which keeps order.
    """

    def __init__(
        self,
        service: Scanner,
        journal: ScanJournal | None = None,
        *,
        wall_clock: Callable[[], datetime] = utc_now,
        retry_s: float = DEFAULT_RETRY_S,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.service = service
        self.journal = journal
        self._wall_clock = wall_clock
        self.retry_s = retry_s  # how long a kept scan waits before it is tried again
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._set_aside: dict[str, float] = {}  # kept entry id → when to try it again

    # -- arrival (any thread) ------------------------------------------------------------

    def arrive(self, session: ScanSession, code: str, source: str) -> JournalEntry:
        """The scan as it came, on disk before anything else when there is a journal."""
        now = self._wall_clock()
        if self.journal is None:
            return JournalEntry(uuid.uuid4().hex, now, code, source, session)
        return self.journal.append(session, code, source, now)

    @property
    def pending(self) -> int:
        """Scans not yet in the database (held and kept alike)."""
        return len(self.journal) if self.journal is not None else 0

    def leftovers(self) -> list[JournalEntry]:
        """Scans left pending by an earlier run, oldest first."""
        return self.journal.pending() if self.journal is not None else []

    # -- running (the worker) ------------------------------------------------------------

    def take(self, entry: JournalEntry, job: Job | None = None) -> Any:
        """Run one arrived scan: ``job``'s value, or :class:`Held` / :class:`Kept`."""
        if self._behind(entry):
            return Held(entry.code, self.pending)
        return self.run(entry, job)

    def run(self, entry: JournalEntry, job: Job | None = None) -> Any:
        """Run ``entry`` now whatever waits before it (the scan queue keeps its own order)."""
        try:
            value = (job or self.record)(entry)
        except StorageUnavailable as error:
            return Held(entry.code, self.pending, str(error))
        except Exception as error:  # noqa: BLE001 - kept, never lost
            self._keep(entry, error)
            return Kept(entry.code, error, self.pending)
        self._done(entry)
        return value

    def record(self, entry: JournalEntry) -> ScanResult:
        """The scan itself; a journaled scan carries when it was taken and its journal id."""
        if self.journal is None:
            return self.service.scan(entry.session, entry.code)
        return self.service.scan(entry.session, entry.code, at=entry.at, client_ref=entry.id)

    def replay(self) -> list[tuple[JournalEntry, ScanResult | Kept]]:
        """Pending journal scans, oldest first, until the database says "not now".

        A kept scan is tried again once its wait is over; if it fails again it is
        set aside again and the ones behind it still go through. Only for a driver
        whose every pending scan is in the journal alone (the desk); the scan queue,
        which holds arrivals in memory too, uses :meth:`retry_kept`.
        """
        return self._run_pending(only_kept=False)

    def retry_kept(self) -> list[tuple[JournalEntry, ScanResult | Kept]]:
        """The scans set aside after an error whose wait is over, oldest first."""
        return self._run_pending(only_kept=True)

    def _run_pending(self, only_kept: bool) -> list[tuple[JournalEntry, ScanResult | Kept]]:
        outcomes: list[tuple[JournalEntry, ScanResult | Kept]] = []
        for entry in self.leftovers():
            with self._lock:
                retry_at = self._set_aside.get(entry.id)
            if retry_at is None and only_kept:
                continue
            if retry_at is not None and self._monotonic() < retry_at:
                continue
            outcome = self.run(entry)
            if isinstance(outcome, Held):
                break
            outcomes.append((entry, outcome))
        return outcomes

    @property
    def kept(self) -> int:
        """How many scans are set aside after an error."""
        with self._lock:
            return len(self._set_aside)

    # -- the journal's side ----------------------------------------------------------------

    def _behind(self, entry: JournalEntry) -> bool:
        """True when an older scan (not one set aside) still waits: this one waits too."""
        if self.journal is None:
            return False
        with self._lock:
            aside = set(self._set_aside)
        for older in self.journal.pending():
            if older.id == entry.id:
                return False
            if older.id not in aside:
                return True
        return False

    def _keep(self, entry: JournalEntry, error: BaseException) -> None:
        log.error("scan %r from %s kept for a retry", entry.code, entry.source, exc_info=error)
        with self._lock:
            self._set_aside[entry.id] = self._monotonic() + self.retry_s
        if self.journal is not None:
            self.journal.set_aside(entry.id, f"{type(error).__name__}: {error}")

    def _done(self, entry: JournalEntry) -> None:
        with self._lock:
            self._set_aside.pop(entry.id, None)
        if self.journal is not None:
            self.journal.done(entry.id)
