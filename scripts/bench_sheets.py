"""How long opening a 10 000-row order sheet takes, by reader: the figures behind the choice.

    python scripts/bench_sheets.py          # python-calamine is measured when installed

Prints seconds per reader and the ratio to the fastest, on this machine.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from openpyxl import Workbook, load_workbook

from yinglou_desk.services.spreadsheets.workbook import read_workbook

ROWS = 10_000


def write(path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["订单号", "客户", "电话", "套系", "产品", "规格", "数量", "厂商", "单价", "条码"])
    for n in range(ROWS):
        sheet.append(
            [
                f"A{n // 3}",
                "张三",
                13800138000 + n,
                "婚纱",
                "相册",
                "12寸",
                1,
                "厂A",
                380.5,
                f"{n:012d}",
            ]
        )
    book.save(path)


def timed(read: object, path: Path) -> float:
    start = time.perf_counter()
    read(path)  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.xlsx"
        write(path)
        readers = {
            "yinglou read_workbook (openpyxl full)": read_workbook,
            "openpyxl read-only (trusts the size tag)": lambda p: list(
                load_workbook(p, read_only=True, data_only=True).worksheets[0].values
            ),
        }
        try:
            import python_calamine

            readers["python-calamine (drops error cells)"] = lambda p: (
                python_calamine.CalamineWorkbook.from_path(str(p)).get_sheet_by_index(0).to_python()
            )
        except ImportError:
            pass
        seconds = {name: min(timed(read, path) for _ in range(3)) for name, read in readers.items()}
    fastest = min(seconds.values())
    for name, value in seconds.items():
        print(f"{name:45s} {value:6.2f} s  ×{value / fastest:4.1f}")


if __name__ == "__main__":
    main()
