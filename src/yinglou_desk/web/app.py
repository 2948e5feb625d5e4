"""The phone page's HTTPS app: the page itself, its files, and the API of :mod:`.api`.

Headers keep the page to itself: no framing, no referrer, a content policy that lets in
only this server's own files (the ZXing reader's WebAssembly included), and no caching of
answers. The log says method, path and status — never a body, so never a customer.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable

from sqlalchemy import Engine
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from yinglou_desk.paths import resource_path
from yinglou_desk.services.clock import Clock, utc_now
from yinglou_desk.services.phones.limits import LoginLimiter
from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.web import api

log = logging.getLogger("yinglou_desk.phone_server")

_POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob:; "
    "connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'self'"
)
_HEADERS = {
    "Content-Security-Policy": _POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(self), microphone=(), geolocation=()",
}


class _Guard(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        started = time.perf_counter()
        response = await call_next(request)
        for name, value in _HEADERS.items():
            response.headers.setdefault(name, value)
        log.info(
            "%s %s %d %.0fms",
            request.method,
            request.url.path,
            response.status_code,
            (time.perf_counter() - started) * 1000,
        )
        return response


def phone_app(
    engine: Engine,
    *,
    clock: Clock = utc_now,
    service: ScanService | None = None,
    limiter: LoginLimiter | None = None,
) -> Starlette:
    """The HTTPS app for phones, on ``engine``'s studio."""
    ctx = api.ApiContext(
        engine=engine,
        service=service or ScanService(engine, clock=clock),
        clock=clock,
        limiter=limiter or LoginLimiter(),
    )
    page = resource_path("phone")

    def bind(handler: api.Handler) -> Callable[[Request], Awaitable[Response]]:
        guarded = api.guarded_errors(handler)

        async def endpoint(request: Request) -> Response:
            return await guarded(request, ctx)

        return endpoint

    async def index(_request: Request) -> Response:
        return FileResponse(page / "index.html", headers={"Cache-Control": "no-cache"})

    async def worker(_request: Request) -> Response:
        # At the root, so its scope is the whole page; never cached itself, so a new
        # version of the page reaches phones.
        return FileResponse(
            page / "sw.js", media_type="text/javascript", headers={"Cache-Control": "no-cache"}
        )

    routes = [
        Route("/", index),
        Route("/sw.js", worker),
        Route("/api/hello", bind(api.hello)),
        Route("/api/ping", bind(api.ping)),
        Route("/api/login", bind(api.login), methods=["POST"]),
        Route("/api/photo-login", bind(api.photo_login), methods=["POST"]),
        Route("/api/me", bind(api.with_session(api.me, write=False))),
        Route("/api/logout", bind(api.with_session(api.logout)), methods=["POST"]),
        Route("/api/scan", bind(api.with_session(api.scan)), methods=["POST"]),
        Route("/api/batch", bind(api.with_session(api.batch)), methods=["POST"]),
        Route("/api/lookup", bind(api.with_session(api.lookup)), methods=["POST"]),
        Route("/api/photo", bind(api.with_session(api.photo)), methods=["POST"]),
        # the desk's own scan sounds, not a copy of them
        Mount("/static/sounds", StaticFiles(directory=resource_path("sounds")), name="sounds"),
        Mount("/static", StaticFiles(directory=page), name="static"),
    ]
    return Starlette(routes=routes, middleware=[Middleware(_Guard)])
