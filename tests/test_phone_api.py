"""The phone page's API over HTTPS-shaped requests (Starlette's test client), on SQLite and
PostgreSQL: a phone registers and waits for a manager, logs in by badge, scans with the
desk's rules and log, is told each scan once however often it sends it, never sees a full
phone number, and loses its session when revoked."""

from __future__ import annotations

import io
import json
import uuid

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient

from yinglou_desk.services.labels.layout import LabelData, LabelRenderer
from yinglou_desk.services.phones.limits import LoginLimiter
from yinglou_desk.services.phones.registry import approve_phone, list_phones, revoke_phone
from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.storage.tables import audit_log, phones, scan_log
from yinglou_desk.web.app import phone_app

from .helpers.studio import make_studio

CODE = "700000000101"
OTHER = "700000000102"


@pytest.fixture
def studio(engine, clock):  # type: ignore[no-untyped-def]
    studio = make_studio(engine, clock)
    studio.add_order("M001", [CODE, OTHER], phone="13912345678")
    service = ScanService(engine, clock=clock)
    for code in (CODE, OTHER):
        service.scan(studio.session("send-out", vendor="金彩相册厂"), code)
    return studio


def _client(studio, limiter=None) -> TestClient:  # type: ignore[no-untyped-def]
    app = phone_app(studio.engine, clock=studio.clock, limiter=limiter)
    return TestClient(app, base_url="https://testserver")


def _login(client: TestClient, studio, name="小李") -> dict:  # type: ignore[no-untyped-def]
    """A phone's first log-in, a manager's approval on the desk, and the log-in after it."""
    client.get("/api/hello")
    badge = studio.operators[name].badge_code
    first = client.post("/api/login", json={"badge": badge, "phone_name": f"{name}的手机"})
    assert first.status_code == 403
    assert first.json()["key"] == "phone_web.awaiting_approval"
    waiting = [p for p in list_phones(studio.engine) if p.status == "waiting"]
    approve_phone(studio.engine, studio.operators["王店长"], waiting[-1].id, clock=studio.clock)
    me = client.post("/api/login", json={"badge": badge})
    assert me.status_code == 200, me.text
    return me.json()


def _scan(client: TestClient, me: dict, code: str, ref: str | None = None, **extra):  # type: ignore[no-untyped-def]
    body = {"station": "check_in", "code": code, "ref": ref or str(uuid.uuid4()), **extra}
    return client.post("/api/scan", json=body, headers={"X-CSRF-Token": me["csrf"]})


def test_a_phone_waits_for_a_manager_then_scans_as_the_desk_does(studio) -> None:  # type: ignore[no-untyped-def]
    client = _client(studio)
    hello = client.get("/api/hello").json()
    assert hello["phone"]["known"] is False
    assert "state.ready" in hello["words"]
    assert client.cookies.get("yl_phone")

    me = _login(client, studio)
    assert me["operator"] == "小李"
    assert me["stations"] == ["send_out", "check_in", "lookup"]  # a sorter: no pickup look-up
    assert [v["name"] for v in me["vendors"]] == sorted(["金彩相册厂", "晶典水晶"])

    answer = _scan(client, me, CODE)
    assert answer.status_code == 200, answer.text
    result = answer.json()
    assert result["outcome"] == "accepted"
    assert result["colour"] == "ready"
    assert (result["customer"], result["phone_tail"]) == ("张小梅", "5678")
    assert (result["received"], result["total"]) == (1, 2)
    assert "13912345678" not in answer.text

    with studio.engine.connect() as conn:
        row = conn.execute(
            select(scan_log.c.workstation, scan_log.c.operator_name)
            .where(scan_log.c.code == CODE)
            .order_by(scan_log.c.id.desc())
        ).first()
        audit = conn.execute(
            select(audit_log.c.action).where(audit_log.c.action == "phone.approve")
        ).all()
    assert tuple(row) == ("小李的手机", "小李")
    assert len(audit) == 1


def test_a_scan_sent_again_is_recorded_once_and_told_its_first_answer(studio) -> None:  # type: ignore[no-untyped-def]
    client = _client(studio)
    me = _login(client, studio)
    ref = str(uuid.uuid4())
    first = _scan(client, me, CODE, ref, at="2026-03-01T09:00:00+08:00").json()
    again = _scan(client, me, CODE, ref).json()
    assert first["outcome"] == "accepted"
    assert not first["already_recorded"]
    assert again["already_recorded"] is True
    assert again["outcome"] == "accepted"
    with studio.engine.connect() as conn:
        rows = conn.execute(
            select(func.count())
            .select_from(scan_log)
            .where(scan_log.c.code == CODE, scan_log.c.station == "check-in")
        ).scalar_one()
    assert rows == 1

    # Another phone sending the same reference is a scan of its own, not the first phone's.
    other = _client(studio)
    me2 = _login(other, studio, "王店长")
    second = _scan(other, me2, OTHER, ref).json()
    assert second["code"] == OTHER
    assert not second["already_recorded"]


def test_a_batch_records_each_line_in_order_with_its_outcome(studio) -> None:  # type: ignore[no-untyped-def]
    client = _client(studio)
    me = _login(client, studio)
    scans = [
        {"code": CODE, "ref": str(uuid.uuid4()), "at": "2026-03-01T09:00:00Z"},
        {"code": "NOSUCHCODE1", "ref": str(uuid.uuid4()), "at": "2026-03-01T09:00:01Z"},
        {"code": OTHER, "ref": str(uuid.uuid4()), "at": "2026-03-01T09:00:02Z"},
    ]
    answer = client.post(
        "/api/batch",
        json={"station": "check_in", "scans": scans},
        headers={"X-CSRF-Token": me["csrf"]},
    )
    results = answer.json()["results"]
    assert [r["outcome"] for r in results] == ["accepted", "refused", "accepted"]
    assert results[1]["colour"] == "problem"
    assert results[1]["message_key"] == "refused.unknown_code"
    assert (results[2]["received"], results[2]["total"]) == (2, 2)


