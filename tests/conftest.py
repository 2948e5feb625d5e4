"""Test set-up shared by the whole suite.

Every storage test runs twice: on a fresh SQLite file and on a PostgreSQL
database that this test run creates on the local server and drops at the end
(``YINGLOU_TEST_PG`` names the server's admin URL). Without a reachable server
the PostgreSQL half is skipped, unless ``YINGLOU_REQUIRE_PG=1`` or ``CI=1``
makes that a failure.

Every machine gives the same answer: the time zone and the language are pinned
here, before anything reads them (``YINGLOU_TEST_TZ`` picks another zone — CI
runs the suite once more far from the studio's). Tests marked ``slow`` run only
with ``--slow`` or in CI.
"""

from __future__ import annotations

import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt
os.environ["YINGLOU_LANG"] = "zh"
os.environ["TZ"] = os.environ.get("YINGLOU_TEST_TZ") or "Asia/Shanghai"

import gc
import shutil
import sys
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from yinglou_desk.storage.engine import make_engine
from yinglou_desk.storage.migrate import upgrade
from yinglou_desk.storage.models import Base

from .helpers.clock import FakeClock
from .helpers.socat import PtyPair

time.tzset()  # time.timezone and friends follow the pinned zone (localtime() reads TZ itself)

PG_ADMIN_URL = os.environ.get(
    "YINGLOU_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
IN_CI = bool(os.environ.get("CI"))
REQUIRE_PG = os.environ.get("YINGLOU_REQUIRE_PG") == "1" or IN_CI


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", help="also run the tests marked slow")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Slow tests (wheels, real windows, many processes) run in CI or with ``--slow``;
    ``-m slow`` picks them alone."""
    if IN_CI or config.getoption("--slow") or "slow" in (config.option.markexpr or ""):
        return
    skip = pytest.mark.skip(reason="slow: run with --slow (CI runs it)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


def _pg_available() -> str | None:
    """None when the server answers, else the reason."""
    try:
        engine = create_engine(PG_ADMIN_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as error:  # noqa: BLE001 - any failure means "not here"
        return str(error).splitlines()[0]
    return None


@contextmanager
def empty_pg_database() -> Iterator[str]:
    """A new, empty PostgreSQL database of this test run's own; dropped afterwards."""
    reason = _pg_available()
    if reason is not None:
        if REQUIRE_PG:
            pytest.fail(f"PostgreSQL required but unreachable: {reason}")
        pytest.skip(f"PostgreSQL not reachable: {reason}")
    name = f"yl_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            )
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


@pytest.fixture(scope="session")
def pg_database_url() -> Iterator[str]:
    """A PostgreSQL database of this test run's own, migrated, dropped at the end."""
    with empty_pg_database() as url:
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database with no schema yet, on each backend (for tests of the migrations)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    with empty_pg_database() as url:
        yield url


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file copied for each test (migrating once is faster)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


def _truncate_all(url: str) -> None:
    engine = make_engine(url)
    names = ", ".join(table.name for table in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        # The logs refuse TRUNCATE (their triggers); a test database is wiped as
        # a replica would be, which fires no ordinary triggers.
        conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
        conn.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> str:
    """A clean, migrated database URL on each backend."""
    if request.param == "sqlite":
        path = tmp_path / "studio.db"
        shutil.copy(sqlite_template, path)
        return f"sqlite:///{path}"
    url = request.getfixturevalue("pg_database_url")
    _truncate_all(url)
    return url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_cable(tmp_path: Path) -> Iterator[Callable[..., PtyPair]]:
    """Serial cables of the test's own (``socat`` pty pairs), all pulled out at the end.

    ``make_cable()`` is one plugged in; ``make_cable("desk")`` another beside it, in
    its own folder; ``make_cable(plugged=False)`` one the test plugs in later.
    """
    made: list[PtyPair] = []

    def make(name: str = "cable", *, plugged: bool = True) -> PtyPair:
        folder = tmp_path / name
        folder.mkdir()
        pair = PtyPair(folder)
        made.append(pair)
        if plugged:
            pair.plug()
        return pair

    yield make
    for pair in made:
        pair.close()


@pytest.fixture
def cable(make_cable: Callable[..., PtyPair]) -> PtyPair:
    """One serial cable, plugged in (see ``make_cable``)."""
    return make_cable()


@pytest.fixture(autouse=True)
def _qt_hygiene(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    """Around every test that has Qt loaded:

    - the desk remembers its window in QSettings: a test's window remembers into a folder
      of the test's own, never into the user's settings, and no test sees another's;
    - after a test with widgets (``qtbot``) its garbage is collected here, on the GUI
      thread. Left to itself, Python's collector runs in whichever thread allocates next
      — often a worker of the next test — and a Qt object it frees there with a timer
      still running (a leftover DeskContext's retry timer, a table's delayed layout) warns
      "Timers cannot be stopped from another thread" and later crashes the event loop.
    """
    qt_core = sys.modules.get("PySide6.QtCore")
    if qt_core is None:  # a test without Qt
        yield
        return
    folder = tmp_path_factory.mktemp("qsettings")
    settings = qt_core.QSettings
    for kind in (settings.Format.NativeFormat, settings.Format.IniFormat):
        settings.setPath(kind, settings.Scope.UserScope, str(folder))
    yield
    if "qtbot" in request.fixturenames:
        gc.collect()
