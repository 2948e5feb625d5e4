"""Log-ins on phones: who is scanning with which phone, until when.

A log-in proves the person (badge or password, as at the desk) and the phone (its
key); it gives the phone a session token (kept in a cookie; only its SHA-256 is
stored) and a CSRF token every write must carry. A session ends after
``SESSION_HOURS``, after ``IDLE_MINUTES`` without a request, at log-out, when the
phone is revoked or the operator disabled. Sessions live in the database, so the
server can restart in the middle of a batch without logging anyone out.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, select

from yinglou_desk.domain.records import OperatorInfo
from yinglou_desk.domain.roles import Role
from yinglou_desk.services.clock import Clock, utc_now
from yinglou_desk.services.phones.registry import (
    PhoneRefused,
    key_hash,
    phone_by_key,
    register_phone,
)
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.storage.errors import environment_errors
from yinglou_desk.storage.tables import operators, phone_sessions, phones

SESSION_HOURS = 12
IDLE_MINUTES = 30
_TOUCH_EVERY = timedelta(seconds=60)  # a scan a second must not write "last seen" a second


@dataclass(frozen=True)
class PhoneSession:
    """One log-in: the operator (with their role, for every check) and the phone, whose
    name is the workstation every scan from it is recorded with."""

    id: int
    phone_id: int
    phone_name: str
    operator: OperatorInfo
    csrf: str
    expires_at: datetime


@dataclass(frozen=True)
class Opened:
    """A new log-in: the token to put in the cookie, and the session."""

    token: str
    session: PhoneSession


def new_key() -> str:
    """A phone's key, or a session's token: 256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


def open_session(
    engine: Engine,
    operator: OperatorInfo,
    phone_key: str,
    *,
    phone_name: str | None,
    address: str,
    clock: Clock = utc_now,
) -> Opened:
    """Log ``operator`` in on the phone with ``phone_key``.

    A phone never seen is registered (named ``phone_name``) and refused until a manager
    approves it (``phone_web.awaiting_approval``); the registration is kept, so the
    manager sees it on the desk. A revoked phone is refused (``phone_web.revoked``).
    """
    now = clock()
    with environment_errors(), write_transaction(engine) as conn:
        phone = phone_by_key(conn, phone_key)
        if phone is None:  # registered now; committed with this transaction, refused after
            register_phone(conn, phone_key, phone_name or operator.name, address, now)
            refused = PhoneRefused("phone_web.awaiting_approval")
        elif phone.status == "approved":
            return Opened(*_start(conn, phone.id, phone.name, operator, address, now))
        elif phone.status == "revoked":
            refused = PhoneRefused("phone_web.revoked", phone=phone.name)
        else:
            refused = PhoneRefused("phone_web.awaiting_approval")
    raise refused


def _start(
    conn: Connection,
    phone_id: int,
    phone_name: str,
    operator: OperatorInfo,
    address: str,
    now: datetime,
) -> tuple[str, PhoneSession]:
    token, csrf = new_key(), new_key()
    expires = now + timedelta(hours=SESSION_HOURS)
    session_id = conn.execute(
        phone_sessions.insert()
        .values(
            token_hash=key_hash(token),
            phone_id=phone_id,
            operator_id=operator.id,
            csrf=csrf,
            created_at=now,
            expires_at=expires,
            last_used_at=now,
        )
        .returning(phone_sessions.c.id)
    ).scalar_one()
    conn.execute(
        phones.update()
        .where(phones.c.id == phone_id)
        .values(last_seen_at=now, last_operator=operator.name, last_address=address[:64])
    )
    return token, PhoneSession(session_id, phone_id, phone_name, operator, csrf, expires)


_SESSION = (
    select(
        phone_sessions.c.id,
        phone_sessions.c.phone_id,
        phone_sessions.c.csrf,
        phone_sessions.c.expires_at,
        phone_sessions.c.last_used_at,
        phones.c.name.label("phone_name"),
        phones.c.approved_at,
        phones.c.revoked_at,
        operators.c.id.label("operator_id"),
        operators.c.name.label("operator_name"),
        operators.c.role,
        operators.c.badge_code,
        operators.c.active,
    )
    .join(phones, phones.c.id == phone_sessions.c.phone_id)
    .join(operators, operators.c.id == phone_sessions.c.operator_id)
    .where(phone_sessions.c.ended_at.is_(None))
)


def session_for(
    engine: Engine, token: str | None, *, address: str = "", clock: Clock = utc_now
) -> PhoneSession | None:
    """The live session of this token, or None (never was, ended, expired, idle too long,
    the phone revoked or the operator disabled since)."""
    if not token:
        return None
    now = clock()
    with environment_errors(), engine.connect() as conn:
        row = conn.execute(_SESSION.where(phone_sessions.c.token_hash == key_hash(token))).first()
    if row is None:
        return None
    idle_since = row.last_used_at + timedelta(minutes=IDLE_MINUTES)
    if (
        row.expires_at <= now
        or idle_since <= now
        or row.revoked_at is not None
        or row.approved_at is None
        or not row.active
    ):
        return None
    if now - row.last_used_at >= _TOUCH_EVERY:
        with environment_errors(), write_transaction(engine) as conn:
            conn.execute(
                phone_sessions.update()
                .where(phone_sessions.c.id == row.id)
                .values(last_used_at=now)
            )
            values: dict[str, object] = {"last_seen_at": now, "last_operator": row.operator_name}
            if address:
                values["last_address"] = address[:64]
            conn.execute(phones.update().where(phones.c.id == row.phone_id).values(**values))
    operator = OperatorInfo(row.operator_id, row.operator_name, Role(row.role), row.badge_code)
    return PhoneSession(row.id, row.phone_id, row.phone_name, operator, row.csrf, row.expires_at)


def end_session(engine: Engine, token: str | None, clock: Clock = utc_now) -> None:
    """Log-out: the token is worth nothing from now on."""
    if not token:
        return
    with environment_errors(), write_transaction(engine) as conn:
        conn.execute(
            phone_sessions.update()
            .where(
                phone_sessions.c.token_hash == key_hash(token),
                phone_sessions.c.ended_at.is_(None),
            )
            .values(ended_at=clock())
        )


def csrf_matches(session: PhoneSession, sent: str | None) -> bool:
    """Every write carries the session's CSRF token in a header a foreign page cannot set."""
    return bool(sent) and secrets.compare_digest(session.csrf, sent or "")
