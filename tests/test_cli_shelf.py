"""``yinglou-desk shelf audit|audits|show|move``: a real process on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from yinglou_desk.services.scanning.service import ScanService

from .helpers.cli import run_cli
from .helpers.desk import item_row, log_rows
from .helpers.studio import make_studio


@pytest.fixture
def studio(engine, clock):
    studio = make_studio(engine, clock)
    service = ScanService(engine, clock=clock)
    studio.add_order("S001", ["200000000001", "200000000002"])
    studio.add_order("S002", ["200000000003"], customer="李雷", phone="13900139000")
    studio.add_order("S003", ["200000000004"], customer="韩梅梅", phone="13700137000")
    for code in ("200000000001", "200000000002", "200000000003", "200000000004"):
        service.scan(studio.session("send-out"), code)
        service.scan(studio.session("check-in"), code)
    service.scan(studio.session("pickup", "小张"), "200000000004")
    return studio


@pytest.mark.usefixtures("studio")
def test_an_audit_from_the_command_line_is_saved_and_shown(db_url, tmp_path):
    db = ("--db", db_url)
    done = run_cli(
        "shelf",
        "audit",
        "A-01",
        "200000000001",
        "200000000003",
        "SL-A-03",
        "200000000004",
        "--operator",
        "小李",
        "--json",
        *db,
    )
    assert done.code == 0, done.err
    data = done.json()
    kinds = {(f["kind"], f["code"]) for f in data["findings"]}
    assert kinds == {
        ("found", "200000000001"),
        ("missing", "200000000002"),
        ("misplaced", "200000000003"),
        ("stale", "200000000004"),
    }
    missing = next(f for f in data["findings"] if f["kind"] == "missing")
    assert (missing["customer"], missing["order_no"], missing["value_fen"]) == (
        "张小梅",
        "S001",
        10000,
    )
    audit_id = data["audit"]["id"]
    assert data["audit"]["operator"] == "小李"
    assert "缺失 1" in done.err

    listed = run_cli("shelf", "audits", "--json", *db)
    assert [a["id"] for a in listed.json()] == [audit_id]
    shown = run_cli("shelf", "show", str(audit_id), "-o", str(tmp_path / "a.xlsx"), *db)
    assert shown.code == 0, shown.err
    assert "放错位\t200000000003\t在 A-01，应放 A-02" in shown.out
    book = load_workbook(tmp_path / "a.xlsx")
    assert book.worksheets[1].max_row == 6  # header, four findings, totals


@pytest.mark.usefixtures("studio")
def test_bad_audits_are_refused_with_a_clear_message(db_url):
    db = ("--db", db_url)
    first = run_cli("shelf", "audit", "200000000001", "A-01", "--operator", "小李", *db)
    assert first.code == 2
    assert "200000000001" in first.err
    assert "货架位" in first.err
    scope = run_cli("shelf", "audit", "A-01", "--scope", "AB", "--operator", "小李", *db)
    assert scope.code == 2
    assert "AB" in scope.err
    nobody = run_cli("shelf", "audit", "A-01", "--operator", "路人", *db)
    assert nobody.code == 2
    assert "路人" in nobody.err
    missing = run_cli("shelf", "show", "999", *db)
    assert missing.code == 2
    assert "999" in missing.err
    assert run_cli("shelf", "audits", *db).err.strip() == "还没有盘点记录"


@pytest.mark.usefixtures("studio")
def test_moving_items_by_slot_is_logged_and_refusals_named(engine, db_url):
    done = run_cli(
        "shelf", "move", "b-7", "200000000003", "999", "--operator", "小李", "--db", db_url
    )
    assert done.code == 1
    assert "OK  200000000003" in done.out or "OK 200000000003" in done.out
    assert "ERR 999" in done.out
    assert item_row(engine, "200000000003").shelf_slot == "B-07"
    assert log_rows(engine, "200000000003")[-1].operator_name == "小李"
    bad = run_cli("shelf", "move", "Q-1", "200000000003", "--operator", "小李", "--db", db_url)
    assert bad.code == 2
    assert "Q-1" in bad.err
