"""帮助 → 自检 and 关于: the self-check on screen, and what program this is.

:class:`CheckupDialog` runs the same checks as ``yinglou-desk doctor`` on a worker
(a server that does not answer takes seconds; the window stays alive meanwhile) and
shows each line in colour *and* words — 正常, 注意, 故障 — with what to do under each
that is not right. 复制结果 puts the list on the clipboard as text, for staff to paste
to IT. Sound outputs are read on the GUI thread before the worker starts (Qt's media
devices belong to it); printers are read on the worker, where a slow print server
cannot freeze the desk.

Both dialogs open without blocking (``open()``), and are reachable logged out: a
studio calls IT when it cannot even log in.

Signals:
    CheckupDialog.finished_checks(list): the checks shown, once each run ends.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from yinglou_desk import __version__
from yinglou_desk.catalogue import text as t
from yinglou_desk.domain.palette import STATE_COLOURS
from yinglou_desk.services.checkup import Check, Probes, Status, plain_text, run_checks
from yinglou_desk.services.checkup.places import data_folder
from yinglou_desk.services.checkup.report import MARKS, summary
from yinglou_desk.services.settings.this_pc import settings_path
from yinglou_desk.ui.checkup_devices import printers, sound_outputs
from yinglou_desk.ui.operations import Operations
from yinglou_desk.ui.widgets.fit_label import FitLabel

# status → a colour of the palette (green, amber, red), always beside its word
STATUS_COLOURS = {Status.OK: "ready", Status.WARN: "partial", Status.FAIL: "problem"}
WIDTH, HEIGHT = 760, 560  # what the dialog asks for; a smaller screen gets less


def desk_probes() -> Probes:
    """The real PC: sound read now, on the GUI thread; printers on the worker."""
    try:
        outputs = sound_outputs()
    except Exception as error:  # noqa: BLE001 - the sound line says it could not look
        return Probes(sound_outputs=partial(_raise, error), printers=printers)
    return Probes(sound_outputs=lambda: outputs, printers=printers)


def _raise(error: Exception) -> list[str]:
    raise error


def fit_to_screen(dialog: QDialog, width: int, height: int) -> None:
    """``width`` × ``height``, or less on a smaller screen (1280×720 keeps room around)."""
    screen = dialog.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        room = screen.availableGeometry()
        width = min(width, room.width() - 40)
        height = min(height, room.height() - 60)
    dialog.resize(width, height)


class CheckupDialog(QDialog):
    """自检; see the module docstring."""

    finished_checks = Signal(list)

    def __init__(
        self,
        ops: Operations,
        url: str,
        workstation: str,
        parent: QWidget | None = None,
        probes: Callable[[], Probes] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("checkup.title"))
        self.setObjectName("checkup_dialog")
        self._ops, self._url, self._workstation = ops, url, workstation
        self._probes = probes or (lambda: desk_probes())  # looked up at each run
        self.checks: list[Check] = []
        self.heading = ""
        self.running = False
        layout = QVBoxLayout(self)
        self.status = FitLabel("", self, lines=2)
        self.status.setObjectName("checkup_status")
        self.status.setStyleSheet("QLabel { font-size: 13pt; font-weight: bold; }")
        layout.addWidget(self.status)
        self.view = QTextBrowser(self)
        self.view.setObjectName("checkup_view")
        self.view.setOpenLinks(False)
        layout.addWidget(self.view, 1)
        buttons = QHBoxLayout()
        self.again_button = QPushButton(t("checkup.again"), self)
        self.again_button.clicked.connect(self.run)
        self.copy_button = QPushButton(t("checkup.copy"), self)
        self.copy_button.clicked.connect(self.copy)
        self.copy_button.setEnabled(False)
        self.copied = QLabel("", self)
        close = QPushButton(t("checkup.close"), self)
        close.clicked.connect(self.reject)
        buttons.addWidget(self.again_button)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.copied, 1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        fit_to_screen(self, WIDTH, HEIGHT)

    def run(self) -> None:
        """Check (again) on a worker; the list stays until the new one arrives. A run
        already under way is not started twice."""
        if self.running:
            return
        self.running = True
        self.again_button.setEnabled(False)
        self.copied.setText("")
        self.status.setText(t("checkup.running"))
        self.heading = t(
            "checkup.heading",
            program=t("app.title"),
            version=__version__,
            when=datetime.now().astimezone().strftime("%Y-%m-%d %H:%M"),
            workstation=self._workstation,
        )
        url, probes = self._url, self._probes()
        self._ops.read(lambda: run_checks(url, probes), self._show, self._failed)

    def _show(self, checks: list[Check]) -> None:
        self.running = False
        self.checks = checks
        self.again_button.setEnabled(True)
        self.copy_button.setEnabled(True)
        self.status.setText(summary(checks))
        self.view.setHtml(checks_html(checks, self.heading))
        self.finished_checks.emit(checks)

    def _failed(self, error: BaseException) -> None:
        self.running = False
        self.again_button.setEnabled(True)
        self.status.setText(t("checkup.failed", error=error))

    def plain(self) -> str:
        return plain_text(self.checks, self.heading)

    def copy(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.plain())
        self.copied.setText(t("checkup.copied"))


def checks_html(checks: list[Check], heading: str) -> str:
    """The list as the dialog shows it: a coloured badge with the word, the name, what
    was found, and the advice indented under warnings and failures."""
    parts = [f"<p style='color:#555'>{escape(heading)}</p>"]
    for check in checks:
        background, foreground = STATE_COLOURS[STATUS_COLOURS[check.status]]
        badge = (
            f"<span style='background:{background}; color:{foreground}; font-weight:bold'>"
            f"&nbsp;{MARKS[check.status]} {escape(check.status_text())}&nbsp;</span>"
        )
        found = t(
            "checkup.found",
            name=f"<b>{escape(check.name_text())}</b>",
            message=escape(check.message_text()),
        )
        parts.append(f"<p style='margin:6px 0 0 0'>{badge}&nbsp; {found}</p>")
        advice = check.advice_text()
        if advice is not None and check.status is not Status.OK:
            parts.append(
                f"<p style='margin:2px 0 0 28px; color:#333'>"
                f"{escape(t('checkup.advice', advice=advice))}</p>"
            )
    return "".join(parts)


class AboutDialog(QDialog):
    """关于: the program, its version, the database in use (password hidden), this PC's
    folders and the licence — what IT asks first."""

    def __init__(self, database: str, workstation: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("checkup.about.title"))
        self.setObjectName("about_dialog")
        layout = QVBoxLayout(self)
        name = QLabel(t("app.title"), self)
        name.setStyleSheet("QLabel { font-size: 18pt; font-weight: bold; }")
        layout.addWidget(name)
        self.lines: list[str] = [
            t("checkup.about.version", version=__version__),
            t("checkup.about.database", url=database),
            t("checkup.about.workstation", name=workstation),
            t("checkup.about.config", path=settings_path().parent),
            t("checkup.about.data", path=data_folder()),
            t("checkup.about.licence"),
        ]
        for line in self.lines:
            label = FitLabel(line, self, lines=3)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)
        layout.addStretch(1)
        close = QPushButton(t("checkup.close"), self)
        close.clicked.connect(self.accept)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        fit_to_screen(self, 560, 300)
