"""What every screen of one window shares: database, scan service, operator, and the news.

Screens never poll each other: after any change they call :meth:`announce`,
and every screen listening to ``data_changed`` decides for itself whether the
change concerns what it shows. A timer watches the scan log so that scans made
on other PCs (one PostgreSQL database, several desks) arrive the same way.

Signals:
    operator_changed(object): the logged-in :class:`OperatorInfo`, or None after logout.
    session_ended(): the operator who was logged in is no longer (log-out, or a badge
        scan switched to someone else). Whatever they left open — an import dialog, an
        order editor — closes: it must not go on with their rights.
    data_changed(object): a :class:`Change` — which orders moved, and whether elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QTimer, Signal

from yinglou_desk.services.clock import Clock, utc_now
from yinglou_desk.services.database import Database
from yinglou_desk.services.orders.change_feed import FeedLook, FeedPosition, look
from yinglou_desk.services.scanning.journal import ScanJournal
from yinglou_desk.services.scanning.pipeline import ScanPipeline
from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.services.settings.workstation import this_workstation
from yinglou_desk.services.staff.operators import OperatorInfo
from yinglou_desk.ui.dialogs.questions import DialogService, QtDialogs
from yinglou_desk.ui.operations import Operations
from yinglou_desk.ui.scanning.feedback import ScanSounds
from yinglou_desk.ui.scanning.offline import OfflineScans

REMOTE_POLL_MS = 3000


@dataclass(frozen=True)
class Change:
    order_ids: frozenset[int] = field(default_factory=frozenset)
    remote: bool = False
    everything: bool = False

    def touches(self, order_id: int | None) -> bool:
        return self.everything or (order_id is not None and order_id in self.order_ids)


class DeskContext(QObject):
    """See the module docstring; one per window, passed to every screen."""

    operator_changed = Signal(object)
    session_ended = Signal()
    data_changed = Signal(object)

    def __init__(
        self,
        engine: Database,
        *,
        clock: Clock = utc_now,
        dialogs: DialogService | None = None,
        workstation: str | None = None,
        journal: ScanJournal | None = None,
        silent: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.clock = clock
        self.service = ScanService(engine, clock=clock)
        self.ops = Operations(self)
        self.dialogs: DialogService = dialogs or QtDialogs()
        # silent for a quiet office (本机设置); no audio device means no sound either.
        self.sounds = ScanSounds(self, silent=silent)
        self.workstation = workstation or this_workstation()
        self.operator: OperatorInfo | None = None
        # Every scan goes this way; with a journal, scans go on while the database is
        # away and survive an error (see ui/scanning/offline.py).
        self.pipeline = ScanPipeline(self.service, journal, wall_clock=clock)
        self.offline = OfflineScans(self.pipeline, self.ops) if journal is not None else None
        self._feed: FeedPosition | None = None
        self._polling = False
        self._poll = QTimer(self)
        self._poll.setInterval(REMOTE_POLL_MS)
        self._poll.timeout.connect(self.poll_remote)

    def set_operator(self, operator: OperatorInfo | None) -> None:
        previous, self.operator = self.operator, operator
        if previous is not None and previous != operator:
            self.session_ended.emit()
        self.operator_changed.emit(operator)

    def announce(self, order_ids: set[int] | frozenset[int] | None = None) -> None:
        """Tell every screen that these orders (None: anything) just changed here."""
        ids = frozenset(i for i in (order_ids or ()) if i is not None)
        self.data_changed.emit(Change(ids, remote=False, everything=order_ids is None))

    def start_remote_watch(self, interval_ms: int = REMOTE_POLL_MS) -> None:
        self._poll.setInterval(interval_ms)
        self._poll.start()
        self.poll_remote()

    def stop(self) -> None:
        self._poll.stop()
        self.ops.wait()

    def poll_remote(self) -> None:
        """One look at the scan log and the audit log: other PCs' moves become a
        ``data_changed`` for their orders; their corrections, imports and erasures one
        for everything."""
        if self._polling:
            return
        self._polling = True
        engine, workstation, since = self.engine, self.workstation, self._feed
        self.ops.read(lambda: look(engine, since, workstation), self._polled, self._poll_failed)

    def _polled(self, found: FeedLook) -> None:
        self._polling = False
        first = self._feed is None
        self._feed = found.position
        if first:
            return
        if found.records_changed:
            self.data_changed.emit(Change(remote=True, everything=True))
        elif found.orders:
            self.data_changed.emit(Change(found.orders, remote=True))

    def _poll_failed(self, _error: BaseException) -> None:
        self._polling = False  # the next tick tries again; a broken network is not a crash
