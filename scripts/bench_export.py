"""Benchmark (not a test): our .xlsx writer against bare openpyxl write-only mode.

Writes the same 100,000 rows of a reconciliation-like export (text, codes,
quantities, money, dates, datetimes) twice — once through
:class:`yinglou_desk.services.reports.excel.XlsxBook` (header styling, widths,
frozen header, number formats, formula-injection guard, auto filter, totals)
and once with bare ``Workbook(write_only=True)`` appending the raw values —
and prints both times and their ratio. Target: ratio at most 1.3.

    python scripts/bench_export.py [--rows N] [--repeat R]

Each side runs ``--repeat`` times alternately; the best time of each counts,
which keeps a busy shared machine from deciding the result.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

from yinglou_desk.services.reports.excel import Column, XlsxBook

COLUMNS = [
    Column("条码"),
    Column("订单号"),
    Column("产品"),
    Column("规格"),
    Column("数量", "int", total=True),
    Column("发件时间", "datetime"),
    Column("发件人"),
    Column("回件日期", "date"),
    Column("送厂天数", "int"),
    Column("返工次数", "int", total=True),
    Column("返工原因"),
    Column("单价", "money"),
    Column("金额", "money", total=True),
]
PRODUCTS = ["大相册", "放大框画 24寸", "水晶摆台", "照片书", "U盘精修", "油画布"]
REASONS = [None, None, None, "色偏", '=HYPERLINK("x")', "-装订错位"]


def make_rows(count: int) -> list[tuple[object, ...]]:
    rng = random.Random(6)
    start = datetime(2026, 3, 1, 1, 0)  # naive: bare openpyxl refuses aware datetimes
    rows = []
    for number in range(count):
        sent = start + timedelta(minutes=rng.randrange(0, 30 * 24 * 60))
        back = (sent + timedelta(days=rng.randrange(3, 20))).date()
        qty = rng.randrange(1, 4)
        cost = Decimal(rng.randrange(2000, 90000)) / 100
        rows.append(
            (
                f"{100000000000 + number}",
                f"A{number // 4:06d}",
                rng.choice(PRODUCTS),
                "12寸",
                qty,
                sent,
                "小李",
                back,
                (back - sent.date()).days,
                rng.randrange(0, 2),
                rng.choice(REASONS),
                cost,
                cost * qty,
            )
        )
    return rows


def ours(rows: list[tuple[object, ...]], path: Path) -> None:
    book = XlsxBook()
    book.add_table("明细", COLUMNS, rows)
    book.save(path)


def bare(rows: list[tuple[object, ...]], path: Path) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("明细")
    sheet.append([column.title for column in COLUMNS])
    for row in rows:
        sheet.append(row)
    book.save(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = make_rows(args.rows)
    best = {"ours": float("inf"), "bare": float("inf")}
    with tempfile.TemporaryDirectory() as folder:
        for round_number in range(1, args.repeat + 1):
            took = {}
            for name, write in (("bare", bare), ("ours", ours)):
                path = Path(folder) / f"{name}.xlsx"
                began = time.perf_counter()
                write(rows, path)
                took[name] = time.perf_counter() - began
                best[name] = min(best[name], took[name])
            print(
                f"  round {round_number}: bare {took['bare']:6.2f} s, ours {took['ours']:6.2f} s, "
                f"ratio {took['ours'] / took['bare']:.2f}x"
            )
    ratio = best["ours"] / best["bare"]
    print(f"rows: {args.rows}  (started {datetime.now(UTC):%Y-%m-%d %H:%M} UTC)")
    print(f"bare openpyxl write-only: {best['bare']:.2f} s")
    print(f"yinglou XlsxBook:         {best['ours']:.2f} s")
    print(f"ratio: {ratio:.2f}x  (target <= 1.30x)")
    return 0 if ratio <= 1.3 else 1


if __name__ == "__main__":
    sys.exit(main())
