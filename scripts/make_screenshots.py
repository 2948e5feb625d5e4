"""Render the desk's screens with demo data into docs/screenshots/ (offscreen, no display needed).

    python scripts/make_screenshots.py [--orders 400] [--out docs/screenshots]

Builds a demo studio in a temporary SQLite file, logs in the manager, runs a
real scan on each station and saves ``QWidget.grab()`` of the window after
each. Chinese by default; ``YINGLOU_LANG=en`` gives the English screens.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("YINGLOU_WORKSTATION", "screenshots")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=400)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()

    from sqlalchemy import select

    from yinglou_desk.demo.studio import generate_demo
    from yinglou_desk.services.staff.operators import find_operator
    from yinglou_desk.storage.engine import make_engine
    from yinglou_desk.storage.migrate import upgrade
    from yinglou_desk.storage.models import Item, Order
    from yinglou_desk.ui.app import make_application
    from yinglou_desk.ui.context import DeskContext
    from yinglou_desk.ui.main_window import MainWindow

    app = make_application([sys.argv[0]])
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{tmp}/demo.db")
        upgrade(engine)
        generate_demo(engine, args.orders, seed=7)
        with engine.connect() as conn:
            manager = find_operator(conn, "王店长")
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
            customer_phone = conn.execute(
                select(Item.code).where(Item.state == "picked_up").limit(1)
            ).scalar_one()
        assert manager is not None

        ctx = DeskContext(engine)
        window = MainWindow(ctx)
        window.resize(1360, 860)
        window.show()

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
            window.grab().save(str(out / f"{name}.png"))
            print("saved", out / f"{name}.png")

        save("login")
        window.on_scanned(manager.badge_code, "wedge")
        settle(lambda: ctx.operator is not None)
        today = window.pages["today"]
        settle(lambda: today.lists is not None)  # type: ignore[attr-defined]
        today.list_tabs.setCurrentIndex(0)  # type: ignore[attr-defined]
        save("today")

        window.show_page("send-out")
        for code in [*to_send, "NO-SUCH-LABEL"]:
            window.on_scanned(code, "wedge")
            settle()
        save("send-out")

        window.show_page("check-in")
        window.on_scanned(to_check_in, "wedge")
        save("check-in")

        window.show_page("pickup")
        window.on_scanned(partly, "wedge")
        save("pickup")

        window.show_page("query")
        window.on_scanned(customer_phone, "wedge")
        save("query")

        window.show_page("board")
        board = window.pages["board"]
        settle(lambda: board.model.rowCount() > 0)  # type: ignore[attr-defined]
        board.table.selectRow(2)  # type: ignore[attr-defined]
        settle(lambda: board.detail_order_id is not None)  # type: ignore[attr-defined]
        save("board")

        window.show_page("figures")
        figures = window.pages["figures"]
        settle(lambda: figures.figures is not None)  # type: ignore[attr-defined]
        save("figures")

        window.show_page("reconcile")
        reconcile = window.pages["reconcile"]
        settle(lambda: reconcile.vendor_box.count() > 0)  # type: ignore[attr-defined]
        vendor, period, statement = _demo_statement(engine, Path(tmp))
        reconcile.choose_vendor(vendor)  # type: ignore[attr-defined]
        reconcile.set_period(period.start, period.end)  # type: ignore[attr-defined]
        reconcile.choose_statement(statement)  # type: ignore[attr-defined]
        reconcile.run_check()  # type: ignore[attr-defined]
        settle(lambda: reconcile.result is not None)  # type: ignore[attr-defined]
        save("reconcile")

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
