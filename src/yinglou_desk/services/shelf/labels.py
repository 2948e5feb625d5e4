"""Shelf-slot labels (货架位标签): the slot's barcode and its name printed big.

Drawn by the item labels' own renderer (:class:`~yinglou_desk.services.labels.layout.LabelRenderer`)
in the label sizes of this PC, so they print on the same roll and printer. The
barcode says ``SL-A-01`` (see :mod:`yinglou_desk.domain.shelf_slots`): a scan
of it is told from any item. Nothing is written to the database.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from yinglou_desk import catalogue
from yinglou_desk.domain.shelf_slots import label_code
from yinglou_desk.services.labels.layout import LabelRenderer, RenderedLabel, TextLine
from yinglou_desk.services.labels.output import output_kind, write_images
from yinglou_desk.services.labels.selection import SelectionError


def slot_label(renderer: LabelRenderer, slot: str) -> RenderedLabel:
    """One slot's label: the name takes most of the text box, a small caption below."""
    lines = [TextLine(slot, 3.0), TextLine(catalogue.text("shelf_labels.caption"))]
    return renderer.render(label_code(slot), lines)


def slot_labels(renderer: LabelRenderer, slots: Sequence[str]) -> list[RenderedLabel]:
    if not slots:
        raise SelectionError("labels.nothing_to_label")
    return [slot_label(renderer, slot) for slot in slots]


def produce_slot_labels(
    slots: Sequence[str], output: str | os.PathLike[str], renderer: LabelRenderer
) -> list[Path]:
    """Every label rendered first, then the file(s) written atomically (.pdf or .png)."""
    output_kind(output)
    rendered = slot_labels(renderer, slots)
    return write_images([r.image for r in rendered], output, renderer.dpi)
