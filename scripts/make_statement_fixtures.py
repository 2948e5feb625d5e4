"""Write the lab statements tests/test_statement_layouts.py reads, with the programs labs use.

Run by hand (LibreOffice must be installed: ``soffice``); the files it writes
are committed, so the tests need no LibreOffice. openpyxl writes what a lab's
own software exports; LibreOffice converts to .xls and .ods as a studio's
"save as" would. Each file copies a layout seen on real 对账单: a merged
title, the lab's header block, blank rows, 本页合计 on every printed page, a
合计 and a footer at the bottom.

    python scripts/make_statement_fixtures.py
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "statements"


def soffice(source: Path, fmt: str) -> Path:
    """Convert ``source`` with LibreOffice into OUT (``fmt``: xls or ods)."""
    command = ["soffice", "--headless", "--convert-to", fmt, "--outdir", str(OUT), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    return OUT / f"{source.stem}.{fmt}"


def header_block(sheet: Worksheet, title: str, period: str, width: int) -> None:
    """The merged title and the lab's block above the table, then a blank row."""
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.append(["客户：金港影楼", None, "结算周期：" + period])
    sheet.append(["电话：0571-88886666", None, "单位：元"])
    sheet.append([])


def lab_statement() -> None:
    """(a) 金彩相册厂's December statement: ¥ amounts, 12月2日 dates, 合计, 制表：/审核："""
    book = Workbook()
    sheet = book.active
    sheet.title = "对账单"
    header_block(sheet, "金彩相册厂 对账单", "2026-12-01 至 2026-12-31", 6)
    sheet.append(["日期", "条码 / Barcode", "品名", "规格", "数量", "金额(元)"])
    sheet.append(["12月2日", "100000000001", "水晶相册", "12寸", 1, "¥380.00"])
    sheet.append(["12月2日", "100000000002", "木质相框", "16寸", 1, "¥120.00"])
    sheet.append([])
    sheet.append(["12月9日", "100000000003", "水晶相册", "10寸", 2, "¥1,260.00"])
    sheet.append(["12月30日", "100000000004", "摆台", "8寸", 1, "￥60"])
    sheet.append([])
    sheet.append(["合计", None, None, None, 5, "¥1,820.00"])
    sheet.append([])
    sheet.append(["制表：王芳", None, None, "审核：李强"])
    path = OUT / "lab_statement.xlsx"
    book.save(path)
    soffice(path, "xls")
    soffice(path, "ods")


def weekly(sheet: Worksheet, week: str, lines: list[tuple[str, str, int]]) -> None:
    sheet.append([f"金彩相册厂 12月{week}"])
    sheet.append(["条码", "产品", "金额"])
    for code, product, amount in lines:
        sheet.append([code, product, amount])
    sheet.append(["合计", None, sum(amount for _, _, amount in lines)])


WEEK_1 = [("W1-001", "相册", 300), ("W1-002", "相框", 80)]
WEEK_2 = [("W2-001", "相册", 300), ("W2-002", "摆台", 50), ("W2-003", "相框", 80)]


def weekly_statement() -> None:
    """(b) one sheet per week, a 汇总 repeating every line, and a hidden price list."""
    book = Workbook()
    first = book.active
    first.title = "第1周"
    weekly(first, "第1周", WEEK_1)
    weekly(book.create_sheet("第2周"), "第2周", WEEK_2)
    weekly(book.create_sheet("汇总"), "汇总", WEEK_1 + WEEK_2)
    hidden = book.create_sheet("价目表")
    hidden.append(["条码", "金额"])
    hidden.append(["PRICE-1", 999])
    hidden.sheet_state = "hidden"
    book.save(OUT / "weekly.xlsx")


def gb18030_csv() -> None:
    """(c) a CSV from an old lab program: GB18030, a title row, RMB amounts, a 合计 row."""
    text = (
        "银楼冲印 2026年11月对账单,,,\n"
        "订单号,产品名称,应收金额,发货日期\n"
        "A1001,大相册,RMB 500,2026/11/3\n"
        "A1002,相框,CNY120,2026/11/15\n"
        "A1003,摆台,６０元,2026/11/28\n"
        "合计：,,680,\n"
    )
    (OUT / "gb18030.csv").write_bytes(text.encode("gb18030"))


def multi_page() -> None:
    """(d) a long statement printed in pages: each page repeats the title and header, ends in 本页合计."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    title = "恒美影像 对账单"
    codes = iter(range(1, 100))
    grand = 0
    for _page in range(2):
        sheet.append([title])
        sheet.merge_cells(
            start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=4
        )
        sheet.append(["序号", "客件条码", "产品", "结算金额"])
        page_total = 0
        for _ in range(3):
            number = next(codes)
            amount = 100 + number
            page_total += amount
            sheet.append([number, f"HM{number:04d}", "相册", amount])
        grand += page_total
        sheet.append(["本页合计", None, None, page_total])
    sheet.append(["总计", None, None, grand])
    book.save(OUT / "multi_page.xlsx")


def total_differs() -> None:
    """(e) the lab's 合计 says 780, its lines add up to 760."""
    book = Workbook()
    sheet = book.active
    sheet.append(["Barcode", "Product", "Amount"])
    sheet.append(["D-1", "Album", 500])
    sheet.append(["D-2", "Frame", 260])
    sheet.append(["Total", None, 780])
    book.save(OUT / "total_differs.xlsx")


def unusual_headers() -> None:
    """(f) headers no synonym covers (编号 / 应结): the manager must point at the columns."""
    book = Workbook()
    sheet = book.active
    sheet.append(["宏达冲印结算单"])
    sheet.append(["编号", "品名", "日期", "应结"])
    sheet.append(["HD-01", "相册", "2026-11-05", 260])
    sheet.append(["HD-02", "相框", "2026-11-12", 90])
    sheet.append(["合 计", None, None, 350])
    book.save(OUT / "unusual_headers.xlsx")


def credits() -> None:
    """(g) refunds and 冲红 written as positive sums, a negative and an accounting (…) one."""
    book = Workbook()
    sheet = book.active
    sheet.append(["条码", "产品", "类型", "金额", "备注"])
    sheet.append(["R-1", "相册", "新做", 400, None])
    sheet.append(["R-2", "相框", "退款", 80, "客户退货"])
    sheet.append(["R-3", "摆台", None, 50, "冲红"])
    sheet.append(["R-4", "相册", "扣款", -30, None])
    sheet.append(["R-5", "相框", None, "(20.00)", None])
    sheet.append(["合计", None, None, 220, None])
    book.save(OUT / "credits.xlsx")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for maker in (
        lab_statement,
        weekly_statement,
        gb18030_csv,
        multi_page,
        total_differs,
        unusual_headers,
        credits,
    ):
        maker()


if __name__ == "__main__":
    main()
