"""Write the spreadsheet files tests/test_workbooks.py opens, with the programs studios use.

Run by hand (LibreOffice must be installed: ``soffice``); the files it writes
are committed, so the tests need no LibreOffice. openpyxl writes what a
modern exporter writes; LibreOffice converts to .xls and .ods exactly as a
studio's "save as" would, and computes real error values from formulas.

    python scripts/make_workbook_fixtures.py
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from datetime import date
from pathlib import Path

from openpyxl import Workbook

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "workbooks"


def soffice(source: Path, fmt: str, infilter: str | None = None) -> Path:
    """Convert ``source`` with LibreOffice into OUT (``fmt``: xlsx, xls or ods)."""
    command = ["soffice", "--headless"]
    if infilter:
        command.append(f"--infilter={infilter}")
    command += ["--convert-to", fmt, "--outdir", str(OUT), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    return OUT / f"{source.stem}.{fmt}"


def stale_dimension() -> None:
    """Twelve rows, but the sheet's size tag says three (some exporters write this)."""
    book = Workbook()
    sheet = book.active
    sheet.append(["订单号", "客户", "产品"])
    for n in range(1, 12):
        sheet.append([f"S{n:03d}", f"客户{n}", "相册"])
    path = OUT / "stale_dimension.xlsx"
    book.save(path)
    rewrite_part(
        path, "xl/worksheets/sheet1.xml", b'<dimension ref="A1:C12"', b'<dimension ref="A1:C3"'
    )


def rewrite_part(path: Path, part: str, old: bytes, new: bytes) -> None:
    with zipfile.ZipFile(path) as archive:
        parts = {info: archive.read(info.filename) for info in archive.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in parts.items():
            if info.filename == part:
                assert old in data, (part, data[:300])
                data = data.replace(old, new)
            archive.writestr(info, data)


def merged(work: Path) -> None:
    """A merged title; an order number and customer merged down over the order's items."""
    book = Workbook()
    sheet = book.active
    sheet.title = "十二月"
    sheet.append(["十二月订单"])
    sheet.merge_cells("A1:D1")
    sheet.append(["订单号", "客户", "产品", "拍摄日期"])
    sheet.append(["M001", "张三", "相册", date(2026, 12, 2)])
    sheet.append([None, None, "摆台", None])
    sheet.append([None, None, "水晶", None])
    sheet.merge_cells("A3:A5")
    sheet.merge_cells("B3:B5")
    sheet.append(["M002", None, "相册", None])  # a blank outside any merge stays blank
    book.save(OUT / "merged.xlsx")
    shutil.copy(OUT / "merged.xlsx", work / "merged.xlsx")
    soffice(work / "merged.xlsx", "xls")
    soffice(work / "merged.xlsx", "ods")


def errors(work: Path) -> None:
    """Formulas LibreOffice evaluates to #N/A, #DIV/0! and #REF!, saved three ways."""
    text = "条码,金额,备注\n100000000001,=NA(),好\n100000000002,=1/0,=#REF!\n"
    source = work / "errors.csv"
    source.write_text(text, encoding="utf-8")
    ods = soffice(source, "ods", infilter="CSV:44,34,76,1")
    shutil.copy(ods, work / "errors.ods")
    soffice(work / "errors.ods", "xlsx")
    soffice(work / "errors.ods", "xls")


def hidden_first(work: Path) -> None:
    """The first sheet is hidden (an old price list); the statement is the second."""
    book = Workbook()
    old = book.active
    old.title = "旧价目"
    old.append(["条码", "金额"])
    old.append(["100000000009", 1])
    old.sheet_state = "hidden"
    sheet = book.create_sheet("对账单")
    sheet.append(["条码", "金额"])
    sheet.append(["100000000001", 380])
    book.save(OUT / "hidden_first.xlsx")
    shutil.copy(OUT / "hidden_first.xlsx", work / "hidden_first.xlsx")
    soffice(work / "hidden_first.xlsx", "xls")
    soffice(work / "hidden_first.xlsx", "ods")


def text_files() -> None:
    """CSV as Excel on a Chinese Windows saves it (GB18030), with a BOM, and tab-separated text."""
    rows = "订单号,客户,产品\nC001,张三,相册\nC002,李四,摆台\n"
    (OUT / "gb18030.csv").write_bytes(rows.encode("gb18030"))
    (OUT / "utf8_bom.csv").write_bytes(rows.encode("utf-8-sig"))
    (OUT / "tab_text.xls").write_bytes(rows.replace(",", "\t").encode("gb18030"))
    (OUT / "not_a_sheet.xlsx").write_bytes(bytes(range(256)) * 4)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        stale_dimension()
        merged(work)
        errors(work)
        hidden_first(work)
        text_files()
    shutil.copy(OUT / "merged.xlsx", OUT / "really_xlsx.xls")  # WPS names an .xlsx .xls


if __name__ == "__main__":
    main()
