"""The desk without a console (Windows' windowed program, ``yinglou-desk-gui``): with no
stdout or stderr at all, what it says goes to ``desk.log`` instead of crashing it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from yinglou_desk import __version__
from yinglou_desk.cli import crash, gui_main, windowed


def _no_console(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """This process as Windows starts a windowed program: no stdout, no stderr; the log
    folder in ``tmp_path``. Gives the desk log's path. (Called in the test itself: pytest
    puts its own streams back between a fixture and the test.)"""
    monkeypatch.setattr(crash, "crash_log_path", lambda: tmp_path / "logs" / "errors.log")
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    return tmp_path / "logs" / windowed.LOG_NAME


def test_without_streams_the_output_goes_to_the_desk_log(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    log_path = _no_console(monkeypatch, tmp_path)
    try:
        with pytest.raises(SystemExit) as done:
            gui_main(["--version"])
        opened = sys.stdout
    finally:
        if sys.stdout is not None:
            sys.stdout.close()
    assert done.value.code == 0
    assert opened is not None
    assert log_path.read_text(encoding="utf-8") == f"yinglou-desk {__version__}\n"


def test_with_a_console_nothing_is_redirected(capsys: pytest.CaptureFixture[str]) -> None:
    assert windowed.give_missing_streams_a_log() is False
    with pytest.raises(SystemExit):
        gui_main(["--version"])
    assert capsys.readouterr().out == f"yinglou-desk {__version__}\n"


def test_a_desk_that_cannot_start_says_why_in_a_box_when_there_is_no_console(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Double-clicked with a database it cannot open: the one line it prints would go
    only to desk.log, so it is shown to the person at the PC as well."""
    log_path = _no_console(monkeypatch, tmp_path)
    told: list[str] = []
    not_a_database = tmp_path / "notes.txt"
    not_a_database.write_text("这不是数据库\n" * 100, encoding="utf-8")
    try:
        code = windowed.gui_main(["gui", "--db", str(not_a_database)], tell=told.append)
    finally:
        if sys.stdout is not None:
            sys.stdout.close()
    assert code == 4
    assert len(told) == 1
    assert "桌面程序没能启动" in told[0]
    assert str(not_a_database) in told[0]
    assert str(log_path) in told[0]
    log = log_path.read_text(encoding="utf-8")
    assert str(not_a_database) in log  # and the log has it too


def test_a_desk_that_starts_and_ends_well_shows_no_box(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _no_console(monkeypatch, tmp_path)
    told: list[str] = []
    try:
        with pytest.raises(SystemExit):
            windowed.gui_main(["--version"], tell=told.append)
    finally:
        if sys.stdout is not None:
            sys.stdout.close()
    assert told == []
