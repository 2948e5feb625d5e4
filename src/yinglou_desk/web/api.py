"""The phone page's JSON API (docs/PHONE.md): log-in, scans, batches, look-ups, photos.

Every handler is thin: it reads the request, proves who is asking (session cookie,
CSRF header on writes), and calls the same services as the desk on a worker thread
(the event loop never waits on the database). Refusals come back as the catalogue
key and the sentence in the studio's language; nothing a customer said reaches a URL
or the server's log.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from yinglou_desk import catalogue
from yinglou_desk.domain.codes import is_badge_code
from yinglou_desk.domain.palette import STATE_COLOURS
from yinglou_desk.domain.roles import NotPermitted
from yinglou_desk.domain.wording import WordedError
from yinglou_desk.services.clock import Clock
from yinglou_desk.services.phones import registry, sessions
from yinglou_desk.services.phones.limits import LoginLimiter
from yinglou_desk.services.phones.photos import MAX_BYTES, codes_in_photo
from yinglou_desk.services.phones.scans import (
    BATCH_LIMIT,
    PhoneScan,
    lookup_allowed,
    lookup_from_phone,
    scan_from_phone,
    stations_for,
)
from yinglou_desk.services.scanning.service import DEFAULT_DUPLICATE_WINDOW_S, ScanService
from yinglou_desk.services.settings.studio import current_settings
from yinglou_desk.services.staff.auth import LoginFailed, login_by_badge, login_with_password
from yinglou_desk.storage.errors import StorageUnavailable
from yinglou_desk.storage.tables import vendors

PHONE_COOKIE = "yl_phone"
SESSION_COOKIE = "yl_session"
CSRF_HEADER = "x-csrf-token"
PHONE_COOKIE_DAYS = 365
_WORD_AREAS = ("phone_page.", "state.", "progress.", "role.")


@dataclass
class ApiContext:
    """What every handler shares: the database, the scan service, the clock, the limiter."""

    engine: Engine
    service: ScanService
    clock: Clock
    limiter: LoginLimiter


Handler = Callable[[Request, ApiContext], Awaitable[Response]]


def refusal(status: int, key: str, **params: object) -> JSONResponse:
    return JSONResponse(
        {"key": key, "message": catalogue.text(key, None, **params)},
        status_code=status,
        headers={"Cache-Control": "no-store"},
    )


def _worded(status: int, error: WordedError) -> JSONResponse:
    return refusal(status, error.key, **error.params)


def address_of(request: Request) -> str:
    return request.client.host if request.client else ""


async def _json_body(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.body() or b"{}")
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise WordedError("phone_web.bad_request")
    return body


def _set_cookie(response: Response, name: str, value: str, max_age: int | None) -> None:
    response.set_cookie(
        name, value, max_age=max_age, secure=True, httponly=True, samesite="strict", path="/"
    )


# -- unauthenticated -----------------------------------------------------------------


async def hello(request: Request, ctx: ApiContext) -> Response:
    """Who this phone is, in which language the page speaks, and its words and colours."""
    key = request.cookies.get(PHONE_COOKIE)

    def read() -> tuple[str, dict[str, Any], dict[str, Any] | None]:
        studio = current_settings(ctx.engine).studio
        phone: dict[str, Any] = {"known": False, "approved": False, "name": None}
        if key:
            with ctx.engine.connect() as conn:
                found = registry.phone_by_key(conn, key)
            if found is not None:
                phone = {
                    "known": True,
                    "approved": found.status == "approved",
                    "name": found.name,
                    "status": found.status,
                }
        session = sessions.session_for(
            ctx.engine, request.cookies.get(SESSION_COOKIE), clock=ctx.clock
        )
        return studio, phone, None if session is None else _me(ctx, session)

    studio, phone, me = await run_in_threadpool(read)
    response = JSONResponse(
        {
            "studio": studio,
            "lang": catalogue.current_language(),
            "words": _page_words(),  # the page holds no sentence of its own
            "colours": {k: list(v) for k, v in STATE_COLOURS.items()},
            "phone": phone,
            "session": me,
        },
        headers={"Cache-Control": "no-store"},
    )
    if not key:
        _set_cookie(response, PHONE_COOKIE, sessions.new_key(), PHONE_COOKIE_DAYS * 86400)
    return response


def _page_words() -> dict[str, str]:
    """The sentences and names the phone page shows, in the studio's language."""
    lang = catalogue.current_language()
    return {
        key: catalogue.text(key, lang) for key in catalogue.entries() if key.startswith(_WORD_AREAS)
    }


