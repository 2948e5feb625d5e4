"""The offline journal: scans a station took while the database was away.

Every scan is written here (one JSON line, flushed and fsynced) before the
station tries the database; when the database has it, a ``done`` line
follows. Whatever has no ``done`` line is pending: after an outage — or a
crash, or a pulled plug — it is replayed in order, each scan with its journal
id (``scan_log.client_ref``), so a scan can never be recorded twice even if
the program dies between the database's commit and the ``done`` line.

One journal file per station program, locked while open, emptied once
nothing is pending. A torn last line (power cut mid-write) is ignored: that
scan was never acknowledged.
"""

from __future__ import annotations

import json
import os
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from yinglou_desk.domain.records import OperatorInfo
from yinglou_desk.domain.roles import Role
from yinglou_desk.domain.states import Station
from yinglou_desk.domain.wording import WordedError
from yinglou_desk.services.scanning.service import ScanSession

try:  # POSIX: keep two programs from sharing one journal
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class JournalBusy(WordedError):
    """Another program on this PC already uses this journal."""


@dataclass(frozen=True)
class JournalEntry:
    id: str
    at: datetime
    code: str
    source: str
    session: ScanSession

    def to_json(self) -> dict[str, Any]:
        operator = self.session.operator
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "code": self.code,
            "source": self.source,
            "station": self.session.station.value,
            "operator": [operator.id, operator.name, operator.role.value, operator.badge_code],
            "workstation": self.session.workstation,
            "vendor_id": self.session.vendor_id,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> JournalEntry:
        op_id, name, role, badge = data["operator"]
        session = ScanSession(
            station=Station(data["station"]),
            operator=OperatorInfo(op_id, name, Role(role), badge),
            workstation=data["workstation"],
            vendor_id=data["vendor_id"],
        )
        return cls(
            data["id"], datetime.fromisoformat(data["at"]), data["code"], data["source"], session
        )


class ScanJournal:
    """Append-only, fsynced scan journal with a pending list; safe from several threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held open, closed in close()
        if fcntl is not None:
            try:
                fcntl.flock(self._handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                self._handle.close()
                raise JournalBusy("scanning.journal_busy", path=path) from None
        self._pending: dict[str, JournalEntry] = {}
        self._load()

    def _load(self) -> None:
        self._handle.seek(0)
        for line in self._handle.read().splitlines():
            try:
                data = json.loads(line)
            except ValueError:
                continue  # a torn last line: that scan was never acknowledged
            if "done" in data:
                self._pending.pop(data["done"], None)
            elif "id" in data:
                self._pending[data["id"]] = JournalEntry.from_json(data)

    def _write(self, data: dict[str, Any]) -> None:
        self._handle.write(json.dumps(data, ensure_ascii=False) + "\n")
        self._handle.flush()
        os.fsync(self._handle.fileno())

    def append(self, session: ScanSession, code: str, source: str, at: datetime) -> JournalEntry:
        """Record a scan durably; returns its entry (pending until :meth:`done`)."""
        entry = JournalEntry(uuid.uuid4().hex, at, code, source, session)
        with self._lock:
            self._write(entry.to_json())
            self._pending[entry.id] = entry
        return entry

    def set_aside(self, entry_id: str, error: str) -> None:
        """A scan that met an unexpected error: still pending, with why (for whoever
        reads the file). A restart tries it again in its place, like any pending scan."""
        with self._lock:
            if entry_id in self._pending:
                self._write({"aside": entry_id, "error": error[:500]})

    def done(self, entry_id: str) -> None:
        with self._lock:
            if self._pending.pop(entry_id, None) is None:
                return
            if self._pending:
                self._write({"done": entry_id})
            else:  # nothing pending: start the file afresh
                self._handle.seek(0)
                self._handle.truncate()
                self._handle.flush()
                os.fsync(self._handle.fileno())

    def pending(self) -> list[JournalEntry]:
        """Scans not yet in the database, oldest first."""
        with self._lock:
            return list(self._pending.values())

    def __len__(self) -> int:
        with self._lock:
            return len(self._pending)

    def close(self) -> None:
        with self._lock:
            self._handle.close()


def journal_path(name: str) -> Path:
    """``<user data dir>/journal/<name>.jsonl`` — local to this PC, never on the server."""
    from platformdirs import user_data_dir

    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in name)
    return Path(user_data_dir("yinglou-desk", appauthor=False)) / "journal" / f"{safe}.jsonl"
