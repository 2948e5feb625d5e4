"""The frozen folder, run as a studio PC runs it: does it hold everything it needs?

Run by ``bash scripts/smoke-test-build.sh`` after ``bash scripts/build.sh``; kept out
of ``tests/`` (it needs the built folder, and minutes). Only the frozen programs are
under test: the studio's data is made by them, in a home of its own, and checked in
the database file, the printed PDF and what the programs print. A frozen program
that lacks a module, a data file or a Qt plug-in fails one of these in the way a
studio would notice it.
"""

from __future__ import annotations

import json
import re
import shutil
import signal
import ssl
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from frozen import (
    DIST,
    ROOT,
    WINDOWS,
    Studio,
    head_revision,
    program,
    query,
    source_version,
    wait_until,
    xdotool,
)

sys.path.insert(0, str(ROOT))
from tests.helpers.xdesk import x_display  # the house's Xvfb with openbox

pytestmark = pytest.mark.skipif(
    not program("yinglou-desk").is_file(), reason=f"no frozen build in {DIST}"
)


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Studio:
    return Studio(tmp_path_factory.mktemp("studio"))


@pytest.fixture(scope="module")
def demo_db(studio: Studio) -> Path:
    """A demo studio made by the frozen program in its default place (the user's data folder)."""
    made = studio.run("demo", "--orders", "30", "--seed", "7")
    assert made.returncode == 0, made.stderr
    db = studio.root / "home" / ".local" / "share" / "yinglou-desk" / "yinglou.db"
    assert db.is_file(), made.stderr
    return db


def test_the_folder_holds_what_the_spec_promises() -> None:
    sys.path.insert(0, str(ROOT / "packaging"))
    import check_bundle

    assert check_bundle.check(DIST) == []


@pytest.mark.skipif(WINDOWS or not shutil.which("ldd"), reason="ldd reads Linux libraries")
def test_every_library_in_the_folder_finds_the_libraries_it_needs() -> None:
    """The spec leaves unused Qt plug-ins out with the libraries only they need; a library
    still in the folder that needs one of those would fail only when first loaded."""
    inner = DIST / "_internal"
    env = {
        "LD_LIBRARY_PATH": f"{inner}:{inner / 'PySide6' / 'Qt' / 'lib'}",
        "PATH": "/usr/bin:/bin",
    }
    unresolved = []
    for library in sorted(inner.rglob("*.so*")):
        if not library.is_file():
            continue
        linked = subprocess.run(["ldd", str(library)], env=env, capture_output=True, text=True)
        unresolved += [
            f"{library.relative_to(DIST)}: {line.strip()}"
            for line in linked.stdout.splitlines()
            if "not found" in line
        ]
    assert unresolved == []


