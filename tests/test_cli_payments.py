"""``payments report|list|take|reverse`` and ``order price`` as a script runs them, on SQLite
and PostgreSQL: operators prove who they are, roles are the ledger's, sums stay exact."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from yinglou_desk.services.clock import local_date, utc_now
from yinglou_desk.services.payments.ledger import money_of, payments_of

from .helpers.cli import run_cli
from .helpers.studio import make_studio

PASSWORD = {"YINGLOU_PASSWORD": "1234"}  # the operators of make_studio


@pytest.fixture
def studio(engine, clock):
    studio = make_studio(engine, clock)
    studio.add_order("C001", ["700000000301"])
    return studio


def _cli(db_url, *args, env=PASSWORD):  # type: ignore[no-untyped-def]
    return run_cli(*args, "--db", db_url, env=env)


@pytest.mark.usefixtures("studio")
def test_price_take_list_reverse_and_report(engine, db_url):
    priced = _cli(db_url, "order", "price", "C001", "¥1,380.00", "--operator", "王店长")
    assert priced.code == 0, priced.err
    assert "¥1,380.00" in priced.err
    took = _cli(
        db_url,
        "payments",
        "take",
        "C001",
        "--amount",
        "380.5",
        "--method",
        "wechat",
        "--reference",
        "WX-1",
        "--operator",
        "小张",
        "--json",
    )
    assert took.code == 0, took.err
    assert took.json()["amount_fen"] == 38050
    assert took.json()["due_fen"] == 99950
    listed = _cli(db_url, "payments", "list", "C001", "--json", env={})
    assert listed.code == 0, listed.err
    data = listed.json()
    assert (data["price_fen"], data["paid_fen"], data["due_fen"], data["due"]) == (
        138000,
        38050,
        99950,
        "999.50",
    )
    (row,) = data["payments"]
    assert (row["kind"], row["method"], row["amount_fen"], row["operator"], row["reference"]) == (
        "payment",
        "wechat",
        38050,
        "小张",
        "WX-1",
    )
    text = _cli(db_url, "payments", "list", "C001", env={})
    assert "微信" in text.out
    assert "380.50" in text.out
    assert "999.50" in text.out

    reversed_ = _cli(
        db_url, "payments", "reverse", str(row["id"]), "--reason", "收错", "--operator", "王店长"
    )
    assert reversed_.code == 0, reversed_.err
    assert money_of(engine, "C001").due == 138000

    today = local_date(utc_now()).isoformat()
    report = _cli(db_url, "payments", "report", "--from", today, "--to", today, "--json", env={})
    assert report.code == 0, report.err
    totals = report.json()
    assert totals["count"] == 2
    assert totals["total"] == {"fen": 0, "yuan": "0.00"}
    assert totals["by_method"] == {"wechat": {"fen": 0, "yuan": "0.00"}}
    shown = _cli(db_url, "payments", "report", "--from", today, "--to", today, env={})
    assert shown.code == 0
    assert "微信" in shown.out
    assert "合计 ¥0.00（2 笔）" in shown.out


@pytest.mark.usefixtures("studio")
def test_report_writes_excel(db_url, tmp_path):
    for amount, method in (("0.01", "cash"), ("1,999.99", "card")):
        done = _cli(
            db_url,
            "payments",
            "take",
            "C001",
            "--amount",
            amount,
            "--method",
            method,
            "--operator",
            "小张",
        )
        assert done.code == 0, done.err
    today = local_date(utc_now()).isoformat()
    path = tmp_path / "takings.xlsx"
    run = _cli(db_url, "payments", "report", "--from", today, "--to", today, "-o", str(path))
    assert run.code == 0, run.err
    assert str(path) in run.err
    sheet = load_workbook(path)["按付款方式"]
    assert [r for r in sheet.iter_rows(min_row=2, values_only=True)] == [
        ("现金", 0.01),
        ("刷卡", 1999.99),
        ("合计", 2000),
    ]


@pytest.mark.usefixtures("studio")
def test_a_desk_operator_cannot_set_a_price_or_reverse(engine, db_url):
    refused = _cli(db_url, "order", "price", "C001", "100", "--operator", "小张")
    assert refused.code == 6
    assert "set_prices" in refused.err
    assert money_of(engine, "C001").price is None
    took = _cli(
        db_url,
        "payments",
        "take",
        "C001",
        "--amount",
        "5",
        "--method",
        "cash",
        "--operator",
        "小张",
    )
    assert took.code == 0
    (payment,) = payments_of(engine, "C001")
    no = _cli(db_url, "payments", "reverse", str(payment.id), "--reason", "x", "--operator", "小张")
    assert no.code == 6
    assert len(payments_of(engine, "C001")) == 1


@pytest.mark.usefixtures("studio")
def test_a_wrong_password_changes_nothing(engine, db_url):
    run = _cli(
        db_url,
        "order",
        "price",
        "C001",
        "100",
        "--operator",
        "王店长",
        env={"YINGLOU_PASSWORD": "nope"},
    )
    assert run.code == 6
    assert money_of(engine, "C001").price is None


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("order", "price", "C001", "abc", "--operator", "王店长"), "不是金额"),
        (("order", "price", "C001", "1.234", "--operator", "王店长"), "超过两位小数"),
        (("order", "price", "NOPE", "100", "--operator", "王店长"), "没有订单「NOPE」"),
        (
            ("payments", "take", "C001", "--amount", "0", "--method", "cash", "--operator", "小张"),
            "必须大于 0",
        ),
        (("payments", "reverse", "99999", "--reason", "x", "--operator", "王店长"), "99999"),
        (("payments", "list", "NOPE"), "没有订单「NOPE」"),
        (("payments", "report", "--from", "2026-13-01", "--to", "2026-03-01"), "2026-13-01"),
        (("payments", "report", "--from", "2026-03-02", "--to", "2026-03-01"), "晚于"),
    ],
)
@pytest.mark.usefixtures("studio")
def test_bad_input_is_one_clear_line(engine, db_url, args, said):
    run = _cli(db_url, *args)
    assert run.code == 2, run.err
    assert said in run.err
    assert "Traceback" not in run.err
    assert payments_of(engine, "C001") == []


@pytest.mark.usefixtures("studio")
def test_an_empty_day_says_so(db_url):
    day = date(2020, 1, 1).isoformat()
    run = _cli(db_url, "payments", "report", "--from", day, "--to", day, env={})
    assert run.code == 0
    assert "没有收款" in run.out
    assert "合计 ¥0.00（0 笔）" in run.out
