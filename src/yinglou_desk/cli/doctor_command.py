"""``yinglou-desk doctor``: the self-check, for a studio or its IT person on the phone.

Prints one line per check — ✔ 正常, ！注意, ✘ 故障 — with what to do under each that
is not right; ``--json`` gives programs the same list. Nothing is changed: the database
is not migrated, certificates are not made. Exit 0 when nothing fails, 1 when a check
fails (warnings alone do not).

Sound and printers are asked of Qt on its off-screen platform (no display needed);
where Qt cannot start, those two lines say they could not be checked.
"""

from __future__ import annotations

import argparse
from datetime import datetime

from yinglou_desk import __version__, catalogue
from yinglou_desk.cli.output import emit, emit_json


def cmd_doctor(args: argparse.Namespace) -> int:
    from yinglou_desk.services.checkup import Status, plain_text, run_checks
    from yinglou_desk.services.settings.workstation import this_workstation
    from yinglou_desk.storage.engine import resolve_url
    from yinglou_desk.ui.checkup_devices import command_line_probes

    url = resolve_url(getattr(args, "db", None))
    checks = run_checks(url, command_line_probes())
    if args.json:
        emit_json([check.to_json() for check in checks])
    else:
        heading = catalogue.text(
            "checkup.heading",
            program=catalogue.text("app.title"),
            version=__version__,
            when=datetime.now().astimezone().strftime("%Y-%m-%d %H:%M"),
            workstation=this_workstation(),
        )
        emit(plain_text(checks, heading))
    return 1 if any(check.status is Status.FAIL for check in checks) else 0


HANDLERS = {"doctor": cmd_doctor}
