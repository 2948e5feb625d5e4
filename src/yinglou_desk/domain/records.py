"""The studio's records as the program hands them around: plain, immutable-ish data.

Services read rows from the database and return these; the desk and the CLI
show them. They carry no database or Qt behaviour, so every layer can use them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from yinglou_desk.domain.roles import Role


@dataclass(frozen=True)
class OperatorInfo:
    """A staff member as a station knows them: who scans, with which rights."""

    id: int
    name: str
    role: Role
    badge_code: str


@dataclass(frozen=True)
class VendorInfo:
    """A production lab and its usual turnaround (drives expected return dates)."""

    id: int
    name: str
    turnaround_days: int


@dataclass
class ItemView:
    """One product of an order, with where it is now and its dates."""

    code: str
    product: str
    spec: str | None
    qty: int
    vendor: str | None
    stage: str | None
    state: str
    overdue: bool
    unit_cost: Decimal | None
    sent_at: datetime | None
    expected_return: date | None
    returned_at: datetime | None
    picked_up_at: datetime | None
    shelf_slot: str | None
    rework_count: int


@dataclass
class OrderView:
    """An order with its customer, derived progress and all its items."""

    order_no: str
    customer: str
    phone: str | None
    package: str | None
    store: str | None
    shoot_date: date | None
    promised_date: date | None
    progress: str
    overdue: bool
    next_due_back: date | None
    items: list[ItemView] = field(default_factory=list)
    # Money in fen, read from the payment rows: the package price (None: not set), what
    # was paid (deposit and later payments, less reversals) and what is still owed.
    price: int | None = None
    paid: int = 0
    due: int = 0

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["items"] = [_jsonable(asdict(item)) for item in self.items]
        return _jsonable(data)


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, datetime | date):
            out[key] = value.isoformat()
        elif isinstance(value, Decimal):
            out[key] = float(value)
        else:
            out[key] = value
    return out
