"""Customer messages through a real HTTP SMS gateway on 127.0.0.1: none lost, none sent twice."""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import select

from yinglou_desk.services.notifications.outbox import export_queued, send_queued
from yinglou_desk.services.notifications.sms import HttpSmsChannel
from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.services.settings.studio import SettingRefused, load_settings, save_settings
from yinglou_desk.services.staff.audit import command_line_actor
from yinglou_desk.storage.models import Notification

from .helpers.studio import make_studio

CLI = command_line_actor()  # these tests act as the command line does


class Gateway:
    """A stand-in SMS provider: fails the first ``failures`` requests, then accepts."""

    def __init__(self, failures: int = 0, status: int = 500) -> None:
        self.failures = failures
        self.status = status
        self.requests: list[dict] = []
        self.accepted: Counter[str] = Counter()
        self.lock = threading.Lock()


@pytest.fixture
def gateway() -> Iterator[tuple[Gateway, str]]:
    state = Gateway()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # the http.server API
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            with state.lock:
                state.requests.append({"body": body, "auth": self.headers.get("X-Api-Key")})
                failing = state.failures > 0
                if failing:
                    state.failures -= 1
                else:
                    state.accepted[body["id"]] += 1
            self.send_response(state.status if failing else 200)
            self.end_headers()
            self.wfile.write(b'{"ok": %s}' % (b"false" if failing else b"true"))

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state, f"http://127.0.0.1:{server.server_address[1]}/sms"
    server.shutdown()
    server.server_close()


@pytest.fixture
def ready_orders(engine, clock):
    studio = make_studio(engine, clock)
    save_settings(
        engine, {"studio": "花漾影楼", "address": "人民路 8 号"}, actor=CLI
    )  # used when queued
    scan = ScanService(engine, clock=clock)
    for n, phone in enumerate(["13800000001", "13800000002", "13800000003"]):
        studio.add_order(f"N{n}", [f"N{n}A"], customer=f"客户{n}", phone=phone)
        scan.scan(studio.session("send-out"), f"N{n}A")
        scan.scan(studio.session("check-in"), f"N{n}A")
    return studio


def _states(engine) -> list[str]:
    with engine.connect() as conn:
        return conn.execute(select(Notification.state).order_by(Notification.id)).scalars().all()


def _configure(engine, url: str, **extra) -> HttpSmsChannel:
    settings = save_settings(
        engine,
        {
            "sms_url": url,
            "sms_headers": {"X-Api-Key": "k-123"},
            "sms_backoff_seconds": 30,
            **extra,
        },
        actor=CLI,
    )
    return HttpSmsChannel(settings)


@pytest.mark.usefixtures("ready_orders")
def test_a_gateway_that_fails_then_recovers(engine, clock, gateway) -> None:
    state, url = gateway
    state.failures = 4
    channel = _configure(engine, url)
    assert _states(engine) == ["queued"] * 3

    rounds = 0
    while "queued" in _states(engine) and rounds < 20:
        send_queued(engine, channel, clock)
        clock.advance(minutes=10)  # past any back-off
        rounds += 1
    assert _states(engine) == ["sent"] * 3
    assert len(state.accepted) == 3
    assert set(state.accepted.values()) == {1}  # none twice
    assert len(state.requests) == 3 + 4  # every failure was retried, nothing more
    first = state.requests[-1]["body"]
    assert first["phone"].startswith("138000000")
    assert first["message"].startswith("【花漾影楼】")
    assert "人民路 8 号" in first["message"]
    assert state.requests[0]["auth"] == "k-123"
    # Nothing more goes out on later rounds.
    send_queued(engine, channel, clock)
    assert len(state.requests) == 7


@pytest.mark.usefixtures("ready_orders")
def test_back_off_waits_before_retrying(engine, clock, gateway) -> None:
    state, url = gateway
    state.failures = 100
    channel = _configure(engine, url)
    send_queued(engine, channel, clock)
    assert len(state.requests) == 3
    send_queued(engine, channel, clock)  # too early: no new attempts
    assert len(state.requests) == 3
    clock.advance(seconds=31)
    send_queued(engine, channel, clock)
    assert len(state.requests) == 6
    with engine.connect() as conn:
        errors = conn.execute(select(Notification.last_error)).scalars().all()
    assert all("500" in e for e in errors)


@pytest.mark.usefixtures("ready_orders")
def test_a_refusal_by_the_gateway_is_final_with_its_reason(engine, clock, gateway) -> None:
    state, url = gateway
    state.failures, state.status = 100, 401
    send_queued(engine, _configure(engine, url), clock)
    assert _states(engine) == ["failed"] * 3
    clock.advance(hours=1)
    send_queued(engine, _configure(engine, url), clock)
    assert len(state.requests) == 3


@pytest.mark.usefixtures("ready_orders")
def test_an_unreachable_gateway_is_retried(engine, clock) -> None:
    channel = _configure(engine, "http://127.0.0.1:9/sms", sms_max_attempts=2)
    send_queued(engine, channel, clock)
    assert _states(engine) == ["queued"] * 3
    clock.advance(minutes=5)
    send_queued(engine, channel, clock)
    assert _states(engine) == ["failed"] * 3  # gave up after two attempts, with the reason


@pytest.mark.usefixtures("ready_orders")
def test_an_interrupted_send_is_not_resent_blindly(engine, clock, gateway) -> None:
    state, url = gateway
    channel = _configure(engine, url)

    def crash(_message) -> None:
        raise KeyboardInterrupt  # the program dies while the gateway is being called

    with pytest.raises(KeyboardInterrupt):
        send_queued(engine, crash, clock)
    assert _states(engine)[0] == "sending"
    clock.advance(minutes=11)
    send_queued(engine, channel, clock)
    assert _states(engine) == ["failed", "sent", "sent"]
    assert len(state.accepted) == 2


@pytest.mark.usefixtures("ready_orders")
def test_export_for_a_bulk_sms_platform(engine, clock, tmp_path) -> None:
    path = tmp_path / "sms.csv"
    assert export_queued(engine, path, clock) == 3
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "手机号,短信内容,订单号"
    assert len(lines) == 4
    assert _states(engine) == ["sent"] * 3
    assert export_queued(engine, tmp_path / "again.csv", clock) == 0


def test_settings_round_trip(engine) -> None:
    with engine.connect() as conn:
        assert load_settings(conn).uncollected_days == 7
    assert save_settings(engine, {"uncollected_days": 5}, actor=CLI).uncollected_days == 5
    with pytest.raises(SettingRefused) as refused:
        save_settings(engine, {"nope": 1}, actor=CLI)
    assert refused.value.key == "settings.unknown"


def test_export_as_xlsx_keeps_formula_like_text_as_text(engine, clock, tmp_path) -> None:
    from openpyxl import load_workbook

    studio = make_studio(engine, clock)
    studio.add_order("=HYPERLINK(1)", ["F1"], customer="=cmd|x")
    scan = ScanService(engine, clock=clock)
    scan.scan(studio.session("send-out"), "F1")
    scan.scan(studio.session("check-in"), "F1")
    path = tmp_path / "sms.xlsx"
    assert export_queued(engine, path, clock) == 1
    sheet = load_workbook(path).worksheets[0]
    assert [c.value for c in sheet[1]] == ["手机号", "短信内容", "订单号"]
    assert sheet["C2"].data_type == "s"
    assert sheet["C2"].value == "=HYPERLINK(1)"
    assert sheet["C2"].quotePrefix
