"""取件 with money in the real window (Xvfb + openbox, real keys and mouse, 1366×768).

A label is scanned, F8 opens the counter dialog: Escape hands nothing over; 500 typed
and Enter takes a part payment and leaves the rest owed; F8 again, the customer signs
with real mouse strokes on the pad, Enter takes the rest and hands over. The database
then holds the signature, and the receipt PDF read back (pdftotext) names the items,
the one still missing and the sum. The dialog fits 1366×768 and 1280×720.

These run the counter's own services (``collect``, ``take_payment``, the receipt).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import select

from yinglou_desk.domain.money import PaymentKind
from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.services.settings.studio import save_settings
from yinglou_desk.storage.engine import make_engine, write_transaction
from yinglou_desk.storage.migrate import upgrade
from yinglou_desk.storage.tables import handover_collectors, handovers, items, orders, payments

from .helpers.clock import FakeClock
from .helpers.studio import Studio, make_studio
from .helpers.xdesk import NEEDS_X, running_desk, x_display

pytestmark = [pytest.mark.slow, NEEDS_X]

CODES = ["960000000001", "960000000002", "960000000003"]


@pytest.fixture
def studio(tmp_path: Path) -> Iterator[tuple[str, Studio]]:
    url = f"sqlite:///{tmp_path / 'studio.db'}"
    engine = make_engine(url)
    upgrade(engine)
    shop = make_studio(engine, FakeClock())
    order_id = shop.add_order("Q001", CODES, customer="周雨")
    service = ScanService(engine, clock=shop.clock)  # type: ignore[arg-type]
    for code in CODES:
        service.scan(shop.session("send-out"), code)
    for code in CODES[:2]:  # the third is still at the lab
        service.scan(shop.session("check-in"), code)
    with write_transaction(engine) as conn:
        conn.execute(orders.update().where(orders.c.id == order_id).values(price_fen=298000))
        conn.execute(
            payments.insert().values(
                order_id=order_id,
                at=shop.clock(),  # type: ignore[operator]
                kind=PaymentKind.IMPORTED.value,
                amount_fen=160000,
                operator_name="import",
                workstation="pc-1",
            )
        )
    save_settings(engine, {"signature_at_pickup": True}, shop.clock, actor=shop.operators["王店长"])  # type: ignore[arg-type]
    engine.dispose()  # the desk is another process
    yield url, shop
    shop.engine.dispose()


def _env(env: dict[str, str], tmp_path: Path) -> dict[str, str]:
    return {
        **env,
        "YINGLOU_LANG": "zh",
        "YINGLOU_WORKSTATION": "counter-pc",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }


def _look(desk: Any) -> dict[str, Any]:
    """What the window shows now (no waiting for idle: a modal dialog keeps a job open)."""
    return desk.ask("state")


def _until(desk: Any, predicate: Any, what: str, timeout: float = 30) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        seen = _look(desk)
        if predicate(seen):
            return seen
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}; the window showed:\n{seen}")
        time.sleep(0.2)


def _counter_dialog(desk: Any) -> dict[str, Any]:
    _until(desk, lambda s: s["active_modal"] == "CounterDialog", "the counter dialog")
    deadline = time.monotonic() + 30
    while not (where := desk.ask("rect", "counter_amount"))["found"]:
        assert time.monotonic() < deadline, "no amount field"
        time.sleep(0.2)
    return where


def _open_at_pickup(desk: Any, shop: Studio) -> None:
    desk.scan(shop.operators["小张"].badge_code)
    desk.wait_for(lambda s: s["operator"] == "小张", "小张 logged in")
    desk.key("F3")
    desk.scan(CODES[0])
    desk.wait_for(lambda s: "周雨" in (s["headline"] or ""), "the order at 取件")


def _states(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return set(
                conn.execute(select(items.c.state).where(items.c.code.in_(CODES[:2]))).scalars()
            )
    finally:
        engine.dispose()


@pytest.mark.usefixtures("qapp")  # the receipt is rendered here too
def test_the_balance_is_taken_signed_for_and_on_the_receipt(
    tmp_path: Path, studio: tuple[str, Studio]
) -> None:
    url, shop = studio
    with x_display(1366, 768) as env, running_desk(_env(env, tmp_path), url) as desk:
        _open_at_pickup(desk, shop)
        shown = desk.state()
        assert "尾款 ¥1,380.00 未付" in shown["labels"]

        desk.key("F8")  # 部分取件 first: one item is still at the lab
        _until(desk, lambda s: s["active_modal"] == "QMessageBox", "the partial-pickup question")
        desk.key("y")
        _counter_dialog(desk)
        desk.key("Escape")  # cancelled: nothing goes home
        cancelled = desk.wait_for(lambda s: "未交付" in (s["headline"] or ""), "cancelled")
        assert cancelled["headline"] == "未交付：尾款 ¥1,380.00 未收"
        assert _states(url) == {"ready"}

        desk.key("F8")
        _until(desk, lambda s: s["active_modal"] == "QMessageBox", "the question again")
        desk.key("y")
        _counter_dialog(desk)
        desk.xdotool("type", "--delay", "40", "500")  # the amount is selected: typed over
        desk.key("Return")
        part = desk.wait_for(lambda s: "尚欠" in (s["headline"] or ""), "the part payment")
        assert part["headline"] == "已收 ¥500.00（现金），尚欠 ¥880.00，货品未交付"
        assert "尾款 ¥880.00 未付" in part["labels"]
        assert _states(url) == {"ready"}

        desk.key("F8")
        _until(desk, lambda s: s["active_modal"] == "QMessageBox", "the question once more")
        desk.key("y")
        _counter_dialog(desk)
        pad = desk.ask("rect", "signature_pad")
        assert pad["found"], pad
        x, y, width, height = pad["rect"]
        frame, screen = pad["frame"], pad["screen"]
        assert frame[0] >= screen[0]
        assert frame[1] >= screen[1]
        assert frame[0] + frame[2] <= screen[0] + screen[2]
        assert frame[1] + frame[3] <= screen[1] + screen[3]
        desk.xdotool("mousemove", str(x + 20), str(y + height // 2))
        desk.xdotool("mousedown", "1")
        for step in range(1, 25):
            wave = (step % 4) * height // 8
            desk.xdotool(
                "mousemove", str(x + 20 + step * (width - 40) // 24), str(y + height // 3 + wave)
            )
        desk.xdotool("mouseup", "1")
        desk.key("Return")  # the amount offered is what is still owed
        _until(desk, lambda s: s["active_modal"] == "QPrintPreviewDialog", "the receipt's preview")
        desk.key("Escape")
        handed = desk.wait_for(lambda s: "已交付" in (s["headline"] or ""), "the hand-over")
        assert handed["headline"].startswith("已交付 2 件，收款 ¥880.00（现金），取件单 QJ")
        assert "已付清" in handed["labels"]

    assert _states(url) == {"picked_up"}
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            handover_id, signature = conn.execute(
                select(handovers.c.id, handover_collectors.c.signature_png).join(
                    handover_collectors, handover_collectors.c.handover_id == handovers.c.id
                )
            ).one()
        assert signature is not None
        image = Image.open(io.BytesIO(signature)).convert("L")
        assert sum(image.histogram()[:100]) > 200  # dark ink where the mouse went

        from yinglou_desk.ui.printing.receipts import save_receipt_pdf

        pdf = tmp_path / "receipt.pdf"
        save_receipt_pdf(engine, handover_id, pdf)
    finally:
        engine.dispose()
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        for code in CODES[:2]:  # the two handed over, by their labels
            assert code in text, text
        assert "尚未取走（1 件）" in text, text  # the one still at the lab, with its date
        assert re.search(r"预计 \d{4}-\d{2}-\d{2} 到店", text), text
        assert "本次收款（现金）" in text, text
        assert "880.00" in text, text
        images = subprocess.run(
            ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        assert len(images) == 1, images  # the signature, printed in its box


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_the_counter_dialog_fits_the_screen(
    tmp_path: Path, studio: tuple[str, Studio], size: tuple[int, int]
) -> None:
    url, shop = studio
    with x_display(*size) as env, running_desk(_env(env, tmp_path), url) as desk:
        _open_at_pickup(desk, shop)
        desk.key("F8")
        _until(desk, lambda s: s["active_modal"] == "QMessageBox", "the partial-pickup question")
        desk.key("y")
        _counter_dialog(desk)
        where = desk.ask("rect", "counter_dialog")
        frame, screen = where["frame"], where["screen"]
        assert frame[0] >= screen[0], where
        assert frame[1] >= screen[1], where
        assert frame[0] + frame[2] <= screen[0] + screen[2], where
        assert frame[1] + frame[3] <= screen[1] + screen[3], where
        window = _look(desk)
        assert window["frame"][2] <= size[0], window
        assert window["frame"][3] <= size[1], window
        desk.key("Escape")
        desk.wait_for(lambda s: "未交付" in (s["headline"] or ""), "cancelled")
