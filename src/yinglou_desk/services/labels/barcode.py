"""Code 128 bars drawn dot by dot, so every label the program makes will scan.

python-barcode gives the module pattern (``"1101001..."``: one character per
narrowest bar or space); we draw each module as exactly ``dots`` printer dots.
Letting a library scale bars to millimetres would make some bars one dot wider
than others on a 203 dpi printer, which is what makes cheap labels unreadable.

Rules kept here: a module is a whole number of dots and at least
:data:`MIN_MODULE_DOTS`; at least :data:`QUIET_MODULES` blank modules on each
side; if that does not fit, :class:`CodeTooLong` instead of a squeezed barcode.
"""

from __future__ import annotations

from dataclasses import dataclass

import barcode
from barcode.errors import BarcodeError
from PIL import Image, ImageDraw

from yinglou_desk.domain.wording import WordedError

MIN_MODULE_DOTS = 2
QUIET_MODULES = 10
# Wider modules scan further away, but beyond ~0.5 mm the symbol only gets long.
MAX_MODULE_MM = 0.5


class BarcodeNotPrintable(WordedError):
    """A code that cannot be printed as a readable barcode; ``key`` says why."""


class CodeTooLong(BarcodeNotPrintable):
    """The code needs more room than the label has at two dots per module."""

    def __init__(self, code: str, needed_dots: int, available_dots: int, where: str) -> None:
        super().__init__(
            "labels.code_too_long",
            code=code,
            where=where,
            needed=needed_dots,
            available=available_dots,
        )
        self.code = code
        self.needed_dots = needed_dots
        self.available_dots = available_dots


def code128_modules(code: str) -> str:
    """The module pattern of ``code`` (start, data, checksum, stop), ``1`` = bar."""
    try:
        built = barcode.get("code128", code).build()
    except (BarcodeError, KeyError, ValueError) as error:
        raise BarcodeNotPrintable("labels.not_code128", code=repr(code), error=error) from None
    return "".join(built)


@dataclass(frozen=True)
class BarcodeGeometry:
    """Where the bars go inside a band ``width`` dots wide."""

    modules: str
    module_dots: int
    left: int  # first dot of the start character
    width: int  # the band's width, quiet zones included

    @property
    def symbol_dots(self) -> int:
        return len(self.modules) * self.module_dots

    @property
    def right(self) -> int:
        """One past the last dot of the stop character."""
        return self.left + self.symbol_dots

    @property
    def quiet_dots(self) -> int:
        """The narrower of the two blank margins, in dots."""
        return min(self.left, self.width - self.right)


def plan_barcode(code: str, width: int, dpi: int, where: str) -> BarcodeGeometry:
    """The widest whole-dot module that fits ``width`` with both quiet zones, centred.

    ``where`` names the label in the refusal (e.g. "40x30 mm @ 203 dpi").
    """
    modules = code128_modules(code)
    total_modules = len(modules) + 2 * QUIET_MODULES
    module_dots = width // total_modules
    if module_dots < MIN_MODULE_DOTS:
        raise CodeTooLong(code, total_modules * MIN_MODULE_DOTS, width, where)
    max_dots = max(MIN_MODULE_DOTS, int(MAX_MODULE_MM * dpi / 25.4))
    module_dots = min(module_dots, max_dots)
    left = (width - len(modules) * module_dots) // 2
    return BarcodeGeometry(modules, module_dots, left, width)


def draw_bars(
    image: Image.Image, geometry: BarcodeGeometry, x0: int, top: int, height: int
) -> None:
    """Black bars on the (white, mode ``"1"``) image; the band starts at ``x0``."""
    draw = ImageDraw.Draw(image)
    dots = geometry.module_dots
    x = x0 + geometry.left
    run_start = None
    for index, module in enumerate(geometry.modules + "0"):
        if module == "1" and run_start is None:
            run_start = index
        elif module == "0" and run_start is not None:
            # rectangle() includes both corners, hence the -1.
            draw.rectangle(
                (x + run_start * dots, top, x + index * dots - 1, top + height - 1), fill=0
            )
            run_start = None
