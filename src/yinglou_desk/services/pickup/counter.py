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
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine

from yinglou_desk.domain.money import PaymentMethod
from yinglou_desk.domain.records import OperatorInfo
from yinglou_desk.domain.wording import WordedError
from yinglou_desk.services.scanning.service import AllOrNone, ScanService, ScanSession


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


def receipt_no(handover_id: int) -> str:
    """The number printed on the 取件单: ``QJ`` and the hand-over's id, eight digits."""
    return f"QJ{handover_id:08d}"


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
    raise NotImplementedError  # the counter work fills this in


def handovers_of(engine: Engine, order_no: str) -> list[HandoverView]:
    """Every hand-over of the order, oldest first (查件's 取件记录)."""
    raise NotImplementedError  # the counter work fills this in
