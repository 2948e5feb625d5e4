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

from yinglou_desk.services.scanning import ScanService
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.storage.models import Item, ScanLog

from .helpers.studio import make_studio

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def _worker(url: str, station: str, workstation: str, start_at: float, codes: list[str]):
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.helpers.scan_worker",
            url,
            station,
            "小李",
            workstation,
            str(start_at),
            *codes,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _results(process: subprocess.Popen) -> list[dict]:
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    lines = out.splitlines()
    assert lines[0] == "ready"
    return [json.loads(line) for line in lines[1:]]


def test_two_processes_checking_in_the_same_items(db_url, engine, clock) -> None:
    studio = make_studio(engine, clock)
    codes = [f"RACE{n:03d}" for n in range(40)]
    studio.add_order("RACE", codes)
    service = ScanService(engine, clock=clock)
    for code in codes:
        service.scan(studio.session("send-out"), code)

    start_at = time.time() + 4
    first = _worker(db_url, "check-in", "pc-A", start_at, codes)
    second = _worker(db_url, "check-in", "pc-B", start_at, codes)
    results = _results(first) + _results(second)

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
        process = _worker(db_url, "check-in", "pc-B", 0, ["HOLD1"])
        assert process.stdout.readline().strip() == "ready"
        if conn.dialect.name == "postgresql":
            _wait_for_lock_wait(conn)
        else:
            time.sleep(1.0)  # let it reach the write lock; the outcome does not depend on it
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    result = json.loads(out.splitlines()[0])
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
