"""Storage failures split as qutebrowser does: the environment's fault or ours.

``StorageUnavailable`` (database unreachable, locked past its timeout, disk
full) is shown to staff plainly and can be retried; anything else is a bug.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import exc as sa_exc


class StorageUnavailable(Exception):
    """The database cannot be reached or written right now; try again."""


class DriverMissing(Exception):
    """The database is on PostgreSQL but this installation has no driver for it.

    A single-PC studio installs without it (SQLite needs nothing); the PC that
    joins a shared database needs ``yinglou-desk[postgres]``. Said as such, not
    as "invalid address", so the studio's IT person knows what to install.
    """


_ENVIRONMENT_HINTS = (
    "database is locked",
    "disk i/o error",
    "database or disk is full",
    "unable to open database",
    "connection refused",
    "could not connect",
    "server closed the connection",
    "terminating connection",
    "connection is closed",
    "no space left",
    "read-only",
)


def is_environment_error(error: BaseException) -> bool:
    if isinstance(error, sa_exc.DisconnectionError):
        return True
    if isinstance(error, sa_exc.OperationalError | sa_exc.InterfaceError):
        message = str(error).lower()
        return any(hint in message for hint in _ENVIRONMENT_HINTS) or error.connection_invalidated
    return False


@contextmanager
def environment_errors() -> Iterator[None]:
    """Turn the database's "not now" errors into :class:`StorageUnavailable`."""
    try:
        yield
    except sa_exc.DBAPIError as error:
        if is_environment_error(error):
            raise StorageUnavailable(str(error.orig)) from error
        raise
