"""本机设置 as staff use it: ports listed by name, values saved and shown again, refusals
said in the dialog, and a serial scanner set here scanning through a real ``socat`` pty."""

from __future__ import annotations

from pathlib import Path

from yinglou_desk.devices.serial_scanner import PortInfo
from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.services.settings.this_pc import (
    PcSettings,
    load_pc_settings,
    save_pc_settings,
    saved_pc_settings,
)
from yinglou_desk.ui.app import install_serial_scanners
from yinglou_desk.ui.dialogs.this_pc import PcSettingsDialog

from .helpers.desk import item_row, login

pytest_plugins = ["tests.helpers.desk_fixtures"]
PORTS = [
    PortInfo("/dev/ttyUSB0", "USB Serial Device", "USB VID:PID=1A86:7523"),
    PortInfo("/dev/ttyS0", "", "PNP0501"),
]


def _dialog(qtbot, path: Path, current: PcSettings | None = None, ports=PORTS):  # type: ignore[no-untyped-def]
    found = list(ports)
    dialog = PcSettingsDialog(
        current or PcSettings(), path, ports=lambda: list(found), printers=lambda: ["Office A4"]
    )
    qtbot.addWidget(dialog)
    return dialog, found


def _texts(combo) -> list[str]:  # type: ignore[no-untyped-def]
    return [combo.itemText(i) for i in range(combo.count())]


def test_ports_are_listed_by_name_and_a_new_one_appears_on_refresh(qtbot, tmp_path):
    dialog, found = _dialog(qtbot, tmp_path / "pc.json")
    row = dialog.add_scanner()
    port = dialog.scanners.cellWidget(row, 0)
    assert _texts(port) == ["/dev/ttyUSB0 — USB Serial Device", "/dev/ttyS0"]
    port.setCurrentIndex(1)

    found.append(PortInfo("/dev/ttyACM0", "Honeywell 1900", ""))  # plugged in just now
    dialog.refresh_ports()
    assert _texts(port)[-1] == "/dev/ttyACM0 — Honeywell 1900"
    assert dialog.settings().serial_scanners == ("/dev/ttyS0@9600:any",)  # choice kept


def test_what_is_saved_is_shown_again(qtbot, tmp_path):
    path = tmp_path / "cfg" / "this-pc.json"
    dialog, _ = _dialog(qtbot, path)
    dialog.gap_ms.setValue(80)
    dialog.end_tab.setChecked(False)
    dialog.prefix.setText("]C1")
    row = dialog.add_scanner()
    dialog.scanners.cellWidget(row, 1).setCurrentText("115200")
    ending = dialog.scanners.cellWidget(row, 2)
    ending.setCurrentIndex(ending.findData("crlf"))
    station = dialog.scanners.cellWidget(row, 3)
    station.setCurrentIndex(station.findData("check-in"))
    typed = dialog.add_scanner()
    dialog.scanners.cellWidget(typed, 0).setEditText("COM9")  # not plugged in yet: typed
    dialog.silent.setChecked(True)
    dialog.label_size.setCurrentText("60x40")
    dialog.label_dpi.setCurrentText("203")
    dialog.label_printer.setEditText("斑马 ZD420")
    dialog.receipt_printer.setCurrentIndex(dialog.receipt_printer.findData("Office A4"))
    dialog.save()

    expected = PcSettings(
        wedge="gap_ms=80,end=enter,prefix=]C1",
        serial_scanners=("/dev/ttyUSB0@115200:crlf=check-in", "COM9@9600:any"),
        silent=True,
        label_size="60x40",
        label_dpi=203,
        label_printer="斑马 ZD420",
        receipt_printer="Office A4",
    )
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.saved == expected
    assert saved_pc_settings(path) == expected
    again, _ = _dialog(qtbot, path, current=saved_pc_settings(path))
    assert again.settings() == expected
    assert again.gap_ms.value() == 80
    assert not again.end_tab.isChecked()


def test_unusable_settings_are_said_in_the_dialog_and_nothing_is_written(qtbot, tmp_path):
    path = save_pc_settings(PcSettings(label_size="40x30"), tmp_path / "this-pc.json")
    before = path.read_bytes()
    dialog, _ = _dialog(qtbot, path, current=saved_pc_settings(path))

    dialog.end_enter.setChecked(False)
    dialog.end_tab.setChecked(False)
    dialog.save()
    assert "至少选择一个结束键" in dialog.error.text()
    dialog.end_enter.setChecked(True)

    for _ in range(2):
        dialog.add_scanner()  # both on the first port listed
    dialog.save()
    assert "同一个串口" in dialog.error.text()
    dialog.remove_scanner()

    dialog.prefix.setText("a,b")  # a comma cannot be stripped: the scanner setting is refused
    dialog.save()
    assert "扫描枪设置无效" in dialog.error.text()
    assert dialog.saved is None
    assert dialog.result() != dialog.DialogCode.Accepted
    assert path.read_bytes() == before


def test_only_managers_see_the_button_and_sounds_change_at_once(qtbot, window, ui_studio, ctx):
    login(qtbot, window, ui_studio.operators["小李"])
    assert not window.pc_settings_button.isVisibleTo(window)
    login(qtbot, window, ui_studio.operators["王店长"])
    assert window.pc_settings_button.isVisibleTo(window)
    assert ctx.sounds.silent is False
    window.apply_pc_settings(PcSettings(silent=True))
    assert ctx.sounds.silent is True
    assert window.statusBar().currentMessage() == "本机设置已保存"


def test_a_scanner_set_here_scans_after_the_next_start(
    qtbot, tmp_path, window, ctx, ui_studio, ui_engine, clock, cable
):
    path = tmp_path / "this-pc.json"
    dialog, _ = _dialog(qtbot, path, ports=[])
    row = dialog.add_scanner()
    dialog.scanners.cellWidget(row, 0).setEditText(cable.port)  # a pty is not listed: typed
    station = dialog.scanners.cellWidget(row, 3)
    station.setCurrentIndex(station.findData("check-in"))
    dialog.save()
    assert dialog.saved is not None, dialog.error.text()

    ui_studio.add_order("PC01", ["620000000001"])
    ScanService(ui_engine, clock=clock).scan(ui_studio.session("send-out"), "620000000001")
    settings, warning = load_pc_settings(path, environ={})  # what the next start reads
    assert warning is None
    adapters = install_serial_scanners(window, settings.scanner_configs())
    try:
        qtbot.waitUntil(lambda: adapters[0].state.value == "connected", timeout=30_000)
        cable.send(ui_studio.operators["小李"].badge_code.encode() + b"\n")
        qtbot.waitUntil(lambda: ctx.operator is not None, timeout=30_000)
        cable.send(b"620000000001\r\n")
        qtbot.waitUntil(
            lambda: item_row(ui_engine, "620000000001").state == "ready", timeout=30_000
        )
    finally:
        for adapter in adapters:
            adapter.stop()


def test_qt_s_own_buttons_speak_chinese_on_a_chinese_desk(qtbot, tmp_path):
    from PySide6.QtWidgets import QDialogButtonBox

    from yinglou_desk.ui.app import make_application

    make_application()  # what the program does at start (YINGLOU_LANG=zh in the tests)
    dialog, _ = _dialog(qtbot, tmp_path / "pc.json")
    box = dialog.findChild(QDialogButtonBox)
    assert sorted(button.text() for button in box.buttons()) == sorted(["保存", "取消"])
