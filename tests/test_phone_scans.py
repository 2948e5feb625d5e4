"""A phone's scans through the scan service (SQLite and PostgreSQL): the same reference sent
twice at the same moment — a phone retrying while its first request is still on its way —
is recorded once, and both requests get the first answer."""

from __future__ import annotations

import threading
import uuid

import pytest
from sqlalchemy import func, select

from yinglou_desk.services.phones.registry import PhoneRefused, approve_phone, list_phones
from yinglou_desk.services.phones.scans import (
    PhoneScan,
    PhoneScanRefused,
    scan_from_phone,
    stored_ref,
)
from yinglou_desk.services.phones.sessions import new_key, open_session
from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.storage.tables import scan_log

from .helpers.studio import make_studio

CODE = "700000000201"


@pytest.fixture
def phone(engine, clock):  # type: ignore[no-untyped-def]
    studio = make_studio(engine, clock)
    studio.add_order("M002", [CODE, "700000000202"])
    ScanService(engine, clock=clock).scan(studio.session("send-out", vendor="晶典水晶"), CODE)
    key = new_key()
    with pytest.raises(PhoneRefused):
        open_session(
            engine, studio.operators["小李"], key, phone_name="仓库手机", address="10.0.0.9"
        )
    approve_phone(engine, studio.operators["王店长"], list_phones(engine)[0].id, clock=clock)
    opened = open_session(
        engine, studio.operators["小李"], key, phone_name=None, address="10.0.0.9"
    )
    return studio, opened.session


def test_the_same_reference_at_the_same_moment_is_recorded_once(phone) -> None:  # type: ignore[no-untyped-def]
    studio, session = phone
    ref = str(uuid.uuid4())
    start = threading.Barrier(2, timeout=30)
    answers: list[dict] = []
    errors: list[BaseException] = []

    def send() -> None:
        service = ScanService(studio.engine, clock=studio.clock)
        start.wait()
        try:
            answers.append(
                scan_from_phone(
                    service,
                    session,
                    "check_in",
                    PhoneScan(CODE, ref, None),
                    vendor_id=None,
                    now=studio.clock(),
                )
            )
        except BaseException as error:  # noqa: BLE001 - the test reports it
            errors.append(error)

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sorted(a["already_recorded"] for a in answers) == [False, True]
    assert {a["outcome"] for a in answers} == {"accepted"}
    with studio.engine.connect() as conn:
        rows = conn.execute(
            select(func.count())
            .select_from(scan_log)
            .where(scan_log.c.client_ref == stored_ref(session, ref))
        ).scalar_one()
    assert rows == 1


def test_a_sorter_cannot_use_the_pickup_lookup_or_an_unknown_station(phone) -> None:  # type: ignore[no-untyped-def]
    studio, session = phone
    service = ScanService(studio.engine, clock=studio.clock)
    for station in ("pickup_lookup", "pickup", "lookup"):
        with pytest.raises(PhoneScanRefused) as refused:
            scan_from_phone(
                service,
                session,
                station,
                PhoneScan(CODE, str(uuid.uuid4()), None),
                vendor_id=None,
                now=studio.clock(),
            )
        assert refused.value.key == "phone_web.station_not_allowed"
    with pytest.raises(PhoneScanRefused) as bad:
        stored_ref(session, "x")
    assert bad.value.key == "phone_web.bad_ref"
