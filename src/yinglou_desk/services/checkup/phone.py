"""The phone server's certificate (手机理件): there, valid, naming this PC's addresses,
and the address phones open. Read only — the server itself re-issues a certificate
that no longer fits when it starts."""

from __future__ import annotations

from yinglou_desk.services.checkup.probes import Probes
from yinglou_desk.services.checkup.report import Check, Status
from yinglou_desk.services.phones.certificates import installed_certificate, names_wanted
from yinglou_desk.services.phones.ports import TRUST_PORT
from yinglou_desk.services.settings.this_pc import PcSettings


def phone_check(settings: PcSettings, probes: Probes) -> Check:
    if not settings.phone_server:
        return Check("phone_cert", Status.OK, "checkup.phone_cert.off")
    folder = probes.phone_folder()
    addresses = probes.phone_addresses()
    first = addresses[0] if addresses else "127.0.0.1"
    where = {
        "folder": str(folder),
        "url": f"https://{first}:{settings.phone_port}/",
        "trust_url": f"http://{first}:{TRUST_PORT}/",
    }
    found = installed_certificate(folder)
    if found.state == "no_ca":
        return Check(
            "phone_cert",
            Status.FAIL,
            "checkup.phone_cert.no_ca",
            where,
            "checkup.advice.phone_new_ca",
        )
    if found.state != "present" or found.not_after is None:
        return Check(
            "phone_cert",
            Status.FAIL,
            "checkup.phone_cert.missing",
            where,
            "checkup.advice.phone_renew",
        )
    now = probes.now()
    params = {
        **where,
        "until": found.not_after.astimezone().strftime("%Y-%m-%d"),
        "fingerprint": found.ca_fingerprint_sha256[:23],
    }
    if found.not_after <= now or (found.not_before is not None and found.not_before > now):
        return Check(
            "phone_cert",
            Status.FAIL,
            "checkup.phone_cert.expired",
            params,
            "checkup.advice.phone_renew",
        )
    missing = [n for n in names_wanted(addresses, probes.phone_host()) if n not in found.names]
    if missing:
        return Check(
            "phone_cert",
            Status.WARN,
            "checkup.phone_cert.addresses",
            {**params, "missing": missing},
            "checkup.advice.phone_renew",
        )
    return Check("phone_cert", Status.OK, "checkup.phone_cert.ok", params)
