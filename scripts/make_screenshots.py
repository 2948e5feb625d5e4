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

    from yinglou_desk.services.demo import generate_demo
    from yinglou_desk.services.operators import find_operator
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

        window.close()
        ctx.stop()
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
