"""Month-end with a vendor on a real database (SQLite and PostgreSQL).

Histories are built through the scan service exactly as the sorting room
would; the statement is saved by LibreOffice Calc from a CSV a lab clerk might
type (numeric codes become numbers, dates become dates, a title above the
header, a 合计 row below); exports and reports are read back by openpyxl and
by LibreOffice.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import update

from yinglou_desk import catalogue
from yinglou_desk.domain.statement_match import Category
from yinglou_desk.domain.states import Action
from yinglou_desk.services.reconciliation.matching import (
    ReconciliationError,
    export_reconciliation,
    reconcile_statement,
)
from yinglou_desk.services.reconciliation.report import write_report
from yinglou_desk.services.reconciliation.statement import StatementRefused
from yinglou_desk.services.reconciliation.vendor_history import Period
from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.services.scanning.undo import undo_last_scan
from yinglou_desk.services.staff.audit import command_line_actor
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.storage.models import Item

from .helpers.office import csv_to_xlsx, xlsx_to_csv_sheets
from .helpers.studio import make_studio

CLI = command_line_actor()  # these tests act as the command line does

VENDOR = "金彩相册厂"
MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))
PHONE = "13800138000"

# One line per kind of discrepancy, and the lines that must match around them.
STATEMENT_CSV = """金彩相册厂 对账单 2026年3月,,,,,,
客户：测试影楼,,,,,,
,,,,,,
日期,条码,订单号,产品,数量,金额,类型
2026-03-09,100000000001,A001,大相册,1,100.00,新做
2026-03-09,,A002,大相册,1,100,新做
2026-03-09,C-DUP,A001,大相册,1,100,新做
2026-03-20,C-DUP,A001,大相册,1,100,新做
2026-03-09,C-AMT,A003,大相册,1,"¥120.00",新做
2026-03-09,C-OUT,A004,大相册,1,100,新做
2026-03-09,C-RW,A006,大相册,1,100,新做
2026-03-16,C-RW,A006,大相册,1,100,返工
2026-03-09,C-RW2,A006,大相册,1,100,
2026-03-16,C-RW2,A006,大相册,1,100,
2026-03-09,C-QTY,A007,大相册,2,200,新做
2026-03-09,C-OTHER,A008,水晶摆台,1,100,新做
2026-03-09,999999999999,,,1,100,新做
,,,合计,,1420,
"""
EXPECTED = {
    "vendor": VENDOR,
    "lines": 13,
    "matched": ["100000000001", "C-ORD1", "C-DUP", "C-RW", "C-RW2", "C-QTY"],
    "unknown": ["C-OTHER", "999999999999"],
    "duplicate": ["C-DUP"],
    "amount_mismatch": [{"code": "C-AMT", "billed": 120.0, "expected": 100.0}],
    "billed_not_received": ["C-OUT"],
    "received_not_billed": ["C-NOBILL"],
    "rework_billed": ["C-RW", "C-RW2"],
}


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("office")
    return {"profile": folder / "profile", "root": folder}


@pytest.fixture(scope="module")
def statement(office: dict[str, Path]) -> Path:
    """The lab's statement, saved as .xlsx by LibreOffice Calc (once for the module)."""
    source = office["root"] / "jincai-2026-03.csv"
    source.write_text(STATEMENT_CSV, encoding="utf-8")
    return csv_to_xlsx(source, office["root"] / "statement", office["profile"])


