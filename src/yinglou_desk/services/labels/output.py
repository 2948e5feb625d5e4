"""Writing rendered labels to PDF or PNG, all or nothing.

PDF: one label per page; the page is the image at the printer's dpi, so the
page size is the label size rounded down to whole dots (within one dot of the
nominal millimetres) and a label printer prints it 1:1. Pages are stored 1-bit
and lossless (CCITT G4, or a two-colour palette where Pillow lacks libtiff:
Pillow would otherwise fall back to JPEG, which blurs bar edges).

PNG: one label → exactly the named file; several → ``NAME-001.png``,
``NAME-002.png`` … beside it, one label per file, each with its dpi recorded,
because label printer drivers print one image per label. (A tall sheet of
labels would be cut in the wrong places by the printer.)

Files are written to temporary names and renamed at the end, so a failure
leaves nothing half-written behind.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Sequence
from pathlib import Path

from PIL import Image, features

from yinglou_desk.domain.wording import WordedError


class OutputError(WordedError, ValueError):
    """An output file name the program cannot write; the text says which are allowed."""


def output_kind(path: str | os.PathLike[str]) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in (".pdf", ".png"):
        raise OutputError("labels.bad_output", path=path)
    return suffix[1:]


def png_paths(path: str | os.PathLike[str], count: int) -> list[Path]:
    """The files ``count`` labels go to when written as PNG to ``path``."""
    target = Path(path)
    if count == 1:
        return [target]
    return [target.with_name(f"{target.stem}-{n:03d}{target.suffix}") for n in range(1, count + 1)]


def write_images(
    images: Sequence[Image.Image], path: str | os.PathLike[str], dpi: int
) -> list[Path]:
    """Writes ``images`` as a PDF or PNG(s) by the file's suffix; the files written."""
    if not images:
        raise OutputError("labels.nothing_to_write")
    kind = output_kind(path)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if kind == "pdf":
        _atomic(target, lambda tmp: _save_pdf(images, tmp, dpi))
        return [target]
    paths = png_paths(target, len(images))
    temporaries = []
    try:
        for image, final in zip(images, paths, strict=True):
            tmp = _temporary_beside(final)
            temporaries.append(tmp)
            image.save(tmp, format="PNG", dpi=(dpi, dpi), optimize=True)
        for tmp, final in zip(temporaries, paths, strict=True):
            os.replace(tmp, final)
    finally:
        for tmp in temporaries:
            tmp.unlink(missing_ok=True)
    return paths


def pdf_page(image: Image.Image) -> Image.Image:
    """The image in a mode Pillow stores losslessly in a PDF."""
    if image.mode == "1" and features.check("libtiff"):
        return image
    if image.mode in ("1", "L"):
        return image.convert("L").convert("P", palette=Image.Palette.ADAPTIVE, colors=2)
    return image


def _save_pdf(images: Sequence[Image.Image], path: Path, dpi: int) -> None:
    pages = [pdf_page(image) for image in images]
    pages[0].save(path, format="PDF", save_all=True, append_images=pages[1:], resolution=float(dpi))


def _temporary_beside(final: Path) -> Path:
    """A fresh name in the same folder (so the rename is atomic); created by the writer
    with ordinary permissions, unlike ``mkstemp``'s owner-only files."""
    return final.with_name(f".{final.stem}-{secrets.token_hex(6)}.tmp")


def _atomic(final: Path, write: Callable[[Path], None]) -> None:
    tmp = _temporary_beside(final)
    try:
        write(tmp)
        os.replace(tmp, final)
    finally:
        tmp.unlink(missing_ok=True)
