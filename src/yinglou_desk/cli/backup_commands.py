"""``backup`` and ``restore``: the studio's data, copied safely and put back safely."""

from __future__ import annotations

import argparse
from pathlib import Path

from .output import CliError, emit, say


def _url(args: argparse.Namespace) -> str:
    from ..storage.engine import resolve_url

    return resolve_url(getattr(args, "db", None))


def cmd_backup(args: argparse.Namespace) -> int:
    from ..storage.backup import BackupError, take_backup
    from .common import open_database, output_file

    open_database(args).dispose()  # refuses a database that cannot be opened
    try:
        path = take_backup(_url(args), output_file(args.output) if args.output else None)
    except BackupError as error:
        raise CliError(str(error), 2) from None
    say(f"已备份到 {path}")
    emit(str(path))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from ..storage.backup import BackupError, restore_sqlite
    from ..storage.migrate import known_revisions
    from .acting import restore_admin

    restore_admin(args)  # an admin who proves it, before anything is touched

    source = Path(args.file)
    if not source.is_file():
        raise CliError(f"找不到备份文件：{source} / backup file not found", 2)
    try:
        kept = restore_sqlite(_url(args), source, known_revisions())
    except BackupError as error:
        raise CliError(f"{error}（未做任何更改 / nothing was changed）", 2) from None
    say(f"已从 {source} 恢复；原数据库已保留为 {kept}")
    return 0


HANDLERS = {"backup": cmd_backup, "restore": cmd_restore}
