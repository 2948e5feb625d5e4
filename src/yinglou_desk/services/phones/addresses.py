"""This PC's addresses on the studio's network and its host name.

The phone page's certificate must name every address a phone may type or scan, and the
QR code on the desk shows the first one, so the address of the interface that carries
the default route (the one Wi-Fi phones most likely share) comes first. Finding them
must never fail the desk: every probe here swallows its own errors, and
``YINGLOU_PHONE_ADDRESSES`` (comma-separated) settles the matter on odd networks and in
tests.
"""

from __future__ import annotations

import ipaddress
import os
import re
import shutil
import socket
import subprocess

ENV_ADDRESSES = "YINGLOU_PHONE_ADDRESSES"
LOOPBACK = "127.0.0.1"

_DNS_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_IP_INET = re.compile(r"\binet\s+(\d{1,3}(?:\.\d{1,3}){3})")


def lan_addresses() -> list[str]:
    """IPv4 addresses others on the LAN can reach, best first, ``127.0.0.1`` last.

    Loopback and link-local (169.254.x: no DHCP answer) are left out; ``127.0.0.1``
    is always appended so the PC itself can open the page.
    """
    override = os.environ.get(ENV_ADDRESSES, "").strip()
    if override:
        found = [_valid(part) for part in override.split(",")]
        return _with_loopback([a for a in found if a])
    found = [_route_address(), *_ip_command_addresses(), *_host_name_addresses()]
    return _with_loopback([a for a in found if a and _reachable(a)])


def host_name() -> str:
    """This PC's host name as a DNS name a certificate may carry (lower case, A-labels);
    ``localhost`` when the system's name cannot be written as one."""
    try:
        raw = socket.gethostname().strip().rstrip(".").lower()
    except OSError:
        return "localhost"
    labels = []
    for label in raw.split("."):
        try:
            ascii_label = label.encode("idna").decode("ascii")
        except UnicodeError:
            return "localhost"
        if not _DNS_LABEL.match(ascii_label):
            return "localhost"
        labels.append(ascii_label)
    name = ".".join(labels)
    return name if labels and len(name) <= 253 else "localhost"


def _with_loopback(addresses: list[str]) -> list[str]:
    unique = list(dict.fromkeys(a for a in addresses if a != LOOPBACK))
    return [*unique, LOOPBACK]


def _valid(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def _reachable(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return ip.version == 4 and not (
        ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_unspecified
    )


def _route_address() -> str | None:
    """The source address the system would use towards the LAN: connecting a UDP socket
    sends nothing, it only picks the route."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.255.255.255", 1))
            return str(probe.getsockname()[0])
    except OSError:
        return None


def _ip_command_addresses() -> list[str]:
    """Every interface's address on Linux (``ip -4 -o addr``), e.g. wired and Wi-Fi."""
    ip = shutil.which("ip")
    if ip is None:
        return []
    try:
        run = subprocess.run(
            [ip, "-4", "-o", "addr", "show"],
            capture_output=True,
            text=True,
            timeout=3,
            check=False,
        )
    except (OSError, subprocess.SubprocessError, ValueError):
        return []
    if run.returncode != 0:
        return []
    return _IP_INET.findall(run.stdout)


def _host_name_addresses() -> list[str]:
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except (OSError, UnicodeError):
        return []
    return [str(info[4][0]) for info in infos]
