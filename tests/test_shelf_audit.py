"""盘点: scans of slot labels and items against the database, saved append-only
(SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from yinglou_desk.domain.roles import NotPermitted
from yinglou_desk.domain.shelf_audit import AuditScans, FindingKind, StepKind
from yinglou_desk.domain.shelf_slots import Scope
from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.services.shelf.audit import AuditError, audit, audit_findings, audits, finish
from yinglou_desk.services.shelf.export import write_audit_workbook
from yinglou_desk.services.shelf.moves import move_items
from yinglou_desk.storage.tables import shelf_audit_findings, shelf_audits

from .helpers.desk import item_row, log_rows
from .helpers.studio import make_studio


@pytest.fixture
def studio(engine, clock):
    return make_studio(engine, clock)


@pytest.fixture
def shelf(studio, engine, clock):
    """A-01: S001's two items; A-02: S002's; A-03: S003's (then picked up); A-04: S004's."""
    service = ScanService(engine, clock=clock)
    studio.add_order("S001", ["200000000001", "200000000002"], unit_cost="120.50")
    studio.add_order("S002", ["200000000003"], customer="李雷", phone="13900139000")
    studio.add_order("S003", ["200000000004"], customer="韩梅梅", phone="13700137000")
    studio.add_order("S004", ["200000000005"], customer="王芳", phone="13600136000")
    codes = [f"20000000000{n}" for n in range(1, 6)]
    for code in codes:
        assert service.scan(studio.session("send-out"), code).outcome.value == "accepted"
    for code in codes:
        assert service.scan(studio.session("check-in"), code).outcome.value == "accepted"
    assert (
        service.scan(studio.session("pickup", "小张"), "200000000004").outcome.value == "accepted"
    )
    return studio


def _scan(*codes: str) -> AuditScans:
    scans = AuditScans()
    for code in codes:
        scans.scan(code)
    return scans


def _by_kind(findings):
    out: dict[FindingKind, list] = {}
    for f in findings:
        out.setdefault(f.kind, []).append(f)
    return out


def test_an_audit_finds_the_missing_the_misplaced_and_the_stale(shelf, engine, clock):
    assert item_row(engine, "200000000001").shelf_slot == "A-01"
    assert item_row(engine, "200000000003").shelf_slot == "A-02"
    scans = _scan(
        "SL-A-01",
        "200000000001",
        " 200000000003 ",  # S002's item, on the wrong slot
        "200000000004",  # S003's item: already picked up
        "200000000001",  # again: counted once
        "NOT-A-THING",
    )
    report = finish(
        engine, scans, Scope(), actor=shelf.operators["小李"], workstation="pc-3", clock=clock
    )
    kinds = _by_kind(report.findings)

    [missing] = kinds[FindingKind.MISSING]
    assert (missing.code, missing.expected_slot, missing.slot) == ("200000000002", "A-01", None)
    assert (missing.customer, missing.order_no) == ("张小梅", "S001")
    assert missing.value_fen == 12050
    [misplaced] = kinds[FindingKind.MISPLACED]
    assert (misplaced.code, misplaced.slot, misplaced.expected_slot) == (
        "200000000003",
        "A-01",
        "A-02",
    )
    assert misplaced.customer == "李雷"
    [stale] = kinds[FindingKind.STALE]
    assert (stale.code, stale.state, stale.order_no) == ("200000000004", "picked_up", "S003")
    [unknown] = kinds[FindingKind.UNKNOWN]
    assert unknown.code == "NOT-A-THING"
    assert [f.code for f in kinds[FindingKind.FOUND]] == ["200000000001"]
    assert report.findings[0].kind is FindingKind.MISSING  # what needs doing first
    # only the slot scanned: A-04's item is not reported
    assert all(f.code != "200000000005" for f in report.findings)

    s = report.summary
    assert (s.scanned, s.missing, s.misplaced, s.stale, s.unknown) == (4, 1, 1, 1, 1)
    assert (s.operator_name, s.workstation, s.scope) == ("小李", "pc-3", "A-01")
    [listed] = audits(engine)
    assert listed == s
    again = audit_findings(engine, s.id)
    assert [(f.kind, f.code, f.slot, f.expected_slot) for f in again] == [
        (f.kind, f.code, f.slot, f.expected_slot) for f in report.findings
    ]
    assert again[0].customer == "张小梅"
    assert again[0].value_fen == 12050


def test_a_whole_shelf_audit_reports_every_unscanned_slot_as_missing(shelf, engine):
    scans = _scan("SL-A-01", "200000000001", "200000000002", "SL-A-02", "200000000003")
    report = finish(
        engine, scans, Scope(whole=True), actor=shelf.operators["小李"], workstation="pc-3"
    )
    kinds = _by_kind(report.findings)
    assert [(f.code, f.expected_slot) for f in kinds[FindingKind.MISSING]] == [
        ("200000000005", "A-04")
    ]
    assert len(kinds[FindingKind.FOUND]) == 3
    assert report.summary.scope == "*"
    rack = finish(engine, _scan(), Scope(rack="A"), actor=shelf.operators["小李"], workstation="x")
    assert rack.summary.missing == 4
    assert rack.summary.scope == "A"
    assert (
        finish(
            engine, _scan(), Scope(rack="B"), actor=shelf.operators["小李"], workstation="x"
        ).findings
        == []
    )


def test_an_item_before_any_slot_label_is_refused_and_not_counted():
    scans = AuditScans()
    assert scans.scan("200000000001").kind is StepKind.NO_SLOT
    assert scans.scan("sl-b-07").kind is StepKind.SLOT  # lower case from a scanner: folded
    assert scans.scan("200000000001").kind is StepKind.ITEM
    assert scans.scan("SL-B-08").kind is StepKind.SLOT
    assert scans.scan("200000000001").kind is StepKind.ITEM  # seen later elsewhere: moved
    assert scans.where_seen() == {"200000000001": "B-08"}


def test_nothing_scanned_is_refused_with_its_message(shelf, engine):
    with pytest.raises(AuditError) as refused:
        finish(engine, AuditScans(), Scope(), actor=shelf.operators["小李"], workstation="x")
    assert refused.value.key == "shelf_audit.nothing_scanned"
    with pytest.raises(AuditError) as unknown:
        audit(engine, 999)
    assert unknown.value.key == "shelf_audit.no_such"
    with engine.connect() as conn:
        assert conn.execute(select(shelf_audits)).first() is None


@pytest.mark.usefixtures("shelf")
def test_nobody_logged_in_cannot_save_an_audit(engine):
    with pytest.raises(NotPermitted):
        finish(engine, _scan("SL-A-01", "200000000001"), Scope(), actor=None, workstation="x")
    with engine.connect() as conn:
        assert conn.execute(select(shelf_audits)).first() is None


def test_saved_audits_and_their_findings_cannot_be_changed(shelf, engine):
    report = finish(
        engine,
        _scan("SL-A-01", "200000000001"),
        Scope(),
        actor=shelf.operators["小李"],
        workstation="x",
    )
    for table in (shelf_audits, shelf_audit_findings):
        for statement in (
            f"UPDATE {table.name} SET id = id",
            f"DELETE FROM {table.name}",
        ):
            with pytest.raises(DBAPIError), engine.begin() as conn:
                conn.execute(text(statement))
    assert audit(engine, report.summary.id).summary == report.summary


def test_a_misplaced_item_moved_to_its_slot_is_logged_and_found_next_time(shelf, engine):
    moved = move_items(engine, shelf.session("check-in"), "SL-A-05", ["200000000003", "NOPE"])
    assert [(m.code, m.slot, m.key) for m in moved] == [
        ("200000000003", "A-05", "shelf_audit.moved"),
        ("NOPE", None, "refused.unknown_code"),
    ]
    assert item_row(engine, "200000000003").shelf_slot == "A-05"
    assert [r.action for r in log_rows(engine, "200000000003")][-1] == "shelve"
    report = finish(
        engine,
        _scan("SL-A-05", "200000000003"),
        Scope(),
        actor=shelf.operators["小李"],
        workstation="x",
    )
    assert [f.kind for f in report.findings] == [FindingKind.FOUND]


def test_an_audit_exports_to_excel_with_the_values(shelf, engine, tmp_path):
    from openpyxl import load_workbook

    report = finish(
        engine,
        _scan("SL-A-01", "200000000003"),
        Scope(),
        actor=shelf.operators["小李"],
        workstation="x",
    )
    path = write_audit_workbook(report, tmp_path / "audit.xlsx")
    book = load_workbook(path)
    rows = list(book.worksheets[1].iter_rows(values_only=True))
    assert rows[0][0] == "结果"
    kinds = {row[0] for row in rows[1:-1]}
    assert kinds == {"缺失", "放错位"}
    assert str(rows[-1][-1]) in ("341", "341.0")  # 120.50 × 2 + 100.00, exact


def test_a_slot_label_then_items_checks_in_into_that_slot_or_moves_them(studio, engine, clock):
    from yinglou_desk.services.shelf.moves import scan_into

    service = ScanService(engine, clock=clock)
    studio.add_order("S001", ["200000000001", "200000000002"])
    studio.add_order("S002", ["200000000003"], customer="李雷", phone="13900139000")
    for code in ("200000000001", "200000000002", "200000000003"):
        service.scan(studio.session("send-out"), code)
    session = studio.session("check-in")

    # back from the lab, put straight on C-05: one check-in, in that slot
    into = scan_into(engine, service, session, "200000000001", "C-05", clock)
    assert (into.outcome.value, into.shelf_slot) == ("accepted", "C-05")
    assert "C-05" in into.message
    assert (
        item_row(engine, "200000000001").state,
        item_row(engine, "200000000001").shelf_slot,
    ) == (
        "ready",
        "C-05",
    )
    assert [(r.action, r.message) for r in log_rows(engine, "200000000001")][-2:] == [
        ("check_in", into.message.replace("C-05", "A-01")),
        ("shelve", "货架位 C-05"),
    ]
    # C-05 is S001's now: S002's item is refused there and not checked in
    taken = scan_into(engine, service, session, "200000000003", "C-05", clock)
    assert (taken.outcome.value, taken.message_key) == ("refused", "shelf.taken")
    assert item_row(engine, "200000000003").state == "sent_out"
    # an item already back is moved, logged as a move
    service.scan(session, "200000000002")
    assert item_row(engine, "200000000002").shelf_slot == "C-05"  # the order's slot
    moved = scan_into(engine, service, session, "200000000002", "D-01", clock)
    assert (moved.outcome.value, moved.message_key, moved.shelf_slot) == (
        "accepted",
        "shelf_audit.station.moved",
        "D-01",
    )
    assert log_rows(engine, "200000000002")[-1].action == "shelve"
    unknown = scan_into(engine, service, session, "999", "D-01", clock)
    assert unknown.message_key == "refused.unknown_code"
