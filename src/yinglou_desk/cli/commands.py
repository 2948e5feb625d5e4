"""Handlers for the core commands: database, demo, operators, vendors, import, scan, show."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from yinglou_desk import catalogue
from yinglou_desk.cli.common import open_database, print_scan, scan_session_from
from yinglou_desk.cli.output import CliError, emit, emit_json, say
from yinglou_desk.domain.codes import decode_scanned
from yinglou_desk.domain.states import ScanOutcome
from yinglou_desk.services.staff.audit import command_line_actor, command_line_user

if TYPE_CHECKING:
    from yinglou_desk.services.orders.importing import ImportReport

log = logging.getLogger(__name__)


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from yinglou_desk.storage.engine import redacted
    from yinglou_desk.storage.migrate import current_revision

    engine = open_database(args)
    revision, url = current_revision(engine), redacted(str(engine.url))
    say(catalogue.text("cli.db_current", revision=revision, url=url))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from yinglou_desk.demo.studio import DEMO_OPERATORS, generate_demo
    from yinglou_desk.services.staff.operators import demo_badge_codes

    if not 1 <= args.orders <= 2_000_000:
        raise CliError(catalogue.text("cli.demo_orders_range"), 2)
    engine = open_database(args)
    report = generate_demo(
        engine,
        args.orders,
        seed=args.seed,
        progress=_progress_printer(catalogue.text("cli.demo_progress")),
    )
    say(
        catalogue.text(
            "cli.demo_done", orders=report.orders, items=report.items, scans=report.scans
        )
    )
    badges = demo_badge_codes(engine, report.operators_created)
    for name, role, password in DEMO_OPERATORS:
        if name in badges:
            role_name = catalogue.name("role", role)
            say(
                catalogue.text(
                    "cli.demo_account",
                    name=name,
                    role=role_name,
                    password=password,
                    badge=badges[name],
                )
            )
    return 0


def _progress_printer(label: str) -> Callable[[int, int], None]:
    def show(done: int, total: int) -> None:
        if sys.stderr.isatty():
            sys.stderr.write(f"\r{label} {done}/{total}")
            if done >= total:
                sys.stderr.write("\n")
            sys.stderr.flush()

    return show


def cmd_user_add(args: argparse.Namespace) -> int:
    from yinglou_desk.cli.acting import staff_actor
    from yinglou_desk.services.staff.operators import OperatorError, add_operator

    password = sys.stdin.readline().rstrip("\r\n")  # the NEW operator's password
    engine = open_database(args)
    actor = staff_actor(engine, args, stdin_taken=True)
    try:
        operator = add_operator(engine, args.name, args.role, password, actor=actor)
    except OperatorError as error:
        raise CliError(str(error), 2) from None
    role = catalogue.name("role", operator.role)
    say(catalogue.text("cli.user_added", name=operator.name, role=role))
    emit(operator.badge_code)
    return 0


def cmd_user_disable(args: argparse.Namespace) -> int:
    from yinglou_desk.cli.acting import staff_actor
    from yinglou_desk.services.staff.operators import OperatorError, disable_operator

    engine = open_database(args)
    try:
        disable_operator(engine, args.name, actor=staff_actor(engine, args))
    except OperatorError as error:
        raise CliError(str(error), 2) from None
    say(catalogue.text("cli.user_disabled", name=args.name))
    return 0


def cmd_user_new_badge(args: argparse.Namespace) -> int:
    from yinglou_desk.cli.acting import staff_actor
    from yinglou_desk.services.staff.operators import OperatorError, new_badge

    engine = open_database(args)
    try:
        badge = new_badge(engine, args.name, actor=staff_actor(engine, args))
    except OperatorError as error:
        raise CliError(str(error), 2) from None
    say(catalogue.text("cli.badge_renewed", name=args.name))
    emit(badge)
    return 0


def cmd_vendor_add(args: argparse.Namespace) -> int:
    from yinglou_desk.services.settings.vendors import (
        VendorError,
        add_or_update_vendor,
        set_product_turnaround,
    )

    engine = open_database(args)
    if args.product:
        if args.turnaround_days is None:
            raise CliError(catalogue.text("cli.product_needs_days"), 2)
        try:
            set_product_turnaround(
                engine, args.name, args.product, args.turnaround_days, actor=command_line_actor()
            )
        except VendorError as error:
            raise CliError(str(error), 2) from None
        say(
            catalogue.text(
                "cli.product_turnaround",
                vendor=args.name,
                product=args.product,
                days=args.turnaround_days,
            )
        )
        return 0
    try:
        vendor, created = add_or_update_vendor(
            engine, args.name, args.turnaround_days, actor=command_line_actor()
        )
    except VendorError as error:
        raise CliError(str(error), 2) from None
    key = "cli.vendor_added" if created else "cli.vendor_exists"
    say(catalogue.text(key, name=vendor.name, days=vendor.turnaround_days))
    return 0


def cmd_import_orders(args: argparse.Namespace) -> int:
    """``import orders``: 0 imported or checked, 1 refused, 3 changes await ``--apply-changes``."""
    from yinglou_desk.services.orders.importing import ImportRefused, import_orders
    from yinglou_desk.services.orders.reimport import describe

    engine = open_database(args)
    try:
        report = import_orders(
            engine,
            Path(args.file),
            dry_run=args.dry_run,
            apply_changes=args.apply_changes,
            operator=args.operator or command_line_user(),  # name only, as scans
            progress=_progress_printer(catalogue.text("cli.import_progress")),
            actor=command_line_actor(),
        )
    except ImportRefused as error:
        if args.json:
            emit_json(
                {
                    "file": args.file,
                    "ok": False,
                    "imported": False,
                    "dry_run": args.dry_run,
                    "errors": [{"row": None, "column": None, "message": str(error)}],
                }
            )
        raise CliError(str(error), 2) from None
    if args.json:
        emit_json(report.to_json())
    _say_sheets(report)
    for problem in report.errors:
        say(str(problem))
    if not report.ok:
        say(catalogue.text("cli.import_refused", n=len(report.errors)))
        return 1
    for change in report.changes:
        say(describe(change))
    for kept in report.prices_kept:  # a sheet never overwrites a price already set
        say(
            catalogue.text(
                "payments.import.price_kept",
                order_no=kept.order_no,
                new=f"{kept.new:,.2f}",
                old=f"{kept.old:,.2f}",
            )
        )
    counts = catalogue.text(
        "import.counts",
        new=report.orders_new,
        added=report.items_added,
        unchanged=report.orders_unchanged,
        changes=len(report.changes),
    )
    if report.needs_approval:
        say(counts)
        say(catalogue.text("import.needs_approval", n=len(report.changes)))
        return 3
    if not report.writes_anything:
        say(catalogue.text("import.nothing_new", unchanged=report.orders_unchanged))
        return 0
    key = "cli.import_checked" if args.dry_run else "cli.import_done"
    said = catalogue.text(key, counts=counts)
    if report.vendors_created:
        vendors = catalogue.text("cli.list_sep").join(report.vendors_created)
        said += catalogue.text("cli.import_new_vendors", vendors=vendors)
    if report.generated_barcodes:
        said += catalogue.text("cli.import_barcodes", n=report.generated_barcodes)
    say(said)
    return 0


def _say_sheets(report: ImportReport) -> None:
    """Which sheets were read, skipped and why, and hidden: said when there is more than one."""
    sep = catalogue.text("cli.list_sep")
    if len(report.sheets_read) > 1 or report.sheets_skipped or report.hidden_sheets:
        say(catalogue.text("import.sheets_read", sheets=sep.join(report.sheets_read)))
    for sheet, reason in report.sheets_skipped:
        say(catalogue.text("import.sheet_skipped", sheet=sheet, reason=catalogue.text(reason)))
    if report.hidden_sheets:
        say(catalogue.text("import.hidden_skipped", sheets=sep.join(report.hidden_sheets)))


def _codes_from(args: argparse.Namespace) -> Iterator[str]:
    """The codes to scan: the arguments, else stdin one per line.

    Stdin is read as bytes and each line decoded on its own: a line that is not
    UTF-8 (or holds NUL) becomes a scan the service refuses and logs, showing
    what came, and the lines after it are still scanned.
    """
    if args.codes:  # undecodable bytes in argv arrive as surrogates: give them back as bytes
        yield from (decode_scanned(os.fsencode(code)) for code in args.codes)
        return
    for line in sys.stdin.buffer:
        if line.strip():
            yield decode_scanned(line.rstrip(b"\r\n"))


def cmd_scan(args: argparse.Namespace) -> int:
    """Each code on its own: a refusal or an unexpected error is said and counted (exit 1),
    and the codes after it are still scanned."""
    from yinglou_desk.services.scanning.service import ScanService
    from yinglou_desk.storage.errors import StorageUnavailable

    engine = open_database(args)
    session = scan_session_from(args, engine)
    service = ScanService(engine)
    refused = 0
    for raw in _codes_from(args):
        try:
            result = service.scan(session, raw)
        except StorageUnavailable:
            raise
        except Exception as error:
            log.exception("scan %r failed", raw)
            say(catalogue.text("scan.not_recorded", code=raw, error=type(error).__name__))
            refused += 1
            continue
        print_scan(result, args.json)
        refused += result.outcome is ScanOutcome.REFUSED
    if refused:
        say(catalogue.text("cli.scans_refused", n=refused))
        return 1
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from yinglou_desk.services.orders.query import find_orders

    engine = open_database(args)
    found = find_orders(engine, args.query)
    if args.json:
        emit_json({"query": args.query, "orders": [order.to_json() for order in found]})
    else:
        mark = " " + catalogue.text("cli.overdue_mark")
        for order in found:
            overdue = mark if order.overdue else ""
            emit(
                f"{order.order_no}  {order.customer}  {order.phone or ''}  "
                f"{catalogue.name('progress', order.progress)}{overdue}"
            )
            for item in order.items:
                flag = mark if item.overdue else ""
                emit(
                    f"    {item.code}  {item.product} {item.spec or ''}  {item.stage or ''}  "
                    f"{item.vendor or ''}  {catalogue.name('state', item.state)}{flag}"
                )
    if not found:
        say(catalogue.text("cli.no_order_found", query=args.query))
        return 1
    return 0


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "db upgrade": cmd_db_upgrade,
    "demo": cmd_demo,
    "user add": cmd_user_add,
    "user disable": cmd_user_disable,
    "user new-badge": cmd_user_new_badge,
    "vendor add": cmd_vendor_add,
    "import orders": cmd_import_orders,
    "scan": cmd_scan,
    "show": cmd_show,
}
