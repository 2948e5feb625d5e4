"""Printing labels, badges and manifests through Qt's print support.

Two ways: with a print preview (staff see the labels before the roll is used
up), or straight to the station's label printer by name without any dialog
(the send-out station prints as it scans). Both paint the same pages.

Label and manifest pages are the 1-bit images the services rendered at the printer's
dpi (:class:`PrintJob`); a receipt is painted with QPainter so its words stay text
(:class:`PaintedJob`). For images, the
printer is asked for that resolution and for a page of the label's size with
no margins, and images are drawn without smoothing, so a 203 dpi printer
prints every module as the whole dots the image holds.

Modal dialogs never run inside this module's logic: :func:`print_with_preview`
takes ``run_dialog`` (default: ``dialog.exec()``), so tests drive the dialog
without blocking.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PIL import Image
from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPagedPaintDevice, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

from yinglou_desk.catalogue import text as t
from yinglou_desk.domain.wording import WordedError
from yinglou_desk.services.labels.layout import RenderedLabel


class PrintError(WordedError, RuntimeError):
    """Printing cannot start (no such printer, printer refused); the text says what to do.

    ``key`` and ``params`` name the sentence in the catalogue.
    """


@dataclass(frozen=True)
class PrintJob:
    """Pages of one size and resolution, e.g. a roll of labels or a stack of manifests."""

    images: Sequence[Image.Image]
    width_mm: float
    height_mm: float
    dpi: int
    title: str = "yinglou-desk"

    @classmethod
    def from_labels(cls, labels: Sequence[RenderedLabel], title: str | None = None) -> PrintJob:
        if not labels:
            raise PrintError("labels.none")
        first = labels[0]
        return cls(
            [label.image for label in labels],
            first.size.width_mm,
            first.size.height_mm,
            first.dpi,
            title or t("labels.job"),
        )


@dataclass(frozen=True)
class PaintedJob:
    """Pages painted straight onto the printer (a receipt): ``paint_pages`` draws every
    page on the device it is given (a printer, the preview's, a PDF writer), reading the
    page's size from it. ``width_mm`` × ``height_mm`` is the page asked for by default."""

    paint_pages: Callable[[QPagedPaintDevice], None]
    width_mm: float
    height_mm: float
    dpi: int = 300
    title: str = "yinglou-desk"


AnyJob = PrintJob | PaintedJob


def to_qimage(image: Image.Image) -> QImage:
    """A grey-scale copy Qt owns (the Pillow buffer may go away after this returns)."""
    grey = image.convert("L")
    data = grey.tobytes()
    qimage = QImage(data, grey.width, grey.height, grey.width, QImage.Format.Format_Grayscale8)
    return qimage.copy()


def configure(printer: QPrinter, job: AnyJob) -> None:
    """Page = the label, no margins, the label's dpi (drivers may still choose their own)."""
    page = QPageSize(
        QSizeF(job.width_mm, job.height_mm),
        QPageSize.Unit.Millimeter,
        f"{job.width_mm:g}x{job.height_mm:g}mm",
        QPageSize.SizeMatchPolicy.ExactMatch,
    )
    # Portrait keeps the size as given; "landscape" would swap a 50x30 label to 30x50.
    layout = QPageLayout(
        page, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter
    )
    layout.setMode(QPageLayout.Mode.FullPageMode)
    printer.setPageLayout(layout)
    printer.setFullPage(True)
    printer.setResolution(job.dpi)
    printer.setDocName(job.title)


def paint(printer: QPrinter, job: AnyJob) -> None:
    """Draws one image per page, 1:1 in physical size, top-left aligned (or lets a
    painted job draw its pages)."""
    if isinstance(job, PaintedJob):
        job.paint_pages(printer)
        return
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError("print.refused", printer=printer.printerName() or printer.outputFileName())
    try:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        device_dpi = printer.resolution()
        for index, image in enumerate(job.images):
            if index:
                printer.newPage()
            scale = device_dpi / job.dpi
            target = QRectF(0, 0, image.width * scale, image.height * scale)
            painter.drawImage(target, to_qimage(image))
    finally:
        painter.end()


def printer_named(name: str | None) -> QPrinter:
    """The named printer, or the system default when ``name`` is empty."""
    info = QPrinterInfo.printerInfo(name) if name else QPrinterInfo.defaultPrinter()
    if info.isNull():
        available = t("desk.list_sep").join(QPrinterInfo.availablePrinterNames())
        wanted = name or t("print.default")
        raise PrintError("print.not_found", wanted=wanted, available=available or t("print.none"))
    return QPrinter(info, QPrinter.PrinterMode.HighResolution)


def print_without_dialog(
    job: AnyJob, printer_name: str | None = None, printer: QPrinter | None = None
) -> None:
    """Straight to the station's label printer (by name), no dialog at all."""
    target = printer if printer is not None else printer_named(printer_name)
    configure(target, job)
    paint(target, job)


def exec_dialog(dialog: QDialog) -> int:
    """Run a dialog modally: the default way; tests pass their own stand-in."""
    return dialog.exec()


def print_with_preview(
    job: AnyJob,
    parent: QWidget | None = None,
    printer: QPrinter | None = None,
    run_dialog: Callable[[QPrintPreviewDialog], int] = exec_dialog,
) -> bool:
    """Shows the preview; True when staff printed from it, False when they closed it."""
    target = printer if printer is not None else QPrinter(QPrinter.PrinterMode.HighResolution)
    configure(target, job)
    return preview_pages(target, job.title, lambda device: paint(device, job), parent, run_dialog)


def preview_pages(
    printer: QPrinter,
    title: str,
    paint_pages: Callable[[QPrinter], None],
    parent: QWidget | None = None,
    run_dialog: Callable[[QPrintPreviewDialog], int] = exec_dialog,
) -> bool:
    """The preview of pages ``paint_pages`` draws on a configured printer (labels, the
    badge sheet); True when staff printed from it."""
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(t("print.preview_title", title=title))
    dialog.paintRequested.connect(paint_pages)
    try:
        return run_dialog(dialog) == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