@pytest.fixture
def march(engine, clock):
    """A month of 金彩相册厂's work: sent 2 March, back 9 March, two reworks, one late."""
    studio = make_studio(engine, clock)
    service = ScanService(engine, clock=clock, lang="zh")
    studio.add_order("A001", ["100000000001", "C-DUP"])
    studio.add_order("A002", ["C-ORD1"], customer="李四", phone="13900139000")
    for number, code in (("A003", "C-AMT"), ("A004", "C-OUT"), ("A005", "C-NOBILL")):
        studio.add_order(number, [code])
    studio.add_order("A006", ["C-RW", "C-RW2"])
    studio.add_order("A007", ["C-QTY"])
    studio.add_order("A008", ["C-OTHER"], vendor="晶典水晶")
    studio.add_order("A009", ["C-APRIL"])
    with write_transaction(engine) as conn:
        conn.execute(update(Item).where(Item.code == "C-QTY").values(qty=2))
    ours = ["100000000001", "C-DUP", "C-ORD1", "C-AMT", "C-OUT", "C-NOBILL", "C-RW", "C-RW2"]
    ours += ["C-QTY", "C-APRIL"]

    def scan(station: str, codes: list[str]) -> None:
        for code in codes:
            result = service.scan(studio.session(station), code)
            assert result.outcome.value == "accepted", (code, result.message)

    scan("send-out", [*ours, "C-OTHER"])  # 2 March, 10:00
    clock.advance(days=7)  # 9 March
    scan("check-in", [c for c in ours if c not in ("C-OUT", "C-APRIL")] + ["C-OTHER"])
    clock.advance(days=1)
    for code, reason in (("C-RW", "色偏"), ("C-RW2", "装订错位")):
        flagged = service.apply(studio.session("check-in"), code, Action.FLAG_REWORK, reason)
        assert flagged.outcome.value == "accepted"
    clock.advance(days=1)
    scan("send-out", ["C-RW", "C-RW2"])  # 11 March
    clock.advance(days=5)
    scan("check-in", ["C-RW", "C-RW2"])  # 16 March
    clock.advance(days=18)
    scan("check-in", ["C-APRIL"])  # 3 April: delivered after the period
    return studio


def _contract(data: dict) -> dict:
    out = {key: data[key] for key in EXPECTED}
    out["amount_mismatch"] = [
        {k: m[k] for k in ("code", "billed", "expected")} for m in data["amount_mismatch"]
    ]
    return out


@pytest.mark.usefixtures("march")
def test_a_statement_with_every_discrepancy_is_sorted_line_by_line(engine, statement):
    outcome = reconcile_statement(engine, VENDOR, statement, MARCH, actor=CLI)
    assert _contract(outcome.to_json()) == EXPECTED
    assert outcome.result.billed_total == Decimal("1420.00")  # the 合计 row was not a line


@pytest.mark.usefixtures("march")
def test_without_a_period_the_month_the_statement_names_is_checked(engine, statement):
    outcome = reconcile_statement(engine, VENDOR, statement, actor=CLI)
    assert outcome.period == MARCH  # its title says 2026年3月
    assert outcome.period_source == "statement_period"
    assert outcome.to_json()["received_not_billed"] == ["C-NOBILL"]


