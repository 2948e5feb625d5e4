"""Sheets written the way studios' real programs write them.

``libreoffice_xlsx`` has LibreOffice itself (headless) turn a CSV into .xlsx,
so the file is a real spreadsheet program's output, not openpyxl's.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest


def soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required in CI")
        pytest.skip("LibreOffice (soffice) not installed")
    return path


def libreoffice_xlsx(rows: Sequence[Sequence[object]], target: Path) -> Path:
    """Write ``rows`` as CSV and let LibreOffice convert them to ``target`` (.xlsx)."""
    source = target.with_suffix(".csv")
    with source.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    profile = target.parent / "lo-profile"
    subprocess.run(
        [
            soffice(),
            "--headless",
            f"-env:UserInstallation=file://{profile}",
            "--infilter=CSV:44,34,76,1",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(target.parent),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    produced = source.with_suffix(".xlsx")
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
