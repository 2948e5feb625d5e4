"""Item labels and operator badges as 1-bit images at the printer's own resolution.

A label is drawn dot for dot at the label printer's dpi (203 or 300), in black
and white, because that is what a thermal printer prints: no grey, no
resampling, so the bars stay exactly as planned by :mod:`.label_barcode`.

Layout, top to bottom: the text box (customer, order, product, vendor), the
bars, the human-readable code. Each part is drawn into its own box, so text can
be shrunk and ellipsised but can never reach the bars or their quiet zones.

Writing files lives in :mod:`.label_output`, choosing items in
:mod:`.label_selection`, the send-out manifest in :mod:`.manifests`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from PIL import Image, ImageDraw

from yinglou_desk import catalogue
from yinglou_desk.domain.wording import WordedError, listing
from yinglou_desk.services.labels.barcode import BarcodeGeometry, draw_bars, plan_barcode
from yinglou_desk.services.labels.fonts import FontChoice, find_cjk_font, fit_line

SUPPORTED_DPI = (203, 300)


class LabelSizeError(WordedError, ValueError):
    """A label size or resolution the program does not print; the text lists the choices."""


@dataclass(frozen=True)
class LabelSize:
    """A label stock: width × height in millimetres, as printed on the roll's box."""

    name: str
    width_mm: float
    height_mm: float

    def dots(self, dpi: int) -> tuple[int, int]:
        """Whole printer dots; rounded down so the image never runs past the label."""
        return mm_to_dots(self.width_mm, dpi), mm_to_dots(self.height_mm, dpi)


SIZES: dict[str, LabelSize] = {
    name: LabelSize(name, float(w), float(h))
    for name, w, h in (("40x30", 40, 30), ("50x30", 50, 30), ("60x40", 60, 40), ("62x29", 62, 29))
}
DEFAULT_SIZE = "50x30"
BADGE_SIZE = "60x40"  # fits the same label printer; can be stuck onto a card


def mm_to_dots(mm: float, dpi: int) -> int:
    return int(mm * dpi / 25.4 + 1e-9)


def parse_size(text: str) -> LabelSize:
    """``"50x30"`` (also ``50×30``, ``50X30mm``) to a supported :class:`LabelSize`."""
    match = re.fullmatch(r"\s*(\d+)\s*[xX×*]\s*(\d+)\s*(mm)?\s*", text or "")
    size = SIZES.get(f"{match.group(1)}x{match.group(2)}") if match else None
    if size is None:
        raise LabelSizeError("labels.bad_size", size=repr(text), choices=listing(list(SIZES)))
    return size


def check_dpi(dpi: int) -> int:
    if dpi not in SUPPORTED_DPI:
        raise LabelSizeError("labels.bad_dpi", dpi=dpi)
    return dpi


@dataclass(frozen=True)
class LabelData:
    """What one item's label says. No phone number: labels travel to the vendor."""

    code: str
    customer: str
    order_no: str
    product: str
    spec: str | None = None
    qty: int = 1
    stage: str | None = None
    vendor: str | None = None

    def text_lines(self) -> list[TextLine]:
        product = " ".join(p for p in (self.product, self.spec) if p)
        if self.qty > 1:
            product += f" ×{self.qty}"
        order = catalogue.text("labels.line.order", order_no=self.order_no)
        if self.stage:
            order += f"  {self.stage}"
        lines = [TextLine(self.customer, 1.35), TextLine(order), TextLine(product)]
        if self.vendor:
            lines.append(TextLine(catalogue.text("labels.line.vendor", vendor=self.vendor)))
        return lines


@dataclass(frozen=True)
class TextLine:
    text: str
    weight: float = 1.0  # share of the text box's height


@dataclass(frozen=True)
class Box:
    left: int
    top: int
    right: int  # exclusive
    bottom: int  # exclusive

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def height(self) -> int:
        return self.bottom - self.top


@dataclass
class RenderedLabel:
    """The image and where its parts are: tests and the preview use the boxes."""

    code: str
    image: Image.Image  # mode "1", white = 1
    dpi: int
    size: LabelSize
    text_box: Box
    bar_box: Box  # the full band: bars and both quiet zones
    hri_box: Box
    geometry: BarcodeGeometry
    shortened: bool  # some text had to be cut to fit


# Proportions in millimetres: chosen so a 29 mm high label still gets ~10 mm bars.
MARGIN_MM = 1.0
BAR_HEIGHT_SHARE = 0.35
BAR_MIN_MM, BAR_MAX_MM = 8.0, 15.0
HRI_MM = 2.6
GAP_MM = 0.6
TEXT_MIN_MM = 1.9  # below this a Chinese name stops being readable at 203 dpi
TEXT_MAX_MM = 5.0
SECONDARY_SHARE = 0.8


