"""Roles enforced in the services themselves, not only by hiding buttons."""

from __future__ import annotations

import pytest

from yinglou_desk.domain.roles import NotPermitted
from yinglou_desk.services.labels.jobs import produce_badge
from yinglou_desk.services.orders.importing import import_orders
from yinglou_desk.services.orders.privacy import erase_customer, export_customer
from yinglou_desk.services.reconciliation.matching import reconcile_statement
from yinglou_desk.services.settings.studio import save_settings
from yinglou_desk.services.settings.vendors import add_or_update_vendor
from yinglou_desk.services.staff.audit import command_line_actor
from yinglou_desk.services.staff.operators import add_operator, disable_operator, new_badge

from .helpers.spreadsheets import openpyxl_xlsx
from .helpers.studio import make_studio


@pytest.fixture
def studio(engine, clock):
    studio = make_studio(engine, clock)
    studio.add_order("R-1", ["R1"])
    studio.operators["管理员"] = add_operator(
        engine, "管理员", "admin", "secret", clock=clock, actor=command_line_actor()
    )
    return studio


def test_each_role_may_do_its_work_and_nothing_more(studio, engine, tmp_path) -> None:
    sorter, desk = studio.operators["小李"], studio.operators["小张"]
    manager, admin = studio.operators["王店长"], studio.operators["管理员"]
    sheet = openpyxl_xlsx(
        [["订单号", "客户", "产品"], ["P-9", "某人", "相册"]], tmp_path / "o.xlsx"
    )
    statement = openpyxl_xlsx([["条码", "金额"], ["R1", 100]], tmp_path / "s.xlsx")

    with pytest.raises(NotPermitted):
        import_orders(engine, sheet, dry_run=True, actor=sorter)
    assert import_orders(engine, sheet, dry_run=True, actor=desk).ok

    for actor in (sorter, desk):
        with pytest.raises(NotPermitted):
            reconcile_statement(engine, "金彩相册厂", statement, actor=actor)
    assert (
        reconcile_statement(engine, "金彩相册厂", statement, actor=manager).vendor == "金彩相册厂"
    )

    for actor in (sorter, desk, manager):
        with pytest.raises(NotPermitted):
            add_operator(engine, "新人", "sorter", "1234", actor=actor)
        with pytest.raises(NotPermitted):
            new_badge(engine, "小李", actor=actor)
        with pytest.raises(NotPermitted):
            disable_operator(engine, "小李", actor=actor)
    assert add_operator(engine, "新人", "sorter", "1234", actor=admin).name == "新人"

    with pytest.raises(NotPermitted):
        add_or_update_vendor(engine, "新厂", 5, actor=desk)
    add_or_update_vendor(engine, "新厂", 5, actor=manager)
    with pytest.raises(NotPermitted):
        save_settings(engine, {"uncollected_days": 3}, actor=sorter)
    assert save_settings(engine, {"uncollected_days": 3}, actor=manager).uncollected_days == 3
    with pytest.raises(NotPermitted):
        export_customer(engine, "R-1", sorter)
    assert export_customer(engine, "R-1", desk)["orders"]
    for actor in (sorter, desk):
        with pytest.raises(NotPermitted):
            erase_customer(engine, "R-1", actor)
    assert erase_customer(engine, "R-1", manager)


def test_nobody_logged_in_is_refused_everywhere(studio, engine, tmp_path) -> None:
    """``actor=None`` once meant "trusted"; now it is the desk with nobody logged in."""
    sheet = openpyxl_xlsx(
        [["订单号", "客户", "产品"], ["P-9", "某人", "相册"]], tmp_path / "o.xlsx"
    )
    statement = openpyxl_xlsx([["条码", "金额"], ["R1", 100]], tmp_path / "s.xlsx")
    refused = [
        lambda: import_orders(engine, sheet, actor=None),
        lambda: reconcile_statement(engine, "金彩相册厂", statement, actor=None),
        lambda: add_operator(engine, "新人", "sorter", "1234", actor=None),
        lambda: disable_operator(engine, "小李", actor=None),
        lambda: new_badge(engine, "小李", actor=None),
        lambda: add_or_update_vendor(engine, "新厂", 5, actor=None),
        lambda: save_settings(engine, {"uncollected_days": 3}, actor=None),
        lambda: export_customer(engine, "R-1", None),
        lambda: erase_customer(engine, "R-1", None),
        lambda: produce_badge(engine, "小李", tmp_path / "b.png", actor=None),
    ]
    for call in refused:
        with pytest.raises(NotPermitted, match="请先登录"):
            call()
    assert import_orders(engine, sheet, dry_run=True, actor=studio.operators["小张"]).ok


def test_staff_accounts_are_free_until_an_admin_exists_then_an_admins_alone(
    engine, clock, tmp_path
) -> None:
    """First set-up needs nobody; afterwards the command line's own actor — no account
    behind it — is refused, and so is an admin account that was disabled."""
    studio = make_studio(engine, clock)  # sorter, desk, manager: no admin yet
    setup = command_line_actor()
    assert add_operator(engine, "新人", "sorter", "1234", actor=setup).name == "新人"
    new_badge(engine, "新人", actor=setup)
    boss = add_operator(engine, "老板", "admin", "secret", actor=setup)

    with pytest.raises(NotPermitted, match="管理员"):
        add_operator(engine, "再来", "sorter", "1234", actor=setup)
    with pytest.raises(NotPermitted):
        disable_operator(engine, "新人", actor=setup)
    with pytest.raises(NotPermitted):
        produce_badge(engine, "新人", tmp_path / "b.png", actor=setup)
    with pytest.raises(NotPermitted):
        new_badge(engine, "新人", actor=studio.operators["王店长"])
    assert add_operator(engine, "再来", "sorter", "1234", actor=boss).name == "再来"
    second = add_operator(engine, "二把手", "admin", "secret", actor=boss)
    disable_operator(engine, "老板", actor=second)
    with pytest.raises(NotPermitted):  # a disabled admin's rights went with the account
        add_operator(engine, "三号", "sorter", "1234", actor=boss)
