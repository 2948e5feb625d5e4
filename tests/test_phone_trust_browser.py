"""The trust page's own check, in a real Chromium: a browser that trusts the server
certificate is told so and offered the scanning page; one that does not is told to
install the CA. The HTTPS side here is a stand-in answering ``/api/ping`` the way the
phone app must (``Access-Control-Allow-Origin`` for the trust page's origin)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from yinglou_desk import catalogue
from yinglou_desk.services.phones.certificates import ServerCertificate, ensure_certificates
from yinglou_desk.web.trust import trust_app

from .helpers.phone_browser import chromium, spki_pin
from .helpers.uvicorn_thread import serving

pytestmark = pytest.mark.slow


def _https_side(trust_origin: list[str]) -> Starlette:
    async def ping(request: Request) -> JSONResponse:
        origin = request.headers.get("origin", "")
        allowed = {"Access-Control-Allow-Origin": origin} if origin in trust_origin else {}
        return JSONResponse({"ok": True}, headers=allowed)

    return Starlette(routes=[Route("/api/ping", ping)])


@pytest.fixture
def servers(tmp_path: Path) -> Iterator[tuple[ServerCertificate, int, int, list[str]]]:
    cert = ensure_certificates(tmp_path / "tls", ["127.0.0.1"], "localhost")
    origins: list[str] = []
    with serving(
        _https_side(origins), certfile=cert.cert_path, keyfile=cert.key_path
    ) as https_port:
        trust = trust_app(
            https_port=https_port,
            ca_der=cert.ca_der,
            studio="光影影楼",
            fingerprint=cert.ca_fingerprint_sha256,
        )
        with serving(trust) as trust_port:
            origins.append(f"http://127.0.0.1:{trust_port}")
            yield cert, https_port, trust_port, origins


@contextmanager
def _open(tmp_path: Path, trust_port: int, pins: list[str]) -> Iterator[Page]:
    """The trust page in a fresh Chromium with an empty profile of its own, trusting the
    certificates whose keys are ``pins``."""
    with sync_playwright() as playwright:
        browser = chromium(playwright, None, pins=pins, user_data_dir=tmp_path / "profile")
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(f"http://127.0.0.1:{trust_port}/")
            yield page
            # a refused check may log its failed fetch; a policy refusal never
            assert not [e for e in errors if "Content Security Policy" in e], errors
        finally:
            browser.close()


def test_a_browser_trusting_the_certificate_is_sent_on(
    servers: tuple[ServerCertificate, int, int, list[str]], tmp_path: Path
) -> None:
    cert, https_port, trust_port, _origins = servers
    pin = spki_pin(cert.cert_path.read_bytes())
    with _open(tmp_path, trust_port, [pin]) as page:
        expect(page.locator("#trusted")).to_be_visible(timeout=30_000)
        expect(page.locator("#trusted")).to_contain_text(catalogue.text("phone_trust.trusted"))
        expect(page.locator("#untrusted")).to_be_hidden()
        expect(page.locator("#open")).to_have_attribute("href", f"https://127.0.0.1:{https_port}/")


def test_a_browser_not_trusting_it_is_asked_to_install_the_ca(
    servers: tuple[ServerCertificate, int, int, list[str]], tmp_path: Path
) -> None:
    _cert, _https_port, trust_port, _origins = servers
    with _open(tmp_path, trust_port, []) as page:
        expect(page.locator("#untrusted")).to_be_visible(timeout=30_000)
        expect(page.locator("#untrusted")).to_contain_text(
            catalogue.text("phone_trust.not_trusted")
        )
        expect(page.locator("#trusted")).to_be_hidden()
        page.locator("#again").click()  # checking again asks again, with the same answer
        expect(page.locator("#untrusted")).to_be_visible(timeout=30_000)


def test_the_https_side_must_allow_the_trust_page_to_ask(
    servers: tuple[ServerCertificate, int, int, list[str]], tmp_path: Path
) -> None:
    """Without ``Access-Control-Allow-Origin`` the check cannot read the answer, and even
    a trusting phone is told it does not trust: the phone app's ``/api/ping`` must send it."""
    cert, _https_port, trust_port, origins = servers
    origins.clear()
    pin = spki_pin(cert.cert_path.read_bytes())
    with _open(tmp_path, trust_port, [pin]) as page:
        expect(page.locator("#untrusted")).to_be_visible(timeout=30_000)
