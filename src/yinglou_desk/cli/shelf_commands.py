"""``yinglou-desk shelf audit|audits|show|move`` and ``labels --slots``: the ready shelf
from the command line.

``shelf audit A-01 C1 C2 A-02 C3``: a slot (``A-01``, or a slot label's code
``SL-A-01``) starts a slot, the codes after it are what was found on it —
exactly as if scanned at the desk's 盘点 page. The audit is saved (who: the
``--operator``, named like ``scan``'s: a sorter's scans carry the station's
name, a disabled operator is refused) and its findings printed: one line per
finding, or ``--json``. ``shelf move SLOT CODE...`` puts items on a slot, each
a logged move; it exits 1 when any was refused.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from yinglou_desk import catalogue
from yinglou_desk.cli.numbers import record_number
from yinglou_desk.cli.output import CliError, emit, emit_json, say


def add_parsers(sub: Any, leaf: Callable[..., Any]) -> None:
    """The ``shelf`` group (called by :func:`yinglou_desk.cli.build_parser`)."""
    shelf = sub.add_parser("shelf", help=catalogue.text("shelf_audit.help.group"))
    shelf_sub = shelf.add_subparsers(dest="shelf_command", metavar="ACTION", required=True)
    audit = leaf(shelf_sub, "audit", "shelf_audit.help.audit")
    audit.add_argument("scans", nargs="+", metavar="SLOT CODE")
    audit.add_argument("--scope", metavar="A|*", help=catalogue.text("shelf_audit.help.scope"))
    audit.add_argument("--operator", required=True, metavar="NAME")
    audit.add_argument("--json", action="store_true")
    listed = leaf(shelf_sub, "audits", "shelf_audit.help.audits")
    listed.add_argument("--limit", type=record_number, default=50, metavar="N")
    listed.add_argument("--json", action="store_true")
    show = leaf(shelf_sub, "show", "shelf_audit.help.show")
    show.add_argument("audit_id", type=record_number, metavar="AUDIT_ID")
    show.add_argument("--json", action="store_true")
    show.add_argument("-o", "--output", metavar="FILE.xlsx")
    move = leaf(shelf_sub, "move", "shelf_audit.help.move")
    move.add_argument("slot", metavar="SLOT")
    move.add_argument("codes", nargs="+", metavar="CODE")
    move.add_argument("--operator", required=True, metavar="NAME")
    move.add_argument("--json", action="store_true")


def _operator(engine: Any, name: str) -> Any:
    from yinglou_desk.services.staff.operators import find_operator, is_disabled

    with engine.connect() as conn:
        operator = find_operator(conn, name)
        if operator is None:
            key = "operator.disabled" if is_disabled(conn, name) else "operator.unknown"
            raise CliError(catalogue.text(key, name=name), 2)
    return operator


def _as_slot(token: str) -> str | None:
    from yinglou_desk.domain.codes import InvalidCode, normalize_code
    from yinglou_desk.domain.shelf_slots import slot_name, slot_of_label

    try:
        code = normalize_code(token)
    except InvalidCode:
        return None
    return slot_of_label(code) or slot_name(code)


def _scans_of(tokens: list[str]) -> Any:
    from yinglou_desk.domain.shelf_audit import AuditScans
    from yinglou_desk.domain.shelf_slots import label_code

    scans = AuditScans()
    for token in tokens:
        slot = _as_slot(token)
        if slot is not None:
            scans.scan(label_code(slot))
        elif scans.slot is None:
            raise CliError(catalogue.text("shelf_audit.cli.slot_first", code=token), 2)
        else:
            scans.scan(token)
    return scans


def _print_findings(findings: list[Any]) -> None:
    from yinglou_desk.domain.money import yuan
    from yinglou_desk.services.shelf.audit import describe

    for f in findings:
        value = "" if f.value_fen is None else yuan(f.value_fen)
        cells = [
            catalogue.text(f"shelf_audit.kind.{f.kind.value}"),
            f.code,
            describe(f),
            f.order_no or "",
            f.customer or "",
            f.product or "",
            value,
        ]
        emit("\t".join(cells))


def _summary_line(s: Any) -> str:
    return catalogue.text(
        "shelf_audit.line",
        id=s.id,
        at=s.at.astimezone().strftime("%Y-%m-%d %H:%M"),
        operator=s.operator_name,
        workstation=s.workstation,
        scope=s.scope,
        scanned=s.scanned,
        missing=s.missing,
        misplaced=s.misplaced,
        stale=s.stale,
        unknown=s.unknown,
    )


def _report_out(report: Any, as_json: bool) -> None:
    if as_json:
        emit_json(
            {
                "audit": report.summary.to_json(),
                "findings": [f.to_json() for f in report.findings],
            }
        )
    else:
        _print_findings(report.findings)


def cmd_shelf_audit(args: argparse.Namespace) -> int:
    from yinglou_desk.cli.common import open_database
    from yinglou_desk.domain.shelf_slots import SlotError, parse_scope
    from yinglou_desk.services.settings.workstation import this_workstation
    from yinglou_desk.services.shelf.audit import AuditError, finish

    try:
        scope = parse_scope(args.scope)
    except SlotError as error:
        raise CliError(str(error), 2) from None
    scans = _scans_of(args.scans)
    engine = open_database(args)
    operator = _operator(engine, args.operator)
    try:
        report = finish(engine, scans, scope, actor=operator, workstation=this_workstation())
    except AuditError as error:
        raise CliError(str(error), 2) from None
    _report_out(report, args.json)
    s = report.summary
    say(
        catalogue.text(
            "shelf_audit.saved",
            id=s.id,
            missing=s.missing,
            misplaced=s.misplaced,
            stale=s.stale,
            unknown=s.unknown,
        )
    )
    return 0


def cmd_shelf_audits(args: argparse.Namespace) -> int:
    from yinglou_desk.cli.common import open_database
    from yinglou_desk.services.shelf.audit import audits

    listed = audits(open_database(args), max(1, args.limit))
    if args.json:
        emit_json([s.to_json() for s in listed])
    elif not listed:
        say(catalogue.text("shelf_audit.none_yet"))
    for s in listed if not args.json else []:
        emit(_summary_line(s))
    return 0


def cmd_shelf_show(args: argparse.Namespace) -> int:
    from yinglou_desk.cli.common import open_database, output_file
    from yinglou_desk.services.reports.excel import ExportError
    from yinglou_desk.services.shelf.audit import AuditError, audit
    from yinglou_desk.services.shelf.export import write_audit_workbook

    target = output_file(args.output) if args.output else None
    engine = open_database(args)
    try:
        report = audit(engine, args.audit_id)
    except AuditError as error:
        raise CliError(str(error), 2) from None
    if target is not None:
        try:
            write_audit_workbook(report, target)
        except ExportError as error:
            raise CliError(str(error), 2) from None
        say(catalogue.text("shelf_audit.exported", path=target))
    if not args.json:
        say(_summary_line(report.summary))
    _report_out(report, args.json)
    return 0


def cmd_shelf_move(args: argparse.Namespace) -> int:
    from yinglou_desk.cli.common import open_database
    from yinglou_desk.domain.shelf_slots import SlotError
    from yinglou_desk.domain.states import Station
    from yinglou_desk.services.scanning.records import ScanSession
    from yinglou_desk.services.shelf.moves import move_items, slot_from

    try:
        slot = slot_from(args.slot)
    except SlotError as error:
        raise CliError(str(error), 2) from None
    engine = open_database(args)
    session = ScanSession(Station.CHECK_IN, _operator(engine, args.operator))
    moved = move_items(engine, session, slot, args.codes)
    for m in moved:
        if args.json:
            emit_json({"code": m.code, "slot": m.slot, "message": m.message}, line=True)
        else:
            emit(f"{'OK ' if m.slot else 'ERR'} {m.code}  {m.message}")
    return 1 if any(m.slot is None for m in moved) else 0


def cmd_slot_labels(args: argparse.Namespace) -> int:
    """``labels --slots A-01..A-20 -o FILE``: no database needed."""
    from yinglou_desk.cli.common import output_file
    from yinglou_desk.cli.label_commands import _label_errors
    from yinglou_desk.domain.shelf_slots import SlotError, parse_slots
    from yinglou_desk.services.labels.layout import LabelRenderer
    from yinglou_desk.services.labels.output import output_kind
    from yinglou_desk.services.shelf.labels import produce_slot_labels

    errors: tuple[type[Exception], ...] = (SlotError, *_label_errors())
    if args.order_nos or args.items or args.batch or args.unlabelled:
        raise CliError(catalogue.text("shelf_labels.one_selection"), 2)
    try:
        slots = parse_slots(args.slots)
        output_file(args.output, makes_folder=True)
        output_kind(args.output)
        renderer = LabelRenderer(args.size, args.dpi)
        paths = produce_slot_labels(slots, args.output, renderer)
    except errors as error:
        raise CliError(str(error), 2) from None
    except OSError as error:
        raise CliError(
            catalogue.text("cli.output_failed", path=args.output, error=error), 2
        ) from None
    say(catalogue.text("shelf_labels.written", n=len(slots), where=renderer.where))
    for path in paths:
        emit(str(path))
    return 0


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "shelf audit": cmd_shelf_audit,
    "shelf audits": cmd_shelf_audits,
    "shelf show": cmd_shelf_show,
    "shelf move": cmd_shelf_move,
}
