"""取件 at the counter: the items, the money and the proof of collection, in one transaction.

CONTRACT (filled in by the counter work; the desk and the CLI call exactly this):

``collect`` hands over the chosen ready items of one order (all ready items when
``codes`` is None) through :meth:`ScanService.apply_all` with a ``within`` hook
that, in the same transaction: re-reads the balance (:func:`balance_in`), records
the payment taken (``payments`` row, kind ``payment``) and/or the waiver (kind
``waiver``, ``approved_by`` the manager, with a reason), refuses with
:class:`BalanceOwed` (naming the sum) while anything is still owed afterwards,
writes the ``handovers`` row, one ``handover_items`` row per item and the
``handover_collectors`` row (代取 name/phone, signature PNG), and an audit line.
Either all of that is recorded or nothing.

The rules of the money (what the desk's dialog builds on):

- A hand-over settles the order: it goes through only when nothing is owed after
  what is taken and waived now. A *partial* payment is therefore taken on its own,
  without handing anything over (the money work's ``take_payment``), or together
  with a manager's waiver of the rest. ``collect`` with a payment that leaves money
  owed is refused with :class:`BalanceOwed` and nothing is recorded.
- No overpaying: a payment larger than the balance is refused
  (``counter.overpaying``); an order without a price owes nothing, and a payment
  taken with its hand-over is simply recorded (the balance stays "no price").
- A waiver needs a reason and a manager or admin (:func:`may_waive`) who proved who
  they are (the caller checks the badge or password); it cannot exceed what is owed
  after the payment, and an order without a price has nothing to waive.
- Two PCs handing over the same order at once: the items' conditional updates and
  the order's row lock (taken again by the hook on PostgreSQL; SQLite serialises
  writers) let exactly one hand-over, and so one payment, through.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection, Engine, func, select

from yinglou_desk.domain.codes import InvalidCode, normalize_code, phone_digits
from yinglou_desk.domain.money import PaymentKind, PaymentMethod, yuan
from yinglou_desk.domain.records import OperatorInfo
from yinglou_desk.domain.roles import Permission, Role, may
from yinglou_desk.domain.states import Action, ItemState
from yinglou_desk.domain.wording import WordedError, listing
from yinglou_desk.services.payments.ledger import balance_in
from yinglou_desk.services.pickup.recording import Who, record_handover
from yinglou_desk.services.scanning.records import ScanResult
from yinglou_desk.services.scanning.service import AllOrNone, ScanService, ScanSession
from yinglou_desk.storage.tables import (
    handover_collectors,
    handover_items,
    handovers,
    items,
    operators,
    orders,
    payments,
)

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_NAME_MAX, _PHONE_MAX, _REFERENCE_MAX = 64, 32, 100


class CounterError(WordedError, ValueError):
    """The hand-over cannot be made as asked; ``key`` says why. Nothing was recorded."""


class BalanceOwed(WordedError):
    """Refused: the order still owes ``due`` fen after what was taken and waived.

    key ``counter.balance_owed`` with params ``order_no`` and ``amount`` (yuan text)."""

    def __init__(self, order_no: str, due: int) -> None:
        from yinglou_desk.domain.money import yuan

        super().__init__("counter.balance_owed", order_no=order_no, amount=yuan(due))
        self.due = due


@dataclass(frozen=True)
class PaymentIn:
    """A sum taken at the counter (fen > 0), how, and the slip's reference if any."""

    amount: int
    method: PaymentMethod
    reference: str | None = None


@dataclass(frozen=True)
class Waiver:
    """A balance let go: ``amount`` fen, why, and the manager who proved who they are
    (a badge scan or password checked by the caller through the staff service)."""

    amount: int
    reason: str
    approved_by: OperatorInfo


@dataclass(frozen=True)
class Collector:
    """Who took the items: None name means the customer in person; 代取 gives both."""

    name: str | None = None
    phone: str | None = None
    signature_png: bytes | None = None


@dataclass(frozen=True)
class Collected:
    """The outcome: ``handed.done`` False means nothing was recorded (see ``handed``).
    ``handover_id`` is the receipt's number when done."""

    handed: AllOrNone
    handover_id: int | None = None
    paid: int = 0
    balance_after: int | None = None


@dataclass(frozen=True)
class HandoverView:
    """One recorded hand-over, for 查件 and the receipt."""

    id: int
    receipt_no: str
    order_no: str
    at: datetime
    operator: str
    workstation: str
    item_codes: list[str] = field(default_factory=list)
    collector_name: str | None = None
    collector_phone: str | None = None
    has_signature: bool = False
    paid: int = 0
    balance_after: int | None = None
    method: PaymentMethod | None = None  # how this hand-over's payment was taken
    waived: int = 0  # let go at this hand-over


def receipt_no(handover_id: int) -> str:
    """The number printed on the 取件单: ``QJ`` and the hand-over's id, eight digits."""
    return f"QJ{handover_id:08d}"


