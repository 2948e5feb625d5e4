"""A separate process that scans: ``python -m tests.helpers.scan_worker URL STATION OPERATOR
WORKSTATION CODE...``.

A start line every worker reaches before any of them scans: the worker gets ready
(operator found, connection pool warm), prints ``ready`` and waits for ``go`` on its
standard input. The test says ``go`` only once every worker has said ``ready``. Then the
worker prints ``scanning``, one JSON result per code, and last a JSON line
``{"started": t, "finished": t}`` with ``time.monotonic()`` before the first scan and
after the last (one clock for every process of the machine), so the test can show
that the workers really scanned at the same time.
"""

from __future__ import annotations

import json
import sys
import time

from yinglou_desk.domain.states import Station
from yinglou_desk.services.scanning.service import ScanService, ScanSession
from yinglou_desk.services.staff.operators import find_operator
from yinglou_desk.storage.engine import make_engine

GO = "go"


def main(argv: list[str]) -> int:
    url, station, operator_name, workstation, *codes = argv
    engine = make_engine(url)
    with engine.connect() as conn:
        operator = find_operator(conn, operator_name)
    assert operator is not None
    service = ScanService(engine)
    session = ScanSession(Station(station), operator, workstation=workstation)
    engine.connect().close()  # warm the pool before the start line
    print("ready", flush=True)
    if sys.stdin.readline().strip() != GO:
        print("no go", file=sys.stderr)
        return 3
    print("scanning", flush=True)
    started = time.monotonic()
    for code in codes:
        result = service.scan(session, code)
        print(json.dumps({**result.to_json(), "key": result.message_key}), flush=True)
    print(json.dumps({"started": started, "finished": time.monotonic()}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
