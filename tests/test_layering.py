"""Imports point inward: the domain needs neither Qt nor SQLAlchemy; the CLI no Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yinglou_desk

PACKAGE = Path(yinglou_desk.__file__).parent


def _modules_loaded_by(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return set(out.split())


def test_domain_imports_neither_qt_nor_sqlalchemy() -> None:
    domain = sorted(p.stem for p in (PACKAGE / "domain").glob("*.py") if p.stem != "__init__")
    code = "\n".join(f"import yinglou_desk.domain.{name}" for name in domain)
    code += "\nfrom yinglou_desk.domain.search import name_initials; name_initials('张三')"
    loaded = _modules_loaded_by(code)
    assert "yinglou_desk.domain.states" in loaded
    assert not any(m.startswith(("PySide6", "sqlalchemy", "alembic")) for m in loaded)


def test_services_and_storage_do_not_import_qt() -> None:
    names = [
        ".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts)
        for folder in ("services", "storage", "demo", "catalogue", "web")
        for p in (PACKAGE / folder).rglob("*.py")
        if p.stem != "__init__"
    ]
    loaded = _modules_loaded_by("\n".join(f"import {name}" for name in names))
    assert "yinglou_desk.services.scanning.service" in loaded
    assert "yinglou_desk.web.app" in loaded
    assert not any(m.startswith("PySide6") for m in loaded)


def test_services_do_not_import_the_web_server() -> None:
    """The phone server calls the services; the services never know it is there."""
    offenders = [
        str(path.relative_to(PACKAGE))
        for folder in ("services", "storage", "domain")
        for path in (PACKAGE / folder).rglob("*.py")
        if any(
            word in path.read_text(encoding="utf-8")
            for word in ("import starlette", "from starlette", "import uvicorn", "yinglou_desk.web")
        )
    ]
    assert offenders == []


def test_version_answers_without_loading_the_program() -> None:
    code = "import sys\nsys.argv=['yinglou-desk','--version']\nfrom yinglou_desk.cli import main\ntry:\n    main()\nexcept SystemExit:\n    pass"
    loaded = _modules_loaded_by(code)
    assert not any(m.startswith(("PySide6", "sqlalchemy", "openpyxl")) for m in loaded)


def test_no_module_imports_qt_outside_ui() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if path.parts[len(PACKAGE.parts)] not in ("ui",)
        and "PySide6" in path.read_text(encoding="utf-8")
        and path.name != "gui_command.py"
    ]
    assert offenders == []
