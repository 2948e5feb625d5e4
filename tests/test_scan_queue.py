"""The one ordered scan queue: arrival order, nothing dropped, retry while the database is away."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from yinglou_desk.domain.states import ScanOutcome
from yinglou_desk.services.scanning.queue import QueueState, ScanQueue
from yinglou_desk.services.scanning.service import ScanResult, ScanService
from yinglou_desk.storage.errors import StorageUnavailable
from yinglou_desk.storage.models import Item, ScanLog

from .helpers.studio import make_studio

WAIT_S = 60  # generous: the machine is shared; nothing here asserts a duration


def _result(code: str) -> ScanResult:
    return ScanResult(code=code, outcome=ScanOutcome.ACCEPTED, message="ok", message_key="k")


class FakeService:
    """Records calls; raises StorageUnavailable while ``down`` is set; can be held mid-scan."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.down = threading.Event()
        self.gate = threading.Event()
        self.gate.set()
        self.entered = threading.Event()
        self.boom: set[str] = set()

    def scan(self, _session, raw_code: str) -> ScanResult:
        self.calls.append(raw_code)
        self.entered.set()
        self.gate.wait(WAIT_S)
        if self.down.is_set():
            raise StorageUnavailable("database is locked")
        if raw_code in self.boom:
            raise RuntimeError("our bug")
        return _result(raw_code)


class Collector:
    def __init__(self) -> None:
        self.results: list[tuple[int, str, str]] = []
        self.statuses = []
        self.errors = []
        self.lock = threading.Lock()

    def on_result(self, scan, _result) -> None:
        with self.lock:
            self.results.append((scan.seq, scan.code, scan.source))

    def on_status(self, status) -> None:
        with self.lock:
            self.statuses.append(status)

    def on_error(self, scan, error) -> None:
        with self.lock:
            self.errors.append((scan.code, str(error)))


def _queue(service, got: Collector, **kw) -> ScanQueue:
    return ScanQueue(
        service, got.on_result, got.on_status, got.on_error, backoff_s=(0.01, 0.02), **kw
    )


def test_scans_from_several_threads_are_handled_once_each_in_arrival_order():
    service, got = FakeService(), Collector()
    queue = _queue(service, got)
    queue.start()
    submitted: list = []
    submit_lock = threading.Lock()
    sources = ("wedge", "serial:a", "serial:b")
    start_line = threading.Barrier(len(sources), timeout=WAIT_S)

    def source(name: str) -> None:
        start_line.wait()  # all three scanners start at once
        for i in range(100):
            with submit_lock:  # so `submitted` has the true arrival order
                submitted.append(queue.submit(None, f"{name}-{i}", name))

    threads = [threading.Thread(target=source, args=(n,)) for n in sources]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not start_line.broken  # every source reached the start line
    assert queue.join_idle(WAIT_S)
    queue.stop()
    assert [code for _, code, _ in got.results] == [s.code for s in submitted]
    assert [seq for seq, _, _ in got.results] == list(range(1, 301))
    assert service.calls == [s.code for s in submitted]


def test_submitting_never_waits_for_the_database():
    service, got = FakeService(), Collector()
    service.gate.clear()  # the service is stuck in its first transaction
    queue = _queue(service, got)
    queue.start()
    queue.submit(None, "first", "wedge")
    assert service.entered.wait(WAIT_S)
    for i in range(500):
        queue.submit(None, f"c{i}", "wedge")
    assert queue.pending == 501  # all held, none handled, none lost
    service.gate.set()
    assert queue.join_idle(WAIT_S)
    queue.stop()
    assert [code for _, code, _ in got.results] == ["first"] + [f"c{i}" for i in range(500)]


def test_database_unavailable_keeps_the_scan_and_retries_in_order():
    service, got = FakeService(), Collector()
    service.down.set()
    service.gate.clear()  # A's first try is held until B and C are in the queue too
    queue = _queue(service, got)
    queue.start()
    queue.submit(None, "A", "wedge")
    assert service.entered.wait(WAIT_S)
    for code in ("B", "C"):
        queue.submit(None, code, "wedge")
    service.gate.set()
    # wait until it has retried a few times
    deadline = threading.Event()
    for _ in range(WAIT_S * 100):
        if service.calls.count("A") >= 3:
            break
        deadline.wait(0.01)
    assert service.calls.count("A") >= 3
    assert set(service.calls) == {"A"}  # B and C wait behind A: order is kept
    assert queue.waiting_for_database
    waiting = [s for s in got.statuses if s.state is QueueState.WAITING]
    assert waiting
    assert waiting[0].pending == 3
    assert "locked" in waiting[0].detail
    assert got.results == []

    service.down.clear()
    assert queue.join_idle(WAIT_S)
    queue.stop()
    assert [code for _, code, _ in got.results] == ["A", "B", "C"]
    assert got.statuses[-1].state is QueueState.OK
    assert not queue.waiting_for_database


