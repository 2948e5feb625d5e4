"""The offline journal: durable, ordered, exactly once, and safe against torn writes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from yinglou_desk.domain.records import OperatorInfo
from yinglou_desk.domain.roles import Role
from yinglou_desk.domain.states import Station
from yinglou_desk.services.scanning.journal import JournalBusy, ScanJournal
from yinglou_desk.services.scanning.service import ScanService, ScanSession

from .helpers.studio import make_studio

AT = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
SESSION = ScanSession(Station.CHECK_IN, OperatorInfo(7, "小李", Role.SORTER, "OP-X"), "pc-9", 3)


def test_entries_survive_a_reopen_in_order_until_done(tmp_path) -> None:
    path = tmp_path / "j.jsonl"
    journal = ScanJournal(path)
    first = journal.append(SESSION, "A1", "serial:/dev/x", AT)
    journal.append(SESSION, "A2", "wedge", AT)
    journal.append(SESSION, "A3", "wedge", AT)
    journal.done(first.id)
    journal.close()

    again = ScanJournal(path)
    pending = again.pending()
    assert [e.code for e in pending] == ["A2", "A3"]
    assert pending[0].session == SESSION
    assert pending[0].at == AT
    for entry in pending:
        again.done(entry.id)
    assert len(again) == 0
    assert path.read_text() == ""  # emptied once nothing waits
    again.close()


def test_a_torn_last_line_is_ignored(tmp_path) -> None:
    path = tmp_path / "j.jsonl"
    journal = ScanJournal(path)
    journal.append(SESSION, "B1", "wedge", AT)
    journal.close()
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"id": "abc", "at": "2026-03')  # the power went mid-write
    again = ScanJournal(path)
    assert [e.code for e in again.pending()] == ["B1"]
    again.close()


def test_two_programs_cannot_share_one_journal(tmp_path) -> None:
    journal = ScanJournal(tmp_path / "j.jsonl")
    with pytest.raises(JournalBusy):
        ScanJournal(tmp_path / "j.jsonl")
    journal.close()


def test_a_journaled_scan_is_recorded_once_however_often_it_is_replayed(engine, clock) -> None:
    studio = make_studio(engine, clock)
    studio.add_order("J-1", ["J1"])
    service = ScanService(engine, clock=clock)
    service.scan(studio.session("send-out"), "J1")
    session = studio.session("check-in")
    scanned_at = clock.advance(hours=1)
    clock.advance(hours=5)  # replayed much later
    first = service.scan(session, "J1", at=scanned_at, client_ref="entry-1")
    again = service.scan(session, "J1", at=scanned_at, client_ref="entry-1")
    assert first.outcome.value == again.outcome.value == "accepted"
    assert again.message_key == "scan.already_recorded"
    assert again.item_state == "ready"
    from sqlalchemy import select

    from yinglou_desk.storage.models import Item, ScanLog

    with engine.connect() as conn:
        rows = conn.execute(select(ScanLog.at).where(ScanLog.client_ref == "entry-1")).all()
        returned = conn.execute(select(Item.returned_at).where(Item.code == "J1")).scalar_one()
    assert len(rows) == 1
    assert rows[0].at == scanned_at  # logged with when it was scanned
    assert returned == scanned_at
