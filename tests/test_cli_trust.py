"""The command line acts for an operator only when that operator proves it.

``customer export/erase``, ``settings set``, ``restore`` and (once an admin
exists) the ``user`` commands need ``--operator NAME`` and that operator's
password; the service then checks the role. Every refusal is one clear line,
a non-zero exit and no change. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from yinglou_desk.cli.acting import AUTH_FAILED
from yinglou_desk.services.staff.audit import command_line_actor
from yinglou_desk.services.staff.auth import MAX_FAILURES
from yinglou_desk.services.staff.operators import add_operator
from yinglou_desk.storage.models import AuditLog, Customer, Operator

from .helpers.cli import run_cli
from .helpers.studio import make_studio

pytestmark = pytest.mark.slow

ADMIN, ADMIN_PASSWORD = "管理员", "admin-secret"


@pytest.fixture
def studio(engine, clock):
    studio = make_studio(engine, clock)  # 小李 sorter, 小张 desk, 王店长 manager; password 1234
    studio.add_order("T-1", ["T1"], customer="林晓雨", phone="13700007777")
    return studio


@pytest.fixture
def admin(studio, engine, clock):
    studio.operators[ADMIN] = add_operator(
        engine, ADMIN, "admin", ADMIN_PASSWORD, clock=clock, actor=command_line_actor()
    )
    return studio.operators[ADMIN]


def _as(password: str) -> dict[str, str]:
    return {"YINGLOU_PASSWORD": password}


def _customer_name(engine) -> str:
    with engine.connect() as conn:
        return conn.execute(select(Customer.name)).scalar_one()


def _audit(engine) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(AuditLog.action, AuditLog.operator_name))]


@pytest.mark.usefixtures("studio")
def test_a_named_manager_must_prove_it_to_erase_a_customer(engine, db_url) -> None:
    erase = ("customer", "erase", "T-1", "--operator", "王店长", "--yes", "--db", db_url)

    no_password = run_cli(*erase)
    assert no_password.code == 2
    assert "需要 王店长 的密码" in no_password.err
    assert "YINGLOU_PASSWORD" in no_password.err
    assert "--password-stdin" in no_password.err
    wrong = run_cli(*erase, env=_as("guess"))
    assert wrong.code == AUTH_FAILED
    assert "身份验证失败" in wrong.err
    assert "未做任何更改" in wrong.err
    assert "guess" not in wrong.err
    assert _customer_name(engine) == "林晓雨"  # nothing changed

    done = run_cli(*erase, env=_as("1234"))
    assert done.code == 0, done.err
    assert _customer_name(engine).startswith("已删除客户")
    assert ("customer.erase", "王店长") in _audit(engine)  # the verified operator's name


@pytest.mark.usefixtures("studio")
def test_a_sorter_with_her_own_password_is_still_refused_by_the_service(
    engine, db_url, tmp_path
) -> None:
    out = tmp_path / "customer.json"
    exported = run_cli(
        "customer", "export", "T-1", "-o", str(out), "--operator", "小李", "--db", db_url,
        env=_as("1234"),
    )  # fmt: skip
    assert exported.code == AUTH_FAILED, exported.err
    assert "无权" in exported.err
    assert not out.exists()
    erased = run_cli(
        "customer", "erase", "T-1", "--operator", "小张", "--yes", "--db", db_url, env=_as("1234")
    )
    assert erased.code == AUTH_FAILED
    assert "无权" in erased.err
    assert _customer_name(engine) == "林晓雨"
    assert not [a for a in _audit(engine) if a[0].startswith("customer.")]


@pytest.mark.usefixtures("studio")
def test_the_password_may_come_on_stdin(engine, db_url, tmp_path) -> None:
    out = tmp_path / "customer.json"
    run = run_cli(
        "customer", "export", "T-1", "-o", str(out), "--operator", "小张", "--password-stdin",
        "--db", db_url, stdin="1234\n",
    )  # fmt: skip
    assert run.code == 0, run.err
    assert json.loads(out.read_text(encoding="utf-8"))["customer"]["name"] == "林晓雨"
    assert ("customer.export", "小张") in _audit(engine)
    missing = run_cli("customer", "export", "T-1", "-o", str(out), "--db", db_url)
    assert missing.code == 2
    assert "--operator" in missing.err


@pytest.mark.usefixtures("studio")
def test_repeated_wrong_passwords_lock_the_account_as_at_the_desk(engine, db_url) -> None:
    erase = ("customer", "erase", "T-1", "--operator", "王店长", "--yes", "--db", db_url)
    for _ in range(MAX_FAILURES):
        assert run_cli(*erase, env=_as("wrong")).code == AUTH_FAILED
    locked = run_cli(*erase, env=_as("1234"))  # even the right password, for a while
    assert locked.code == AUTH_FAILED
    assert "锁定" in locked.err
    assert _customer_name(engine) == "林晓雨"


@pytest.mark.usefixtures("studio")
def test_settings_are_changed_by_a_manager_who_proves_it(engine, db_url) -> None:
    change = ("settings", "set", "uncollected_days", "5", "--db", db_url)
    assert run_cli(*change).code == 2
    assert run_cli(*change, "--operator", "小张", env=_as("1234")).code == AUTH_FAILED
    done = run_cli(*change, "--operator", "王店长", env=_as("1234"))
    assert done.code == 0, done.err
    assert ("settings.change", "王店长") in _audit(engine)


@pytest.mark.usefixtures("studio")
def test_user_commands_need_no_password_until_an_admin_exists(engine, db_url) -> None:
    added = run_cli(
        "user", "add", ADMIN, "--role", "admin", "--password-stdin", "--db", db_url,
        stdin=ADMIN_PASSWORD + "\n",
    )  # fmt: skip
    assert added.code == 0, added.err  # first set-up: whoever runs it, as today

    refused = run_cli(
        "user", "add", "新人", "--role", "sorter", "--password-stdin", "--db", db_url,
        stdin="new-one\n",
    )  # fmt: skip
    assert refused.code == AUTH_FAILED
    assert "管理员" in refused.err
    manager = run_cli(
        "user", "add", "新人", "--role", "sorter", "--password-stdin", "--operator", "王店长",
        "--db", db_url, stdin="new-one\n", env=_as("1234"),
    )  # fmt: skip
    assert manager.code == AUTH_FAILED
    no_prompt = run_cli(
        "user", "add", "新人", "--role", "sorter", "--password-stdin", "--operator", ADMIN,
        "--db", db_url, stdin="new-one\n",
    )  # fmt: skip
    assert no_prompt.code == 2
    assert "标准输入已用于新员工的密码" in no_prompt.err
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Operator)).scalar_one() == 4

    done = run_cli(
        "user", "add", "新人", "--role", "sorter", "--password-stdin", "--operator", ADMIN,
        "--db", db_url, stdin="new-one\n", env=_as(ADMIN_PASSWORD),
    )  # fmt: skip
    assert done.code == 0, done.err and done.out.startswith("OP-")
    assert ("operator.add", ADMIN) in _audit(engine)


@pytest.mark.parametrize(
    "command",
    [("user", "disable", "小李"), ("user", "new-badge", "小李"), ("user", "badge", "小李")],
    ids=["disable", "new-badge", "badge"],
)
@pytest.mark.usefixtures("admin")
def test_once_an_admin_exists_every_user_command_is_hers(db_url, tmp_path, command) -> None:
    out = ("-o", str(tmp_path / "badge.png")) if command[1] == "badge" else ()
    run = (*command, *out, "--db", db_url)
    assert run_cli(*run).code == AUTH_FAILED
    assert run_cli(*run, "--operator", "王店长", env=_as("1234")).code == AUTH_FAILED
    assert run_cli(*run, "--operator", ADMIN, env=_as("wrong")).code == AUTH_FAILED
    assert not (tmp_path / "badge.png").exists()
    done = run_cli(*run, "--operator", ADMIN, env=_as(ADMIN_PASSWORD))
    assert done.code == 0, done.err


@pytest.mark.usefixtures("studio")
def test_a_disabled_operator_may_not_scan_or_listen(db_url) -> None:
    assert run_cli("user", "disable", "小李", "--db", db_url).code == 0  # no admin yet
    scan = run_cli("scan", "--station", "send-out", "--operator", "小李", "T1", "--db", db_url)
    assert scan.code == 2
    assert "员工 小李 已停用" in scan.err
    listen = run_cli(
        "listen", "--serial", "/dev/no-such-port", "--station", "check-in", "--operator", "小李",
        "--db", db_url,
    )  # fmt: skip
    assert listen.code == 2
    assert "员工 小李 已停用" in listen.err
    unknown = run_cli("scan", "--station", "send-out", "--operator", "无名", "T1", "--db", db_url)
    assert unknown.code == 2
    assert "没有名为 无名 的员工" in unknown.err


@pytest.fixture
def sqlite_url(tmp_path, sqlite_template) -> str:
    """``restore`` replaces a SQLite file (PostgreSQL restores with its own tools)."""
    path = tmp_path / "live.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


def test_restore_needs_an_admin_who_proves_it(sqlite_url, tmp_path) -> None:
    live = Path(sqlite_url.removeprefix("sqlite:///"))
    setup = run_cli(
        "user", "add", ADMIN, "--role", "admin", "--password-stdin", "--db", sqlite_url,
        stdin=ADMIN_PASSWORD + "\n",
    )  # fmt: skip
    assert setup.code == 0, setup.err
    backup = tmp_path / "backup.db"
    assert run_cli("backup", "-o", str(backup), "--db", sqlite_url).code == 0
    before = live.read_bytes()

    assert run_cli("restore", str(backup), "--db", sqlite_url).code == 2
    wrong = run_cli(
        "restore", str(backup), "--operator", ADMIN, "--db", sqlite_url, env=_as("wrong")
    )
    assert wrong.code == AUTH_FAILED
    assert live.read_bytes()[:100] == before[:100]
    done = run_cli(
        "restore", str(backup), "--operator", ADMIN, "--db", sqlite_url, env=_as(ADMIN_PASSWORD)
    )
    assert done.code == 0, done.err


def test_restore_onto_a_missing_database_checks_the_backups_accounts(sqlite_url, tmp_path) -> None:
    setup = run_cli(
        "user", "add", ADMIN, "--role", "admin", "--password-stdin", "--db", sqlite_url,
        stdin=ADMIN_PASSWORD + "\n",
    )  # fmt: skip
    assert setup.code == 0, setup.err
    backup = tmp_path / "backup.db"
    assert run_cli("backup", "-o", str(backup), "--db", sqlite_url).code == 0
    fresh = tmp_path / "new-pc" / "yinglou.db"
    fresh.parent.mkdir()
    target = f"sqlite:///{fresh}"
    wrong = run_cli("restore", str(backup), "--operator", ADMIN, "--db", target, env=_as("x"))
    assert wrong.code == AUTH_FAILED
    assert not fresh.exists()
    unchanged = backup.read_bytes()
    done = run_cli(
        "restore", str(backup), "--operator", ADMIN, "--db", target, env=_as(ADMIN_PASSWORD)
    )
    assert done.code == 0, done.err
    assert backup.read_bytes() == unchanged  # checking did not write to the backup


@pytest.mark.usefixtures("studio")
def test_a_number_setting_out_of_range_is_refused_not_stored(db_url) -> None:
    """An enormous number once saved made every later ``due`` overflow."""
    for value in ("99999999999999999999", "-5"):
        run = run_cli(
            "settings", "set", "uncollected_days", value, "--operator", "王店长", "--db", db_url,
            env=_as("1234"),
        )  # fmt: skip
        assert run.code == 2, run.err
        assert "须为 0 到 365 之间的整数" in run.err
    assert run_cli("due", "--db", db_url).code == 0
