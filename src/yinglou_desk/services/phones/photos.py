"""A photo of a label, read on the PC: the way in for a phone that cannot open its camera
in the page (the studio CA not yet trusted, an old browser).

The phone takes an ordinary picture with its camera app and uploads it; zbar (the
decoder the label tests use) finds every barcode in it. Phone pictures are large and
often blurred or tilted, so a picture that yields nothing is tried again smaller and
sharpened, which is what rescues most of them.
"""

from __future__ import annotations

import io

from PIL import Image, ImageFilter, ImageOps, UnidentifiedImageError

from yinglou_desk.domain.wording import WordedError

MAX_BYTES = 12 * 1024 * 1024
_MAX_PIXELS = 40_000_000  # a 48-megapixel phone picture is refused before it is decoded
_TRY_WIDTHS = (None, 1600, 1000)


class PhotoUnreadable(WordedError):
    """Not a picture, too large, or damaged."""


def codes_in_photo(data: bytes) -> list[str]:
    """Every barcode's text in the picture, in reading order, each once."""
    from pyzbar import pyzbar

    if not data:
        raise PhotoUnreadable("phone_web.photo_empty")
    if len(data) > MAX_BYTES:
        raise PhotoUnreadable("phone_web.photo_too_large", mb=MAX_BYTES // (1024 * 1024))
    try:
        with Image.open(io.BytesIO(data)) as opened:
            if opened.width * opened.height > _MAX_PIXELS:
                raise PhotoUnreadable("phone_web.photo_too_large", mb=MAX_BYTES // (1024 * 1024))
            picture = ImageOps.exif_transpose(opened).convert("L")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise PhotoUnreadable("phone_web.photo_not_a_picture") from None
    found: list[str] = []
    for width in _TRY_WIDTHS:
        image = picture
        if width is not None and picture.width > width:
            image = picture.resize((width, round(picture.height * width / picture.width)))
        if width == _TRY_WIDTHS[-1]:
            image = image.filter(ImageFilter.SHARPEN)
        symbols = sorted(pyzbar.decode(image), key=lambda s: (s.rect.top, s.rect.left))
        for symbol in symbols:
            text = symbol.data.decode("utf-8", errors="replace").strip()
            if text and text not in found:
                found.append(text)
        if found:
            break
    return found
