"""The studio CA and this PC's server certificate for the phone page.

Phones give a page the camera only in a secure context, so the page is HTTPS with a
certificate signed by a CA of the studio's own, which each phone installs once. That
CA is therefore made once and never again while its files are there: a new CA would
silently break every phone. The server certificate is cheap and is re-issued whenever
it stops fitting — a new LAN address (DHCP), a renamed PC, a month before it expires —
and whenever it no longer belongs to the CA or to its key.

Files, in :func:`certificates_folder`::

    ca/ca.pem  ca/ca.key      the studio CA (the folder appears at once, complete)
    server.pem server.key     the server certificate (leaf, then the CA) and its key

Keys are written 0600, every file through a temporary file and a rename, so a reader
never sees half a file.
"""

from __future__ import annotations

import contextlib
import hashlib
import ipaddress
import os
import plistlib
import shutil
import ssl
import tempfile
import threading
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from platformdirs import user_data_dir

from yinglou_desk import catalogue

ENV_FOLDER = "YINGLOU_PHONE_TLS_DIR"
CA_VALIDITY = timedelta(days=3650)
SERVER_VALIDITY = timedelta(days=397)
"""Chrome and iOS refuse a server certificate valid for more than 398 days."""
RENEW_BEFORE = timedelta(days=30)
BACKDATE = timedelta(days=1)
"""A phone whose clock runs behind the PC's must not see a certificate from its future."""
PROFILE_NAMESPACE = uuid.UUID("6c2a9f0e-3b1d-5e7a-9c44-1f0d8b2e7a61")

_lock = threading.Lock()


@dataclass(frozen=True)
class ServerCertificate:
    """What the servers and the trust page need: uvicorn takes ``cert_path`` and
    ``key_path``; the trust page hands out ``ca_der``; the desk shows the fingerprint."""

    cert_path: Path
    key_path: Path
    ca_path: Path
    ca_der: bytes
    ca_fingerprint_sha256: str
    names: tuple[str, ...]
    not_after: datetime
    reissued: bool


def certificates_folder() -> Path:
    override = os.environ.get(ENV_FOLDER)
    if override:
        return Path(override)
    return Path(user_data_dir("yinglou-desk", appauthor=False)) / "phone-tls"


def ensure_certificates(
    folder: Path,
    addresses: Sequence[str],
    host: str,
    *,
    now: datetime | None = None,
    studio: str = "",
) -> ServerCertificate:
    """The CA (made only if it is not there) and a server certificate naming every one
    of ``addresses``, ``host`` (and ``host.local``), ``127.0.0.1`` and ``localhost``.

    ``studio`` names the CA when it is made (the host name if empty); an existing CA
    keeps its name. Addresses or a host name a certificate cannot carry are left out.
    """
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    wanted = _names(addresses, host)
    with _lock:
        folder.mkdir(parents=True, exist_ok=True)
        ca_cert, ca_key = _load_or_make_ca(
            folder, moment, studio or host or catalogue.text("phone_trust.unnamed_studio")
        )
        cert_path, key_path = folder / "server.pem", folder / "server.key"
        current = _current_server(cert_path, key_path, ca_cert)
        reissued = current is None or not _fits(current, wanted, moment)
        if current is None or reissued:
            current = _issue_server(cert_path, key_path, ca_cert, ca_key, wanted, moment)
    ca_der = ca_cert.public_bytes(serialization.Encoding.DER)
    return ServerCertificate(
        cert_path=cert_path,
        key_path=key_path,
        ca_path=folder / "ca" / "ca.pem",
        ca_der=ca_der,
        ca_fingerprint_sha256=fingerprint(ca_der),
        names=_cert_names(current),
        not_after=current.not_valid_after_utc,
        reissued=reissued,
    )


@dataclass(frozen=True)
class InstalledCertificate:
    """What :func:`installed_certificate` found, read without making or replacing anything.

    ``state``: ``"present"`` (a server certificate signed by the CA beside it),
    ``"no_ca"`` (no usable CA: every phone must install a new one once it is made),
    ``"no_server"`` (the CA but no usable server certificate yet) or ``"not_signed"``
    (a server certificate this CA did not sign, or not matching its key).
    """

    state: str
    names: tuple[str, ...] = ()
    not_before: datetime | None = None
    not_after: datetime | None = None
    ca_fingerprint_sha256: str = ""