@pytest.mark.usefixtures("march")
def test_without_a_period_or_a_month_the_statement_dates_decide(engine, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for line in STATEMENT_CSV.replace(" 2026年3月", "").splitlines():
        sheet.append([cell or None for cell in line.replace('"¥120.00"', "¥120.00").split(",")])
    path = tmp_path / "no-month.xlsx"
    book.save(path)
    outcome = reconcile_statement(engine, VENDOR, path, actor=CLI)
    assert outcome.period == Period(date(2026, 3, 9), date(2026, 3, 20))
    assert outcome.period_source == "statement_dates"
    assert outcome.to_json()["received_not_billed"] == ["C-NOBILL"]


@pytest.mark.usefixtures("march")
def test_a_later_period_expects_the_late_delivery(engine, statement):
    april = Period(date(2026, 4, 1), date(2026, 4, 30))
    outcome = reconcile_statement(engine, VENDOR, statement, april, actor=CLI)
    assert outcome.to_json()["received_not_billed"] == ["C-APRIL"]


def test_a_check_in_taken_back_with_undo_is_not_a_delivery(engine, march, statement, clock):
    undone = undo_last_scan(engine, march.session("check-in"), clock=clock)
    assert undone.ok  # scanned by mistake: still at the lab
    assert undone.code == "C-APRIL"
    april = Period(date(2026, 4, 1), date(2026, 4, 30))
    outcome = reconcile_statement(engine, VENDOR, statement, april, actor=CLI)
    assert outcome.to_json()["received_not_billed"] == []


@pytest.mark.usefixtures("march")
def test_the_export_lists_the_month_with_its_figures_and_no_phone(engine, tmp_path):
    path = tmp_path / "export.xlsx"
    summary = export_reconciliation(engine, VENDOR, MARCH, path, actor=CLI)
    # the return basis: the 8 items delivered in March (not 晶典水晶's item, not C-OUT still
    # at the lab, not C-APRIL delivered on 3 April); those two were out at the end of March
    assert len(summary.rows) == 8
    assert (summary.still_out, summary.total_qty, summary.total_amount) == (2, 9, Decimal("900"))
    assert sorted(r.code for r in summary.out) == ["C-APRIL", "C-OUT"]
    assert summary.average_days == 8.8  # (6 × 7 + 2 × 14) / 8
    assert summary.p90_days == 14

    book = load_workbook(path)
    items = {row[0]: row for row in book["明细"].iter_rows(min_row=2, values_only=True)}
    reworked = items["C-RW"]
    assert reworked[1:5] == ("A006", "张*", "大相册", "12寸")
    ready = catalogue.name("state", "ready")
    assert reworked[9:13] == (14, ready, 1, "色偏")
    assert "C-OUT" not in items
    assert items["C-QTY"][14] == 200
    assert items[next(k for k in items if str(k).startswith("合计"))][14] == 900
    assert dict(book["汇总"].iter_rows(min_row=2, values_only=True))["90% 周期（天）"] == 14
    out = list(book["未回件"].iter_rows(values_only=True))
    assert "金额" not in out[0]
    assert "单价" not in out[0]
    assert sorted(row[0] for row in out[1:]) == ["C-APRIL", "C-OUT"]

    with zipfile.ZipFile(path) as archive:
        xml = "".join(archive.read(n).decode("utf-8") for n in archive.namelist())
    assert PHONE not in xml
    assert "13900139000" not in xml
    assert "张小梅" not in xml
    assert "李四" not in xml


@pytest.mark.usefixtures("march")
def test_export_and_report_read_back_by_libreoffice(engine, statement, office, tmp_path):
    export = tmp_path / "export.xlsx"
    report = tmp_path / "report.xlsx"
    export_reconciliation(engine, VENDOR, MARCH, export, names="none", actor=CLI)
    write_report(reconcile_statement(engine, VENDOR, statement, MARCH, actor=CLI), report)
    books = xlsx_to_csv_sheets([export, report], tmp_path / "csv", office["profile"])

    items = books["export"]["明细"]
    assert "客户" not in items[0]
    body = {row[0]: row for row in items[1:-1]}
    assert len(body) == 8
    assert body["C-QTY"][4:5] == ["2"]
    assert body["C-QTY"][-2:] == ["100.00", "200.00"]
    assert body["C-RW"][11] == "色偏"
    assert items[-1][0].startswith("合计")
    assert items[-1][-1] == "900.00"
    summary = dict(row[:2] for row in books["export"]["汇总"][1:])
    assert summary["仍在厂"] == "2"  # at the end of March
    assert summary["平均周期（天）"] == "8.8"

    details = books["report"]["明细"]
    by_category: dict[str, list[str]] = {}
    for row in details[1:-1]:
        by_category.setdefault(row[0], []).append(row[1])
    assert sorted(by_category["重复计费"]) == ["C-DUP"]
    assert sorted(by_category["返工重复计费"]) == ["C-RW", "C-RW2"]
    assert sorted(by_category["未知条码"]) == ["999999999999", "C-OTHER"]
    assert sorted(by_category["已回件未计费"]) == ["C-NOBILL"]
    mismatch = next(row for row in details if row[1] == "C-AMT")
    assert mismatch[8:11] == ["120.00", "100.00", "20.00"]
    report_summary = dict(row[:2] for row in books["report"]["汇总"][1:])
    assert report_summary["对账单总额"] == "1,420.00"


@pytest.mark.usefixtures("march")
def test_an_unknown_vendor_or_a_bad_statement_is_refused(engine, tmp_path):
    with pytest.raises(ReconciliationError, match="没有名为"):
        export_reconciliation(engine, "不存在的厂", MARCH, tmp_path / "x.xlsx", actor=CLI)
    assert not (tmp_path / "x.xlsx").exists()
    fake = tmp_path / "statement.xlsx"
    fake.write_text("条码,金额\nC-DUP,100\n", encoding="utf-8")
    with pytest.raises(StatementRefused, match=r"不是能打开的表格文件"):
        reconcile_statement(engine, VENDOR, fake, MARCH, actor=CLI)


# -- the command line, end to end ----------------------------------------------------------


def _cli(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "YINGLOU_LANG": "zh"}
    return subprocess.run(
        [sys.executable, "-m", "yinglou_desk", "--db", db_url, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.mark.usefixtures("march")
def test_cli_reconcile_prints_the_json_contract_and_writes_the_report(db_url, statement, tmp_path):
    report = tmp_path / "report.xlsx"
    done = _cli(
        db_url,
        "reconcile",
        "--vendor",
        VENDOR,
        str(statement),
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "-o",
        str(report),
        "--json",
    )
    assert done.returncode == 0, done.stderr
    assert _contract(json.loads(done.stdout)) == EXPECTED
    assert "报告已写入" in done.stderr
    categories = [
        row[0] for row in load_workbook(report)["明细"].iter_rows(min_row=2, values_only=True)
    ]
    assert sum(1 for c in categories if c == "重复计费") == 1


@pytest.mark.usefixtures("march")
def test_cli_export_writes_the_file(db_url, tmp_path):
    target = tmp_path / "jincai.xlsx"
    done = _cli(
        db_url,
        "export",
        "reconciliation",
        "--vendor",
        VENDOR,
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "-o",
        str(target),
    )
    assert done.returncode == 0, done.stderr
    assert "8 件" in done.stderr
    assert load_workbook(target)["明细"].max_row == 10  # header, 8 items delivered, totals


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            [
                "export",
                "reconciliation",
                "--vendor",
                "无此厂",
                "--from",
                "2026-03-01",
                "--to",
                "2026-03-31",
            ],
            "没有名为 无此厂 的厂商",
        ),
        (
            [
                "export",
                "reconciliation",
                "--vendor",
                VENDOR,
                "--from",
                "2026-13-01",
                "--to",
                "2026-03-31",
            ],
            "--from 日期无效",
        ),
        (
            [
                "export",
                "reconciliation",
                "--vendor",
                VENDOR,
                "--from",
                "2026-03-31",
                "--to",
                "2026-03-01",
            ],
            "早于开始日期",
        ),
        (["reconcile", "--vendor", VENDOR, "MISSING.xlsx"], "找不到对账单文件"),
        (["reconcile", "--vendor", VENDOR, "STATEMENT", "--from", "2026-03-01"], "须同时给出"),
        (["reconcile", "--vendor", "无此厂", "STATEMENT"], "没有名为 无此厂 的厂商"),
        (["reconcile", "--vendor", VENDOR, "NOT_XLSX"], "不是能打开的表格文件"),
    ],
)
def test_cli_refuses_bad_input_clearly_and_writes_nothing(
    db_url, engine, clock, statement, tmp_path, args, message
):
    make_studio(engine, clock)
    not_xlsx = tmp_path / "plain.xlsx"
    not_xlsx.write_text("条码,金额\n", encoding="utf-8")
    target = tmp_path / "out.xlsx"
    swap = {
        "STATEMENT": str(statement),
        "NOT_XLSX": str(not_xlsx),
        "MISSING.xlsx": str(tmp_path / "missing.xlsx"),
    }
    argv = [swap.get(a, a) for a in args]
    argv += ["-o", str(target)]
    done = _cli(db_url, *argv)
    assert done.returncode != 0
    assert message in done.stderr
    assert done.stdout == ""
    assert not target.exists()


