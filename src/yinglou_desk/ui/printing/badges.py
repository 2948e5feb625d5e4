"""The badge sheet on paper or as a PDF: A4 pages of badges, each with its cut frame.

The badges come rendered from :func:`~yinglou_desk.services.labels.badge_sheet.badge_sheet`
(a worker's job); here they are painted, 1:1 in millimetres and without
smoothing so the bars stay sharp, with real text for the title and the line
under each badge — a PDF of the sheet can be searched for a name. The same
painting serves the print preview (:func:`~yinglou_desk.ui.printing.printer.preview_pages`)
and the PDF (:class:`QPdfWriter`).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from yinglou_desk import catalogue
from yinglou_desk.catalogue import text as t
from yinglou_desk.services.labels.badge_sheet import CAPTION_MM, MARGIN_MM, SHEET_DPI, BadgeSheet
from yinglou_desk.ui.printing.printer import PrintError, exec_dialog, preview_pages, to_qimage


def sheet_title(sheet: BadgeSheet) -> str:
    return t("badges.sheet_title", studio=sheet.studio, n=len(sheet.cards))


def _a4(device: QPagedPaintDevice) -> None:
    layout = QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(0, 0, 0, 0),
        QPageLayout.Unit.Millimeter,
    )
    layout.setMode(QPageLayout.Mode.FullPageMode)
    device.setPageLayout(layout)


def paint_sheet(device: QPagedPaintDevice, sheet: BadgeSheet) -> None:
    """Every page of the sheet onto ``device`` (a printer or a PDF writer set to A4)."""
    painter = QPainter()
    if not painter.begin(device):
        raise PrintError("print.refused", printer=getattr(device, "printerName", lambda: "")())
    try:
        dots = device.logicalDpiX() / 25.4  # device units per millimetre
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        pages = sheet.pages()
        width_mm, height_mm = sheet.badge_mm
        title_font, caption_font = QFont(), QFont()
        title_font.setPointSizeF(12)
        title_font.setBold(True)
        caption_font.setPointSizeF(7)
        frame = QPen(Qt.GlobalColor.gray)
        frame.setStyle(Qt.PenStyle.DashLine)
        for number, placed in enumerate(pages, start=1):
            if number > 1:
                device.newPage()
            painter.setFont(title_font)
            painter.setPen(Qt.GlobalColor.black)
            title = t("badges.page_title", title=sheet_title(sheet), page=number, pages=len(pages))
            painter.drawText(
                QRectF(MARGIN_MM * dots, MARGIN_MM * dots, 186 * dots, 8 * dots),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                title,
            )
            painter.setFont(caption_font)
            for spot in placed:
                box = QRectF(spot.x_mm * dots, spot.y_mm * dots, width_mm * dots, height_mm * dots)
                painter.drawImage(box, to_qimage(spot.card.label.image))
                painter.setPen(frame)
                painter.drawRect(box)
                painter.setPen(Qt.GlobalColor.black)
                caption = t(
                    "badges.caption",
                    name=spot.card.name,
                    role=catalogue.name("role", spot.card.role),
                    code=spot.card.badge_code,
                )
                under = QRectF(box.left(), box.bottom(), box.width(), CAPTION_MM * dots)
                painter.drawText(
                    under, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), caption
                )
    finally:
        painter.end()


def save_sheet_pdf(sheet: BadgeSheet, path: Path) -> Path:
    """The sheet as an A4 PDF at ``path`` (on the GUI thread: Qt paints it), written
    under a temporary name first so a failure leaves no half file."""
    partial = path.with_name(f".{path.stem}-{secrets.token_hex(6)}.tmp")
    try:
        writer = QPdfWriter(str(partial))
        writer.setResolution(SHEET_DPI)
        writer.setTitle(sheet_title(sheet))
        writer.setCreator("yinglou-desk")
        _a4(writer)
        paint_sheet(writer, sheet)
        del writer  # closes the file
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def preview_sheet(
    sheet: BadgeSheet,
    parent: QWidget | None = None,
    printer: QPrinter | None = None,
    run_dialog: Callable[[QPrintPreviewDialog], int] = exec_dialog,
) -> bool:
    """The print preview of the sheet; True when staff printed from it."""
    target = printer if printer is not None else QPrinter(QPrinter.PrinterMode.HighResolution)
    _a4(target)
    target.setFullPage(True)
    target.setResolution(SHEET_DPI)
    target.setDocName(sheet_title(sheet))
    return preview_pages(
        target, sheet_title(sheet), lambda device: paint_sheet(device, sheet), parent, run_dialog
    )