async def login(request: Request, ctx: ApiContext) -> Response:
    """Badge or name and password, as at the desk; the phone must be approved."""
    address = address_of(request)
    wait = ctx.limiter.wait_s(address)
    if wait:
        return refusal(429, "phone_web.too_many_logins", seconds=wait)
    body = await _json_body(request)
    key = request.cookies.get(PHONE_COOKIE)
    if not key:
        return refusal(400, "phone_web.no_phone_key")
    phone_name = body.get("phone_name")
    phone_name = phone_name.strip()[: registry.NAME_LIMIT] if isinstance(phone_name, str) else None

    def work() -> sessions.Opened:
        badge, name, password = body.get("badge"), body.get("name"), body.get("password")
        if isinstance(badge, str) and badge.strip():
            operator = login_by_badge(ctx.engine, badge)
        elif isinstance(name, str) and isinstance(password, str):
            operator = login_with_password(ctx.engine, name, password, ctx.clock)
        else:
            raise LoginFailed("login.wrong")
        return sessions.open_session(
            ctx.engine, operator, key, phone_name=phone_name, address=address, clock=ctx.clock
        )

    try:
        opened = await run_in_threadpool(work)
    except LoginFailed as error:
        ctx.limiter.failed(address)
        return _worded(401, error)
    except registry.PhoneRefused as error:
        return _worded(403, error)
    ctx.limiter.succeeded(address)
    response = JSONResponse(_me(ctx, opened.session), headers={"Cache-Control": "no-store"})
    _set_cookie(response, SESSION_COOKIE, opened.token, sessions.SESSION_HOURS * 3600)
    return response


async def ping(request: Request, _ctx: ApiContext) -> Response:
    """For the trust page (plain HTTP, another origin): if this answers, the phone trusts
    the studio CA. It says nothing else."""
    origin = request.headers.get("origin", "")
    headers = {"Cache-Control": "no-store"}
    if origin.startswith("http://"):
        headers["Access-Control-Allow-Origin"] = origin
        headers["Vary"] = "Origin"
    return JSONResponse({"ok": True}, headers=headers)


# -- with a session ---------------------------------------------------------------------


def _me(ctx: ApiContext, session: sessions.PhoneSession) -> dict[str, Any]:
    with ctx.engine.connect() as conn:
        vendor_rows = conn.execute(
            select(vendors.c.id, vendors.c.name)
            .where(vendors.c.active.is_(True))
            .order_by(vendors.c.name)
        ).all()
    return {
        "operator": session.operator.name,
        "role": session.operator.role.value,
        "stations": stations_for(session),
        "vendors": [{"id": row.id, "name": row.name} for row in vendor_rows],
        "csrf": session.csrf,
        "phone": session.phone_name,
        "repeat_window_s": DEFAULT_DUPLICATE_WINDOW_S,
    }


def with_session(
    handler: Callable[[Request, ApiContext, sessions.PhoneSession], Awaitable[Response]],
    *,
    write: bool = True,
) -> Handler:
    """The session cookie proves who asks; a write also needs the CSRF header."""

    async def guarded(request: Request, ctx: ApiContext) -> Response:
        token = request.cookies.get(SESSION_COOKIE)
        address = address_of(request)
        session = await run_in_threadpool(
            lambda: sessions.session_for(ctx.engine, token, address=address, clock=ctx.clock)
        )
        if session is None:
            return refusal(401, "phone_web.logged_out")
        if write and not sessions.csrf_matches(session, request.headers.get(CSRF_HEADER)):
            return refusal(403, "phone_web.csrf")
        return await handler(request, ctx, session)

    return guarded


async def me(_request: Request, ctx: ApiContext, session: sessions.PhoneSession) -> Response:
    return JSONResponse(
        await run_in_threadpool(_me, ctx, session), headers={"Cache-Control": "no-store"}
    )


async def logout(request: Request, ctx: ApiContext, _session: sessions.PhoneSession) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    await run_in_threadpool(sessions.end_session, ctx.engine, token, ctx.clock)
    response = JSONResponse({})
    response.delete_cookie(SESSION_COOKIE, path="/", secure=True, httponly=True, samesite="strict")
    return response


