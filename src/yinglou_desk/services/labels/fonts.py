"""Finding a Chinese font for labels and fitting text into a box.

Labels carry the customer's name in Chinese, so a font with CJK glyphs is not
optional: without one every name prints as empty boxes. The font is found in
this order: an explicit path, the ``YINGLOU_LABEL_FONT`` environment variable,
then the usual places on Windows, Linux and macOS (and ``fc-list`` when
fontconfig is there). When nothing is found the error says how to fix it
instead of printing unreadable labels.

Text is *fitted*, never allowed to spill: a line is shrunk down to a minimum
size and then shortened with an ellipsis, so it can never reach the bars.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

from yinglou_desk.domain.wording import WordedError
from yinglou_desk.services.fontconfig import fc_list

FONT_ENV = "YINGLOU_LABEL_FONT"
ELLIPSIS = "…"

# Most wanted first. Bold/black faces print better on thermal labels, so they lead.
CANDIDATE_FONTS: tuple[str, ...] = (
    # Windows
    r"C:\Windows\Fonts\msyhbd.ttc",
    r"C:\Windows\Fonts\msyh.ttc",
    r"C:\Windows\Fonts\simhei.ttf",
    r"C:\Windows\Fonts\simsun.ttc",
    # Debian / Ubuntu / Fedora
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    # macOS
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
)


class FontNotFound(WordedError):
    """No usable Chinese font; the message tells staff how to configure one."""


@dataclass(frozen=True)
class FontChoice:
    """A font file and the face inside it (``.ttc`` files hold several)."""

    path: str
    index: int = 0


def find_cjk_font(path: str | os.PathLike[str] | None = None) -> FontChoice:
    """The font labels are drawn with, or :class:`FontNotFound` saying what to do.

    An explicitly named font (parameter or ``YINGLOU_LABEL_FONT``) that does not
    exist is an error rather than a silent fallback: the studio chose it.
    """
    named = str(path) if path else os.environ.get(FONT_ENV, "").strip()
    if named:
        if not Path(named).is_file():
            raise FontNotFound("labels.font_file_missing", path=named, env=FONT_ENV)
        return FontChoice(named, _chinese_face_index(named))
    for candidate in (*_windows_fonts(), *CANDIDATE_FONTS, *_fontconfig_chinese_fonts()):
        if Path(candidate).is_file():
            return FontChoice(candidate, _chinese_face_index(candidate))
    raise FontNotFound("labels.no_chinese_font", env=FONT_ENV)


def _windows_fonts() -> list[str]:
    """The Chinese fonts in this Windows' own font folder (``%WINDIR%``), wherever Windows
    is installed; empty elsewhere."""
    windir = os.environ.get("WINDIR", "").strip()
    if not windir:
        return []
    fonts = Path(windir) / "Fonts"
    return [str(fonts / name) for name in ("msyhbd.ttc", "msyh.ttc", "simhei.ttf", "simsun.ttc")]


def _fontconfig_chinese_fonts() -> list[str]:
    """Fonts fontconfig says cover Chinese; empty where fontconfig is absent."""
    files = [line.rstrip(":") for line in fc_list(":lang=zh-cn", "file")]
    return sorted(f for f in files if f.lower().endswith((".ttf", ".ttc", ".otf")))


def _chinese_face_index(path: str) -> int:
    """In a collection prefer the Simplified Chinese face (Noto CJK lists Japanese first)."""
    if not path.lower().endswith(".ttc"):
        return 0
    for index in range(10):
        try:
            family = ImageFont.truetype(path, 12, index=index).getname()[0] or ""
        except OSError:
            break
        if family.endswith(" SC") or " SC " in family:
            return index
    return 0


@lru_cache(maxsize=256)
def load_font(choice: FontChoice, size_px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(choice.path, size_px, index=choice.index)


def text_width(font: ImageFont.FreeTypeFont, text: str) -> int:
    return round(font.getlength(text))


@dataclass(frozen=True)
class FittedLine:
    """A line of text as it will be drawn: possibly shortened, at a chosen size."""

    text: str
    font: ImageFont.FreeTypeFont
    size_px: int
    shortened: bool


def fit_line(
    choice: FontChoice, text: str, max_width: int, size_px: int, min_size_px: int
) -> FittedLine:
    """``text`` at the largest size from ``size_px`` down to ``min_size_px`` that fits
    ``max_width``; at the minimum size the end is cut and replaced by an ellipsis.

    The start of a name or product is what staff read, so the end is what goes.
    """
    min_size_px = min(min_size_px, size_px)
    for size in range(size_px, min_size_px - 1, -1):
        font = load_font(choice, size)
        if text_width(font, text) <= max_width:
            return FittedLine(text, font, size, False)
    font = load_font(choice, min_size_px)
    low, high = 0, len(text)  # longest prefix that fits with the ellipsis
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(font, text[:middle].rstrip() + ELLIPSIS) <= max_width:
            low = middle
        else:
            high = middle - 1
    shortened = text[:low].rstrip() + ELLIPSIS if low else ""
    return FittedLine(shortened, font, min_size_px, True)
