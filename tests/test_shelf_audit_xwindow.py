"""盘点 in the real window (Xvfb, real keys and clicks, 1366×768): a sorter clicks the
盘点 tab, scans a slot label and the items on it with a keyboard-wedge scanner
(xdotool), clicks 完成盘点 and sees the missing, misplaced and stale items."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.storage.engine import make_engine
from yinglou_desk.storage.migrate import upgrade
from yinglou_desk.storage.tables import shelf_audits

from .helpers.clock import FakeClock
from .helpers.studio import Studio, make_studio
from .helpers.xdesk import NEEDS_X, RunningDesk, running_desk, x_display

pytestmark = [pytest.mark.slow, NEEDS_X]


@pytest.fixture
def studio(tmp_path: Path) -> Iterator[tuple[str, Studio]]:
    url = f"sqlite:///{tmp_path / 'studio.db'}"
    engine = make_engine(url)
    upgrade(engine)
    yield url, make_studio(engine, FakeClock())
    engine.dispose()


def _click(desk: RunningDesk, where: dict[str, Any]) -> None:
    assert where["visible"], where
    desk.xdotool("mousemove", "--sync", str(where["x"]), str(where["y"]), "click", "1")


def _findings(state: dict[str, Any]) -> list[tuple[str, str]]:
    """(finding, code) of every row of the findings table on screen."""
    for table in state["tables"]:
        headers = table["headers"]
        if "结果" in headers and "条码" in headers:
            kind, code = headers.index("结果"), headers.index("条码")
            return [(row[kind], row[code]) for row in table["rows"]]
    return []


def test_a_sorter_audits_a_slot_in_the_real_window(
    tmp_path: Path, studio: tuple[str, Studio]
) -> None:
    url, shop = studio
    shop.add_order("X001", ["960000000001", "960000000002"], customer="刘芳")
    shop.add_order("X002", ["960000000003"], customer="陈静", phone="13911112222")
    shop.add_order("X003", ["960000000004"], customer="赵敏", phone="13922223333")
    service = ScanService(shop.engine, clock=shop.clock)  # type: ignore[arg-type]
    for code in ("960000000001", "960000000002", "960000000003", "960000000004"):
        service.scan(shop.session("send-out"), code)
        service.scan(shop.session("check-in"), code)
    service.scan(shop.session("pickup", "小张"), "960000000004")
    shop.engine.dispose()
    env_extra = {"YINGLOU_LANG": "zh", "YINGLOU_WORKSTATION": "shelf-pc"}

    with (
        x_display(1366, 768) as env,
        running_desk(
            {**env, **env_extra, "XDG_CONFIG_HOME": str(tmp_path / "config")}, url
        ) as desk,
    ):
        desk.scan(shop.operators["小李"].badge_code)
        desk.wait_for(lambda s: s["operator"] == "小李", "小李 logged in")
        _click(desk, desk.ask("tab", "shelf-audit"))
        desk.wait_for(lambda s: s["page"] == "shelf-audit", "the 盘点 page")
        for code in ("SL-A-01", "960000000001", "960000000003", "960000000004"):
            desk.scan(code)
        desk.wait_for(
            lambda s: any("1 个货架位，3 件货品" in label for label in s["labels"]),
            "three items counted on A-01",
        )
        _click(desk, desk.ask("point", "pages.shelf-audit.finish_button"))
        shown = desk.wait_for(lambda s: len(_findings(s)) == 4, "the findings")
        assert _findings(shown) == [
            ("缺失", "960000000002"),
            ("放错位", "960000000003"),
            ("不应在架", "960000000004"),
            ("在位", "960000000001"),
        ]
        assert "缺失 1" in (shown["headline"] or "")

    engine = make_engine(url)
    with engine.connect() as conn:
        saved = conn.execute(select(shelf_audits)).one()
    engine.dispose()
    assert (saved.operator_name, saved.workstation, saved.missing) == ("小李", "shelf-pc", 1)
