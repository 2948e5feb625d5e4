"""本机设置: this PC's scanners, sounds, label and receipt printers and whether phones may
scan through it (手机扫码), set by staff in one dialog.

The serial ports present are listed by name and description (re-read with
"刷新"), so a sorter picks "COM3 — USB Serial Device" instead of guessing;
a port not plugged in yet can still be typed. Nothing is saved until every
setting is usable: a refused setting is said in red inside the dialog and the
file stays as it was. Sounds, labels and the phone server take effect at once;
scanners at the next start of the program, since they are opened once at start.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from yinglou_desk.catalogue import text as t
from yinglou_desk.devices.serial_scanner import (
    DEFAULT_BAUD,
    STATION_NAMES,
    PortInfo,
    SerialConfig,
    Terminator,
    list_serial_ports,
)
from yinglou_desk.devices.wedge import ENTER, TAB, WedgeConfig
from yinglou_desk.services.labels.layout import SIZES, SUPPORTED_DPI
from yinglou_desk.services.settings.this_pc import (
    PHONE_PORTS,
    PcSettings,
    PcSettingsInvalid,
    save_pc_settings,
)

BAUD_RATES = ("9600", "19200", "38400", "57600", "115200")
_TERMINATORS = (Terminator.ANY, Terminator.CR, Terminator.LF, Terminator.CRLF)
_PORT, _BAUD, _ENDING, _STATION = range(4)


def _printer_names() -> list[str]:
    from PySide6.QtPrintSupport import QPrinterInfo

    return list(QPrinterInfo.availablePrinterNames())


def wedge_text(gap_ms: int, min_length: int, ends: list[str], prefix: str, suffix: str) -> str:
    """The ``YINGLOU_WEDGE`` form of these settings; only what differs from the defaults."""
    default = WedgeConfig()
    parts = []
    if gap_ms != round(default.max_gap_s * 1000):
        parts.append(f"gap_ms={gap_ms}")
    if min_length != default.min_length:
        parts.append(f"min={min_length}")
    if frozenset(ends) != default.terminators:
        parts.append("end=" + "+".join(ends))
    parts += [f"{key}={value}" for key, value in (("prefix", prefix), ("suffix", suffix)) if value]
    return ",".join(parts)


def scanner_spec(port: str, baud: str, ending: Terminator, station: str | None) -> str:
    """One serial scanner as ``PORT@BAUD:ENDING[=STATION]``."""
    spec = f"{port.strip()}@{baud.strip()}:{ending.value}"
    return f"{spec}={station}" if station else spec


class PcSettingsDialog(QDialog):
    """Edit and save this PC's settings; ``saved`` holds what was written."""

    def __init__(
        self,
        current: PcSettings,
        path: Path | None = None,
        parent: QWidget | None = None,
        ports: Callable[[], list[PortInfo]] = list_serial_ports,
        printers: Callable[[], list[str]] = _printer_names,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("pc.title"))
        self.path = path
        self.saved: PcSettings | None = None
        self._ports = ports
        layout = QVBoxLayout(self)
        # the phones beside the wedge scanner: both are ways to scan, and a row more would
        # make the dialog taller than a 1280×720 screen
        scanning = QHBoxLayout()
        scanning.addWidget(self._wedge_box(current.wedge_config()), 3)
        scanning.addWidget(self._phone_box(current), 2)
        layout.addLayout(scanning)
        layout.addWidget(self._serial_box(current.scanner_configs()))
        layout.addWidget(self._output_box(current, printers()))
        note = QLabel(t("pc.note"), self)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.error = QLabel("", self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("QLabel { color: #E53935; font-size: 12pt; }")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 640)

    # -- sections -----------------------------------------------------------------------------

    def _wedge_box(self, config: WedgeConfig) -> QGroupBox:
        box = QGroupBox(t("pc.wedge"), self)
        form = QFormLayout(box)
        self.gap_ms = QSpinBox(box)
        self.gap_ms.setRange(10, 500)
        self.gap_ms.setSuffix(" ms")
        self.gap_ms.setValue(round(config.max_gap_s * 1000))
        form.addRow(t("pc.gap"), self.gap_ms)
        self.min_length = QSpinBox(box)
        self.min_length.setRange(1, 40)
        self.min_length.setValue(config.min_length)
        form.addRow(t("pc.min"), self.min_length)
        ends = QHBoxLayout()
        self.end_enter = QCheckBox("Enter", box)
        self.end_enter.setChecked(ENTER in config.terminators)
        self.end_tab = QCheckBox("Tab", box)
        self.end_tab.setChecked(TAB in config.terminators)
        ends.addWidget(self.end_enter)
        ends.addWidget(self.end_tab)
        ends.addStretch(1)
        form.addRow(t("pc.ends"), ends)
        self.prefix = QLineEdit(config.prefix, box)
        form.addRow(t("pc.prefix"), self.prefix)
        self.suffix = QLineEdit(config.suffix, box)
        form.addRow(t("pc.suffix"), self.suffix)
        return box

    def _serial_box(self, scanners: list[SerialConfig]) -> QGroupBox:
        box = QGroupBox(t("pc.serial"), self)
        layout = QVBoxLayout(box)
        self.scanners = QTableWidget(0, 4, box)
        self.scanners.setHorizontalHeaderLabels(
            [t("pc.port"), t("pc.baud"), t("pc.ending"), t("pc.station")]
        )
        self.scanners.horizontalHeader().setStretchLastSection(True)
        for column, width in ((_PORT, 300), (_BAUD, 100), (_ENDING, 140)):
            self.scanners.setColumnWidth(column, width)
        layout.addWidget(self.scanners)
        buttons = QHBoxLayout()
        add = QPushButton(t("pc.add"), box)
        add.clicked.connect(lambda: self.add_scanner())
        remove = QPushButton(t("pc.remove"), box)
        remove.clicked.connect(self.remove_scanner)
        refresh = QPushButton(t("pc.refresh"), box)
        refresh.clicked.connect(self.refresh_ports)
        for button in (add, remove, refresh):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._found_ports = self._ports()
        for config in scanners:
            self.add_scanner(config)
        return box

    def _output_box(self, current: PcSettings, printers: list[str]) -> QGroupBox:
        box = QGroupBox(t("pc.output"), self)
        form = QFormLayout(box)
        self.silent = QCheckBox(t("pc.silent"), box)
        self.silent.setChecked(current.silent)
        form.addRow(t("pc.sound"), self.silent)
        self.label_size = QComboBox(box)
        self.label_size.addItems(list(SIZES))
        self.label_size.setCurrentText(current.label_size)
        form.addRow(t("pc.label_size"), self.label_size)
        self.label_dpi = QComboBox(box)
        self.label_dpi.addItems([str(dpi) for dpi in SUPPORTED_DPI])
        self.label_dpi.setCurrentText(str(current.label_dpi))
        form.addRow(t("pc.label_dpi"), self.label_dpi)
        self.label_printer = QComboBox(box)
        self.label_printer.setEditable(True)
        self.label_printer.addItem(t("pc.printer_ask"), "")
        for name in printers:
            self.label_printer.addItem(name, name)
        self._choose(self.label_printer, current.label_printer)
        form.addRow(t("pc.printer"), self.label_printer)
        # 小票打印机: the 取件单 prints straight there; none: the print preview each time.
        self.receipt_printer = QComboBox(box)
        self.receipt_printer.setEditable(True)
        self.receipt_printer.addItem(t("receipt.pc_printer_preview"), "")
        for name in printers:
            self.receipt_printer.addItem(name, name)
        self._choose(self.receipt_printer, current.receipt_printer)
        form.addRow(t("receipt.pc_printer"), self.receipt_printer)
        return box

    def _phone_box(self, current: PcSettings) -> QGroupBox:
        """手机扫码: staff phones scan through this PC, on this port."""
        box = QGroupBox(t("phone_desk.setting"), self)
        column = QVBoxLayout(box)
        self.phone_server = QCheckBox(t("phone_desk.allow"), box)
        self.phone_server.setChecked(current.phone_server)
        column.addWidget(self.phone_server)
        row = QHBoxLayout()
        row.addWidget(QLabel(t("phone_desk.port"), box))
        self.phone_port = QSpinBox(box)
        self.phone_port.setRange(PHONE_PORTS.start, PHONE_PORTS.stop - 1)
        self.phone_port.setGroupSeparatorShown(False)
        self.phone_port.setValue(current.phone_port)
        row.addWidget(self.phone_port)
        row.addStretch(1)
        column.addLayout(row)
        note = QLabel(t("phone_desk.setting_note"), box)
        note.setWordWrap(True)
        column.addWidget(note)
        column.addStretch(1)
        return box

    # -- serial scanner rows ----------------------------------------------------------------------

    def add_scanner(self, config: SerialConfig | None = None) -> int:
        """A row for one scanner (a new one: the first port listed, 9600 baud, any ending)."""
        row = self.scanners.rowCount()
        self.scanners.insertRow(row)
        port = QComboBox(self.scanners)
        port.setEditable(True)
        self._fill_ports(port, config.port if config else None)
        baud = QComboBox(self.scanners)
        baud.setEditable(True)
        baud.addItems(list(BAUD_RATES))
        baud.setCurrentText(str(config.baud if config else DEFAULT_BAUD))
        ending = QComboBox(self.scanners)
        for terminator in _TERMINATORS:
            ending.addItem(t(f"pc.ending.{terminator.value}"), terminator.value)
        self._choose(ending, (config.terminator if config else Terminator.ANY).value)
        station = QComboBox(self.scanners)
        station.addItem(t("pc.station.any"), "")
        for name in STATION_NAMES:
            station.addItem(t(f"page.{name}"), name)
        self._choose(station, (config.station if config else None) or "")
        for column, widget in (
            (_PORT, port),
            (_BAUD, baud),
            (_ENDING, ending),
            (_STATION, station),
        ):
            self.scanners.setCellWidget(row, column, widget)
        return row

    def remove_scanner(self) -> None:
        row = self.scanners.currentRow()
        if row < 0:
            row = self.scanners.rowCount() - 1
        if row >= 0:
            self.scanners.removeRow(row)

    def refresh_ports(self) -> None:
        """Read the ports again (a scanner was just plugged in); typed ports are kept."""
        self._found_ports = self._ports()
        for row in range(self.scanners.rowCount()):
            combo = self._cell(row, _PORT)
            self._fill_ports(combo, self._port_of(combo))

    def _fill_ports(self, combo: QComboBox, chosen: str | None) -> None:
        combo.clear()
        for info in self._found_ports:
            label = f"{info.device} — {info.description}" if info.description else info.device
            combo.addItem(label, info.device)
        if chosen is not None:
            self._choose(combo, chosen)
        if combo.count() == 0:
            combo.setEditText("")

    def _cell(self, row: int, column: int) -> QComboBox:
        widget = self.scanners.cellWidget(row, column)
        assert isinstance(widget, QComboBox)
        return widget

    @staticmethod
    def _port_of(combo: QComboBox) -> str:
        """The device of the listed port shown, else the text typed."""
        text = combo.currentText().strip()
        index = combo.findText(text)
        return str(combo.itemData(index)) if index >= 0 else text

    @staticmethod
    def _choose(combo: QComboBox, value: str) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)
        elif combo.isEditable():
            combo.setEditText(value)

    # -- saving ---------------------------------------------------------------------------------------

    def settings(self) -> PcSettings:
        """What the dialog shows, as settings (not yet checked)."""
        ends = [
            name for name, box in ((ENTER, self.end_enter), (TAB, self.end_tab)) if box.isChecked()
        ]
        scanners = []
        for row in range(self.scanners.rowCount()):
            port = self._port_of(self._cell(row, _PORT))
            baud = self._cell(row, _BAUD).currentText()
            ending = Terminator(self._cell(row, _ENDING).currentData())
            station = self._cell(row, _STATION).currentData() or None
            scanners.append(scanner_spec(port, baud, ending, station))
        printer = self.label_printer.currentText().strip()
        if printer == t("pc.printer_ask"):
            printer = ""
        receipt_printer = self.receipt_printer.currentText().strip()
        if receipt_printer == t("receipt.pc_printer_preview"):
            receipt_printer = ""
        return PcSettings(
            wedge=wedge_text(
                self.gap_ms.value(),
                self.min_length.value(),
                ends,
                self.prefix.text(),
                self.suffix.text(),
            ),
            serial_scanners=tuple(scanners),
            silent=self.silent.isChecked(),
            label_size=self.label_size.currentText(),
            label_dpi=int(self.label_dpi.currentText()),
            label_printer=printer,
            receipt_printer=receipt_printer,
            phone_server=self.phone_server.isChecked(),
            phone_port=self.phone_port.value(),
        )

    def save(self) -> None:
        settings = self.settings()
        problem = self._problem(settings)
        if problem:
            self.error.setText(problem)
            return
        try:
            save_pc_settings(settings, self.path)
        except PcSettingsInvalid as error:
            self.error.setText(str(error))
            return
        except OSError as error:
            self.error.setText(t("pc.not_saved", error=error))
            return
        self.saved = settings
        self.accept()

    def _problem(self, settings: PcSettings) -> str | None:
        """What the dialog itself can tell is wrong, before the settings' own checks."""
        if not (self.end_enter.isChecked() or self.end_tab.isChecked()):
            return t("pc.need_end")
        ports = [spec.partition("@")[0] for spec in settings.serial_scanners]
        if any(not port for port in ports):
            return t("pc.need_port")
        if len(set(ports)) != len(ports):
            return t("pc.port_twice")
        return None
