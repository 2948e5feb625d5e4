"""``yinglou-desk labels`` and ``yinglou-desk user badge``: label files from the command line.

Every check (size, dpi, file suffix, font, unknown order numbers or operator,
a code too long for the label) happens before anything is written; a failure
is one clear line on stderr and a non-zero exit. The written file names go to
stdout, one per line, so scripts can hand them to a printer.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from yinglou_desk import catalogue
from yinglou_desk.cli.common import open_database, output_file
from yinglou_desk.cli.output import CliError, emit, say
from yinglou_desk.domain.roles import NotPermitted


def _label_errors() -> tuple[type[Exception], ...]:
    from yinglou_desk.services.labels.barcode import BarcodeNotPrintable
    from yinglou_desk.services.labels.fonts import FontNotFound
    from yinglou_desk.services.labels.layout import LabelSizeError
    from yinglou_desk.services.labels.output import OutputError
    from yinglou_desk.services.labels.selection import SelectionError

    return (BarcodeNotPrintable, FontNotFound, OutputError, SelectionError, LabelSizeError)


def cmd_labels(args: argparse.Namespace) -> int:
    from yinglou_desk.services.labels.jobs import produce_labels
    from yinglou_desk.services.labels.layout import LabelRenderer
    from yinglou_desk.services.labels.output import output_kind

    if getattr(args, "slots", None):  # shelf-slot labels: no items, no database
        from yinglou_desk.cli.shelf_commands import cmd_slot_labels

        return cmd_slot_labels(args)
    errors = _label_errors()
    try:
        output_file(args.output, makes_folder=True)
        output_kind(args.output)
        renderer = LabelRenderer(args.size, args.dpi)  # size, dpi and font, before the database
        engine = open_database(args)
        labels = _selected(engine, args)
        paths = produce_labels(engine, labels, args.output, renderer)
    except errors as error:
        raise CliError(str(error), 2) from None
    except OSError as error:  # a folder that cannot be made, a full disk
        raise CliError(
            catalogue.text("cli.output_failed", path=args.output, error=error), 2
        ) from None
    say(catalogue.text("cli.labels_written", n=len(labels), where=renderer.where))
    for path in paths:
        emit(str(path))
    return 0


def _selected(engine, args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """Per order, per item, per send-out batch, or everything not yet labelled."""
    from yinglou_desk.services.labels.selection import (
        labels_for_batch,
        labels_for_items,
        labels_for_orders,
        unlabelled,
    )

    chosen = [bool(args.order_nos), bool(args.items), bool(args.batch), args.unlabelled]
    if sum(chosen) != 1:
        raise CliError(catalogue.text("cli.labels_one_selection"), 2)
    if args.order_nos:
        return labels_for_orders(engine, args.order_nos)
    if args.items:
        return labels_for_items(engine, args.items)
    if args.batch:
        return labels_for_batch(engine, args.batch)
    return unlabelled(engine)


def cmd_user_badge(args: argparse.Namespace) -> int:
    from yinglou_desk.cli.acting import staff_actor
    from yinglou_desk.services.labels.jobs import produce_badge

    output = output_file(args.output or f"badge-{args.name.strip()}.png", makes_folder=True)
    try:
        engine = open_database(args)
        path, code = produce_badge(engine, args.name, output, actor=staff_actor(engine, args))
    except _label_errors() as error:
        raise CliError(str(error), 2) from None
    except NotPermitted:  # a PermissionError, so an OSError: not the file's fault
        raise
    except OSError as error:
        raise CliError(catalogue.text("cli.output_failed", path=output, error=error), 2) from None
    say(catalogue.text("cli.badge_written", name=args.name.strip(), code=code))
    emit(str(path))
    return 0


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "labels": cmd_labels,
    "user badge": cmd_user_badge,
}