def may_waive(role: Role | str) -> bool:
    """Whether someone of this role may let a balance go: managers and admins — the
    roles that may cancel items (:attr:`Permission.CANCEL`), the other way money leaves."""
    return may(role, Permission.CANCEL)


def collect(
    service: ScanService,
    session: ScanSession,
    order_no: str,
    *,
    codes: list[str] | None = None,
    payment: PaymentIn | None = None,
    waiver: Waiver | None = None,
    collector: Collector | None = None,
) -> Collected:
    """Hand over ``codes`` (None: every ready item) of ``order_no`` with the money and the
    proof of collection; see the module docstring for the rules.

    Refusals before anything is tried raise :class:`CounterError` (unknown order,
    nothing ready, a code of another order, a bad sum, reason or collector); an item
    the scan rules refuse gives ``Collected(handed.done=False)`` with the reasons, as
    :meth:`ScanService.apply_all` does; money still owed raises :class:`BalanceOwed`.
    """
    _check_money(payment, waiver)
    who = _who(collector)
    order_id, number, chosen = _chosen_items(service, order_no, codes)
    hook = _Counter(session, order_id, number, payment, waiver, who)
    handed = service.apply_all(session, chosen, Action.PICK_UP, within=hook, collecting=True)
    if not handed.done:
        return Collected(handed)
    return Collected(handed, hook.handover_id, hook.paid, hook.balance_after)


class _Counter:
    """The ``within`` hook: the money and the records, once every item went through."""

    def __init__(
        self,
        session: ScanSession,
        order_id: int,
        order_no: str,
        payment: PaymentIn | None,
        waiver: Waiver | None,
        who: Who,
    ) -> None:
        self.session = session
        self.order_id = order_id
        self.order_no = order_no
        self.payment = payment
        self.waiver = waiver
        self.who = who
        self.handover_id: int | None = None
        self.paid = 0
        self.balance_after: int | None = None

    def __call__(self, conn: Connection, results: list[ScanResult], now: datetime) -> None:
        # The order's row, locked (PostgreSQL; SQLite's writer is alone already): a second
        # hand-over of this order waits here and then finds its items gone.
        conn.execute(select(orders.c.id).where(orders.c.id == self.order_id).with_for_update())
        before = balance_in(conn, self.order_id)
        paid = self.payment.amount if self.payment is not None else 0
        waived = self.waiver.amount if self.waiver is not None else 0
        if before.price is not None and paid > before.due:
            raise CounterError("counter.overpaying", amount=yuan(paid), due=yuan(before.due))
        if self.waiver is not None:
            if before.price is None:
                raise CounterError("counter.nothing_to_waive", order_no=self.order_no)
            if waived > before.due - paid:
                raise CounterError(
                    "counter.waiver_too_much", amount=yuan(waived), due=yuan(before.due - paid)
                )
            self._check_approver(conn)
        due_after = before.due - paid - waived
        if due_after > 0:
            raise BalanceOwed(self.order_no, due_after)
        self.paid = paid
        self.balance_after = None if before.price is None else due_after
        item_ids = [r.item_id for r in results if r.item_id is not None]
        self.handover_id = record_handover(
            conn,
            self.session,
            order_id=self.order_id,
            order_no=self.order_no,
            item_ids=item_ids,
            now=now,
            paid=paid,
            balance_after=self.balance_after,
            who=self.who,
        )
        self._record_money(conn, now)

    def _check_approver(self, conn: Connection) -> None:
        assert self.waiver is not None
        approver = self.waiver.approved_by
        active = conn.execute(
            select(operators.c.active).where(operators.c.id == approver.id)
        ).scalar()
        if not active:
            raise CounterError("counter.approver_disabled", name=approver.name)

    def _record_money(self, conn: Connection, now: datetime) -> None:
        common = {
            "order_id": self.order_id,
            "at": now,
            "handover_id": self.handover_id,
            "operator_name": self.session.operator.name,
            "workstation": self.session.workstation,
        }
        if self.payment is not None:
            conn.execute(
                payments.insert().values(
                    kind=PaymentKind.PAYMENT.value,
                    method=self.payment.method.value,
                    amount_fen=self.payment.amount,
                    reference=self.payment.reference,
                    **common,
                )
            )
        if self.waiver is not None:
            conn.execute(
                payments.insert().values(
                    kind=PaymentKind.WAIVER.value,
                    amount_fen=self.waiver.amount,
                    reason=self.waiver.reason,
                    approved_by=self.waiver.approved_by.name,
                    **common,
                )
            )


