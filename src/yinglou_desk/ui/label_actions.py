"""Item labels from the desk: the orders on screen, or everything not yet labelled.

Labels are selected and rendered on a worker (:mod:`~yinglou_desk.services.label_selection`,
:class:`~yinglou_desk.services.labels.LabelRenderer`), printed through the preview, and
marked as labelled only once staff actually printed them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from sqlalchemy import Engine

from ..services.label_jobs import render_labels
from ..services.label_selection import labels_for_orders, unlabelled
from ..services.labels import LabelRenderer
from .printing import PrintJob

DEFAULT_SIZE = "50x30"
DEFAULT_DPI = 300
MAX_UNLABELLED = 500  # one print run; the next press takes the rest


def label_settings() -> tuple[str, int]:
    """This PC's label size and printer resolution (``YINGLOU_LABEL_SIZE`` / ``_DPI``)."""
    size = os.environ.get("YINGLOU_LABEL_SIZE", DEFAULT_SIZE)
    dpi = int(os.environ.get("YINGLOU_LABEL_DPI", DEFAULT_DPI))
    return size, dpi


def default_label_printer() -> str | None:
    """``YINGLOU_LABEL_PRINTER``: this station's label printer, printed to without a dialog."""
    return os.environ.get("YINGLOU_LABEL_PRINTER") or None


def label_job(engine: Engine, order_nos: Sequence[str] | None) -> tuple[PrintJob | None, list[str]]:
    """Worker: the labels of these orders (None: all not yet labelled) and their codes."""
    labels = (
        labels_for_orders(engine, order_nos) if order_nos else unlabelled(engine, MAX_UNLABELLED)
    )
    if not labels:
        return None, []
    size, dpi = label_settings()
    rendered = render_labels(labels, LabelRenderer(size, dpi))
    title = "标签 " + ("、".join(order_nos[:3]) if order_nos else "未打印")
    return PrintJob.from_labels(rendered, title), [label.code for label in rendered]
