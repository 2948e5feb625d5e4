"""The desk without a console (Windows' windowed program, ``yinglou-desk-gui``): with no
stdout or stderr at all, what it says goes to ``desk.log`` instead of crashing it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from yinglou_desk import __version__
from yinglou_desk.cli import crash, gui_main, windowed


def test_without_streams_the_output_goes_to_the_desk_log(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(crash, "crash_log_path", lambda: tmp_path / "logs" / "errors.log")
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    try:
        with pytest.raises(SystemExit) as done:
            gui_main(["--version"])
        opened = sys.stdout
    finally:
        if sys.stdout is not None:
            sys.stdout.close()
    assert done.value.code == 0
    assert opened is not None
    log = tmp_path / "logs" / windowed.LOG_NAME
    assert log.read_text(encoding="utf-8") == f"yinglou-desk {__version__}\n"


def test_with_a_console_nothing_is_redirected(capsys: pytest.CaptureFixture[str]) -> None:
    assert windowed.give_missing_streams_a_log() is False
    with pytest.raises(SystemExit):
        gui_main(["--version"])
    assert capsys.readouterr().out == f"yinglou-desk {__version__}\n"
