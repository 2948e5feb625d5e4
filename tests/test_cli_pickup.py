"""``yinglou-desk pickup ORDER_NO``: the counter's hand-over from the command line.

The real program in its own process, on SQLite and PostgreSQL: refused (naming the
balance, nothing changed) while money is owed and not paid; handed over, with the
payment recorded, once it is; a receipt PDF when asked.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from sqlalchemy import func, select, update

from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.storage.tables import handover_collectors, handovers, items, orders, payments

from .helpers.cli import run_cli
from .helpers.studio import make_studio

PASSWORD = {"YINGLOU_PASSWORD": "1234"}  # the operators of make_studio


@pytest.fixture
def studio(engine, clock):
    studio = make_studio(engine, clock)
    order_id = studio.add_order("CLI-1", ["CL1A", "CL1B"])
    studio.add_order("CLI-2", ["CL2A"])
    service = ScanService(engine, clock=clock)
    for code in ("CL1A", "CL1B", "CL2A"):
        service.scan(studio.session("send-out"), code)
    for code in ("CL1A", "CL1B"):
        service.scan(studio.session("check-in"), code)
    with write_transaction(engine) as conn:
        conn.execute(update(orders).where(orders.c.id == order_id).values(price_fen=50000))
    return studio


def _pickup(db_url, *args, env=PASSWORD):
    return run_cli("pickup", *args, "--operator", "小张", "--db", db_url, env=env)


def _counts(engine):
    with engine.connect() as conn:
        picked = conn.execute(
            select(func.count()).select_from(items).where(items.c.state == "picked_up")
        ).scalar_one()
        taken = conn.execute(select(func.count()).select_from(payments)).scalar_one()
        made = conn.execute(select(func.count()).select_from(handovers)).scalar_one()
    return picked, taken, made


@pytest.mark.usefixtures("studio")
def test_refused_naming_the_balance_while_it_is_not_paid(engine, db_url):
    unpaid = _pickup(db_url, "CLI-1")
    assert unpaid.code == 1
    assert "500.00" in unpaid.err
    assert "CLI-1" in unpaid.err

    short = _pickup(db_url, "CLI-1", "--paid", "300", "--method", "cash", "--json")
    assert short.code == 1
    refusal = short.json()
    assert refusal["refusal"] == "counter.balance_owed"
    assert refusal["balance_fen"] == 20000
    assert refusal["handed_over"] is False

    too_much = _pickup(db_url, "CLI-1", "--paid", "600", "--method", "cash")
    assert too_much.code == 2
    assert "600.00" in too_much.err
    assert _counts(engine) == (0, 0, 0)


@pytest.mark.usefixtures("studio")
def test_paid_in_full_it_hands_over_and_records_the_payment(engine, db_url):
    done = _pickup(
        db_url, "CLI-1", "--paid", "¥500.00", "--method", "wechat", "--reference", "WX-1",
        "--collector", "李四", "--collector-phone", "13900002222", "--json",
    )  # fmt: skip
    assert done.code == 0, done.err
    data = done.json()
    assert data["handed_over"] is True
    assert data["receipt_no"] == f"QJ{data['handover_id']:08d}"
    assert sorted(i["code"] for i in data["items"]) == ["CL1A", "CL1B"]
    assert (data["paid_fen"], data["balance_fen"]) == (50000, 0)
    with engine.connect() as conn:
        paid = conn.execute(select(payments)).one()
        collector = conn.execute(select(handover_collectors)).one()
    assert (paid.amount_fen, paid.method, paid.reference, paid.operator_name) == (
        50000,
        "wechat",
        "WX-1",
        "小张",
    )
    assert (collector.collector_name, collector.collector_phone) == ("李四", "13900002222")
    assert _counts(engine) == (2, 1, 1)


@pytest.mark.usefixtures("studio")
@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["CLI-1", "--paid", "-5", "--method", "cash"], 2),
        (["CLI-1", "--paid", "0", "--method", "cash"], 2),
        (["CLI-1", "--paid", "abc", "--method", "cash"], 2),
        (["CLI-1", "--paid", "500"], 2),  # no method
        (["CLI-1", "--method", "cash"], 2),  # no sum
        (["CLI-1", "--paid", "500", "--method", "cash", "--collector", "李四"], 2),
        (["CLI-2"], 1),  # nothing ready
        (["NO-SUCH"], 1),
    ],
)
def test_wrong_requests_change_nothing(engine, db_url, args, code):
    run = _pickup(db_url, *args)
    assert run.code == code, run.err
    assert run.err.strip()
    assert _counts(engine) == (0, 0, 0)


@pytest.mark.usefixtures("studio")
def test_the_operator_must_prove_who_they_are(engine, db_url):
    wrong = _pickup(
        db_url, "CLI-1", "--paid", "500", "--method", "cash", env={"YINGLOU_PASSWORD": "x"}
    )
    assert wrong.code == 6
    sorter = run_cli(
        "pickup", "CLI-1", "--paid", "500", "--method", "cash", "--operator", "小李",
        "--db", db_url, env=PASSWORD,
    )  # fmt: skip
    assert sorter.code == 6
    assert _counts(engine) == (0, 0, 0)


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils needed")
@pytest.mark.usefixtures("studio")
def test_the_receipt_is_saved_as_pdf(db_url, tmp_path):
    path = tmp_path / "取件单.pdf"
    done = _pickup(db_url, "CLI-1", "--paid", "500", "--method", "alipay", "--receipt", str(path))
    assert done.code == 0, done.err
    assert "QJ" in done.out
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "CL1A" in text
    assert "500.00" in text
    assert "支付宝" in text


def test_the_command_line_does_not_import_qt_without_a_receipt():
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, yinglou_desk.cli.counter_commands, yinglou_desk.cli;"
            "yinglou_desk.cli.build_parser();"
            "print(any(m.startswith('PySide6') for m in sys.modules))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert probe.stdout.strip() == "False"
