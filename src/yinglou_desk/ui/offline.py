"""Scanning on while the database is away: the desk's side of the offline journal.

Every scan goes into the local journal (on the write worker, before the
database is tried); the station's panel acknowledges it only after that. If
the database cannot be reached, or older scans still wait, the scan stays in
the journal and the station says so plainly ("离线 — 3 条扫描待同步"). A
timer replays the journal in order, exactly once, when the database answers
again; scans that no longer fit (another PC moved the item meanwhile) are
reported to the operator, never applied.

Signals:
    pending_changed(int): how many scans wait in the journal (0: all recorded).
    replayed(object): the ``ScanResult`` list of one replay, in scan order.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from ..services.journal import JournalEntry, ScanJournal
from ..services.scanning import ScanResult, ScanService
from ..storage.errors import StorageUnavailable
from .operations import Operations

REPLAY_MS = 5000


@dataclass(frozen=True)
class Offline:
    """What a station shows for a scan kept in the journal."""

    code: str
    pending: int


class OfflineScans(QObject):
    pending_changed = Signal(int)
    replayed = Signal(object)

    def __init__(self, journal: ScanJournal, service: ScanService, ops: Operations) -> None:
        super().__init__(ops)
        self.journal = journal
        self._service = service
        self._ops = ops
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setInterval(REPLAY_MS)
        self._timer.timeout.connect(self.replay)
        self._timer.start()
        if len(journal):
            QTimer.singleShot(0, self.replay)  # scans left from the last run

    @property
    def pending(self) -> int:
        return len(self.journal)

    def hold(self, entry: JournalEntry) -> bool:
        """Worker thread: True when older scans still wait (this one must wait behind them)."""
        return len(self.journal) > 1 or entry.id != self.journal.pending()[0].id

    def replay(self) -> None:
        if self._replaying or not len(self.journal):
            return
        self._replaying = True
        self._ops.write(self._replay_job, self._replay_done, self._replay_failed)

    def _replay_job(self) -> list[ScanResult]:
        """Worker thread: oldest first; stop at the first "not yet" from the database."""
        results = []
        for entry in self.journal.pending():
            try:
                result = self._service.scan(
                    entry.session, entry.code, at=entry.at, client_ref=entry.id
                )
            except StorageUnavailable:
                break
            self.journal.done(entry.id)
            results.append(result)
        return results

    def _replay_done(self, results: list[ScanResult]) -> None:
        self._replaying = False
        if results:
            self.replayed.emit(results)
        self.pending_changed.emit(self.pending)

    def _replay_failed(self, error: BaseException) -> None:
        self._replaying = False
        self._ops.report_failure(error)
