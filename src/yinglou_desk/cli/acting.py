"""Who a command acts for: an operator who proves it, or the database's own authority.

``customer export/erase``, ``settings set``, ``restore`` and (once an admin
exists) the ``user`` commands act for ``--operator NAME``, who must give
their password: ``YINGLOU_PASSWORD``, else ``--password-stdin`` (one line) when
the command does not already read stdin, else a prompt when stdin is a
terminal. The password is checked by :func:`~yinglou_desk.services.staff.auth.login_with_password`
— the same check, and the same lock-out after repeated failures, as the
desk's login. What the operator's role allows is then checked by the
service itself, so a sorter who proves who she is is still refused an
erasure. Every other command acts as
:func:`~yinglou_desk.services.staff.audit.command_line_actor` (see docs/SECURITY.md).
"""

from __future__ import annotations

import argparse
import getpass
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine

from yinglou_desk import catalogue
from yinglou_desk.cli.output import CliError
from yinglou_desk.domain.records import OperatorInfo
from yinglou_desk.domain.roles import Actor, Permission, require

PASSWORD_ENV = "YINGLOU_PASSWORD"
AUTH_FAILED = 6  # exit code: not proven, or not permitted


def read_password(name: str, *, from_stdin: bool = False, stdin_taken: bool = False) -> str:
    """The acting operator's password, from wherever it may come; never echoed or logged.

    ``stdin_taken``: the command reads something else from stdin (``user add``
    reads the new operator's password), so only the environment or a terminal
    prompt (on the controlling terminal, not stdin) can give this one.
    """
    given = os.environ.get(PASSWORD_ENV)
    if given:
        return given
    if from_stdin and not stdin_taken:
        return sys.stdin.readline().rstrip("\r\n")
    if sys.stdin.isatty() if not stdin_taken else _terminal_reachable():
        try:
            return getpass.getpass(catalogue.text("auth.password_prompt", name=name))
        except EOFError:
            pass
    key = "auth.password_needed_stdin_taken" if stdin_taken else "auth.password_needed"
    raise CliError(catalogue.text(key, name=name), 2)


def _terminal_reachable() -> bool:
    """A terminal getpass can read from without touching stdin (POSIX: /dev/tty)."""
    if os.name == "nt":
        return sys.stderr.isatty()  # getpass reads the console itself
    try:
        fd = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
    except OSError:
        return False
    os.close(fd)
    return True


def proven_operator(
    engine: Engine, name: str | None, *, password_stdin: bool = False, stdin_taken: bool = False
) -> OperatorInfo:
    """The operator ``name`` once their password is right; else a clear refusal (exit 6)."""
    from yinglou_desk.services.staff.auth import LoginFailed, login_with_password

    if not name or not name.strip():
        raise CliError(catalogue.text("auth.operator_needed"), 2)
    password = read_password(name.strip(), from_stdin=password_stdin, stdin_taken=stdin_taken)
    try:
        return login_with_password(engine, name, password)
    except LoginFailed as error:
        raise CliError(catalogue.text("auth.failed", reason=error), AUTH_FAILED) from None


def acting_operator(
    engine: Engine, args: argparse.Namespace, *, stdin_taken: bool = False
) -> OperatorInfo:
    """The proven ``--operator`` of a command that always needs one."""
    return proven_operator(
        engine,
        getattr(args, "operator", None),
        password_stdin=getattr(args, "password_stdin", False),
        stdin_taken=stdin_taken,
    )


def staff_actor(engine: Engine, args: argparse.Namespace, *, stdin_taken: bool = False) -> Actor:
    """Who runs a ``user`` command: the proven ``--operator`` if one is named; while
    the studio has no admin yet (first set-up), the command line itself. The rule
    is the service's (:func:`~yinglou_desk.services.staff.operators.authorise_staff_change`);
    this only decides whether to ask for a password."""
    from yinglou_desk.services.staff.audit import command_line_actor
    from yinglou_desk.services.staff.operators import staff_changes_need_admin

    if getattr(args, "operator", None):
        return acting_operator(engine, args, stdin_taken=stdin_taken)
    if staff_changes_need_admin(engine):
        raise CliError(catalogue.text("auth.admin_needed"), AUTH_FAILED)
    return command_line_actor()


