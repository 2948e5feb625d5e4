"""Sheets written the way studios' real programs write them.

``libreoffice_xlsx`` has LibreOffice itself (headless) turn a CSV into .xlsx,
so the file is a real spreadsheet program's output, not openpyxl's.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from .office import csv_to_xlsx


def libreoffice_xlsx(rows: Sequence[Sequence[object]], target: Path) -> Path:
    """Write ``rows`` as CSV and let LibreOffice convert them to ``target`` (.xlsx)."""
    source = target.with_suffix(".csv")
    with source.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    produced = csv_to_xlsx(source, target.parent, target.parent / "lo-profile")
    if produced != target:
        produced.replace(target)
    return target


def openpyxl_xlsx(rows: Sequence[Sequence[object]], target: Path, title: str | None = None) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    if title:
        sheet.append([title])
    for row in rows:
        sheet.append(list(row))
    workbook.save(target)
    return target
