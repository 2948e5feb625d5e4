"""Logging in at the desk: by badge scan (the normal way) or by name and password.

Both return the same :class:`OperatorInfo` the scan service needs. A password
check is deliberately slow (scrypt), so callers run it off the GUI thread.
After ``MAX_FAILURES`` wrong passwords in a row an account is locked for
``LOCK_MINUTES`` (a badge scan still works: the badge is the physical key).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine, select

from yinglou_desk.domain.codes import InvalidCode, is_badge_code, normalize_code
from yinglou_desk.domain.passwords import verify_password
from yinglou_desk.domain.roles import Role
from yinglou_desk.domain.wording import WordedError
from yinglou_desk.services.clock import Clock, utc_now
from yinglou_desk.services.staff.operators import OperatorInfo, find_operator_by_badge
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.storage.errors import environment_errors
from yinglou_desk.storage.tables import operators

MAX_FAILURES = 5
LOCK_MINUTES = 15


class LoginFailed(WordedError, ValueError):
    """Wrong badge, name or password; the text is safe to show (it never says which)."""


def login_by_badge(engine: Engine, raw_code: str) -> OperatorInfo:
    try:
        code = normalize_code(raw_code)
    except InvalidCode:
        raise LoginFailed("staff.badge_invalid") from None
    if not is_badge_code(code):
        raise LoginFailed("staff.not_a_badge")
    with environment_errors(), engine.connect() as conn:
        operator = find_operator_by_badge(conn, code)
    if operator is None:
        raise LoginFailed("staff.badge_unknown")
    return operator


def login_with_password(
    engine: Engine, name: str, password: str, clock: Clock = utc_now
) -> OperatorInfo:
    now = clock()
    with environment_errors(), engine.connect() as conn:
        row = conn.execute(
            select(
                operators.c.id,
                operators.c.name,
                operators.c.role,
                operators.c.badge_code,
                operators.c.password_hash,
                operators.c.failed_logins,
                operators.c.locked_until,
            ).where(operators.c.name == name.strip(), operators.c.active.is_(True))
        ).first()
    if row is None:
        verify_password(password, _DUMMY_HASH)  # same time as a real check: names stay secret
        raise LoginFailed("login.wrong")
    if row.locked_until is not None and row.locked_until > now:
        minutes = int((row.locked_until - now).total_seconds() // 60) + 1
        raise LoginFailed("login.locked", minutes=minutes)
    if not verify_password(password, row.password_hash):
        _record_failure(engine, row.id, now)
        raise LoginFailed("login.wrong")
    if row.failed_logins:
        with environment_errors(), write_transaction(engine) as conn:
            conn.execute(
                operators.update()
                .where(operators.c.id == row.id)
                .values(failed_logins=0, locked_until=None)
            )
    return OperatorInfo(row.id, row.name, Role(row.role), row.badge_code)


def _record_failure(engine: Engine, operator_id: int, now: datetime) -> None:
    """Count a wrong password (atomically, so two PCs cannot both miss one)."""
    with environment_errors(), write_transaction(engine) as conn:
        failures = conn.execute(
            operators.update()
            .where(operators.c.id == operator_id)
            .values(failed_logins=operators.c.failed_logins + 1)
            .returning(operators.c.failed_logins)
        ).scalar_one()
        if failures >= MAX_FAILURES:
            conn.execute(
                operators.update()
                .where(operators.c.id == operator_id)
                .values(failed_logins=0, locked_until=now + timedelta(minutes=LOCK_MINUTES))
            )


_DUMMY_HASH = (
    "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
)
