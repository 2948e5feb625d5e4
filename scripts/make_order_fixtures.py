"""Write the order sheets tests/test_order_sheets.py imports, with the programs studios use.

Run by hand (LibreOffice must be installed: ``soffice``); the files are
committed, so the tests need no LibreOffice. openpyxl writes what a studio
program's export writes; LibreOffice saves .xls and .ods as a studio's
"save as" would and computes real error values from formulas.

    python scripts/make_order_fixtures.py
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from openpyxl import Workbook

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "orders"
HEADER = ["订单号", "客户", "电话", "套系", "产品", "规格", "数量", "厂商", "单价", "条码", "备注"]


def soffice(source: Path, fmt: str, infilter: str | None = None) -> Path:
    command = ["soffice", "--headless"]
    if infilter:
        command.append(f"--infilter={infilter}")
    command += ["--convert-to", fmt, "--outdir", str(OUT), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    return OUT / f"{source.stem}.{fmt}"


def order_row(n: int, product: str = "大相册", **cells: object) -> list[object]:
    row: list[object] = [
        f"T{n:03d}",
        f"客户{n}",
        13800138000 + n,
        "经典婚纱",
        product,
        "12寸",
        1,
        "金彩相册厂",
        380,
        None,
        None,
    ]
    for name, value in cells.items():
        row[HEADER.index(name)] = value
    return row


def stale_dimension() -> None:
    """Ten orders; the size tag says the sheet ends at row 3 (today's bug: 2 of 10 imported)."""
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for n in range(1, 11):
        sheet.append(order_row(n))
    path = OUT / "stale_dimension.xlsx"
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {info: archive.read(info.filename) for info in archive.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in parts.items():
            if info.filename == "xl/worksheets/sheet1.xml":
                assert b'<dimension ref="A1:K11"' in data
                data = data.replace(b'<dimension ref="A1:K11"', b'<dimension ref="A1:K3"')
            archive.writestr(info, data)


def two_stores() -> None:
    """Two stores' sheets, a notes sheet and a hidden old sheet; a variant with a clash."""
    for name, clash in (("two_stores.xlsx", False), ("two_stores_clash.xlsx", True)):
        book = Workbook()
        east = book.active
        east.title = "东门店"
        east.append(HEADER)
        for n in (1, 2, 3):
            east.append(order_row(n))
        west = book.create_sheet("西门店")
        west.append(HEADER)
        for n in (11, 12, 13):
            west.append(order_row(2 if clash and n == 12 else n))
        notes = book.create_sheet("说明")
        notes.append(["本表由前台每月整理，东门店、西门店各一张"])
        old = book.create_sheet("旧单")
        old.append(HEADER)
        old.append(order_row(99))
        old.sheet_state = "hidden"
        book.save(OUT / name)


def merged_orders(work: Path) -> None:
    """A merged title; 订单号, 客户 and 电话 merged down over each order's item rows."""
    for name, blank in (("merged_orders.xlsx", False), ("merged_orders_blank.xlsx", True)):
        book = Workbook()
        sheet = book.active
        sheet.title = "十二月"
        sheet.append(["十二月订单（前台整理）"])
        sheet.merge_cells("A1:K1")
        sheet.append([])
        sheet.append(HEADER)  # row 3
        sheet.append(order_row(1, "大相册"))  # rows 4-6: T001
        sheet.append([None, None, None, None, "摆台", "7寸", 1, "晶典水晶", 85, None, None])
        sheet.append([None, None, None, None, "放大框画", "24寸", 2, "艺美框画", 160, None, None])
        for column in "ABC":
            sheet.merge_cells(f"{column}4:{column}6")
        sheet.append(order_row(2, "大相册"))  # rows 7-8: T002
        sheet.append([None, None, None, None, "水晶", "6寸", 1, "晶典水晶", 90, None, None])
        for column in "ABC":
            sheet.merge_cells(f"{column}7:{column}8")
        if blank:  # an item row outside any merge, its customer left empty
            sheet.append(
                ["T003", None, None, None, "大相册", "12寸", 1, "金彩相册厂", 380, None, None]
            )
        book.save(OUT / name)
    shutil.copy(OUT / "merged_orders.xlsx", work / "merged_orders.xlsx")
    soffice(work / "merged_orders.xlsx", "xls")
    soffice(work / "merged_orders.xlsx", "ods")


def error_cells(work: Path) -> None:
    """#N/A in a customer cell and #REF! in a notes cell, computed by LibreOffice."""
    lines = [
        ",".join(HEADER),
        "E001,张三,13800138000,经典婚纱,大相册,12寸,1,金彩相册厂,380,,",
        "E002,=NA(),13900139000,经典婚纱,大相册,12寸,1,金彩相册厂,380,,",
        "E003,李四,13700137000,经典婚纱,大相册,12寸,1,金彩相册厂,380,,=#REF!",
    ]
    source = work / "error_cells.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ods = soffice(source, "ods", infilter="CSV:44,34,76,1")
    shutil.copy(ods, work / "error_cells.ods")
    soffice(work / "error_cells.ods", "xlsx")
    soffice(work / "error_cells.ods", "xls")


def gb18030_csv() -> None:
    """What Excel on a Chinese Windows saves as "CSV": GB18030, a title line first."""
    lines = ["影楼订单导出 2026年12月", ",".join(HEADER)]
    for n in (1, 2, 3):
        lines.append(",".join("" if v is None else str(v) for v in order_row(n)))
    (OUT / "gb18030.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode("gb18030"))


def monthly_exports() -> None:
    """Month 1, then month 2 repeating it with one new order, one new item on an old order,
    one changed phone and one changed unit cost."""
    month_1 = [
        order_row(1, 条码="100000000101"),
        order_row(1, "摆台", 规格="7寸", 厂商="晶典水晶", 单价=85, 条码="100000000102"),
        order_row(2),  # no barcode: matched by product + spec
        order_row(3, "放大框画", 规格="24寸", 厂商="艺美框画", 单价=160),
    ]
    month_2 = [list(row) for row in month_1]
    for row in month_2:
        if row[0] == "T002":
            row[2] = 13700137000  # the customer's new phone
        if row[0] == "T003":
            row[8] = 180  # the frame's price went up
    new_item = order_row(2, "水晶", 规格="6寸", 厂商="晶典水晶", 单价=90, 电话=13700137000)
    month_2.append(new_item)  # a new item of T002
    month_2.append(order_row(4))  # a new order
    for name, rows in (("month_1.xlsx", month_1), ("month_2.xlsx", month_2)):
        book = Workbook()
        sheet = book.active
        sheet.title = "订单"
        sheet.append(HEADER)
        for row in rows:
            sheet.append(row)
        book.save(OUT / name)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        stale_dimension()
        two_stores()
        merged_orders(work)
        error_cells(work)
        gb18030_csv()
        monthly_exports()


if __name__ == "__main__":
    main()
