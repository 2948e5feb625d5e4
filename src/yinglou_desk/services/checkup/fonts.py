"""The Chinese fonts the desk asks for, and which Chinese fonts this PC has.

Without a font that has Chinese glyphs every word of the desk shows as empty boxes,
so the self-check looks for one: fontconfig's list on Linux (``fc-list :lang=zh``),
the fonts folder on Windows (微软雅黑, 宋体, 黑体), PingFang on macOS.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from yinglou_desk.services.fontconfig import fc_list

CJK_FONTS = ("Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC")
"""The families the desk asks Qt for, best first (``ui/app.py``)."""

WINDOWS_FONT_FILES = {
    "msyh.ttc": "Microsoft YaHei",
    "msyh.ttf": "Microsoft YaHei",
    "simsun.ttc": "SimSun",
    "simhei.ttf": "SimHei",
}
MAC_FONT_FILES = {"/System/Library/Fonts/PingFang.ttc": "PingFang SC"}


def cjk_font_families() -> list[str]:
    """The Chinese font families installed here, the desk's own choices first."""
    if sys.platform == "win32":
        found = [
            family
            for folder in windows_font_folders()
            for name, family in WINDOWS_FONT_FILES.items()
            if (folder / name).is_file()
        ]
    elif sys.platform == "darwin":
        found = [family for path, family in MAC_FONT_FILES.items() if Path(path).is_file()]
    else:
        found = _fontconfig_families()
    return preferred_first(found)


def windows_font_folders() -> list[Path]:
    """The system's fonts folder, and the one fonts installed "for me only" go to."""
    folders = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
    local = os.environ.get("LOCALAPPDATA")
    if local:
        folders.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return folders


def preferred_first(families: list[str]) -> list[str]:
    unique = list(dict.fromkeys(families))
    return sorted(unique, key=lambda f: CJK_FONTS.index(f) if f in CJK_FONTS else len(CJK_FONTS))


def _fontconfig_families() -> list[str]:
    """``fc-list :lang=zh family``: one line per font, its names comma-separated (the
    English name first); empty where fontconfig is missing."""
    return [line.split(",")[0].strip() for line in fc_list(":lang=zh", "family")]
