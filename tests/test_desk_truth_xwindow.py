"""The screen tells the truth in the real window (Xvfb + openbox, real keys, 1366×768).

A sorter checks items in, flags one for rework (F7) and undoes it (F6): the check-in
table, the completeness line, 查件 and the board all show the item back as ready. At
取件 a partly ready order says so in its headline, and a label of no order leaves no
order on screen. After F9 and another operator's badge, no page shows the previous
customer.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.storage.engine import make_engine
from yinglou_desk.storage.migrate import upgrade

from .helpers.clock import FakeClock
from .helpers.studio import Studio, make_studio
from .helpers.xdesk import NEEDS_X, running_desk, x_display

pytestmark = [pytest.mark.slow, NEEDS_X]

READY, REWORK, AT_VENDOR = "已回件待取", "返工", "在厂商"


@pytest.fixture
def studio(tmp_path: Path) -> Iterator[tuple[str, Studio]]:
    url = f"sqlite:///{tmp_path / 'studio.db'}"
    engine = make_engine(url)
    upgrade(engine)
    yield url, make_studio(engine, FakeClock())
    engine.dispose()


def _env(env: dict[str, str], tmp_path: Path) -> dict[str, str]:
    return {
        **env,
        "YINGLOU_LANG": "zh",
        "YINGLOU_WORKSTATION": "truth-pc",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }


def _sent(studio: Studio, codes: list[str], checked_in: tuple[str, ...] = ()) -> None:
    service = ScanService(studio.engine, clock=studio.clock)  # type: ignore[arg-type]
    for code in codes:
        service.scan(studio.session("send-out"), code)
    for code in checked_in:
        service.scan(studio.session("check-in"), code)
    studio.engine.dispose()  # the desk is another process: no connection of ours stays open


def _item_states(tables: list[dict[str, Any]]) -> dict[str, str]:
    """Code → state text of every item row the tables show."""
    states: dict[str, str] = {}
    for table in tables:
        headers = table["headers"]
        if "条码" in headers and "状态" in headers:
            code, state = headers.index("条码"), headers.index("状态")
            states.update({row[code]: row[state] for row in table["rows"]})
    return states


def _is_order_list(table: dict[str, Any]) -> bool:
    """The board's list of orders (one row an order, with its progress)."""
    return "进度" in table["headers"] and "条码" not in table["headers"]


def _board_row(state: dict[str, Any], order_no: str) -> dict[str, str]:
    """Progress and how many items are back, of one order in the board's list."""
    for table in state["all_tables"]["board"]:
        if _is_order_list(table):
            headers = table["headers"]
            for row in table["rows"]:
                if order_no in row:
                    return {name: row[headers.index(name)] for name in ("进度", "到齐")}
    return {}


def _completeness(state: dict[str, Any]) -> list[str]:
    """The order bar's line: order number, customer, progress and how many are missing."""
    return [label for label in state["labels"] if "T001" in label and "件未回" in label]


def _login(desk: Any, studio: Studio, name: str) -> None:
    desk.scan(studio.operators[name].badge_code)
    desk.wait_for(lambda s: s["operator"] == name, f"{name} logged in")


