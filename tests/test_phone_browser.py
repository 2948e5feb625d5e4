"""手机理件 in a real browser: Debian's Chromium, its fake camera filming labels the program
prints, talking TLS to the real phone server (web/server.py ``PhoneServer``) on a real
database.

The page is read through its test hook (``window.ylPhone``) and the result element's
``data-outcome``/``data-colour``; what counts is what the database holds afterwards.
"""

from __future__ import annotations

import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest
from PIL import Image
from playwright.sync_api import Page, Route, sync_playwright
from sqlalchemy import Engine, func, select

from yinglou_desk.domain.palette import OUTCOME_COLOURS, STATE_COLOURS
from yinglou_desk.services.clock import utc_now
from yinglou_desk.services.labels.layout import BADGE_SIZE, LabelRenderer
from yinglou_desk.services.labels.selection import labels_for_items
from yinglou_desk.services.phones import registry
from yinglou_desk.services.phones.scans import stored_ref
from yinglou_desk.services.phones.sessions import PhoneSession
from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.storage.tables import items, scan_log
from yinglou_desk.web.server import PhoneServer

from .helpers.clock import FakeClock
from .helpers.label_decode import decode
from .helpers.phone_browser import (
    android,
    chromium,
    label_video,
    probe_server,
    show,
    wait_for,
)
from .helpers.studio import Studio, make_studio

pytestmark = pytest.mark.slow

ORDER = "YL2026001"
CODES = ["DM0000000372", "DM0000000373"]


@pytest.fixture
def playwright() -> Iterator[Any]:
    with sync_playwright() as p:
        yield p


# -- the harness alone ------------------------------------------------------------------


def test_the_fake_camera_and_the_vendored_reader_read_a_printed_label(
    tmp_path: Path, playwright: Any
) -> None:
    """No server of ours: a probe page on http://localhost (a secure context) opens the
    fake camera and reads it with the ZXing reader from resources/phone/vendor."""
    png = _item_label_png_without_db(tmp_path, "DM0000000372")
    video = label_video(png, tmp_path / "cam.y4m")
    browser = chromium(playwright, video)
    try:
        page = browser.new_page()
        with probe_server() as url:
            page.goto(url)
            probe = wait_for(
                lambda: (p := page.evaluate("window.probe")) and (p["codes"] or p["error"]) and p,
                "the probe to read the fake camera",
            )
        assert probe["error"] is None
        assert set(probe["codes"]) == {"DM0000000372"}
    finally:
        browser.close()


def _item_label_png_without_db(tmp_path: Path, code: str) -> Path:
    from yinglou_desk.services.labels.layout import LabelData

    rendered = LabelRenderer("50x30", 203).label(
        LabelData(code=code, customer="张小梅", order_no=ORDER, product="相册")
    )
    path = tmp_path / f"{code}.png"
    rendered.image.save(path)
    return path


# -- a studio, its server, a phone -------------------------------------------------------


@dataclass
class Shop:
    """The studio, its running phone server, and where its labels are drawn."""

    studio: Studio
    server: PhoneServer
    folder: Path

    @property
    def engine(self) -> Engine:
        return self.studio.engine

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.server.addresses.port}/"

    @property
    def ca(self) -> Path:
        assert self.server.certificate is not None
        return self.server.certificate.ca_path

    def label(self, code: str) -> Path:
        """The item's label, drawn by the program's label code and read back by zbar."""
        [data] = labels_for_items(self.engine, [code])
        rendered = LabelRenderer("50x30", 203).label(data)
        assert decode(rendered.image) == [code]
        path = self.folder / f"{code}.png"
        rendered.image.save(path)
        return path

    def badge(self, name: str) -> Path:
        operator = self.studio.operators[name]
        rendered = LabelRenderer(BADGE_SIZE, 203).badge(
            operator.badge_code, operator.name, operator.role.value
        )
        assert decode(rendered.image) == [operator.badge_code]
        path = self.folder / f"badge-{operator.badge_code}.png"
        rendered.image.save(path)
        return path

    def blank(self) -> Path:
        path = self.folder / "blank.png"
        Image.new("L", (400, 240), 255).save(path)
        return path

    def phone(self, playwright: Any, model: str, shows: Path, **options: Any) -> Any:
        video = label_video(shows, self.folder / f"{model}.y4m")
        return chromium(
            playwright,
            video,
            self.ca,
            server=("127.0.0.1", self.server.addresses.port),
            user_agent=android(model),
            **options,
        )

    def restart(self) -> None:
        """Stops the server and starts it again on the same port (the phone's origin)."""
        port = self.server.addresses.port
        self.server.stop()
        self.server = _server(self.engine, self.folder, port)


