"""Logging in at the desk: by badge scan (the normal way) or by name and password.

Both return the same :class:`OperatorInfo` the scan service needs. A password
check is deliberately slow (scrypt), so callers run it off the GUI thread.
"""

from __future__ import annotations

from typing import cast

from sqlalchemy import Engine, Table, select

from ..domain.codes import InvalidCode, is_badge_code, normalize_code
from ..domain.passwords import verify_password
from ..domain.roles import Role
from ..storage.errors import environment_errors
from ..storage.models import Operator
from .operators import OperatorInfo, find_operator_by_badge

operators = cast(Table, Operator.__table__)


class LoginFailed(ValueError):
    """Wrong badge, name or password; the text is safe to show (it never says which)."""


def login_by_badge(engine: Engine, raw_code: str) -> OperatorInfo:
    try:
        code = normalize_code(raw_code)
    except InvalidCode:
        raise LoginFailed("工牌无效 / invalid badge") from None
    if not is_badge_code(code):
        raise LoginFailed("这不是员工工牌 / this is not an operator badge")
    with environment_errors(), engine.connect() as conn:
        operator = find_operator_by_badge(conn, code)
    if operator is None:
        raise LoginFailed("工牌未登记或已停用 / badge unknown or disabled")
    return operator


def login_with_password(engine: Engine, name: str, password: str) -> OperatorInfo:
    with environment_errors(), engine.connect() as conn:
        row = conn.execute(
            select(
                operators.c.id,
                operators.c.name,
                operators.c.role,
                operators.c.badge_code,
                operators.c.password_hash,
            ).where(operators.c.name == name.strip(), operators.c.active.is_(True))
        ).first()
    if row is None or not verify_password(password, row.password_hash):
        raise LoginFailed("姓名或密码不对 / wrong name or password")
    return OperatorInfo(row.id, row.name, Role(row.role), row.badge_code)
