"""Fixtures for the desk: ``pytest_plugins = ["tests.helpers.desk_fixtures"]`` in a test module.

Every fixture waits for the worker threads before the database goes away.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.storage.engine import make_engine

from .desk import ScriptedDialogs
from .studio import Studio, make_studio


@pytest.fixture
def ui_engine(tmp_path: Path, sqlite_template: Path) -> Iterator[Engine]:
    """A migrated SQLite file of the test's own (the UI runs the same SQL on both backends)."""
    path = tmp_path / "desk.db"
    shutil.copy(sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


@pytest.fixture(autouse=True)
def receipt_previews(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """取件 prints a receipt after every hand-over through the print preview: here the
    preview is recorded and closed at once (nothing blocks); a test may inspect it."""
    from yinglou_desk.ui.stations.pickup import PickupPage

    shown: list[object] = []

    def preview(dialog: object) -> int:
        shown.append(dialog)
        return 0

    monkeypatch.setattr(PickupPage, "run_print_dialog", staticmethod(preview))
    return shown


@pytest.fixture
def dialogs() -> ScriptedDialogs:
    return ScriptedDialogs()


@pytest.fixture
def service(ui_engine: Engine, clock: object) -> ScanService:
    """The scan service another PC of the studio uses, on the same database."""
    return ScanService(ui_engine, clock=clock)  # type: ignore[arg-type]


@pytest.fixture
def ui_studio(ui_engine: Engine, clock: object) -> Studio:
    return make_studio(ui_engine, clock)


@pytest.fixture
def ctx(qtbot, ui_engine, clock, dialogs):  # type: ignore[no-untyped-def]
    del qtbot  # asked for only so that the QApplication exists before the context's QObjects
    from yinglou_desk.ui.context import DeskContext

    context = DeskContext(ui_engine, clock=clock, dialogs=dialogs, workstation="desk-test")
    yield context
    context.stop()


@pytest.fixture
def window(qtbot, ctx, ui_studio):  # type: ignore[no-untyped-def]
    """The whole desk window, shown, on the test's database."""
    del ui_studio  # asked for only so that the studio's staff and orders exist before it opens
    from yinglou_desk.ui.main_window import MainWindow

    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    return win
