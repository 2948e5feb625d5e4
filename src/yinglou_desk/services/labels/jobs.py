"""Use cases: make the label file for a selection, an operator's badge, a batch's manifest.

Order of work, so a failure never leaves a half job behind: render every
label first (a code too long for the label stops everything before a file
exists), write the file(s) atomically, and only then stamp ``labelled_at``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Engine

from yinglou_desk.domain.roles import Actor
from yinglou_desk.services.clock import Clock, utc_now
from yinglou_desk.services.labels.layout import BADGE_SIZE, LabelData, LabelRenderer, RenderedLabel
from yinglou_desk.services.labels.manifests import ManifestRenderer, load_manifests
from yinglou_desk.services.labels.output import output_kind, write_images
from yinglou_desk.services.labels.selection import SelectionError, mark_labelled
from yinglou_desk.services.staff.operators import authorise_staff_change, find_operator
from yinglou_desk.storage.errors import environment_errors


def render_labels(labels: Sequence[LabelData], renderer: LabelRenderer) -> list[RenderedLabel]:
    if not labels:
        raise SelectionError("labels.nothing_to_label")
    return [renderer.label(data) for data in labels]


def produce_labels(
    engine: Engine,
    labels: Sequence[LabelData],
    output: str | os.PathLike[str],
    renderer: LabelRenderer,
    clock: Clock = utc_now,
) -> list[Path]:
    """Writes the labels to ``output`` (.pdf or .png) and marks the items labelled."""
    output_kind(output)  # a wrong suffix is refused before any work
    rendered = render_labels(labels, renderer)
    paths = write_images([r.image for r in rendered], output, renderer.dpi)
    mark_labelled(engine, [r.code for r in rendered], clock)
    return paths


def produce_badge(
    engine: Engine,
    name: str,
    output: str | os.PathLike[str],
    size: str = BADGE_SIZE,
    dpi: int = 300,
    font: str | None = None,
    *,
    actor: Actor | None,
) -> tuple[Path, str]:
    """The badge file of an active operator; returns the path and the badge code.

    A badge logs its holder in, so printing one is a change to staff accounts
    (:func:`~yinglou_desk.services.staff.operators.authorise_staff_change`).
    """
    output_kind(output)
    with environment_errors(), engine.connect() as conn:
        authorise_staff_change(conn, actor)
        operator = find_operator(conn, name)
    if operator is None:
        raise SelectionError("operator.unknown", name=name)
    rendered = LabelRenderer(size, dpi, font).badge(
        operator.badge_code, operator.name, operator.role.value
    )
    [path] = write_images([rendered.image], output, dpi)
    return path, operator.badge_code


def produce_manifests(
    engine: Engine,
    batch_codes: Sequence[str],
    output: str | os.PathLike[str],
    font: str | None = None,
) -> list[Path]:
    """The 发件单 of each batch, one A4 page (or more, for long batches) each."""
    output_kind(output)
    renderer = ManifestRenderer(font)
    pages = [page for m in load_manifests(engine, batch_codes) for page in renderer.pages(m)]
    return write_images([p.image for p in pages], output, renderer.dpi)