def installed_certificate(folder: Path) -> InstalledCertificate:
    """The CA and server certificate in ``folder`` as they are (for the self-check)."""
    ca = _load_pair(folder / "ca" / "ca.pem", folder / "ca" / "ca.key")
    if ca is None:
        return InstalledCertificate("no_ca")
    ca_print = fingerprint(ca[0].public_bytes(serialization.Encoding.DER))
    cert_path, key_path = folder / "server.pem", folder / "server.key"
    if _load_pair(cert_path, key_path) is None:
        return InstalledCertificate("no_server", ca_fingerprint_sha256=ca_print)
    current = _current_server(cert_path, key_path, ca[0])
    if current is None:
        return InstalledCertificate("not_signed", ca_fingerprint_sha256=ca_print)
    return InstalledCertificate(
        "present",
        names=_cert_names(current),
        not_before=current.not_valid_before_utc,
        not_after=current.not_valid_after_utc,
        ca_fingerprint_sha256=ca_print,
    )


def names_wanted(addresses: Sequence[str], host: str) -> tuple[str, ...]:
    """Every name the server certificate must carry for these addresses and host name."""
    return _names(addresses, host)


def fingerprint(der: bytes) -> str:
    """SHA-256 as phones show it: upper-case hex pairs joined by colons."""
    return ":".join(f"{b:02X}" for b in hashlib.sha256(der).digest())


