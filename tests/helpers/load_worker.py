"""One PC scanning as fast as it can: ``python -m tests.helpers.load_worker URL WORKSTATION
SECONDS SEED CODES_FILE``. Prints ``ready`` and waits for ``go`` on its standard input (the
test's start line, see ``scan_worker``); then checks every code in, then hands every code
over, in its own random order, then keeps scanning random codes until SECONDS have passed.
Prints a JSON summary: the outcomes counted, and ``started``/``finished`` (``time.monotonic``)
so the test can show the PCs scanned at the same time. Any exception (a "database is locked"
reaching the user) exits non-zero."""

from __future__ import annotations

import json
import random
import sys
import time
from collections import Counter

from yinglou_desk.domain.states import Station
from yinglou_desk.services.scanning.service import ScanService, ScanSession
from yinglou_desk.services.staff.operators import find_operator
from yinglou_desk.storage.engine import make_engine

from .scan_worker import GO


def main(argv: list[str]) -> int:
    url, workstation, seconds, seed, codes_file = argv
    with open(codes_file, encoding="utf-8") as handle:
        codes = handle.read().split()
    rng = random.Random(int(seed))
    engine = make_engine(url)
    with engine.connect() as conn:
        operator = find_operator(conn, "王店长")
    assert operator is not None
    service = ScanService(engine, duplicate_window_s=0)
    sessions = {s: ScanSession(s, operator, workstation=workstation) for s in Station}
    outcomes: Counter[str] = Counter()
    engine.connect().close()  # warm the pool before the start line
    print("ready", flush=True)
    if sys.stdin.readline().strip() != GO:
        print("no go", file=sys.stderr)
        return 3
    started = time.monotonic()
    deadline = started + float(seconds)
    for station in (Station.CHECK_IN, Station.PICKUP):
        order = codes[:]
        rng.shuffle(order)
        for code in order:
            outcomes[f"{station.value}:{service.scan(sessions[station], code).outcome.value}"] += 1
    while time.monotonic() < deadline:
        station = rng.choice(list(Station))
        outcomes[
            f"{station.value}:{service.scan(sessions[station], rng.choice(codes)).outcome.value}"
        ] += 1
    summary = {"outcomes": dict(outcomes), "started": started, "finished": time.monotonic()}
    print(json.dumps(summary), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
