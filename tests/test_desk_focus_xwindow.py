"""Focus after a dialog, on a real X server with real keys: a scan right after a dialog
closes reaches the page, and a path typed fast into Qt's file dialog stays in the dialog.

With openbox (a studio's desktop) and on bare Xvfb (a kiosk PC without a window
manager, where nobody gives the keyboard back after a dialog unless the desk does).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from yinglou_desk.storage.engine import make_engine
from yinglou_desk.storage.migrate import upgrade
from yinglou_desk.storage.models import Item, ScanLog

from .helpers.clock import FakeClock
from .helpers.studio import make_studio
from .helpers.xdesk import NEEDS_X, RunningDesk, running_desk, x_display

pytestmark = [pytest.mark.slow, NEEDS_X]

LABEL = "950000000001"


@pytest.fixture
def studio_url(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A studio with one order to send out; the URL and the manager's badge."""
    url = f"sqlite:///{tmp_path / 'studio.db'}"
    engine = make_engine(url)
    upgrade(engine)
    studio = make_studio(engine, FakeClock())
    studio.add_order("F001", [LABEL], customer="张小梅")
    badge = studio.operators["王店长"].badge_code
    engine.dispose()
    yield url, badge
    engine.dispose()


def _item_state(url: str) -> str:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return str(conn.execute(select(Item.state).where(Item.code == LABEL)).scalar_one())
    finally:
        engine.dispose()


def _scans_logged(url: str) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(ScanLog)).scalar_one())
    finally:
        engine.dispose()


def _click(desk: RunningDesk, widget: str) -> None:
    where = desk.ask("point", widget)
    assert where.get("visible"), where
    desk.xdotool("mousemove", "--sync", str(where["x"]), str(where["y"]), "click", "1")


def _log_in_and_open_send_out(desk: RunningDesk, badge: str) -> None:
    desk.scan(badge)
    desk.wait_for(lambda s: s["page"] == "today", "login")
    desk.key("F1")
    desk.wait_for(lambda s: s["page"] == "send-out", "the send-out page")


def _escape_a_dialog_then_scan(desk: RunningDesk, url: str) -> None:
    _click(desk, "pc_settings_button")
    desk.wait_for(lambda s: s["active_modal"] == "PcSettingsDialog", "本机设置 open")
    desk.key("Escape")
    desk.wait_for(lambda s: s["active_modal"] is None, "本机设置 closed")
    desk.scan(LABEL)  # at once, as a sorter would
    seen = desk.wait_for(lambda s: LABEL in (s["headline"] or ""), "the scan on the page")
    assert seen["page"] == "send-out"
    assert seen["focus"] == "ScanField"
    assert _item_state(url) == "sent_out"


def test_a_scan_after_a_dialog_is_handled_by_the_page(studio_url) -> None:
    url, badge = studio_url
    with x_display() as env, running_desk({**env, "YINGLOU_LANG": "zh"}, url) as desk:
        _log_in_and_open_send_out(desk, badge)
        _escape_a_dialog_then_scan(desk, url)


def test_on_a_bare_x_server_too(studio_url) -> None:
    url, badge = studio_url
    with (
        x_display(window_manager=False) as env,
        running_desk({**env, "YINGLOU_LANG": "zh"}, url) as desk,
    ):
        _log_in_and_open_send_out(desk, badge)
        _escape_a_dialog_then_scan(desk, url)


def test_a_path_typed_fast_into_the_file_dialog_is_not_a_scan(studio_url, tmp_path) -> None:
    url, badge = studio_url
    with x_display() as env, running_desk({**env, "YINGLOU_LANG": "zh"}, url) as desk:
        desk.scan(badge)
        desk.wait_for(lambda s: s["page"] == "today", "login")
        desk.key("F5")
        desk.wait_for(lambda s: s["page"] == "board", "the board")
        logged = _scans_logged(url)
        _click(desk, "pages.board.export_button")
        seen = desk.wait_for(lambda s: s["active_modal"] == "QFileDialog", "the file dialog")
        assert seen["focus"] == "QLineEdit", seen["focus"]  # its file name field
        target = tmp_path / "board-export"
        desk.xdotool("key", "ctrl+a")
        desk.xdotool("type", "--delay", "5", f"{target}\n")  # as fast as a scanner, and its
        desk.xdotool("key", "Return")  # Linefeed, which a file name field ignores: Return saves
        seen = desk.wait_for(
            lambda s: s["active_modal"] is None and target.with_suffix(".xlsx").exists(),
            "the board saved where the typed path said",
        )
        assert seen["page"] == "board"  # a scan would have opened 查件
        assert _scans_logged(url) == logged
        desk.wait_for(lambda s: s["focus"] == "ScanField", "focus back in the scan field")
