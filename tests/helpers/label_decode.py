"""Reading labels back the way a scanner would: zbar (pyzbar) on the pixels.

PDFs are rasterised with poppler's ``pdftoppm`` first. Missing tools fail the
test with the package to install: a label test that silently skips proves nothing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from PIL import Image
from pyzbar import pyzbar
from pyzbar.pyzbar import ZBarSymbol


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} not found: apt-get install poppler-utils (needed to read PDFs back)")
    return path


def decode(image: Image.Image) -> list[str]:
    """Every Code 128 symbol zbar finds in the image."""
    found = pyzbar.decode(image.convert("L"), symbols=[ZBarSymbol.CODE128])
    return [symbol.data.decode("ascii") for symbol in found]


def pdf_pages(path: Path, dpi: int) -> list[Image.Image]:
    """Each page of the PDF as a grey image rendered at ``dpi``."""
    with tempfile.TemporaryDirectory() as tmp:
        prefix = Path(tmp) / "page"
        subprocess.run(
            [tool("pdftoppm"), "-r", str(dpi), "-gray", str(path), str(prefix)],
            check=True,
            capture_output=True,
        )
        pages = []
        for page in sorted(Path(tmp).glob("page-*.pgm"), key=lambda p: int(p.stem.split("-")[-1])):
            with Image.open(page) as image:
                pages.append(image.copy())
    return pages


def decode_pdf(path: Path, dpi: int) -> list[list[str]]:
    """The codes zbar reads on each page, page by page."""
    return [decode(page) for page in pdf_pages(path, dpi)]


def pdf_page_sizes(path: Path) -> list[tuple[float, float]]:
    """Every page's size in PostScript points, as ``pdfinfo`` reports it."""
    out = subprocess.run(
        [tool("pdfinfo"), "-f", "1", "-l", "100000", str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [
        (float(w), float(h))
        for w, h in re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", out, re.M)
    ]


def pdf_embedded_images(path: Path) -> list[tuple[Image.Image, int, int]]:
    """The images stored in the PDF, untouched by rendering, with their x/y ppi."""
    listing = subprocess.run(
        [tool("pdfimages"), "-list", str(path)], check=True, capture_output=True, text=True
    ).stdout
    ppi = [
        (int(float(cols[12])), int(float(cols[13])))
        for cols in (line.split() for line in listing.splitlines()[2:])
        if len(cols) > 13
    ]
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [tool("pdfimages"), "-png", str(path), str(Path(tmp) / "img")],
            check=True,
            capture_output=True,
        )
        images = []
        for file in sorted(Path(tmp).glob("img-*.png")):
            with Image.open(file) as image:
                images.append(image.convert("L"))
    return [(image, x, y) for image, (x, y) in zip(images, ppi, strict=True)]
