"""Logging in: passwords hashed slowly, lock-out after repeated failures, badges unguessable."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from yinglou_desk.services.staff.auth import (
    MAX_FAILURES,
    LoginFailed,
    login_by_badge,
    login_with_password,
)
from yinglou_desk.storage.models import Operator

from .helpers.studio import make_studio


def test_lock_out_after_repeated_wrong_passwords(engine, clock) -> None:
    studio = make_studio(engine, clock)
    assert login_with_password(engine, "小李", "1234", clock).name == "小李"
    for _ in range(MAX_FAILURES):
        with pytest.raises(LoginFailed, match="姓名或密码不对"):
            login_with_password(engine, "小李", "wrong", clock)
    with pytest.raises(LoginFailed, match="锁定"):
        login_with_password(engine, "小李", "1234", clock)  # even the right password
    badge = studio.operators["小李"].badge_code
    assert login_by_badge(engine, badge).name == "小李"  # the badge still works
    clock.advance(minutes=16)
    assert login_with_password(engine, "小李", "1234", clock).name == "小李"
    with engine.connect() as conn:
        row = conn.execute(select(Operator).where(Operator.name == "小李")).one()
    assert row.failed_logins == 0


def test_a_success_resets_the_count(engine, clock) -> None:
    make_studio(engine, clock)
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(LoginFailed):
            login_with_password(engine, "小张", "nope", clock)
    login_with_password(engine, "小张", "1234", clock)
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(LoginFailed):
            login_with_password(engine, "小张", "nope", clock)
    assert login_with_password(engine, "小张", "1234", clock).name == "小张"


def test_unknown_names_and_badges_say_nothing_useful(engine, clock) -> None:
    make_studio(engine, clock)
    with pytest.raises(LoginFailed, match="姓名或密码不对"):
        login_with_password(engine, "nobody", "1234", clock)
    with pytest.raises(LoginFailed):
        login_by_badge(engine, "OP-AAAAAAAAAAAA")


def test_passwords_are_stored_as_slow_salted_hashes(engine, clock) -> None:
    make_studio(engine, clock)
    with engine.connect() as conn:
        hashes = conn.execute(select(Operator.password_hash)).scalars().all()
        badges = conn.execute(select(Operator.badge_code)).scalars().all()
    assert all(h.startswith("scrypt$16384$") and "1234" not in h for h in hashes)
    assert len(set(hashes)) == len(hashes)  # same password, different salt
    assert len(set(badges)) == len(badges)
    assert all(len(b) == 15 for b in badges)


def test_a_lost_badge_and_an_operator_who_left(engine, clock, db_url) -> None:
    from .helpers.cli import run_cli

    studio = make_studio(engine, clock)
    old = studio.operators["小李"].badge_code
    run = run_cli("user", "new-badge", "小李", "--db", db_url)
    assert run.code == 0, run.err
    new = run.out.strip()
    assert new.startswith("OP-")
    assert new != old
    with pytest.raises(LoginFailed):
        login_by_badge(engine, old)
    assert login_by_badge(engine, new).name == "小李"
    assert run_cli("user", "disable", "小李", "--db", db_url).code == 0
    with pytest.raises(LoginFailed):
        login_by_badge(engine, new)
    scan = run_cli("scan", "--station", "check-in", "--operator", "小李", "X", "--db", db_url)
    assert scan.code == 2
    assert "员工 小李 已停用" in scan.err  # disabled, not "unknown"
    assert run_cli("user", "disable", "小李", "--db", db_url).code == 2
