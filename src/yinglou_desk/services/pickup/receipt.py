"""取件单: what the customer takes home as proof of a hand-over, read from its records.

:func:`receipt_for` gathers everything a receipt shows from the hand-over's rows (the
items it gave, the money taken and waived with it, who collected and their signature)
and from the order as it is now (the items still to come, with their expected dates).
:func:`receipt_lines` words it, in the current language, as the lines a printer lays
out: the Qt renderer (``ui/printing/receipts.py``) only draws them, so the print
preview, a receipt printer, a PDF and a plain-text copy all say the same thing.

The customer's phone (and a collector's) is printed masked (``138****8000``): the
receipt leaves the studio in someone's pocket.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Engine, func, or_, select

from yinglou_desk import catalogue
from yinglou_desk.domain.codes import phone_digits
from yinglou_desk.domain.money import PaymentKind, PaymentMethod, yuan
from yinglou_desk.domain.states import ItemState
from yinglou_desk.domain.wording import WordedError
from yinglou_desk.services.pickup.counter import receipt_no
from yinglou_desk.services.pickup.holding import policy_wording
from yinglou_desk.services.settings.studio import load_settings
from yinglou_desk.storage.tables import (
    customers,
    handover_collectors,
    handover_items,
    handovers,
    items,
    orders,
    payments,
)

_GONE = (ItemState.PICKED_UP.value, ItemState.CANCELLED.value)


class ReceiptError(WordedError, LookupError):
    """No receipt can be made (no such hand-over); ``key`` says why."""


@dataclass(frozen=True)
class ReceiptItem:
    """One product on the receipt; ``state`` and ``expected`` only for the ones still to come."""

    code: str
    product: str
    spec: str | None
    qty: int
    state: str | None = None
    expected: date | None = None


@dataclass(frozen=True)
class Receipt:
    """Everything one 取件单 shows. Sums in fen; ``price`` None: the order has no price."""

    handover_id: int
    receipt_no: str
    studio: str
    address: str
    hours: str
    order_no: str
    customer: str
    customer_phone: str  # masked
    at: datetime  # aware; shown in the studio's local time
    operator: str
    items: list[ReceiptItem] = field(default_factory=list)
    missing: list[ReceiptItem] = field(default_factory=list)
    price: int | None = None
    paid_before: int = 0
    paid_now: int = 0
    method: PaymentMethod | None = None
    reference: str | None = None
    waived_now: int = 0
    balance_after: int | None = None
    collector: str | None = None  # 代取: someone else's name
    collector_phone: str | None = None  # masked
    signature_png: bytes | None = None
    policy: str = ""

    @property
    def local_time(self) -> str:
        return self.at.astimezone().strftime("%Y-%m-%d %H:%M")


def masked_phone(phone: str | None) -> str:
    """``13800138000`` → ``138****8000``; short numbers keep only their last four digits."""
    digits = phone_digits(phone or "")
    if len(digits) >= 8:
        return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
    if len(digits) > 4:
        return "*" * (len(digits) - 4) + digits[-4:]
    return digits


def receipt_for(engine: Engine, handover_id: int) -> Receipt:
    """The receipt of one hand-over, read in one transaction."""
    with engine.connect() as conn:
        head = conn.execute(
            select(
                handovers,
                orders.c.order_no,
                orders.c.price_fen,
                customers.c.name.label("customer"),
                customers.c.phone,
                handover_collectors.c.collector_name,
                handover_collectors.c.collector_phone,
                handover_collectors.c.signature_png,
            )
            .join(orders, orders.c.id == handovers.c.order_id)
            .join(customers, customers.c.id == orders.c.customer_id)
            .outerjoin(handover_collectors, handover_collectors.c.handover_id == handovers.c.id)
            .where(handovers.c.id == handover_id)
        ).first()
        if head is None:
            raise ReceiptError("receipt.unknown", number=receipt_no(handover_id))
        settings = load_settings(conn)
        taken = select(handover_items.c.item_id).where(handover_items.c.handover_id == handover_id)
        columns = (items.c.code, items.c.product, items.c.spec, items.c.qty)
        given = conn.execute(
            select(*columns).where(items.c.id.in_(taken)).order_by(items.c.code)
        ).all()
        missing = conn.execute(
            select(*columns, items.c.state, items.c.expected_return)
            .where(
                items.c.order_id == head.order_id,
                items.c.state.not_in(_GONE),
                items.c.id.not_in(taken),
            )
            .order_by(items.c.code)
        ).all()
        mine = payments.c.handover_id == handover_id
        now_rows = conn.execute(
            select(payments.c.kind, payments.c.method, payments.c.reference, payments.c.amount_fen)
            .where(mine)
            .order_by(payments.c.id)
        ).all()
        # Paid before this hand-over: every settling row of the order up to its moment
        # that is not its own (imported, earlier payments, reversals).
        before = conn.execute(
            select(func.coalesce(func.sum(payments.c.amount_fen), 0)).where(
                payments.c.order_id == head.order_id,
                payments.c.kind != PaymentKind.WAIVER.value,
                payments.c.at <= head.at,
                or_(payments.c.handover_id.is_(None), payments.c.handover_id != handover_id),
            )
        ).scalar_one()
    payment = next((r for r in now_rows if r.kind == PaymentKind.PAYMENT.value), None)
    return Receipt(
        handover_id=handover_id,
        receipt_no=receipt_no(handover_id),
        studio=settings.studio,
        address=settings.address,
        hours=settings.hours,
        order_no=head.order_no,
        customer=head.customer,
        customer_phone=masked_phone(head.phone),
        at=head.at,
        operator=head.operator_name,
        items=[ReceiptItem(r.code, r.product, r.spec, int(r.qty or 1)) for r in given],
        missing=[
            ReceiptItem(r.code, r.product, r.spec, int(r.qty or 1), r.state, r.expected_return)
            for r in missing
        ],
        price=None if head.price_fen is None else int(head.price_fen),
        paid_before=int(before),
        paid_now=int(head.paid_fen),
        method=PaymentMethod(payment.method) if payment and payment.method else None,
        reference=payment.reference if payment else None,
        waived_now=sum(int(r.amount_fen) for r in now_rows if r.kind == PaymentKind.WAIVER.value),
        balance_after=None if head.balance_fen is None else int(head.balance_fen),
        collector=head.collector_name,
        collector_phone=masked_phone(head.collector_phone) if head.collector_phone else None,
        signature_png=head.signature_png,
        policy=policy_wording(settings),
    )


@dataclass(frozen=True)
class Line:
    """One line of the receipt as the printer lays it out.

    ``kind``: ``title`` (the studio), ``subtitle`` (取件单), ``small`` (address, policy),
    ``text``, ``heading`` (a list's name), ``item`` (a product, with ``right`` its
    code or due date), ``money`` (a sum in ``right``), ``total`` (the balance),
    ``rule`` (a separating line), ``signature`` (the box or the line to sign on).
    """

    kind: str
    text: str = ""
    right: str = ""


def _money(fen: int) -> str:
    return catalogue.text("receipt.amount", amount=yuan(fen))


def receipt_lines(receipt: Receipt) -> list[Line]:
    """The receipt worded in the current language, top to bottom."""
    t = catalogue.text
    lines = [
        Line("title", receipt.studio),
        Line("subtitle", t("receipt.title")),
        Line("small", t("receipt.address", address=receipt.address, hours=receipt.hours)),
        Line("rule"),
        Line("text", t("receipt.number", number=receipt.receipt_no)),
        Line("text", t("receipt.order", order_no=receipt.order_no)),
        Line(
            "text",
            t("receipt.customer", name=receipt.customer, phone=receipt.customer_phone).strip(),
        ),
        Line("text", t("receipt.time", time=receipt.local_time)),
        Line("text", t("receipt.operator", name=receipt.operator)),
        Line("rule"),
        Line("heading", t("receipt.taken", n=len(receipt.items))),
    ]
    lines += [Line("item", _product(item), item.code) for item in receipt.items]
    if receipt.missing:
        lines.append(Line("heading", t("receipt.missing", n=len(receipt.missing))))
        for item in receipt.missing:
            state = catalogue.name("state", item.state or "")
            due = t("receipt.expected", date=item.expected.isoformat()) if item.expected else ""
            lines.append(Line("item", _product(item), t("receipt.missing_state", state=state)))
            if due:
                lines.append(Line("small", "", due))
    lines.append(Line("rule"))
    lines += _money_lines(receipt)
    lines.append(Line("rule"))
    if receipt.collector:
        who = t("receipt.collector", name=receipt.collector, phone=receipt.collector_phone or "")
    else:
        who = t("receipt.collector_self", name=receipt.customer)
    lines += [Line("text", who.strip()), Line("signature", t("receipt.signature"))]
    if receipt.policy:
        lines += [Line("rule"), Line("small", receipt.policy)]
    return lines


def _product(item: ReceiptItem) -> str:
    return catalogue.text(
        "receipt.item", product=item.product, spec=item.spec or "", qty=item.qty
    ).replace("  ", " ")


def _money_lines(receipt: Receipt) -> list[Line]:
    t = catalogue.text
    lines = []
    if receipt.price is None:
        lines.append(Line("money", t("receipt.no_price")))
    else:
        lines += [
            Line("money", t("receipt.price"), _money(receipt.price)),
            Line("money", t("receipt.paid_before"), _money(receipt.paid_before)),
        ]
    if receipt.paid_now or receipt.price is not None:
        method = t(f"receipt.method.{receipt.method.value}") if receipt.method else ""
        label = t("receipt.paid_now_by", method=method) if method else t("receipt.paid_now")
        lines.append(Line("money", label, _money(receipt.paid_now)))
    if receipt.reference:
        lines.append(Line("small", t("receipt.reference", reference=receipt.reference)))
    if receipt.waived_now:
        lines.append(Line("money", t("receipt.waived"), _money(receipt.waived_now)))
    if receipt.balance_after is not None:
        lines.append(Line("total", t("receipt.balance"), _money(receipt.balance_after)))
    return lines


def receipt_text(receipt: Receipt) -> str:
    """The receipt as plain text (the command line's copy; tests read it too)."""
    out = []
    for line in receipt_lines(receipt):
        if line.kind == "rule":
            out.append("-" * 32)
        elif line.kind == "signature":
            out.append(f"{line.text} ________________")
        else:
            out.append(f"{line.text}  {line.right}".strip())
    return "\n".join(out)
