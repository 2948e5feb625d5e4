"""``backup`` and ``restore``: the studio's data, copied safely and put back safely."""

from __future__ import annotations

import argparse
from pathlib import Path

from yinglou_desk import catalogue
from yinglou_desk.cli.output import CliError, emit, say


def _url(args: argparse.Namespace) -> str:
    from yinglou_desk.storage.engine import resolve_url

    return resolve_url(getattr(args, "db", None))


def cmd_backup(args: argparse.Namespace) -> int:
    from yinglou_desk.cli.common import open_database, output_file
    from yinglou_desk.storage.backup import (
        BackupError,
        check_backup_target,
        sqlite_path,
        take_backup,
    )

    output = output_file(args.output) if args.output else None
    try:
        database = sqlite_path(_url(args))
    except Exception:  # noqa: BLE001 - a bad address: open_database says so below
        database = None
    try:
        if output is not None and database is not None:
            check_backup_target(database, output)  # before the database is even opened
        open_database(args).dispose()  # refuses a database that cannot be opened
        path = take_backup(_url(args), output)
    except BackupError as error:
        raise CliError(str(error), 2) from None
    say(catalogue.text("backup.done", path=path))
    emit(str(path))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from yinglou_desk.cli.acting import restore_admin
    from yinglou_desk.services.settings.workstation import this_workstation
    from yinglou_desk.storage.backup import BackupError
    from yinglou_desk.storage.restore import restore_sqlite

    restore_admin(args)  # an admin who proves it, before anything is touched

    source = Path(args.file)
    if not source.is_file():
        raise CliError(catalogue.text("backup.file_missing", path=source), 2)
    try:
        restored = restore_sqlite(_url(args), source, workstation=this_workstation())
    except BackupError as error:
        raise CliError(catalogue.text("backup.nothing_changed", reason=error), 2) from None
    if restored.kept is None:
        say(catalogue.text("backup.restored", source=source))
    else:
        say(catalogue.text("backup.restored_kept", source=source, kept=restored.kept))
    if restored.revision != restored.head:
        say(catalogue.text("backup.restored_upgraded", old=restored.revision, new=restored.head))
    return 0


HANDLERS = {"backup": cmd_backup, "restore": cmd_restore}
