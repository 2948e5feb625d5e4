"""``yinglou-desk labels`` end to end: a real process, a real database, labels read back by zbar."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PIL import Image
from sqlalchemy import select

from yinglou_desk.storage.models import Item

from .helpers.label_decode import decode, decode_pdf
from .helpers.studio import make_studio


@pytest.fixture
def studio(engine, clock):
    studio = make_studio(engine, clock)
    studio.add_order("A001", ["100000000011", "100000000012"], customer="司马长风欧阳娜娜丽莎")
    studio.add_order("A002", ["100000000021"], customer="张小梅")
    return studio


def run_cli(*args: str, cwd) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "YINGLOU_DB"}
    return subprocess.run(
        [sys.executable, "-m", "yinglou_desk", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def _labelled(engine):
    with engine.connect() as conn:
        return {code for code, at in conn.execute(select(Item.code, Item.labelled_at)) if at}


@pytest.mark.usefixtures("studio")
def test_labels_to_pdf_decode_to_the_orders_items(engine, db_url, tmp_path):
    out = tmp_path / "out" / "labels.pdf"
    done = run_cli("labels", "A002", "A001", "-o", str(out), "--db", db_url, cwd=tmp_path)

    assert done.returncode == 0, done.stderr
    assert decode_pdf(out, 300) == [["100000000021"], ["100000000011"], ["100000000012"]]
    assert done.stdout.split() == [str(out)]
    assert "3" in done.stderr
    assert _labelled(engine) == {"100000000011", "100000000012", "100000000021"}


@pytest.mark.usefixtures("studio")
def test_labels_to_png_at_203_dpi_on_the_smallest_label(db_url, tmp_path):
    out = tmp_path / "a001.png"
    done = run_cli(
        "labels",
        "A001",
        "--size",
        "40x30",
        "--dpi",
        "203",
        "-o",
        str(out),
        "--db",
        db_url,
        cwd=tmp_path,
    )

    assert done.returncode == 0, done.stderr
    files = [tmp_path / "a001-001.png", tmp_path / "a001-002.png"]
    assert done.stdout.split() == [str(f) for f in files]
    codes = []
    for file in files:
        with Image.open(file) as image:
            assert image.size == (319, 239)  # 40 x 30 mm in whole 203 dpi dots
            codes += decode(image)
    assert codes == ["100000000011", "100000000012"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["A001", "NOPE-9"], "NOPE-9"),
        (["A001", "--size", "70x20"], "不支持的标签尺寸"),
        (["A001", "--dpi", "600"], "600 dpi"),
    ],
    ids=["unknown-order", "bad-size", "bad-dpi"],
)
@pytest.mark.usefixtures("studio")
def test_bad_requests_fail_clearly_and_write_nothing(engine, db_url, tmp_path, args, message):
    out = tmp_path / "out"
    done = run_cli("labels", *args, "-o", str(out / "labels.pdf"), "--db", db_url, cwd=tmp_path)

    assert done.returncode != 0
    assert message in done.stderr
    assert done.stderr.startswith("yinglou-desk: ")
    assert "Traceback" not in done.stderr
    assert not out.exists()
    assert _labelled(engine) == set()


def test_an_output_that_is_neither_pdf_nor_png_is_refused(tmp_path):
    done = run_cli(
        "labels",
        "A001",
        "-o",
        str(tmp_path / "labels.jpg"),
        "--db",
        str(tmp_path / "x.db"),
        cwd=tmp_path,
    )
    assert done.returncode == 2
    assert ".pdf" in done.stderr
    assert ".png" in done.stderr
    assert list(tmp_path.iterdir()) == []  # refused before even creating the database


def test_labels_per_item_per_batch_and_not_yet_labelled(studio, engine, db_url, tmp_path):
    from yinglou_desk.services.labels.manifests import batch_codes
    from yinglou_desk.services.scanning.service import ScanService

    session = studio.session("send-out")
    ScanService(engine).scan(session, "100000000012")
    [batch] = batch_codes(engine, list(session.batch_ids.values()))

    one = run_cli(
        "labels",
        "--item",
        "100000000021",
        "-o",
        str(tmp_path / "i.pdf"),
        "--db",
        db_url,
        cwd=tmp_path,
    )
    assert one.returncode == 0, one.stderr
    assert decode_pdf(tmp_path / "i.pdf", 300) == [["100000000021"]]
    sent = run_cli(
        "labels", "--batch", batch, "-o", str(tmp_path / "b.pdf"), "--db", db_url, cwd=tmp_path
    )
    assert sent.returncode == 0, sent.stderr
    assert decode_pdf(tmp_path / "b.pdf", 300) == [["100000000012"]]
    rest = run_cli(
        "labels", "--unlabelled", "-o", str(tmp_path / "u.pdf"), "--db", db_url, cwd=tmp_path
    )
    assert rest.returncode == 0, rest.stderr
    assert decode_pdf(tmp_path / "u.pdf", 300) == [["100000000011"]]  # the one not printed yet
    both = run_cli(
        "labels",
        "A001",
        "--unlabelled",
        "-o",
        str(tmp_path / "x.pdf"),
        "--db",
        db_url,
        cwd=tmp_path,
    )
    assert both.returncode == 2
    assert "只给出一种" in both.stderr