# -- the round trip: our export, edited by the lab, read back as its statement -----------------

DELIVERED_IN_MARCH = ["100000000001", "C-AMT", "C-DUP", "C-NOBILL", "C-ORD1", "C-QTY", "C-RW"]
DELIVERED_IN_MARCH.append("C-RW2")


def _round_trip_findings(outcome) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    found: dict[str, list[str]] = {}
    for finding in outcome.result.findings:
        found.setdefault(finding.category.value, []).append(finding.code)
    return {category: sorted(codes) for category, codes in found.items()}


def test_the_export_edited_in_libreoffice_reads_back_showing_exactly_the_edits(
    engine, march, office, tmp_path
):
    """The lab opens our export in Calc, changes a price, deletes a line, writes its own 合计."""
    del march
    export = tmp_path / "金彩-2026-03.xlsx"
    export_reconciliation(engine, VENDOR, MARCH, export, actor=CLI)
    sheets = xlsx_to_csv_sheets([export], tmp_path / "csv", office["profile"])[export.stem]
    header, *body = sheets["明细"]
    lines = [row for row in body if not row[0].startswith("合计")]  # our total goes
    assert sorted(row[0] for row in lines) == DELIVERED_IN_MARCH
    lines = [row for row in lines if row[0] != "C-ORD1"]  # a line deleted
    for row in lines:
        if row[0] == "C-QTY":
            row[-1] = "220.00"  # a price changed: 2 × ¥110
    total = sum(Decimal(row[-1].replace(",", "")) for row in lines)
    edited = tmp_path / "lab" / "金彩三月对账单.csv"
    edited.parent.mkdir()
    with edited.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["金彩相册厂 对账单"])
        writer.writerows([header, *lines])
        writer.writerow(["合计", *[""] * (len(header) - 2), f"{total:.2f}"])  # the lab's own
    statement = csv_to_xlsx(edited, tmp_path / "lab-xlsx", office["profile"])

    outcome = reconcile_statement(engine, VENDOR, statement, MARCH, actor=CLI)
    assert _round_trip_findings(outcome) == {
        "matched": [c for c in DELIVERED_IN_MARCH if c not in ("C-ORD1", "C-QTY")],
        "amount_mismatch": ["C-QTY"],
        "received_not_billed": ["C-ORD1"],
    }
    mismatch = outcome.result.of(Category.AMOUNT_MISMATCH)[0]
    assert (mismatch.billed, mismatch.expected) == (Decimal("220.00"), Decimal("200.00"))
    assert outcome.statement is not None
    assert [row.reason for row in outcome.statement.skipped] == ["statements.skip.total"]
    assert outcome.statement.stated_total == Decimal("820.00")
    assert not outcome.statement.total_differs


