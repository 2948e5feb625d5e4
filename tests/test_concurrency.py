"""Two PCs scanning the same items at the same moment: exactly one transition wins.

Real processes against the real database (SQLite file, PostgreSQL server).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select, text

from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.storage.models import Item, ScanLog

from .helpers.scan_worker import GO
from .helpers.studio import make_studio

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


class _Worker:
    """Another PC in its own process (``tests.helpers.scan_worker``), held at the start line
    until :meth:`go`."""

    def __init__(self, url: str, station: str, workstation: str, codes: list[str]) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.helpers.scan_worker",
                url,
                station,
                "小李",
                workstation,
                *codes,
            ],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def expect(self, word: str) -> None:
        line = self.process.stdout.readline().strip()
        if line != word:
            self.process.kill()
            _, err = self._read_to_the_end()
            pytest.fail(f"expected {word!r} from the worker, got {line!r}: {err}")

    def go(self) -> None:
        self.process.stdin.write(f"{GO}\n")
        self.process.stdin.close()

    def finish(self) -> tuple[list[dict], dict[str, float]]:
        """Its scan results and when it scanned (``started``/``finished``, monotonic)."""
        out, err = self._read_to_the_end()
        assert self.process.wait(300) == 0, err
        *results, timing = (json.loads(line) for line in out.splitlines())
        return results, timing

    def _read_to_the_end(self) -> tuple[str, str]:
        if not self.process.stdin.closed:
            self.process.stdin.close()
        with self.process.stdout, self.process.stderr:
            return self.process.stdout.read(), self.process.stderr.read()  # through the buffer


def test_two_processes_checking_in_the_same_items(db_url, engine, clock) -> None:
    studio = make_studio(engine, clock)
    codes = [f"RACE{n:03d}" for n in range(40)]
    studio.add_order("RACE", codes)
    service = ScanService(engine, clock=clock)
    for code in codes:
        service.scan(studio.session("send-out"), code)

    workers = [_Worker(db_url, "check-in", pc, codes) for pc in ("pc-A", "pc-B")]
    for worker in workers:  # the start line: both are ready before either scans
        worker.expect("ready")
    go_at = time.monotonic()
    for worker in workers:
        worker.go()
    for worker in workers:
        worker.expect("scanning")
    (first, first_time), (second, second_time) = (worker.finish() for worker in workers)
    results = first + second

    # Both passed the start line after it opened, and their scans overlapped in time:
    # the race the test is about really took place.
    assert go_at <= first_time["started"] < second_time["finished"]
    assert go_at <= second_time["started"] < first_time["finished"]
    assert len(results) == 80
    for code in codes:
        outcomes = sorted(r["outcome"] for r in results if r["code"] == code)
        assert outcomes == ["accepted", "refused"], code
    refused_keys = {r["key"] for r in results if r["outcome"] == "refused"}
    assert refused_keys <= {"refused.already_checked_in", "refused.moved_meanwhile"}
    with engine.connect() as conn:
        states = set(conn.execute(select(Item.state).where(Item.code.in_(codes))).scalars())
        accepted = (
            conn.execute(
                select(ScanLog.code).where(
                    ScanLog.station == "check-in", ScanLog.outcome == "accepted"
                )
            )
            .scalars()
            .all()
        )
    assert states == {"ready"}
    assert sorted(accepted) == codes  # each transition logged exactly once


def test_a_scan_blocked_behind_another_pc_is_refused_with_the_reason(db_url, engine, clock) -> None:
    """Another PC holds the item mid-transaction; our scan waits, then is told it moved."""
    studio = make_studio(engine, clock)
    studio.add_order("HOLD", ["HOLD1"])
    ScanService(engine, clock=clock).scan(studio.session("send-out"), "HOLD1")

    with write_transaction(engine) as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT id FROM orders WHERE order_no = 'HOLD' FOR UPDATE"))
        conn.execute(text("UPDATE items SET state = 'ready' WHERE code = 'HOLD1'"))
        worker = _Worker(db_url, "check-in", "pc-B", ["HOLD1"])
        worker.expect("ready")
        worker.go()
        worker.expect("scanning")
        if conn.dialect.name == "postgresql":
            _wait_for_lock_wait(conn)
        else:
            _wait_for_busy_wait(worker.process.pid)
    (result,), _ = worker.finish()
    assert result["outcome"] == "refused"
    assert result["item_state"] == "ready"
    if db_url.startswith("postgresql"):
        assert result["key"] == "refused.moved_meanwhile"
        assert "另一台电脑" in result["message"]
    else:
        assert result["key"] in {"refused.moved_meanwhile", "refused.already_checked_in"}


def _wait_for_lock_wait(conn) -> None:
    other = conn.engine.connect()
    try:
        for _ in range(600):
            waiting = other.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    "AND datname = current_database()"
                )
            ).scalar_one()
            other.commit()
            if waiting:
                return
            time.sleep(0.05)
    finally:
        other.close()
    pytest.fail("the second PC never waited for the lock")


def _wait_for_busy_wait(pid: int) -> None:
    """SQLite has no view of who waits for its lock; Linux shows the process asleep in
    SQLite's busy handler, which sleeps between tries to take the write lock."""
    stat, wchan = Path(f"/proc/{pid}/stat"), Path(f"/proc/{pid}/wchan")
    if not stat.exists():
        pytest.skip("needs Linux's /proc to see a process wait for SQLite's lock")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        state = stat.read_text().rsplit(")", 1)[1].split()[0]
        where = wchan.read_text()
        if state == "S" and ("nanosleep" in where or where in ("", "0")):
            return
        time.sleep(0.005)  # polling what /proc shows, not lining anything up
    pytest.fail("the second PC never waited for the write lock")
