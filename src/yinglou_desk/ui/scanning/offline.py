"""Scanning on while the database is away: the desk's driver of the scan pipeline's replay.

Every scan goes through :class:`~yinglou_desk.services.scanning.pipeline.ScanPipeline`
on the write worker: into the local journal first, then the database. If the
database cannot be reached, or older scans still wait, the scan stays in the
journal and the station says so plainly ("离线 — 3 条扫描待同步"); one that met
an unexpected error stays there too ("扫描出错，已保留，稍后重试"). A timer
replays the journal in order, exactly once, when the database answers again;
scans that no longer fit (another PC moved the item meanwhile) are reported to
the operator, never applied.

Signals:
    pending_changed(int): how many scans wait in the journal (0: all recorded).
    replayed(object): the ``ScanResult`` list of one replay, in scan order.
    kept(object): the :class:`Kept` scans of one replay that failed again.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from yinglou_desk.services.scanning.pipeline import Kept, ScanPipeline
from yinglou_desk.services.scanning.service import ScanResult
from yinglou_desk.ui.operations import Operations

REPLAY_MS = 5000


class OfflineScans(QObject):
    pending_changed = Signal(int)
    replayed = Signal(object)
    kept = Signal(object)

    def __init__(self, pipeline: ScanPipeline, ops: Operations) -> None:
        super().__init__(ops)
        self.pipeline = pipeline
        self._ops = ops
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setInterval(REPLAY_MS)
        self._timer.timeout.connect(self.replay)
        self._timer.start()
        if pipeline.pending:
            QTimer.singleShot(0, self.replay)  # scans left from the last run

    @property
    def pending(self) -> int:
        return self.pipeline.pending

    def replay(self) -> None:
        if self._replaying or not self.pipeline.pending:
            return
        self._replaying = True
        self._ops.write(self._replay_job, self._replay_done, self._replay_failed)

    def _replay_job(self) -> tuple[list[ScanResult], list[Kept]]:
        """Worker thread: oldest first; stop at the first "not yet" from the database."""
        results: list[ScanResult] = []
        kept: list[Kept] = []
        for _entry, outcome in self.pipeline.replay():
            if isinstance(outcome, Kept):
                kept.append(outcome)
            else:
                results.append(outcome)
        return results, kept

    def _replay_done(self, outcome: tuple[list[ScanResult], list[Kept]]) -> None:
        self._replaying = False
        results, kept = outcome
        if results:
            self.replayed.emit(results)
        if kept:
            self.kept.emit(kept)
        self.pending_changed.emit(self.pending)

    def _replay_failed(self, error: BaseException) -> None:
        self._replaying = False
        self._ops.report_failure(error)
