"""A stand-in SMS provider on 127.0.0.1: records each request, answers with ``status``."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class FakeGateway:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.status = 200
        self.url = ""
        self.hold: threading.Event | None = None  # set: the gateway answers only once released


@contextmanager
def fake_gateway() -> Iterator[FakeGateway]:
    state = FakeGateway()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # the http.server API
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            state.requests.append({"body": body, "key": self.headers.get("X-Api-Key")})
            if state.hold is not None:
                state.hold.wait(10)
            self.send_response(state.status)
            self.end_headers()
            self.wfile.write(b'{"error": "no credit left"}' if state.status >= 400 else b"{}")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/sms"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
