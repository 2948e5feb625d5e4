"""The studio CA and this PC's server certificate: the CA is made once and kept (phones
already trust it), the server certificate follows the PC's addresses and host name, and
a real TLS handshake with a phone's view of it — trusting the CA, or not — succeeds or
fails as it should."""

from __future__ import annotations

import ipaddress
import shutil
import socket
import ssl
import stat
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx2 as httpx
import pytest
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from yinglou_desk.services.phones import addresses
from yinglou_desk.services.phones.certificates import (
    ServerCertificate,
    certificates_folder,
    ensure_certificates,
    fingerprint,
    ssl_context_for,
)

from .helpers.uvicorn_thread import serving

LAN = ["192.168.31.20", "10.0.0.7", "127.0.0.1"]
NOW = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)


def _leaf(cert: ServerCertificate) -> x509.Certificate:
    return x509.load_pem_x509_certificate(cert.cert_path.read_bytes())


def _ca(cert: ServerCertificate) -> x509.Certificate:
    return x509.load_der_x509_certificate(cert.ca_der)


# -- the CA ----------------------------------------------------------------------------------


def test_the_ca_is_made_once_and_kept(tmp_path: Path) -> None:
    first = ensure_certificates(tmp_path, LAN, "studio-pc", now=NOW, studio="光影影楼")
    again = ensure_certificates(tmp_path, ["192.168.1.99"], "other-name", now=NOW)
    later = ensure_certificates(tmp_path, LAN, "studio-pc", now=NOW + timedelta(days=3000))

    assert again.ca_der == first.ca_der == later.ca_der
    assert again.ca_fingerprint_sha256 == first.ca_fingerprint_sha256
    assert first.ca_fingerprint_sha256 == fingerprint(first.ca_der)
    assert len(first.ca_fingerprint_sha256.split(":")) == 32
    assert first.ca_path.read_bytes().startswith(b"-----BEGIN CERTIFICATE-----")


def test_the_ca_can_sign_server_certificates_and_nothing_below_them(tmp_path: Path) -> None:
    ca = _ca(ensure_certificates(tmp_path, LAN, "studio-pc", now=NOW, studio="光影影楼"))
    constraints = ca.extensions.get_extension_for_class(x509.BasicConstraints)
    usage = ca.extensions.get_extension_for_class(x509.KeyUsage)

    assert constraints.critical
    assert constraints.value.ca
    assert constraints.value.path_length == 0
    assert usage.value.key_cert_sign
    assert usage.value.crl_sign
    assert not usage.value.digital_signature
    assert ca.not_valid_after_utc - ca.not_valid_before_utc == timedelta(days=3650)
    assert "光影影楼" in ca.subject.rfc4514_string()


def test_a_ca_missing_its_key_is_set_aside_and_a_new_one_made(tmp_path: Path) -> None:
    first = ensure_certificates(tmp_path, LAN, "studio-pc", now=NOW)
    (tmp_path / "ca" / "ca.key").unlink()

    second = ensure_certificates(tmp_path, LAN, "studio-pc", now=NOW)

    assert second.ca_der != first.ca_der
    assert second.reissued
    assert len(list(tmp_path.glob("ca.broken-*/ca.pem"))) == 1


# -- the server certificate ------------------------------------------------------------------


def test_the_server_certificate_names_every_address_the_host_and_localhost(
    tmp_path: Path,
) -> None:
    cert = ensure_certificates(tmp_path, LAN, "Studio-PC", now=NOW)
    alt = _leaf(cert).extensions.get_extension_for_class(x509.SubjectAlternativeName).value

    ips = {str(ip) for ip in alt.get_values_for_type(x509.IPAddress)}
    dns = set(alt.get_values_for_type(x509.DNSName))
    assert ips == set(LAN)
    assert dns == {"studio-pc", "studio-pc.local", "localhost"}
    assert cert.names == (*LAN, "studio-pc", "studio-pc.local", "localhost")


def test_the_server_certificate_is_for_servers_and_short_lived(tmp_path: Path) -> None:
    cert = ensure_certificates(tmp_path, LAN, "studio-pc", now=NOW)
    leaf = _leaf(cert)

    eku = leaf.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(eku) == [ExtendedKeyUsageOID.SERVER_AUTH]
    assert not leaf.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert leaf.not_valid_after_utc - leaf.not_valid_before_utc <= timedelta(days=397)
    assert leaf.not_valid_before_utc <= NOW < leaf.not_valid_after_utc == cert.not_after
    leaf.verify_directly_issued_by(_ca(cert))
    # the file uvicorn serves holds the leaf, then the CA
    chain = x509.load_pem_x509_certificates(cert.cert_path.read_bytes())
    assert [c.subject for c in chain] == [leaf.subject, _ca(cert).subject]


