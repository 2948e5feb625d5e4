"""What the frozen folder must hold, and a check that a built one holds it.

The program finds much of what it needs only at run time: its migrations and
resources as files (:mod:`yinglou_desk.paths`), each command's module by name
(``cli/dispatch.py``), uvicorn's protocols and the database drivers by string,
Qt's Chinese words, sound and print plug-ins as files beside Qt. A frozen build
that lacks one of them starts fine and fails in front of staff. So this list is
the spec's promise (``packaging/yinglou-desk.spec`` takes its data folders from
here), and :func:`check` holds a built ``dist/yinglou-desk`` to it — on Linux in
the smoke test, on Windows in the CI workflow, the same list for both.

Usage: ``python packaging/check_bundle.py dist/yinglou-desk`` (exit 1 naming what
is missing). Needs PyInstaller (to read the modules frozen into the programs).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src"
WINDOWS = sys.platform.startswith("win")

PROGRAMS = ("yinglou-desk", "yinglou-desk-cli")

# (folder in the checkout, where it lands in the bundle): where paths.py looks
DATA_FOLDERS = (
    ("migrations", "yinglou_desk/migrations"),
    ("resources", "yinglou_desk/resources"),
)

# Qt's catalogues the desk loads (ui/qt_language.py) or Qt itself loads for its modules;
# only these languages are kept (the program speaks Chinese or English).
QT_LANGUAGES = ("zh_CN", "en")
QT_CATALOGUES = ("qt", "qtbase", "qtmultimedia")


@dataclass(frozen=True)
class Need:
    """One thing the folder must hold: a glob under the contents folder (``_internal``)."""

    what: str
    pattern: str
    windows: bool | None = None  # None: both systems; True/False: only there

    def applies(self) -> bool:
        return self.windows is None or self.windows == WINDOWS


def _qt(rel: str) -> str:
    """PySide6's wheel keeps Qt under ``PySide6/Qt`` on Linux and ``PySide6`` on Windows."""
    return f"PySide6/{rel}" if WINDOWS else f"PySide6/Qt/{rel}"


def file_needs() -> list[Need]:
    needs = [
        Need("alembic's environment", "yinglou_desk/migrations/env.py"),
        Need("the migration template", "yinglou_desk/migrations/script.py.mako"),
        Need("the phone page", "yinglou_desk/resources/phone/index.html"),
        Need("the phone page's script", "yinglou_desk/resources/phone/app.js"),
        Need("the phone page's service worker", "yinglou_desk/resources/phone/sw.js"),
        Need("the phone page's style", "yinglou_desk/resources/phone/style.css"),
    ]
    for version in sorted((ROOT / "migrations" / "versions").glob("*.py")):
        needs.append(Need("a migration", f"yinglou_desk/migrations/versions/{version.name}"))
    for vendored in sorted((ROOT / "resources" / "phone" / "vendor").rglob("*")):
        if vendored.is_file():
            rel = vendored.relative_to(ROOT / "resources").as_posix()
            needs.append(Need("the phone page's scanner library", f"yinglou_desk/resources/{rel}"))
    for sound in sorted((ROOT / "resources" / "sounds").glob("*.wav")):
        needs.append(Need("a scan sound", f"yinglou_desk/resources/sounds/{sound.name}"))
    for catalogue in ("qt", "qtbase", "qtmultimedia"):
        needs.append(
            Need("Qt's Chinese words", _qt(f"translations/{catalogue}_zh_CN.qm")),
        )
    suffix = "dll" if WINDOWS else "so"
    lib = "" if WINDOWS else "lib"
    needs += [
        Need(
            "the sound and video plug-in (FFmpeg)",
            _qt(f"plugins/multimedia/{lib}ffmpegmediaplugin.{suffix}"),
        ),
        Need("the multimedia library", "**/*Qt6Multimedia*"),
        Need("the print support library", "**/*Qt6PrintSupport*"),
        Need("the charts library", "**/*Qt6Charts*"),
        Need("the window system plug-in", _qt("plugins/platforms/qwindows.dll"), windows=True),
        Need("the window system plug-in", _qt("plugins/platforms/libqxcb.so"), windows=False),
        Need(
            "the print plug-in (CUPS)",
            _qt("plugins/printsupport/libcupsprintersupport.so"),
            windows=False,
        ),
        Need("image formats (JPEG photos)", _qt(f"plugins/imageformats/{lib}qjpeg.{suffix}")),
        Need("SQLite's Python module", "**/_sqlite3*"),
        Need("SQLite itself", "sqlite3.dll", windows=True),
        Need("PostgreSQL's driver (psycopg binary)", "psycopg_binary/pq*"),
        Need("PostgreSQL's client library", "**/libpq*"),
        Need("the barcode reader's library (zbar)", "pyzbar/libzbar-64.dll", windows=True),
        Need("pinyin dictionaries", "pypinyin/*.json"),
        Need("cryptography's native part", "cryptography/hazmat/bindings/_rust*"),
        Need("TLS for the phone page", "**/_ssl*"),
    ]
    return [need for need in needs if need.applies()]


