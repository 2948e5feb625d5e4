"""The database as the screens hold it: a handle to pass to use cases, never to open.

Screens keep the :data:`Database` the program opened and give it to services, which
own their transactions; the one error a screen must understand is
:class:`StorageUnavailable` (the database is not reachable now — scans wait in the
journal). Holding the database while a desk runs and the daily backup are here too,
so the window needs nothing from ``storage``.
"""

from __future__ import annotations

from sqlalchemy import Engine as Database

from yinglou_desk.storage.backup import daily_backup_if_due
from yinglou_desk.storage.errors import StorageUnavailable as StorageUnavailable
from yinglou_desk.storage.in_use import DatabaseInUse as DatabaseInUse
from yinglou_desk.storage.in_use import hold_database

__all__ = [
    "Database",
    "DatabaseInUse",
    "StorageUnavailable",
    "daily_backup_if_due",
    "hold_database",
]
