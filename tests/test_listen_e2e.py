"""``yinglou-desk listen`` end to end: a real process reading a real pty pair from socat.

Runs on SQLite and PostgreSQL (the ``db_url`` fixture). Waits are generous
and nothing asserts a duration.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest
from sqlalchemy import select

from yinglou_desk.domain.states import ScanOutcome
from yinglou_desk.services.scanning.service import ScanResult
from yinglou_desk.storage.models import Item, ScanLog

from .helpers.listener import Listener
from .helpers.studio import make_studio

pytestmark = pytest.mark.slow

SCAN_KEYS = set(ScanResult("x", ScanOutcome.REFUSED, "", "").to_json())


@pytest.fixture
def studio(engine, clock):
    return make_studio(engine, clock)


@pytest.fixture
def start_listener(db_url, cable):
    started: list[Listener] = []

    def start(station: str = "send-out") -> Listener:
        listener = Listener(db_url, cable.port, station)
        started.append(listener)
        listener.wait_stderr("扫描枪已连接")
        return listener

    yield start
    for listener in started:
        listener.kill()


def _log(engine) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        return list(conn.execute(select(ScanLog.code, ScanLog.outcome).order_by(ScanLog.id)))


def _states(engine, codes) -> dict[str, str]:
    with engine.connect() as conn:
        rows = conn.execute(select(Item.code, Item.state).where(Item.code.in_(codes)))
        return {code: state for code, state in rows}


def test_codes_sent_down_the_wire_are_scanned_and_printed_as_scan_json(
    studio, engine, db_url, cable, start_listener
):
    studio.add_order("L001", ["300000000001", "300000000002", "300000000003"])
    listener = start_listener()

    cable.send(b"300000000001\r300000000002\n300000000003\r\n")
    cable.send(b"  unknown-code \r\n")
    lines = listener.scans(4)

    assert all(set(line) == SCAN_KEYS for line in lines)
    assert [line["code"] for line in lines] == [
        "300000000001",
        "300000000002",
        "300000000003",
        "UNKNOWN-CODE",
    ]
    assert [line["outcome"] for line in lines] == ["accepted"] * 3 + ["refused"]
    assert lines[0]["item_state"] == "sent_out"
    assert lines[0]["order_no"] == "L001"
    assert _log(engine) == [
        ("300000000001", "accepted"),
        ("300000000002", "accepted"),
        ("300000000003", "accepted"),
        ("UNKNOWN-CODE", "refused"),
    ]
    assert set(_states(engine, ["300000000001"]).values()) == {"sent_out"}

    assert listener.stop(signal.SIGINT) == 0
    assert listener.no_more_scans() == []
    assert any("已停止监听" in line for line in listener.stderr)

    # the very line `scan --json` prints for the same code (on another PC: not a repeat)
    scan = subprocess.run(
        [
            sys.executable,
            "-m",
            "yinglou_desk",
            "--db",
            db_url,
            "scan",
            "--station",
            "send-out",
            "--operator",
            "小李",
            "--json",
            "  unknown-code ",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env={**os.environ, "YINGLOU_WORKSTATION": "front-desk-pc"},
    )
    assert json.loads(scan.stdout) == lines[3]


def test_a_line_that_is_not_text_or_holds_nul_is_refused_and_the_next_codes_scan(
    studio, engine, cable, start_listener
):
    """A scanner set to the wrong code page, line noise with a NUL byte (which PostgreSQL
    refuses in text): each such line is one refused, logged scan; the reader and the queue
    go on, and the codes after it are scanned."""
    studio.add_order("N001", ["310000000001", "310000000002"])
    listener = start_listener()

    cable.send(b"\xff\xfe31\r\n310000000001\r\n\x00\xff\r\n31\x000\r\n310000000002\r\n")
    lines = listener.scans(5)

    assert [line["outcome"] for line in lines] == [
        "refused",
        "accepted",
        "refused",
        "refused",
        "accepted",
    ]
    assert [line["code"] for line in lines][1::3] == ["310000000001", "310000000002"]
    logged = _log(engine)
    assert [outcome for _, outcome in logged] == [line["outcome"] for line in lines]
    assert "\\xff\\xfe31" in logged[0][0]  # what came
    assert "\\x00" in logged[2][0]
    assert set(_states(engine, ["310000000001", "310000000002"]).values()) == {"sent_out"}
    assert listener.stop(signal.SIGINT) == 0


def test_a_burst_of_200_codes_written_at_once_loses_none(studio, engine, cable, start_listener):
    codes = [f"4000000{i:05d}" for i in range(200)]
    studio.add_order("B001", codes[:100])
    studio.add_order("B002", codes[100:])
    listener = start_listener()

    cable.send(b"".join(code.encode() + b"\r\n" for code in codes))  # one write
    lines = listener.scans(200, timeout=120)

    assert [line["code"] for line in lines] == codes
    assert {line["outcome"] for line in lines} == {"accepted"}
    assert listener.stop(signal.SIGTERM) == 0
    assert listener.no_more_scans() == []
    assert [code for code, _ in _log(engine)] == codes
    assert set(_states(engine, codes).values()) == {"sent_out"}


def test_the_listener_survives_unplug_and_replug(studio, engine, cable, start_listener):
    studio.add_order("U001", ["500000000001", "500000000002"])
    listener = start_listener()
    cable.send(b"500000000001\r")
    assert listener.scans(1)[0]["code"] == "500000000001"

    cable.unplug()
    listener.wait_stderr("扫描枪已断开")
    assert listener.process.poll() is None  # still running
    cable.plug()
    listener.wait_stderr("扫描枪已连接", occurrences=2)
    cable.send(b"500000000002\r")
    (line,) = listener.scans(1)

    assert line["code"] == "500000000002"
    assert line["outcome"] == "accepted"
    assert listener.stop(signal.SIGINT) == 0
    assert _states(engine, ["500000000001", "500000000002"]) == {
        "500000000001": "sent_out",
        "500000000002": "sent_out",
    }


def test_the_listener_waits_for_a_scanner_that_is_not_plugged_in_yet(studio, db_url, make_cable):
    studio.add_order("W001", ["600000000001"])
    pair = make_cable(plugged=False)
    listener = Listener(db_url, pair.port, "send-out")
    try:
        listener.wait_stderr("扫描枪已断开")
        pair.plug()
        listener.wait_stderr("扫描枪已连接")
        pair.send(b"600000000001\r\n")
        assert listener.scans(1)[0]["outcome"] == "accepted"
        assert listener.stop() == 0
    finally:
        listener.kill()


@pytest.mark.usefixtures("studio")
def test_an_unknown_operator_is_refused_up_front(db_url, tmp_path):
    listener = Listener(db_url, str(tmp_path / "nothing"), "send-out", operator="无此人")
    try:
        assert listener.process.wait(60) == 2
    finally:
        listener.kill()
    listener.wait_stderr("没有名为 无此人 的员工")  # YINGLOU_LANG=zh (conftest)