def test_writes_need_the_csrf_token_and_the_role_s_stations(studio) -> None:  # type: ignore[no-untyped-def]
    client = _client(studio)
    me = _login(client, studio)
    body = {"station": "check_in", "code": CODE, "ref": str(uuid.uuid4())}
    assert client.post("/api/scan", json=body).json()["key"] == "phone_web.csrf"
    wrong = client.post("/api/scan", json=body, headers={"X-CSRF-Token": "x" * 43})
    assert wrong.status_code == 403
    lookup = client.post(
        "/api/lookup",
        json={"station": "pickup_lookup", "code": "5678"},
        headers={"X-CSRF-Token": me["csrf"]},
    )
    assert lookup.status_code == 403
    assert lookup.json()["key"] == "phone_web.station_not_allowed"
    bad = client.post(
        "/api/scan",
        content=b"{not json",
        headers={"X-CSRF-Token": me["csrf"], "Content-Type": "application/json"},
    )
    assert (bad.status_code, bad.json()["key"]) == (400, "phone_web.bad_request")
    with studio.engine.connect() as conn:
        assert (
            conn.execute(
                select(func.count()).select_from(scan_log).where(scan_log.c.station == "check-in")
            ).scalar_one()
            == 0
        )


def test_lookup_shows_the_last_four_digits_only(studio) -> None:  # type: ignore[no-untyped-def]
    client = _client(studio)
    me = _login(client, studio, "小张")  # the front desk
    assert "pickup_lookup" in me["stations"]
    answer = client.post(
        "/api/lookup",
        json={"station": "pickup_lookup", "code": "5678"},
        headers={"X-CSRF-Token": me["csrf"]},
    )
    orders = answer.json()["orders"]
    assert [o["order_no"] for o in orders] == ["M001"]
    assert orders[0]["phone_tail"] == "5678"
    assert {i["code"] for i in orders[0]["items"]} == {CODE, OTHER}
    assert "13912345678" not in answer.text


def test_a_revoked_phone_is_logged_out_at_once(studio) -> None:  # type: ignore[no-untyped-def]
    client = _client(studio)
    me = _login(client, studio)
    phone = next(p for p in list_phones(studio.engine) if p.name == "小李的手机")
    with pytest.raises(PermissionError):
        revoke_phone(studio.engine, studio.operators["小李"], phone.id)  # sorters cannot
    revoke_phone(studio.engine, studio.operators["王店长"], phone.id, clock=studio.clock)
    assert _scan(client, me, CODE).json()["key"] == "phone_web.logged_out"
    badge = studio.operators["小李"].badge_code
    again = client.post("/api/login", json={"badge": badge})
    assert (again.status_code, again.json()["key"]) == (403, "phone_web.revoked")
    assert client.get("/api/me").status_code == 401


def test_logout_ends_the_session(studio) -> None:  # type: ignore[no-untyped-def]
    client = _client(studio)
    me = _login(client, studio)
    assert client.post("/api/logout", headers={"X-CSRF-Token": me["csrf"]}).status_code == 200
    assert client.get("/api/me").status_code == 401


def test_failed_logins_from_one_address_are_slowed_down(studio) -> None:  # type: ignore[no-untyped-def]
    client = _client(studio, limiter=LoginLimiter(max_failures=3, window_s=300))
    client.get("/api/hello")
    codes = [
        client.post("/api/login", json={"name": "小李", "password": "wrong"}).status_code
        for _ in range(4)
    ]
    assert codes == [401, 401, 401, 429]
    right = client.post("/api/login", json={"name": "小李", "password": "1234"})
    assert right.json()["key"] == "phone_web.too_many_logins"


def test_a_photo_of_a_label_is_read_on_the_pc(studio) -> None:  # type: ignore[no-untyped-def]
    client = _client(studio)
    me = _login(client, studio)
    label = LabelRenderer("50x30", 300).label(LabelData(CODE, "张小梅", "M001", "相册"))
    picture = label.image.convert("RGB").resize((label.image.width * 2, label.image.height * 2))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    answer = client.post(
        "/api/photo",
        content=buffer.getvalue(),
        headers={"X-CSRF-Token": me["csrf"], "Content-Type": "image/jpeg"},
    )
    assert answer.json() == {"codes": [CODE]}
    junk = client.post("/api/photo", content=b"not a picture", headers={"X-CSRF-Token": me["csrf"]})
    assert (junk.status_code, junk.json()["key"]) == (400, "phone_web.photo_not_a_picture")


def test_answers_keep_the_page_to_itself(studio) -> None:  # type: ignore[no-untyped-def]
    client = _client(studio)
    answer = client.get("/api/hello")
    assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
    assert answer.headers["cache-control"] == "no-store"
    cookie = answer.headers["set-cookie"].lower()
    assert "secure" in cookie
    assert "httponly" in cookie
    assert "samesite=strict" in cookie
    ping = client.get("/api/ping", headers={"Origin": "http://192.168.1.20:8080"})
    assert ping.headers["access-control-allow-origin"] == "http://192.168.1.20:8080"
    assert json.loads(ping.text) == {"ok": True}
    with studio.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(phones)).scalar_one() == 0
