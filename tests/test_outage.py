"""Working through outages: the studio's PostgreSQL server stops (a real server of the
test's own, stopped and started with pg_ctl); the station keeps taking scans into its local
journal, says so, survives a crash meanwhile, and records them in order, exactly once, when
the server is back. A scan another PC made moot meanwhile is reported, never applied."""

from __future__ import annotations

import json
import time

import pytest
from sqlalchemy import create_engine, select, text

from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.storage.engine import make_engine
from yinglou_desk.storage.migrate import upgrade
from yinglou_desk.storage.models import Item, ScanLog

from .helpers.clock import FakeClock
from .helpers.listener import Listener
from .helpers.pg_cluster import Cluster
from .helpers.studio import make_studio

pytestmark = pytest.mark.slow


@pytest.fixture
def server():
    cluster = Cluster()
    cluster.start()
    admin = create_engine(cluster.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("CREATE DATABASE studio"))
    admin.dispose()
    yield cluster
    cluster.close()


def _states(url: str) -> dict[str, str]:
    engine = make_engine(url)
    with engine.connect() as conn:
        states = dict(conn.execute(select(Item.code, Item.state)).all())
    engine.dispose()
    return states


def _journaled(path: str) -> list[str]:
    """The codes the station's journal holds as not yet in the database."""
    pending: dict[str, str] = {}
    with open(path, encoding="utf-8") as journal:
        for line in journal:
            try:
                entry = json.loads(line)
            except ValueError:
                continue  # a line still being written
            if "done" in entry:
                pending.pop(entry["done"], None)
            elif "id" in entry:
                pending[entry["id"]] = entry["code"]
    return list(pending.values())


def _wait_for(condition, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"no {what} after {timeout} s")
        time.sleep(0.05)  # polling what is on disk, not lining anything up


def test_listen_through_a_server_outage_and_a_crash(server, cable, tmp_path) -> None:
    url = server.url.rsplit("/", 1)[0] + "/studio"
    engine = make_engine(url)
    upgrade(engine)
    studio = make_studio(engine, FakeClock())
    codes = [f"OUT{n}" for n in range(5)]
    studio.add_order("OUTAGE", codes)
    setup = ScanService(engine)
    for code in codes:
        setup.scan(studio.session("send-out", workstation="setup"), code)
    engine.dispose()
    journal = str(tmp_path / "journal.jsonl")

    listener = Listener(url, cable.port, "check-in", journal=journal)
    try:
        listener.wait_stderr("扫描枪已连接")
        cable.send(b"OUT0\r\n")
        assert listener.scans(1)[0]["outcome"] == "accepted"

        server.stop()  # the server goes away
        cable.send(b"OUT1\r\nOUT2\r\nOUT3\r\n")
        listener.wait_stderr("离线")
        _wait_for(lambda: _journaled(journal) == ["OUT1", "OUT2", "OUT3"], "journaled scans")
        assert listener.no_more_scans() == []  # nothing claimed as recorded
        listener.kill()  # and the PC crashes while offline
    finally:
        listener.kill()

    server.start()
    other_pc = make_engine(url)  # meanwhile another PC checks OUT3 in
    ScanService(other_pc).scan(studio.session("check-in", workstation="pc-2"), "OUT3")
    other_pc.dispose()

    again = Listener(url, cable.port, "check-in", journal=journal)
    try:
        again.wait_stderr("尚未同步")
        replayed = again.scans(3)
        assert [(r["code"], r["outcome"]) for r in replayed] == [
            ("OUT1", "accepted"),
            ("OUT2", "accepted"),
            ("OUT3", "refused"),  # reported: another PC moved it meanwhile
        ]
        assert "已回件" in replayed[2]["message"]
        again.wait_stderr("扫描枪已连接")
        cable.send(b"OUT4\r\n")
        assert again.scans(1)[0]["code"] == "OUT4"
        assert again.stop() == 0
    finally:
        again.kill()

    assert _states(url) == {code: "ready" for code in codes}
    engine = make_engine(url)
    with engine.connect() as conn:
        accepted = (
            conn.execute(
                select(ScanLog.code)
                .where(ScanLog.station == "check-in", ScanLog.outcome == "accepted")
                .order_by(ScanLog.id)
            )
            .scalars()
            .all()
        )
    engine.dispose()
    assert accepted == ["OUT0", "OUT3", "OUT1", "OUT2", "OUT4"]  # each once


def test_the_desk_scans_on_through_an_outage(qtbot, server, tmp_path) -> None:
    from yinglou_desk.services.scanning.journal import ScanJournal
    from yinglou_desk.ui.context import DeskContext
    from yinglou_desk.ui.stations.check_in import CheckInPage

    from .helpers.desk import ScriptedDialogs, scan_and_wait

    url = server.url.rsplit("/", 1)[0] + "/studio"
    engine = make_engine(url)
    upgrade(engine)
    studio = make_studio(engine, FakeClock())
    codes = ["DESK0", "DESK1", "DESK2"]
    studio.add_order("DESK", codes)
    for code in codes:
        ScanService(engine).scan(studio.session("send-out", workstation="setup"), code)

    journal = ScanJournal(tmp_path / "desk.jsonl")
    ctx = DeskContext(engine, dialogs=ScriptedDialogs(), workstation="desk-pc", journal=journal)
    try:
        ctx.set_operator(studio.operators["小李"])
        page = CheckInPage(ctx)
        qtbot.addWidget(page)
        page.show()
        assert scan_and_wait(qtbot, page, "DESK0").outcome.value == "accepted"

        server.stop()
        for code in ("DESK1", "DESK2"):
            page.on_scanned(code, "keyboard")
        qtbot.waitUntil(lambda: "离线 — 2 条扫描待同步" in page.panel.text(), timeout=60_000)
        assert len(journal) == 2

        server.start()
        with qtbot.waitSignal(ctx.offline.replayed, timeout=60_000) as replay:
            ctx.offline.replay()
        assert [r.code for r in replay.args[0]] == ["DESK1", "DESK2"]
        qtbot.waitUntil(lambda: "已补录" in page.panel.text(), timeout=10_000)
        assert len(journal) == 0
        assert _states(url) == {code: "ready" for code in codes}
    finally:
        ctx.stop()
        journal.close()
        engine.dispose()