def module_needs() -> list[str]:
    """Modules that must be frozen in: every module of the program (commands are imported
    by name) and what libraries import by string."""
    ours = sorted(
        ".".join(path.relative_to(SOURCE).with_suffix("").parts).removesuffix(".__init__")
        for path in (SOURCE / "yinglou_desk").rglob("*.py")
    )
    theirs = [
        "alembic.ddl.sqlite",
        "alembic.ddl.postgresql",
        "alembic.runtime.migration",
        "sqlalchemy.dialects.sqlite.pysqlite",
        "sqlalchemy.dialects.postgresql.psycopg",
        "psycopg",
        "psycopg_binary",
        "uvicorn.protocols.http.h11_impl",
        "uvicorn.lifespan.on",
        "uvicorn.loops.asyncio",
        "starlette.applications",
        "h11",
        "segno",
        "pyzbar.pyzbar",
        "barcode.codex",
        "openpyxl",
        "xlrd",
        "serial.tools.list_ports",
        "platformdirs.windows" if WINDOWS else "platformdirs.unix",
    ]
    return [*ours, *theirs]


def contents_folder(dist: Path) -> Path:
    """PyInstaller ≥ 6 keeps everything but the programs in ``_internal``."""
    inner = dist / "_internal"
    return inner if inner.is_dir() else dist


def program_path(dist: Path, name: str) -> Path:
    return dist / (f"{name}.exe" if WINDOWS else name)


def frozen_modules(program: Path) -> set[str]:
    """The module names in a program's embedded PYZ archive."""
    from PyInstaller.archive.readers import CArchiveReader, ZlibArchiveReader

    archive = CArchiveReader(str(program))
    names: set[str] = set()
    for name, entry in archive.toc.items():
        if entry[-1] == "z":  # typecode 'z': a PYZ archive
            pyz = archive.open_embedded_archive(name)
            assert isinstance(pyz, ZlibArchiveReader)
            names.update(pyz.toc)
    return names


def check(dist: Path) -> list[str]:
    """What is missing from the built folder ``dist`` (empty: nothing)."""
    missing = []
    for name in PROGRAMS:
        if not program_path(dist, name).is_file():
            missing.append(f"the program {program_path(dist, name).name}")
    if missing:
        return missing
    inner = contents_folder(dist)
    for need in file_needs():
        if not any(inner.glob(need.pattern)):
            missing.append(f"{need.what}: {need.pattern}")
    for name in PROGRAMS:
        frozen = frozen_modules(program_path(dist, name))
        missing += [
            f"module {module} in {name}" for module in module_needs() if module not in frozen
        ]
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dist", type=Path, help="the built folder, e.g. dist/yinglou-desk")
    args = parser.parse_args(argv)
    missing = check(args.dist)
    for line in missing:
        print(f"missing: {line}", file=sys.stderr)
    if missing:
        return 1
    print(f"{args.dist}: {len(file_needs())} files and {len(module_needs())} modules present")
    return 0


if __name__ == "__main__":
    sys.exit(main())
