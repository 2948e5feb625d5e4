"""Where the files shipped with the program are, in a checkout or an installed wheel.

The source tree keeps ``migrations/`` and ``resources/`` at the top level; the
wheel carries them inside the package (``yinglou_desk/migrations``,
``yinglou_desk/resources``). Both layouts are looked up the same way here.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_ROOT = Path(__file__).resolve().parent


def shipped_dir(name: str) -> Path:
    """The shipped folder ``name`` (``migrations`` or ``resources``)."""
    for candidate in (_PACKAGE_ROOT / name, _PACKAGE_ROOT.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the {name} folder is missing from this installation")


def resource_path(*parts: str) -> Path:
    """A file under ``resources/``, e.g. ``resource_path("sounds", "accepted.wav")``."""
    return shipped_dir("resources").joinpath(*parts)
