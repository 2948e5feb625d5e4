"""Staff accounts: adding operators, finding them, badges, passwords — and who may change them.

Every change to an account goes through :func:`authorise_staff_change`: while
the studio is being set up (no admin yet) the command line's own stand-in may
act; afterwards only an admin's own account. The last active admin cannot be
disabled: a studio without one could never manage its staff again.
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

    Always an admin's role (a manager or sorter at the desk is refused even
    before the studio has an admin). First set-up (no active admin yet): the
    command line's stand-in too. Afterwards: an active admin *account* — the
    command line's stand-in (no account behind it) is refused, so ``user add``
    on a studio that has an admin needs that admin's password.
    """
    if actor is None:
        raise NotPermitted(catalogue.text("auth.login_first"))
    require(actor, Permission.MANAGE_OPERATORS)
    if not admin_exists(conn):
        return
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
    """An operator who left: no more logins or scans; their history stays theirs.

    The last active admin is refused (``staff.last_admin``), whoever asks.
    """
    _change_active_operator(engine, name, {"active": False}, "operator.disable", clock, actor)


def enable_operator(
    engine: Engine, name: str, clock: Clock = utc_now, *, actor: Actor | None
) -> None:
    """A disabled operator back at work, with the badge and password they had."""
    with environment_errors(), write_transaction(engine) as conn:
        authorise_staff_change(conn, actor)
        assert actor is not None
        if _standing(conn, name) is not False:
            raise OperatorError("staff.not_disabled", name=name)
        conn.execute(
            operators.update()
            .where(operators.c.name == name.strip())
            .values(active=True, failed_logins=0, locked_until=None)
        )
        audit.record(conn, clock(), actor.name, "operator.enable", name.strip())


def reset_password(
    engine: Engine, name: str, password: str, clock: Clock = utc_now, *, actor: Actor | None
) -> None:
    """A new password for an active operator who forgot theirs; a lock-out ends with it."""
    if len(password) < 4:
        raise OperatorError("staff.password_too_short")
    values = {"password_hash": hash_password(password), "failed_logins": 0, "locked_until": None}
    _change_active_operator(engine, name, values, "operator.reset_password", clock, actor)


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
        had_admin = False
        if values.get("active") is False:  # two admins disabling each other: one waits
            had_admin = bool(
                conn.execute(
                    select(operators.c.id)
                    .where(operators.c.role == Role.ADMIN.value, operators.c.active.is_(True))
                    .with_for_update()
                ).all()
            )
        changed = conn.execute(
            operators.update()
            .where(operators.c.name == name.strip(), operators.c.active.is_(True))
            .values(**values)
        ).rowcount
        if not changed:
            raise OperatorError("staff.no_active", name=name)
        if had_admin and not admin_exists(conn):  # the last admin: rolled back
            raise OperatorError("staff.last_admin", name=name.strip())
        audit.record(conn, clock(), actor.name, action, name.strip())


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


def demo_badge_codes(engine: Engine, names: list[str]) -> dict[str, str]:
    """The badge codes of accounts the demo just created, to print beside their passwords
    (the demo acts with the database's own authority; nobody else needs this)."""
    if not names:
        return {}
    with environment_errors(), engine.connect() as conn:
        rows = conn.execute(
            select(operators.c.name, operators.c.badge_code).where(operators.c.name.in_(names))
        ).all()
    return {row.name: row.badge_code for row in rows}
