"""帮助 → 自检 in a real window under openbox, opened with the mouse and keys on the login
page: the list arrives, and the dialog and the window stay inside a 1366×768 or 1280×720
screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from yinglou_desk.storage.engine import make_engine
from yinglou_desk.storage.migrate import upgrade

from .helpers.xdesk import NEEDS_X, running_desk, x_display

pytestmark = [pytest.mark.slow, NEEDS_X]


def _inside(frame: list[int], screen: list[int]) -> bool:
    x, y, width, height = frame
    sx, sy, swidth, sheight = screen
    return x >= sx and y >= sy and x + width <= sx + swidth and y + height <= sy + sheight


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1280, 720)])
def test_the_self_check_opens_from_the_login_page_and_fits(tmp_path: Path, width, height):
    url = f"sqlite:///{tmp_path / 'studio.db'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    with x_display(width, height) as env:
        env = {
            **env,
            "YINGLOU_LANG": "zh",
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_DATA_HOME": str(tmp_path / "data"),
            "YINGLOU_LABEL_PRINTER": "斑马标签机",  # not installed: a fault with its advice
        }
        with running_desk(env, url) as desk:
            before = desk.state()
            assert before["page"] == "login"
            button = desk.ask("point", "help_button")
            assert button["visible"]
            desk.xdotool("mousemove", str(button["x"]), str(button["y"]), "click", "1")
            desk.key("Down", "Return")  # the menu's first entry: 自检
            desk.ask("idle")
            shown = desk.ask("text", "checkup_view")
            for _ in range(100):
                if shown["found"] and "标签打印机" in (shown["text"] or ""):
                    break
                desk.ask("idle")
                shown = desk.ask("text", "checkup_view")
            text = " ".join((shown["text"] or "").split())  # the badges' spaces, one each
            assert "✔ 正常 数据库：已连上" in text
            assert "✘ 故障 标签打印机：标签打印机 斑马标签机 不在" in text
            assert "不在（本机有：无） 处理办法：检查打印机是否开机" in text
            dialog = desk.ask("rect", "checkup_dialog")
            assert dialog["found"]
            assert _inside(dialog["frame"], dialog["screen"]), dialog
            after = desk.state()
            assert after["frame"][2:] == before["frame"][2:]  # the window did not grow
            assert _inside(after["frame"], after["screen"])
