"""LibreOffice headless as the "real spreadsheet program" of the reconciliation tests.

It writes statements (CSV → .xlsx, as a lab's clerk would save one) and reads
our exports back (.xlsx → CSV of every sheet, values as displayed). Each call
uses a private profile directory so parallel test runs do not fight over the
user's LibreOffice profile. Conversions take seconds: convert once per module.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# 44 = comma, 34 = double quote, 76 = UTF-8, 1 = start at line 1
CSV_IMPORT = "Text - txt - csv (StarCalc):44,34,76,1"
# ... , token 9 true = cells as shown (formatted), token 12 -1 = every sheet to its own file
CSV_EXPORT = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"


def require_soffice() -> str:
    """The soffice binary; missing, the test is skipped — except in CI, where it fails."""
    if SOFFICE is None:
        message = "LibreOffice (soffice) not installed: apt-get install libreoffice-calc-nogui"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return SOFFICE


def _run(args: list[str], profile: Path, outdir: Path) -> None:
    command = [
        require_soffice(),
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--norestore",
        *args,
        "--outdir",
        str(outdir),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180)
    if done.returncode != 0:
        raise AssertionError(f"soffice failed: {done.stdout}\n{done.stderr}")


def csv_to_xlsx(source: Path, outdir: Path, profile: Path) -> Path:
    """Open a CSV in LibreOffice Calc and save it as .xlsx (types guessed by Calc)."""
    _run(["--infilter=" + CSV_IMPORT, "--convert-to", "xlsx", str(source)], profile, outdir)
    target = outdir / (source.stem + ".xlsx")
    assert target.is_file(), f"LibreOffice wrote no {target.name}"
    return target


def xlsx_to_csv_sheets(
    sources: list[Path], outdir: Path, profile: Path
) -> dict[str, dict[str, list[list[str]]]]:
    """Every sheet of every workbook as LibreOffice displays it: {file stem: {sheet: rows}}."""
    _run(["--convert-to", CSV_EXPORT, *map(str, sources)], profile, outdir)
    books: dict[str, dict[str, list[list[str]]]] = {}
    for source in sources:
        sheets: dict[str, list[list[str]]] = {}
        for path in outdir.glob(f"{source.stem}-*.csv"):
            with path.open(encoding="utf-8", newline="") as handle:
                sheets[path.stem.removeprefix(source.stem + "-")] = list(csv.reader(handle))
        assert sheets, f"LibreOffice wrote no CSV for {source.name}"
        books[source.stem] = sheets
    return books