def _server(engine: Engine, folder: Path, port: int = 0) -> PhoneServer:
    server = PhoneServer(
        engine, port=port, trust_port=0, host="127.0.0.1", folder=folder / "tls", clock=utc_now
    )
    server.start()
    return server


@pytest.fixture
def shop(engine: Engine, clock: FakeClock, tmp_path: Path) -> Iterator[Shop]:
    studio = make_studio(engine, clock)
    studio.add_order(ORDER, CODES)
    desk = ScanService(engine, clock=clock)
    for code in CODES:
        desk.scan(studio.session("send-out", vendor="金彩相册厂"), code)
    shop = Shop(studio, _server(engine, tmp_path), tmp_path)
    yield shop
    shop.server.stop()


def state(page: Page) -> dict[str, Any]:
    return page.evaluate("window.ylPhone ? window.ylPhone.state() : {}")  # type: ignore[no-any-return]


def on_screen(page: Page, screen: str) -> dict[str, Any]:
    return wait_for(
        lambda: (s := state(page)).get("screen") == screen and s, f"the {screen} screen"
    )


def log_in_first_time(shop: Shop, page: Page, phone_name: str) -> None:
    """The badge before the camera; a new phone waits for a manager, who approves it."""
    page.goto(shop.url)
    waiting = on_screen(page, "awaiting")
    assert waiting["phone"] == phone_name  # named after its user agent
    [phone] = [p for p in registry.list_phones(shop.engine) if p.name == phone_name]
    assert phone.approved_at is None
    registry.approve_phone(shop.engine, shop.studio.operators["王店长"], phone.id)
    page.click("#awaiting-retry")
    on_screen(page, "station")


def rows_for(engine: Engine, client_ref: str) -> list[Any]:
    with engine.connect() as conn:
        return list(conn.execute(select(scan_log).where(scan_log.c.client_ref == client_ref)))


def phone_ref(shop: Shop, phone_name: str, ref: str) -> str:
    """The scan log's ``client_ref`` for a phone's ``ref`` (kept per phone by the server)."""
    [phone] = [p for p in registry.list_phones(shop.engine) if p.name == phone_name]
    anyone = shop.studio.operators["小李"]
    session = PhoneSession(0, phone.id, phone.name, anyone, "", utc_now())
    return stored_ref(session, ref)


# -- the phone page on the real server ----------------------------------------------------


def test_a_badge_logs_in_and_an_item_label_checks_in(shop: Shop, playwright: Any) -> None:
    browser = shop.phone(playwright, "Pixel 7", shop.badge("小李"))
    try:
        page = browser.new_page()
        log_in_first_time(shop, page, "Pixel 7")
        assert state(page)["operator"] == "小李"
        assert page.locator("[data-station=check_in]").is_visible()
        assert not page.locator("[data-station=pickup_lookup]").count()  # a sorter's stations

        show(shop.folder / "Pixel 7.y4m", shop.label(CODES[0]))  # seen from the next camera start
        page.click("[data-station=check_in]")
        result = wait_for(lambda: page.evaluate("ylPhone.lastResult()"), "the check-in's result")

        assert result["outcome"] == "accepted"
        assert (result["received"], result["total"]) == (1, 2)
        assert (result["customer"], result["phone_tail"]) == ("张小梅", "8000")
        assert result["shelf_slot"]
        shown = page.locator("#result")
        assert shown.get_attribute("data-outcome") == "accepted"
        colour = shown.get_attribute("data-colour")
        assert colour == OUTCOME_COLOURS["accepted"]
        background = page.evaluate(
            "getComputedStyle(document.getElementById('result')).backgroundColor"
        )
        assert background == _rgb(STATE_COLOURS[colour][0])
        words = shown.inner_text()
        assert "1/2" in words
        assert result["shelf_slot"] in words

        [row] = rows_for(shop.engine, phone_ref(shop, "Pixel 7", result["ref"]))
        assert (row.workstation, row.action, row.outcome) == ("Pixel 7", "check_in", "accepted")
        # the label stays before the camera: still one scan
        assert state(page)["pending"] == 0
        assert len(_phone_rows(shop.engine, "Pixel 7")) == 1
    finally:
        browser.close()


