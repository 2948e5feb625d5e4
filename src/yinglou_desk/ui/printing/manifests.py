"""发件单 of the send-out batch on screen: print with preview, or save as PDF.

The station knows its open batches by id (``ScanSession.batch_ids``, one per
vendor); the manifests are loaded and rendered on a worker
(:mod:`yinglou_desk.services.labels.manifests`), then printed through
:func:`~yinglou_desk.ui.printing.printer.print_with_preview` — whose ``run_dialog``
the station passes in, so tests never block on the preview — or written as
a PDF by :func:`~yinglou_desk.services.labels.jobs.produce_manifests`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PIL import Image

from yinglou_desk.catalogue import text as t
from yinglou_desk.services.database import Database
from yinglou_desk.services.labels.jobs import produce_manifests
from yinglou_desk.services.labels.manifests import (
    A4_MM,
    MANIFEST_DPI,
    ManifestRenderer,
    batch_codes,
    load_manifests,
)
from yinglou_desk.ui.printing.printer import PrintJob


def manifest_job(engine: Database, batch_ids: Sequence[int]) -> PrintJob | None:
    """The A4 pages of every open batch, ready to print (worker); None without a batch."""
    codes = batch_codes(engine, batch_ids)
    if not codes:
        return None
    renderer = ManifestRenderer()
    images: list[Image.Image] = [
        page.image for m in load_manifests(engine, codes) for page in renderer.pages(m)
    ]
    title = t("send.manifest_job", codes=t("desk.list_sep").join(codes))
    return PrintJob(images, A4_MM[0], A4_MM[1], MANIFEST_DPI, title)


def save_manifests(engine: Database, batch_ids: Sequence[int], path: Path) -> list[Path]:
    """The manifests as a PDF (worker); an empty list without a batch."""
    codes = batch_codes(engine, batch_ids)
    return [] if not codes else produce_manifests(engine, codes, path)
