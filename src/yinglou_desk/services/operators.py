"""Staff accounts: adding operators, finding them, badges."""

from __future__ import annotations

from sqlalchemy import Connection, Engine, select

from ..domain.codes import new_badge_code
from ..domain.passwords import hash_password
from ..domain.records import OperatorInfo
from ..domain.roles import Actor, Permission, Role, require
from ..storage.engine import write_transaction
from ..storage.tables import operators
from . import audit
from .clock import Clock, utc_now


class OperatorError(ValueError):
    """A request about operators that cannot be carried out; the text says why."""


def add_operator(
    engine: Engine,
    name: str,
    role: str,
    password: str,
    clock: Clock = utc_now,
    by: str = "system",
    actor: Actor | None = None,
) -> OperatorInfo:
    require(actor, Permission.MANAGE_OPERATORS)
    name = name.strip()
    if not name:
        raise OperatorError("员工姓名不能为空 / operator name is empty")
    try:
        parsed_role = Role(role)
    except ValueError:
        raise OperatorError(
            f"未知角色 {role!r}，可选：sorter、desk、manager、admin / unknown role"
        ) from None
    if len(password) < 4:
        raise OperatorError("密码至少 4 位 / password must have at least 4 characters")
    with write_transaction(engine) as conn:
        if find_operator(conn, name) is not None:
            raise OperatorError(f"员工 {name} 已存在 / operator {name} already exists")
        badge = new_badge_code()
        new_id = conn.execute(
            operators.insert()
            .values(
                name=name,
                role=parsed_role.value,
                password_hash=hash_password(password),
                badge_code=badge,
                active=True,
                failed_logins=0,
                created_at=clock(),
            )
            .returning(operators.c.id)
        ).scalar_one()
        audit.record(conn, clock(), by, "operator.add", name, {"role": parsed_role.value})
    return OperatorInfo(new_id, name, parsed_role, badge)


def disable_operator(
    engine: Engine,
    name: str,
    clock: Clock = utc_now,
    by: str = "system",
    actor: Actor | None = None,
) -> None:
    """An operator who left: no more logins or scans; their history stays theirs."""
    _change_active_operator(engine, name, {"active": False}, "operator.disable", clock, by, actor)


def new_badge(
    engine: Engine,
    name: str,
    clock: Clock = utc_now,
    by: str = "system",
    actor: Actor | None = None,
) -> str:
    """A fresh badge code (the old badge stops working at once): for a lost badge."""
    badge = new_badge_code()
    _change_active_operator(
        engine, name, {"badge_code": badge}, "operator.new_badge", clock, by, actor
    )
    return badge


def _change_active_operator(
    engine: Engine,
    name: str,
    values: dict[str, object],
    action: str,
    clock: Clock,
    by: str,
    actor: Actor | None,
) -> None:
    require(actor, Permission.MANAGE_OPERATORS)
    with write_transaction(engine) as conn:
        changed = conn.execute(
            operators.update()
            .where(operators.c.name == name.strip(), operators.c.active.is_(True))
            .values(**values)
        ).rowcount
        if not changed:
            raise OperatorError(f"没有在职员工 {name} / no active operator {name}")
        audit.record(conn, clock(), by, action, name)


def find_operator(conn: Connection, name: str) -> OperatorInfo | None:
    row = conn.execute(
        select(operators.c.id, operators.c.name, operators.c.role, operators.c.badge_code).where(
            operators.c.name == name.strip(), operators.c.active.is_(True)
        )
    ).first()
    return None if row is None else OperatorInfo(row.id, row.name, Role(row.role), row.badge_code)


def find_operator_by_badge(conn: Connection, badge: str) -> OperatorInfo | None:
    row = conn.execute(
        select(operators.c.id, operators.c.name, operators.c.role, operators.c.badge_code).where(
            operators.c.badge_code == badge, operators.c.active.is_(True)
        )
    ).first()
    return None if row is None else OperatorInfo(row.id, row.name, Role(row.role), row.badge_code)
