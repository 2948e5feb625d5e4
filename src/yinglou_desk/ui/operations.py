"""Database work off the GUI thread, results back on it (Anki's CollectionOp/QueryOp idea).

A callable runs on a private :class:`QThreadPool`; its return value (or the
exception it raised) travels back through a small relay ``QObject`` that lives
on the GUI thread, so callbacks always run there and may touch widgets. The
callable itself must never touch a widget.

Writes go to a pool with one thread, so scans are applied in the order they
were read; reads use a second pool and never wait behind a write. Long work
that writes (an import of thousands of orders) runs on a third, its own
writer, so the scans at this PC do not queue behind it.

Signals:
    busy_changed(bool): some operation started (True) / the last one ended (False).
    progress(int, int): ``done, total`` reported by a long operation.
    failed(str, bool): an operation without its own failure callback failed;
        the text, and whether it is the environment's fault (database
        unavailable) rather than a bug.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

from yinglou_desk.services.database import StorageUnavailable

log = logging.getLogger(__name__)

Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]
ProgressFn = Callable[[int, int], None]


class _Relay(QObject):
    """Lives on the GUI thread; its queued signals carry a worker's outcome home."""

    done = Signal(object)
    error = Signal(object)
    step = Signal(int, int)

    def __init__(self, on_step: ProgressFn) -> None:
        super().__init__()
        self._on_success: Success | None = None
        self._on_failure: Failure | None = None
        self._on_step = on_step
        self.done.connect(self._deliver_success)
        self.error.connect(self._deliver_failure)
        self.step.connect(self._deliver_step)
        self.finished: Callable[[_Relay], None] = lambda _relay: None
        self.keep_alive: object = None
        self.traceback_text = ""

    def arm(self, on_success: Success, on_failure: Failure, fn: object) -> None:
        self._on_success, self._on_failure, self.keep_alive = on_success, on_failure, fn
        self.traceback_text = ""

    def disarm(self) -> None:
        """Drop every reference to the job (on the GUI thread), ready for the next one."""
        self._on_success = self._on_failure = None
        self.keep_alive = None

    @Slot(object)
    def _deliver_success(self, value: object) -> None:
        callback = self._on_success
        self.disarm()
        try:
            if callback is not None:
                callback(value)
        finally:
            self.finished(self)

    @Slot(object)
    def _deliver_failure(self, error: object) -> None:
        if self.traceback_text and not isinstance(error, StorageUnavailable):
            log.debug("worker traceback:\n%s", self.traceback_text)
        callback = self._on_failure
        self.disarm()
        try:
            if callback is not None:
                callback(error)  # type: ignore[arg-type]
        finally:
            self.finished(self)

    @Slot(int, int)
    def _deliver_step(self, done: int, total: int) -> None:
        self._on_step(done, total)


def _run_job(handoff: list[Callable[..., Any]], relay: _Relay, with_progress: bool) -> None:
    """Worker thread: run the callable and send its outcome home; no widgets here.

    The worker must never hold the last reference to anything Qt (a callable
    often closes over a widget): the relay keeps ``fn`` alive until its
    outcome is delivered on the GUI thread, the worker drops its own
    reference before emitting, and a failure travels without its traceback
    (whose frames would hold the same objects) — the text is kept for the log.
    """
    fn = handoff.pop()
    try:
        kwargs = {"progress": relay.step.emit} if with_progress else {}
        value = fn(**kwargs)
    except BaseException as error:  # noqa: BLE001 - handed to the GUI thread
        relay.traceback_text = traceback.format_exc()
        del fn
        error.__traceback__ = None
        error.__context__ = error.__cause__ = None
        relay.error.emit(error)
    else:
        del fn
        relay.done.emit(value)


class Operations(QObject):
    """Runs callables on worker threads; see the module docstring for the signals."""

    busy_changed = Signal(bool)
    progress = Signal(int, int)
    failed = Signal(str, bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._writes = QThreadPool(self)
        self._writes.setMaxThreadCount(1)
        self._reads = QThreadPool(self)
        self._reads.setMaxThreadCount(2)
        self._long_writes = QThreadPool(self)
        self._long_writes.setMaxThreadCount(1)
        self._relays: set[_Relay] = set()
        self._idle: list[_Relay] = []

    def write(
        self,
        fn: Callable[..., Any],
        on_success: Success,
        on_failure: Failure | None = None,
        with_progress: bool = False,
    ) -> None:
        """Run a change; changes run one after another in submission order."""
        self._start(self._writes, fn, on_success, on_failure, with_progress)

    def long_write(
        self,
        fn: Callable[..., Any],
        on_success: Success,
        on_failure: Failure | None = None,
        with_progress: bool = False,
    ) -> None:
        """Run long work that writes (an import) beside the scans, not in front of them."""
        self._start(self._long_writes, fn, on_success, on_failure, with_progress)

    def read(
        self, fn: Callable[[], Any], on_success: Success, on_failure: Failure | None = None
    ) -> None:
        self._start(self._reads, fn, on_success, on_failure, False)

    def pending(self) -> int:
        return len(self._relays)

    def wait(self, timeout_ms: int = 30000) -> bool:
        """Block until the workers are idle (shutdown and tests only)."""
        return all(
            pool.waitForDone(timeout_ms) for pool in (self._writes, self._reads, self._long_writes)
        )

    def report_failure(self, error: BaseException) -> None:
        environment = isinstance(error, StorageUnavailable)
        if not environment:
            log.error("operation failed", exc_info=error)
        self.failed.emit(str(error) or type(error).__name__, environment)

    def _start(
        self,
        pool: QThreadPool,
        fn: Callable[..., Any],
        on_success: Success,
        on_failure: Failure | None,
        with_progress: bool,
    ) -> None:
        relay = self._idle.pop() if self._idle else self._new_relay()
        relay.arm(on_success, on_failure or self.report_failure, fn)  # fn: see _run_job
        if not self._relays:
            self.busy_changed.emit(True)
        self._relays.add(relay)
        pool.start(partial(_run_job, [fn], relay, with_progress))

    def _new_relay(self) -> _Relay:
        relay = _Relay(self.progress.emit)
        relay.finished = self._finished
        return relay

    def _finished(self, relay: _Relay) -> None:
        # Relays are reused, never deleted: a worker may still hold one for a moment,
        # and a QObject must not be destroyed from a worker thread.
        self._relays.discard(relay)
        self._idle.append(relay)
        if not self._relays:
            self.busy_changed.emit(False)
