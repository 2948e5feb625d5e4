"""Staff accounts: adding operators, finding them, badges — and who may change them.

Every change to an account goes through :func:`authorise_staff_change`: free
while the studio is being set up (no admin yet), an admin's alone afterwards.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, select

from yinglou_desk import catalogue
from yinglou_desk.domain.codes import new_badge_code
from yinglou_desk.domain.passwords import hash_password
from yinglou_desk.domain.records import OperatorInfo as OperatorInfo  # re-exported for callers
from yinglou_desk.domain.roles import Actor, NotPermitted, Permission, Role, require
from yinglou_desk.domain.wording import WordedError
from yinglou_desk.services.clock import Clock, utc_now
from yinglou_desk.services.settings.limits import length_problem
from yinglou_desk.services.staff import audit
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.storage.errors import environment_errors
from yinglou_desk.storage.tables import operators


class OperatorError(WordedError, ValueError):
    """A request about operators that cannot be carried out; ``key`` says why."""


def admin_exists(conn: Connection) -> bool:
    """Whether an active admin account exists.

    Until one does, the studio is being set up: whoever reaches the database
    may create the first accounts (there is nobody to ask). From then on staff
    accounts are an admin's business, and the admin must be a real account —
    see :func:`authorise_staff_change`.
    """
    found = conn.execute(
        select(operators.c.id)
        .where(operators.c.role == Role.ADMIN.value, operators.c.active.is_(True))
        .limit(1)
    ).first()
    return found is not None


def staff_changes_need_admin(engine: Engine) -> bool:
    """For a caller deciding whether to ask for an admin's password (the CLI)."""
    with environment_errors(), engine.connect() as conn:
        return admin_exists(conn)


def authorise_staff_change(conn: Connection, actor: Actor | None) -> None:
    """The rule for every change to staff accounts, checked in the caller's transaction.

    First set-up (no active admin yet): any named actor, the command line's
    stand-in included. Afterwards: an active admin *account* — the command
    line's stand-in (no account behind it) is refused, so ``user add`` on a
    studio that has an admin needs that admin's password.
    """
    if actor is None:
        raise NotPermitted(catalogue.text("auth.login_first"))
    if not admin_exists(conn):
        return
    require(actor, Permission.MANAGE_OPERATORS)
    account = getattr(actor, "id", None)
    still_admin = (
        account is not None
        and conn.execute(
            select(operators.c.id).where(
                operators.c.id == account,
                operators.c.name == actor.name,
                operators.c.role == Role.ADMIN.value,
                operators.c.active.is_(True),
            )
        ).first()
    )
    if not still_admin:
        raise NotPermitted(catalogue.text("auth.admin_required"))


def add_operator(
    engine: Engine,
    name: str,
    role: str,
    password: str,
    clock: Clock = utc_now,
    *,
    actor: Actor | None,
) -> OperatorInfo:
    """A new staff account with a fresh badge; recorded in the audit log as ``actor``."""
    name = name.strip()
    if not name:
        raise OperatorError("staff.name_empty")
    problem = length_problem(name, operators.c.name, "field.operator_name")
    if problem:
        raise OperatorError("text.too_long", **problem)
    try:
        parsed_role = Role(role)
    except ValueError:
        raise OperatorError("staff.unknown_role", role=repr(role)) from None
    if len(password) < 4:
        raise OperatorError("staff.password_too_short")
    with environment_errors(), write_transaction(engine) as conn:
        authorise_staff_change(conn, actor)
        assert actor is not None  # authorise_staff_change refuses None
        if _standing(conn, name) is not None:  # a disabled account keeps its name
            raise OperatorError("staff.exists", name=name)
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
        audit.record(conn, clock(), actor.name, "operator.add", name, {"role": parsed_role.value})
    return OperatorInfo(new_id, name, parsed_role, badge)


def disable_operator(
    engine: Engine, name: str, clock: Clock = utc_now, *, actor: Actor | None
) -> None:
    """An operator who left: no more logins or scans; their history stays theirs."""
    _change_active_operator(engine, name, {"active": False}, "operator.disable", clock, actor)


def new_badge(engine: Engine, name: str, clock: Clock = utc_now, *, actor: Actor | None) -> str:
    """A fresh badge code (the old badge stops working at once): for a lost badge."""
    badge = new_badge_code()
    _change_active_operator(engine, name, {"badge_code": badge}, "operator.new_badge", clock, actor)
    return badge


def _change_active_operator(
    engine: Engine,
    name: str,
    values: dict[str, object],
    action: str,
    clock: Clock,
    actor: Actor | None,
) -> None:
    with environment_errors(), write_transaction(engine) as conn:
        authorise_staff_change(conn, actor)
        assert actor is not None
        changed = conn.execute(
            operators.update()
            .where(operators.c.name == name.strip(), operators.c.active.is_(True))
            .values(**values)
        ).rowcount
        if not changed:
            raise OperatorError("staff.no_active", name=name)
        audit.record(conn, clock(), actor.name, action, name)


def is_disabled(conn: Connection, name: str) -> bool:
    """Whether ``name`` is an account that was disabled (and no active one has the name).

    Lets a station refuse a disabled operator by saying so, rather than
    calling them unknown.
    """
    return _standing(conn, name) is False


def _standing(conn: Connection, name: str) -> bool | None:
    """True: an active account; False: a disabled one; None: no such name (names are unique)."""
    active: bool | None = conn.execute(
        select(operators.c.active).where(operators.c.name == name.strip())
    ).scalar()
    return active


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
