"""Screenshots of the phone page (手机理件) for the README, taken in Debian's Chromium with its
fake camera filming labels this program prints, against the real phone server on a demo
studio: the trust page, logging in by badge, a check-in, a batch.

    python scripts/make_phone_screenshots.py [--lang zh|en] [--out docs/screenshots]

Uses the test suite's browser harness (tests/helpers/phone_browser.py), so it runs from
the checkout.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    os.environ["YINGLOU_LANG"] = args.lang

    from playwright.sync_api import sync_playwright
    from sqlalchemy import select
    from tests.helpers.phone_browser import android, chromium, label_video, show

    from yinglou_desk.demo.studio import generate_demo
    from yinglou_desk.services.labels.layout import BADGE_SIZE, LabelRenderer
    from yinglou_desk.services.labels.selection import labels_for_items
    from yinglou_desk.services.phones import registry
    from yinglou_desk.services.staff.operators import find_operator
    from yinglou_desk.storage.engine import make_engine
    from yinglou_desk.storage.migrate import upgrade
    from yinglou_desk.storage.tables import items, orders
    from yinglou_desk.web.server import PhoneServer

    out = args.out if args.lang == "zh" else args.out / "en"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        engine = make_engine(f"sqlite:///{tmp / 'demo.db'}")
        upgrade(engine)
        generate_demo(engine, 300, seed=11)
        with engine.connect() as conn:
            sorter = find_operator(conn, "小李")
            manager = find_operator(conn, "王店长")
            # an order with several items at the lab: its check-in shows completeness
            order_id = (
                conn.execute(
                    select(items.c.order_id)
                    .join(orders, orders.c.id == items.c.order_id)
                    .where(items.c.state == "sent_out")
                    .group_by(items.c.order_id)
                    .order_by(items.c.order_id)
                )
                .scalars()
                .first()
            )
            codes = list(
                conn.execute(
                    select(items.c.code)
                    .where(items.c.order_id == order_id, items.c.state == "sent_out")
                    .order_by(items.c.id)
                ).scalars()
            )
        assert sorter is not None
        assert manager is not None
        assert len(codes) >= 2

        def png(image, name: str) -> Path:  # type: ignore[no-untyped-def]
            path = tmp / name
            image.save(path)
            return path

        badge = png(
            LabelRenderer(BADGE_SIZE, 203).badge(sorter.badge_code, sorter.name, "sorter").image,
            "badge.png",
        )
        label = png(
            LabelRenderer("50x30", 203).label(labels_for_items(engine, codes[:1])[0]).image,
            "label.png",
        )
        server = PhoneServer(engine, port=0, trust_port=0, host="127.0.0.1", folder=tmp / "tls")
        os.environ["YINGLOU_PHONE_ADDRESSES"] = "127.0.0.1"
        server.start()
        assert server.certificate is not None
        video = label_video(badge, tmp / "camera.y4m")
        try:
            with sync_playwright() as playwright:
                phone = chromium(
                    playwright,
                    video,
                    server.certificate.ca_path,
                    server=("127.0.0.1", server.addresses.port),
                    user_agent=android("Pixel 7"),
                )
                page = phone.new_page()
                page.goto(server.pairing_url)
                page.wait_for_timeout(2500)  # the trust check answers
                page.screenshot(path=out / "phone-trust.png")
                page.goto(server.page_url)
                _wait(page, "awaiting")
                phone_row = next(p for p in registry.list_phones(engine) if p.name == "Pixel 7")
                registry.approve_phone(engine, manager, phone_row.id)
                page.click("#awaiting-retry")
                _wait(page, "station")
                page.screenshot(path=out / "phone-stations.png")
                show(video, label)
                page.click("[data-station=check_in]")
                for _ in range(300):
                    if page.evaluate("ylPhone.lastResult()"):
                        break
                    time.sleep(0.1)
                page.wait_for_timeout(500)
                page.screenshot(path=out / "phone-check-in.png")
                page.check("#batch-toggle")
                for code in codes[1:4]:
                    page.fill("#type-code", code)
                    page.press("#type-code", "Enter")
                page.fill("#type-code", "NOSUCHLABEL")
                page.press("#type-code", "Enter")
                page.click("#batch-submit")
                page.wait_for_timeout(2500)
                page.screenshot(path=out / "phone-batch.png")
                phone.close()
        finally:
            server.stop()
    print(f"written to {out}")


def _wait(page, screen: str) -> None:  # type: ignore[no-untyped-def]
    for _ in range(600):
        if page.evaluate("window.ylPhone ? ylPhone.state().screen : ''") == screen:
            return
        time.sleep(0.1)
    raise SystemExit(f"the phone page never showed its {screen} screen")


if __name__ == "__main__":
    main()