def _rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def _phone_rows(engine: Engine, workstation: str) -> list[Any]:
    with engine.connect() as conn:
        return list(conn.execute(select(scan_log).where(scan_log.c.workstation == workstation)))


def test_scans_kept_while_the_pc_is_away_are_recorded_exactly_once(
    shop: Shop, playwright: Any, tmp_path: Path
) -> None:
    """Batch mode; the PC stops mid-batch; the phone's page is closed and opened again
    after the PC is back: every scan is recorded once, by its reference."""
    codes = [f"DM00000004{i:02d}" for i in range(5)]
    shop.studio.add_order("YL2026002", codes, customer="李大伟", phone="13900139001")
    desk = ScanService(shop.engine, clock=shop.studio.clock)
    for code in codes:
        desk.scan(shop.studio.session("send-out", vendor="金彩相册厂"), code)
    browser = shop.phone(
        playwright, "Redmi Note 12", shop.badge("小李"), user_data_dir=tmp_path / "profile"
    )
    try:
        page = browser.new_page()
        log_in_first_time(shop, page, "Redmi Note 12")
        page.click("[data-station=check_in]")
        page.check("#batch-toggle")
        for code in codes[:4]:
            type_code(page, code)
        wait_for(lambda: len(page.evaluate("ylPhone.pending()")) == 4, "four lines in the batch")
        page.click("#batch-lines li[data-code=DM0000000403] button")  # one taken back
        wait_for(lambda: len(page.evaluate("ylPhone.pending()")) == 3, "the line removed")

        shop.server.stop()
        page.click("#batch-submit")
        wait_for(lambda: state(page)["offline"], "待同步 while the PC is away")
        page.uncheck("#batch-toggle")
        type_code(page, codes[4])
        wait_for(lambda: state(page)["pending"] == 4, "four scans waiting")
        assert page.inner_text("#pending").strip().endswith("4")
        refs = [p["ref"] for p in page.evaluate("ylPhone.pending()")]
        page.close()  # the phone's browser closed while the PC was away
        show(shop.folder / "Redmi Note 12.y4m", shop.blank())  # the badge put away

        shop.restart()
        page = browser.new_page()
        page.goto(shop.url)
        wait_for(
            lambda: state(page).get("pending") == 0 and state(page)["operator"], "the scans sent"
        )
        assert not state(page)["offline"]
        for ref in refs:
            [row] = rows_for(shop.engine, phone_ref(shop, "Redmi Note 12", ref))
            assert (row.action, row.outcome) == ("check_in", "accepted")
        assert len(_phone_rows(shop.engine, "Redmi Note 12")) == 4  # DM0000000403 never sent
    finally:
        browser.close()


def test_an_answer_lost_on_the_way_back_is_not_recorded_twice(shop: Shop, playwright: Any) -> None:
    """The PC records the scan but its answer never reaches the phone (Wi-Fi dropped): the
    phone sends it again with the same reference, and the PC says it already had it."""
    browser = shop.phone(playwright, "Galaxy A54", shop.badge("小李"))
    try:
        page = browser.new_page()
        log_in_first_time(shop, page, "Galaxy A54")
        page.click("[data-station=check_in]")
        lost: list[str] = []

        def drop_first_answer(route: Route) -> None:
            if lost:
                route.continue_()
                return
            lost.append(forward(route, shop.ca))  # reaches the PC, which records the scan
            route.abort("connectionreset")  # ... but the phone never hears back

        page.route("**/api/scan", drop_first_answer)
        type_code(page, CODES[1])
        result = wait_for(lambda: page.evaluate("ylPhone.lastResult()"), "the scan sent again")
        [first_answer] = lost
        assert '"already_recorded":false' in first_answer.replace(" ", "")
        assert result["already_recorded"] is True
        assert result["outcome"] == "accepted"
        assert len(rows_for(shop.engine, phone_ref(shop, "Galaxy A54", result["ref"]))) == 1
    finally:
        browser.close()


def forward(route: Route, ca: Path) -> str:
    """The browser's request sent on by Python (TLS checked against the studio CA)."""
    request = route.request
    headers = {k: v for k, v in request.headers.items() if not k.startswith(":")}
    with httpx.Client(verify=ssl.create_default_context(cafile=str(ca))) as client:
        response = client.post(request.url, content=request.post_data_buffer, headers=headers)
    return response.text


