"""今日: what needs doing today, shown right after login.

Greets the operator by name and shows the due lists of
:func:`~yinglou_desk.services.notifications.due.due_lists` — a coloured tile with the count
of each (click to open its list) and the list itself, each row coloured with
its status in words. Customer messages are handled from here: send the queued
ones through the studio's SMS gateway (or learn how to configure it), export
them for a bulk-SMS platform, queue the reminders the studio's cadence asks for
today (those skipped — no mobile number — are named). The sixth list, 超期未取 with
the value on the shelf, is shown to managers only. Everything runs off the
GUI thread; the lists reload after a change here or on another PC, and every
few minutes because the calendar moves on its own. A tile counts every entry
of its list; a list longer than the service's cap shows its earliest entries
and says how many of how many.

Signals:
    refreshed(object): the :class:`DueLists` now on screen.
    action_done(str): the result text of a message action or an export.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from yinglou_desk.catalogue import text as t
from yinglou_desk.domain import wording
from yinglou_desk.domain.palette import STATE_COLOURS
from yinglou_desk.domain.roles import Permission, may
from yinglou_desk.services.notifications.due import LIMIT, DueLists, due_lists
from yinglou_desk.services.notifications.outbox import SendReport, export_queued, send_queued
from yinglou_desk.services.notifications.sms import HttpSmsChannel
from yinglou_desk.services.pickup.reminders import ReminderRun, queue_cadence, skipped_words
from yinglou_desk.services.settings.studio import current_settings
from yinglou_desk.ui.context import Change, DeskContext
from yinglou_desk.ui.dialogs.file_choice import file_dialogs
from yinglou_desk.ui.exports.files import choose_xlsx, model_sheet, write_xlsx
from yinglou_desk.ui.models.records_model import RecordsModel
from yinglou_desk.ui.pages.today_lists import (
    MANAGERS_ONLY,
    DueListSpec,
    due_list_specs,
    prepared,
)
from yinglou_desk.ui.widgets.columns import fit_columns
from yinglou_desk.ui.widgets.fit_label import FitLabel

RELOAD_DELAY_MS = 800
REFRESH_EVERY_MS = 5 * 60 * 1000
NO_GATEWAY = "no-gateway"


def greeting(name: str, hour: int) -> str:
    part = "morning" if hour < 12 else "afternoon" if hour < 18 else "evening"
    return t(f"today.hello.{part}", name=name)


class TodayPage(QWidget):
    refreshed = Signal(object)
    action_done = Signal(str)
    list_limit = LIMIT  # entries loaded per list (the earliest); the tiles count them all

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.lists: DueLists | None = None
        self.specs: list[DueListSpec] = due_list_specs()
        layout = QVBoxLayout(self)
        self.hello = FitLabel("", self)  # a long name is cut, never widens the window
        self.hello.setStyleSheet("QLabel { font-size: 20pt; font-weight: bold; }")
        layout.addWidget(self.hello)

        self.list_tabs = QTabWidget(self)  # the tiles below switch it
        tiles = QHBoxLayout()
        self.tiles: dict[str, QPushButton] = {}
        for index, spec in enumerate(self.specs):
            tile = QPushButton(self)
            background, foreground = STATE_COLOURS[spec.colour]
            tile.setStyleSheet(
                f"QPushButton {{ background: {background}; color: {foreground};"
                " font-size: 14pt; padding: 10px; border-radius: 6px; }"
            )
            tile.clicked.connect(lambda _=False, i=index: self.list_tabs.setCurrentIndex(i))
            tiles.addWidget(tile)
            self.tiles[spec.key] = tile
        layout.addLayout(tiles)
        # a list holds the earliest entries only; the tile counts them all, and this says so
        self.cap_note = FitLabel("", self, lines=2)
        self.cap_note.setVisible(False)
        layout.addWidget(self.cap_note)
        self.list_tabs.currentChanged.connect(lambda _i: self._show_cap_note())

        self.models: dict[str, RecordsModel] = {}
        self.views: dict[str, QTableView] = {}
        for spec in self.specs:
            model = RecordsModel(spec.columns, spec.status, self)
            view = QTableView(self)
            view.setModel(model)
            fit_columns(view)
            view.setAlternatingRowColors(True)
            self.list_tabs.addTab(view, spec.title)
            self.models[spec.key] = model
            self.views[spec.key] = view
        layout.addWidget(self.list_tabs, 1)

        buttons = QHBoxLayout()
        self.export_button = self._button(buttons, "today.export", self.export_current)
        self.send_button = self._button(buttons, "today.send", self.send_messages)
        self.export_messages_button = self._button(
            buttons, "today.export_messages", self.export_messages
        )
        self.remind_button = self._button(buttons, "uncollected.remind", self.queue_reminders)
        self.refresh_button = self._button(buttons, "today.refresh", self.refresh)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.status = FitLabel("", self, lines=3)  # a long path or error: cut, never wider
        self.status.setStyleSheet("QLabel { font-size: 12pt; }")
        layout.addWidget(self.status)
        self._show_counts()

        self._stale = True
        self._loading = False
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self._reload_if_stale)
        self._every = QTimer(self)
        self._every.setInterval(REFRESH_EVERY_MS)
        self._every.timeout.connect(self._tick)
        self._every.start()
        ctx.data_changed.connect(self._data_changed)
        ctx.operator_changed.connect(self._operator_changed)
        self._operator_changed(ctx.operator)

    def _button(self, layout: QHBoxLayout, key: str, slot: Any) -> QPushButton:
        button = QPushButton(t(key), self)
        button.clicked.connect(lambda _=False: slot())
        layout.addWidget(button)
        return button

    # -- who is here ---------------------------------------------------------------------

    def _operator_changed(self, operator: Any) -> None:
        if operator is None:
            self.hello.setText("")
            return
        self.hello.setText(greeting(operator.name, self.ctx.clock().astimezone().hour))
        self.export_button.setVisible(may(operator.role, Permission.EXPORT))
        customers = may(operator.role, Permission.PICK_UP)  # the front desk talks to customers
        for button in (self.send_button, self.export_messages_button, self.remind_button):
            button.setVisible(customers)
        for index, spec in enumerate(self.specs):
            shown = self.may_see(spec.key)
            self.tiles[spec.key].setVisible(shown)
            self.list_tabs.setTabVisible(index, shown)
            if not shown:
                self.models[spec.key].set_rows([])
                if self.list_tabs.currentIndex() == index:
                    self.list_tabs.setCurrentIndex(0)
        self._stale = True
        self._reload_if_stale()

    def may_see(self, key: str) -> bool:
        """Whether the operator may see the list ``key`` (超期未取: managers)."""
        operator = self.ctx.operator
        needed = MANAGERS_ONLY.get(key)
        return needed is None or (operator is not None and may(operator.role, needed))

    # -- loading -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Load the five lists again (off the GUI thread)."""
        if self._loading:
            self._stale = True
            return
        self._stale = False
        self._loading = True
        engine, clock, limit, actor = (
            self.ctx.engine,
            self.ctx.clock,
            self.list_limit,
            self.ctx.operator,
        )
        self.ctx.ops.read(
            lambda: due_lists(engine, clock, limit, actor), self._arrived, self._load_failed
        )

    def _arrived(self, lists: DueLists) -> None:
        self._loading = False
        self.lists = lists
        for spec in self.specs:
            rows = getattr(lists, spec.key) if self.may_see(spec.key) else []
            self.models[spec.key].set_rows(prepared(spec.key, rows))
            self.views[spec.key].resizeColumnsToContents()
        self._show_counts()
        self.refreshed.emit(lists)
        if self._stale:
            self._reload_timer.start()

    def _load_failed(self, error: BaseException) -> None:
        self._loading = False
        self.ctx.ops.report_failure(error)

    def count(self, key: str) -> int:
        """How many entries the list ``key`` has — all of them, not only those shown."""
        if self.lists is None:
            return self.models[key].rowCount()
        return self.lists.total(key)

    def _show_counts(self) -> None:
        for index, spec in enumerate(self.specs):
            n = wording.count(self.count(spec.key))
            self.tiles[spec.key].setText(f"{spec.title}\n{n}")
            self.list_tabs.setTabText(index, t("today.tab", title=spec.title, n=n))
        self._show_cap_note()

    def _show_cap_note(self) -> None:
        key = self.current_spec().key
        capped = self.lists is not None and self.lists.capped(key)
        self.cap_note.setVisible(capped)
        if capped:
            self.cap_note.setText(
                t(
                    "today.capped",
                    shown=wording.count(self.models[key].rowCount()),
                    total=wording.count(self.count(key)),
                )
            )

    def _data_changed(self, _change: Change) -> None:
        self._stale = True
        if self.isVisible():
            self._reload_timer.start()

    def _tick(self) -> None:
        self._stale = True
        if self.ctx.operator is not None:
            self.hello.setText(greeting(self.ctx.operator.name, self.ctx.clock().astimezone().hour))
        self._reload_if_stale()

    def _reload_if_stale(self) -> None:
        if (
            self._stale
            and self.ctx.operator is not None
            and (self.isVisible() or self.lists is None)
        ):
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._reload_if_stale()

    # -- export ------------------------------------------------------------------------------

    def current_spec(self) -> DueListSpec:
        return self.specs[self.list_tabs.currentIndex()]

    def export_current(self, path: Path | None = None) -> None:
        """The list on screen to .xlsx, as shown (``path`` skips the file chooser)."""
        spec = self.current_spec()
        stamp = self.ctx.clock().astimezone().strftime("%Y%m%d")
        path = path or choose_xlsx(self.ctx, self, f"{spec.title}-{stamp}.xlsx")
        if path is None:
            return
        write_xlsx(
            self.ctx,
            path,
            model_sheet(self.models[spec.key], spec.title),
            lambda saved: self._done(t("export.saved", path=saved)),
            self._action_failed,
        )

    # -- customer messages -------------------------------------------------------------

    def send_messages(self) -> None:
        """Queued messages through the SMS gateway; without one, say how to set it up."""
        engine, clock = self.ctx.engine, self.ctx.clock

        def job() -> SendReport | str:
            settings = current_settings(engine)
            try:
                channel = HttpSmsChannel(settings)
            except ValueError:
                return NO_GATEWAY
            return send_queued(engine, channel, clock)

        self.status.setText(t("today.sending"))
        # Not on the write pool: a slow gateway must never hold up the scans queued there.
        # send_queued claims each message in its own transaction, so any thread is safe.
        self.ctx.ops.read(job, self._sent, self._action_failed)

    def _sent(self, outcome: SendReport | str) -> None:
        if outcome == NO_GATEWAY:
            self.status.setText(t("today.no_gateway"))
            self.ctx.dialogs.warn(self, t("today.send"), t("today.no_gateway"))
            self.action_done.emit(t("today.no_gateway"))
            return
        assert isinstance(outcome, SendReport)
        self._done(
            t("today.sent", sent=outcome.sent, retrying=outcome.retrying, failed=outcome.failed)
        )
        self.refresh()

    def export_messages(self, path: Path | None = None) -> None:
        """Queued messages to .xlsx/.csv for a bulk-SMS platform (they count as sent)."""
        if path is None:
            stamp = self.ctx.clock().astimezone().strftime("%Y%m%d-%H%M")
            path = file_dialogs(self.ctx.dialogs).choose_save_file(
                self,
                t("today.export_messages"),
                t("today.messages_file", stamp=stamp),
                "Excel (*.xlsx);;CSV (*.csv)",
            )
            if path is None:
                return
        if path.suffix.lower() not in (".xlsx", ".csv"):
            path = path.with_suffix(".xlsx")
        if not self.ctx.dialogs.confirm(
            self, t("today.export_messages"), t("today.export_confirm")
        ):
            return
        engine, clock, target = self.ctx.engine, self.ctx.clock, path
        self.ctx.ops.write(
            lambda: export_queued(engine, target, clock),
            lambda n: self._exported_messages(n, target),
            self._action_failed,
        )

    def _exported_messages(self, count: int, path: Path) -> None:
        self._done(t("today.exported_messages", n=count, path=path))
        self.refresh()

    def queue_reminders(self) -> None:
        """The reminders the studio's cadence asks for today, each cadence day once."""
        engine, clock = self.ctx.engine, self.ctx.clock
        by = self.ctx.operator.name if self.ctx.operator else "system"
        self.ctx.ops.write(
            lambda: queue_cadence(engine, clock, by=by),
            self._reminded,
            self._action_failed,
        )

    def _done(self, text: str) -> None:
        self.status.setText(text)
        self.action_done.emit(text)

    def _reminded(self, run: ReminderRun) -> None:
        if run.skipped:
            details = t("uncollected.separator").join(skipped_words(s) for s in run.skipped[:3])
            text = t(
                "uncollected.reminded_skipped",
                n=run.queued,
                skipped=len(run.skipped),
                details=details,
            )
        else:
            text = t("uncollected.reminded", n=run.queued)
        self._done(text)
        self.refresh()

    def _action_failed(self, error: BaseException) -> None:
        self._done(t("error.failed", error=error))
        self.ctx.ops.report_failure(error)
