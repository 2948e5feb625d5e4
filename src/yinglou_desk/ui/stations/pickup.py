"""取件: scan any label of the order (or find it by phone/name), see all items, hand over.

A scan here looks the order up — it does not hand anything over by itself —
because the customer is handed the whole set at once: "hand over all ready"
(F8) picks up every ready item of the order through the scan service, each
validated and logged like a scan, in one transaction: all of them or none. If anything is still missing the operator
is asked first (through the dialog service), with exactly what is missing and
when it is due back.

"Hand over" pressed while a scanned label is still being looked up waits for
that lookup (:meth:`StationPage.after_answers`): it hands over the order just
scanned, never the previous customer's order that is still on screen.

The headline says in words and colour how ready the order is: all ready
(green), partly ready (amber), nothing ready yet (blue), nothing to collect
(teal), not found (red). A scanned label that names no order clears the order
on screen — F8 then has nothing to hand over — and the shown orders are read
again whenever one of their items moves (an undo, another page, another PC).

Money and proof (the counter): the balance stands beside the customer in red
words (尾款 ¥… 未付), green when paid. F8 on an order that owes money, or in a
studio that wants a signature, opens the counter dialog through the dialog
service: the balance taken in full (or with a manager's waiver of the rest)
hands over; less is taken as a payment only and the new balance is shown;
cancelled, nothing is handed over. Every hand-over prints its receipt (取件单)
through the print preview; the last one can be printed again or saved as PDF.

Signals:
    counter_done(object): the :class:`~yinglou_desk.ui.stations.counter_links.Settled`
        outcome of F8 (or the error that refused it).
    receipt_done(str): what became of a receipt (printed, not printed, saved).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from yinglou_desk import catalogue
from yinglou_desk.catalogue import text as t
from yinglou_desk.domain.money import yuan
from yinglou_desk.domain.roles import Permission, may
from yinglou_desk.domain.states import ItemState, Station
from yinglou_desk.domain.wording import WordedError
from yinglou_desk.services.clock import local_date
from yinglou_desk.services.orders.query import OrderView, find_orders
from yinglou_desk.services.pickup.counter import receipt_no
from yinglou_desk.services.settings.studio import current_settings
from yinglou_desk.ui.context import Change, DeskContext
from yinglou_desk.ui.dialogs.collect import CounterAnswer, CounterRequest
from yinglou_desk.ui.dialogs.order_edit import open_order_editor
from yinglou_desk.ui.pages.order_panel import OrderPanel
from yinglou_desk.ui.printing.printer import exec_dialog
from yinglou_desk.ui.stations.base import StationPage
from yinglou_desk.ui.stations.counter_links import CounterLinks, Settled, settle
from yinglou_desk.ui.stations.lookup import names_code
from yinglou_desk.ui.widgets.balance import BalanceLabel, balance_words
from yinglou_desk.ui.widgets.colours import item_state_text, progress_text
from yinglou_desk.ui.widgets.receipt_buttons import ReceiptButtons

_NOT_BACK = {ItemState.REGISTERED.value, ItemState.SENT_OUT.value, ItemState.REWORK.value}


def missing_lines(order: OrderView) -> list[str]:
    """One line per item the customer cannot take today, with its due date if known."""
    lines = []
    for item in order.items:
        if item.state not in _NOT_BACK:
            continue
        due = t("pickup.due", date=item.expected_return.isoformat()) if item.expected_return else ""
        lines.append(
            t(
                "pickup.missing_line",
                product=item.product,
                state=item_state_text(item.state, item.overdue),
                due=due,
            )
        )
    return lines


class PickupPage(StationPage):
    station = Station.PICKUP
    counter_done = Signal(object)
    receipt_done = Signal(str)
    # how the print preview is shown; tests replace it so nothing blocks
    run_print_dialog: Callable[[QPrintPreviewDialog], int] = staticmethod(exec_dialog)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.links = CounterLinks()  # the counter's services; tests pass stand-ins
        self.query: str | None = None
        self._headline = ""  # the readiness headline on the panel, while it is there
        self._shown = 0  # bumped whenever other orders (or none) are put on screen
        row = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(t("pickup.search"))
        self.search.returnPressed.connect(self._search_typed)
        row.addWidget(self.search, 1)
        find = QPushButton(t("pickup.find"), self)
        find.clicked.connect(self._search_typed)
        row.addWidget(find)
        self.hand_over_button = QPushButton(t("pickup.hand_over"), self)
        self.hand_over_button.clicked.connect(self.hand_over)
        self.hand_over_button.setMinimumHeight(44)
        row.addWidget(self.hand_over_button)
        self.edit_button = QPushButton(t("edit.button"), self)
        self.edit_button.clicked.connect(self.edit_order)
        row.addWidget(self.edit_button)
        self.layout_.addLayout(row)
        money = QHBoxLayout()
        self.balance = BalanceLabel(self)
        money.addWidget(self.balance, 1)
        self.receipts = ReceiptButtons(
            ctx, self, lambda: self.links, lambda: type(self).run_print_dialog
        )
        self.receipts.done.connect(self.receipt_done)
        for widget in self.receipts.widgets():
            money.addWidget(widget)
        self.layout_.addLayout(money)
        self.order_panel = OrderPanel(self)
        self.layout_.addWidget(self.order_panel, 1)

    def session_started(self) -> None:
        allowed = self.session is not None and may(self.session.operator.role, Permission.PICK_UP)
        self.hand_over_button.setVisible(allowed)
        self.edit_button.setVisible(
            self.session is not None and may(self.session.operator.role, Permission.EDIT_CUSTOMERS)
        )

    def edit_order(self) -> None:
        """修改订单资料 for the order on screen (a new promised date, a new phone number)."""
        order = self.target_order()
        if order is None or self.session is None:
            return
        open_order_editor(self.ctx, order.order_no, self, lambda _changed: self._refind())

    def _refind(self) -> None:
        """After a correction: this page shows it, and the other screens (今日, board) hear of it."""
        if self.query:
            self.look_up(self.query, scanned=False)
        self.ctx.announce()

    # -- finding the order ----------------------------------------------------------------

    def on_scanned(self, code: str, _source: str) -> None:
        self.look_up(code, scanned=True)

    def _search_typed(self) -> None:
        self.look_up(self.search.text(), scanned=False)

    def look_up(self, query: str, scanned: bool = False) -> None:
        query = query.strip()
        if not query:
            return
        self.query = query
        engine, today = self.ctx.engine, local_date(self.ctx.clock())
        self.expect_answer()
        self.ctx.ops.read(
            lambda: find_orders(engine, query, today),
            self.answered(lambda orders: self._found(query, orders, scanned)),
            self.answered(self._lookup_failed),
        )

    def _lookup_failed(self, error: BaseException) -> None:
        self._forget_orders()  # what is on screen is not the answer to this query
        self._failed(error)

    def _found(self, query: str, orders: list[OrderView], scanned: bool) -> None:
        if scanned and not names_code(query, orders):
            orders = []  # a label of no order is not a phone tail or a name
        if not orders:
            self._forget_orders()
            text = catalogue.text("refused.unknown_code", code=query) if scanned else None
            self.panel.show_message("problem", text or t("query.none", q=query))
            if scanned:
                self.ctx.sounds.play("refused")
            return
        self._shown += 1
        self.order_panel.set_orders(orders, highlight=query.upper() if scanned else None)
        self.balance.show_orders(orders)
        self._show_headline(orders)

    def _show_headline(self, orders: list[OrderView]) -> None:
        colour, words = readiness(orders)
        self._headline = "\n".join([words, *(_headline(o) for o in orders[:3])])
        self.panel.show_message(colour, self._headline)

    # -- the truth on screen ----------------------------------------------------------------

    def _forget_orders(self) -> None:
        self._shown += 1
        self._headline = ""
        self.order_panel.clear()
        self.balance.show_orders([])

    def clear_shown(self) -> None:
        self._forget_orders()
        self.query = None
        self.search.clear()
        self.receipts.forget()  # the next operator does not reprint the last customer's

    def refresh_shown(self, change: Change) -> None:
        """Something moved (undo, another page, another PC): read the orders on screen again.

        An order on screen carries no id to match the change against, and the look-up
        is one indexed query, so any change reads them again."""
        query = self.query
        if not query or not self.order_panel.orders:
            return
        engine, today, generation = self.ctx.engine, local_date(self.ctx.clock()), self._shown

        def arrived(orders: list[OrderView]) -> None:
            if generation != self._shown:  # shown meanwhile, maybe from an older read
                self.refresh_shown(change)
                return
            headline_shown = bool(self._headline) and self.panel.text() == self._headline
            self.order_panel.show_again(orders)
            self.balance.show_orders(orders)
            if headline_shown and orders:
                self._show_headline(orders)

        self.ctx.ops.read(lambda: find_orders(engine, query, today), arrived)

    # -- handing over -----------------------------------------------------------------------

    def target_order(self) -> OrderView | None:
        return self.order_panel.target_order()

    def hand_over(self) -> None:
        # the order on screen may still be the previous customer's
        self.after_answers(self._hand_over_shown_order)

    def _hand_over_shown_order(self) -> None:
        order, session = self.target_order(), self.session
        if order is None or session is None:
            return
        ready = [i.code for i in order.items if i.state == ItemState.READY.value]
        if not ready:
            self.panel.show_message("problem", t("pickup.nothing_ready"))
            return
        missing = missing_lines(order)
        if missing and not self.ctx.dialogs.confirm(
            self,
            t("pickup.confirm_title"),
            t("pickup.confirm_text", ready=len(ready), missing="\n".join(missing)),
        ):
            self.panel.show_message("overdue", t("pickup.cancelled"))
            return
        engine, generation = self.ctx.engine, self._shown
        self.ctx.ops.read(
            lambda: current_settings(engine).signature_at_pickup,
            lambda signature: self._ask_counter(order, ready, signature, generation),
            self._failed,
        )

    def _ask_counter(
        self, order: OrderView, ready: list[str], signature: bool, generation: int
    ) -> None:
        """The counter dialog when money is owed or a signature wanted; then the job."""
        session = self.session
        if session is None or generation != self._shown:
            return  # logged out, or another order came on screen meanwhile
        answer: CounterAnswer | None = CounterAnswer()
        if order.due > 0 or signature:
            request = CounterRequest(
                order.order_no, order.customer, order.due, len(ready), signature, session.operator
            )
            answer = self.ctx.dialogs.counter(self, request)
        if answer is None:
            key, amount = "pickup.cancelled", order.due
            if amount > 0:
                key = "pickup_desk.not_handed_owed"
            self.panel.show_message("overdue", t(key, amount=yuan(amount)))
            return
        links, engine, service, due = self.links, self.ctx.engine, self.ctx.service, order.due
        order_no, today = order.order_no, local_date(self.ctx.clock())
        self.ctx.ops.write(
            lambda: settle(links, engine, service, session, order_no, ready, due, answer, today),
            self._settled,
            self._refused,
        )

    def _refused(self, error: BaseException) -> None:
        """Nothing was recorded: a balance still owed, a wrong manager's password..."""
        if isinstance(error, WordedError):
            self.panel.show_message("problem", str(error))
            self.ctx.sounds.play("refused")
        else:
            self._failed(error)
        self.counter_done.emit(error)

    def _settled(self, outcome: Settled) -> None:
        self._shown += 1
        self.order_panel.set_orders(outcome.orders)
        self.balance.show_orders(outcome.orders)
        collected = outcome.collected
        method = catalogue.name("pickup_desk.method", outcome.method)
        if collected is None:  # a payment only
            due = outcome.orders[0].due if outcome.orders else 0
            text = t(
                "pickup_desk.payment_taken",
                amount=yuan(outcome.taken),
                method=method,
                due=yuan(due),
            )
            self.panel.show_message("partial", text)
            self.ctx.announce()
        elif collected.handed.done and collected.handover_id is not None:
            self._handed(outcome, collected.handover_id, method)
        else:
            handed = collected.handed
            lines = [r.message for r in handed.refused[:3]]
            self.panel.show_message("problem", "\n".join([t("pickup.not_handed"), *lines]))
            self.ctx.sounds.play("refused")
        if collected is not None:
            results = collected.handed.results
            self.announce_fresh({r.order_id for r in results if r.order_id is not None})
            for result in results:
                self.scan_handled.emit(result)
        self.counter_done.emit(outcome)

    def _handed(self, outcome: Settled, handover_id: int, method: str) -> None:
        assert outcome.collected is not None
        n, receipt = len(outcome.collected.handed.results), receipt_no(handover_id)
        words = [t("pickup.handed", n=n)]  # nothing paid: as it always said
        if outcome.taken:
            words = [
                t(
                    "pickup_desk.handed_paid",
                    n=n,
                    amount=yuan(outcome.taken),
                    method=method,
                    receipt=receipt,
                )
            ]
        if outcome.waived:
            words.append(t("pickup_desk.handed_waived", amount=yuan(outcome.waived)))
        self.panel.show_message("picked_up", t("desk.clause_sep").join(words))
        self.receipts.print_receipt(handover_id)


def _headline(order: OrderView) -> str:
    balance = balance_words(order)
    customer = f"{order.customer}  {balance}" if balance else order.customer
    return f"{customer}  {order.order_no}  {progress_text(order.progress, order.overdue)}"


def readiness(orders: list[OrderView]) -> tuple[str, str]:
    """The headline's colour key and words: how much of what was found can go home today."""
    items = [i for o in orders for i in o.items]
    ready = sum(1 for i in items if i.state == ItemState.READY.value)
    missing = sum(1 for i in items if i.state in _NOT_BACK)
    if ready and missing:
        return "partial", t("pickup.headline.partial", ready=ready, missing=missing)
    if ready:
        return "ready", t("pickup.headline.complete", n=ready)
    if missing:
        at_vendor = any(
            i.state != ItemState.REGISTERED.value for i in items if i.state in _NOT_BACK
        )
        colour = "sent_out" if at_vendor else "registered"  # blue at a lab, grey not sent yet
        return colour, t("pickup.headline.none_ready", missing=missing)
    return "picked_up", t("pickup.headline.nothing_left")