def type_code(page: Page, code: str) -> None:
    page.fill("#type-code", code)
    page.press("#type-code", "Enter")


def test_two_phones_and_the_desk_scan_at_once(shop: Shop, playwright: Any) -> None:
    codes = [f"DM00000005{i:02d}" for i in range(6)]
    shop.studio.add_order("YL2026003", codes, customer="周晓", phone="13700137002")
    desk = ScanService(shop.engine, clock=shop.studio.clock)
    for code in codes:
        desk.scan(shop.studio.session("send-out", vendor="金彩相册厂"), code)
    phones = {
        "Pixel 8": shop.phone(playwright, "Pixel 8", shop.badge("小李")),
        "Mate 60": shop.phone(playwright, "Mate 60", shop.badge("小张")),
    }
    try:
        pages = {}
        for name, browser in phones.items():
            page = browser.new_page()
            log_in_first_time(shop, page, name)
            page.click("[data-station=check_in]")
            pages[name] = page
        show(shop.folder / "Pixel 8.y4m", shop.label(codes[0]))
        show(shop.folder / "Mate 60.y4m", shop.label(codes[1]))
        desk_results: list[str] = []

        def desk_scans() -> None:
            service = ScanService(shop.engine)
            for code in codes[4:]:
                result = service.scan(shop.studio.session("check-in", operator="王店长"), code)
                desk_results.append(result.outcome.value)

        at_desk = threading.Thread(target=desk_scans)
        at_desk.start()
        for page in pages.values():  # the camera starts again: each phone sees its label
            page.click("#change-station")
            page.click("[data-station=check_in]")
        for page, code in zip(pages.values(), codes[2:4], strict=True):
            type_code(page, code)
        at_desk.join(60)
        for name, page in pages.items():
            wait_for(
                lambda page=page, name=name: (
                    len(_phone_rows(shop.engine, name)) == 2 and state(page)["pending"] == 0
                ),
                f"{name}'s two scans",
            )
        assert desk_results == ["accepted", "accepted"]
        with shop.engine.connect() as conn:
            checked_in = conn.execute(
                select(func.count())
                .select_from(scan_log)
                .where(scan_log.c.action == "check_in", scan_log.c.outcome == "accepted")
            ).scalar_one()
        assert checked_in == 6
        for name in phones:
            rows = _phone_rows(shop.engine, name)
            assert [r.outcome for r in rows] == ["accepted", "accepted"]
    finally:
        for browser in phones.values():
            browser.close()


def test_without_a_camera_photos_log_in_and_scan(shop: Shop, playwright: Any) -> None:
    """A phone that does not trust the studio CA gets no camera: 拍照 instead, read on the
    PC — the badge before log-in, then an item label."""
    browser = shop.phone(playwright, "Honor X50", shop.blank())
    try:
        page = browser.new_page()
        page.add_init_script(
            "Object.defineProperty(Navigator.prototype, 'mediaDevices', {get: () => undefined})"
        )
        page.goto(shop.url)
        on_screen(page, "login")
        assert page.locator("#photo-box").is_visible()
        page.set_input_files("#photo", shop.badge("小李"))
        waiting = on_screen(page, "awaiting")
        [phone] = [p for p in registry.list_phones(shop.engine) if p.name == "Honor X50"]
        registry.approve_phone(shop.engine, shop.studio.operators["王店长"], phone.id)
        page.click("#awaiting-retry")
        assert on_screen(page, "station")["operator"] == "小李"
        assert waiting["camera"] is False

        page.click("[data-station=check_in]")
        page.set_input_files("#photo", shop.label(CODES[1]))
        result = wait_for(lambda: page.evaluate("ylPhone.lastResult()"), "the photo's scan")
        assert (result["code"], result["outcome"]) == (CODES[1], "accepted")
        [row] = rows_for(shop.engine, phone_ref(shop, "Honor X50", result["ref"]))
        assert row.workstation == "Honor X50"
    finally:
        browser.close()


