"""Operator badges: the code scanned to log in must come back from the printed badge."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PIL import Image

from yinglou_desk.services.labels.jobs import produce_badge
from yinglou_desk.services.labels.layout import SIZES, LabelRenderer
from yinglou_desk.services.labels.selection import SelectionError
from yinglou_desk.services.staff.audit import command_line_actor

from .helpers.label_decode import decode
from .helpers.studio import make_studio


@pytest.mark.parametrize(
    ("size", "dpi"), [("60x40", 203), ("60x40", 300), ("62x29", 203), ("50x30", 300)]
)
def test_a_badge_decodes_to_the_badge_code_and_shows_the_name(size, dpi):
    badge = LabelRenderer(size, dpi).badge("OP-ABCDEFGHJKMN", "欧阳娜娜", "sorter")

    assert decode(badge.image) == ["OP-ABCDEFGHJKMN"]
    text = badge.image.convert("L").crop(
        (badge.text_box.left, badge.text_box.top, badge.text_box.right, badge.text_box.bottom)
    )
    assert text.getextrema()[0] == 0  # the name and role are drawn
    assert badge.image.size == SIZES[size].dots(dpi)


def test_badge_file_for_an_operator(engine, clock, tmp_path):
    studio = make_studio(engine, clock)
    path, code = produce_badge(engine, "王店长", tmp_path / "badge.png", actor=command_line_actor())

    assert code == studio.operators["王店长"].badge_code
    with Image.open(path) as image:
        assert decode(image) == [code]
    with pytest.raises(SelectionError, match="无人"):
        produce_badge(engine, "无人", tmp_path / "nobody.png", actor=command_line_actor())
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".png") == ["badge.png"]


def test_user_badge_command(engine, clock, db_url, tmp_path):
    studio = make_studio(engine, clock)
    env = {k: v for k, v in os.environ.items() if k != "YINGLOU_DB"}
    out = tmp_path / "xiaoli.png"

    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "yinglou_desk",
            "user",
            "badge",
            "小李",
            "-o",
            str(out),
            "--db",
            db_url,
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    with Image.open(out) as image:
        assert decode(image) == [studio.operators["小李"].badge_code]

    missing = subprocess.run(
        [
            sys.executable,
            "-m",
            "yinglou_desk",
            "user",
            "badge",
            "无人",
            "-o",
            str(tmp_path / "none.png"),
            "--db",
            db_url,
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert missing.returncode != 0
    assert "没有名为 无人 的员工" in missing.stderr
    assert not (tmp_path / "none.png").exists()
