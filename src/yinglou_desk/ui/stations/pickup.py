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
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from yinglou_desk import catalogue
from yinglou_desk.catalogue import text as t
from yinglou_desk.domain.roles import Permission, may
from yinglou_desk.domain.states import ItemState, Station
from yinglou_desk.services.clock import local_date
from yinglou_desk.services.orders.query import OrderView, find_orders
from yinglou_desk.services.pickup.handover import hand_over
from yinglou_desk.services.scanning.service import AllOrNone
from yinglou_desk.ui.context import Change, DeskContext
from yinglou_desk.ui.dialogs.order_edit import open_order_editor
from yinglou_desk.ui.pages.order_panel import OrderPanel
from yinglou_desk.ui.stations.base import StationPage
from yinglou_desk.ui.stations.lookup import names_code
from yinglou_desk.ui.widgets.colours import item_state_text, progress_text

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

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
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

    def clear_shown(self) -> None:
        self._forget_orders()
        self.query = None
        self.search.clear()

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
        service, engine, today = self.ctx.service, self.ctx.engine, local_date(self.ctx.clock())
        order_no = order.order_no

        def job() -> tuple[AllOrNone, list[OrderView]]:
            return hand_over(service, session, ready), find_orders(engine, order_no, today)

        self.ctx.ops.write(job, self._handed_over, self._failed)

    def _handed_over(self, outcome: tuple[AllOrNone, list[OrderView]]) -> None:
        handed, orders = outcome
        self._shown += 1
        self.order_panel.set_orders(orders)
        if handed.done:
            self.panel.show_message("picked_up", t("pickup.handed", n=len(handed.results)))
        else:
            lines = [r.message for r in handed.refused[:3]]
            self.panel.show_message("problem", "\n".join([t("pickup.not_handed"), *lines]))
            self.ctx.sounds.play("refused")
        self.announce_fresh({r.order_id for r in handed.results if r.order_id is not None})
        for result in handed.results:
            self.scan_handled.emit(result)


def _headline(order: OrderView) -> str:
    return f"{order.customer}  {order.order_no}  {progress_text(order.progress, order.overdue)}"


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
