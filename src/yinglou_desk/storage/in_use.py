"""Who has a SQLite database open, so that a restore never pulls it from under them.

A desk (``ui.app.run``) and ``yinglou-desk listen`` *hold* the database for as
long as they run; ``restore`` *claims* it. Beside the database, in the folder
``<name>.in-use/``:

- ``claim`` — every holder keeps a shared lock on it, a restore takes it
  exclusively without waiting. So a restore gets it only when nobody holds the
  database, and while it has it no desk or listener can start
  (:class:`DatabaseRestoring`).
- ``<pid>-<random>.json`` — one per holder (the restore too): which program,
  on which workstation, which process on which computer, since when. It is
  under a shared lock of its own, so that a refused restore can name who is in
  its way (:class:`DatabaseInUse`).

The locks are the operating system's (``flock`` on POSIX, ``LockFileEx`` on
Windows): a process that crashes or is killed loses them at once, so the file
it leaves is known to be stale (its lock can be taken) and is deleted instead
of blocking anything. A database that is not a file (PostgreSQL) is not held:
the server keeps its own sessions, and restore does not replace it.

A holder that cannot write its files (a folder without file locks, say) still
runs — scanning matters more — but a restore that cannot take its claim
refuses: it fails closed.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import socket
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from yinglou_desk import catalogue
from yinglou_desk.storage.backup import sqlite_path

log = logging.getLogger(__name__)

KINDS = ("desk", "listen", "restore")
CLAIM_FILE = "claim"
HOLDER_SUFFIX = ".json"
_WINDOWS = sys.platform == "win32"
_BINARY = getattr(os, "O_BINARY", 0)


@dataclass(frozen=True)
class Holder:
    """A running program that has the database open."""

    kind: str  # one of KINDS, or "" when its file could not be read
    workstation: str
    pid: int
    host: str
    started: datetime | None
    file: str

    def __str__(self) -> str:
        if self.kind not in KINDS:
            return catalogue.text("backup.holder_unknown", file=self.file)
        here = self.host in ("", self.workstation, _host())  # else: the pid is on that computer
        key = "backup.holder" if here else "backup.holder_on_host"
        return catalogue.text(
            key,
            program=catalogue.text(f"backup.kind.{self.kind}"),
            workstation=self.workstation,
            host=self.host,
            pid=self.pid,
            since=_since(self.started),
        )


def _since(started: datetime | None) -> str:
    if started is None:
        return "?"
    local = started.astimezone()
    if local.date() == datetime.now().astimezone().date():
        return local.strftime("%H:%M")
    return local.strftime("%Y-%m-%d %H:%M")


class DatabaseInUse(Exception):
    """A restore refused: ``holders`` have the database open (empty: one is starting)."""

    def __init__(self, holders: list[Holder]) -> None:
        super().__init__(holders)
        self.holders = holders

    def __str__(self) -> str:
        if not self.holders:
            return catalogue.text("backup.in_use_starting")
        joined = catalogue.text("backup.list_separator").join(str(h) for h in self.holders)
        return catalogue.text("backup.in_use", holders=joined)


class DatabaseRestoring(Exception):
    """A desk or listener refused at start: a restore is replacing the database."""

    def __init__(self, database: Path) -> None:
        super().__init__(database)
        self.database = database

    def __str__(self) -> str:
        return catalogue.text("backup.restoring", database=self.database)


def lock_folder(database: Path) -> Path:
    """``<database>.in-use`` beside the file the name resolves to (every name of one
    database — relative, through a symlink — meets in one folder)."""
    real = Path(os.path.realpath(database))
    return real.with_name(real.name + ".in-use")


def _database_of(url: str) -> Path | None:
    try:
        return sqlite_path(url)
    except Exception:  # noqa: BLE001 - an address that does not parse holds no file
        return None


_held: dict[str, int] = {}
_held_guard = threading.Lock()


@contextmanager
def hold_database(url: str, kind: str, workstation: str) -> Iterator[None]:
    """Hold the SQLite database at ``url`` for the ``with`` block, as ``kind``.

    Raises :class:`DatabaseRestoring` while a restore has claimed it. Nested holds
    of one database in one process count as one (the desk holds it from before the
    schema upgrade, and its window again)."""
    database = _database_of(url)
    if database is None:
        yield
        return
    folder = lock_folder(database)
    key = os.path.normcase(str(folder))
    files: list[tuple[int, Path]] = []
    with _held_guard:
        if not _held.get(key):
            files = _take(folder, database, kind, workstation)
        _held[key] = _held.get(key, 0) + 1
    try:
        yield
    finally:
        with _held_guard:
            _held[key] -= 1
            if not _held[key]:
                del _held[key]
            _release(files)  # only the outermost hold has files


def _take(folder: Path, database: Path, kind: str, workstation: str) -> list[tuple[int, Path]]:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        claim = _open(folder / CLAIM_FILE)
    except OSError as error:
        log.info("database not held (%s): %s", folder, error)
        return []
    try:
        if not _lock(claim, exclusive=False):
            raise DatabaseRestoring(database)
        _sweep(folder)  # files of holders that crashed, while we are here
        own = _write_holder_file(folder, kind, workstation)
    except DatabaseRestoring:
        os.close(claim)
        raise
    except OSError as error:
        os.close(claim)
        log.info("database not held (%s): %s", folder, error)
        return []
    return [own, (claim, folder / CLAIM_FILE)]


def _release(files: list[tuple[int, Path]]) -> None:
    for fd, path in files:
        if path.name == CLAIM_FILE:
            os.close(fd)  # the claim file stays: deleting a lock file races with its next user
            continue
        if not _WINDOWS:
            path.unlink(missing_ok=True)
        os.close(fd)
        if _WINDOWS:  # a checker may have it open this instant: then it goes next time
            with suppress(OSError):
                path.unlink(missing_ok=True)


@contextmanager
def claim_database(url: str, workstation: str | None = None) -> Iterator[None]:
    """The database at ``url`` for this process alone, for the ``with`` block: raises
    :class:`DatabaseInUse` (naming the holders) while anyone holds it, and keeps any
    desk or listener from starting until the block ends. ``OSError`` when the claim
    cannot be written — the caller must then refuse."""
    database = _database_of(url)
    if database is None:
        yield
        return
    folder = lock_folder(database)
    folder.mkdir(parents=True, exist_ok=True)
    claim = _open(folder / CLAIM_FILE)
    try:
        taken = _lock(claim, exclusive=True)
    except OSError:
        os.close(claim)
        raise
    if not taken:
        os.close(claim)
        raise DatabaseInUse(holders(url))
    files = [(claim, folder / CLAIM_FILE)]
    try:
        _sweep(folder)  # whatever is left there belongs to ended processes
        files.insert(0, _write_holder_file(folder, "restore", workstation or _host()))
        yield
    finally:
        _release(files)


def holders(url: str) -> list[Holder]:
    """The live holders of the database at ``url``; files left by ended processes are
    deleted on the way."""
    database = _database_of(url)
    return [] if database is None else _sweep(lock_folder(database))


def _sweep(folder: Path) -> list[Holder]:
    """The live holders' files in ``folder``; stale ones deleted."""
    try:
        paths = sorted(folder.glob("*" + HOLDER_SUFFIX))
    except OSError:
        return []
    found = []
    for path in paths:
        holder = _live_holder(path)
        if holder is not None:
            found.append(holder)
    return found


