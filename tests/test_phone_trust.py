"""The plain-HTTP trust page: in the studio's language, with the CA for Android, the
profile for iPhones, the install steps and the fingerprint, nothing cached, nothing
loaded from elsewhere — and the files it hands out are the studio CA itself."""

from __future__ import annotations

import base64
import hashlib
import html
import plistlib
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx2 as httpx
import pytest
from cryptography import x509

from yinglou_desk import catalogue
from yinglou_desk.services.phones.certificates import (
    ServerCertificate,
    ensure_certificates,
    ios_profile,
)
from yinglou_desk.web.trust import trust_app

from .helpers.uvicorn_thread import serving

HAN = re.compile(r"[\u3400-\u9fff]")
PAGE_KEYS = (
    "phone_trust.intro",
    "phone_trust.checking",
    "phone_trust.trusted",
    "phone_trust.open_scanner",
    "phone_trust.not_trusted",
    "phone_trust.check_again",
    "phone_trust.without_trust",
    "phone_trust.android_download",
    "phone_trust.android_step_2",
    "phone_trust.ios_download",
    "phone_trust.ios_step_2",
    "phone_trust.fingerprint",
)


@pytest.fixture
def certificate(tmp_path: Path) -> ServerCertificate:
    return ensure_certificates(tmp_path, ["192.168.31.20"], "studio-pc", studio="Lens")


@contextmanager
def _client(cert: ServerCertificate, studio: str = "光影影楼") -> Iterator[httpx.Client]:
    """The trust page on plain HTTP, asked as a phone that opened ``192.168.31.20:8080``."""
    app = trust_app(
        https_port=8443,
        ca_der=cert.ca_der,
        studio=studio,
        fingerprint=cert.ca_fingerprint_sha256,
    )
    with (
        serving(app) as port,
        httpx.Client(
            base_url=f"http://127.0.0.1:{port}", headers={"Host": "192.168.31.20:8080"}
        ) as client,
    ):
        yield client


def _escaped(key: str, lang: str, **params: object) -> str:
    return html.escape(catalogue.text(key, lang, **params))


def test_the_page_speaks_chinese_by_default(certificate: ServerCertificate) -> None:
    with _client(certificate) as client:
        page = client.get("/")

    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert '<html lang="zh-CN">' in page.text
    for key in PAGE_KEYS:
        assert _escaped(key, "zh") in page.text, key
    assert _escaped("phone_trust.title", "zh", studio="光影影楼") in page.text
    assert certificate.ca_fingerprint_sha256 in page.text
    ca_name = "Lens 手机理件 CA"
    assert _escaped("phone_trust.ios_step_3", "zh", name=ca_name) in page.text


def test_the_page_speaks_english_when_asked(
    certificate: ServerCertificate, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("YINGLOU_LANG", "en")
    with _client(certificate, studio="Lens & Light") as client:
        page = client.get("/")

    assert '<html lang="en">' in page.text
    for key in PAGE_KEYS:
        assert _escaped(key, "en") in page.text, key
    assert "Lens &amp; Light" in page.text
    # the only Chinese left is the CA's own name, fixed when the CA was made
    assert HAN.findall(page.text.replace("Lens 手机理件 CA", "")) == []


def test_the_page_loads_nothing_from_elsewhere_and_is_never_cached(
    certificate: ServerCertificate,
) -> None:
    with _client(certificate) as client:
        answer = client.get("/")
    policy = answer.headers["content-security-policy"]

    assert answer.headers["cache-control"] == "no-store"
    assert "default-src 'none'" in policy
    assert "connect-src https://192.168.31.20:8443" in policy
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", answer.text)
    # the inline script and style are exactly those the policy allows to run
    for tag, directive in (("script", "script-src"), ("style", "style-src")):
        body = re.search(rf"<{tag}>(.*?)</{tag}>", answer.text, re.S)
        assert body is not None
        digest = base64.b64encode(hashlib.sha256(body.group(1).encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in policy


def test_the_check_asks_the_https_side_at_the_same_address(
    certificate: ServerCertificate,
) -> None:
    with _client(certificate) as client:
        page = client.get("/").text

    assert 'data-https-port="8443"' in page
    assert '"https://" + location.hostname + ":" + port' in page
    assert 'target + "/api/ping", {mode: "cors"' in page
    assert 'href="/ca.crt"' in page
    assert 'href="/yinglou.mobileconfig"' in page


def test_android_gets_the_ca_itself(certificate: ServerCertificate) -> None:
    with _client(certificate) as client:
        der = client.get("/ca.crt")
        pem = client.get("/ca.pem")

    assert der.headers["content-type"] == "application/x-x509-ca-cert"
    assert der.headers["cache-control"] == "no-store"
    assert der.content == certificate.ca_der
    ca = x509.load_der_x509_certificate(der.content)
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert x509.load_pem_x509_certificate(pem.content) == ca
    assert pem.content == certificate.ca_path.read_bytes()


def test_an_iphone_gets_a_profile_holding_the_ca(
    certificate: ServerCertificate, tmp_path: Path
) -> None:
    with _client(certificate) as client:
        answer = client.get("/yinglou.mobileconfig")

    assert answer.headers["content-type"] == "application/x-apple-aspen-config"
    profile = plistlib.loads(answer.content)
    (root,) = profile["PayloadContent"]
    assert profile["PayloadType"] == "Configuration"
    assert root["PayloadType"] == "com.apple.security.root"
    assert root["PayloadContent"] == certificate.ca_der
    assert profile["PayloadDisplayName"] == catalogue.text(
        "phone_trust.profile_name", "zh", studio="光影影楼"
    )
    assert uuid.UUID(profile["PayloadUUID"]) != uuid.UUID(root["PayloadUUID"])

    # the same CA gives the same profile (installing it again replaces it); another CA not
    again = plistlib.loads(ios_profile(certificate.ca_der, "光影影楼"))
    other_ca = ensure_certificates(tmp_path / "other", ["10.0.0.2"], "x").ca_der
    other = plistlib.loads(ios_profile(other_ca, "光影影楼"))
    assert again["PayloadUUID"] == profile["PayloadUUID"]
    assert again["PayloadContent"][0]["PayloadUUID"] == root["PayloadUUID"]
    assert other["PayloadUUID"] != profile["PayloadUUID"]
    assert other["PayloadIdentifier"] != profile["PayloadIdentifier"]


def test_only_the_page_and_the_three_files_are_served(certificate: ServerCertificate) -> None:
    with _client(certificate) as client:
        assert client.get("/api/ping").status_code == 404
        assert client.get("/ca.key").status_code == 404
        assert client.post("/").status_code == 405
