"""``yinglou-desk user list`` and the demo's accounts with their badge codes, through the real
program on SQLite and PostgreSQL."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from yinglou_desk.cli.acting import AUTH_FAILED
from yinglou_desk.services.staff.audit import command_line_actor
from yinglou_desk.services.staff.operators import add_operator, disable_operator
from yinglou_desk.storage.models import Operator

from .helpers.cli import run_cli
from .helpers.studio import make_studio

pytestmark = pytest.mark.slow


def _badges(engine) -> dict[str, str]:
    with engine.connect() as conn:
        return dict(conn.execute(select(Operator.name, Operator.badge_code)).all())


def test_user_list_is_the_command_lines_until_an_admin_exists_then_hers(
    engine, clock, db_url
) -> None:
    make_studio(engine, clock)  # 小李 sorter, 小张 desk, 王店长 manager; no admin yet
    first = run_cli("user", "list", "--json", "--db", db_url)
    assert first.code == 0, first.err
    badges = _badges(engine)
    assert sorted(first.json(), key=lambda m: m["name"]) == sorted(
        [
            {"name": name, "role": role, "active": True, "badge": badges[name]}
            for name, role in (("小李", "sorter"), ("小张", "desk"), ("王店长", "manager"))
        ],
        key=lambda m: m["name"],
    )

    admin = add_operator(
        engine, "管理员", "admin", "admin-pw", clock=clock, actor=command_line_actor()
    )
    add_operator(engine, "二号", "admin", "pw-2", clock=clock, actor=admin)
    disable_operator(engine, "小李", clock=clock, actor=admin)
    assert run_cli("user", "list", "--json", "--db", db_url).code == AUTH_FAILED
    manager = run_cli(
        "user", "list", "--operator", "王店长", "--db", db_url, env={"YINGLOU_PASSWORD": "1234"}
    )
    assert manager.code == AUTH_FAILED
    assert manager.out == ""  # no badge code leaks to a manager

    listed = run_cli(
        "user", "list", "--json", "--operator", "管理员", "--db", db_url,
        env={"YINGLOU_PASSWORD": "admin-pw"},
    )  # fmt: skip
    assert listed.code == 0, listed.err
    members = {m["name"]: m for m in listed.json()}
    assert set(members) == {"小李", "小张", "王店长", "管理员", "二号"}
    assert members["小李"] == {
        "name": "小李",
        "role": "sorter",
        "active": False,
        "badge": _badges(engine)["小李"],
    }
    assert listed.json()[-1]["name"] == "小李"  # the disabled come last

    text = run_cli(
        "user", "list", "--operator", "管理员", "--db", db_url, env={"YINGLOU_PASSWORD": "admin-pw"}
    )
    assert text.code == 0, text.err
    assert f"小李\t理件员\t已停用\t{_badges(engine)['小李']}" in text.out.splitlines()


def test_the_demo_prints_each_new_account_with_its_badge_code(engine, db_url) -> None:
    run = run_cli("demo", "--orders", "20", "--seed", "2", "--db", db_url)
    assert run.code == 0, run.err
    badges = _badges(engine)
    said = re.findall(r"演示账号：(\S+)（.+?）密码 (\S+)，工牌条码 (\S+)", run.err)
    assert {name: badge for name, _password, badge in said} == badges
    assert len(said) == 4
    again = run_cli("demo", "--orders", "5", "--seed", "3", "--db", db_url)
    assert "演示账号" not in again.err  # only accounts this run created
