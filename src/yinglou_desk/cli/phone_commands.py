"""``yinglou-desk serve`` and ``yinglou-desk phones list|approve|revoke``: phones as
scanners on a PC without the desk open.

``serve`` runs the phone page over HTTPS (and the plain-HTTP trust page) on every
address of this PC until Ctrl+C, printing where phones go; it holds the database
against a restore, like ``listen``. ``phones approve|revoke`` are a manager's, who
proves it with a password (``--operator``), as at the desk.
"""

from __future__ import annotations

import argparse
import signal
import threading
from collections.abc import Callable
from typing import Any

from yinglou_desk import catalogue
from yinglou_desk.cli.output import CliError, emit, emit_json, say
from yinglou_desk.services.phones.ports import DEFAULT_PORT, TRUST_PORT


def add_parsers(
    sub: Any,
    leaf: Callable[[Any, str, str], argparse.ArgumentParser],
    add_acting: Callable[..., None],
) -> None:
    """``serve`` and the ``phones`` group (called by :func:`yinglou_desk.cli.build_parser`)."""
    serve = leaf(sub, "serve", "phone_web.help.serve")
    serve.add_argument("--port", type=_port, default=DEFAULT_PORT, metavar="PORT")
    serve.add_argument("--trust-port", type=_port, default=TRUST_PORT, metavar="PORT")
    serve.add_argument("--host", default="0.0.0.0", metavar="ADDRESS")
    group = sub.add_parser("phones", help=catalogue.text("phone_web.help.phones"))
    phones_sub = group.add_subparsers(dest="phones_command", metavar="ACTION", required=True)
    listed = leaf(phones_sub, "list", "phone_web.help.list")
    listed.add_argument("--json", action="store_true")
    for action in ("approve", "revoke"):
        parser = leaf(phones_sub, action, f"phone_web.help.{action}")
        parser.add_argument("phone", metavar="NUMBER|NAME")
        add_acting(parser, required=True)


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:  # 0: any free port
        raise argparse.ArgumentTypeError(catalogue.text("phone_web.bad_port", port=text))
    return int(text)


def cmd_serve(args: argparse.Namespace) -> int:
    from yinglou_desk.cli.common import open_database
    from yinglou_desk.services.settings.workstation import this_workstation
    from yinglou_desk.storage.engine import resolve_url
    from yinglou_desk.storage.in_use import DatabaseRestoring, hold_database
    from yinglou_desk.web.server import PhoneServer, ServerNotStarted

    try:
        with hold_database(resolve_url(getattr(args, "db", None)), "serve", this_workstation()):
            engine = open_database(args)
            server = PhoneServer(engine, port=args.port, trust_port=args.trust_port, host=args.host)
            try:
                server.start()
            except ServerNotStarted as error:
                raise CliError(str(error), 5) from None
            say(
                catalogue.text(
                    "phone_web.serving", pairing=server.pairing_url, page=server.page_url
                )
            )
            say(catalogue.text("phone_web.fingerprint", fingerprint=server.ca_fingerprint))
            stop = threading.Event()
            previous = {
                sig: signal.signal(sig, lambda *_: stop.set())
                for sig in (signal.SIGINT, signal.SIGTERM)
            }
            try:
                while not stop.wait(0.5):
                    if not server.running:
                        break
            finally:
                server.stop()
                for sig, handler in previous.items():
                    signal.signal(sig, handler)
            say(catalogue.text("phone_web.stopped"))
            return 0
    except DatabaseRestoring as error:
        raise CliError(str(error), 4) from None


def cmd_list(args: argparse.Namespace) -> int:
    from yinglou_desk.cli.common import open_database
    from yinglou_desk.services.phones.registry import list_phones

    found = list_phones(open_database(args))
    if args.json:
        emit_json(
            [
                {
                    "id": p.id,
                    "name": p.name,
                    "status": p.status,
                    "registered_at": p.registered_at.isoformat(),
                    "approved_by": p.approved_by,
                    "last_seen_at": p.last_seen_at.isoformat() if p.last_seen_at else None,
                    "last_operator": p.last_operator,
                }
                for p in found
            ]
        )
        return 0
    if not found:
        say(catalogue.text("phone_web.none"))
    for p in found:
        seen = (
            p.last_seen_at.astimezone().strftime("%Y-%m-%d %H:%M")
            if p.last_seen_at
            else catalogue.text("phone_web.never")
        )
        emit(
            catalogue.text(
                "phone_web.list_line",
                id=p.id,
                name=p.name,
                status=catalogue.text(f"phone_web.status.{p.status}"),
                seen=seen,
                operator=p.last_operator or "",
            )
        )
    return 0


def _change(args: argparse.Namespace, approve: bool) -> int:
    from yinglou_desk.cli.acting import acting_operator
    from yinglou_desk.cli.common import open_database
    from yinglou_desk.services.phones.registry import (
        PhoneRefused,
        approve_phone,
        find_phone,
        revoke_phone,
    )

    engine = open_database(args)
    operator = acting_operator(engine, args)
    try:
        phone = find_phone(engine, args.phone)
    except PhoneRefused as error:
        raise CliError(str(error), 2) from None
    (approve_phone if approve else revoke_phone)(engine, operator, phone.id)
    key = "phone_web.approved" if approve else "phone_web.revoked_done"
    say(catalogue.text(key, phone=phone.name))
    return 0


HANDLERS = {
    "serve": cmd_serve,
    "phones list": cmd_list,
    "phones approve": lambda args: _change(args, True),
    "phones revoke": lambda args: _change(args, False),
}