def test_keys_are_readable_by_this_user_only(tmp_path: Path) -> None:
    cert = ensure_certificates(tmp_path, LAN, "studio-pc", now=NOW)

    for key in (cert.key_path, tmp_path / "ca" / "ca.key"):
        assert stat.S_IMODE(key.stat().st_mode) == 0o600, key
    assert stat.S_IMODE(cert.cert_path.stat().st_mode) == 0o644
    assert not [p for p in tmp_path.rglob(".*") if p.is_file()]  # no temporary left behind


def test_the_server_certificate_is_kept_while_it_fits(tmp_path: Path) -> None:
    first = ensure_certificates(tmp_path, LAN, "studio-pc", now=NOW)
    same = ensure_certificates(tmp_path, LAN, "studio-pc", now=NOW + timedelta(days=300))
    fewer = ensure_certificates(tmp_path, LAN[:1], "studio-pc", now=NOW + timedelta(days=300))

    assert first.reissued
    assert not same.reissued
    assert not fewer.reissued
    assert same.cert_path.read_bytes() == fewer.cert_path.read_bytes()
    assert fewer.names == first.names


def test_a_new_address_or_host_name_reissues_it_under_the_same_ca(tmp_path: Path) -> None:
    first = ensure_certificates(tmp_path, LAN, "studio-pc", now=NOW)
    moved = ensure_certificates(tmp_path, ["192.168.31.77", *LAN], "studio-pc", now=NOW)
    renamed = ensure_certificates(tmp_path, LAN, "front-desk", now=NOW)

    assert moved.reissued
    assert renamed.reissued
    assert "192.168.31.77" in moved.names
    assert "front-desk" in renamed.names
    assert "studio-pc" not in renamed.names
    assert first.ca_der == moved.ca_der == renamed.ca_der
    _leaf(renamed).verify_directly_issued_by(_ca(first))


def test_it_is_reissued_a_month_before_it_expires(tmp_path: Path) -> None:
    first = ensure_certificates(tmp_path, LAN, "studio-pc", now=NOW)
    month_before = first.not_after - timedelta(days=31)

    kept = ensure_certificates(tmp_path, LAN, "studio-pc", now=month_before)
    renewed = ensure_certificates(tmp_path, LAN, "studio-pc", now=month_before + timedelta(days=2))

    assert not kept.reissued
    assert renewed.reissued
    assert renewed.not_after > first.not_after


def test_a_server_certificate_not_matching_its_key_or_the_ca_is_reissued(tmp_path: Path) -> None:
    ensure_certificates(tmp_path, LAN, "studio-pc", now=NOW)
    other = tmp_path / "other"
    stranger = ensure_certificates(other, LAN, "studio-pc", now=NOW)
    (tmp_path / "server.key").write_bytes(stranger.key_path.read_bytes())

    wrong_key = ensure_certificates(tmp_path, LAN, "studio-pc", now=NOW)
    (tmp_path / "server.pem").write_bytes(stranger.cert_path.read_bytes())
    (tmp_path / "server.key").write_bytes(stranger.key_path.read_bytes())
    wrong_ca = ensure_certificates(tmp_path, LAN, "studio-pc", now=NOW)

    assert wrong_key.reissued
    assert wrong_ca.reissued
    _leaf(wrong_ca).verify_directly_issued_by(_ca(wrong_key))


def test_names_a_certificate_cannot_carry_are_left_out(tmp_path: Path) -> None:
    cert = ensure_certificates(tmp_path, ["not an address", "192.168.1.5"], "", now=NOW)

    assert cert.names == ("192.168.1.5", "127.0.0.1", "localhost")


def test_the_folder_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("YINGLOU_PHONE_TLS_DIR", str(tmp_path / "tls"))
    assert certificates_folder() == tmp_path / "tls"
    monkeypatch.delenv("YINGLOU_PHONE_TLS_DIR")
    assert certificates_folder().name == "phone-tls"


# -- real TLS ----------------------------------------------------------------------------------


async def _ping(_request: Request) -> JSONResponse:
    return JSONResponse({"ok": True})


def _handshake(port: int, context: ssl.SSLContext, name: str) -> dict[str, object]:
    with (
        socket.create_connection(("127.0.0.1", port), timeout=10) as raw,
        context.wrap_socket(raw, server_hostname=name) as tls,
    ):
        peer = tls.getpeercert()
        assert peer is not None
        return dict(peer)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[ServerCertificate, int]]:
    cert = ensure_certificates(tmp_path, ["192.168.31.20"], "studio-pc", now=None)
    app = Starlette(routes=[Route("/api/ping", _ping)])
    with serving(app, certfile=cert.cert_path, keyfile=cert.key_path) as port:
        yield cert, port