def restore_admin(args: argparse.Namespace) -> OperatorInfo:
    """The admin who may restore ``args.file`` over the database, proven.

    The accounts to check against are the live database's. When there is no
    live database to protect — the file is missing, or it cannot be opened as
    a yinglou database (damaged, or some other file) — the admin proves who
    they are with the accounts of the backup being restored instead, read
    from a temporary copy so that checking never changes the backup. So too
    while the live database has no admin yet (a new PC about to receive the
    studio's backup): as with the ``user`` commands, nobody there could say no.
    """
    from yinglou_desk.cli.common import existing_file
    from yinglou_desk.storage.engine import resolve_url

    existing_file(args.file)  # a name that cannot even be looked up: said before anything
    live = _yinglou_database(resolve_url(getattr(args, "db", None)))
    if live is not None:
        try:
            return _admin(live, args)
        finally:
            live.dispose()
    with _copy_of(Path(args.file)) as backup:
        try:
            return _admin(backup, args)
        finally:
            backup.dispose()


def _admin(engine: Engine, args: argparse.Namespace) -> OperatorInfo:
    from sqlalchemy.exc import DatabaseError

    try:
        operator = acting_operator(engine, args)
    except DatabaseError as error:
        raise CliError(catalogue.text("auth.cannot_verify", error=error.orig), 2) from None
    require(operator, Permission.RESTORE_BACKUP)
    return operator


def _yinglou_database(url: str) -> Engine | None:
    """The live database if it is a yinglou database with an admin, else None.

    Only "there is nothing there" counts: a file that is missing, or that is
    not a database, or one without an admin account. A database that is
    merely unreachable (server down, locked) is a refusal — restoring over it
    would skip the check.
    """
    from sqlalchemy import inspect
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, DatabaseError, NoSuchModuleError

    from yinglou_desk.cli.common import existing_file, shown_url
    from yinglou_desk.services.staff.operators import admin_exists
    from yinglou_desk.storage.engine import make_engine
    from yinglou_desk.storage.errors import DriverMissing, is_environment_error

    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        raise CliError(catalogue.text("cli.db_bad_url", url=shown_url(url)), 2) from None
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if not database or database == ":memory:" or not existing_file(database):
            return None
    try:
        engine = make_engine(url)
    except DriverMissing:
        raise CliError(catalogue.text("cli.db_driver_missing", url=shown_url(url)), 2) from None
    except (ArgumentError, NoSuchModuleError, ModuleNotFoundError, ValueError):
        raise CliError(catalogue.text("cli.db_bad_url", url=shown_url(url)), 2) from None
    except OSError:  # the SQLite file's folder cannot even be made: nothing there
        return None
    try:
        with engine.connect() as conn:
            has_admin = "operators" in inspect(conn).get_table_names() and admin_exists(conn)
    except DatabaseError as error:
        engine.dispose()
        if is_environment_error(error) or parsed.get_backend_name() != "sqlite":
            raise CliError(
                catalogue.text("auth.cannot_verify", error=f"{shown_url(url)}: {error.orig}"), 4
            ) from None
        return None
    if not has_admin:
        engine.dispose()
        return None
    return engine


@contextmanager
def _copy_of(backup: Path) -> Iterator[Engine]:
    from yinglou_desk.storage.engine import make_engine

    with tempfile.TemporaryDirectory(prefix="yinglou-verify-") as folder:
        copy = Path(folder) / "backup.db"
        try:
            shutil.copyfile(backup, copy)
        except OSError as error:
            raise CliError(catalogue.text("auth.cannot_verify", error=error), 2) from None
        yield make_engine(f"sqlite:///{copy}")
