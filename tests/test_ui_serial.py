"""Serial scanners in the desk window: each bound to its station, surviving unplugging,
with a real ``socat`` pty as the cable and the database checked."""

from __future__ import annotations

import pytest

from yinglou_desk.devices.serial_scanner import parse_scanner_spec
from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.ui.app import install_serial_scanners
from yinglou_desk.ui.main_window import MainWindow

from .helpers.desk import item_row

pytest_plugins = ["tests.helpers.desk_fixtures"]
WAIT_MS = 30_000


def test_two_scanners_two_stations_one_window(qtbot, ctx, ui_studio, ui_engine, clock, make_cable):
    ui_studio.add_order("SER1", ["610000000001", "610000000002"])
    ScanService(ui_engine, clock=clock).scan(ui_studio.session("send-out"), "610000000001")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    check_in, send_out = make_cable("check-in"), make_cable("send-out")
    adapters = install_serial_scanners(
        window,
        [
            parse_scanner_spec(f"{check_in.port}@9600:crlf=check-in"),
            parse_scanner_spec(f"{send_out.port}=send-out"),
        ],
    )
    try:
        qtbot.waitUntil(
            lambda: all(a.state.value == "connected" for a in adapters), timeout=WAIT_MS
        )
        qtbot.waitUntil(lambda: "已连接" in window.statusBar().currentMessage(), timeout=WAIT_MS)
        # The manager logs in by scanning a badge on the check-in scanner.
        check_in.send(ui_studio.operators["王店长"].badge_code.encode() + b"\r\n")
        qtbot.waitUntil(lambda: ctx.operator is not None, timeout=WAIT_MS)
        window.show_page("query")  # whatever page is on screen...

        check_in.send(b"610000000001\r\n")  # ...each scanner scans at its own station
        send_out.send(b"610000000002\n")
        qtbot.waitUntil(
            lambda: item_row(ui_engine, "610000000001").state == "ready", timeout=WAIT_MS
        )
        qtbot.waitUntil(
            lambda: item_row(ui_engine, "610000000002").state == "sent_out", timeout=WAIT_MS
        )

        check_in.unplug()
        qtbot.waitUntil(lambda: "正在重连" in window.statusBar().currentMessage(), timeout=WAIT_MS)
        check_in.plug()
        qtbot.waitUntil(lambda: adapters[0].state.value == "connected", timeout=WAIT_MS)
        clock.advance(seconds=30)  # a rework, and the item goes out and comes back again
        ScanService(ui_engine, clock=clock).apply(
            ui_studio.session("check-in", operator="王店长"), "610000000001", _rework()
        )
        ScanService(ui_engine, clock=clock).scan(ui_studio.session("send-out"), "610000000001")
        check_in.send(b"610000000001\r\n")  # after re-plugging, without a restart
        qtbot.waitUntil(
            lambda: item_row(ui_engine, "610000000001").state == "ready", timeout=WAIT_MS
        )
    finally:
        for adapter in adapters:
            adapter.stop()
        ctx.ops.wait()


def _rework():
    from yinglou_desk.domain.states import Action

    return Action.FLAG_REWORK


def test_a_burst_of_200_labels_through_the_desk_loses_none(
    qtbot, ctx, ui_studio, ui_engine, cable
) -> None:
    codes = [f"62{n:010d}" for n in range(200)]
    for start in range(0, 200, 10):
        ui_studio.add_order(f"BURST{start:03d}", codes[start : start + 10])
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    (adapter,) = install_serial_scanners(window, [parse_scanner_spec(f"{cable.port}=send-out")])
    try:
        qtbot.waitUntil(lambda: adapter.state.value == "connected", timeout=WAIT_MS)
        ctx.set_operator(ui_studio.operators["小李"])
        cable.send(b"".join(code.encode() + b"\r\n" for code in codes))  # one write: a burst
        qtbot.waitUntil(
            lambda: all(item_row(ui_engine, code).state == "sent_out" for code in codes[-3:]),
            timeout=120_000,
        )
        ctx.ops.wait()
        assert [item_row(ui_engine, code).state for code in codes] == ["sent_out"] * 200
        from .helpers.desk import log_rows

        logged = [row.code for row in log_rows(ui_engine) if row.station == "send-out"]
        assert logged == codes  # in arrival order, none merged or repeated
    finally:
        adapter.stop()
        ctx.ops.wait()


@pytest.mark.parametrize(
    ("spec", "port", "baud", "terminator", "station"),
    [
        ("/dev/ttyUSB0", "/dev/ttyUSB0", 9600, "any", None),
        ("COM3@115200:crlf=check-in", "COM3", 115200, "crlf", "check-in"),
        ("/dev/ttyACM0=pickup", "/dev/ttyACM0", 9600, "any", "pickup"),
        # Windows names: two-digit COM ports, and the device path Windows needs past COM9
        ("COM12", "COM12", 9600, "any", None),
        ("COM12@19200:cr=send-out", "COM12", 19200, "cr", "send-out"),
        (r"\\.\COM12@9600:lf=pickup", r"\\.\COM12", 9600, "lf", "pickup"),
    ],
)
def test_scanner_specs(spec, port, baud, terminator, station) -> None:
    config = parse_scanner_spec(spec)
    assert (config.port, config.baud, config.terminator.value, config.station) == (
        port,
        baud,
        terminator,
        station,
    )


@pytest.mark.parametrize(
    ("spec", "says"),
    [
        ("", "缺少串口名"),
        ("=check-in", "缺少串口名"),
        ("COM3@fast", "扫描枪设置无效"),
        ("COM3=kitchen", "未知站点 'kitchen'"),
        ("COM3@9600:semicolon", "扫描枪设置无效"),
    ],
)
def test_bad_scanner_specs_are_refused(spec, says) -> None:
    with pytest.raises(ValueError, match=says):
        parse_scanner_spec(spec)
