"""The command-line contract, end to end, as automation would use it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import yinglou_desk

from .helpers.cli import run_cli
from .helpers.spreadsheets import openpyxl_xlsx

pytestmark = pytest.mark.slow

HEADER = ["订单号", "客户", "电话", "阶段", "产品", "规格", "厂商", "单价", "条码"]
ROWS = [
    ["C-001", "张小梅", 13800138000, None, "大相册", "12寸", "金彩相册厂", 380, "C1"],
    ["C-001", "张小梅", 13800138000, None, "水晶摆台", "7寸", "晶典水晶", 85, "C2"],
    ["C-002", "王芳", 13912345678, None, "放大框画", "24寸", "艺美框画", 160, "C3"],
]


def test_version_is_instant_and_exact() -> None:
    run = run_cli("--version")
    assert run.code == 0
    assert run.out.strip() == f"yinglou-desk {yinglou_desk.__version__}"


def test_a_day_at_the_studio_through_the_cli(db_url: str, tmp_path: Path) -> None:
    db = ("--db", db_url)
    assert run_cli("db", "upgrade", *db).code == 0

    added = run_cli(
        "user", "add", "小李", "--role", "sorter", "--password-stdin", *db, stdin="secret1\n"
    )
    assert added.code == 0, added.err
    assert added.out.strip().startswith("OP-")
    assert (
        run_cli(
            *db, "user", "add", "小张", "--role", "desk", "--password-stdin", stdin="secret2\n"
        ).code
        == 0
    )
    assert run_cli(*db, "vendor", "add", "金彩相册厂", "--turnaround-days", "10").code == 0

    sheet = openpyxl_xlsx([HEADER, *ROWS], tmp_path / "orders.xlsx")
    dry = run_cli("import", "orders", str(sheet), "--dry-run", "--json", *db)
    assert dry.code == 0, dry.err
    assert dry.json()["dry_run"] is True
    assert dry.json()["items"] == 3
    assert run_cli("show", "C-001", *db).code == 1  # nothing written by the dry run
    imported = run_cli("import", "orders", str(sheet), "--json", *db)
    assert imported.code == 0
    assert imported.json()["imported"] is True
    assert sorted(imported.json()["vendors_created"]) == ["晶典水晶", "艺美框画"]

    sent = run_cli(
        "scan", "--station", "send-out", "--operator", "小李", "--json", "C1", "C2", "C1", *db
    )
    assert sent.code == 0, sent.err
    lines = sent.json_lines()
    assert [line["outcome"] for line in lines] == ["accepted", "accepted", "duplicate"]
    assert set(lines[0]) == {
        "code",
        "outcome",
        "item_state",
        "order_no",
        "order_progress",
        "message",
    }
    assert lines[0]["item_state"] == "sent_out"
    assert lines[0]["order_no"] == "C-001"
    assert lines[1]["order_progress"] == "in_production"

    # codes on stdin, one per line, with a Windows line end and a blank line
    back = run_cli(
        *db,
        "scan",
        "--station",
        "check-in",
        "--operator",
        "小李",
        "--json",
        stdin="c1\r\n\nC2\nNOPE\n",
    )
    assert back.code == 1  # one refused
    outcomes = [(line["code"], line["outcome"], line["item_state"]) for line in back.json_lines()]
    assert outcomes == [
        ("C1", "accepted", "ready"),
        ("C2", "accepted", "ready"),
        ("NOPE", "refused", None),
    ]
    assert back.json_lines()[2]["order_no"] is None
    assert "未知条码" in back.json_lines()[2]["message"]

    pickup = run_cli("scan", "--station", "pickup", "--operator", "小张", "C1", "C3", *db)
    assert pickup.code == 1
    assert pickup.out.startswith("OK  C1")
    assert "ERR C3" in pickup.out

    shown = run_cli("show", "8000", "--json", *db)
    assert shown.code == 0, shown.err
    orders = shown.json()["orders"]
    assert [o["order_no"] for o in orders] == ["C-001"]
    order = orders[0]
    assert {"order_no", "customer", "phone", "progress", "overdue", "items"} <= set(order)
    assert (order["customer"], order["phone"], order["progress"], order["overdue"]) == (
        "张小梅",
        "13800138000",
        "partly_picked_up",
        False,
    )
    assert [(i["code"], i["state"], i["vendor"]) for i in order["items"]] == [
        ("C1", "picked_up", "金彩相册厂"),
        ("C2", "ready", "晶典水晶"),
    ]
    assert {"code", "product", "vendor", "stage", "state", "overdue"} <= set(order["items"][0])
    for query in ("张小梅", "zxm", "C2", "13800138000", "C-001"):
        assert [o["order_no"] for o in run_cli("show", query, "--json", *db).json()["orders"]] == [
            "C-001"
        ], query


def test_db_from_the_environment(db_url: str) -> None:
    run = run_cli("vendor", "add", "彩虹冲印", env={"YINGLOU_DB": db_url})
    assert run.code == 0, run.err
    assert "彩虹冲印" in run.err


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (
            ("scan", "--station", "pickup", "--operator", "nobody", "X"),
            None,
            "没有名为 nobody 的员工",
        ),
        (("user", "add", "x", "--role", "desk", "--password-stdin"), "1\n", "密码至少 4 位"),
        (("import", "orders", "/no/such/file.xlsx"), None, "找不到文件"),
        (("demo", "--orders", "0"), None, "--orders"),
    ],
)
def test_bad_input_gets_a_clear_message_and_a_failure_code(db_url, args, stdin, message) -> None:
    run = run_cli(*args, "--db", db_url, stdin=stdin)
    assert run.code != 0
    assert message in run.err
    assert "Traceback" not in run.err


def test_an_unreachable_database_is_reported_plainly() -> None:
    run = run_cli("show", "x", "--db", "postgresql+psycopg://nobody:secret@127.0.0.1:1/none")
    assert run.code == 4
    assert "无法打开数据库" in run.err
    assert "secret" not in run.err
    assert "Traceback" not in run.err


def test_default_database_lives_in_the_users_data_directory(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"), "YINGLOU_DB": ""}
    run = run_cli("vendor", "add", "默认库厂商", env=env)
    assert run.code == 0, run.err
    assert (tmp_path / "data" / "yinglou-desk" / "yinglou.db").is_file()


def test_demo_data_can_be_searched(db_url: str) -> None:
    run = run_cli("demo", "--orders", "30", "--seed", "7", "--db", db_url)
    assert run.code == 0, run.err
    assert "已生成 30 个订单" in run.err
    shown = run_cli("show", "DM0000000001", "--json", "--db", db_url)
    assert shown.code == 0
    assert shown.json()["orders"][0]["items"]


def test_a_line_that_is_not_text_is_refused_and_logged_and_the_rest_are_scanned(
    engine, clock, db_url
) -> None:
    """Bytes from a misconfigured scanner or a binary file piped in: that line is one
    refused scan in the log, showing what came; the codes after it still count."""
    from sqlalchemy import select

    from yinglou_desk.storage.models import ScanLog

    from .helpers.studio import make_studio

    make_studio(engine, clock).add_order("B-1", ["B1", "B2", "B3"])
    stdin = b"B1\n\xff\xfeB2\r\nB2\nB\x003\nB3\n"
    run = run_cli(
        "scan", "--station", "send-out", "--operator", "小李", "--vendor", "金彩相册厂",
        "--json", "--db", db_url, stdin=stdin,
    )  # fmt: skip
    assert run.code == 1  # two refused
    assert "Traceback" not in run.err
    outcomes = [(line["outcome"], line["item_state"]) for line in run.json_lines()]
    assert outcomes == [
        ("accepted", "sent_out"),
        ("refused", None),
        ("accepted", "sent_out"),
        ("refused", None),
        ("accepted", "sent_out"),
    ]
    with engine.connect() as conn:
        logged = conn.execute(select(ScanLog.code, ScanLog.outcome).order_by(ScanLog.id)).all()
    assert [outcome for _, outcome in logged] == [
        "accepted",
        "refused",
        "accepted",
        "refused",
        "accepted",
    ]
    assert "\\xff\\xfeB2" in logged[1].code  # what came
    assert "\\x00" in logged[3].code


def test_two_imports_of_one_sheet_at_once_one_writes_the_other_finds_it_done(
    db_url, tmp_path
) -> None:
    import subprocess
    import sys

    rows = [
        [f"R-{n:04d}", f"客户{n}", 13800000000 + n, None, "相册", "", "金彩相册厂", 10, ""]
        for n in range(800)
    ]
    sheet = openpyxl_xlsx([HEADER, *rows], tmp_path / "o.xlsx")
    command = [sys.executable, "-m", "yinglou_desk", "import", "orders", str(sheet), "--db", db_url]
    both = [
        subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL
        )
        for _ in range(2)
    ]
    done = [(p.wait(300), p.stderr.read().decode()) for p in both]  # type: ignore[union-attr]
    for process in both:
        process.stdout.close()  # type: ignore[union-attr]
        process.stderr.close()  # type: ignore[union-attr]
    assert [code for code, _ in done] == [0, 0], done  # nobody fails: each order once
    said = sorted(err for _, err in done)
    assert said[0].startswith("已导入：新订单 800 个"), said
    assert said[1].startswith("表中的订单都已导入过"), said
    assert not any("Traceback" in err or "IntegrityError" in err for err in said)
    assert len(run_cli("show", "R-0001", "--json", "--db", db_url).json()["orders"]) == 1


def test_a_pc_without_the_postgres_driver_is_told_what_to_install() -> None:
    """A single-PC install has no PostgreSQL driver (it is the ``postgres`` extra); pointed
    at the studio's shared database, it says so instead of calling the address invalid."""
    without_driver = (
        "import sys; sys.modules['psycopg'] = None; "  # as if it were not installed
        "from yinglou_desk.cli import main; sys.exit(main())"
    )
    done = subprocess.run(
        [sys.executable, "-c", without_driver, "show", "x", "--db",
         "postgresql+psycopg://desk:secret@127.0.0.1:5432/studio"],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "YINGLOU_LANG": "zh"},
    )  # fmt: skip
    assert done.returncode == 2
    assert "没有装连接 PostgreSQL 数据库的组件" in done.stderr
    assert "yinglou-desk[postgres]" in done.stderr
    assert "secret" not in done.stderr
    assert "Traceback" not in done.stderr