def ssl_context_for(cert: ServerCertificate) -> ssl.SSLContext:
    """A server-side context (TLS 1.2 or newer) for a server that takes one."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(cert.cert_path, cert.key_path)
    return context


def ios_profile(ca_der: bytes, studio: str) -> bytes:
    """An (unsigned) configuration profile that installs the CA on an iPhone.

    Its UUIDs derive from the CA's fingerprint, so downloading it again replaces the
    same profile instead of adding a second one.
    """
    studio_name = studio or catalogue.text("phone_trust.unnamed_studio")
    print_ = fingerprint(ca_der).replace(":", "")
    identifier = f"local.yinglou-desk.phone-ca.{print_[:16].lower()}"
    name = catalogue.text("phone_trust.profile_name", studio=studio_name)
    description = catalogue.text("phone_trust.profile_description")
    payload = {
        "PayloadCertificateFileName": "yinglou-ca.cer",
        "PayloadContent": ca_der,
        "PayloadDescription": description,
        "PayloadDisplayName": _common_name(x509.load_der_x509_certificate(ca_der)) or name,
        "PayloadIdentifier": f"{identifier}.root",
        "PayloadType": "com.apple.security.root",
        "PayloadUUID": str(uuid.uuid5(PROFILE_NAMESPACE, f"root:{print_}")).upper(),
        "PayloadVersion": 1,
    }
    profile = {
        "PayloadContent": [payload],
        "PayloadDescription": description,
        "PayloadDisplayName": name,
        "PayloadIdentifier": identifier,
        "PayloadOrganization": studio_name,
        "PayloadRemovalDisallowed": False,
        "PayloadType": "Configuration",
        "PayloadUUID": str(uuid.uuid5(PROFILE_NAMESPACE, f"profile:{print_}")).upper(),
        "PayloadVersion": 1,
    }
    return plistlib.dumps(profile, fmt=plistlib.FMT_XML)


def ca_common_name(ca_der: bytes) -> str:
    """The CA's name as phones list it (iOS's 证书信任设置 shows it)."""
    return _common_name(x509.load_der_x509_certificate(ca_der))


# -- the CA ---------------------------------------------------------------------------------


def _load_or_make_ca(
    folder: Path, moment: datetime, studio: str
) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    ca_folder = folder / "ca"
    loaded = _load_pair(ca_folder / "ca.pem", ca_folder / "ca.key")
    if loaded is not None:
        return loaded
    if ca_folder.exists():
        # Half a CA (a file lost or spoilt) cannot sign: keep it aside, make a new one.
        ca_folder.rename(folder / f"ca.broken-{moment:%Y%m%d%H%M%S}-{uuid.uuid4().hex[:8]}")
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(
                NameOID.COMMON_NAME,
                catalogue.text("phone_trust.ca_name", studio=studio)[:64],
            ),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, studio[:64] or "yinglou-desk"),
        ]
    )
    public = key.public_key()
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(moment - BACKDATE)
        .not_valid_after(moment - BACKDATE + CA_VALIDITY)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )
    # The CA appears as a whole folder (0700, as mkdtemp makes it) by one rename: two
    # programs starting at once cannot end up with one's key beside the other's certificate.
    staging = Path(tempfile.mkdtemp(prefix=".ca-", dir=folder))
    _write(staging / "ca.key", _key_pem(key), private=True)
    _write(staging / "ca.pem", cert.public_bytes(serialization.Encoding.PEM), private=False)
    try:
        staging.rename(ca_folder)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
        loaded = _load_pair(ca_folder / "ca.pem", ca_folder / "ca.key")
        if loaded is None:
            raise
        return loaded
    return cert, key


# -- the server certificate -----------------------------------------------------------------


def _current_server(
    cert_path: Path, key_path: Path, ca_cert: x509.Certificate
) -> x509.Certificate | None:
    """The server certificate on disk if it is whole, matches its key and was signed by
    this CA; None when it must be made anew."""
    loaded = _load_pair(cert_path, key_path)
    if loaded is None:
        return None
    cert = loaded[0]
    if cert.issuer != ca_cert.subject:
        return None
    try:
        cert.verify_directly_issued_by(ca_cert)
    except (ValueError, TypeError, InvalidSignature):
        return None
    return cert


def _fits(cert: x509.Certificate, wanted: tuple[str, ...], moment: datetime) -> bool:
    return (
        set(wanted) <= set(_cert_names(cert))
        and cert.not_valid_before_utc <= moment
        and cert.not_valid_after_utc - moment > RENEW_BEFORE
    )


def _issue_server(
    cert_path: Path,
    key_path: Path,
    ca_cert: x509.Certificate,
    ca_key: ec.EllipticCurvePrivateKey,
    names: tuple[str, ...],
    moment: datetime,
) -> x509.Certificate:
    key = ec.generate_private_key(ec.SECP256R1())
    alt_names: list[x509.GeneralName] = []
    for name in names:
        try:
            alt_names.append(x509.IPAddress(ipaddress.ip_address(name)))
        except ValueError:
            alt_names.append(x509.DNSName(name))
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0][:64])])
    ca_ski = ca_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(moment - BACKDATE)
        .not_valid_after(moment - BACKDATE + SERVER_VALIDITY)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectAlternativeName(alt_names), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    # The key first: a certificate on disk always finds its key beside it.
    _write(key_path, _key_pem(key), private=True)
    chain = cert.public_bytes(serialization.Encoding.PEM) + ca_cert.public_bytes(
        serialization.Encoding.PEM
    )
    _write(cert_path, chain, private=False)
    return cert


def _names(addresses: Sequence[str], host: str) -> tuple[str, ...]:
    """Addresses first (the QR code's), then 127.0.0.1, the host's names and localhost;
    what a certificate cannot carry is left out, each name once."""
    found: list[str] = []
    for text in addresses:
        try:
            found.append(str(ipaddress.ip_address(text.strip())))
        except ValueError:
            continue
    found.append("127.0.0.1")  # like localhost: the PC itself may always open the page
    host = host.strip().rstrip(".").lower()
    if host and host.isascii() and all(part for part in host.split(".")):
        found.append(host)
        if "." not in host and host != "localhost":
            found.append(f"{host}.local")  # the PC's own name over mDNS (Bonjour)
    found.append("localhost")
    return tuple(dict.fromkeys(found))


def _cert_names(cert: x509.Certificate) -> tuple[str, ...]:
    try:
        alt = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return ()
    names: list[str] = []
    for general in alt:
        if isinstance(general, x509.IPAddress):
            names.append(str(general.value))
        elif isinstance(general, x509.DNSName):
            names.append(general.value)
    return tuple(names)


# -- files ----------------------------------------------------------------------------------


def _load_pair(
    cert_path: Path, key_path: Path
) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey] | None:
    """A certificate and its key, or None when either is missing, spoilt or not the
    other's."""
    try:
        cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError):
        return None
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        return None
    if key.public_key() != cert.public_key():
        return None
    return cert, key


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _write(path: Path, data: bytes, *, private: bool) -> None:
    """Write through a temporary file beside ``path`` and a rename (mkstemp makes it 0600
    from the start, so a key is never readable by others, not even for a moment)."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if not private:
            os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _common_name(cert: x509.Certificate) -> str:
    values = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(values[0].value) if values else ""
