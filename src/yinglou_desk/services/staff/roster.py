"""The staff list: who works here, in which role, active or not, and their badge code.

A badge code logs its holder in, so the list is an admin's to read (the same
rule as changing accounts, :func:`~yinglou_desk.services.staff.operators.authorise_staff_change`):
the 员工 page, ``yinglou-desk user list`` and the badge sheet all come through here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, case, func, select

from yinglou_desk.domain.roles import Actor, Role
from yinglou_desk.services.staff.operators import authorise_staff_change
from yinglou_desk.storage.errors import environment_errors
from yinglou_desk.storage.tables import operators

MAX_LISTED = 1000  # a studio has tens; a chain a few hundred


@dataclass(frozen=True)
class StaffMember:
    """One staff account as the 员工 page and ``user list`` show it."""

    id: int
    name: str
    role: Role
    active: bool
    badge_code: str
    created_at: datetime | None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role": self.role.value,
            "active": self.active,
            "badge": self.badge_code,
        }


@dataclass(frozen=True)
class StaffList:
    """The accounts listed (active first, then by name) and how many there are in all."""

    members: list[StaffMember]
    total: int


def list_staff(
    engine: Engine, *, actor: Actor | None, active_only: bool = False, limit: int = MAX_LISTED
) -> StaffList:
    """The studio's staff accounts, for an admin (or the command line during first set-up)."""
    query = select(
        operators.c.id,
        operators.c.name,
        operators.c.role,
        operators.c.active,
        operators.c.badge_code,
        operators.c.created_at,
    )
    counted = select(func.count()).select_from(operators)
    if active_only:
        query = query.where(operators.c.active.is_(True))
        counted = counted.where(operators.c.active.is_(True))
    inactive_last = case((operators.c.active.is_(True), 0), else_=1)
    query = query.order_by(inactive_last, operators.c.name).limit(limit)
    with environment_errors(), engine.connect() as conn:
        authorise_staff_change(conn, actor)
        rows = conn.execute(query).all()
        total = conn.execute(counted).scalar_one()
    members = [
        StaffMember(
            row.id, row.name, Role(row.role), bool(row.active), row.badge_code, row.created_at
        )
        for row in rows
    ]
    return StaffList(members, total)