@pytest.mark.parametrize("name", ["yinglou-desk", "yinglou-desk-cli"])
def test_both_programs_say_their_version(studio: Studio, name: str) -> None:
    said = subprocess.run(
        [str(program(name)), "--version"],
        env=studio.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert said.returncode == 0, said.stderr
    assert said.stdout.strip() == f"yinglou-desk {source_version()}"


def test_db_upgrade_makes_a_new_database_at_the_newest_migration(studio: Studio) -> None:
    db = studio.root / "fresh.db"
    done = studio.run("--db", str(db), "db", "upgrade")
    assert done.returncode == 0, done.stderr
    assert query(db, "SELECT version_num FROM alembic_version") == [(head_revision(),)]


def test_db_upgrade_brings_an_older_database_up_keeping_its_data(studio: Studio) -> None:
    """A database of the first version (made with the checkout's alembic) upgraded by the
    frozen program: its migrations ran from inside the folder, the data stayed, and
    SQLite was backed up first."""
    db = studio.root / "older.db"
    env = {**studio.env, "YINGLOU_DB": str(db), "PYTHONPATH": str(ROOT / "src")}
    made = subprocess.run(
        [sys.executable, "-m", "alembic", "upgrade", "0001"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    with __import__("sqlite3").connect(db) as connection:
        connection.execute(
            "INSERT INTO vendors (name, turnaround_days, active, created_at)"
            " VALUES ('老厂商', 9, 1, '2026-01-05 08:00:00.000000')"
        )
    done = studio.run("--db", str(db), "db", "upgrade")
    assert done.returncode == 0, done.stderr
    assert query(db, "SELECT version_num FROM alembic_version") == [(head_revision(),)]
    assert query(db, "SELECT turnaround_days FROM vendors WHERE name = '老厂商'") == [(9,)]
    assert list((studio.root / "backups").glob("*before-upgrade*")), done.stderr


def _desk_process(studio: Studio, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(
            [str(program("yinglou-desk"))],  # as the Start-menu shortcut starts it
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=studio.root,
        )


def _mapped_files(pid: int) -> set[str]:
    """The files a running process has mapped: its libraries, plug-ins and Qt catalogues."""
    lines = Path(f"/proc/{pid}/maps").read_text().splitlines()
    return {line.split(None, 5)[5] for line in lines if len(line.split(None, 5)) == 6}


@pytest.fixture(scope="module")
def desk_session(studio: Studio, demo_db: Path) -> dict[str, object]:
    """The frozen desk on Xvfb + openbox at 1366×768, started without arguments: a sorter
    logs in with the badge, goes to 回件/理件 (F2) and checks an item in with a wedge scan;
    then the window is closed as staff close it."""
    badge = query(demo_db, "SELECT badge_code FROM operators WHERE role = 'sorter' LIMIT 1")
    item = query(demo_db, "SELECT code FROM items WHERE state = 'sent_out' ORDER BY id LIMIT 1")
    assert badge
    assert item
    code = item[0][0]
    seen: dict[str, object] = {"code": code}
    log = studio.root / "desk.out"
    grabs = studio.root / "grabs"  # the desk saves a picture of itself at each page change
    seen["grabs"] = grabs
    with x_display(base={**studio.env, "YINGLOU_GRAB_DIR": str(grabs)}) as env:
        desk = _desk_process(studio, env, log)
        try:
            window = wait_until(
                lambda: subprocess.run(
                    ["xdotool", "search", "--onlyvisible", "--pid", str(desk.pid)],
                    env=env,
                    capture_output=True,
                    text=True,
                ).stdout.split(),
                "the desk's login window",
                timeout=120,
            )[-1]
            xdotool(env, "windowactivate", "--sync", window)
            time.sleep(1)  # the login page takes the keys once the window is active
            xdotool(env, "type", "--delay", "5", badge[0][0] + "\n")  # the badge, as a scanner
            wait_until(
                lambda: list(grabs.glob("*-today.png")),
                "the sorter logged in: 今日 on screen",
                timeout=60,
            )
            time.sleep(1)
            xdotool(env, "key", "F2")  # 回件/理件
            wait_until(
                lambda: list(grabs.glob("*-check-in.png")),
                "the check-in station on screen",
                timeout=60,
            )
            time.sleep(1)
            before = len(list(grabs.glob("*.png")))
            xdotool(env, "type", "--delay", "5", code + "\n")  # the label, as a scanner
            seen["scans"] = wait_until(
                lambda: query(
                    demo_db,
                    "SELECT station, outcome, to_state FROM scan_log WHERE code = ?"
                    " AND station = 'check-in'",
                    code,
                ),
                f"the check-in scan of {code} in the scan log",
                timeout=60,
            )
            seen["picture"] = wait_until(  # the desk saves a picture once it shows the result
                lambda: (
                    sorted(grabs.glob("*.png"))[before:]
                    if len(list(grabs.glob("*.png"))) > before
                    else []
                ),
                "the scan's result on screen",
                timeout=30,
            )[-1]
            seen["mapped"] = _mapped_files(desk.pid)
            xdotool(env, "windowactivate", "--sync", window)
            xdotool(env, "key", "--clearmodifiers", "alt+F4")  # openbox: close the window
            seen["exit"] = desk.wait(60)
        finally:
            if desk.poll() is None:
                desk.kill()
                desk.wait(30)
    seen["said"] = log.read_text(encoding="utf-8", errors="replace")
    return seen


def test_the_desk_logs_in_by_badge_and_checks_in_a_scanned_label(
    desk_session: dict[str, object],
) -> None:
    scans = desk_session["scans"]
    assert scans == [("check-in", "accepted", "ready")], desk_session["said"]


def test_the_desk_closes_cleanly(desk_session: dict[str, object]) -> None:
    said = str(desk_session["said"])
    assert desk_session["exit"] == 0, said
    assert "Traceback" not in said, said


def test_the_desk_speaks_qt_chinese_and_loads_the_sound_plugin_from_its_folder(
    desk_session: dict[str, object],
) -> None:
    """Qt's Chinese catalogue and the multimedia plug-in, mapped into the running desk
    from the frozen folder (not from anywhere else on this PC)."""
    mapped = desk_session["mapped"]
    assert isinstance(mapped, set)
    inside = {path for path in mapped if path.startswith(str(DIST))}
    assert any(p.endswith("translations/qtbase_zh_CN.qm") for p in inside), sorted(inside)
    assert any("Qt6Multimedia" in p for p in inside), sorted(inside)
    assert any("multimedia/libffmpegmediaplugin" in p for p in inside), sorted(inside)
    assert "translations not found" not in str(desk_session["said"])


def test_labels_print_to_pdf_with_codes_that_scan_back(studio: Studio, demo_db: Path) -> None:
    (order_no, order_id), *_ = query(
        demo_db,
        "SELECT o.order_no, o.id FROM orders o JOIN items i ON i.order_id = o.id"
        " GROUP BY o.id HAVING count(*) >= 2 ORDER BY o.id LIMIT 1",
    )
    codes = {c for (c,) in query(demo_db, "SELECT code FROM items WHERE order_id = ?", order_id)}
    pdf = studio.root / "labels.pdf"
    done = studio.run("labels", order_no, "-o", str(pdf))
    assert done.returncode == 0, done.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    pages = studio.root / "pages"
    pages.mkdir()
    subprocess.run(
        ["pdftoppm", "-r", "300", "-gray", "-png", str(pdf), str(pages / "p")], check=True
    )
    read = set()
    for page in sorted(pages.glob("*.png")):
        decoded = subprocess.run(
            ["zbarimg", "--quiet", "--raw", str(page)], capture_output=True, text=True
        )
        read.update(line.strip() for line in decoded.stdout.splitlines() if line.strip())
    assert read == codes


def test_backup_writes_a_copy_of_the_studio(
    studio: Studio, desk_session: dict[str, object]
) -> None:
    target = studio.root / "copy.db"
    done = studio.run("backup", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert target.read_bytes()[:16] == b"SQLite format 3\x00"
    code = desk_session["code"]
    assert query(
        target, "SELECT outcome FROM scan_log WHERE code = ? AND station = 'check-in'", code
    )


@pytest.mark.usefixtures("demo_db")
def test_serve_answers_the_phone_page_over_https(studio: Studio) -> None:
    serving = subprocess.Popen(
        [
            str(program("yinglou-desk-cli")),
            "serve",
            "--port",
            "0",
            "--trust-port",
            "0",
            "--host",
            "127.0.0.1",
        ],
        env=studio.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=studio.root,
    )
    try:
        lines: list[str] = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len(lines) < 2:
            line = serving.stderr.readline() if serving.stderr else ""
            if not line:
                break
            lines.append(line)
        said = "".join(lines)
        page = re.search(r"(https://127\.0\.0\.1:\d+/)", said)
        trust = re.search(r"(http://127\.0\.0\.1:\d+/)", said)
        assert page, said
        assert trust, said
        ca = ssl.create_default_context(cafile=str(studio.root / "tls" / "ca" / "ca.pem"))
        with urllib.request.urlopen(page.group(1), context=ca, timeout=30) as answer:
            html = answer.read().decode("utf-8")
        assert answer.status == 200
        assert "app.js" in html  # the shipped page, which loads the shipped script
        with urllib.request.urlopen(
            page.group(1) + "static/app.js", context=ca, timeout=30
        ) as script:
            assert script.read() == (ROOT / "resources" / "phone" / "app.js").read_bytes()
        with urllib.request.urlopen(trust.group(1), timeout=30) as trust_page:
            assert trust_page.status == 200
    finally:
        serving.send_signal(signal.SIGINT)
        _out, err = serving.communicate(timeout=60)
    assert serving.returncode == 0, err


def test_doctor_checks_this_pc_with_every_probe_it_needs(studio: Studio, demo_db: Path) -> None:
    """The self-check the studio's IT person runs on the phone: in the frozen folder it
    must reach the database, alembic's scripts, fontconfig and Qt's sound and print
    modules — a missing one turns its line into "could not check"."""
    done = studio.run("doctor", "--json", "--db", str(demo_db))
    assert done.returncode in (0, 1), done.stderr
    lines = {line["key"]: line for line in json.loads(done.stdout)}
    assert lines["database"]["status"] == "ok", lines["database"]
    assert lines["revision"]["status"] == "ok", lines["revision"]
    assert lines["revision"]["params"]["revision"] == head_revision()
    assert lines["font"]["status"] == "ok", lines["font"]
    not_checked = [k for k, line in lines.items() if line["message_key"] == "checkup.not_checked"]
    assert not_checked == [], {k: lines[k] for k in not_checked}
