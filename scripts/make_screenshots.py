"""Render every page of the desk with demo data at 1366×768, in Chinese and in English.

    python scripts/make_screenshots.py [--orders 400] [--out docs/screenshots] [--lang zh|en]

Builds a demo studio in a temporary SQLite file, logs in the administrator (who
sees every page), shows each page of ``window.pages`` in turn — with a real scan
on the stations and 查件, a chosen order on the board, a checked statement on 对账
— and saves ``QWidget.grab()`` of the window: ``login.png``, one ``<page>.png``
per page and ``pc-settings.png`` (本机设置). Chinese pictures go into ``--out``
(the names the README shows), English ones into ``--out``/``en``. Pages added
later are included by themselves; one without a step here is shown as it opens.

Offscreen, no display needed. Each language renders in a process of its own
(Qt reads its locale once per process); ``--lang`` renders one.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

SIZE = (1366, 768)


def _offscreen_monitor() -> str:
    """Qt's offscreen platform with one screen of a studio monitor's size (its default
    screen is 800×800, and the window never grows past the screen it is on)."""
    config = Path(tempfile.gettempdir()) / f"yinglou-screen-{SIZE[0]}x{SIZE[1]}.json"
    screen = {"name": "studio", "x": 0, "y": 0, "width": SIZE[0], "height": SIZE[1]}
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}))
    return f"offscreen:configfile={config}"


os.environ.setdefault("QT_QPA_PLATFORM", _offscreen_monitor())
os.environ.setdefault("YINGLOU_WORKSTATION", "screenshots")
LANGUAGES = {"zh": Path("."), "en": Path("en")}  # language → folder under --out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=400)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--lang", choices=sorted(LANGUAGES), default=None)
    args = parser.parse_args()
    if args.lang is not None:
        os.environ["YINGLOU_LANG"] = args.lang
        return render(args.out / LANGUAGES[args.lang], args.orders)
    for lang in LANGUAGES:
        command = [sys.executable, __file__, "--lang", lang, "--orders", str(args.orders)]
        done = subprocess.run(
            [*command, "--out", str(args.out)],
            env={**os.environ, "YINGLOU_LANG": lang},
            check=False,
        )
        if done.returncode:
            return done.returncode
    return 0


def render(out: Path, orders: int) -> int:
    from sqlalchemy import select

    from yinglou_desk.demo.studio import DEMO_OPERATORS, generate_demo
    from yinglou_desk.services.staff.operators import find_operator
    from yinglou_desk.storage.engine import make_engine
    from yinglou_desk.storage.migrate import upgrade
    from yinglou_desk.storage.models import Item, Order
    from yinglou_desk.ui.app import make_application
    from yinglou_desk.ui.context import DeskContext
    from yinglou_desk.ui.main_window import MainWindow

    app = make_application([sys.argv[0]])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{tmp}/demo.db")
        upgrade(engine)
        generate_demo(engine, orders, seed=7)
        admin_name = next(name for name, role, _ in DEMO_OPERATORS if role == "admin")
        with engine.connect() as conn:
            admin = find_operator(conn, admin_name)
            to_send = (
                conn.execute(select(Item.code).where(Item.state == "registered").limit(3))
                .scalars()
                .all()
            )
            to_check_in = conn.execute(
                select(Item.code).where(Item.state == "sent_out").order_by(Item.order_id).limit(1)
            ).scalar_one()
            partly = conn.execute(
                select(Item.code)
                .join(Order, Order.id == Item.order_id)
                .where(Order.progress == "partly_ready", Item.state == "ready")
                .limit(1)
            ).scalar_one()
            picked_up = conn.execute(
                select(Item.code).where(Item.state == "picked_up").limit(1)
            ).scalar_one()
        assert admin is not None

        ctx = DeskContext(engine)
        window = MainWindow(ctx)
        window.show()
        window.resize(*SIZE)

        def settle(condition: Callable[[], bool] = lambda: True, seconds: float = 10) -> None:
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                app.processEvents()
                if condition() and ctx.ops.pending() == 0:
                    break
                time.sleep(0.02)
            for _ in range(5):
                app.processEvents()

        def save(name: str) -> None:
            settle()
            window.resize(*SIZE)  # what a long message may have widened
            settle()
            window.grab().save(str(out / f"{name}.png"))
            print("saved", out / f"{name}.png")

        def scan(*codes: str) -> Callable[[object], None]:
            def run(_page: object) -> None:
                for code in codes:
                    window.on_scanned(code, "wedge")
                    settle()

            return run

        def today(page: object) -> None:
            settle(lambda: getattr(page, "lists", True) is not None)
            tabs = getattr(page, "list_tabs", None)
            if tabs is not None:
                tabs.setCurrentIndex(0)

        def board(page: object) -> None:
            settle(lambda: page.model.rowCount() > 0)  # type: ignore[attr-defined]
            page.table.selectRow(2)  # type: ignore[attr-defined]
            settle(lambda: page.detail_order_id is not None)  # type: ignore[attr-defined]

        def figures(page: object) -> None:
            settle(lambda: page.figures is not None)  # type: ignore[attr-defined]

        def reconcile(page: object) -> None:
            settle(lambda: page.vendor_box.count() > 0)  # type: ignore[attr-defined]
            vendor, period, statement = _demo_statement(engine, Path(tmp))
            page.choose_vendor(vendor)  # type: ignore[attr-defined]
            page.set_period(period.start, period.end)  # type: ignore[attr-defined]
            page.choose_statement(statement)  # type: ignore[attr-defined]
            page.run_check()  # type: ignore[attr-defined]
            settle(lambda: page.result is not None)  # type: ignore[attr-defined]

        steps: dict[str, Callable[[object], None]] = {
            "today": today,
            "send-out": scan(*to_send, "NO-SUCH-LABEL"),
            "check-in": scan(to_check_in),
            "pickup": scan(partly),
            "query": scan(picked_up),
            "board": board,
            "figures": figures,
            "reconcile": reconcile,
        }

        save("login")
        window.on_scanned(admin.badge_code, "wedge")
        settle(lambda: ctx.operator is not None)
        for name, page in window.pages.items():
            window.show_page(name)
            settle()
            if window.current_page_name() != name:
                print("skipped", name, "(not shown to", admin_name + ")")
                continue
            steps.get(name, lambda _page: None)(page)
            save(name)

        # 本机设置 with a serial scanner on the first port this machine lists (if any)
        window.pc_settings_path = Path(tmp) / "this-pc.json"
        dialog = window.pc_settings_dialog()
        dialog.add_scanner()
        dialog.show()
        settle()
        dialog.grab().save(str(out / "pc-settings.png"))
        print("saved", out / "pc-settings.png")
        dialog.close()

        window.close()
        ctx.stop()
        engine.dispose()
    return 0


def _demo_statement(engine: object, folder: Path) -> tuple[str, object, Path]:
    """A lab's statement for the busiest vendor's last 30 days, with a few typical mistakes."""
    from datetime import timedelta

    from openpyxl import Workbook
    from sqlalchemy import func, select

    from yinglou_desk.services.clock import local_date, utc_now
    from yinglou_desk.services.reconciliation.vendor_history import Period
    from yinglou_desk.storage.models import Item, Vendor

    today = local_date(utc_now())
    period = Period(today - timedelta(days=29), today)
    with engine.connect() as conn:  # type: ignore[attr-defined]
        vendor_id, vendor = conn.execute(
            select(Vendor.id, Vendor.name)
            .join(Item, Item.vendor_id == Vendor.id)
            .group_by(Vendor.id, Vendor.name)
            .order_by(func.count().desc())
            .limit(1)
        ).one()
        rows = conn.execute(
            select(Item.code, Item.unit_cost, Item.qty)
            .where(Item.vendor_id == vendor_id, Item.returned_at >= period.first_moment)
            .order_by(Item.returned_at)
        ).all()
        still_out = conn.execute(
            select(Item.code, Item.unit_cost, Item.qty)
            .where(Item.vendor_id == vendor_id, Item.state == "sent_out")
            .limit(1)
        ).all()
    book = Workbook()
    sheet = book.active
    sheet.append([f"{vendor} 对账单"])
    sheet.append(["条码", "金额", "类型"])
    for index, (code, cost, qty) in enumerate(rows[:-2]):
        amount = float(cost or 0) * (qty or 1)
        sheet.append([code, amount + (30 if index == 3 else 0), "新做"])
    if rows:
        sheet.append([rows[0].code, float(rows[0].unit_cost or 0), "新做"])  # billed twice
    for code, cost, qty in still_out:
        sheet.append([code, float(cost or 0) * (qty or 1), "新做"])  # not back yet
    sheet.append(["DEMO-UNKNOWN-1", 120, "新做"])
    path = folder / "statement.xlsx"
    book.save(path)
    return vendor, period, path


if __name__ == "__main__":
    sys.exit(main())