def test_send_out_to_a_chosen_vendor_then_look_the_order_up(shop: Shop, playwright: Any) -> None:
    codes = ["DM0000000600", "DM0000000601"]
    shop.studio.add_order("YL2026004", codes, customer="陈静", phone="13600136003")
    browser = shop.phone(playwright, "Xiaomi 14", shop.badge("王店长"))
    try:
        page = browser.new_page()
        log_in_first_time(shop, page, "Xiaomi 14")
        page.click("[data-station=send_out]")
        crystal = shop.studio.vendor_ids["晶典水晶"]
        page.click(f"[data-vendor='{crystal}']")
        assert state(page)["vendor_id"] == crystal
        type_code(page, codes[0])
        sent = wait_for(lambda: page.evaluate("ylPhone.lastResult()"), "the send-out")
        assert sent["outcome"] == "accepted"
        with shop.engine.connect() as conn:
            [row] = conn.execute(
                select(scan_log).where(scan_log.c.workstation == "Xiaomi 14")
            ).all()
            at_vendor = conn.execute(
                select(items.c.vendor_id).where(items.c.code == codes[0])
            ).scalar_one()
        assert (row.action, row.outcome, at_vendor) == ("send_out", "accepted", crystal)

        page.click("#change-station")
        page.click("[data-station=lookup]")
        type_code(page, "YL2026004")
        found = wait_for(lambda: state(page)["lookup"], "the look-up")
        [order] = found["orders"]
        assert (order["order_no"], order["phone_tail"]) == ("YL2026004", "6003")
        states = {item["code"]: item["state"] for item in order["items"]}
        assert states == {codes[0]: "sent_out", codes[1]: "registered"}
        for code, item_state in states.items():
            line = page.locator(f"#lookup li[data-code={code}]")
            assert line.get_attribute("data-colour") == item_state
            assert line.evaluate("e => getComputedStyle(e).backgroundColor") == _rgb(
                STATE_COLOURS[item_state][0]
            )
        assert "13600136003" not in page.content()  # the last four digits only
    finally:
        browser.close()


def test_a_scan_refused_after_the_pc_came_back_is_listed(shop: Shop, playwright: Any) -> None:
    browser = shop.phone(playwright, "OPPO A79", shop.badge("小李"))
    try:
        page = browser.new_page()
        log_in_first_time(shop, page, "OPPO A79")
        page.click("[data-station=check_in]")
        shop.server.stop()
        type_code(page, "DM0000009999")  # no such item
        wait_for(lambda: state(page)["offline"] and state(page)["pending"] == 1, "待同步 1")
        assert page.locator("#pending").is_visible()
        shop.restart()
        page.evaluate("window.dispatchEvent(new Event('online'))")  # the Wi-Fi is back
        late = wait_for(lambda: state(page)["late"], "the late refusal")
        assert [entry["code"] for entry in late] == ["DM0000009999"]
        assert page.locator("#late li[data-code=DM0000009999]").is_visible()
        assert not state(page)["offline"]
        assert page.evaluate("ylPhone.pending()") == []
    finally:
        browser.close()


def test_the_page_opens_and_scans_while_the_pc_is_away(
    shop: Shop, playwright: Any, tmp_path: Path
) -> None:
    """The phone's browser reloads the page while the PC cannot be reached: the service
    worker gives the page from its cache, the operator carries on, the scan waits on the
    phone (待同步) and is recorded once when the PC is back — without logging in again."""
    browser = shop.phone(
        playwright, "Honor X9", shop.badge("小李"), user_data_dir=tmp_path / "profile"
    )
    try:
        page = browser.new_page()
        log_in_first_time(shop, page, "Honor X9")
        page.click("[data-station=check_in]")
        on_screen(page, "scan")
        wait_for(
            lambda: page.evaluate("Boolean(navigator.serviceWorker.controller)"),
            "the service worker in charge of the page",
        )
        show(shop.folder / "Honor X9.y4m", shop.blank())  # the badge put away

        port = shop.server.addresses.port
        shop.server.stop()
        page.reload()
        away = on_screen(page, "scan")
        assert away["from_memory"] is True
        assert away["operator"] == "小李"
        type_code(page, CODES[1])
        wait_for(lambda: state(page)["pending"] == 1, "the scan kept on the phone")
        assert state(page)["offline"] is True
        [kept] = page.evaluate("ylPhone.pending()")

        shop.server = _server(shop.engine, shop.folder, port)
        wait_for(lambda: state(page)["pending"] == 0, "the kept scan sent", timeout_s=120)
        [row] = rows_for(shop.engine, phone_ref(shop, "Honor X9", kept["ref"]))
        assert (row.code, row.action, row.outcome) == (CODES[1], "check_in", "accepted")
        assert row.workstation == "Honor X9"
    finally:
        browser.close()
