"""The Windows version resource (file properties → 详细信息) from ``yinglou_desk.__version__``.

PyInstaller embeds it in both programs on Windows (``EXE(version=...)``); elsewhere it
is ignored. Written as the text PyInstaller reads (``VSVersionInfo(...)``), so the file
can be made and checked on any system: ``python packaging/version_info.py OUT.txt``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = "yinglou-desk"
DESCRIPTION = "影楼客件追踪 yinglou-desk"


def program_version() -> str:
    """``__version__`` read from the source without importing the package."""
    text = (ROOT / "src" / "yinglou_desk" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if found is None:
        raise SystemExit("no __version__ in src/yinglou_desk/__init__.py")
    return found.group(1)


def four_numbers(version: str) -> tuple[int, int, int, int]:
    """Windows wants four integers: ``0.1.0`` → (0, 1, 0, 0); ``1.2.0rc1`` → (1, 2, 0, 0)."""
    numbers = [int(part) for part in re.findall(r"\d+", version.split("+")[0])[:3]]
    return tuple([*numbers, 0, 0, 0, 0][:4])  # type: ignore[return-value]


def version_text(version: str, original_name: str = f"{PRODUCT}.exe") -> str:
    numbers = four_numbers(version)
    strings = {
        "CompanyName": PRODUCT,
        "FileDescription": DESCRIPTION,
        "FileVersion": version,
        "InternalName": PRODUCT,
        "LegalCopyright": "MIT License",
        "OriginalFilename": original_name,
        "ProductName": PRODUCT,
        "ProductVersion": version,
    }
    pairs = ",\n          ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    # 0x0804 = Chinese (PRC), 1200 = Unicode
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable('080404b0', [
          {pairs}
      ])
    ]),
    VarFileInfo([VarStruct('Translation', [0x0804, 1200])])
  ]
)
"""


def write_version_file(path: Path, original_name: str = f"{PRODUCT}.exe") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(version_text(program_version(), original_name), encoding="utf-8")
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "version_info.txt"
    print(write_version_file(target))
