"""Benchmark: a scan's round trip from the phone page to the database and back, beside the
desk's own scan, on this machine.

Builds a demo studio (SQLite, or ``--db`` a PostgreSQL URL), starts the real phone server
(HTTPS with the studio CA, on loopback), logs a phone in and sends check-in scans one at a
time exactly as the page does (``POST /api/scan`` with the session cookie and CSRF
header, over a kept-alive TLS connection verified against the studio CA). The desk's
scan is measured on other items of the same database the way the check-in station does
it: the scan service, then the order for the panel.

Prints p50/p95/max in milliseconds for both and the ratio of the medians. Not a test:
the figures depend on the machine (target: phone p95 under 50 ms on loopback).

    python scripts/bench_phone.py [--orders 2000] [--scans 300] [--db URL]
"""

from __future__ import annotations

import argparse
import ssl
import statistics
import tempfile
import time
import uuid
from pathlib import Path

import httpx2 as httpx
from sqlalchemy import select

from yinglou_desk.demo.studio import generate_demo
from yinglou_desk.domain.states import Station
from yinglou_desk.services.clock import local_date, utc_now
from yinglou_desk.services.orders.query import orders_by_id
from yinglou_desk.services.phones.registry import approve_phone, list_phones
from yinglou_desk.services.scanning.service import ScanService, ScanSession
from yinglou_desk.services.staff.operators import find_operator
from yinglou_desk.storage.engine import make_engine
from yinglou_desk.storage.migrate import upgrade
from yinglou_desk.storage.tables import items
from yinglou_desk.web.server import PhoneServer


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[max(0, round(len(ordered) * 0.95) - 1)]
    return f"p50 {statistics.median(ordered):6.1f} ms  p95 {p95:6.1f} ms  max {ordered[-1]:6.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=2000)
    parser.add_argument("--scans", type=int, default=300)
    parser.add_argument("--db", help="a database URL (default: a new SQLite file)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'bench.db'}"
        engine = make_engine(url)
        upgrade(engine)
        generate_demo(engine, args.orders, seed=7)
        with engine.connect() as conn:
            codes = list(
                conn.execute(
                    select(items.c.code)
                    .where(items.c.state == "sent_out")
                    .order_by(items.c.id)
                    .limit(args.scans * 2)
                ).scalars()
            )
            sorter = find_operator(conn, "小李")
            manager = find_operator(conn, "王店长")
        assert sorter is not None
        assert manager is not None
        if len(codes) < args.scans * 2:
            raise SystemExit(f"only {len(codes)} items at the labs: ask for more --orders")
        phone_codes, desk_codes = codes[: args.scans], codes[args.scans :]

        server = PhoneServer(
            engine, port=0, trust_port=0, host="127.0.0.1", folder=Path(tmp) / "tls"
        )
        server.start()
        assert server.certificate is not None
        try:
            context = ssl.create_default_context(cafile=str(server.certificate.ca_path))
            base = f"https://127.0.0.1:{server.addresses.port}"
            with httpx.Client(base_url=base, verify=context) as client:
                client.get("/api/hello")
                badge = {"badge": sorter.badge_code, "phone_name": "bench phone"}
                client.post("/api/login", json=badge)  # registers, waits for approval
                phone = next(p for p in list_phones(engine) if p.name == "bench phone")
                approve_phone(engine, manager, phone.id)
                me = client.post("/api/login", json=badge).json()
                headers = {"X-CSRF-Token": me["csrf"]}
                phone_ms = []
                for code in phone_codes:
                    body = {"station": "check_in", "code": code, "ref": str(uuid.uuid4())}
                    started = time.perf_counter()
                    answer = client.post("/api/scan", json=body, headers=headers)
                    phone_ms.append((time.perf_counter() - started) * 1000)
                    assert answer.json()["outcome"] == "accepted", answer.text
        finally:
            server.stop()

        service = ScanService(engine)
        session = ScanSession(Station.CHECK_IN, sorter, workstation="bench-desk")
        desk_ms = []
        for code in desk_codes:
            started = time.perf_counter()
            result = service.scan(session, code)
            orders_by_id(engine, [result.order_id or 0], local_date(utc_now()))
            desk_ms.append((time.perf_counter() - started) * 1000)
            assert result.outcome.value == "accepted", result
        engine.dispose()

    print(f"{args.scans} check-in scans each, {engine.dialect.name}, {args.orders} orders")
    print(f"phone page (HTTPS round trip): {percentiles(phone_ms)}")
    print(f"desk (scan service + order):   {percentiles(desk_ms)}")
    ratio = statistics.median(phone_ms) / statistics.median(desk_ms)
    print(f"phone / desk, medians: {ratio:.2f}")


if __name__ == "__main__":
    main()
