"""What 取件 does at the counter, as jobs for a worker: no Qt here.

:class:`CounterLinks` names the counter's services the station calls — hand over
with the money (:func:`collect`), take a payment alone, render and save the
receipt (取件单), list an order's hand-overs — so tests can pass stand-ins and the
station stays one screen. :func:`settle` is the F8 job: it checks the approving
manager's badge or password, then either takes a partial payment (nothing is
handed over) or hands over with the payment, waiver and proof of collection, all
in one transaction of :func:`collect`.

The receipt is rendered by :mod:`yinglou_desk.ui.printing.receipts`, the payment
alone taken by :func:`~yinglou_desk.services.payments.ledger.take_payment`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from yinglou_desk.domain.money import PaymentMethod
from yinglou_desk.domain.records import OperatorInfo
from yinglou_desk.domain.wording import WordedError
from yinglou_desk.services.database import Database as Engine
from yinglou_desk.services.orders.query import OrderView, find_orders
from yinglou_desk.services.payments.ledger import take_payment
from yinglou_desk.services.pickup import counter
from yinglou_desk.services.pickup.counter import (
    Collected,
    Collector,
    HandoverView,
    PaymentIn,
    Waiver,
)
from yinglou_desk.services.scanning.service import ScanService, ScanSession
from yinglou_desk.services.staff.auth import login_by_badge, login_with_password
from yinglou_desk.ui.dialogs.collect import CounterAnswer, ManagerProof, may_waive
from yinglou_desk.ui.printing import receipts


def _take_payment(engine: Engine, session: ScanSession, order_no: str, payment: PaymentIn) -> Any:
    """A payment without a hand-over, by the station's operator at this PC."""
    return take_payment(engine, session, order_no, payment)


@dataclass
class CounterLinks:
    """The counter's services as the station calls them (tests pass stand-ins)."""

    collect: Callable[..., Collected] = counter.collect
    take_payment: Callable[..., Any] = _take_payment
    handovers_of: Callable[[Engine, str], list[HandoverView]] = counter.handovers_of
    receipt_job: Callable[[Engine, int], Any] = receipts.receipt_job
    save_receipt_pdf: Callable[[Engine, int, Path], Any] = receipts.save_receipt_pdf


class NotAManager(WordedError, PermissionError):
    """The badge or password given for a waiver is not a manager's."""


def approver(engine: Engine, proof: ManagerProof | None, operator: OperatorInfo) -> OperatorInfo:
    """The manager who approves a waiver, having proved who they are (None: the operator
    at the desk, who is one); :class:`LoginFailed` or :class:`NotAManager` otherwise."""
    if proof is None:
        who = operator
    elif proof.badge:
        who = login_by_badge(engine, proof.badge)
    else:
        who = login_with_password(engine, proof.name or "", proof.password or "")
    if not may_waive(who.role):
        raise NotAManager("pickup_desk.not_a_manager", name=who.name)
    return who


@dataclass(frozen=True)
class Settled:
    """What F8 did: ``collected`` None means a payment was taken and nothing handed over;
    ``orders`` is the order as it is now."""

    collected: Collected | None
    taken: int
    waived: int
    method: PaymentMethod
    orders: list[OrderView]


def settle(
    links: CounterLinks,
    engine: Engine,
    service: ScanService,
    session: ScanSession,
    order_no: str,
    codes: list[str],
    due: int,
    answer: CounterAnswer,
    today: date,
) -> Settled:
    """The F8 job (see the module docstring)."""
    payment = None
    if answer.amount > 0:
        payment = PaymentIn(answer.amount, answer.method, answer.reference)
    if not answer.settles(due):
        assert payment is not None  # the dialog asks for an amount or a waiver
        links.take_payment(engine, session, order_no, payment)
        orders = find_orders(engine, order_no, today)
        return Settled(None, answer.amount, 0, answer.method, orders)
    waiver = None
    waived = answer.waived(due)
    if waived:
        who = approver(engine, answer.manager, session.operator)
        waiver = Waiver(waived, answer.waive_reason or "", who)
    collector = None
    if answer.collector_name or answer.signature_png:
        collector = Collector(answer.collector_name, answer.collector_phone, answer.signature_png)
    collected = links.collect(
        service,
        session,
        order_no,
        codes=codes,
        payment=payment,
        waiver=waiver,
        collector=collector,
    )
    orders = find_orders(engine, order_no, today)
    return Settled(collected, answer.amount, waived, answer.method, orders)
