"""The desk fits a studio's monitor: a real window under openbox at 1366×768 and 1280×720.

Driven by real keys (badges and labels typed like a keyboard-wedge scanner, F-keys),
the window's frame — title bar and borders included — must stay inside the screen's
available area: right after start, after login, on every page a manager or an
administrator opens, after a scan whose words are long, and after log-out. The
send-out list shows codes and order numbers whole.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from yinglou_desk.services.staff.audit import command_line_actor
from yinglou_desk.services.staff.operators import add_operator
from yinglou_desk.storage.engine import make_engine
from yinglou_desk.storage.migrate import upgrade

from .helpers.clock import FakeClock
from .helpers.studio import make_studio
from .helpers.xdesk import NEEDS_X, RunningDesk, running_desk, x_display

pytestmark = [pytest.mark.slow, NEEDS_X]

SCREENS = [(1366, 768), (1280, 720)]
# (F-key, page) of every page a manager or an administrator opens
PAGE_KEYS = [
    ("F10", "today"),
    ("F1", "send-out"),
    ("F2", "check-in"),
    ("F3", "pickup"),
    ("F4", "query"),
    ("F5", "board"),
    ("F11", "figures"),
    ("F12", "reconcile"),
]
CODES = ["DM0000012345", "DM0000012346", "DM0000012347"]
ORDER_NO = "2603010000123"
LONG_CODE = "DM" + "7" * 58  # 60 characters: refused as too long, said in full


def _studio(tmp_path: Path) -> tuple[str, dict[str, str]]:
    """A studio database with one order; the badge codes of its manager and administrator."""
    url = f"sqlite:///{tmp_path / 'studio.db'}"
    engine = make_engine(url)
    upgrade(engine)
    clock = FakeClock()
    studio = make_studio(engine, clock)
    studio.add_order(ORDER_NO, CODES, customer="欧阳思琪")
    admin = add_operator(engine, "陈管理", "admin", "1234", clock, actor=command_line_actor())
    engine.dispose()
    return url, {
        "manager": studio.operators["王店长"].badge_code,
        "admin": admin.badge_code,
    }


def _env(env: dict[str, str], tmp_path: Path) -> dict[str, str]:
    """Chinese, and the window's remembered size kept in the test's own folder."""
    return {**env, "YINGLOU_LANG": "zh", "XDG_CONFIG_HOME": str(tmp_path / "config")}


def _inside(state: dict[str, Any]) -> bool:
    x, y, width, height = state["frame"]
    sx, sy, swidth, sheight = state["screen"]
    return x >= sx and y >= sy and x + width <= sx + swidth and y + height <= sy + sheight


def _assert_inside(state: dict[str, Any], when: str) -> None:
    assert _inside(state), f"{when}: frame {state['frame']} outside screen {state['screen']}"


def _login(desk: RunningDesk, badge: str) -> dict[str, Any]:
    desk.scan(badge)
    return desk.wait_for(lambda s: s["operator"] is not None and s["page"] != "login", "login")


@pytest.mark.parametrize("size", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("role", ["manager", "admin"])
def test_every_page_fits_the_screen(tmp_path: Path, size: tuple[int, int], role: str) -> None:
    url, badges = _studio(tmp_path)
    with x_display(*size) as env, running_desk(_env(env, tmp_path), url) as desk:
        _assert_inside(desk.state(), "after start")
        _assert_inside(_login(desk, badges[role]), "after login")
        for key, page in PAGE_KEYS:
            desk.key(key)
            seen = desk.wait_for(lambda s, page=page: s["page"] == page, page)
            _assert_inside(seen, f"on {page}")
        desk.key("F9")
        _assert_inside(desk.wait_for(lambda s: s["page"] == "login", "log-out"), "after log-out")


@pytest.mark.parametrize("size", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_long_message_leaves_the_window_inside(tmp_path: Path, size: tuple[int, int]) -> None:
    url, badges = _studio(tmp_path)
    with x_display(*size) as env, running_desk(_env(env, tmp_path), url) as desk:
        _login(desk, badges["manager"])
        desk.key("F2")  # check-in: the item was never sent, so the scan is refused
        desk.wait_for(lambda s: s["page"] == "check-in", "check-in")
        before = desk.state()["frame"]
        desk.scan(LONG_CODE)
        seen = desk.wait_for(lambda s: "条码过长" in " ".join(s["labels"]), "the refusal")
        _assert_inside(seen, "after a 60-character code")
        assert seen["frame"][2] == before[2], "the long code widened the window"
        desk.scan(CODES[0])  # refused with its reason (not sent out yet)
        _assert_inside(desk.state(), "after a refused scan")
        desk.key("F9")
        seen = desk.wait_for(lambda s: s["page"] == "login", "log-out")
        _assert_inside(seen, "after log-out")
        assert seen["frame"][2] == before[2]


def test_send_out_shows_codes_and_order_numbers_whole(tmp_path: Path) -> None:
    url, badges = _studio(tmp_path)
    with x_display(1366, 768) as env, running_desk(_env(env, tmp_path), url) as desk:
        _login(desk, badges["manager"])
        desk.key("F1")
        desk.wait_for(lambda s: s["page"] == "send-out", "send-out")
        desk.scan(CODES[0])
        desk.scan(CODES[1])
        seen = desk.wait_for(
            lambda s: any(t["row_count"] == 2 for t in s["tables"]), "two scans in the list"
        )
        (table,) = [t for t in seen["tables"] if t["row_count"] == 2]
        whole = [table["headers"].index(name) for name in ("条码", "订单号", "时间", "结果")]
        assert not set(table["cut"]) & set(whole), table
        assert ORDER_NO in table["rows"][0]


def test_the_window_comes_back_where_it_was_left_and_inside_a_smaller_screen(
    tmp_path: Path,
) -> None:
    url, _badges = _studio(tmp_path)
    with x_display(1366, 768) as env:
        env = _env(env, tmp_path)
        with running_desk(env, url) as desk:
            desk.xdotool("windowsize", desk.window, "900", "600")
            desk.xdotool("windowmove", desk.window, "200", "100")
            left = desk.wait_for(
                lambda s: s["frame"][0] >= 150 and s["frame"][2] < 1000, "moved and resized"
            )
        with running_desk(env, url) as desk:
            again = desk.state()
        assert again["frame"] == left["frame"]
    with x_display(1280, 720) as env, running_desk(_env(env, tmp_path), url) as desk:
        smaller = desk.state()  # the same place is partly off this screen: pulled inside
        _assert_inside(smaller, "on a smaller screen")
        assert smaller["frame"][2:] == left["frame"][2:]
