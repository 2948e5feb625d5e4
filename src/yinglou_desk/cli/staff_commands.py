"""``yinglou-desk user list``: the staff accounts, for an admin who proves it.

Badge codes log their holders in, so the list acts like the other ``user``
commands (:func:`~yinglou_desk.cli.acting.staff_actor`): the command line
itself while the studio has no admin yet, an admin with their password after.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from yinglou_desk import catalogue
from yinglou_desk.cli.common import open_database
from yinglou_desk.cli.output import emit, emit_json, say


def cmd_user_list(args: argparse.Namespace) -> int:
    from yinglou_desk.cli.acting import staff_actor
    from yinglou_desk.services.staff.roster import list_staff

    engine = open_database(args)
    staff = list_staff(engine, actor=staff_actor(engine, args))
    if args.json:
        emit_json([member.to_json() for member in staff.members])
    else:
        for member in staff.members:
            state = catalogue.text("staff_page.active" if member.active else "staff_page.disabled")
            role = catalogue.name("role", member.role)
            emit(f"{member.name}\t{role}\t{state}\t{member.badge_code}")
    if staff.total > len(staff.members):
        say(catalogue.text("staff_page.capped", shown=len(staff.members), total=staff.total))
    return 0


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {"user list": cmd_user_list}
