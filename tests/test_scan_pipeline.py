"""Nothing leaves the journal unless it is in the database: a scan that meets an error is kept."""

from __future__ import annotations

import threading

from sqlalchemy import select

from yinglou_desk.services.scanning.journal import ScanJournal
from yinglou_desk.services.scanning.pipeline import Held, Kept, ScanPipeline
from yinglou_desk.services.scanning.queue import ScanQueue
from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.storage.errors import StorageUnavailable
from yinglou_desk.storage.models import ScanLog

from .helpers.studio import make_studio

WAIT_S = 60


class FlakyService(ScanService):
    """The real scan service, made to fail for chosen codes (an unexpected error) or
    to be away (the environment's "not now")."""

    def __init__(self, engine, clock) -> None:
        super().__init__(engine, clock=clock)
        self.broken: set[str] = set()
        self.down = False

    def scan(self, session, raw_code, **kwargs):
        if self.down:
            raise StorageUnavailable("database is locked")
        if raw_code in self.broken:
            raise RuntimeError("unexpected")
        return super().scan(session, raw_code, **kwargs)


def _logged(engine, code: str) -> int:
    with engine.connect() as conn:
        return len(conn.execute(select(ScanLog.id).where(ScanLog.code == code)).all())


def test_a_failing_scan_stays_in_the_journal_and_goes_in_once_the_fault_is_gone(
    engine, clock, tmp_path
) -> None:
    studio = make_studio(engine, clock)
    studio.add_order("P001", ["710000000001", "710000000002", "710000000003"])
    service = FlakyService(engine, clock)
    service.broken.add("710000000002")
    journal = ScanJournal(tmp_path / "journal.jsonl")
    now = [0.0]
    pipeline = ScanPipeline(
        service, journal, wall_clock=clock, retry_s=30, monotonic=lambda: now[0]
    )
    session = studio.session("send-out")

    outcomes = []
    for code in ("710000000001", "710000000002", "710000000003"):
        outcomes.append(pipeline.take(pipeline.arrive(session, code, "wedge")))
    assert outcomes[0].outcome.value == "accepted"
    assert isinstance(outcomes[1], Kept)
    assert outcomes[1].code == "710000000002"
    assert outcomes[2].outcome.value == "accepted"  # not blocked behind the kept one
    assert [e.code for e in journal.pending()] == ["710000000002"]

    journal.close()  # a restart keeps it too
    journal = ScanJournal(tmp_path / "journal.jsonl")
    assert [e.code for e in journal.pending()] == ["710000000002"]
    pipeline = ScanPipeline(
        service, journal, wall_clock=clock, retry_s=30, monotonic=lambda: now[0]
    )
    assert isinstance(pipeline.replay()[0][1], Kept)  # still broken: kept again
    assert pipeline.replay() == []  # and not retried before its wait is over
    service.broken.clear()
    now[0] += 31
    ((entry, result),) = pipeline.replay()
    assert entry.code == "710000000002"
    assert result.outcome.value == "accepted"
    assert len(journal) == 0
    assert _logged(engine, "710000000002") == 1
    journal.close()


def test_a_scan_behind_one_held_offline_waits_its_turn(engine, clock, tmp_path) -> None:
    studio = make_studio(engine, clock)
    studio.add_order("P001", ["710000000001", "710000000002"])
    service = FlakyService(engine, clock)
    journal = ScanJournal(tmp_path / "j.jsonl")
    pipeline = ScanPipeline(service, journal, wall_clock=clock)
    session = studio.session("send-out")
    service.down = True
    assert isinstance(pipeline.take(pipeline.arrive(session, "710000000001", "wedge")), Held)
    service.down = False
    assert isinstance(pipeline.take(pipeline.arrive(session, "710000000002", "wedge")), Held)
    replayed = [result.code for _entry, result in pipeline.replay()]
    assert replayed == ["710000000001", "710000000002"]  # in the order they were scanned
    journal.close()


def test_the_listen_queue_keeps_a_failing_scan_in_its_journal(engine, clock, tmp_path) -> None:
    """Today ``listen`` printed 出错 and removed the scan from its journal."""
    studio = make_studio(engine, clock)
    studio.add_order("P001", ["710000000001", "710000000002", "710000000003"])
    service = FlakyService(engine, clock)
    service.broken.add("710000000002")
    journal = ScanJournal(tmp_path / "listen.jsonl")
    errors: list[str] = []
    recorded: list[str] = []
    retried = threading.Event()

    def on_result(_scan, result) -> None:
        recorded.append(result.code)
        if result.code == "710000000002":
            retried.set()

    queue = ScanQueue(
        service,
        on_result,
        on_error=lambda scan, _error: errors.append(scan.code),
        journal=journal,
        retry_s=0.2,
    )
    queue.start()
    session = studio.session("send-out")
    for code in ("710000000001", "710000000002", "710000000003"):
        queue.submit(session, code, "serial:/dev/ttyUSB0")
    assert queue.join_idle(WAIT_S)
    assert errors
    assert errors[0] == "710000000002"
    assert recorded[:2] == ["710000000001", "710000000003"]
    assert [e.code for e in journal.pending()] == ["710000000002"]

    service.broken.clear()  # the fault is gone: the idle queue tries it again by itself
    assert retried.wait(WAIT_S)
    queue.stop()
    assert len(journal) == 0
    assert _logged(engine, "710000000002") == 1
    journal.close()
