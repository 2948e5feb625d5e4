"""What several commands share: opening the database, the scan session, printing scans."""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

from sqlalchemy import Engine

from yinglou_desk import catalogue
from yinglou_desk.cli.output import CliError, emit, emit_json
from yinglou_desk.domain.states import ScanOutcome, Station


def open_database(args: argparse.Namespace) -> Engine:
    """The engine for ``--db`` / ``YINGLOU_DB`` / the default file, migrated to head.

    Whatever ``--db`` names — a text file, a folder, ``foo://x``, a URL with a
    bad port, a database some other program made — ends as one clear line and
    exit code 2 (the address is wrong) or 4 (the database cannot be opened).
    """
    from alembic.util.exc import CommandError
    from sqlalchemy.exc import ArgumentError, DatabaseError, NoSuchModuleError, OperationalError

    from yinglou_desk.storage.engine import make_engine, resolve_url
    from yinglou_desk.storage.errors import DriverMissing, StorageUnavailable
    from yinglou_desk.storage.migrate import upgrade

    url = resolve_url(getattr(args, "db", None))
    shown = shown_url(url)
    try:
        engine = make_engine(url)
    except DriverMissing:
        raise CliError(catalogue.text("cli.db_driver_missing", url=shown), 2) from None
    except (ArgumentError, NoSuchModuleError, ModuleNotFoundError, ValueError):
        raise CliError(catalogue.text("cli.db_bad_url", url=shown), 2) from None
    except OSError as error:  # the SQLite file's folder cannot be made
        raise CliError(catalogue.text("cli.db_cannot_open", url=shown, error=error), 4) from None
    try:
        upgrade(engine)
    except OperationalError as error:
        raise CliError(
            catalogue.text("cli.db_cannot_open", url=shown, error=error.orig), 4
        ) from None
    except DatabaseError as error:
        key = "cli.db_not_yinglou" if engine.dialect.name == "sqlite" else "cli.db_cannot_open"
        raise CliError(catalogue.text(key, url=shown, error=error.orig), 4) from None
    except StorageUnavailable as error:
        raise CliError(catalogue.text("cli.db_cannot_open", url=shown, error=error), 4) from None
    except CommandError as error:  # alembic: a revision this program does not know
        raise CliError(
            catalogue.text("cli.db_unknown_version", url=shown, error=error), 4
        ) from None
    except OSError as error:  # the backup before an upgrade could not be written
        raise CliError(catalogue.text("cli.db_cannot_open", url=shown, error=error), 4) from None
    return engine


def shown_url(url: str) -> str:
    """``url`` as it may be printed: the password hidden, even when the URL does not parse."""
    from yinglou_desk.storage.engine import redacted

    try:
        return redacted(url)
    except Exception:  # noqa: BLE001 - unparsable: hide anything that looks like a password
        return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


def output_file(text: str, *, makes_folder: bool = False) -> Path:
    """An output path the command can write: not a folder, in a folder that exists
    (``makes_folder``: the writer creates missing folders itself, as labels do).

    Checked before any work, so a wrong ``-o`` costs one message, not a
    traceback after the work is done.
    """
    path = Path(text).expanduser()
    try:
        folder = not text or path.is_dir() or text.endswith(("/", os.sep))
        parent_missing = not makes_folder and not path.parent.is_dir()
    except OSError as error:  # a name too long for the file system, say
        raise CliError(
            catalogue.text("cli.output_failed", path=text[:200], error=error.strerror or error), 2
        ) from None
    if folder:
        raise CliError(catalogue.text("cli.output_is_folder", path=text), 2)
    if parent_missing:
        raise CliError(catalogue.text("cli.output_folder_missing", path=path.parent), 2)
    return path


def existing_file(text: str) -> bool:
    """Whether ``text`` names a file; a name the file system cannot even look up
    (too long, say) is one clear message instead of an ``OSError``."""
    try:
        return Path(text).expanduser().is_file()
    except OSError as error:
        raise CliError(
            catalogue.text("file.unreadable", path=text[:200], error=error.strerror or error), 2
        ) from None


def write_output(path: Path, data: str) -> None:
    """Write a text output file; a disk or permission problem is one clear message."""
    try:
        path.write_text(data, encoding="utf-8")
    except OSError as error:
        raise CliError(
            catalogue.text("cli.output_failed", path=path, error=error.strerror or error), 2
        ) from None


def scan_session_from(args: argparse.Namespace, engine: Engine):  # type: ignore[no-untyped-def]
    """The station session named by ``--station/--operator/--vendor``, checked up front.

    Scans keep name-only attribution (the station's identity), but a disabled
    operator is refused, by saying so.
    """
    from yinglou_desk.services.scanning.service import ScanSession
    from yinglou_desk.services.settings.vendors import find_vendor
    from yinglou_desk.services.staff.operators import find_operator, is_disabled

    with engine.connect() as conn:
        operator = find_operator(conn, args.operator)
        if operator is None:
            key = "operator.disabled" if is_disabled(conn, args.operator) else "operator.unknown"
            raise CliError(catalogue.text(key, name=args.operator), 2)
        vendor_id = None
        if args.vendor:
            vendor = find_vendor(conn, args.vendor)
            if vendor is None:
                raise CliError(catalogue.text("cli.unknown_vendor", name=args.vendor), 2)
            vendor_id = vendor.id
    return ScanSession(station=Station(args.station), operator=operator, vendor_id=vendor_id)


def print_scan(result, as_json: bool) -> None:  # type: ignore[no-untyped-def]
    if as_json:
        emit_json(result.to_json(), line=True)
        return
    mark = {ScanOutcome.ACCEPTED: "OK ", ScanOutcome.DUPLICATE: "DUP", ScanOutcome.REFUSED: "ERR"}
    emit(f"{mark[result.outcome]} {result.code}  {result.message}")
