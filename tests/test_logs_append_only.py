"""The scan log and audit log are evidence: no statement rewrites or empties them.

UPDATE and DELETE were refused from the start; these are the two doors that
stayed open — SQLite's ``INSERT OR REPLACE`` (it deletes the old row without
firing DELETE triggers) and PostgreSQL's ``TRUNCATE`` (it fires no row triggers).
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import select, text

from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.storage.models import AuditLog, ScanLog

from .helpers.studio import make_studio


def _rows(engine, model):
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(select(model.__table__).order_by(model.id))]


@pytest.fixture
def recorded(engine, clock):
    """One offline-replayed scan (with a client_ref) and one plain scan."""
    studio = make_studio(engine, clock)
    service = ScanService(engine, clock=clock)
    service.scan(studio.session("check-in"), "NOPE-1", client_ref="pc1-0001")
    service.scan(studio.session("check-in"), "NOPE-2")
    assert len(_rows(engine, ScanLog)) == 2
    assert _rows(engine, AuditLog)
    return engine


_SCAN_COLUMNS = (
    "at, code, station, action, operator_name, workstation, outcome, message, client_ref"
)
_SCAN_VALUES = (
    "'2026-01-01 00:00:00', 'FORGED', 'check-in', 'check_in', '某人', 'x', 'accepted', ''"
)


@pytest.mark.parametrize(
    "statement",
    [
        f"INSERT OR REPLACE INTO scan_log (id, {_SCAN_COLUMNS}) VALUES (1, {_SCAN_VALUES}, NULL)",
        f"REPLACE INTO scan_log (id, {_SCAN_COLUMNS}) VALUES (2, {_SCAN_VALUES}, NULL)",
        # a new id but the client_ref of a recorded scan: REPLACE would delete that row
        f"INSERT OR REPLACE INTO scan_log (id, {_SCAN_COLUMNS}) "
        f"VALUES (99, {_SCAN_VALUES}, 'pc1-0001')",
        "INSERT OR REPLACE INTO audit_log (id, at, operator_name, workstation, action, subject) "
        "VALUES (1, '2026-01-01 00:00:00', '某人', 'x', 'forged', 'forged')",
    ],
    ids=["scan-id", "scan-replace-into", "scan-client-ref", "audit-id"],
)
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_sqlite_refuses_insert_or_replace_over_a_recorded_row(recorded, statement):
    scans, audits = _rows(recorded, ScanLog), _rows(recorded, AuditLog)
    with pytest.raises(Exception, match="append-only"), recorded.begin() as conn:
        conn.execute(text(statement))
    assert _rows(recorded, ScanLog) == scans
    assert _rows(recorded, AuditLog) == audits


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_sqlite_still_takes_a_new_row_and_refuses_a_plain_duplicate(recorded):
    """The trigger refuses only rows that are already there: new scans go in as before,
    and a replayed client_ref is still an IntegrityError the replay path knows."""
    with recorded.begin() as conn:
        conn.execute(
            text(f"INSERT INTO scan_log ({_SCAN_COLUMNS}) VALUES ({_SCAN_VALUES}, 'pc1-0002')")
        )
    assert len(_rows(recorded, ScanLog)) == 3
    with pytest.raises(Exception, match=r"append-only|UNIQUE"), recorded.begin() as conn:
        conn.execute(
            text(f"INSERT INTO scan_log ({_SCAN_COLUMNS}) VALUES ({_SCAN_VALUES}, 'pc1-0002')")
        )
    assert len(_rows(recorded, ScanLog)) == 3


@pytest.mark.parametrize("table", ["scan_log", "audit_log", "scan_log, audit_log"])
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_postgresql_refuses_truncate_of_the_logs(recorded, table):
    scans, audits = _rows(recorded, ScanLog), _rows(recorded, AuditLog)
    with pytest.raises(Exception, match="append-only"), recorded.begin() as conn:
        conn.execute(text(f"TRUNCATE {table} RESTART IDENTITY"))
    assert _rows(recorded, ScanLog) == scans
    assert _rows(recorded, AuditLog) == audits


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_postgresql_refuses_upsert_over_a_recorded_row(recorded):
    scans = _rows(recorded, ScanLog)
    with pytest.raises(Exception, match="append-only"), recorded.begin() as conn:
        conn.execute(
            text(
                f"INSERT INTO scan_log (id, {_SCAN_COLUMNS}) VALUES (1, {_SCAN_VALUES}, NULL) "
                "ON CONFLICT (id) DO UPDATE SET code = EXCLUDED.code"
            )
        )
    assert _rows(recorded, ScanLog) == scans


def _documented_grants() -> list[str]:
    """The GRANT/REVOKE lines docs/SECURITY.md tells a studio to run, as written there."""
    doc = (Path(__file__).resolve().parent.parent / "docs" / "SECURITY.md").read_text("utf-8")
    section = doc.split("## A PostgreSQL role that cannot touch the logs", 1)[1]
    lines = [line.strip() for line in section.split("```sql", 1)[1].split("```", 1)[0].splitlines()]
    return [line for line in lines if line.startswith(("GRANT ", "REVOKE "))]


def test_the_documented_postgresql_role_scans_but_cannot_touch_the_logs(clock) -> None:
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    from yinglou_desk.storage.engine import make_engine
    from yinglou_desk.storage.migrate import upgrade

    from .conftest import empty_pg_database

    grants = _documented_grants()
    assert any("REVOKE UPDATE, DELETE, TRUNCATE ON scan_log, audit_log" in g for g in grants)
    role = f"yl_desk_{uuid.uuid4().hex[:8]}"
    with empty_pg_database() as url:
        owner = make_engine(url)
        upgrade(owner)
        studio = make_studio(owner, clock)
        studio.add_order("R001", ["900000000001"])
        with owner.begin() as conn:
            conn.exec_driver_sql(f"CREATE ROLE {role} LOGIN")
            for statement in grants:
                conn.exec_driver_sql(statement.replace("yinglou_desk1", role))
        desk = create_engine(make_url(url).set(username=role))
        try:
            done = ScanService(desk, clock=clock).scan(studio.session("send-out"), "900000000001")
            assert done.outcome.value == "accepted", done.message
            refused = (
                "UPDATE scan_log SET code = 'x'",
                "DELETE FROM audit_log",
                "TRUNCATE scan_log",
                "DELETE FROM settlements",
                "UPDATE settled_items SET amount = 0",
                "TRUNCATE settlements CASCADE",
                "DROP TRIGGER trg_scan_log_append_only ON scan_log",
            )
            for statement in refused:
                denied = pytest.raises(Exception, match=r"permission denied|must be owner")
                with denied, desk.begin() as conn:
                    conn.exec_driver_sql(statement)
            assert len(_rows(owner, ScanLog)) == 1
        finally:
            desk.dispose()
            with owner.begin() as conn:
                conn.exec_driver_sql(f"DROP OWNED BY {role}")
                conn.exec_driver_sql(f"DROP ROLE {role}")
            owner.dispose()


# -- confirmed reconciliations (migration 0009) are evidence too -------------------------------


@pytest.fixture
def settled(engine, clock):
    """One confirmed settlement with one settled item, written as the service writes them."""
    from datetime import date
    from decimal import Decimal

    from yinglou_desk.storage.tables import items, settled_items, settlements

    studio = make_studio(engine, clock)
    studio.add_order("S001", ["910000000001"])
    with engine.begin() as conn:
        item_id = conn.execute(select(items.c.id)).scalar_one()
        settlement_id = conn.execute(
            settlements.insert()
            .values(
                vendor_id=studio.vendor_ids["金彩相册厂"],
                period_start=date(2026, 11, 1),
                period_end=date(2026, 11, 30),
                statement_file="nov.xlsx",
                statement_total=Decimal("100"),
                line_total=Decimal("100"),
                lines=1,
                confirmed_at=clock(),
                confirmed_by="王店长",
            )
            .returning(settlements.c.id)
        ).scalar_one()
        conn.execute(
            settled_items.insert().values(
                settlement_id=settlement_id, item_id=item_id, sheet="", row=2, amount=Decimal("100")
            )
        )
    return engine, studio.vendor_ids["金彩相册厂"], settlement_id, item_id


def _count(engine, table: str) -> int:
    with engine.connect() as conn:
        return conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one()


@pytest.mark.parametrize("table", ["settlements", "settled_items"])
def test_settlements_refuse_update_and_delete(settled, table):
    engine = settled[0]
    for statement in (f"UPDATE {table} SET id = id", f"DELETE FROM {table}"):
        with pytest.raises(Exception, match="append-only"), engine.begin() as conn:
            conn.execute(text(statement))
    assert _count(engine, table) == 1


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_sqlite_refuses_replace_over_a_settlement(settled):
    engine, vendor_id, settlement_id, item_id = settled
    statements = (
        "INSERT OR REPLACE INTO settlements (id, vendor_id, period_start, period_end, "
        "statement_file, line_total, lines, confirmed_at, confirmed_by) VALUES "
        f"(99, {vendor_id}, '2026-11-01', '2026-11-30', 'x', 0, 0, '2026-12-01 00:00:00', 'x')",
        "INSERT OR REPLACE INTO settled_items (id, settlement_id, item_id, sheet, row, amount) "
        f"VALUES (99, {settlement_id}, {item_id}, '', 9, 1)",
    )
    for statement in statements:
        with pytest.raises(Exception, match="append-only"), engine.begin() as conn:
            conn.execute(text(statement))
    assert (_count(engine, "settlements"), _count(engine, "settled_items")) == (1, 1)


@pytest.mark.parametrize("table", ["settlements", "settled_items"])
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_postgresql_refuses_truncate_of_settlements(settled, table):
    engine = settled[0]
    with pytest.raises(Exception, match="append-only"), engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {table} CASCADE"))
    assert _count(engine, table) == 1