def _scan_of(raw: Any) -> PhoneScan:
    if not isinstance(raw, dict):
        raise WordedError("phone_web.bad_request")
    code, ref, at = raw.get("code"), raw.get("ref"), raw.get("at")
    if not isinstance(code, str) or not isinstance(ref, str):
        raise WordedError("phone_web.bad_request")
    when = None
    if isinstance(at, str) and at:
        try:
            when = datetime.fromisoformat(at.replace("Z", "+00:00"))
        except ValueError:
            raise WordedError("phone_web.bad_request") from None
        if when.tzinfo is None:
            raise WordedError("phone_web.bad_request")
    return PhoneScan(code, ref, when)


def _vendor_of(body: dict[str, Any]) -> int | None:
    vendor = body.get("vendor_id")
    if vendor is None:
        return None
    if not isinstance(vendor, int) or isinstance(vendor, bool):
        raise WordedError("phone_web.bad_request")
    return vendor


async def scan(request: Request, ctx: ApiContext, session: sessions.PhoneSession) -> Response:
    body = await _json_body(request)
    one = _scan_of(body)
    station, vendor = str(body.get("station", "")), _vendor_of(body)
    result = await run_in_threadpool(
        lambda: scan_from_phone(
            ctx.service, session, station, one, vendor_id=vendor, now=ctx.clock()
        )
    )
    return JSONResponse(result, headers={"Cache-Control": "no-store"})


async def batch(request: Request, ctx: ApiContext, session: sessions.PhoneSession) -> Response:
    """Many scans, each on its own (a refused line does not hold back the others), in the
    order they were taken."""
    body = await _json_body(request)
    raw = body.get("scans")
    if not isinstance(raw, list) or len(raw) > BATCH_LIMIT:
        return refusal(400, "phone_web.batch_too_long", limit=BATCH_LIMIT)
    todo = [_scan_of(item) for item in raw]
    station, vendor = str(body.get("station", "")), _vendor_of(body)

    def work() -> list[dict[str, Any]]:
        return [
            scan_from_phone(ctx.service, session, station, one, vendor_id=vendor, now=ctx.clock())
            for one in todo
        ]

    return JSONResponse(
        {"results": await run_in_threadpool(work)}, headers={"Cache-Control": "no-store"}
    )


async def lookup(request: Request, ctx: ApiContext, session: sessions.PhoneSession) -> Response:
    body = await _json_body(request)
    query = body.get("code")
    if not isinstance(query, str):
        raise WordedError("phone_web.bad_request")
    lookup_allowed(session, str(body.get("station", "lookup")))
    found = await run_in_threadpool(lookup_from_phone, ctx.engine, query, ctx.clock())
    return JSONResponse({"orders": found}, headers={"Cache-Control": "no-store"})


async def photo(request: Request, _ctx: ApiContext, _session: sessions.PhoneSession) -> Response:
    data = await _photo_bytes(request)
    if data is None:
        return refusal(413, "phone_web.photo_too_large", mb=MAX_BYTES // (1024 * 1024))
    codes = await run_in_threadpool(codes_in_photo, data)
    return JSONResponse({"codes": codes}, headers={"Cache-Control": "no-store"})


async def _photo_bytes(request: Request) -> bytes | None:
    """The uploaded picture, or None when it is larger than a phone's photo can be (read
    no further than that)."""
    if int(request.headers.get("content-length") or 0) > MAX_BYTES:
        return None
    data = bytearray()
    async for chunk in request.stream():
        data.extend(chunk)
        if len(data) > MAX_BYTES:
            return None
    return bytes(data)


async def photo_login(request: Request, ctx: ApiContext) -> Response:
    """A badge photographed before logging in: only badge codes come back."""
    wait = ctx.limiter.wait_s(address_of(request))
    if wait:
        return refusal(429, "phone_web.too_many_logins", seconds=wait)
    data = await _photo_bytes(request)
    if data is None:
        return refusal(413, "phone_web.photo_too_large", mb=MAX_BYTES // (1024 * 1024))
    codes = await run_in_threadpool(codes_in_photo, data)
    return JSONResponse(
        {"codes": [code for code in codes if is_badge_code(code.upper())]},
        headers={"Cache-Control": "no-store"},
    )


def guarded_errors(handler: Handler) -> Handler:
    """Refusals as JSON the page can show; the database away as 503 (the phone keeps the
    scan and sends it again)."""

    async def run(request: Request, ctx: ApiContext) -> Response:
        try:
            return await handler(request, ctx)
        except NotPermitted as error:
            return JSONResponse(
                {"key": "auth.not_permitted", "message": str(error)}, status_code=403
            )
        except StorageUnavailable:
            return refusal(503, "phone_web.database_away")
        except WordedError as error:
            status = 403 if error.key == "phone_web.station_not_allowed" else 400
            return _worded(status, error)

    return run
