"""The schema: one linear chain of migrations that matches the models on both databases,
applied automatically at start, also from an installed wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError

from yinglou_desk.storage.engine import make_engine
from yinglou_desk.storage.migrate import alembic_config, current_revision, head_revision, upgrade
from yinglou_desk.storage.models import Base
from yinglou_desk.storage.tables import scan_log

ROOT = Path(__file__).resolve().parent.parent


def test_the_revision_chain_is_linear() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    heads = script.get_heads()
    assert len(heads) == 1
    revisions = list(script.walk_revisions())
    assert [r.revision for r in reversed(revisions)] == sorted(r.revision for r in revisions)
    for revision in revisions:
        assert not revision.is_merge_point


def test_migrated_database_matches_the_models(engine) -> None:
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = [
            change
            for change in compare_metadata(context, Base.metadata)
            if not (change[0] == "remove_index" and change[1].name == "ix_customers_name_pattern")
        ]
    assert diff == []


def test_upgrade_is_a_no_op_at_head(engine) -> None:
    assert upgrade(engine) is False


def test_a_new_database_is_created_and_migrated_at_start(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'sub' / 'new.db'}")
    assert current_revision(engine) is None
    assert upgrade(engine) is True
    assert current_revision(engine) == head_revision()
    engine.dispose()


def _upgrade_to(engine: Engine, revision: str) -> None:
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def test_undo_rows_written_before_0006_point_at_the_row_they_reverse(empty_db_url: str) -> None:
    engine = make_engine(empty_db_url)
    _upgrade_to(engine, "0005")
    common = {
        "at": datetime(2026, 3, 2, 10, tzinfo=UTC),
        "code": "300000000001",
        "station": "check-in",
        "operator_name": "小李",
        "workstation": "pc-1",
        "outcome": "accepted",
        "message": "",
    }
    with engine.begin() as conn:
        conn.execute(
            scan_log.insert(),
            [
                {**common, "id": 1, "action": "check_in", "detail": None},
                {**common, "id": 2, "action": "undo", "detail": "undo of scan_log #1 (check_in)"},
                # a rework reason that reads like an undo is not one
                {**common, "id": 3, "action": "flag_rework", "detail": "undo of scan_log #1 (x)"},
            ],
        )

    assert upgrade(engine) is True
    with engine.connect() as conn:
        links = dict(conn.execute(select(scan_log.c.id, scan_log.c.reverses_id)).all())
    assert links == {1: None, 2: 1, 3: None}
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(scan_log.update().values(message="changed"))  # the trigger is back
    engine.dispose()


def test_every_step_down_and_up_again_leaves_the_same_schema(empty_db_url: str) -> None:
    """A downgrade that forgets a trigger or a table would break the next upgrade."""
    engine = make_engine(empty_db_url)
    upgrade(engine)
    at_head = _triggers_and_indexes(engine)
    assert {"trg_scan_log_no_replace", "trg_scan_log_no_truncate"} & at_head
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0006")
    assert current_revision(engine) == "0006"
    assert not {"trg_scan_log_no_replace", "trg_scan_log_no_truncate"} & _triggers_and_indexes(
        engine
    )
    assert upgrade(engine) is True
    assert current_revision(engine) == head_revision()
    assert _triggers_and_indexes(engine) == at_head
    engine.dispose()


_SETTLEMENT_OBJECTS = {"settlements", "settled_items", "vendor_statement_layouts"}


def test_0009_steps_down_and_up_with_its_tables_and_triggers(empty_db_url: str) -> None:
    engine = make_engine(empty_db_url)
    upgrade(engine)
    at_head = _triggers_and_indexes(engine)
    assert at_head >= _SETTLEMENT_OBJECTS
    assert {"trg_settlements_no_replace", "trg_settlements_no_truncate"} & at_head
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0008")
    below = _triggers_and_indexes(engine)
    assert not _SETTLEMENT_OBJECTS & below
    assert not {name for name in below if "settle" in name}
    assert upgrade(engine) is True
    assert _triggers_and_indexes(engine) == at_head
    engine.dispose()


def _triggers_and_indexes(engine: Engine) -> set[str]:
    if engine.dialect.name == "sqlite":
        query = "SELECT name FROM sqlite_master WHERE type IN ('trigger', 'index', 'table')"
    else:
        query = (
            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal "
            "UNION SELECT indexname FROM pg_indexes WHERE schemaname = 'public' "
            "UNION SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        )
    with engine.connect() as conn:
        return set(conn.exec_driver_sql(query).scalars())


@pytest.mark.slow
def test_migrations_run_from_an_installed_wheel(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(dist),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(dist.glob("yinglou_desk-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "yinglou_desk/migrations/env.py" in names
    assert any(n.startswith("yinglou_desk/migrations/versions/") for n in names)
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    probe = (
        "import yinglou_desk, sys\n"
        f"assert yinglou_desk.__file__.startswith({str(target)!r}), yinglou_desk.__file__\n"
        "from yinglou_desk.storage.migrate import migrations_dir\n"
        "print(migrations_dir())\n"
        "from yinglou_desk.cli import main\n"
        f"sys.exit(main(['db', 'upgrade', '--db', {str(tmp_path / 'w.db')!r}]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith(str(target))
    engine = make_engine(f"sqlite:///{tmp_path / 'w.db'}")
    assert current_revision(engine) == head_revision()
    engine.dispose()