def _live_holder(path: Path) -> Holder | None:
    try:
        fd = os.open(path, os.O_RDONLY | _BINARY)
    except FileNotFoundError:
        return None  # its holder ended just now
    stale = False
    try:
        if _lock(fd, exclusive=True):  # nobody holds it: its process has ended
            stale = True
            if not _WINDOWS:
                path.unlink(missing_ok=True)
            return None
        return _read_holder(fd, path)
    finally:
        os.close(fd)
        if stale and _WINDOWS:
            with suppress(OSError):
                path.unlink(missing_ok=True)


def _read_holder(fd: int, path: Path) -> Holder:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    try:
        info = json.loads(b"".join(chunks).decode("utf-8"))
        started = datetime.fromisoformat(info["started"]) if info.get("started") else None
        return Holder(
            kind=str(info["kind"]),
            workstation=str(info.get("workstation", "")),
            pid=int(info["pid"]),
            host=str(info.get("host", "")),
            started=started,
            file=path.name,
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return Holder("", "", 0, "", None, path.name)


def _host() -> str:
    return socket.gethostname() or "pc"


def _write_holder_file(folder: Path, kind: str, workstation: str) -> tuple[int, Path]:
    """This process's file, locked before anyone can see it under its final name."""
    name = f"{os.getpid()}-{secrets.token_hex(4)}"
    info = {
        "kind": kind,
        "workstation": workstation,
        "pid": os.getpid(),
        "host": _host(),
        "started": datetime.now().astimezone().isoformat(timespec="seconds"),
    }
    data = json.dumps(info, ensure_ascii=False).encode("utf-8")
    final = folder / (name + HOLDER_SUFFIX)
    # POSIX: written and locked under a name checkers skip, then renamed. Windows cannot
    # rename an open file; there a checker that meets it unlocked cannot delete it either.
    path = final if _WINDOWS else folder / f".{name}.tmp"
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | _BINARY, 0o644)
    try:
        if not _lock(fd, exclusive=False):
            raise BlockingIOError(f"cannot lock {path}")
        os.write(fd, data)
        if path != final:
            os.replace(path, final)
    except BaseException:
        os.close(fd)
        path.unlink(missing_ok=True)
        raise
    return fd, final


def _open(path: Path) -> int:
    return os.open(path, os.O_RDWR | os.O_CREAT | _BINARY, 0o666)


if sys.platform == "win32":
    import ctypes
    import msvcrt
    from ctypes import wintypes

    class _Overlapped(ctypes.Structure):
        _fields_ = [
            ("Internal", ctypes.c_void_p),
            ("InternalHigh", ctypes.c_void_p),
            ("Offset", wintypes.DWORD),
            ("OffsetHigh", wintypes.DWORD),
            ("hEvent", wintypes.HANDLE),
        ]

    _kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    _FAIL_IMMEDIATELY = 0x1
    _EXCLUSIVE = 0x2
    _LOCK_VIOLATION = (33,)  # ERROR_LOCK_VIOLATION
    _FAR_AWAY = 0x100  # lock one byte at 2**40, far past the data: readers still read

    def _lock(fd: int, *, exclusive: bool) -> bool:
        overlapped = _Overlapped(0, 0, 0, _FAR_AWAY, None)
        flags = _FAIL_IMMEDIATELY | (_EXCLUSIVE if exclusive else 0)
        handle = wintypes.HANDLE(msvcrt.get_osfhandle(fd))
        if _kernel32.LockFileEx(handle, flags, 0, 1, 0, ctypes.byref(overlapped)):
            return True
        error = ctypes.get_last_error()
        if error in _LOCK_VIOLATION:
            return False
        raise ctypes.WinError(error)

else:
    import fcntl

    def _lock(fd: int, *, exclusive: bool) -> bool:
        """A lock on the open file, without waiting: False when another holds one."""
        try:
            fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
