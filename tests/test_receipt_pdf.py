"""The 取件单 as PDF, read back by poppler: the words are text, the signature an image.

On SQLite and PostgreSQL: a hand-over at the counter with a payment, a 代取 collector,
a signature and an item still at the lab; the PDF holds all of it and the policy.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date

import pytest
from PIL import Image, ImageDraw
from sqlalchemy import update

from yinglou_desk.domain.money import PaymentMethod
from yinglou_desk.services.pickup.counter import Collector, PaymentIn, collect
from yinglou_desk.services.pickup.holding import policy_wording
from yinglou_desk.services.pickup.receipt import (
    ReceiptError,
    masked_phone,
    receipt_for,
    receipt_text,
)
from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.services.settings.studio import StudioSettings, save_settings
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.storage.tables import items, orders

from .helpers.studio import make_studio

pytestmark = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdfimages")), reason="poppler-utils needed"
)


def _signature_png() -> bytes:
    image = Image.new("RGB", (300, 100), "white")
    ImageDraw.Draw(image).line([(10, 80), (120, 20), (200, 70), (290, 15)], fill="black", width=4)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def handed(engine, clock, monkeypatch):
    monkeypatch.setenv("YINGLOU_LANG", "zh")
    studio = make_studio(engine, clock)
    save_settings(
        engine,
        {
            "studio": "影楼摄影",
            "address": "人民路 8 号",
            "holding_days": 60,
            "reminder_days": "7,30",
        },
        clock,
        actor=studio.operators["王店长"],
    )
    order_id = studio.add_order("R-1", ["RA1", "RA2", "RA3"], customer="林晓雨")
    service = ScanService(engine, clock=clock)
    for code in ("RA1", "RA2", "RA3"):
        service.scan(studio.session("send-out"), code)
    for code in ("RA1", "RA2"):
        service.scan(studio.session("check-in"), code)
    with write_transaction(engine) as conn:
        conn.execute(update(orders).where(orders.c.id == order_id).values(price_fen=138050))
        conn.execute(
            update(items)
            .where(items.c.code == "RA3")
            .values(product="水晶摆台", spec="8寸", expected_return=date(2026, 3, 20))
        )
    done = collect(
        service,
        studio.session("pickup", "小张"),
        "R-1",
        payment=PaymentIn(138050, PaymentMethod.WECHAT, "WX-7788"),
        collector=Collector("李四", "13900002222", _signature_png()),
    )
    assert done.handed.done
    return done.handover_id


def test_the_receipt_holds_what_was_handed_over(engine, handed) -> None:
    receipt = receipt_for(engine, handed)
    assert receipt.receipt_no == f"QJ{handed:08d}"
    assert (receipt.studio, receipt.customer, receipt.customer_phone) == (
        "影楼摄影",
        "林晓雨",
        "138****8000",
    )
    assert [i.code for i in receipt.items] == ["RA1", "RA2"]
    assert [(i.code, i.state, i.expected) for i in receipt.missing] == [
        ("RA3", "sent_out", date(2026, 3, 20))
    ]
    assert (receipt.price, receipt.paid_before, receipt.paid_now, receipt.balance_after) == (
        138050,
        0,
        138050,
        0,
    )
    assert receipt.method is PaymentMethod.WECHAT
    assert receipt.reference == "WX-7788"
    assert (receipt.collector, receipt.collector_phone) == ("李四", "139****2222")
    assert receipt.signature_png
    assert receipt.signature_png.startswith(b"\x89PNG")
    assert receipt.policy == policy_wording(StudioSettings(holding_days=60))
    text = receipt_text(receipt)
    assert "1,380.50" in text
    assert "微信" in text


def test_no_such_receipt_is_said_by_key(engine) -> None:
    with pytest.raises(ReceiptError) as missing:
        receipt_for(engine, 999999)
    assert missing.value.key == "receipt.unknown"


def test_phones_are_masked() -> None:
    assert masked_phone("138-0013-8000") == "138****8000"
    assert masked_phone("65551234") == "655*1234"
    assert masked_phone(None) == ""


def _pdftotext(path) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
    )
    return re.sub(r"[ \t]+", " ", done.stdout)


@pytest.mark.usefixtures("qapp")
@pytest.mark.parametrize("page", ["80mm", "a5"])
def test_the_receipt_pdf_reads_back_with_its_signature(engine, handed, tmp_path, page):
    from yinglou_desk.ui.printing.receipts import save_receipt_pdf

    path = save_receipt_pdf(engine, handed, tmp_path / f"receipt-{page}.pdf", page)

    text = _pdftotext(path)
    for words in (
        "影楼摄影",
        "取件单",
        f"QJ{handed:08d}",
        "R-1",
        "林晓雨",
        "138****8000",
        "RA1",
        "RA2",
        "大相册",
        "水晶摆台",  # still missing …
        "2026-03-20",  # … with its expected date
        "1,380.50",
        "微信",
        "WX-7788",
        "李四",
        "139****2222",
        "小张",
        "客户签名",
        "60",
    ):
        assert words in text, (words, text)
    assert "13800138000" not in text  # the full phone number never leaves the studio
    policy = re.sub(r"\s+", "", policy_wording(StudioSettings(holding_days=60)))
    assert policy in re.sub(r"\s+", "", text)
    images = subprocess.run(
        ["pdfimages", "-list", str(path)], capture_output=True, check=True, text=True
    ).stdout.splitlines()[2:]
    assert len(images) >= 1  # the signature, drawn in its box
    width, height = (int(v) for v in images[0].split()[3:5])
    assert (width, height) == (300, 100)


@pytest.mark.usefixtures("qapp")
def test_without_a_signature_the_receipt_leaves_a_line_to_sign(engine, clock, tmp_path):
    from yinglou_desk.ui.printing.receipts import save_receipt_pdf

    studio = make_studio(engine, clock)
    studio.add_order("R-2", ["RB1"])
    service = ScanService(engine, clock=clock)
    service.scan(studio.session("send-out"), "RB1")
    service.scan(studio.session("check-in"), "RB1")
    done = collect(service, studio.session("pickup", "小张"), "R-2")

    path = save_receipt_pdf(engine, done.handover_id, tmp_path / "plain.pdf")

    text = _pdftotext(path)
    assert "RB1" in text
    assert "客户签名" in text
    assert "未定价" in text
    listed = subprocess.run(
        ["pdfimages", "-list", str(path)], capture_output=True, check=True, text=True
    ).stdout.splitlines()[2:]
    assert listed == []


@pytest.mark.usefixtures("qapp")
def test_the_same_painting_goes_through_a_printer(engine, handed, tmp_path) -> None:
    """The print path (:func:`print_without_dialog` on a QPrinter) paints the very same
    receipt: a PDF printer stands in for the receipt printer."""
    from PySide6.QtPrintSupport import QPrinter

    from yinglou_desk.ui.printing.printer import print_without_dialog
    from yinglou_desk.ui.printing.receipts import receipt_job

    job = receipt_job(engine, handed)
    assert job.width_mm == 80
    assert 100 < job.height_mm < 300  # as long as the receipt, no longer
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    print_without_dialog(job, printer=printer)

    text = _pdftotext(tmp_path / "printed.pdf")
    assert "水晶摆台" in text
    assert "1,380.50" in text


@pytest.mark.usefixtures("qapp")
def test_a_receipt_printer_set_on_this_pc_is_used_without_the_preview(
    engine, handed, monkeypatch
) -> None:
    from yinglou_desk.ui.printing.printer import PrintError
    from yinglou_desk.ui.printing.receipts import print_receipt, receipt_job

    job = receipt_job(engine, handed)
    previews: list[object] = []

    def no_preview(dialog) -> int:  # type: ignore[no-untyped-def]
        previews.append(dialog)
        return 0  # closed without printing

    monkeypatch.setenv("YINGLOU_RECEIPT_PRINTER", "")
    assert print_receipt(job, run_dialog=no_preview) is False
    assert len(previews) == 1  # no receipt printer: the preview

    monkeypatch.setenv("YINGLOU_RECEIPT_PRINTER", "没有这台打印机")
    with pytest.raises(PrintError) as missing:
        print_receipt(job, run_dialog=no_preview)
    assert missing.value.key == "print.not_found"  # straight to it: no preview
    assert len(previews) == 1


@pytest.mark.usefixtures("qapp")
def test_an_unknown_page_size_is_refused_by_key(engine, handed) -> None:
    from yinglou_desk.ui.printing.printer import PrintError
    from yinglou_desk.ui.printing.receipts import receipt_job

    with pytest.raises(PrintError) as refused:
        receipt_job(engine, handed, page="letter")
    assert refused.value.key == "receipt.bad_page"