def _check_money(payment: PaymentIn | None, waiver: Waiver | None) -> None:
    """What can be refused before any item is touched: the sums, the reason, the role."""
    if payment is not None:
        if type(payment.amount) is not int or payment.amount <= 0:
            raise CounterError("counter.amount_not_positive", amount=str(payment.amount))
        PaymentMethod(payment.method)  # a method this program knows
        if payment.reference is not None and len(payment.reference) > _REFERENCE_MAX:
            raise CounterError(
                "counter.too_long", value=payment.reference[:20], limit=_REFERENCE_MAX
            )
    if waiver is not None:
        if type(waiver.amount) is not int or waiver.amount <= 0:
            raise CounterError("counter.amount_not_positive", amount=str(waiver.amount))
        if not waiver.reason or not waiver.reason.strip():
            raise CounterError("counter.waiver_reason_needed")
        if not may_waive(waiver.approved_by.role):
            raise CounterError("counter.waiver_not_permitted", name=waiver.approved_by.name)


def _who(collector: Collector | None) -> Who:
    """The collector as recorded: 代取 needs both a name and a phone that has digits."""
    if collector is None:
        return Who()
    name = (collector.name or "").strip() or None
    phone = (collector.phone or "").strip() or None
    if (name is None) != (phone is None):
        raise CounterError("counter.collector_incomplete")
    if name is not None and len(name) > _NAME_MAX:
        raise CounterError("counter.too_long", value=name[:20], limit=_NAME_MAX)
    if phone is not None and (len(phone) > _PHONE_MAX or len(phone_digits(phone)) < 7):
        raise CounterError("counter.phone_bad", phone=phone[:_PHONE_MAX])
    signature = collector.signature_png or None
    if signature is not None and not signature.startswith(PNG_MAGIC):
        raise CounterError("counter.signature_not_png")
    return Who(name, phone, signature)


def _chosen_items(
    service: ScanService, order_no: str, codes: list[str] | None
) -> tuple[int, str, list[str]]:
    """The order's id and number, and the codes to hand over (checked to be its own)."""
    wanted = order_no.strip()
    with service.engine.connect() as conn:
        order = conn.execute(
            select(orders.c.id, orders.c.order_no).where(orders.c.order_no == wanted)
        ).first()
        if order is None:
            raise CounterError("counter.unknown_order", order_no=wanted)
        rows = conn.execute(
            select(items.c.code, items.c.state).where(items.c.order_id == order.id)
        ).all()
    chosen: list[str] = []
    if codes is None:
        chosen = [r.code for r in rows if r.state == ItemState.READY.value]
    else:
        own = {r.code for r in rows}
        foreign: list[str] = []
        for raw in codes:
            try:
                code = normalize_code(raw)
            except InvalidCode:
                code = raw
            (chosen if code in own else foreign).append(code)
        if foreign:
            raise CounterError(
                "counter.not_of_order", codes=listing(foreign[:5]), order_no=order.order_no
            )
    if not chosen:
        raise CounterError("counter.nothing_ready", order_no=order.order_no)
    return int(order.id), str(order.order_no), chosen


def handovers_of(engine: Engine, order_no: str) -> list[HandoverView]:
    """Every hand-over of the order, oldest first (查件's 取件记录)."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                handovers,
                orders.c.order_no,
                handover_collectors.c.collector_name,
                handover_collectors.c.collector_phone,
                (handover_collectors.c.signature_png.is_not(None)).label("signed"),
            )
            .join(orders, orders.c.id == handovers.c.order_id)
            .outerjoin(handover_collectors, handover_collectors.c.handover_id == handovers.c.id)
            .where(orders.c.order_no == order_no.strip())
            .order_by(handovers.c.id)
        ).all()
        ids = [row.id for row in rows]
        codes: dict[int, list[str]] = {i: [] for i in ids}
        methods: dict[int, str] = {}
        waived: dict[int, int] = {}
        if ids:
            for handover_id, code in conn.execute(
                select(handover_items.c.handover_id, items.c.code)
                .join(items, items.c.id == handover_items.c.item_id)
                .where(handover_items.c.handover_id.in_(ids))
                .order_by(items.c.code)
            ):
                codes[handover_id].append(code)
            for handover_id, kind, method, amount in conn.execute(
                select(
                    payments.c.handover_id,
                    payments.c.kind,
                    func.max(payments.c.method),
                    func.sum(payments.c.amount_fen),
                )
                .where(payments.c.handover_id.in_(ids))
                .group_by(payments.c.handover_id, payments.c.kind)
            ):
                if kind == PaymentKind.WAIVER.value:
                    waived[handover_id] = int(amount)
                elif method:
                    methods[handover_id] = method
    return [
        HandoverView(
            id=row.id,
            receipt_no=receipt_no(row.id),
            order_no=row.order_no,
            at=row.at,
            operator=row.operator_name,
            workstation=row.workstation,
            item_codes=codes[row.id],
            collector_name=row.collector_name,
            collector_phone=row.collector_phone,
            has_signature=bool(row.signed),
            paid=int(row.paid_fen),
            balance_after=None if row.balance_fen is None else int(row.balance_fen),
            method=PaymentMethod(methods[row.id]) if row.id in methods else None,
            waived=waived.get(row.id, 0),
        )
        for row in rows
    ]
