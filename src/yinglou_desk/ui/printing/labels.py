"""Item labels from the desk: the orders on screen, or everything not yet labelled.

Labels are selected and rendered on a worker (:mod:`~yinglou_desk.services.labels.selection`,
:class:`~yinglou_desk.services.labels.layout.LabelRenderer`), printed through the preview, and
marked as labelled only once staff actually printed them.
"""

from __future__ import annotations

from collections.abc import Sequence

from yinglou_desk.catalogue import text as t
from yinglou_desk.services.database import Database
from yinglou_desk.services.labels.jobs import render_labels
from yinglou_desk.services.labels.layout import LabelRenderer
from yinglou_desk.services.labels.selection import labels_for_orders, unlabelled
from yinglou_desk.services.settings.this_pc import load_pc_settings
from yinglou_desk.ui.printing.printer import PrintJob

MAX_UNLABELLED = 500  # one print run; the next press takes the rest


def label_settings() -> tuple[str, int]:
    """This PC's label size and printer resolution, read at each print (本机设置 applies at once)."""
    settings, _warning = load_pc_settings()
    return settings.label_size, settings.label_dpi


def default_label_printer() -> str | None:
    """This station's label printer, printed to without a dialog; None: ask with the dialog."""
    settings, _warning = load_pc_settings()
    return settings.label_printer or None


def label_job(
    engine: Database, order_nos: Sequence[str] | None
) -> tuple[PrintJob | None, list[str]]:
    """Worker: the labels of these orders (None: all not yet labelled) and their codes."""
    labels = (
        labels_for_orders(engine, order_nos) if order_nos else unlabelled(engine, MAX_UNLABELLED)
    )
    if not labels:
        return None, []
    size, dpi = label_settings()
    rendered = render_labels(labels, LabelRenderer(size, dpi))
    title = (
        t("labels.job_orders", orders=t("desk.list_sep").join(order_nos[:3]))
        if order_nos
        else t("labels.job_unlabelled")
    )
    return PrintJob.from_labels(rendered, title), [label.code for label in rendered]


def slot_label_job(slots: Sequence[str]) -> PrintJob:
    """Worker: shelf-slot labels (货架位标签) of ``slots``, in this PC's label size."""
    from yinglou_desk.services.shelf.labels import slot_labels

    size, dpi = label_settings()
    rendered = slot_labels(LabelRenderer(size, dpi), slots)
    title = t("shelf_labels.job", first=slots[0], last=slots[-1], n=len(slots))
    return PrintJob.from_labels(rendered, title)
