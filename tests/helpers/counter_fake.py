"""A stand-in for the counter's services, for the desk's own tests of 取件 with money.

It keeps the counter's rules that the screen relies on — nothing is handed over while
money is owed after what is taken and waived (:class:`BalanceOwed`) — records what the
screen passed (payment, waiver, collector, signature), moves the items through the real
scan service and writes the payment rows, so the screen reads the balance back from the
database. The real :func:`collect` is tested by the counter's own tests; the whole way
through runs in the real-window test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image
from sqlalchemy import select

from yinglou_desk.domain.money import PaymentKind
from yinglou_desk.services.payments.ledger import balance_in
from yinglou_desk.services.pickup.counter import BalanceOwed, Collected, HandoverView, receipt_no
from yinglou_desk.services.pickup.handover import hand_over
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.storage.tables import orders, payments
from yinglou_desk.ui.printing.printer import PrintJob


@dataclass
class FakeCounter:
    engine: Any
    clock: Any
    collected: list[dict[str, Any]] = field(default_factory=list)
    payments_taken: list[Any] = field(default_factory=list)
    receipts: list[int] = field(default_factory=list)
    saved: list[tuple[int, Path]] = field(default_factory=list)
    handovers: list[HandoverView] = field(default_factory=list)

    def _order_id(self, order_no: str) -> int:
        with self.engine.connect() as conn:
            return int(
                conn.execute(select(orders.c.id).where(orders.c.order_no == order_no)).scalar_one()
            )

    def _pay(self, order_id: int, kind: PaymentKind, fen: int, **more: Any) -> None:
        with write_transaction(self.engine) as conn:
            conn.execute(
                payments.insert().values(
                    order_id=order_id,
                    at=self.clock(),
                    kind=kind.value,
                    amount_fen=fen,
                    operator_name="desk",
                    workstation="desk-test",
                    **more,
                )
            )

    def collect(
        self, service, session, order_no, *, codes=None, payment=None, waiver=None, collector=None
    ):  # type: ignore[no-untyped-def]
        order_id = self._order_id(order_no)
        with self.engine.connect() as conn:
            due = balance_in(conn, order_id).due
        taken = payment.amount if payment else 0
        let_go = waiver.amount if waiver else 0
        if due - taken - let_go > 0:
            raise BalanceOwed(order_no, due - taken - let_go)
        # the money first: once the counter's rules are in, a hand-over of an order that
        # still owes is refused item by item
        if payment:
            self._pay(order_id, PaymentKind.PAYMENT, taken, method=payment.method.value)
        if waiver:
            self._pay(
                order_id,
                PaymentKind.WAIVER,
                let_go,
                reason=waiver.reason,
                approved_by=waiver.approved_by.name,
            )
        handed = hand_over(service, session, codes or [])
        if not handed.done:
            return Collected(handed)
        handover_id = len(self.collected) + 1
        self.collected.append(
            {
                "order_no": order_no,
                "codes": codes,
                "payment": payment,
                "waiver": waiver,
                "collector": collector,
            }
        )
        self.handovers.append(
            HandoverView(
                id=handover_id,
                receipt_no=receipt_no(handover_id),
                order_no=order_no,
                at=self.clock(),
                operator=session.operator.name,
                workstation=session.workstation,
                item_codes=list(codes or []),
                collector_name=collector.name if collector else None,
                collector_phone=collector.phone if collector else None,
                has_signature=bool(collector and collector.signature_png),
                paid=taken,
                balance_after=0,
            )
        )
        return Collected(handed, handover_id, taken, 0)

    def take_payment(self, engine, session, order_no, payment):  # type: ignore[no-untyped-def]
        del engine, session
        self.payments_taken.append(payment)
        self._pay(
            self._order_id(order_no),
            PaymentKind.PAYMENT,
            payment.amount,
            method=payment.method.value,
        )

    def handovers_of(self, engine, order_no):  # type: ignore[no-untyped-def]
        del engine
        return [h for h in self.handovers if h.order_no == order_no]

    def receipt_job(self, engine, handover_id):  # type: ignore[no-untyped-def]
        del engine
        self.receipts.append(handover_id)
        return PrintJob([Image.new("1", (200, 100), 1)], 80, 40, 203, receipt_no(handover_id))

    def save_receipt_pdf(self, engine, handover_id, path):  # type: ignore[no-untyped-def]
        del engine
        path.write_bytes(b"%PDF-1.4 fake")
        self.saved.append((handover_id, path))
        return path

    def links(self) -> Any:
        from yinglou_desk.ui.stations.counter_links import CounterLinks

        return CounterLinks(
            collect=self.collect,
            take_payment=self.take_payment,
            handovers_of=self.handovers_of,
            receipt_job=self.receipt_job,
            save_receipt_pdf=self.save_receipt_pdf,
        )
