"""A quiet start: on a PC without sound the program prints nothing on stderr — not Qt
Multimedia's library probing, not "PulseAudioService: pa_context_connect() failed" —
unless ``YINGLOU_DEBUG=1`` asks for it.

The real program (``python -m yinglou_desk gui``) on Xvfb with openbox, with no
sound server to be found: a badge logs in, a label is sent out, Alt+F4 quits.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from yinglou_desk.storage.engine import make_engine
from yinglou_desk.storage.migrate import upgrade
from yinglou_desk.storage.models import Item

from .helpers.clock import FakeClock
from .helpers.studio import make_studio
from .helpers.xdesk import NEEDS_X, x_display


def _xdotool(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def _run_the_desk(tmp_path: Path, **extra: str) -> str:
    """Start, log in, send out one label, quit; what the program wrote on stderr."""
    url = f"sqlite:///{tmp_path / 'studio.db'}"
    engine = make_engine(url)
    upgrade(engine)
    studio = make_studio(engine, FakeClock())
    studio.add_order("Q001", ["950000000001"], customer="张小梅")
    badge = studio.operators["小李"].badge_code
    engine.dispose()

    def state() -> str:
        with engine.connect() as conn:
            return str(conn.execute(select(Item.state).where(Item.code == "950000000001")).scalar())

    with x_display() as display:
        env = {
            **display,
            "YINGLOU_LANG": "zh",
            "YINGLOU_WORKSTATION": "quiet-pc",
            "PULSE_SERVER": f"unix:{tmp_path / 'no-sound-server'}",  # no sound on this PC
            **extra,
        }
        if "YINGLOU_DEBUG" not in extra:
            env.pop("YINGLOU_DEBUG", None)
        env.pop("QT_LOGGING_RULES", None)
        program = subprocess.Popen(
            [sys.executable, "-m", "yinglou_desk", "gui", "--db", url],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            window = _xdotool(env, "search", "--sync", "--onlyvisible", "--name", "影楼客件追踪")
            window = window.splitlines()[0]
            _xdotool(env, "windowactivate", "--sync", window)
            _xdotool(env, "type", "--delay", "5", badge + "\n")
            # the badge is checked on a worker; F1 and the label wait for its answer
            _xdotool(env, "key", "F1")
            _xdotool(env, "type", "--delay", "5", "950000000001\n")
            deadline = time.monotonic() + 30
            while state() != "sent_out":
                assert time.monotonic() < deadline, "the label was not sent out"
                time.sleep(0.2)
            _xdotool(env, "key", "alt+F4")  # openbox closes the active window
            _, said = program.communicate(timeout=30)
        finally:
            if program.poll() is None:
                program.kill()
                program.communicate()
            engine.dispose()
    assert program.returncode == 0, said
    return said


@pytest.mark.slow
@NEEDS_X
def test_a_pc_without_sound_starts_scans_and_quits_without_a_word_on_stderr(tmp_path) -> None:
    said = _run_the_desk(tmp_path)
    assert said == "", said


@pytest.mark.slow
@NEEDS_X
def test_yinglou_debug_lets_qts_sound_chatter_through(tmp_path) -> None:
    said = _run_the_desk(tmp_path, YINGLOU_DEBUG="1")
    assert "qt.multimedia" in said, said


QUIET_PROBE = """
from PySide6.QtCore import qWarning
from yinglou_desk.ui.app import make_application
app = make_application(["desk"])
qWarning("PulseAudioService: pa_context_connect() failed")
qWarning("the database file is read-only")
"""


@pytest.mark.parametrize("debug", ["", "1"])
def test_only_the_known_noise_is_dropped(debug: str) -> None:
    """Any other warning still reaches stderr; with YINGLOU_DEBUG the noise does too."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "YINGLOU_DEBUG": debug}
    env.pop("QT_LOGGING_RULES", None)
    done = subprocess.run(
        [sys.executable, "-c", QUIET_PROBE], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "the database file is read-only" in done.stderr
    assert ("PulseAudioService" in done.stderr) == bool(debug), done.stderr
