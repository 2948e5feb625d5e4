"""Which phones may scan for the studio: registered on their first log-in, approved by a
manager on the desk, revoked when lost or when a member of staff leaves.

A phone is known by a random key its browser keeps in a cookie; only the key's SHA-256
is stored, so a copy of the database cannot impersonate a phone. Approving and revoking
are rights of managers (``Permission.CHANGE_SETTINGS``), checked here, and audit-logged;
revoking ends the phone's sessions at once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, select

from yinglou_desk.domain.roles import Actor, Permission, require
from yinglou_desk.domain.wording import WordedError
from yinglou_desk.services.clock import Clock, utc_now
from yinglou_desk.services.staff.audit import record
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.storage.errors import environment_errors
from yinglou_desk.storage.tables import phone_sessions, phones

NAME_LIMIT = 40


class PhoneRefused(WordedError):
    """A phone that may not scan (yet): waiting for approval, revoked, or unknown."""


@dataclass(frozen=True)
class PhoneInfo:
    id: int
    name: str
    registered_at: datetime
    approved_at: datetime | None
    approved_by: str | None
    revoked_at: datetime | None
    last_seen_at: datetime | None
    last_operator: str | None
    last_address: str | None

    @property
    def status(self) -> str:
        """``waiting`` (for a manager's approval), ``approved`` or ``revoked``."""
        if self.revoked_at is not None:
            return "revoked"
        return "approved" if self.approved_at is not None else "waiting"


def key_hash(key: str) -> str:
    """What the database keeps of a phone's key or a session's token."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _info(row: Any) -> PhoneInfo:
    return PhoneInfo(
        id=row.id,
        name=row.name,
        registered_at=row.registered_at,
        approved_at=row.approved_at,
        approved_by=row.approved_by,
        revoked_at=row.revoked_at,
        last_seen_at=row.last_seen_at,
        last_operator=row.last_operator,
        last_address=row.last_address,
    )


_COLUMNS = (
    phones.c.id,
    phones.c.name,
    phones.c.registered_at,
    phones.c.approved_at,
    phones.c.approved_by,
    phones.c.revoked_at,
    phones.c.last_seen_at,
    phones.c.last_operator,
    phones.c.last_address,
)


def list_phones(engine: Engine) -> list[PhoneInfo]:
    """Every phone ever registered: waiting ones first (a manager has something to do),
    then by when they were last seen."""
    with environment_errors(), engine.connect() as conn:
        rows = conn.execute(select(*_COLUMNS).order_by(phones.c.id)).all()
    found = [_info(row) for row in rows]
    order = {"waiting": 0, "approved": 1, "revoked": 2}
    return sorted(
        found,
        key=lambda p: (order[p.status], -(p.last_seen_at or p.registered_at).timestamp()),
    )


def phone_by_key(conn: Connection, key: str) -> PhoneInfo | None:
    row = conn.execute(select(*_COLUMNS).where(phones.c.key_hash == key_hash(key))).first()
    return None if row is None else _info(row)


def register_phone(
    conn: Connection, key: str, wanted_name: str, address: str, now: datetime
) -> int:
    """A phone's first log-in: it is recorded, waiting for a manager's approval. Two phones
    never share a name (the name is the workstation their scans carry): a taken name gets
    a number (小李的手机 2)."""
    base = " ".join(wanted_name.split())[:NAME_LIMIT] or "phone"
    name, n = base, 1
    taken = set(
        conn.execute(select(phones.c.name).where(phones.c.name.like(f"{base[:30]}%"))).scalars()
    )
    while name in taken:
        n += 1
        suffix = f" {n}"
        name = base[: NAME_LIMIT - len(suffix)] + suffix
    return int(
        conn.execute(
            phones.insert()
            .values(
                name=name,
                key_hash=key_hash(key),
                registered_at=now,
                registered_address=address[:64],
                last_seen_at=now,
                last_address=address[:64],
            )
            .returning(phones.c.id)
        ).scalar_one()
    )


def approve_phone(
    engine: Engine, actor: Actor | None, phone_id: int, clock: Clock = utc_now
) -> None:
    """A manager lets a registered phone scan (again, after a revoke: it is a new decision)."""
    with _managers_decision(engine, actor, phone_id, clock, "phone.approve") as (conn, now, who):
        conn.execute(
            phones.update()
            .where(phones.c.id == phone_id)
            .values(approved_at=now, approved_by=who, revoked_at=None, revoked_by=None)
        )


def revoke_phone(
    engine: Engine, actor: Actor | None, phone_id: int, clock: Clock = utc_now
) -> None:
    """A lost phone, or one of someone who left: it scans no more, and every log-in on it
    ends now (the next request is refused)."""
    with _managers_decision(engine, actor, phone_id, clock, "phone.revoke") as (conn, now, who):
        conn.execute(
            phones.update().where(phones.c.id == phone_id).values(revoked_at=now, revoked_by=who)
        )
        conn.execute(
            phone_sessions.update()
            .where(phone_sessions.c.phone_id == phone_id, phone_sessions.c.ended_at.is_(None))
            .values(ended_at=now)
        )


@contextmanager
def _managers_decision(
    engine: Engine, actor: Actor | None, phone_id: int, clock: Clock, action: str
) -> Iterator[tuple[Connection, datetime, str]]:
    """A manager's change to one phone: the right checked first, then one transaction
    that finds the phone, makes the change and writes the audit line with it."""
    require(actor, Permission.CHANGE_SETTINGS)
    assert actor is not None
    now = clock()
    with environment_errors(), write_transaction(engine) as conn:
        name = _name_of(conn, phone_id)
        yield conn, now, actor.name[:64]
        record(conn, now, actor.name, action, name)


def find_phone(engine: Engine, name_or_id: str) -> PhoneInfo:
    """A phone by its number in the list or its name (the command line)."""
    with environment_errors(), engine.connect() as conn:
        query = select(*_COLUMNS)
        if name_or_id.isdigit():
            row = conn.execute(query.where(phones.c.id == int(name_or_id))).first()
        else:
            row = conn.execute(query.where(phones.c.name == name_or_id.strip())).first()
    if row is None:
        raise PhoneRefused("phone_web.no_such_phone", phone=name_or_id)
    return _info(row)


def _name_of(conn: Connection, phone_id: int) -> str:
    name = conn.execute(select(phones.c.name).where(phones.c.id == phone_id)).scalar()
    if name is None:
        raise PhoneRefused("phone_web.no_such_phone", phone=str(phone_id))
    return str(name)
