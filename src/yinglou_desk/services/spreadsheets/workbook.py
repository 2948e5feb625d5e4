"""A spreadsheet file opened as its visible sheets, each a grid of plain values.

Studios get files from Excel, WPS, LibreOffice, lab software and older
programs. Whatever wrote the file, the readers here hand the rest of the
program the same thing:

- every visible sheet, in workbook order; hidden sheets are left out and
  named in :attr:`Workbook.hidden`, so a preview can say they were skipped;
- every row that holds a value, whatever the file's own size tag claims
  (some exporters write a stale ``<dimension>``);
- a merged cell's value in every cell the merge covers, so an order number
  written once beside its three items belongs to all three; a blank outside
  a merge stays blank;
- an error cell (``#N/A``, ``#REF!``…) as :class:`ErrorValue`, never as text
  or as an empty cell, so it is refused where it is read;
- values as Python gives them: ``str``, ``int``/``float``, ``date``/``datetime``,
  ``bool`` or ``None``.

The format is told by the file's first bytes, not its name: a ``.xls`` that
is really an .xlsx (WPS does this) opens all the same.

Why these libraries: python-calamine reads all three workbook formats and is
about 15× faster than openpyxl on a 10 000-row sheet here (0.07 s against
0.96 s; ``scripts/bench_sheets.py``), but it turns an error cell into an empty string and drops an .ods
file's merged cells — an order sheet would then import ``#N/A`` as a blank
and orders without their customer. Correctness wins over a second: openpyxl
(full mode, which reads every row whatever the size tag says) for .xlsx,
xlrd for .xls, and the .ods reader of :mod:`.ods_file`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from yinglou_desk.domain.sheet_values import ErrorValue
from yinglou_desk.domain.wording import WordedError

__all__ = ["ErrorValue", "Sheet", "Workbook", "WorkbookRefused", "read_workbook"]

_log = logging.getLogger(__name__)
Row = tuple[object, ...]
MAX_FILE_BYTES = 200 * 1024 * 1024  # no studio sheet comes near; a bigger file is a mistake


class WorkbookRefused(WordedError):
    """The file cannot be opened as a spreadsheet at all; ``key`` says why."""


@dataclass(frozen=True)
class Sheet:
    """One visible sheet: its name and its rows (row 1 of the spreadsheet is ``rows[0]``)."""

    name: str
    rows: Sequence[Row]


@dataclass(frozen=True)
class Workbook:
    file: str  # the file's name, as staff know it
    kind: str  # "xlsx", "xls", "ods" or "csv"
    sheets: list[Sheet]
    hidden: list[str] = field(default_factory=list)  # hidden sheets, not read


_ZIP = b"PK\x03\x04"
_ZIPPED_SUFFIXES = (".xlsx", ".xlsm", ".ods")  # formats that are always zip files
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_workbook(path: Path) -> Workbook:
    """The visible sheets of ``path``, or :class:`WorkbookRefused` saying why not."""
    path = Path(path)
    try:
        found = path.is_file()
        size = path.stat().st_size if found else 0
        with path.open("rb") if found else _nothing() as handle:
            head = handle.read(8) if handle else b""
    except OSError as error:  # unreadable, a name too long for the file system...
        shown = str(path)[:200]
        raise WorkbookRefused(
            "file.unreadable", path=shown, error=error.strerror or error
        ) from None
    if not found:
        raise WorkbookRefused("sheets.file_missing", path=path)
    if size > MAX_FILE_BYTES:
        raise WorkbookRefused("workbooks.too_big", name=path.name, megabytes=size // 2**20)
    kind = _kind_of(path, head)
    if kind == "csv" and path.suffix.lower() in _ZIPPED_SUFFIXES:
        # Text (or nothing) under an .xlsx or .ods name is a broken download or a
        # mislabelled export, not a CSV: say so rather than reading it as one.
        raise not_a_workbook(path, "not a zip")
    if kind == "xlsx":
        from yinglou_desk.services.spreadsheets.xlsx_file import read_xlsx

        return read_xlsx(path)
    if kind == "ods":
        from yinglou_desk.services.spreadsheets.ods_file import read_ods

        return read_ods(path)
    if kind == "xls":
        from yinglou_desk.services.spreadsheets.xls_file import read_xls

        return read_xls(path)
    from yinglou_desk.services.spreadsheets.csv_file import read_csv

    return read_csv(path)


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *_: object) -> None:
        return None


def _kind_of(path: Path, head: bytes) -> str:
    if head.startswith(_ZIP):
        return "ods" if _is_ods(path) else "xlsx"
    if head.startswith(_OLE2):
        return "xls"
    # Anything else is read as text: CSV, or the tab-separated text some older
    # programs save under an .xls name; text that is no table is refused there.
    return "csv"


def _is_ods(path: Path) -> bool:
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            return archive.read("mimetype").startswith(b"application/vnd.oasis.opendocument")
    except (KeyError, zipfile.BadZipFile, OSError):
        return False


def not_a_workbook(path: Path, error: BaseException | str) -> WorkbookRefused:
    """The refusal for a file that claims a format and is not in it.

    What the library said goes to the log for whoever looks into it; staff are
    told, in their language, that the file cannot be opened.
    """
    _log.info("%s is not a readable spreadsheet: %s", path, error)
    return WorkbookRefused("workbooks.unreadable", name=path.name)