def test_a_phone_trusting_the_ca_connects_by_any_of_the_names(
    served: tuple[ServerCertificate, int],
) -> None:
    cert, port = served
    trusting = ssl.create_default_context(cafile=str(cert.ca_path))
    assert trusting.check_hostname

    for name in ("127.0.0.1", "localhost", "192.168.31.20", "studio-pc", "studio-pc.local"):
        _handshake(port, trusting, name)
    answer = httpx.get(f"https://localhost:{port}/api/ping", verify=trusting)
    assert answer.json() == {"ok": True}
    answer = httpx.get(f"https://127.0.0.1:{port}/api/ping", verify=trusting)
    assert answer.json() == {"ok": True}


def test_a_name_the_certificate_does_not_carry_is_refused(
    served: tuple[ServerCertificate, int],
) -> None:
    cert, port = served
    trusting = ssl.create_default_context(cafile=str(cert.ca_path))

    with pytest.raises(ssl.SSLCertVerificationError, match="mismatch"):
        _handshake(port, trusting, "192.168.31.21")


def test_a_phone_not_trusting_the_ca_is_refused(
    served: tuple[ServerCertificate, int], tmp_path: Path
) -> None:
    _cert, port = served
    stranger = ensure_certificates(tmp_path / "elsewhere", ["127.0.0.1"], "x", now=None)

    for context in (
        ssl.create_default_context(),
        ssl.create_default_context(cafile=str(stranger.ca_path)),
    ):
        with pytest.raises(ssl.SSLCertVerificationError, match="certificate verify failed"):
            _handshake(port, context, "127.0.0.1")
    with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
        httpx.get(f"https://127.0.0.1:{port}/api/ping")


def test_the_context_for_other_servers_holds_the_chain(tmp_path: Path) -> None:
    cert = ensure_certificates(tmp_path, LAN, "studio-pc", now=None)
    context = ssl_context_for(cert)
    assert context.minimum_version == ssl.TLSVersion.TLSv1_2


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed")
def test_openssl_verifies_the_chain(tmp_path: Path) -> None:
    cert = ensure_certificates(tmp_path, LAN, "studio-pc", now=None)
    leaf = tmp_path / "leaf.pem"
    leaf.write_bytes(cert.cert_path.read_bytes().split(b"-----END CERTIFICATE-----")[0])
    leaf.write_bytes(leaf.read_bytes() + b"-----END CERTIFICATE-----\n")

    for purpose in (["-x509_strict", "-purpose", "sslserver"], []):
        run = subprocess.run(
            ["openssl", "verify", *purpose, "-CAfile", str(cert.ca_path), str(leaf)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert run.returncode == 0, run.stdout + run.stderr
        assert ": OK" in run.stdout
    stranger = ensure_certificates(tmp_path / "elsewhere", LAN, "x", now=None)
    refused = subprocess.run(
        ["openssl", "verify", "-CAfile", str(stranger.ca_path), str(leaf)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert refused.returncode != 0


# -- this PC's addresses -------------------------------------------------------------------


def test_the_addresses_can_be_named_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YINGLOU_PHONE_ADDRESSES", " 192.168.8.2, junk,127.0.0.1 ,10.1.1.1")
    assert addresses.lan_addresses() == ["192.168.8.2", "10.1.1.1", "127.0.0.1"]


def test_the_addresses_found_are_reachable_ones_with_loopback_last(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("YINGLOU_PHONE_ADDRESSES", raising=False)
    found = addresses.lan_addresses()

    assert found[-1] == "127.0.0.1"
    others = [ipaddress.IPv4Address(a) for a in found[:-1]]
    assert not [a for a in others if a.is_loopback or a.is_link_local]
    assert len(set(found)) == len(found)


def test_nothing_found_still_leaves_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """A PC with no network at all (every probe fails) still serves itself."""

    def broken(*_args: object, **_kwargs: object) -> object:
        raise OSError("network is unreachable")

    monkeypatch.delenv("YINGLOU_PHONE_ADDRESSES", raising=False)
    monkeypatch.setattr(addresses.socket, "socket", broken)
    monkeypatch.setattr(addresses.socket, "getaddrinfo", broken)
    monkeypatch.setattr(addresses.shutil, "which", lambda _name: None)

    assert addresses.lan_addresses() == ["127.0.0.1"]


@pytest.mark.parametrize(
    ("system_name", "expected"),
    [
        ("Studio-PC", "studio-pc"),
        ("front.desk.lan.", "front.desk.lan"),
        ("前台电脑", "xn--ldrt3bb08d85j"),
        ("bad_name!", "localhost"),
    ],
)
def test_the_host_name_is_one_a_certificate_can_carry(
    monkeypatch: pytest.MonkeyPatch, system_name: str, expected: str
) -> None:
    monkeypatch.setattr(addresses.socket, "gethostname", lambda: system_name)
    assert addresses.host_name() == expected
