"""A separate process that scans: ``python -m tests.helpers.scan_worker URL STATION OPERATOR
WORKSTATION START_AT CODE...``. It waits until the wall clock reaches START_AT so that
several workers scan at the same moment, then prints one JSON result per line."""

from __future__ import annotations

import json
import sys
import time

from yinglou_desk.domain.states import Station
from yinglou_desk.services.operators import find_operator
from yinglou_desk.services.scanning import ScanService, ScanSession
from yinglou_desk.storage.engine import make_engine


def main(argv: list[str]) -> int:
    url, station, operator_name, workstation, start_at, *codes = argv
    engine = make_engine(url)
    with engine.connect() as conn:
        operator = find_operator(conn, operator_name)
    assert operator is not None
    service = ScanService(engine)
    session = ScanSession(Station(station), operator, workstation=workstation)
    engine.connect().close()  # warm the pool before the start line
    print("ready", flush=True)
    while time.time() < float(start_at):
        time.sleep(0.001)
    for code in codes:
        result = service.scan(session, code)
        print(json.dumps({**result.to_json(), "key": result.message_key}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
