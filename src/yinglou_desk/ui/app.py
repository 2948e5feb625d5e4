"""Starting the window: one QApplication, Chinese fonts and texts by default, then login.

``YINGLOU_LANG=en`` switches every label and message to English, Qt's own
dialogs included. ``YINGLOU_DEBUG=1`` lets Qt's sound-library chatter through. For the
end-to-end test and the documentation, ``YINGLOU_GRAB_DIR`` makes the window
save a picture of itself (``QWidget.grab``) whenever the page or a scan
result changes, so a run can be checked without a screen reader.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from yinglou_desk import __version__, catalogue
from yinglou_desk.catalogue import ZH, current_language
from yinglou_desk.catalogue import text as t
from yinglou_desk.devices.serial_scanner import SerialConfig
from yinglou_desk.devices.wedge import WedgeConfig
from yinglou_desk.domain.codes import InvalidCode, is_badge_code, normalize_code
from yinglou_desk.services.checkup.fonts import CJK_FONTS
from yinglou_desk.services.database import Database
from yinglou_desk.services.scanning.journal import JournalBusy, ScanJournal, journal_path
from yinglou_desk.services.scanning.service import ScanResult
from yinglou_desk.services.settings.this_pc import PcSettings
from yinglou_desk.services.settings.workstation import this_workstation
from yinglou_desk.ui.context import DeskContext
from yinglou_desk.ui.main_window import MainWindow
from yinglou_desk.ui.qt_language import claim_system_locale, speak_the_program_language
from yinglou_desk.ui.quiet_start import quiet_qt
from yinglou_desk.ui.scanning.focus_keeper import FocusKeeper
from yinglou_desk.ui.scanning.input import ScanInputFilter, SerialScannerAdapter

log = logging.getLogger(__name__)
GRAB_ENV = "YINGLOU_GRAB_DIR"


def make_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, quiet (:mod:`.quiet_start`) and speaking the program's
    language down to Qt's own dialogs and dates (:mod:`.qt_language`)."""
    existing = QApplication.instance()
    if existing is None:
        claim_system_locale()  # first of all: Qt reads it once, even setFilterRules does
    quiet_qt()  # before Qt Multimedia or the platform plugin say anything
    app = existing or QApplication(argv if argv is not None else sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("yinglou-desk")
    # with the version: Qt adds the display name to every window title that does not end
    # with it, so the window's own title (name and version) is shown once, as it is
    app.setApplicationDisplayName(f"{t('app.title')} {__version__}")
    speak_the_program_language(app)
    if current_language() == ZH:
        font = QFont(app.font())
        font.setFamilies([*CJK_FONTS, *font.families()])
        font.setPointSize(max(font.pointSize(), 11))
        app.setFont(font)
    return app


BACKUP_CHECK_MS = 60 * 60 * 1000


def open_window(
    engine: Database, station: str | None = None, pc: PcSettings | None = None
) -> MainWindow:
    workstation = this_workstation()
    pc = pc or PcSettings()
    ctx = DeskContext(
        engine, workstation=workstation, journal=_open_journal(workstation), silent=pc.silent
    )
    window = MainWindow(ctx, start_station=station)
    window.phones.apply(pc)  # 允许手机扫码: the phone server starts with the desk
    FocusKeeper(window, window.scan_field)  # a closed dialog gives the scan field focus back
    ctx.start_remote_watch()
    _keep_daily_backups(ctx, window)
    if ctx.offline is not None:
        ctx.offline.pending_changed.connect(partial(_show_offline, window))
        ctx.offline.replayed.connect(partial(_show_replayed, window))
    grab_dir = os.environ.get(GRAB_ENV)
    if grab_dir:
        _save_pictures(window, Path(grab_dir))
    return window


def run(
    engine: Database,
    station: str | None = None,
    serial: Sequence[SerialConfig] = (),
    pc: PcSettings | None = None,
    warning: str | None = None,
) -> int:
    """The desk with this PC's settings (:mod:`~yinglou_desk.services.settings.this_pc`);
    ``warning`` (a damaged settings file) is shown in the status bar until the next message.

    The database is held (:mod:`~yinglou_desk.storage.in_use`) for the life of the
    window, so a restore refuses while it is open; raises
    :class:`~yinglou_desk.storage.in_use.DatabaseRestoring` while one runs."""
    from yinglou_desk.services.database import hold_database

    url = engine.url.render_as_string(hide_password=False)
    with hold_database(url, "desk", this_workstation()):
        pc = pc or PcSettings()
        app = make_application()
        window = open_window(engine, station, pc)
        scan_filter = install_scanner(app, window, pc.wedge_config())
        scanners = install_serial_scanners(window, serial)
        window.show()
        window.scan_field.setFocus()
        if warning:
            window.statusBar().showMessage(warning)
        try:
            return app.exec()
        finally:
            for scanner in scanners:
                scanner.stop()
            scan_filter.uninstall()
            window.ctx.stop()
            window.phones.stop_now()  # closed with the window already; never left listening


def install_serial_scanners(
    window: MainWindow, configs: Sequence[SerialConfig]
) -> list[SerialScannerAdapter]:
    """Serial scanners, each bound to its station (or to the page on screen).

    A scanner bound to a station scans there whatever page is shown, so the
    check-in scanner keeps working while the desk answers a phone query. Its
    state is shown in the status bar ("扫描枪已断开，正在重连…").
    """
    adapters = []
    for config in configs:
        adapter = SerialScannerAdapter(config, parent=window)
        adapter.scanned.connect(partial(_route_serial_scan, window, config.station))
        adapter.state_changed.connect(partial(_show_scanner_state, window))
        adapter.start()
        adapters.append(adapter)
    return adapters


def _route_serial_scan(window: MainWindow, station: str | None, code: str, source: str) -> None:
    page = window.scan_pages.get(station) if station else None
    try:
        badge = is_badge_code(normalize_code(code))
    except InvalidCode:
        badge = False
    if page is None or badge or window.ctx.operator is None:
        window.on_scanned(code, source)
    else:
        page.on_scanned(code, source)


def _show_scanner_state(window: MainWindow, source: str, state: str, detail: str) -> None:
    port = source.removeprefix("serial:")
    key = f"scanners.desk.{state}"
    if not catalogue.has(key):
        window.statusBar().showMessage(f"{port}: {state}")
        return
    reason = catalogue.text("scanners.reason", detail=detail) if detail else ""
    window.statusBar().showMessage(catalogue.text(key, port=port, reason=reason))


def install_scanner(
    app: QApplication, window: MainWindow, config: WedgeConfig | None = None
) -> ScanInputFilter:
    """The app-wide keyboard-wedge filter: scans caught wherever focus is.

    ``config`` tunes it to this PC's scanner (本机设置 or ``YINGLOU_WEDGE``).
    """
    scan_filter = ScanInputFilter(config, parent=window)
    scan_filter.scanned.connect(window.on_scanned)
    scan_filter.install(app)
    return scan_filter


def _show_offline(window: MainWindow, pending: int) -> None:
    """The window-wide word on offline scans, whatever page is shown."""
    if pending:
        window.statusBar().showMessage(t("offline.pending", n=pending))
    else:
        window.statusBar().clearMessage()


def _show_replayed(window: MainWindow, results: list[ScanResult]) -> None:
    refused = [r for r in results if r.outcome.value == "refused"]
    if refused:  # stays until the next message: someone must see it
        lines = "；".join(f"{r.code}：{r.message}" for r in refused[:3])
        window.statusBar().showMessage(t("offline.refused", n=len(refused)) + " " + lines)
    else:
        window.statusBar().showMessage(t("offline.synced", n=len(results)), 15000)


def _open_journal(workstation: str) -> ScanJournal | None:
    """This PC's offline journal; a second desk on the same PC goes without one."""
    try:
        return ScanJournal(journal_path(f"desk-{workstation}"))
    except JournalBusy:
        log.warning("offline journal in use by another desk on this PC; scanning without it")
        return None


def _keep_daily_backups(ctx: DeskContext, window: MainWindow) -> None:
    """A SQLite studio gets one backup a day while the program runs (now, then hourly checks)."""
    from yinglou_desk.services.database import daily_backup_if_due

    url = ctx.engine.url.render_as_string(hide_password=False)

    def check() -> None:
        ctx.ops.read(lambda: daily_backup_if_due(url), lambda _path: None)

    timer = QTimer(window)
    timer.setInterval(BACKUP_CHECK_MS)
    timer.timeout.connect(check)
    timer.start()
    QTimer.singleShot(5000, check)


def _save_pictures(window: MainWindow, directory: Path) -> None:
    """Save ``NN-page.png`` shortly after each page change or scan (for tests and docs)."""
    directory.mkdir(parents=True, exist_ok=True)
    counter = [0]

    def save() -> None:
        counter[0] += 1
        name = f"{counter[0]:02d}-{window.current_page_name()}.png"
        window.grab().save(str(directory / name))

    def soon(*_: object) -> None:
        QTimer.singleShot(400, save)

    window.page_changed.connect(soon)
    for page in window.pages.values():
        signal = getattr(page, "scan_handled", None)
        if signal is not None:
            signal.connect(soon)
