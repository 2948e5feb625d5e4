"""Many PCs at full speed on one database for a minute: no transition lost or applied twice,
and "database is locked" never reaches anyone (8 processes on PostgreSQL, 2 on SQLite)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.storage.models import Item, ScanLog

from .helpers.scan_worker import GO
from .helpers.studio import make_studio

ROOT = Path(__file__).resolve().parent.parent
SECONDS = float(os.environ.get("YINGLOU_LOAD_SECONDS", "60"))
pytestmark = pytest.mark.slow


def test_many_stations_at_full_speed(db_url, engine, clock, tmp_path) -> None:
    processes = 8 if db_url.startswith("postgresql") else 2
    studio = make_studio(engine, clock)
    codes = [f"L{n:05d}" for n in range(1500)]
    scan = ScanService(engine, clock=clock, duplicate_window_s=0)
    for start in range(0, len(codes), 5):
        studio.add_order(f"LO{start:05d}", codes[start : start + 5])
    for code in codes:
        scan.scan(studio.session("send-out", workstation="setup"), code)
    codes_file = tmp_path / "codes.txt"
    codes_file.write_text("\n".join(codes))

    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.helpers.load_worker",
                db_url,
                f"pc-{n}",
                str(SECONDS),
                str(n),
                str(codes_file),
            ],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(processes)
    ]
    for worker in workers:  # the start line: every PC is ready before any of them scans
        assert worker.stdout.readline().strip() == "ready", worker.stderr.read()
    go_at = time.monotonic()
    for worker in workers:
        worker.stdin.write(f"{GO}\n")
        worker.stdin.close()
    totals: Counter[str] = Counter()
    spans = []
    for worker in workers:
        with worker.stdout, worker.stderr:
            out, err = worker.stdout.read(), worker.stderr.read()  # through readline's buffer
        assert worker.wait(SECONDS + 600) == 0, err  # nothing, not even "database is locked"
        assert "locked" not in err
        summary = json.loads(out)
        totals.update(summary["outcomes"])
        spans.append((summary["started"], summary["finished"]))
    # every PC set off after the start line opened, and all of them were scanning at once
    assert all(go_at <= started for started, _ in spans)
    assert max(started for started, _ in spans) < min(finished for _, finished in spans)

    with engine.connect() as conn:
        accepted = Counter(
            conn.execute(
                select(ScanLog.action).where(
                    ScanLog.outcome == "accepted", ScanLog.workstation.like("pc-%")
                )
            ).scalars()
        )
        per_item = conn.execute(
            select(ScanLog.code, ScanLog.action, func.count())
            .where(ScanLog.outcome == "accepted", ScanLog.workstation.like("pc-%"))
            .group_by(ScanLog.code, ScanLog.action)
            .having(func.count() > 1)
        ).all()
        states = Counter(conn.execute(select(Item.state)).scalars())
        logged = conn.execute(
            select(func.count()).select_from(ScanLog).where(ScanLog.workstation.like("pc-%"))
        ).scalar_one()
    assert per_item == []  # no transition applied twice
    assert accepted == {"check_in": len(codes), "pick_up": len(codes)}  # none lost
    assert states == {"picked_up": len(codes)}
    assert logged == sum(totals.values())  # every scan of every PC is in the log
    assert totals["check-in:accepted"] == totals["pickup:accepted"] == len(codes)
