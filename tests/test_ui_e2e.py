"""End to end: the real program in a real X window (Xvfb), driven by keystrokes like a scanner.

Starts ``python -m yinglou_desk gui`` on a fresh database, logs in by typing
a badge code with ``xdotool`` (5 ms between keys, ending with Enter — what a
keyboard-wedge scanner does), runs a send-out, a check-in and a pickup, and
checks the database after each. Then it takes a screenshot of the X screen
and checks that it shows the window (the pickup colour is on screen) and
that Chinese text is drawn with real glyphs, not "tofu" boxes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select

from yinglou_desk.domain.palette import STATE_COLOURS
from yinglou_desk.storage.engine import make_engine
from yinglou_desk.storage.migrate import upgrade
from yinglou_desk.storage.models import Item, ScanLog

from .helpers.clock import FakeClock
from .helpers.socat import PtyPair
from .helpers.studio import make_studio

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (shutil.which("Xvfb") and shutil.which("xdotool")), reason="needs Xvfb and xdotool"
    ),
]

SCREENSHOT = textwrap.dedent(
    """
    import sys
    from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter
    app = QGuiApplication(sys.argv)
    app.primaryScreen().grabWindow(0).save(sys.argv[1])

    def render(text):
        image = QImage(400, 60, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        font = QFont()
        font.setFamilies(["Noto Sans CJK SC", "WenQuanYi Micro Hei"])
        font.setPointSize(24)
        painter.setFont(font)
        painter.drawText(10, 45, text)
        painter.end()
        return image

    # Two different Chinese words drawn as tofu give the same picture; real glyphs do not.
    same = render("发件回件") == render("取件查件")
    print("TOFU" if same else "GLYPHS")
    """
)


def _free_display() -> int:
    for number in range(60, 120):
        if not Path(f"/tmp/.X{number}-lock").exists():
            return number
    raise RuntimeError("no free X display number")


@pytest.fixture
def xserver() -> Iterator[dict[str, str]]:
    number = _free_display()
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1280x860x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    env = {**os.environ, "DISPLAY": f":{number}", "QT_QPA_PLATFORM": "xcb"}
    deadline = time.monotonic() + 20
    while subprocess.run(["xdotool", "getmouselocation"], env=env, capture_output=True).returncode:
        if time.monotonic() > deadline or server.poll() is not None:
            server.kill()
            pytest.fail("Xvfb did not start")
        time.sleep(0.1)
    try:
        yield env
    finally:
        server.terminate()
        server.wait(10)


def _becomes(predicate, timeout: float) -> bool:  # type: ignore[no-untyped-def]
    """Poll ``predicate`` until it holds (True) or ``timeout`` seconds pass (False)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def _wait_for(predicate, what: str, timeout: float = 30.0, explain=None) -> None:  # type: ignore[no-untyped-def]
    """Poll ``predicate``; on time-out fail with ``explain()`` (what the program did)."""
    if not _becomes(predicate, timeout):
        pytest.fail(f"timed out waiting for {what}" + (f"\n{explain()}" if explain else ""))


def _item_state(engine, code: str) -> str:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return conn.execute(select(Item.state).where(Item.code == code)).scalar_one()


@contextmanager
def _running_program(env: dict[str, str], url: str) -> Iterator[None]:
    """``python -m yinglou_desk gui`` on ``url``; stopped afterwards, and it must not have
    printed a traceback."""
    app = subprocess.Popen(
        [sys.executable, "-m", "yinglou_desk", "gui", "--db", url],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield
    finally:
        app.terminate()
        try:
            output, _ = app.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            app.kill()
            output, _ = app.communicate()
    assert "Traceback" not in output, output


@contextmanager
def _disposing(engine) -> Iterator[None]:  # type: ignore[no-untyped-def]
    try:
        yield
    finally:
        engine.dispose()


def _scan_log(engine) -> str:  # type: ignore[no-untyped-def]
    """Every scan the program logged, one line each: the first thing to read on a failure."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                ScanLog.code,
                ScanLog.station,
                ScanLog.operator_name,
                ScanLog.outcome,
                ScanLog.message,
            ).order_by(ScanLog.id)
        ).all()
    return "scan log:\n" + "\n".join(" | ".join(map(str, row)) for row in rows)


def _xdotool(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def _scan(env: dict[str, str], code: str) -> None:
    """What a keyboard-wedge scanner does: the code and its Enter as one burst of keys
    5 ms apart, caught by the program's wedge filter wherever the focus is."""
    _xdotool(env, "type", "--delay", "5", code + "\n")


def test_the_real_program_scans_through_send_out_check_in_and_pickup(
    tmp_path: Path, xserver: dict[str, str]
) -> None:
    url = f"sqlite:///{tmp_path / 'studio.db'}"
    engine = make_engine(url)
    upgrade(engine)
    studio = make_studio(engine, FakeClock())
    studio.add_order("E2E001", ["950000000001", "950000000002"], customer="张小梅")
    sorter, desk = studio.operators["小李"], studio.operators["小张"]

    def state(code: str) -> str:
        return _item_state(engine, code)

    def explain() -> str:
        grabs = sorted(path.name for path in (tmp_path / "grabs").glob("*.png"))
        return _scan_log(engine) + "\npictures: " + ", ".join(grabs)

    env = {
        **xserver,
        "YINGLOU_LANG": "zh",
        "YINGLOU_WORKSTATION": "e2e-pc",
        "YINGLOU_GRAB_DIR": str(tmp_path / "grabs"),
    }
    with _running_program(env, url), _disposing(engine):
        window = _xdotool(env, "search", "--sync", "--onlyvisible", "--name", "影楼客件追踪")
        window = window.splitlines()[0]
        _xdotool(env, "mousemove", "--window", window, "640", "400")
        _xdotool(env, "windowfocus", "--sync", window)

        _scan(env, sorter.badge_code)  # log in: the window opens 今日
        _wait_for(lambda: any((tmp_path / "grabs").glob("*-today.png")), "login", explain=explain)
        _xdotool(env, "key", "F1")  # send-out
        _wait_for(
            lambda: any((tmp_path / "grabs").glob("*-send-out.png")), "send-out", explain=explain
        )
        for code in ("950000000001", "950000000002"):
            _scan(env, code)
        _wait_for(
            lambda: state("950000000002") == "sent_out", "send-out in the database", explain=explain
        )
        assert state("950000000001") == "sent_out"

        _xdotool(env, "key", "F2")  # check-in
        for code in ("950000000001", "950000000002"):
            _scan(env, code)
        _wait_for(
            lambda: state("950000000002") == "ready", "check-in in the database", explain=explain
        )

        def slots() -> set[str | None]:  # shelved just after the check-in commits
            with engine.connect() as conn:
                return set(conn.execute(select(Item.shelf_slot)).scalars())

        _wait_for(lambda: None not in slots(), "shelf slots in the database", explain=explain)
        assert slots() == {"A-01"}  # one order, one shelf slot

        # Switch operator, open pickup, scan a label, hand over: at scanner speed, without
        # waiting in between. The program keeps them in order: F3 and the label wait for the
        # badge (a sorter has no pickup tab), F8 waits for the label's lookup.
        _scan(env, desk.badge_code)
        _xdotool(env, "key", "F3")
        _scan(env, "950000000001")  # any label of the order finds it
        _xdotool(env, "key", "F8")  # hand over everything that is ready

        def handed_over() -> bool:
            return {state("950000000001"), state("950000000002")} == {"picked_up"}

        _wait_for(handed_over, "pickup in the database", explain=explain)

        shot = tmp_path / "screen.png"
        picked_up = STATE_COLOURS["picked_up"][0]

        def painted() -> bool:  # the last paint may not have reached the X server yet
            checked = subprocess.run(
                [sys.executable, "-c", SCREENSHOT, str(shot)],
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert checked.returncode == 0, checked.stderr
            assert checked.stdout.strip() == "GLYPHS"
            return _colour_hits(shot, picked_up) > 500

        _wait_for(painted, f"{picked_up} (picked up) on the screen", explain=explain)
        keep = os.environ.get("YINGLOU_E2E_SCREENSHOT")
        if keep:
            shutil.copy(shot, keep)


def _colour_hits(path: Path, colour: str) -> int:
    """How much of the screenshot shows ``colour`` (the result panel after the pickup),
    in samples of every fourth pixel of every fourth row."""
    from PySide6.QtGui import QColor, QImage

    image = QImage(str(path))
    assert not image.isNull()
    assert image.width() >= 1000
    wanted = QColor(colour).rgb()
    return sum(
        1
        for y in range(0, image.height(), 4)
        for x in range(0, image.width(), 4)
        if image.pixel(x, y) == wanted
    )


def test_the_real_program_opens_the_scanner_saved_in_this_pcs_settings(
    tmp_path: Path, xserver: dict[str, str], monkeypatch: pytest.MonkeyPatch, cable: PtyPair
) -> None:
    """No ``--serial``: the serial scanner comes from ``this-pc.json`` in the config folder,
    as 本机设置 saved it, and scans at the station it was set to."""
    from yinglou_desk.services.settings.this_pc import PcSettings, save_pc_settings, settings_path

    url = f"sqlite:///{tmp_path / 'studio.db'}"
    engine = make_engine(url)
    upgrade(engine)
    studio = make_studio(engine, FakeClock())
    studio.add_order("E2E002", ["950000000011"])
    env = {**xserver, "XDG_CONFIG_HOME": str(tmp_path / "config"), "YINGLOU_LANG": "zh"}
    saved = PcSettings(serial_scanners=(f"{cable.port}@9600:lf=send-out",))
    monkeypatch.setenv("XDG_CONFIG_HOME", env["XDG_CONFIG_HOME"])
    path = save_pc_settings(saved, settings_path())  # where the program will look
    assert path.is_relative_to(tmp_path)

    with _running_program(env, url), _disposing(engine):
        _xdotool(env, "search", "--sync", "--onlyvisible", "--name", "影楼客件追踪")
        badge = studio.operators["小李"].badge_code.encode()

        def sent_out() -> bool:
            return _item_state(engine, "950000000011") == "sent_out"

        for _ in range(3):  # the port may still be opening: scan again, as staff would
            cable.send(badge + b"\n950000000011\n")
            if _becomes(sent_out, 10):
                break
        assert sent_out(), _scan_log(engine)
