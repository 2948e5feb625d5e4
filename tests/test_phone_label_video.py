"""The fake camera's film: a label the program prints, in a YUV4MPEG2 file, still readable.

What Chromium's fake camera plays must be a label a scanner can read, or a failing
browser test would say nothing about the phone page.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from yinglou_desk.services.labels.layout import BADGE_SIZE, LabelData, LabelRenderer

from .helpers.label_decode import decode
from .helpers.phone_browser import label_video


def _label(tmp_path: Path, code: str) -> Path:
    rendered = LabelRenderer("50x30", 203).label(
        LabelData(code=code, customer="张小梅", order_no="YL2026001", product="相册")
    )
    path = tmp_path / f"{code}.png"
    rendered.image.save(path)
    assert decode(rendered.image) == [code]  # the printed label itself reads first
    return path


def _frames(video: Path) -> tuple[str, list[Image.Image]]:
    data = video.read_bytes()
    header, _, rest = data.partition(b"\n")
    fields = dict((f[:1], f[1:]) for f in header.decode("ascii").split()[1:])
    width, height = int(fields["W"]), int(fields["H"])
    size = width * height * 3 // 2
    frames = []
    for chunk in rest.split(b"FRAME\n")[1:]:
        assert len(chunk) == size
        frames.append(Image.frombytes("L", (width, height), chunk[: width * height]))
    return header.decode("ascii"), frames


def test_the_video_shows_the_label_readably_in_every_frame(tmp_path: Path) -> None:
    video = label_video(_label(tmp_path, "DM0000000372"), tmp_path / "cam.y4m", seconds=1, fps=5)
    header, frames = _frames(video)
    assert header == "YUV4MPEG2 W640 H480 F5:1 Ip A1:1 C420jpeg"
    assert len(frames) == 5
    assert {tuple(decode(frame)) for frame in frames} == {("DM0000000372",)}


def test_a_badge_fills_the_frame_without_being_cut(tmp_path: Path) -> None:
    badge = LabelRenderer(BADGE_SIZE, 203).badge("OP-Q82V64GM5QJ8", "小李", "sorter")
    png = tmp_path / "badge.png"
    badge.image.save(png)
    video = label_video(png, tmp_path / "badge.y4m", seconds=0.1, size=(320, 240))
    _, [frame] = _frames(video)
    assert decode(frame) == ["OP-Q82V64GM5QJ8"]
