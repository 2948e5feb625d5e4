"""取件单 on paper and as PDF: one QPainter layout for the preview, a printer and a file.

The words come from :func:`~yinglou_desk.services.pickup.receipt.receipt_lines`; this
module only lays them out, so what the preview shows is what the printer and the PDF
get. Text is drawn as text (a PDF keeps it searchable: ``pdftotext`` reads the Chinese
back) in a CJK font found on the PC; the customer's signature is drawn in its box, or
an empty line to sign on is left when there is none.

The page decides the layout:

- a receipt-printer roll (a page up to 100 mm wide): narrow margins, small type, one
  page as long as the receipt — the default page is 80 mm wide and exactly as long as
  the receipt needs (:func:`receipt_job`, :func:`save_receipt_pdf`);
- A5 or A4 (chosen in the preview's page set-up, or the printer's own page): wider
  margins, larger type, more pages if the list is long.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from yinglou_desk.catalogue import text as t
from yinglou_desk.domain.wording import listing
from yinglou_desk.services.database import Database
from yinglou_desk.services.pickup.receipt import Line, Receipt, receipt_for, receipt_lines
from yinglou_desk.services.settings.this_pc import load_pc_settings
from yinglou_desk.ui.printing.printer import (
    PaintedJob,
    PrintError,
    exec_dialog,
    print_with_preview,
    print_without_dialog,
)

ROLL_WIDTH_MM = 80.0
A5_MM = (148.0, 210.0)
A4_MM = (210.0, 297.0)
PAGES = {"80mm": None, "a5": A5_MM, "a4": A4_MM}  # None: the roll, as long as needed
DPI = 300
CJK_FAMILIES = ("Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC")
_MM_PER_INCH = 25.4
_ALIGN_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
_ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
_ALIGN_CENTRE = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
_WRAP = int(Qt.TextFlag.TextWordWrap)


def cjk_family() -> str | None:
    """The first Chinese font this PC has (None: Qt's own choice)."""
    have = set(QFontDatabase.families())
    return next((family for family in CJK_FAMILIES if family in have), None)


@dataclass(frozen=True)
class _Style:
    """Sizes in millimetres for one kind of page."""

    margin: float
    body: float  # type height of ordinary text
    title: float
    subtitle: float
    small: float
    gap: float  # after each line
    signature_box: float

    @classmethod
    def for_width(cls, width_mm: float) -> _Style:
        if width_mm <= 100:  # a receipt-printer roll
            return cls(4.0, 3.2, 5.0, 4.2, 2.7, 0.8, 18.0)
        return cls(12.0, 4.0, 7.0, 5.5, 3.2, 1.2, 25.0)


class ReceiptLayout:
    """The receipt's lines placed on pages of a given size, in device pixels.

    ``dpi`` is the device's resolution; fonts are sized in pixels from millimetres, so
    the same layout measures the same on a 203 dpi printer, the preview and a PDF.
    """

    def __init__(self, receipt: Receipt, lines: list[Line] | None = None) -> None:
        self.receipt = receipt
        self.lines = lines if lines is not None else receipt_lines(receipt)
        self.family = cjk_family()

    # -- measuring ---------------------------------------------------------------------------

    def height_mm(self, width_mm: float) -> float:
        """How long a roll page of ``width_mm`` must be to hold the whole receipt."""
        k = DPI / _MM_PER_INCH
        style = _Style.for_width(width_mm)
        inner = (width_mm - 2 * style.margin) * k
        total = sum(self._line_height(line, style, inner, k) for line in self.lines)
        return total / k + 2 * style.margin

    def _font(self, size_mm: float, k: float, bold: bool = False) -> QFont:
        font = QFont(self.family) if self.family else QFont()
        font.setPixelSize(max(round(size_mm * k), 1))
        font.setBold(bold)
        return font

    def _font_for(self, line: Line, style: _Style, k: float) -> QFont:
        sizes = {
            "title": (style.title, True),
            "subtitle": (style.subtitle, True),
            "small": (style.small, False),
            "heading": (style.body, True),
            "total": (style.body * 1.15, True),
        }
        size, bold = sizes.get(line.kind, (style.body, False))
        return self._font(size, k, bold)

    def _line_height(self, line: Line, style: _Style, inner: float, k: float) -> float:
        if line.kind == "rule":
            return 2.5 * k
        if line.kind == "signature":
            return (
                self._text_height(line.text, self._font(style.body, k), inner)
                + (style.signature_box + style.gap) * k
            )
        font = self._font_for(line, style, k)
        left_width = inner * (0.62 if line.right else 1.0)
        height = self._text_height(line.text, font, left_width)
        if line.right:
            height = max(height, self._text_height(line.right, font, inner - left_width))
        return height + style.gap * k

    @staticmethod
    def _text_height(text: str, font: QFont, width: float) -> float:
        if not text:
            return QFontMetricsF(font).height()
        box = QFontMetricsF(font).boundingRect(QRectF(0, 0, width, 1e6), _WRAP, text)
        return box.height()

    # -- painting ----------------------------------------------------------------------------

    def paint(self, device: QPagedPaintDevice) -> None:
        """Every page of the receipt on ``device`` (a printer, the preview's, a PDF writer)."""
        painter = QPainter()
        if not painter.begin(device):
            raise PrintError("print.refused", printer=t("receipt.title"))
        try:
            self._paint_on(painter, device)
        finally:
            painter.end()

    def _paint_on(self, painter: QPainter, device: QPagedPaintDevice) -> None:
        k = device.logicalDpiY() / _MM_PER_INCH
        width_mm = device.widthMM() or device.width() / k
        style = _Style.for_width(width_mm)
        left, top = style.margin * k, style.margin * k
        inner = device.width() - 2 * left
        bottom = device.height() - style.margin * k
        y = top
        painter.setPen(QPen(Qt.GlobalColor.black))
        for line in self.lines:
            height = self._line_height(line, style, inner, k)
            if y + height > bottom and y > top:  # A5/A4: the rest on the next page
                device.newPage()
                y = top
            self._draw(painter, line, style, QRectF(left, y, inner, height), k)
            y += height

    def _draw(self, painter: QPainter, line: Line, style: _Style, box: QRectF, k: float) -> None:
        if line.kind == "rule":
            pen = QPen(Qt.GlobalColor.black)
            pen.setWidthF(0.25 * k)
            pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            middle = box.top() + box.height() / 2
            painter.drawLine(int(box.left()), int(middle), int(box.right()), int(middle))
            painter.setPen(QPen(Qt.GlobalColor.black))
            return
        if line.kind == "signature":
            self._draw_signature(painter, line, style, box, k)
            return
        painter.setFont(self._font_for(line, style, k))
        centred = line.kind in {"title", "subtitle"}
        if line.right:
            left_box = QRectF(box.left(), box.top(), box.width() * 0.62, box.height())
            right_box = QRectF(left_box.right(), box.top(), box.width() * 0.38, box.height())
            painter.drawText(left_box, int(_ALIGN_LEFT) | _WRAP, line.text)
            painter.drawText(right_box, int(_ALIGN_RIGHT) | _WRAP, line.right)
        else:
            painter.drawText(box, int(_ALIGN_CENTRE if centred else _ALIGN_LEFT) | _WRAP, line.text)

    def _draw_signature(
        self, painter: QPainter, line: Line, style: _Style, box: QRectF, k: float
    ) -> None:
        font = self._font(style.body, k)
        painter.setFont(font)
        label_height = self._text_height(line.text, font, box.width())
        painter.drawText(
            QRectF(box.left(), box.top(), box.width(), label_height),
            int(_ALIGN_LEFT) | _WRAP,
            line.text,
        )
        area = QRectF(box.left(), box.top() + label_height, box.width(), style.signature_box * k)
        image = QImage.fromData(self.receipt.signature_png) if self.receipt.signature_png else None
        if image is not None and not image.isNull():
            scaled = QSizeF(image.width(), image.height()).scaled(
                area.size(), Qt.AspectRatioMode.KeepAspectRatio
            )
            target = QRectF(area.left(), area.top(), scaled.width(), scaled.height())
            painter.drawImage(target, image)
        else:  # nothing signed on screen: a line to sign on paper
            pen = QPen(Qt.GlobalColor.black)
            pen.setWidthF(0.3 * k)
            painter.setPen(pen)
            y = int(area.bottom() - 1 * k)
            painter.drawLine(int(area.left()), y, int(area.right()), y)
            painter.setPen(QPen(Qt.GlobalColor.black))


def _page_mm(layout: ReceiptLayout, page: str) -> tuple[float, float]:
    size = PAGES.get(page)
    if page not in PAGES:
        raise PrintError("receipt.bad_page", page=page, choices=listing(list(PAGES)))
    if size is None:
        return ROLL_WIDTH_MM, round(layout.height_mm(ROLL_WIDTH_MM) + 1, 1)
    return size


def receipt_job(engine: Database, handover_id: int, page: str = "80mm") -> PaintedJob:
    """The receipt of a hand-over, ready for :func:`print_with_preview` or
    :func:`print_without_dialog` (worker: it reads the database). ``page``: ``80mm``
    (a roll page as long as the receipt), ``a5`` or ``a4``."""
    layout = ReceiptLayout(receipt_for(engine, handover_id))
    width, height = _page_mm(layout, page)
    return PaintedJob(
        layout.paint, width, height, DPI, t("receipt.job", number=layout.receipt.receipt_no)
    )


def save_receipt_pdf(
    engine: Database, handover_id: int, path: Path | str, page: str = "80mm"
) -> Path:
    """The receipt as a PDF whose words are text (searchable, copyable); see :func:`receipt_job`."""
    job = receipt_job(engine, handover_id, page)
    target = Path(path)
    writer = QPdfWriter(str(target))
    writer.setResolution(job.dpi)
    writer.setTitle(job.title)
    writer.setCreator("yinglou-desk")
    size = QPageSize(
        QSizeF(job.width_mm, job.height_mm),
        QPageSize.Unit.Millimeter,
        f"{job.width_mm:g}x{job.height_mm:g}mm",
        QPageSize.SizeMatchPolicy.ExactMatch,
    )
    writer.setPageLayout(
        QPageLayout(
            size,
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
            QPageLayout.Unit.Millimeter,
        )
    )
    job.paint_pages(writer)
    del writer  # the file is complete once the writer is gone
    return target


def save_receipt_pdf_offscreen(engine: Database, handover_id: int, path: Path | str) -> Path:
    """:func:`save_receipt_pdf` for the command line: Qt's off-screen platform and a
    QGuiApplication of its own when there is none (no display is needed)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication([])
    try:
        return save_receipt_pdf(engine, handover_id, path)
    finally:
        del app


def default_receipt_printer() -> str | None:
    """This PC's receipt printer (本机设置), printed to without a dialog; None: the preview."""
    settings, _warning = load_pc_settings()
    return settings.receipt_printer or None


def print_receipt(
    job: PaintedJob,
    parent: QWidget | None = None,
    run_dialog: Callable[[QPrintPreviewDialog], int] = exec_dialog,
    printer_name: str | None = None,
) -> bool:
    """Print a receipt made by :func:`receipt_job` (on the GUI thread): straight to this
    PC's receipt printer when 本机设置 names one (``printer_name`` overrides it), else
    through the print preview. True when it was printed; :class:`PrintError` when the
    receipt printer is not there (the text names the printers there are)."""
    name = printer_name if printer_name is not None else default_receipt_printer()
    if name:
        print_without_dialog(job, name)
        return True
    return print_with_preview(job, parent, run_dialog=run_dialog)