def test_the_export_edited_in_place_keeps_its_other_sheets_out_of_the_bill(engine, march, tmp_path):
    """Edited as Excel would (the workbook saved whole, 汇总 and 未回件 still in it), with our
    合计 left as it was: the stale total is reported, the other sheets are not lines."""
    del march
    export = tmp_path / "export.xlsx"
    export_reconciliation(engine, VENDOR, MARCH, export, actor=CLI)
    book = load_workbook(export)
    items = book["明细"]
    for row in items.iter_rows(min_row=2):
        if row[0].value == "C-AMT":
            row[-1].value = 95  # a price changed
    for row in items.iter_rows(min_row=2):
        if row[0].value == "C-NOBILL":
            items.delete_rows(row[0].row)  # a line deleted
            break
    book.save(export)

    outcome = reconcile_statement(engine, VENDOR, export, MARCH, actor=CLI)
    assert _round_trip_findings(outcome) == {
        "matched": [c for c in DELIVERED_IN_MARCH if c not in ("C-AMT", "C-NOBILL")],
        "amount_mismatch": ["C-AMT"],
        "received_not_billed": ["C-NOBILL"],
    }
    assert outcome.statement is not None
    assert outcome.statement.sheets_read == ["明细"]
    ignored = dict(outcome.statement.sheets_ignored)
    assert set(ignored) == {"汇总", "未回件"}
    assert outcome.statement.stated_total == Decimal("900.00")  # as exported, not re-added
    assert outcome.statement.line_total == Decimal("795.00")
    assert outcome.statement.total_differs
