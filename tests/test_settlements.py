"""Month after month with a vendor (SQLite and PostgreSQL): one period basis for the export
and the check, confirmed statements remembered, columns chosen by hand remembered.

The studio: 金彩相册厂 at ¥100 an album. OCT-1 is sent on 28 October and comes back on
3 November; OCT-2 is sent and back in October; NOV-1 is sent and back in November.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, text

from yinglou_desk.domain.statement_match import Category
from yinglou_desk.domain.statement_sheet import ColumnChoice
from yinglou_desk.services.reconciliation.matching import (
    build_export,
    export_reconciliation,
    reconcile_statement,
)
from yinglou_desk.services.reconciliation.settlements import (
    SettlementRefused,
    column_letter,
    column_options,
    confirm_reconciliation,
    settlements_of,
)
from yinglou_desk.services.reconciliation.statement import (
    StatementNeedsColumns,
    StatementRefused,
)
from yinglou_desk.services.reconciliation.vendor_history import Period
from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.storage.tables import (
    audit_log,
    settled_items,
    settlements,
    vendor_statement_layouts,
)

from .helpers.clock import FakeClock, studio_time
from .helpers.spreadsheets import openpyxl_xlsx
from .helpers.studio import make_studio

VENDOR = "金彩相册厂"
OCTOBER = Period(date(2026, 10, 1), date(2026, 10, 31))
NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))
DECEMBER = Period(date(2026, 12, 1), date(2026, 12, 31))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(studio_time(2026, 10, 20, 10))


@pytest.fixture
def studio(engine, clock):
    studio = make_studio(engine, clock)
    service = ScanService(engine, clock=clock, lang="zh")
    studio.add_order("A1", ["OCT-1", "OCT-2", "NOV-1", "DEC-1"])

    def scan(station: str, *codes: str) -> None:
        for code in codes:
            result = service.scan(studio.session(station), code)
            assert result.outcome.value == "accepted", (code, result.message)

    scan("send-out", "OCT-2")  # 20 October
    clock.advance(days=5)
    scan("check-in", "OCT-2")  # 25 October
    clock.advance(days=3)
    scan("send-out", "OCT-1")  # 28 October
    clock.advance(days=6)
    scan("check-in", "OCT-1")  # 3 November
    clock.advance(days=2)
    scan("send-out", "NOV-1")  # 5 November
    clock.advance(days=5)
    scan("check-in", "NOV-1")  # 10 November
    clock.advance(days=25)
    scan("send-out", "DEC-1")  # 5 December
    clock.advance(days=4)
    scan("check-in", "DEC-1")  # 9 December
    studio.manager = studio.operators["王店长"]  # type: ignore[attr-defined]
    return studio


def _statement(tmp_path: Path, name: str, *lines: tuple[str, float]) -> Path:
    rows: list[list[object]] = [["条码", "金额"], *([code, amount] for code, amount in lines)]
    return openpyxl_xlsx(rows, tmp_path / name)


def _check(engine, studio, path, period):  # type: ignore[no-untyped-def]
    return reconcile_statement(engine, VENDOR, path, period, actor=studio.manager)


# -- one period basis ----------------------------------------------------------------------


def test_export_and_check_agree_an_item_belongs_to_the_month_it_came_back(engine, studio, tmp_path):
    october = build_export(engine, VENDOR, OCTOBER)
    november = build_export(engine, VENDOR, NOVEMBER)
    assert [r.code for r in october.rows] == ["OCT-2"]
    assert [r.code for r in october.out] == ["OCT-1"]  # sent 28 Oct, still out at the end
    assert [r.code for r in november.rows] == ["OCT-1", "NOV-1"]
    assert november.out == []

    empty_oct = _statement(tmp_path, "oct.xlsx", ("OCT-2", 100))
    checked = _check(engine, studio, empty_oct, OCTOBER)
    assert checked.result.codes(Category.MATCHED) == ["OCT-2"]
    assert checked.result.codes(Category.RECEIVED_NOT_BILLED) == []  # OCT-1 is not October's

    nov = _statement(tmp_path, "nov.xlsx", ("NOV-1", 100))
    checked = _check(engine, studio, nov, NOVEMBER)
    assert checked.result.codes(Category.RECEIVED_NOT_BILLED) == ["OCT-1"]


def test_the_export_read_back_as_a_statement_bills_exactly_the_delivered_items(
    engine, studio, tmp_path
):
    path = tmp_path / "oct-export.xlsx"
    export_reconciliation(engine, VENDOR, OCTOBER, path, actor=studio.manager)
    book = load_workbook(path)
    assert book.sheetnames == ["明细", "汇总", "未回件"]
    out_header = next(book["未回件"].iter_rows(values_only=True))
    assert "金额" not in out_header
    billed = [
        name for name in book.sheetnames if "金额" in next(book[name].iter_rows(values_only=True))
    ]
    assert billed == ["明细"]
    body = [row[0] for row in book["明细"].iter_rows(min_row=2, values_only=True)]
    assert body[:-1] == ["OCT-2"]
    assert str(body[-1]).startswith("合计")
    checked = _check(engine, studio, path, OCTOBER)
    assert checked.statement.skipped[0].reason == "statements.skip.total"
    assert checked.result.codes(Category.MATCHED) == ["OCT-2"]
    assert [f.category for f in checked.result.findings] == [Category.MATCHED]


# -- memory across months -------------------------------------------------------------------


def test_a_confirmed_item_billed_again_next_month_is_already_settled(engine, studio, tmp_path):
    oct_statement = _statement(tmp_path, "oct.xlsx", ("OCT-2", 100))
    settlement = confirm_reconciliation(
        engine, _check(engine, studio, oct_statement, OCTOBER), actor=studio.manager
    )
    assert (settlement.items, settlement.amount) == (1, Decimal("100.00"))
    assert settlements_of(engine, studio.vendor_ids[VENDOR]) == [(OCTOBER, 1)]

    nov = _statement(tmp_path, "nov.xlsx", ("OCT-1", 100), ("NOV-1", 100), ("OCT-2", 100))
    checked = _check(engine, studio, nov, NOVEMBER)
    again = checked.result.of(Category.ALREADY_SETTLED)
    assert [f.code for f in again] == ["OCT-2"]
    assert again[0].reason_key == "reconciliation.reason.already_settled"
    assert again[0].reason == "已在 2026年10月 对账单结算"
    assert checked.result.codes(Category.MATCHED) == ["OCT-1", "NOV-1"]
    assert checked.result.codes(Category.DUPLICATE) == []
    assert checked.to_json()["already_settled"] == ["OCT-2"]
    assert [f.code for f in checked.result.settles()] == ["OCT-1", "NOV-1"]

    with engine.connect() as conn:
        audits = conn.execute(
            select(audit_log.c.action).where(audit_log.c.action == "reconcile.confirm")
        ).all()
    assert len(audits) == 1


def test_received_but_unbilled_is_carried_to_next_month_until_billed(engine, studio, tmp_path):
    oct_statement = _statement(tmp_path, "oct.xlsx", ("OCT-2", 100))
    confirm_reconciliation(
        engine, _check(engine, studio, oct_statement, OCTOBER), actor=studio.manager
    )
    nov = _statement(tmp_path, "nov.xlsx", ("NOV-1", 100))
    checked = _check(engine, studio, nov, NOVEMBER)
    assert checked.result.codes(Category.RECEIVED_NOT_BILLED) == ["OCT-1"]
    confirm_reconciliation(engine, checked, actor=studio.manager)

    dec = _statement(tmp_path, "dec.xlsx", ("DEC-1", 100))
    checked = _check(engine, studio, dec, DECEMBER)
    carried = checked.result.of(Category.RECEIVED_NOT_BILLED)
    assert [f.code for f in carried] == ["OCT-1"]  # delivered in November, never billed
    assert carried[0].reason_key == "reconciliation.reason.received_earlier_not_billed"
    assert checked.memory_since == OCTOBER.start

    billed = _statement(tmp_path, "dec2.xlsx", ("DEC-1", 100), ("OCT-1", 100))
    checked = _check(engine, studio, billed, DECEMBER)
    assert checked.result.codes(Category.RECEIVED_NOT_BILLED) == []
    assert checked.result.codes(Category.MATCHED) == ["DEC-1", "OCT-1"]


def test_without_any_confirmation_there_is_no_memory(engine, studio, tmp_path):
    dec = _statement(tmp_path, "dec.xlsx", ("DEC-1", 100))
    checked = _check(engine, studio, dec, DECEMBER)
    assert checked.result.codes(Category.RECEIVED_NOT_BILLED) == []
    assert checked.memory_since is None


def test_confirming_the_same_vendor_and_period_twice_is_refused(engine, studio, tmp_path):
    oct_statement = _statement(tmp_path, "oct.xlsx", ("OCT-2", 100))
    checked = _check(engine, studio, oct_statement, OCTOBER)
    confirm_reconciliation(engine, checked, actor=studio.manager)
    again = _check(engine, studio, oct_statement, OCTOBER)
    # the statement's own settlement is not "earlier": re-checking shows what it showed
    assert again.result.codes(Category.MATCHED) == ["OCT-2"]
    with pytest.raises(SettlementRefused) as refused:
        confirm_reconciliation(engine, again, actor=studio.manager)
    assert refused.value.key == "settlements.already_confirmed"
    with engine.connect() as conn:
        assert conn.execute(select(settlements.c.id)).all() != []
        assert len(conn.execute(select(settled_items.c.id)).all()) == 1


def test_a_check_without_a_period_cannot_be_confirmed(engine, studio, tmp_path):
    ghost = _statement(tmp_path, "ghost.xlsx", ("NO-SUCH", 100))
    checked = reconcile_statement(engine, VENDOR, ghost, actor=studio.manager)
    assert checked.period is None
    with pytest.raises(SettlementRefused) as refused:
        confirm_reconciliation(engine, checked, actor=studio.manager)
    assert refused.value.key == "settlements.need_period"


def test_only_those_who_reconcile_may_confirm(engine, studio, tmp_path):
    from yinglou_desk.domain.roles import NotPermitted

    checked = _check(engine, studio, _statement(tmp_path, "o.xlsx", ("OCT-2", 100)), OCTOBER)
    for name in ("小李", "小张"):
        with pytest.raises(NotPermitted):
            confirm_reconciliation(engine, checked, actor=studio.operators[name])
    with pytest.raises(NotPermitted):
        confirm_reconciliation(engine, checked, actor=None)


def test_credit_lines_subtract_and_settle_nothing():
    from yinglou_desk.domain.statement_match import ItemFacts, match_statement
    from yinglou_desk.domain.statement_sheet import StatementLine

    def line(sheet: str, row: int, amount: str) -> StatementLine:
        return StatementLine(
            row, "C1", None, None, None, 1, Decimal(amount), None, None, False, sheet
        )

    item = ItemFacts("C1", "A1", "大相册", None, 1, Decimal("100"), date(2026, 11, 3), False, 7)
    # two weekly sheets, both starting at row 2: told apart by (sheet, row)
    lines = [line("第1周", 2, "100"), line("第2周", 2, "-30")]
    result = match_statement(lines, {ln.key: "C1" for ln in lines}, {"C1": item}, [item])
    assert result.codes(Category.CREDIT) == ["C1"]
    assert result.codes(Category.MATCHED) == ["C1"]
    assert result.codes(Category.DUPLICATE) == []
    assert result.codes(Category.RECEIVED_NOT_BILLED) == []
    assert result.billed_total == Decimal("70.00")
    assert [(f.code, f.sheet) for f in result.settles()] == [("C1", "第1周")]
    assert [f.sheet for f in result.findings] == ["第1周", "第2周"]


def test_lines_on_two_sheets_with_the_same_row_are_two_lines():
    from yinglou_desk.domain.statement_match import ItemFacts, match_statement
    from yinglou_desk.domain.statement_sheet import StatementLine

    def line(sheet: str, code: str) -> StatementLine:
        return StatementLine(2, code, None, None, None, 1, Decimal("100"), None, None, False, sheet)

    facts = {
        code: ItemFacts(code, "A1", "大相册", None, 1, Decimal("100"), date(2026, 11, 3), False)
        for code in ("C1", "C2")
    }
    lines = [line("第1周", "C1"), line("第2周", "C2")]
    result = match_statement(lines, {ln.key: ln.code for ln in lines}, facts, facts.values())
    assert result.codes(Category.MATCHED) == ["C1", "C2"]
    assert result.billed_total == Decimal("200.00")


@pytest.mark.parametrize("table", ["settlements", "settled_items"])
def test_settlements_are_append_only(engine, studio, tmp_path, table):
    oct_statement = _statement(tmp_path, "oct.xlsx", ("OCT-2", 100))
    confirm_reconciliation(
        engine, _check(engine, studio, oct_statement, OCTOBER), actor=studio.manager
    )
    column = "note" if table == "settlements" else "sheet"
    for statement in (f"UPDATE {table} SET {column} = 'x'", f"DELETE FROM {table}"):
        with pytest.raises(Exception, match="append-only"), engine.begin() as conn:
            conn.execute(text(statement))
    with engine.connect() as conn:
        assert conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one() == 1


# -- columns chosen by hand ------------------------------------------------------------------


def _odd_statement(tmp_path: Path, name: str, *lines: tuple[str, float]) -> Path:
    """A lab whose headers name neither a barcode nor an amount the program knows."""
    rows: list[list[object]] = [["单据", "应结"], *([code, amount] for code, amount in lines)]
    return openpyxl_xlsx(rows, tmp_path / name)


def test_columns_chosen_by_hand_are_remembered_for_the_vendor(engine, studio, tmp_path, clock):
    path = _odd_statement(tmp_path, "oct.xlsx", ("OCT-2", 100))
    with pytest.raises(StatementNeedsColumns) as asked:
        _check(engine, studio, path, OCTOBER)
    assert asked.value.key == "statements.needs_columns"
    assert asked.value.preview[:2] == [("单据", "应结"), ("OCT-2", "100")]
    choice = ColumnChoice("A", "应结")
    checked = reconcile_statement(
        engine, VENDOR, path, OCTOBER, actor=studio.manager, columns=choice, clock=clock
    )
    assert checked.result.codes(Category.MATCHED) == ["OCT-2"]
    with engine.connect() as conn:
        layout = conn.execute(select(vendor_statement_layouts)).one()
        audits = conn.execute(
            select(audit_log.c.action).where(audit_log.c.action == "reconcile.columns")
        ).all()
    assert (layout.code_column, layout.amount_column, layout.chosen_by) == ("A", "应结", "王店长")
    assert len(audits) == 1

    november = _odd_statement(tmp_path, "nov.xlsx", ("NOV-1", 100))
    again = _check(engine, studio, november, NOVEMBER)  # not asked again: remembered
    assert again.result.codes(Category.MATCHED) == ["NOV-1"]


def test_a_choice_that_does_not_read_is_not_remembered(engine, studio, tmp_path):
    path = _odd_statement(tmp_path, "oct.xlsx", ("OCT-2", 100))
    with pytest.raises(StatementRefused) as refused:
        reconcile_statement(
            engine, VENDOR, path, OCTOBER, actor=studio.manager, columns=ColumnChoice("Z", "Y")
        )
    assert refused.value.key == "statements.choice_missing"
    with engine.connect() as conn:
        assert conn.execute(select(vendor_statement_layouts)).all() == []


def test_the_stated_period_is_used_when_none_is_given(engine, studio, tmp_path):
    rows = [["结算周期：2026-11-01 至 2026-11-30"], ["条码", "金额"], ["NOV-1", 100]]
    path = openpyxl_xlsx(rows, tmp_path / "n.xlsx")
    checked = reconcile_statement(engine, VENDOR, path, actor=studio.manager)
    assert (checked.period, checked.period_source) == (NOVEMBER, "statement_period")
    assert checked.result.codes(Category.RECEIVED_NOT_BILLED) == ["OCT-1"]


def test_column_letters_and_options():
    assert [column_letter(i) for i in (0, 1, 25, 26, 27)] == ["A", "B", "Z", "AA", "AB"]
    assert column_options([("单据", "钱"), ("X", "1", "extra")], 0) == [
        ("A", "单据"),
        ("B", "钱"),
        ("C", ""),
    ]


# -- the command line ------------------------------------------------------------------------


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    from yinglou_desk.cli import main

    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_shows_the_first_rows_then_takes_the_columns_and_confirms(
    db_url, engine, studio, tmp_path, capsys, monkeypatch
):
    from yinglou_desk.cli import reconcile_commands

    monkeypatch.setattr(reconcile_commands, "open_database", lambda _args: engine)
    path = _odd_statement(tmp_path, "oct.xlsx", ("OCT-2", 100))
    args = ["--db", db_url, "reconcile", "--vendor", VENDOR, str(path)]
    args += ["--from", "2026-10-01", "--to", "2026-10-31"]
    code, out, err = _run(capsys, *args)
    assert code == 2
    assert out == ""
    assert "--code-column" in err
    assert "\tA\tB" in err
    assert "第 1 行\t单据\t应结" in err

    code, out, err = _run(
        capsys, *args, "--code-column", "A", "--amount-column", "B", "--confirm", "--json"
    )
    assert code == 0, err
    import json

    data = json.loads(out)
    assert data["matched"] == ["OCT-2"]
    for key in ("skipped", "sheets", "stated_total", "line_total", "already_settled", "credit"):
        assert key in data
    assert data["line_total"] == 100.0
    assert "结算 1 件" in err
    assert settlements_of(engine, studio.vendor_ids[VENDOR]) == [(OCTOBER, 1)]

    code, out, err = _run(capsys, *args, "--confirm")  # the remembered columns; twice refused
    assert code == 2
    assert "不能重复确认" in err


def test_an_item_paid_by_an_earlier_statement_is_not_unbilled_in_a_wider_period(
    engine, studio, tmp_path
):
    """A check whose period reaches back over a confirmed month (no dates on the lines, or a
    period typed wide) does not ask again for what that month's statement paid."""
    confirm_reconciliation(
        engine,
        _check(engine, studio, _statement(tmp_path, "oct.xlsx", ("OCT-2", 100)), OCTOBER),
        actor=studio.manager,
    )
    wide = Period(OCTOBER.start, NOVEMBER.end)
    checked = _check(engine, studio, _statement(tmp_path, "late.xlsx", ("NOV-1", 100)), wide)
    assert checked.result.codes(Category.RECEIVED_NOT_BILLED) == ["OCT-1"]
    assert checked.result.codes(Category.MATCHED) == ["NOV-1"]
