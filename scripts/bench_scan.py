"""Benchmark: scans per second through the scan service vs a bare sqlite3 transaction.

Builds (or reuses) a SQLite demo database of about a million items, then runs the
same number of check-in scans two ways on the same file:

* through ``ScanService.scan`` — the program's real hot path;
* through a bare ``sqlite3`` transaction doing the same work by hand: repeat
  check, item lookup, conditional update, the shelf slot (the order's, else the
  first free one, claimed), order progress recount and update, scan-log insert,
  with the same pragmas (WAL, synchronous=FULL, BEGIN IMMEDIATE).

Prints both rates and their ratio in one run. Not a test: figures depend on the
machine; the ratio is what to compare (target: service ≤ 5× the bare transaction).

    python scripts/bench_scan.py [--items 1000000] [--scans 2000] [--db PATH]
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select

from yinglou_desk.demo.studio import generate_demo
from yinglou_desk.domain.progress import derive_progress
from yinglou_desk.domain.states import ItemState, Station
from yinglou_desk.services.scanning.service import ScanService, ScanSession
from yinglou_desk.services.staff.operators import find_operator
from yinglou_desk.storage.engine import make_engine
from yinglou_desk.storage.migrate import upgrade
from yinglou_desk.storage.models import Item

ITEMS_PER_ORDER = 8.5  # what the demo generator produces on average


def build(path: Path, items: int) -> None:
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with engine.connect() as conn:
        have = conn.execute(select(func.count()).select_from(Item)).scalar_one()
    if have < items * 0.95:
        orders = int((items - have) / ITEMS_PER_ORDER) + 1
        started = time.perf_counter()
        report = generate_demo(engine, orders, seed=42)
        took = time.perf_counter() - started
        print(
            f"demo data: {report.orders} orders, {report.items} items, {report.scans} scans "
            f"in {took:.0f} s",
            flush=True,
        )
    engine.dispose()


def sent_out_codes(path: Path, count: int) -> list[str]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT code FROM items WHERE state = 'sent_out' ORDER BY id LIMIT ?", (count,)
        ).fetchall()
    return [row[0] for row in rows]


def run_service(path: Path, codes: list[str]) -> float:
    engine = make_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        operator = find_operator(conn, "小李")
    assert operator is not None
    service = ScanService(engine)
    session = ScanSession(Station.CHECK_IN, operator, workstation="bench-service")
    started = time.perf_counter()
    for code in codes:
        result = service.scan(session, code)
        assert result.outcome.value == "accepted", result
    took = time.perf_counter() - started
    engine.dispose()
    return took


def run_bare(path: Path, codes: list[str]) -> float:
    conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    started = time.perf_counter()
    for code in codes:
        now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "SELECT at FROM scan_log WHERE code = ? AND station = ? AND workstation = ? "
            "ORDER BY id DESC LIMIT 1",
            (code, "check-in", "bench-bare"),
        ).fetchone()
        item_id, state, order_id, product, order_no, _progress = conn.execute(
            "SELECT items.id, items.state, items.order_id, items.product, orders.order_no, "
            "orders.progress FROM items JOIN orders ON orders.id = items.order_id "
            "WHERE items.code = ?",
            (code,),
        ).fetchone()
        assert state == "sent_out"
        updated = conn.execute(
            "UPDATE items SET state = 'ready', returned_at = ?, updated_at = ?, updated_by = ? "
            "WHERE id = ? AND state = ?",
            (now, now, "小李", item_id, state),
        ).rowcount
        assert updated == 1
        slot = _bare_slot(conn, order_id, now)
        conn.execute("UPDATE items SET shelf_slot = ? WHERE id = ?", (slot, item_id))
        rows = conn.execute(
            "SELECT state, count(*), min(expected_return) FROM items WHERE order_id = ? "
            "GROUP BY state",
            (order_id,),
        ).fetchall()
        counts = {ItemState(s): n for s, n, _ in rows}
        due = next((d for s, _, d in rows if s == "sent_out"), None)
        conn.execute(
            "UPDATE orders SET progress = ?, next_due_back = ?, updated_at = ? WHERE id = ?",
            (derive_progress(counts).value, due, now, order_id),
        )
        conn.execute(
            "INSERT INTO scan_log (at, code, item_id, order_id, station, action, operator_id, "
            "operator_name, workstation, outcome, from_state, to_state, message, detail) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                now,
                code,
                item_id,
                order_id,
                "check-in",
                "check_in",
                3,
                "小李",
                "bench-bare",
                "accepted",
                state,
                "ready",
                f"已回件：{product}（订单 {order_no}）",
                None,
            ),
        )
        conn.execute("COMMIT")
    took = time.perf_counter() - started
    conn.close()
    return took


SLOT_NAMES = [f"{rack}-{n:02d}" for rack in "ABCDEFGH" for n in range(1, 41)]


def _bare_slot(conn: sqlite3.Connection, order_id: int, now: str) -> str:
    own = conn.execute(
        "SELECT slot FROM shelf_slots WHERE order_id = ? ORDER BY taken_at DESC LIMIT 1",
        (order_id,),
    ).fetchone()
    if own:
        return str(own[0])
    taken = {row[0] for row in conn.execute("SELECT slot FROM shelf_slots")}
    for name in SLOT_NAMES:
        if name not in taken:
            conn.execute(
                "INSERT INTO shelf_slots (slot, order_id, taken_at) VALUES (?, ?, ?) "
                "ON CONFLICT (slot) DO NOTHING RETURNING slot",
                (name, order_id, now),
            ).fetchone()
            return name
    return "H-41+"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--scans", type=int, default=2000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/yinglou-bench.db"))
    args = parser.parse_args(argv)
    build(args.db, args.items)
    codes = sent_out_codes(args.db, args.scans * 2)
    if len(codes) < args.scans * 2:
        print(f"only {len(codes)} items at a vendor; use more --items", file=sys.stderr)
        return 1
    # Alternate halves so neither side gets a warmer cache; each code is scanned once.
    service_codes, bare_codes = codes[0::2], codes[1::2]
    run_bare(args.db, bare_codes[:50])  # warm the file cache
    run_service(args.db, service_codes[:50])
    bare = run_bare(args.db, bare_codes[50:])
    service = run_service(args.db, service_codes[50:])
    n = len(codes) // 2 - 50
    print(f"scans: {n} each; database: {args.db} ({args.db.stat().st_size / 1e6:.0f} MB)")
    print(f"bare sqlite3 transaction: {n / bare:8.1f} scans/s ({bare / n * 1000:.2f} ms each)")
    print(
        f"scan service:             {n / service:8.1f} scans/s ({service / n * 1000:.2f} ms each)"
    )
    print(f"ratio service / bare:     {service / bare:8.2f}x  (target <= 5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
