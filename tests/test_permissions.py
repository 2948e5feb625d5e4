"""Roles enforced in the services themselves, not only by hiding buttons."""

from __future__ import annotations

import pytest

from yinglou_desk.domain.roles import NotPermitted
from yinglou_desk.services.importing import import_orders
from yinglou_desk.services.operators import add_operator, disable_operator, new_badge
from yinglou_desk.services.privacy import export_customer
from yinglou_desk.services.reconciliation import reconcile_statement
from yinglou_desk.services.studio_settings import save_settings
from yinglou_desk.services.vendors import add_or_update_vendor

from .helpers.spreadsheets import openpyxl_xlsx
from .helpers.studio import make_studio


@pytest.fixture
def studio(engine, clock):
    studio = make_studio(engine, clock)
    studio.add_order("R-1", ["R1"])
    studio.operators["管理员"] = add_operator(engine, "管理员", "admin", "secret", clock=clock)
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
        export_customer(engine, "R-1", "小李", actor=sorter)
    assert export_customer(engine, "R-1", "小张", actor=desk)["orders"]