def test_after_f7_and_f6_every_view_shows_the_item_ready_again(
    tmp_path: Path, studio: tuple[str, Studio]
) -> None:
    url, shop = studio
    codes = ["950000000001", "950000000002", "950000000003"]
    shop.add_order("T001", codes, customer="刘芳")
    _sent(shop, codes)

    with x_display(1366, 768) as env, running_desk(_env(env, tmp_path), url) as desk:
        _login(desk, shop, "小李")
        desk.key("F2")
        desk.scan(codes[0])
        desk.scan(codes[1])
        before = desk.wait_for(
            lambda s: _item_states(s["tables"]).get(codes[1]) == READY, "two items checked in"
        )
        summary = _completeness(before)
        assert len(summary) == 1, before["labels"]
        assert "还差 1 件" in summary[0]
        desk.key("F4")
        desk.scan(codes[1])  # 查件 shows the order before the mistake
        desk.wait_for(lambda s: _item_states(s["tables"]).get(codes[1]) == READY, "查件")
        desk.key("F5")
        board_before = desk.wait_for(lambda s: _board_row(s, "T001") != {}, "the board")
        row_before = _board_row(board_before, "T001")

        desk.key("F2")
        desk.wait_for(lambda s: s["page"] == "check-in", "back at 回件")
        assert desk.ask("reason", "1")["reason"]
        desk.key("F7")
        flagged = desk.wait_for(
            lambda s: _item_states(s["tables"]).get(codes[1]) == REWORK, "the flag shown"
        )
        assert any("还差 2 件" in label for label in flagged["labels"]), flagged["labels"]
        desk.key("F6")
        undone = desk.wait_for(
            lambda s: (
                "已撤销" in (s["headline"] or "")
                and _item_states(s["tables"]).get(codes[1]) == READY
            ),
            "the undo shown in the check-in table",
        )
        states = _item_states(undone["tables"])
        assert (states[codes[0]], states[codes[1]]) == (READY, READY)
        assert states[codes[2]].startswith(AT_VENDOR)  # 在厂商（逾期）: the studio's dates are old
        assert _completeness(undone) == summary
        assert _item_states(undone["all_tables"]["query"]).get(codes[1]) == READY

        desk.key("F4")
        shown = desk.wait_for(lambda s: s["page"] == "query", "查件")
        assert _item_states(shown["tables"])[codes[1]] == READY
        desk.key("F5")
        board = desk.wait_for(lambda s: s["page"] == "board", "the board")
        assert _board_row(board, "T001") == row_before


def test_pickup_headline_and_an_unknown_label(tmp_path: Path, studio: tuple[str, Studio]) -> None:
    url, shop = studio
    codes = ["950000000011", "950000000012", "950000000013"]
    shop.add_order("T002", codes, customer="陈静")
    _sent(shop, codes, checked_in=codes[:2])

    with x_display(1366, 768) as env, running_desk(_env(env, tmp_path), url) as desk:
        _login(desk, shop, "小张")
        desk.key("F3")
        desk.scan(codes[0])
        found = desk.wait_for(lambda s: "陈静" in (s["headline"] or ""), "the order at 取件")
        assert found["headline"].splitlines()[0] == "部分到齐：可取 2 件，还差 1 件"

        desk.scan("950000009999")
        refused = desk.wait_for(lambda s: "未知条码" in (s["headline"] or ""), "the refusal")
        assert all(table["row_count"] == 0 for table in refused["all_tables"]["pickup"])
        assert not any("陈静" in label or "T002" in label for label in refused["labels"])


def test_log_out_and_the_next_operator_see_no_previous_customer(
    tmp_path: Path, studio: tuple[str, Studio]
) -> None:
    url, shop = studio
    codes = ["950000000021", "950000000022"]
    shop.add_order("T003", codes, customer="欧阳娜娜", phone="13911112222")
    _sent(shop, codes, checked_in=codes)

    with x_display(1366, 768) as env, running_desk(_env(env, tmp_path), url) as desk:
        _login(desk, shop, "小张")
        desk.key("F3")
        desk.scan(codes[0])
        desk.wait_for(lambda s: "欧阳娜娜" in (s["headline"] or ""), "the order at 取件")
        desk.key("F4")
        desk.scan(codes[1])
        desk.wait_for(lambda s: _item_states(s["tables"]).get(codes[1]) == READY, "查件")

        desk.key("F9")
        desk.wait_for(lambda s: s["page"] == "login", "logged out")
        _login(desk, shop, "王店长")

        def leftovers(state: dict[str, Any]) -> list[str]:
            seen = [label for label in state["labels"] if "欧阳娜娜" in label or "T003" in label]
            seen += [state["headline"] or ""] if "欧阳娜娜" in (state["headline"] or "") else []
            for page, tables in state["all_tables"].items():
                if page == "today":
                    continue  # 今日's worklists: every customer due today, for whoever is here
                for table in tables:
                    if page == "board" and _is_order_list(table):
                        continue  # every order of the studio; the one opened must be gone
                    seen += [
                        f"{page}: {row}"
                        for row in table["rows"]
                        if any("欧阳娜娜" in cell or "T003" in cell for cell in row)
                    ]
            return seen

        for key, page in (
            ("F3", "pickup"),
            ("F4", "query"),
            ("F2", "check-in"),
            ("F1", "send-out"),
            ("F5", "board"),
            ("F10", "today"),
        ):
            desk.key(key)
            state = desk.wait_for(lambda s, page=page: s["page"] == page, page)
            assert leftovers(state) == [], state
