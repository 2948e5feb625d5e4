"""Reading a CSV or tab-separated text file, in the encoding it was saved in.

Excel on a Chinese Windows saves "CSV" in GB18030 (ANSI); Excel's "CSV UTF-8",
WPS and LibreOffice write UTF-8, often with a byte-order mark; a few older
programs write UTF-16 text. The encoding is the first of these that decodes
the whole file; the separator is the one that splits the first lines alike.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from yinglou_desk.services.spreadsheets.workbook import Sheet, Workbook, not_a_workbook

_ENCODINGS = ("utf-8-sig", "gb18030")


def decode(data: bytes) -> str | None:
    """The file's text, or None when it is no text at all (a binary file)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if b"\x00" in data:
        return None
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def read_csv(path: Path) -> Workbook:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise not_a_workbook(path, error) from None
    text = decode(data)
    if text is None:
        raise not_a_workbook(path, "binary")
    sample = "\n".join(text.splitlines()[:20])
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, ",\t;，")
    except csv.Error:
        dialect = csv.excel
    rows = [tuple(_cell(v) for v in row) for row in csv.reader(io.StringIO(text), dialect)]
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    return Workbook(path.name, "csv", [Sheet(path.stem, rows)], [])


def _cell(value: str) -> str | None:
    """Text as written; an empty cell is None as in a workbook."""
    return value if value.strip() else None
