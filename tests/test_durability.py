"""An acknowledged scan is on disk: ``kill -9`` in the middle of a burst loses none of them
and leaves the database consistent (SQLite and PostgreSQL, a real killed process)."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys

import pytest
from sqlalchemy import select, text

from yinglou_desk.storage.engine import make_engine
from yinglou_desk.storage.models import Item, ScanLog

from .helpers.studio import make_studio

pytestmark = pytest.mark.slow


def test_kill_minus_nine_mid_burst(db_url, engine, clock) -> None:
    studio = make_studio(engine, clock)
    codes = [f"K{n:04d}" for n in range(300)]
    for start in range(0, len(codes), 10):
        studio.add_order(f"KO{start:04d}", codes[start : start + 10])

    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "yinglou_desk",
            "scan",
            "--station",
            "send-out",
            "--operator",
            "小李",
            "--json",
            "--db",
            db_url,
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "YINGLOU_WORKSTATION": "killed-pc"},
    )
    assert process.stdin is not None
    assert process.stdout is not None
    process.stdin.write("".join(code + "\n" for code in codes))
    process.stdin.flush()
    acknowledged = []
    for _ in range(60):
        acknowledged.append(json.loads(process.stdout.readline()))
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    for stream in (process.stdin, process.stdout, process.stderr):
        with contextlib.suppress(BrokenPipeError):
            stream.close()

    fresh = make_engine(db_url)  # a new connection, as after a restart
    with fresh.connect() as conn:
        if conn.dialect.name == "sqlite":
            assert conn.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
        states = dict(conn.execute(select(Item.code, Item.state)).all())
        logged = conn.execute(
            select(ScanLog.code, ScanLog.to_state)
            .where(ScanLog.outcome == "accepted")
            .order_by(ScanLog.id)
        ).all()
    fresh.dispose()

    assert all(line["outcome"] == "accepted" for line in acknowledged)
    for line in acknowledged:  # every acknowledged scan is there
        assert states[line["code"]] == "sent_out"
    last_logged = {code: state for code, state in logged}
    for code, state in states.items():  # no half-applied transition anywhere
        assert state == last_logged.get(code, "registered"), code
    assert len(logged) == len(last_logged)  # nothing applied twice
    assert len(acknowledged) <= len(last_logged) < len(codes)  # killed mid-burst
