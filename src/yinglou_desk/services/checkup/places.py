"""Room on the disk, and the last backup: where the studio's data lives on this PC.

SQLite keeps the database and its backups on this PC; with PostgreSQL only the scan
journal and the phone certificates are here (the data is on the server).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from platformdirs import user_data_dir

from yinglou_desk.services.checkup.probes import Probes
from yinglou_desk.services.checkup.report import Check, Status
from yinglou_desk.storage.backup import backup_dir, list_backups, sqlite_path

MB = 1024 * 1024
DISK_FAIL_BELOW = 200 * MB
"""Below this a scan may fail to be written (SQLite needs room for its journal) and a
backup, a whole copy of the database, may no longer fit: the studio must act now."""
DISK_WARN_BELOW = 1024 * MB
"""Below this two weeks of daily backups of a busy studio no longer fit: time to tidy."""
BACKUP_WARN_DAYS = 7
"""A week without a backup: the desk makes one each day it is open, so something is off
(the desk not opened, the folder not writable), and a week of work is at stake."""


def data_folder() -> Path:
    """This PC's own data (the scan journal, the phone certificates, the default database)."""
    return Path(user_data_dir("yinglou-desk", appauthor=False))


def disk_check(url: str, probes: Probes) -> Check:
    """The free space where the database, its backups and this PC's data are; the
    emptiest of those places is the one that counts."""
    database = _sqlite_file(url)
    places = [data_folder()]
    if database is not None:
        places = [database.parent, backup_dir(database), *places]
    seen: dict[tuple[int, str], tuple[Path, int]] = {}
    for place in places:
        existing = nearest_existing(place)
        if existing is None:
            continue
        try:
            free = probes.free_bytes(existing)
            device = _device(existing)
        except OSError as error:
            return Check(
                "disk",
                Status.WARN,
                "checkup.disk.not_checked",
                {"place": str(place), "error": error.strerror or str(error)},
                "checkup.advice.not_checked",
            )
        seen.setdefault(device, (place, free))
    if not seen:
        return Check("disk", Status.WARN, "checkup.disk.not_checked", {"place": "", "error": ""})
    place, free = min(seen.values(), key=lambda found: found[1])
    params = {"place": str(place), "free": size_text(free), "free_mb": free // MB}
    advice_params = {"backups": str(backup_dir(database)) if database else str(data_folder())}
    if free < DISK_FAIL_BELOW:
        return Check(
            "disk", Status.FAIL, "checkup.disk.full", params, "checkup.advice.disk", advice_params
        )
    if free < DISK_WARN_BELOW:
        return Check(
            "disk", Status.WARN, "checkup.disk.low", params, "checkup.advice.disk", advice_params
        )
    return Check("disk", Status.OK, "checkup.disk.ok", params)


def backup_check(url: str, now: Callable[[], datetime]) -> Check:
    """Where the backups go and how old the newest is."""
    database = _sqlite_file(url)
    if database is None:
        return Check(
            "backup", Status.WARN, "checkup.backup.server", advice="checkup.advice.server_backup"
        )
    folder = backup_dir(database)
    found = list_backups(folder) if folder.is_dir() else []
    if not found:
        return Check(
            "backup",
            Status.WARN,
            "checkup.backup.none",
            {"folder": str(folder)},
            "checkup.advice.backup",
        )
    newest = found[0]
    local_now = now().astimezone().replace(tzinfo=None)  # backup names are local time
    days = max((local_now - newest.taken_at).days, 0)
    params = {
        "when": newest.taken_at.strftime("%Y-%m-%d %H:%M"),
        "days": days,
        "folder": str(folder),
        "file": newest.path.name,
    }
    if days > BACKUP_WARN_DAYS:
        return Check("backup", Status.WARN, "checkup.backup.old", params, "checkup.advice.backup")
    key = "checkup.backup.today" if days == 0 else "checkup.backup.ok"
    return Check("backup", Status.OK, key, params)


def size_text(free: int) -> str:
    """``850 MB`` below a gigabyte, ``12.3 GB`` above."""
    if free < 1024 * MB:
        return f"{free // MB} MB"
    return f"{free / (1024 * MB):.1f} GB"


def nearest_existing(path: Path) -> Path | None:
    """``path``, or the nearest folder above it that exists (a backups folder not made yet
    will be on the same disk as its parent)."""
    for candidate in (path, *path.parents):
        try:
            if candidate.is_dir():
                return candidate
        except OSError:
            continue
    return None


def _device(path: Path) -> tuple[int, str]:
    try:
        return (os.stat(path).st_dev, "")
    except OSError:
        return (-1, str(path))


def _sqlite_file(url: str) -> Path | None:
    try:
        return sqlite_path(url)
    except Exception:  # noqa: BLE001 - an address that does not parse: the database line says so
        return None