def test_stop_while_the_database_is_away_hands_back_the_unrecorded_scans():
    service, got = FakeService(), Collector()
    service.down.set()
    queue = _queue(service, got)
    queue.start()
    queue.submit(None, "A", "wedge")
    queue.submit(None, "B", "wedge")
    assert service.entered.wait(WAIT_S)
    left = queue.stop(timeout=WAIT_S)
    assert [s.code for s in left] == ["A", "B"]
    assert got.results == []


def test_stop_finishes_the_scan_in_hand_and_drains_the_rest():
    service, got = FakeService(), Collector()
    service.gate.clear()
    queue = _queue(service, got)
    queue.start()
    queue.submit(None, "A", "wedge")
    queue.submit(None, "B", "wedge")
    assert service.entered.wait(WAIT_S)
    stopper = threading.Thread(target=lambda: got.__setattr__("left", queue.stop(timeout=WAIT_S)))
    stopper.start()
    service.gate.set()
    stopper.join(WAIT_S)
    assert got.left == []
    assert [code for _, code, _ in got.results] == ["A", "B"]


def test_stop_without_drain_leaves_the_rest_for_the_caller():
    service, got = FakeService(), Collector()
    service.gate.clear()
    queue = _queue(service, got)
    queue.start()
    for code in ("A", "B", "C"):
        queue.submit(None, code, "wedge")
    assert service.entered.wait(WAIT_S)
    stopper = threading.Thread(
        target=lambda: got.__setattr__("left", queue.stop(drain=False, timeout=WAIT_S))
    )
    stopper.start()
    service.gate.set()
    stopper.join(WAIT_S)
    assert [code for _, code, _ in got.results] == ["A"]  # the scan in hand is finished
    assert [s.code for s in got.left] == ["B", "C"]


def test_a_bug_in_one_scan_is_reported_and_does_not_block_the_station():
    service, got = FakeService(), Collector()
    service.boom.add("B")
    queue = _queue(service, got)
    queue.start()
    for code in ("A", "B", "C"):
        queue.submit(None, code, "wedge")
    assert queue.join_idle(WAIT_S)
    queue.stop()
    assert [code for _, code, _ in got.results] == ["A", "C"]
    assert got.errors == [("B", "our bug")]


def test_a_failing_callback_does_not_stop_the_queue():
    service = FakeService()
    seen: list[str] = []

    def on_result(scan, _result) -> None:
        seen.append(scan.code)
        raise ValueError("consumer bug")

    queue = ScanQueue(service, on_result)
    queue.start()
    queue.submit(None, "A", "wedge")
    queue.submit(None, "B", "wedge")
    assert queue.join_idle(WAIT_S)
    queue.stop()
    assert seen == ["A", "B"]


@pytest.fixture
def studio(engine, clock):
    return make_studio(engine, clock)


def test_a_burst_of_200_scans_reaches_the_database_in_order(studio, engine):
    codes = [f"2000000{i:05d}" for i in range(200)]
    studio.add_order("Q001", codes[:100])
    studio.add_order("Q002", codes[100:])
    service = ScanService(engine, lang="zh")
    session = studio.session("send-out")
    got = Collector()
    queue = _queue(service, got)
    queue.start()
    for code in codes:  # all at once, far faster than the database can record them
        queue.submit(session, code, "serial:test")
    assert queue.join_idle(WAIT_S * 2)
    queue.stop()
    assert [code for _, code, _ in got.results] == codes
    with engine.connect() as conn:
        logged = conn.execute(select(ScanLog.code, ScanLog.outcome).order_by(ScanLog.id)).all()
        states = set(conn.execute(select(Item.state)).scalars())
    assert [code for code, _ in logged] == codes
    assert {outcome for _, outcome in logged} == {"accepted"}
    assert states == {"sent_out"}