class LabelRenderer:
    """Draws item labels and badges of one size at one dpi with one font.

    The font is looked up once (``font``, else ``YINGLOU_LABEL_FONT``, else the
    system's Chinese font), so a missing font is reported before any output.
    """

    def __init__(
        self,
        size: LabelSize | str = DEFAULT_SIZE,
        dpi: int = 300,
        font: FontChoice | str | os.PathLike[str] | None = None,
    ) -> None:
        self.size = parse_size(size) if isinstance(size, str) else size
        self.dpi = check_dpi(dpi)
        self.font = font if isinstance(font, FontChoice) else find_cjk_font(font)

    @property
    def where(self) -> str:
        return f"{self.size.name} mm @ {self.dpi} dpi"

    def _dots(self, mm: float) -> int:
        return max(1, round(mm * self.dpi / 25.4))

    def label(self, data: LabelData) -> RenderedLabel:
        return self.render(data.code, data.text_lines())

    def badge(self, badge_code: str, name: str, role: str) -> RenderedLabel:
        """An operator badge: the name big, the role, the login barcode."""
        role_text = catalogue.text("labels.badge_role", role=catalogue.name("role", role))
        return self.render(badge_code, [TextLine(name, 2.0), TextLine(role_text)])

    def render(self, code: str, lines: list[TextLine]) -> RenderedLabel:
        width, height = self.size.dots(self.dpi)
        margin = self._dots(MARGIN_MM)
        inner = Box(margin, margin, width - margin, height - margin)
        geometry = plan_barcode(code, inner.width, self.dpi, self.where)

        bar_height = self._dots(
            min(BAR_MAX_MM, max(BAR_MIN_MM, self.size.height_mm * BAR_HEIGHT_SHARE))
        )
        gap = self._dots(GAP_MM)
        hri_height = self._dots(HRI_MM)
        hri_box = Box(inner.left, inner.bottom - hri_height, inner.right, inner.bottom)
        bar_box = Box(inner.left, hri_box.top - gap - bar_height, inner.right, hri_box.top - gap)
        text_box = Box(inner.left, inner.top, inner.right, bar_box.top - gap)

        image = Image.new("1", (width, height), 1)
        draw_bars(image, geometry, bar_box.left, bar_box.top, bar_box.height)
        hri_area = Box(
            bar_box.left + geometry.left, hri_box.top, bar_box.left + geometry.right, hri_box.bottom
        )
        self._draw_lines(image, hri_area, [TextLine(code)], centre=True)
        shortened = self._draw_lines(image, text_box, lines)
        return RenderedLabel(
            code, image, self.dpi, self.size, text_box, bar_box, hri_box, geometry, shortened
        )

    def _draw_lines(
        self, image: Image.Image, box: Box, lines: list[TextLine], centre: bool = False
    ) -> bool:
        """Fits ``lines`` into ``box`` (drawn on a clipping canvas); True if any was cut.

        A line weighted less than the first never comes out bigger than
        :data:`SECONDARY_SHARE` of the first line's fitted size, so the customer's
        name stays the most prominent text even when it had to shrink.
        """
        if box.width <= 0 or box.height <= 0 or not lines:
            return bool(lines)
        canvas = Image.new("1", (box.width, box.height), 1)
        draw = ImageDraw.Draw(canvas)
        total_weight = sum(line.weight for line in lines)
        unit = box.height / total_weight
        min_px, max_px = self._dots(TEXT_MIN_MM), self._dots(TEXT_MAX_MM)
        y = 0.0
        shortened = False
        lead_px: int | None = None
        for line in lines:
            slot = unit * line.weight
            size_px = max(1, min(int(slot * 0.86), int(max_px * line.weight)))
            if lead_px is not None and line.weight < lines[0].weight:
                size_px = max(min_px, min(size_px, int(lead_px * SECONDARY_SHARE)))
            fitted = fit_line(self.font, line.text, box.width, size_px, min_px)
            lead_px = fitted.size_px if lead_px is None else lead_px
            shortened |= fitted.shortened
            x = box.width / 2 if centre else 0
            anchor = "mm" if centre else "lm"
            draw.text((x, y + slot / 2), fitted.text, font=fitted.font, fill=0, anchor=anchor)
            y += slot
        image.paste(canvas, (box.left, box.top))
        return shortened
