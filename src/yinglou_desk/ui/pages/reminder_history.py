"""查件's line of customer messages for the order on screen: ready message and reminders.

With one order on screen it reads
:func:`~yinglou_desk.services.pickup.reminders.reminders_of` off the GUI thread and
says, oldest first, what was queued when and what became of it — 到店通知, then each
reminder by its cadence day (第 7 天提醒…), sent, waiting, failed or cancelled with
the reason. With no order or several, it is hidden. It is read again whenever 查件
reads its answer again (after a change here or on another PC). Two lines at most;
the whole history is in the tooltip (:class:`FitLabel`).

Signals:
    loaded(object): the list of :class:`SentMessage` now shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from yinglou_desk.catalogue import text as t
from yinglou_desk.domain.records import OrderView
from yinglou_desk.services.pickup.reminders import SentMessage, reminders_of
from yinglou_desk.ui.context import DeskContext
from yinglou_desk.ui.widgets.fit_label import FitLabel


def _when(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%m-%d %H:%M") if moment else ""


def message_words(message: SentMessage) -> str:
    """``第 7 天提醒 03-21 10:00 已发 03-21 10:05``"""
    if message.event == "ready":
        what = t("uncollected.history.ready")
    elif message.day is not None:
        what = t("uncollected.history.day", day=message.day)
    else:
        what = t("uncollected.history.reminder")
    stage = t("uncollected.stage", stage=message.stage) if message.stage else ""
    key = f"uncollected.state.{message.state}"
    state = t(key, when=_when(message.sent_at), note=message.note or "-")
    return t(
        "uncollected.history.entry",
        what=what,
        stage=stage,
        when=_when(message.queued_at),
        state=state,
    )


def history_words(messages: Sequence[SentMessage]) -> str:
    if not messages:
        return t("uncollected.history.none")
    return t("uncollected.history.title") + t("uncollected.separator").join(
        message_words(m) for m in messages
    )


class ReminderHistory(FitLabel):
    loaded = Signal(object)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__("", parent, lines=2)
        self.ctx = ctx
        self._asked = 0  # an answer to an older question is dropped
        self.setVisible(False)

    def show_orders(self, orders: Sequence[OrderView]) -> None:
        """The history of the one order on screen; hidden for none or several."""
        self._asked += 1
        if len(orders) != 1:
            self.setText("")
            self.setVisible(False)
            return
        asked, engine, order_no = self._asked, self.ctx.engine, orders[0].order_no
        self.ctx.ops.read(
            lambda: reminders_of(engine, order_no),
            lambda found: self._arrived(found) if asked == self._asked else None,
            self.ctx.ops.report_failure,
        )

    def _arrived(self, messages: list[SentMessage]) -> None:
        self.setText(history_words(messages))
        self.setVisible(True)
        self.loaded.emit(messages)
